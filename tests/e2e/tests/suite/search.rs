//! Search across plans (issue 13): counts per plan equal the count of the string in each seed
//! file (computed here from `seeds/*.txt`, not from the app's JSON), result links land on a
//! paragraph holding the hits, marked, with the reader's find bar open; a search URL in a fresh
//! browser shows the same results; filters narrow them; odd queries do not break the page; the
//! XSS fixture's markup shows literally in snippets; the bytes a cold query downloads are within
//! budget and the first screen downloads nothing of the search.

use std::collections::BTreeMap;
use std::error::Error;

use planscope_model::PlanDocument;
use serde_json::Value;

use crate::harness::{self, dist_with_plan, parse_fixture, serve, Browser, TestResult, SERIAL};
use crate::{ensure, in_browser};

const PHONE: (u32, u32) = (390, 844);
const NARROW: (u32, u32) = (320, 640);
const DESKTOP: (u32, u32) = (1280, 800);

/// The queries; 展学前 spans a word boundary (发展|学前教育).
const QUERIES: [&str; 3] = ["学前教育", "课后服务", "展学前"];

type R<T> = Result<T, Box<dyn Error>>;

/// `s` percent-encoded for a query string (every byte but ASCII letters and digits).
pub(crate) fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// Occurrences (non-overlapping) of `q` in each seed file's text: plan id (the file stem) → count,
/// plans without any left out.
fn seed_counts(q: &str) -> BTreeMap<String, u64> {
    let dir = planscope_e2e::workspace_root().join("seeds");
    let mut out = BTreeMap::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_none_or(|x| x != "txt") {
            continue;
        }
        let text = planscope_parser::decode(&std::fs::read(&p).unwrap())
            .unwrap()
            .text;
        let n = text.matches(q).count() as u64;
        if n > 0 {
            out.insert(p.file_stem().unwrap().to_string_lossy().into_owned(), n);
        }
    }
    out
}

async fn open_search(b: &Browser, base: &str, q: &str) -> TestResult {
    b.goto(&format!("{base}?view=search&q={}", enc(q))).await?;
    b.wait_ready().await
}

/// The results on screen: plan → (count, [(section, count, href, has snippet)]).
async fn results(b: &Browser) -> R<Value> {
    b.js("return Array.from(document.querySelectorAll('.ps-result')).map(r => ({ \
          plan: r.dataset.plan, count: Number(r.dataset.count), \
          secs: Array.from(r.querySelectorAll('.ps-rsec')).map(s => ({ sec: s.dataset.sec, count: Number(s.dataset.count), \
            href: s.querySelector('a').getAttribute('href'), snippet: !!s.querySelector('.ps-snippet'), \
            marks: Array.from(s.querySelectorAll('mark.ps-hit')).map(m => m.textContent) })) }));")
        .await
}

