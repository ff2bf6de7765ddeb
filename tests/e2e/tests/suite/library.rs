//! The library (home page): the list written into `index.html` at build time, the live app
//! taking it over without moving it, and filters and sorting kept in the address.

use std::error::Error;
use std::io::{Read, Write};
use std::net::TcpStream;

use fantoccini::Locator;
use planscope_model::PlanIndex;
use serde_json::{json, Value};

use crate::harness::{seed_ids, serve, Browser, TestResult, SERIAL};
use crate::{ensure, in_browser};

const PHONE: (u32, u32) = (390, 844);

fn index() -> PlanIndex {
    let path = planscope_e2e::dist_dir().join("data/index.json");
    let json = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&json).expect("data/index.json")
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// The body of `GET <url>` as a plain HTTP client sends it (no compression, no script).
fn raw_get(url: &str) -> Result<String, Box<dyn Error>> {
    let rest = url.strip_prefix("http://").ok_or("not an http URL")?;
    let (host, path) = rest
        .split_once('/')
        .map(|(h, p)| (h, format!("/{p}")))
        .unwrap_or((rest, "/".into()));
    let mut stream = TcpStream::connect(host)?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response)?;
    let response = String::from_utf8(response)?;
    let (head, body) = response.split_once("\r\n\r\n").ok_or("no HTTP header")?;
    ensure!(
        head.starts_with("HTTP/1.1 200"),
        "GET {url}: {}",
        head.lines().next().unwrap_or_default()
    );
    Ok(body.to_owned())
}

