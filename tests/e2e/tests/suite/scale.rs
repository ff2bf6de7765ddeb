//! The site at scale (issue 15): synthetic libraries of N plans built by `scripts/scale` into
//! `target/scale/<N>/dist` (`make scale-small`: 5 and 200, part of `make test`; `make scale`:
//! 5, 500 and 2,000). `PLANSCOPE_SCALE=5,500,2000` names the libraries (default `5,200`).
//!
//! Asserted, in brotli bytes (deterministic): the first screen — `index.html` with its first
//! page of plans, CSS, the home bundle, and the manifest `data/index.json` the library fetches
//! with JavaScript on — ≤ 200 KB at the largest N and ≤ 100 B more per added plan; the explorer
//! of any one indicator downloads ≤ 100 KB of data (the manifest and its indicator file); the
//! static pages chain every plan with JavaScript off. The browser scenarios at 2,000 plans
//! (`#[ignore]`, run by `make scale`) print filter and sort latency at 4× CPU throttling.

use std::path::PathBuf;

use planscope_e2e::size::{first_screen_files, FileSize, BUDGET_FIRST_SCREEN};
use planscope_model::PlanIndex;

use crate::harness::SERIAL;
use crate::{ensure, in_browser};

/// Growth of the first screen per added plan, brotli bytes.
const BUDGET_PER_PLAN: f64 = 100.0;
/// What the explorer of one indicator downloads (data: manifest + indicator file), brotli.
const BUDGET_EXPLORER: u64 = 100_000;

fn sizes() -> Vec<usize> {
    let spec = std::env::var("PLANSCOPE_SCALE").unwrap_or_else(|_| "5,200".to_owned());
    let mut n: Vec<usize> = spec
        .split(',')
        .map(|s| {
            s.trim()
                .parse()
                .expect("PLANSCOPE_SCALE: plan counts, comma-separated")
        })
        .collect();
    n.sort_unstable();
    n
}

fn scale_dist(n: usize) -> PathBuf {
    let dist = planscope_e2e::workspace_root().join(format!("target/scale/{n}/dist"));
    assert!(
        dist.join("index.html").is_file(),
        "{}: not built; `make scale-small` (5, 200) or `make scale` (5, 500, 2000) runs scripts/scale",
        dist.display()
    );
    dist
}

fn index(dist: &std::path::Path) -> PlanIndex {
    let json = std::fs::read_to_string(dist.join("data/index.json")).expect("data/index.json");
    serde_json::from_str(&json).expect("data/index.json decodes")
}

fn brotli_of(dist: &std::path::Path, f: &str) -> u64 {
    FileSize::measure(dist, f)
        .unwrap_or_else(|e| panic!("{}/{f}: {e}", dist.display()))
        .brotli
}

/// (plans, first-screen brotli bytes, manifest brotli bytes) of the library of `n` plans.
fn first_screen(n: usize) -> (usize, u64, u64) {
    let dist = scale_dist(n);
    let plans = index(&dist).plans.len();
    assert_eq!(plans, n, "{}: plans in the index", dist.display());
    let files = first_screen_files(&dist).expect("first-screen files");
    let page: u64 = files.iter().map(|f| brotli_of(&dist, f)).sum();
    let manifest = brotli_of(&dist, "data/index.json");
    (plans, page + manifest, manifest)
}

#[test]
fn first_screen_stays_in_budget_and_grows_little_per_plan() {
    let n = sizes();
    let rows: Vec<(usize, u64, u64)> = n.iter().map(|&n| first_screen(n)).collect();
    for (plans, total, manifest) in &rows {
        println!(
            "first screen at {plans} plans: {total} B brotli (manifest data/index.json {manifest} B)"
        );
        assert!(
            *total <= BUDGET_FIRST_SCREEN,
            "first screen at {plans} plans: {total} B brotli > {BUDGET_FIRST_SCREEN}"
        );
    }
    let (small, large) = (rows[0], rows[rows.len() - 1]);
    assert!(large.0 > small.0, "two library sizes needed, got {n:?}");
    let per_plan = (large.1 as f64 - small.1 as f64) / (large.0 - small.0) as f64;
    println!(
        "first screen growth {} → {} plans: {per_plan:.1} B brotli per added plan (budget {BUDGET_PER_PLAN})",
        small.0, large.0
    );
    assert!(
        per_plan <= BUDGET_PER_PLAN,
        "first screen grows {per_plan:.1} B brotli per plan > {BUDGET_PER_PLAN}"
    );
}