fn counts_of(results: &Value) -> BTreeMap<String, u64> {
    results
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["plan"].as_str().unwrap().to_owned(),
                r["count"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// Opens `href` (unless the page is already there) and checks that its target (paragraph or
/// section) holds marked hits of `word` only, that the current hit is inside it and on screen,
/// and that the find bar is open on the word.
async fn lands_on_hits(b: &Browser, base: &str, href: &str, word: &str, open: bool) -> TestResult {
    if open {
        b.goto(&format!("{base}{href}")).await?;
    }
    b.wait_ready().await?;
    // Result links are `plan-<id>.html?find=…#p-…`; read them in the query form.
    let old = harness::old_form(href);
    let q: Vec<(String, String)> = old
        .trim_start_matches('?')
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
    let get = |k: &str| q.iter().find(|(x, _)| x == k).map(|(_, v)| v.clone());
    let target = match (get("p"), get("sec")) {
        (Some(p), _) => format!("p-{p}"),
        (None, Some(s)) => format!("s-{s}"),
        _ => return Err(format!("{href}: no target").into()),
    };
    let found = b.wait_for_js(
        "the current find hit, on screen",
        &format!("Array.from(document.getElementById({target:?})?.querySelectorAll('mark.ps-hit.is-current') ?? []).some(m => {{ const q = m.getBoundingClientRect(); return q.bottom > 0 && q.top < innerHeight; }})"),
    )
    .await;
    if let Err(e) = found {
        let state = b
            .js(&format!(
                "const c = document.querySelector('mark.ps-hit.is-current'); const t = document.getElementById({target:?}); \
                 return {{ marks: document.querySelectorAll('mark.ps-hit').length, current: c ? [c.textContent, c.getBoundingClientRect().top, !!(t && t.contains(c))] : null, \
                 target: t ? t.getBoundingClientRect().top : null, scrollY, innerHeight, url: location.href }};"
            ))
            .await?;
        return Err(format!("{href}: {e}; {state}").into());
    }
    let facts = b
        .js(&format!(
            "const t = document.getElementById({target:?}); const r = t.getBoundingClientRect(); \
             return {{ marks: Array.from(t.querySelectorAll('mark.ps-hit')).map(m => m.textContent), \
             find: document.getElementById('ps-find-input').value, \
             open: !document.querySelector('.ps-find').hidden, top: r.top }};"
        ))
        .await?;
    ensure!(facts["find"] == word, "{href}: find bar {facts}");
    ensure!(facts["open"] == true, "{href}: find bar closed");
    let marks = facts["marks"].as_array().unwrap();
    ensure!(
        !marks.is_empty() && marks.iter().all(|m| m.as_str() == Some(word)),
        "{href}: marks {facts}"
    );
    Ok(())
}

#[tokio::test]
async fn counts_per_plan_equal_the_seed_files_and_links_land_on_the_hits() {
    let _serial = SERIAL.lock().await;
    let site = serve("/");
    let base = site.url();
    for size in [PHONE, DESKTOP] {
        in_browser!(size, |b| {
            for q in QUERIES {
                let want = seed_counts(q);
                ensure!(!want.is_empty(), "{q} is in no seed");
                open_search(&b, &base, q).await?;
                let r = results(&b).await?;
                ensure!(
                    counts_of(&r) == want,
                    "{q}: shown {:?}, seed files {want:?}",
                    counts_of(&r)
                );
                let summary = b
                    .js("const s = document.querySelector('.ps-search__summary'); return [Number(s.dataset.plans), Number(s.dataset.hits)];")
                    .await?;
                ensure!(
                    summary[0] == want.len() && summary[1] == want.values().sum::<u64>(),
                    "{q}: summary {summary}"
                );
                // Sections add up to the plan's count; snippets mark exactly the query.
                for plan in r.as_array().unwrap() {
                    let secs = plan["secs"].as_array().unwrap();
                    let sum: u64 = secs.iter().map(|s| s["count"].as_u64().unwrap()).sum();
                    ensure!(
                        sum == plan["count"].as_u64().unwrap(),
                        "{q}: sections of {plan}"
                    );
                    for s in secs.iter().filter(|s| s["snippet"] == true) {
                        let marks = s["marks"].as_array().unwrap();
                        ensure!(
                            !marks.is_empty() && marks.iter().all(|m| m.as_str() == Some(q)),
                            "{q}: snippet marks {s}"
                        );
                    }
                }
                b.assert_no_horizontal_scroll().await?;
                b.screenshot(&format!("search-{}-{}", size.0, enc(q)))
                    .await?;
                // Every link with a snippet lands on its hits (at the phone width the first of
                // each plan, clicked in the app; on the desktop all of them, opened afresh).
                let links: Vec<String> = r
                    .as_array()
                    .unwrap()
                    .iter()
                    .flat_map(|p| {
                        let secs = p["secs"].as_array().unwrap().clone();
                        let take = if size == PHONE { 1 } else { secs.len() };
                        secs.into_iter()
                            .filter(|s| s["snippet"] == true)
                            .take(take)
                            .map(|s| s["href"].as_str().unwrap().to_owned())
                            .collect::<Vec<_>>()
                    })
                    .collect();
                ensure!(!links.is_empty(), "{q}: no links");
                if size == PHONE {
                    for href in &links {
                        open_search(&b, &base, q).await?;
                        let found = b
                            .js(&format!("const a = Array.from(document.querySelectorAll('.ps-rsec__link')).find(a => a.getAttribute('href') === {href:?}); if (!a) return false; a.click(); return true;"))
                            .await?;
                        ensure!(found == true, "{href} not on the page");
                        b.wait_for_js("the plan page", "psq().startsWith('?plan=')")
                            .await?;
                        lands_on_hits(&b, &base, href, q, false).await?;
                    }
                } else {
                    for href in &links {
                        lands_on_hits(&b, &base, href, q, true).await?;
                    }
                }
            }
            b.assert_no_console_errors(&[]).await
        });
    }
}

#[tokio::test]
async fn a_search_url_shows_the_same_results_in_a_fresh_browser_and_filters_narrow() {
    let _serial = SERIAL.lock().await;
    let site = serve("/portal/plans/");
    let base = site.url();
    let mut shared = (String::new(), Value::Null);
    in_browser!(PHONE, |b| {
        // Typed into the header's box on the library page.
        b.goto(&base).await?;
        b.wait_ready().await?;
        b.client
            .find(fantoccini::Locator::Css(".ps-hsearch__input"))
            .await?
            .send_keys("课后服务\n")
            .await?;
        b.wait_for_js("the search page", "location.search.includes('view=search')")
            .await?;
        b.wait_ready().await?;
        ensure!(
            b.js("return document.getElementById('ps-search-q').value;")
                .await?
                == "课后服务",
            "the page's field does not show the query"
        );
        // Refined on the page: the address follows the field, and the results.
        b.wait_for_css(".ps-search__summary").await?;
        let before = b.text(".ps-search__summary").await?;
        b.client
            .find(fantoccini::Locator::Id("ps-search-q"))
            .await?
            .send_keys(" 学生")
            .await?;
        b.wait_for_js(
            "the address",
            "decodeURIComponent(location.search).includes('课后服务 学生')",
        )
        .await?;
        b.wait_for_js(
            "new results",
            &format!("document.querySelector('.ps-search__summary')?.textContent !== {before:?}"),
        )
        .await?;
        b.wait_ready().await?;
        shared = (b.current_url().await?, results(&b).await?);
        ensure!(
            !shared.1.as_array().unwrap().is_empty(),
            "no results for 课后服务 学生"
        );
        b.assert_no_console_errors(&[]).await
    });
    in_browser!(DESKTOP, |b| {
        b.goto(&shared.0).await?;
        b.wait_ready().await?;
        let r = results(&b).await?;
        ensure!(r == shared.1, "fresh browser: {r}\nfirst: {}", shared.1);
        // Filters narrow: 教育 in every plan, then only in 广东省's, then only action plans.
        open_search(&b, &base, "教育").await?;
        let all = counts_of(&results(&b).await?);
        let index: planscope_model::PlanIndex = serde_json::from_str(
            &std::fs::read_to_string(planscope_e2e::dist_dir().join("data/index.json")).unwrap(),
        )
        .unwrap();
        let gd: Vec<&str> = index
            .plans
            .iter()
            .filter(|p| p.region.province.as_deref() == Some("广东省"))
            .map(|p| p.id.as_str())
            .collect();
        b.js("const s = document.getElementById('ps-search-region'); s.value = '广东省'; s.dispatchEvent(new Event('change', {bubbles: true}));")
            .await?;
        b.wait_for_js(
            "the region in the address",
            "location.search.includes('region=')",
        )
        .await?;
        b.wait_for_js(
            "fewer results",
            &format!(
                "document.querySelectorAll('.ps-result').length === {}",
                gd.len()
            ),
        )
        .await?;
        b.wait_ready().await?;
        let narrowed = counts_of(&results(&b).await?);
        ensure!(
            narrowed.keys().all(|k| gd.contains(&k.as_str())) && narrowed.len() < all.len(),
            "region filter: {narrowed:?} of {all:?}"
        );
        for (k, v) in &narrowed {
            ensure!(all.get(k) == Some(v), "{k}: count changed under a filter");
        }
        // By date: newest issued date first.
        b.js("const s = document.getElementById('ps-search-order'); s.value = 'date'; s.dispatchEvent(new Event('change', {bubbles: true}));")
            .await?;
        b.wait_for_js("order=date", "location.search.includes('order=date')")
            .await?;
        b.wait_ready().await?;
        let order: Vec<String> = counts_of(&results(&b).await?).into_keys().collect();
        ensure!(!order.is_empty(), "no results by date");
        b.assert_no_console_errors(&[]).await
    });
}

#[tokio::test]
async fn odd_queries_keep_the_page_working() {
    let _serial = SERIAL.lock().await;
    let site = serve("/");
    let base = site.url();
    let long = "教育".repeat(100);
    let odd: [(&str, &str); 8] = [
        ("", "hint"),
        ("   ", "hint"),
        ("教", "results"),
        (&long, "none"),
        ("<script>alert(1)</script>", "none"),
        ("%", "results"),
        ("😀", "none"),
        ("没有这样的词语组合", "none"),
    ];
    in_browser!(NARROW, |b| {
        for (q, want) in odd {
            open_search(&b, &base, q).await?;
            let facts = b
                .js("return { hint: !!document.querySelector('.ps-search__hint'), none: !!document.querySelector('.ps-search__none'), \
                     results: document.querySelectorAll('.ps-result').length, field: document.getElementById('ps-search-q').value, \
                     library: !!document.querySelector('.ps-search__none a[href=\"./\"]'), scripts: document.querySelectorAll('#app script').length, \
                     text: document.getElementById('app').textContent };")
                .await?;
            let expected_field: String = q.chars().take(200).collect();
            ensure!(
                facts["field"] == expected_field.as_str(),
                "{q:?}: field {}",
                facts["field"]
            );
            ensure!(facts["scripts"] == 0, "{q:?}: a script element");
            match want {
                "hint" => ensure!(facts["hint"] == true, "{q:?}: {facts}"),
                "none" => {
                    ensure!(
                        facts["none"] == true && facts["library"] == true,
                        "{q:?}: {facts}"
                    );
                    ensure!(
                        facts["text"].as_str().unwrap().contains("没有找到"),
                        "{q:?}: message"
                    );
                }
                _ => ensure!(facts["results"].as_u64().unwrap() > 0, "{q:?}: {facts}"),
            }
            b.assert_no_horizontal_scroll().await?;
        }
        // Typing a lone % keeps the address decodable.
        open_search(&b, &base, "").await?;
        b.client
            .find(fantoccini::Locator::Id("ps-search-q"))
            .await?
            .send_keys("%")
            .await?;
        b.wait_for_js("the address", "location.search.includes('q=%25')")
            .await?;
        b.wait_for_css(".ps-result").await?;
        b.screenshot("search-odd-320").await?;
        b.assert_no_console_errors(&[]).await
    });
}

#[tokio::test]
async fn markup_in_a_plan_shows_literally_in_snippets() {
    let _serial = SERIAL.lock().await;
    let copy = dist_with_plan(&parse_fixture("xss/xss-fixture.txt"));
    let data = copy.path().join("data");
    let index: planscope_model::PlanIndex =
        serde_json::from_str(&std::fs::read_to_string(data.join("index.json")).unwrap()).unwrap();
    let docs: Vec<PlanDocument> = index
        .plans
        .iter()
        .map(|e| {
            serde_json::from_str(&std::fs::read_to_string(data.join(e.data_file())).unwrap())
                .unwrap()
        })
        .collect();
    let built = planscope_search::build::build(&docs);
    let dir = data.join("search");
    std::fs::remove_dir_all(&dir).unwrap();
    std::fs::create_dir_all(&dir).unwrap();
    for (name, bytes) in &built.files {
        std::fs::write(dir.join(name), bytes).unwrap();
    }
    let site =
        planscope_e2e::server::Server::start_local(planscope_e2e::server::Config::new(copy.path()))
            .expect("start the static server");
    in_browser!(PHONE, |b| {
        for q in ["alert(1)", "<img"] {
            open_search(&b, &site.url(), q).await?;
            let facts = b
                .js("const r = document.querySelector(\"[data-plan='xss-fixture']\"); return { \
                     found: !!r, text: r ? r.textContent : '', marks: r ? Array.from(r.querySelectorAll('mark')).map(m => m.textContent) : [], \
                     bad: document.querySelectorAll('#app script, #app img:not(.ps-qr), #app iframe, #app [onerror]').length, \
                     js: Array.from(document.querySelectorAll('a[href]')).filter(a => a.getAttribute('href').toLowerCase().startsWith('javascript')).length };")
                .await?;
            ensure!(
                facts["found"] == true,
                "{q}: the fixture plan is not among the results"
            );
            ensure!(
                facts["bad"] == 0 && facts["js"] == 0,
                "{q}: markup became elements {facts}"
            );
            let text = facts["text"].as_str().unwrap();
            ensure!(
                text.contains("<script>alert(1)</script>")
                    || text.contains("<img src=x onerror=alert(1)>"),
                "{q}: snippets do not show the markup literally: {text}"
            );
            ensure!(
                facts["marks"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .all(|m| m.as_str() == Some(q)),
                "{q}: marks {facts}"
            );
        }
        b.screenshot("search-xss-390").await?;
        b.assert_no_console_errors(&[]).await
    });
}

#[tokio::test]
async fn a_cold_query_downloads_little_and_the_first_screen_nothing_of_search() {
    let _serial = SERIAL.lock().await;
    let site = serve("/");
    let base = site.url();
    let bytes = "return performance.getEntriesByType('resource').filter(e => e.name.includes('/data/search/') || /search-[0-9a-f]{16}[.]css$/.test(e.name)) \
                 .reduce((a, e) => { a.n += 1; a.transfer += e.transferSize; a.body += e.encodedBodySize; a.raw += e.decodedBodySize; return a; }, { n: 0, transfer: 0, body: 0, raw: 0 });";
    in_browser!(PHONE, |b| {
        b.goto(&base).await?;
        b.wait_ready().await?;
        let first = b.js(bytes).await?;
        ensure!(
            first["n"] == 0,
            "the first screen fetched search files: {first}"
        );
        b.assert_no_console_errors(&[]).await
    });
    for q in ["教育", "学前"] {
        in_browser!(DESKTOP, |b| {
            open_search(&b, &base, q).await?;
            let cold = b.js(bytes).await?;
            println!(
                "cold query {q}: {} files, {} bytes over the wire (brotli bodies {}, {} uncompressed)",
                cold["n"], cold["transfer"], cold["body"], cold["raw"]
            );
            let body = cold["body"].as_u64().unwrap_or(u64::MAX);
            ensure!(cold["n"].as_u64().unwrap_or(0) > 2, "{q}: {cold}");
            ensure!(
                body <= 50_000,
                "{q}: a cold two-character query downloads {body} bytes > 50 KB"
            );
            b.assert_no_console_errors(&[]).await
        });
    }
}

#[tokio::test]
async fn the_search_page_shares_its_url_with_a_qr_code() {
    let _serial = SERIAL.lock().await;
    let site = serve("/portal/plans/");
    let base = site.url();
    for size in [PHONE, NARROW] {
        in_browser!(size, |b| {
            b.goto(&format!(
                "{base}?view=search&q={}&kind=five_year_plan",
                enc("学前教育")
            ))
            .await?;
            b.wait_ready().await?;
            let url = b.share().await?;
            ensure!(
                url.contains("view=search") && url.contains("kind=five_year_plan"),
                "the shared URL lost the query or the filter: {url}"
            );
            b.assert_no_horizontal_scroll().await?;
            b.screenshot(&format!("search-share-{}", size.0)).await?;
            b.assert_no_console_errors(&[]).await
        });
    }
}

/// Issue 13's latency budget (≤ 300 ms from the last keystroke to the results, at 4× CPU, shards
/// cached) is measured here and printed, not asserted (times are not asserted in tests). What is
/// asserted: each typed query's results replace the previous ones.
#[tokio::test]
async fn typed_queries_with_cached_shards_replace_the_results_latency_printed() {
    let _serial = SERIAL.lock().await;
    let site = serve("/");
    let base = site.url();
    in_browser!(PHONE, |b| {
        // Warm the shards of every bigram typed below.
        open_search(&b, &base, "学前教育 课后服务").await?;
        // Pinyin letters while an input method composes are not searched; the chosen characters
        // are, when the composition ends.
        b.js("const i = document.getElementById('ps-search-q'); i.value = 'xueqian'; \
              i.dispatchEvent(new InputEvent('input', { bubbles: true, isComposing: true })); return true;")
            .await?;
        tokio::time::sleep(std::time::Duration::from_millis(600)).await;
        let q = b
            .js("return new URLSearchParams(location.search).get('q');")
            .await?;
        ensure!(
            q == "学前教育 课后服务",
            "a composing input was searched: q={q}"
        );
        b.js("const i = document.getElementById('ps-search-q'); i.value = '学前'; \
              i.dispatchEvent(new CompositionEvent('compositionend', { bubbles: true, data: '学前' })); return true;")
            .await?;
        b.wait_for_js(
            "the composed query in the address",
            "new URLSearchParams(location.search).get('q') === '学前'",
        )
        .await?;
        b.wait_ready().await?;
        b.cdp(
            "Emulation.setCPUThrottlingRate",
            serde_json::json!({ "rate": 4 }),
        )
        .await?;
        let mut times = Vec::new();
        // Two rounds: the first fetches the snippet chunks the queries need; the second is the
        // measured one (everything cached), the budget's condition.
        for (round, q) in ["学前", "课后服务", "学前教育", "教育", "后服"]
            .iter()
            .cycle()
            .take(10)
            .enumerate()
        {
            // The value is set and one input event fired, as a keystroke would; the clock stops when
            // the results are on the page with this query's hits marked and the page ready.
            b.js(&format!(
                "window.__lat = null; const i = document.getElementById('ps-search-q'); \
                 const q = {q:?}; i.value = q; const t0 = performance.now(); \
                 i.dispatchEvent(new Event('input', {{ bubbles: true }})); \
                 const done = () => document.documentElement.dataset.ready === '1' && \
                   new URLSearchParams(location.search).get('q') === q && \
                   Array.from(document.querySelectorAll('.ps-result mark.ps-hit')).slice(0, 5).every(m => m.textContent === q) && \
                   document.querySelector('.ps-result mark.ps-hit') !== null; \
                 const tick = () => {{ if (done()) {{ window.__lat = performance.now() - t0; }} else {{ requestAnimationFrame(tick); }} }}; \
                 requestAnimationFrame(tick); return true;"
            ))
            .await?;
            let ms = b.wait_latency("the results of the typed query").await?;
            if round >= 5 {
                println!(
                    "search latency at 4x CPU, shards cached: {q} {ms:.0} ms after the keystroke"
                );
                times.push(ms);
            }
        }
        times.sort_by(|a, b| a.total_cmp(b));
        println!(
            "search latency at 4x CPU, shards cached: median {:.0} ms, max {:.0} ms (budget 300 ms)",
            times[times.len() / 2],
            times[times.len() - 1]
        );
        b.cdp(
            "Emulation.setCPUThrottlingRate",
            serde_json::json!({ "rate": 1 }),
        )
        .await?;
        b.assert_no_console_errors(&[]).await
    });
}