#[tokio::test]
async fn the_served_page_already_lists_every_plan() {
    let site = serve("/");
    let html = raw_get(&site.url()).expect("GET /");
    let index = index();
    assert_eq!(
        index.plans.len(),
        seed_ids().len(),
        "index.json lists every seed"
    );
    for plan in &index.plans {
        let title = escape(&plan.title);
        assert!(
            html.contains(&title),
            "index.html does not contain the title {title:?}"
        );
        let link = format!(r#"href="plan-{}.html""#, plan.id);
        assert!(html.contains(&link), "index.html has no link {link}");
    }
    assert_eq!(
        // Attribute order is the renderer's (natively rendered vs created in the browser).
        html.matches(r#"class="ps-card""#).count(),
        index.plans.len()
    );
    assert!(html.contains(r#"id="ps-prerendered""#));
    assert!(html.contains(&format!("共 {} 份规划", index.plans.len())));
    // The prerendered block sits between its markers, and the page is still one document.
    let start = html
        .find("<!-- prerender:library -->")
        .expect("start marker");
    let end = html.find("<!-- /prerender -->").expect("end marker");
    assert!(start < end && html[start..end].contains("ps-cards"));
    assert_eq!(html.matches("<html").count(), 1);
}

/// Geometry and markup of the library, read in the page.
const MEASURE: &str = r#"
    const card = document.querySelector('.ps-card');
    const list = document.querySelector('.ps-cards');
    const strip = s => s.replace(/<!--[\s\S]*?-->/g, '');
    // Markup with each element's attributes in name order: the static page's order is the
    // native renderer's, the live one's the order the app set them in.
    const norm = el => {
        const c = el.cloneNode(true);
        for (const e of [c, ...c.querySelectorAll('*')]) {
            const attrs = [...e.attributes].map(a => [a.name, a.value]).sort((a, b) => a[0] < b[0] ? -1 : 1);
            for (const [n] of attrs) e.removeAttribute(n);
            for (const [n, v] of attrs) e.setAttribute(n, v);
        }
        return strip(c.outerHTML);
    };
    return {
        cards: document.querySelectorAll('.ps-card').length,
        cardTop: card ? card.getBoundingClientRect().top + scrollY : null,
        listHeight: list ? list.getBoundingClientRect().height : null,
        titleTop: document.querySelector('h1').getBoundingClientRect().top + scrollY,
        text: document.querySelector('.ps-library').innerText,
        list: list ? norm(list) : null,
        prerendered: !!document.getElementById('ps-prerendered'),
    };
"#;

fn num(v: &Value, key: &str) -> f64 {
    v[key].as_f64().unwrap_or(f64::NAN)
}

#[tokio::test]
async fn the_live_library_replaces_the_static_one_in_place() {
    let _serial = SERIAL.lock().await;
    let site = serve("/");
    in_browser!(PHONE, |b| {
        // 1. The page as a reader sees it before the wasm arrives: no script at all.
        b.cdp(
            "Emulation.setScriptExecutionDisabled",
            json!({ "value": true }),
        )
        .await?;
        b.goto(&site.url()).await?;
        b.wait_for_css("#ps-prerendered .ps-card").await?;
        let before = b.js(MEASURE).await?;
        ensure!(
            before["prerendered"] == true,
            "no prerendered block: {before}"
        );
        ensure!(
            before["cards"] == seed_ids().len(),
            "static page shows {} cards",
            before["cards"]
        );
        let boot = b
            .js("return getComputedStyle(document.getElementById('ps-boot-status')).display;")
            .await?;
        ensure!(
            boot == "none",
            "the loading message shows under the prerendered list ({boot})"
        );
        b.screenshot("library-static-390").await?;

        // 2. The live app, with a probe that records the first card's position in every frame
        //    from the first paint on.
        b.cdp(
            "Emulation.setScriptExecutionDisabled",
            json!({ "value": false }),
        )
        .await?;
        b.cdp("Page.addScriptToEvaluateOnNewDocument",
            json!({ "source": r#"
                window.__psFrames = [];
                (function sample() {
                    const card = document.querySelector('.ps-card');
                    const html = document.documentElement;
                    if (html) window.__psFrames.push(card ? Math.round((card.getBoundingClientRect().top + scrollY) * 10) / 10 : null);
                    if (!html || !html.hasAttribute('data-ready') || window.__psFrames.length < 3) requestAnimationFrame(sample);
                })();
            "# }),
        )
        .await?;
        b.goto(&site.url()).await?;
        b.wait_ready().await?;
        let after = b.js(MEASURE).await?;
        ensure!(
            after["prerendered"] == false,
            "the static block was not removed"
        );
        ensure!(
            after["cards"] == before["cards"],
            "card count {} → {}",
            before["cards"],
            after["cards"]
        );
        for key in ["cardTop", "titleTop", "listHeight"] {
            let (x, y) = (num(&before, key), num(&after, key));
            let still = (x - y).abs() < 2.0;
            ensure!(still, "{key} moved from {x} to {y} when the app took over");
        }
        ensure!(
            before["text"] == after["text"],
            "text differs:\nstatic: {}\nlive:   {}",
            before["text"],
            after["text"]
        );
        ensure!(
            before["list"] == after["list"],
            "list markup differs:\nstatic: {}\nlive:   {}",
            before["list"],
            after["list"]
        );
        // Every painted frame that had a card had it at the same place; once a card was
        // painted, no frame was without one (no loading flash between static and live).
        let frames: Vec<Option<f64>> =
            serde_json::from_value(b.js("return window.__psFrames;").await?)?;
        eprintln!("library takeover: first card top per frame {frames:?}");
        let first = frames.iter().position(Option::is_some);
        ensure!(first.is_some(), "no frame showed a card: {frames:?}");
        if let Some(first) = first {
            for (i, f) in frames.iter().enumerate().skip(first) {
                let top = f.ok_or_else(|| {
                    format!("frame {i} had no card after frame {first} had one: {frames:?}")
                })?;
                let still = (top - num(&after, "cardTop")).abs() < 2.0;
                ensure!(still, "frame {i}: card at {top}: {frames:?}");
            }
        }
        b.assert_no_console_errors(&[]).await
    });
}

async fn select(b: &Browser, name: &str, value: &str) -> TestResult {
    b.client
        .find(Locator::Css(&format!("select[name='{name}']")))
        .await?
        .select_by_value(value)
        .await?;
    Ok(())
}

async fn card_ids(b: &Browser) -> Result<Vec<String>, Box<dyn Error>> {
    let v = b
        .js("return Array.from(document.querySelectorAll('.ps-card')).map(c => c.dataset.plan);")
        .await?;
    Ok(serde_json::from_value(v)?)
}

#[tokio::test]
async fn filters_and_sorting_live_in_the_address() {
    let _serial = SERIAL.lock().await;
    let site = serve("/");
    let index = index();
    let five_year: Vec<&str> = index
        .plans
        .iter()
        .filter(|p| p.kind.as_str() == "five_year_plan")
        .map(|p| p.id.as_str())
        .collect();
    let most_targets = index
        .plans
        .iter()
        .max_by_key(|p| p.counts.targets)
        .map(|p| p.id.clone())
        .unwrap();
    in_browser!(PHONE, |b| {
        b.goto(&site.url()).await?;
        b.wait_ready().await?;
        ensure!(
            card_ids(&b).await?.len() == index.plans.len(),
            "not every plan listed"
        );
        // Every control has a visible label.
        let unlabelled = b
            .js("return Array.from(document.querySelectorAll('.ps-filters select')).filter(s => !s.labels.length || !s.labels[0].textContent.trim()).length;")
            .await?;
        ensure!(unlabelled == 0, "{unlabelled} unlabelled menus");

        select(&b, "kind", "five_year_plan").await?;
        b.wait_for_js(
            "the kind in the address",
            "psq() === '?kind=five_year_plan'",
        )
        .await?;
        b.wait_for_js(
            "a filtered list",
            &format!(
                "document.querySelectorAll('.ps-card').length === {}",
                five_year.len()
            ),
        )
        .await?;
        let mut shown = card_ids(&b).await?;
        shown.sort();
        ensure!(shown == five_year, "kind filter shows {shown:?}");
        let status = b.text(".ps-meta [role=status]").await?;
        ensure!(
            status
                == format!(
                    "筛选出 {} 份规划（共 {} 份）",
                    five_year.len(),
                    index.plans.len()
                ),
            "summary {status:?}"
        );

        select(&b, "sort", "targets").await?;
        b.wait_for_js(
            "the sort in the address",
            "psq() === '?kind=five_year_plan&sort=targets'",
        )
        .await?;

        // The filtered address is a link: opened afresh, it shows the same list and menus.
        let url = b.current_url().await?;
        b.goto(&url).await?;
        b.wait_ready().await?;
        let reopened = card_ids(&b).await?;
        ensure!(
            reopened.len() == five_year.len(),
            "reopened link shows {reopened:?}"
        );
        let values = b.js("return ['kind','sort'].map(n => document.querySelector(`select[name=${n}]`).value);").await?;
        ensure!(
            values == json!(["five_year_plan", "targets"]),
            "menus after reload: {values}"
        );
        // The prerendered (unfiltered) list never showed on this address.
        ensure!(
            b.js("return !document.getElementById('ps-prerendered');")
                .await?
                == true,
            "static list left over"
        );

        // Clearing the filters keeps the order.
        b.click(".ps-meta a[href='./?sort=targets']").await?;
        b.wait_for_js("the cleared address", "psq() === '?sort=targets'")
            .await?;
        b.wait_for_js(
            "every plan",
            &format!(
                "document.querySelectorAll('.ps-card').length === {}",
                index.plans.len()
            ),
        )
        .await?;
        ensure!(
            card_ids(&b).await?[0] == most_targets,
            "sorted by targets, {most_targets} is not first"
        );

        // A filter with no result says so.
        b.goto(&format!(
            "{}?region=%E5%8C%97%E4%BA%AC%E5%B8%82",
            site.url()
        ))
        .await?;
        b.wait_ready().await?;
        ensure!(card_ids(&b).await?.is_empty(), "北京市 has no seed plans");
        ensure!(
            b.text(".ps-library__empty")
                .await?
                .contains("没有符合条件的规划"),
            "no empty message"
        );

        // Targets stay at least 44 px with large text (rem sizes), and nothing scrolls sideways.
        b.goto(&site.url()).await?;
        b.wait_ready().await?;
        for scale in ["100%", "150%"] {
            b.js(&format!(
                "document.documentElement.style.fontSize = '{scale}'; return null;"
            ))
            .await?;
            let small = b
                .js("return Array.from(document.querySelectorAll('.ps-filters select, .ps-card')).filter(e => e.getBoundingClientRect().height < 44).length;")
                .await?;
            ensure!(small == 0, "{small} controls lower than 44px at {scale}");
            b.assert_no_horizontal_scroll().await?;
        }
        b.screenshot("library-large-text-390").await?;
        b.assert_no_console_errors(&[]).await
    });
}

#[tokio::test]
async fn other_pages_drop_the_static_library() {
    let _serial = SERIAL.lock().await;
    let site = serve("/");
    in_browser!(PHONE, |b| {
        // (`?plan=<id>` is forwarded to the plan's own static page: static_pages.rs.)
        for query in ["?view=overview".to_owned(), "?kind=action_plan".to_owned()] {
            b.goto(&format!("{}{query}", site.url())).await?;
            // Before the app: the head script marks the page so the static list is hidden.
            let class = b.js("return document.documentElement.className;").await?;
            ensure!(
                class.as_str().is_some_and(|c| c.contains("ps-boot-other")),
                "{query}: class {class}"
            );
            b.wait_ready().await?;
            ensure!(
                b.js("return !document.getElementById('ps-prerendered');")
                    .await?
                    == true,
                "{query}: static list left"
            );
        }
        b.goto(&site.url()).await?;
        let class = b.js("return document.documentElement.className;").await?;
        ensure!(
            !class.as_str().unwrap_or_default().contains("ps-boot-other"),
            "plain library marked other"
        );
        b.wait_ready().await?;
        b.assert_no_console_errors(&[]).await
    });
}