#[test]
fn the_explorer_of_one_indicator_downloads_its_file_only() {
    for n in sizes() {
        let dist = scale_dist(n);
        let idx = index(&dist);
        assert!(!idx.indicators.is_empty(), "{n} plans: no indicator files");
        let manifest = brotli_of(&dist, "data/index.json");
        let (worst, bytes) = idx
            .indicators
            .iter()
            .map(|r| (r.id.clone(), brotli_of(&dist, &format!("data/{}", r.file))))
            .max_by_key(|x| x.1)
            .unwrap();
        println!(
            "explorer at {n} plans: largest indicator file {worst} {bytes} B brotli + manifest {manifest} B"
        );
        assert!(
            bytes + manifest <= BUDGET_EXPLORER,
            "explorer of {worst} at {n} plans: {} B brotli > {BUDGET_EXPLORER}",
            bytes + manifest
        );
        // Every file the index names exists under its content hash.
        for r in &idx.indicators {
            let raw = std::fs::read(dist.join("data").join(&r.file)).unwrap();
            assert_eq!(
                r.file,
                format!("ind/{}", planscope_model::layout::hashed_name(&r.id, &raw))
            );
        }
    }
}

/// The value of every `attr="…"` in `html`.
fn attrs<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let key = format!(" {attr}=\"");
    html.match_indices(&key)
        .filter_map(|(at, _)| {
            let rest = &html[at + key.len()..];
            rest.find('"').map(|end| &rest[..end])
        })
        .collect()
}

/// With JavaScript off, `index.html` shows the first page and its pager's 下一页 links
/// (`rel="next"`) chain the static pages through every plan, in the library's order.
#[test]
fn static_pages_reach_every_plan() {
    for n in sizes() {
        let dist = scale_dist(n);
        let idx = index(&dist);
        let mut file = "index.html".to_owned();
        let mut seen: Vec<String> = Vec::new();
        let mut pages = 0;
        loop {
            let html =
                std::fs::read_to_string(dist.join(&file)).unwrap_or_else(|e| panic!("{file}: {e}"));
            pages += 1;
            let cards: Vec<String> = attrs(&html, "data-plan")
                .into_iter()
                .map(str::to_owned)
                .collect();
            assert!(
                !cards.is_empty() && cards.len() <= planscope_view_page_size(),
                "{file}: {} cards",
                cards.len()
            );
            seen.extend(cards);
            // the pager's next link: `<a … href="library-3.html" rel="next">`
            let next = html
                .split("<a ")
                .skip(1)
                .find(|a| a.contains("rel=\"next\""))
                .and_then(|a| {
                    attrs(&format!(" {a}"), "href")
                        .first()
                        .map(|s| s.to_string())
                });
            match next {
                Some(href) => file = href,
                None => break,
            }
            assert!(pages <= n, "the pager does not end");
        }
        let mut unique = seen.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), seen.len(), "a plan on two pages");
        let mut all: Vec<String> = idx.plans.iter().map(|e| e.id.clone()).collect();
        all.sort();
        assert_eq!(
            unique, all,
            "{n} plans: the static pages list every plan once"
        );
        println!("{n} plans: {pages} static library pages reach every plan with JavaScript off");
    }
}

/// Cards per page, as the page shows them (`library::PAGE_SIZE` of the view crate, which this
/// suite does not link): the first page of a library with more plans is full.
fn planscope_view_page_size() -> usize {
    20
}

/// At the largest library: the first screen shows one page, filter and sort over every plan
/// rewrite the address and the list, and their latency at 4× CPU throttling is printed.
#[tokio::test]
#[ignore = "needs the 2,000-plan site: make scale"]
async fn library_at_scale_filters_sorts_and_pages_latency_printed() {
    let _serial = SERIAL.lock().await;
    let n = *sizes().last().unwrap();
    let dist = scale_dist(n);
    let site = planscope_e2e::server::Server::start_local(
        planscope_e2e::server::Config::new(dist.clone()).prefix("/"),
    )
    .expect("start the static server");
    let base = site.url();
    in_browser!((390, 844), |b| {
        b.goto(&base).await?;
        b.wait_ready().await?;
        let cards = b
            .js("return document.querySelectorAll('.ps-card').length;")
            .await?;
        ensure!(cards == 20, "first page shows {cards} cards, not 20");
        let summary = b.text("[role=status]").await?;
        ensure!(
            summary.contains(&n.to_string()),
            "summary {summary:?} does not count {n}"
        );
        b.cdp(
            "Emulation.setCPUThrottlingRate",
            serde_json::json!({ "rate": 4 }),
        )
        .await?;
        // One menu change as a reader makes it. The app redraws in the change handler and the
        // microtasks after it (Leptos effects), so by the next animation frame the address and the
        // list are what they will be (the list may not change at all: the first page of a filter
        // can hold the same plans). The clock stops in a task queued from that frame's callback,
        // which runs after the frame's rendering: style, layout and paint of the new list count.
        let mut report = Vec::new();
        for (select, value) in [
            ("ps-filter-kind", "action_plan"),
            ("ps-filter-sort", "targets"),
            ("ps-filter-sort", "region"),
            ("ps-filter-kind", ""),
            ("ps-filter-sort", "date"),
        ] {
            b.js(&format!(
                "window.__lat = null; const s = document.getElementById({select:?}); \
                 const before = location.search; s.value = {value:?}; const t0 = performance.now(); \
                 s.dispatchEvent(new Event('change', {{ bubbles: true }})); \
                 const tick = () => {{ if (location.search !== before) {{ \
                   setTimeout(() => {{ window.__lat = performance.now() - t0; }}, 0); }} else {{ requestAnimationFrame(tick); }} }}; \
                 requestAnimationFrame(tick); return true;"
            ))
            .await?;
            let ms = b.wait_latency("the list after a menu change").await?;
            let url = b.current_url().await?;
            let shown = b
                .js("return document.querySelectorAll('.ps-card').length;")
                .await?;
            ensure!(
                shown.as_u64().unwrap_or(0) <= 20,
                "{url}: {shown} cards on a page"
            );
            println!("library at {n} plans, 4x CPU: {select}={value:?} → {ms:.0} ms ({url})");
            report.push(ms);
        }
        b.cdp(
            "Emulation.setCPUThrottlingRate",
            serde_json::json!({ "rate": 1 }),
        )
        .await?;
        let mut sorted = report.clone();
        sorted.sort_by(|a, b| a.total_cmp(b));
        println!(
            "library at {n} plans, 4x CPU: filter/sort median {:.0} ms, max {:.0} ms (target ≤ 100 ms; printed, not asserted)",
            sorted[sorted.len() / 2],
            sorted[sorted.len() - 1]
        );
        // The pager: the next page in-app shows other plans, and the address says which.
        let first = b
            .js("return document.querySelector('.ps-card').dataset.plan;")
            .await?;
        b.click("a.ps-pager__step[rel=next]").await?;
        b.wait_for_js(
            "page 2",
            "location.pathname.endsWith('library-2.html') && document.documentElement.dataset.ready === '1'",
        )
        .await?;
        let second = b
            .js("return document.querySelector('.ps-card').dataset.plan;")
            .await?;
        ensure!(first != second, "page 2 shows the first page's plans");
        // Reloading page 2 (its static file, then the app) keeps page 2.
        b.goto(&format!("{base}library-2.html")).await?;
        b.wait_ready().await?;
        let again = b
            .js("return document.querySelector('.ps-card').dataset.plan;")
            .await?;
        ensure!(
            again == second,
            "library-2.html shows {again}, not {second}"
        );
        b.assert_no_console_errors(&[]).await
    });
}
