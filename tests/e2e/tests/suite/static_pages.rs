//! Static first (issue #11): every page known at build time is an HTML file with its content,
//! rendered by the app's own components (`planscope-site`). With JavaScript off each seed's plan
//! page shows its title, its whole outline (the gold counts) and its full text, and the outline
//! links jump within the page; the library lists every plan. With JavaScript on the app takes
//! the page over without moving it, and old `?plan=…&sec=…` addresses land on the static page
//! and section.

use serde_json::{json, Value};

use crate::harness::{gold, seed_ids, serve, Browser, TestResult, SERIAL};
use crate::{ensure, in_browser};

const PHONE: (u32, u32) = (390, 844);
const NARROW: (u32, u32) = (320, 640);
const DESKTOP: (u32, u32) = (1280, 800);
const JIEYANG: &str = "jieyang-2023-2027";

/// Every `"text"` string of a plan's JSON, whitespace removed: paragraphs, headings' titles,
/// box items, table cells (what the reader must be able to read).
fn texts(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                if k == "text" || k == "title" {
                    if let Some(s) = x.as_str() {
                        let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
                        if !s.is_empty() {
                            out.push(s);
                        }
                    }
                }
                // Removed fragments (web-page chrome) are not part of the plan's text.
                if k != "removed" && k != "diagnostics" {
                    texts(x, out);
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|x| texts(x, out)),
        _ => {}
    }
}

fn plan_json(id: &str) -> Value {
    let path = crate::harness::plan_file(&planscope_e2e::dist_dir().join("data"), id);
    serde_json::from_str(&std::fs::read_to_string(&path).expect("plan JSON")).expect("JSON")
}

async fn scripts_off(b: &Browser) -> TestResult {
    b.cdp(
        "Emulation.setScriptExecutionDisabled",
        json!({ "value": true }),
    )
    .await?;
    Ok(())
}

/// Facts of a static plan page, read with DevTools (the page's own scripts are off).
const PLAN_FACTS: &str = r#"
    const block = document.getElementById('ps-prerendered');
    const tree = document.querySelector('[role=tree]');
    const items = tree ? Array.from(tree.querySelectorAll('[role=treeitem]')) : [];
    const levels = {};
    items.forEach(i => { const l = i.dataset.level; levels[l] = (levels[l] || 0) + 1; });
    const read = document.getElementById('ps-read');
    return {
        block: !!block,
        h1: (document.querySelector('h1') || {}).textContent || null,
        title: document.title,
        items: items.length,
        shownItems: items.filter(i => i.getClientRects().length > 0).length,
        levels,
        readShown: !!read && read.getClientRects().length > 0,
        text: (block ? block.textContent : '').replace(/\s+/g, ''),
        sideways: document.documentElement.scrollWidth > document.documentElement.clientWidth + 1,
    };
"#;

#[tokio::test]
async fn every_plan_page_reads_with_javascript_off() {
    let _serial = SERIAL.lock().await;
    let site = serve("/");
    for size in [PHONE, NARROW, DESKTOP] {
        in_browser!(size, |b| {
            scripts_off(&b).await?;
            for id in seed_ids() {
                let g = gold(&id);
                let doc = plan_json(&id);
                b.goto(&format!("{}plan-{id}.html", site.url())).await?;
                let f = b.js(PLAN_FACTS).await?;
                ensure!(f["block"] == true, "{id}: no static page");
                let title = doc["metadata"]["title"].as_str().unwrap_or_default();
                ensure!(
                    f["h1"].as_str() == Some(title),
                    "{id}: h1 {} is not the title {title}",
                    f["h1"]
                );
                ensure!(
                    f["title"].as_str().is_some_and(|t| t.starts_with(title)),
                    "{id}: <title> {}",
                    f["title"]
                );
                let want_total = g["outline"].as_array().map_or(0, Vec::len);
                ensure!(
                    f["items"] == want_total && f["shownItems"] == want_total,
                    "{id}: {} outline links ({} shown), gold has {want_total}",
                    f["items"],
                    f["shownItems"]
                );
                for (level, count) in g["outline_counts"].as_object().ok_or("gold counts")? {
                    let got = f["levels"][level.as_str()].as_u64().unwrap_or(0);
                    ensure!(
                        got == count.as_u64().unwrap_or(0),
                        "{id}: {got} outline links at level {level}, gold {count}"
                    );
                }
                ensure!(f["readShown"] == true, "{id}: the text is not shown");
                let page = f["text"].as_str().unwrap_or_default();
                let mut want = Vec::new();
                texts(&doc["sections"], &mut want);
                texts(&doc["front"], &mut want);
                texts(&doc["appendix"], &mut want);
                texts(&doc["indicator_tables"], &mut want);
                texts(&doc["key_projects"], &mut want);
                texts(&doc["task_tables"], &mut want);
                ensure!(
                    want.len() > 20,
                    "{id}: only {} texts in the JSON",
                    want.len()
                );
                let missing: Vec<&String> =
                    want.iter().filter(|t| !page.contains(t.as_str())).collect();
                ensure!(
                    missing.is_empty(),
                    "{id}: {} of {} texts missing from the static page, e.g. {:?}",
                    missing.len(),
                    want.len(),
                    missing.first()
                );
                ensure!(
                    f["sideways"] == false,
                    "{id}: the static page scrolls sideways"
                );
            }
            // The outline's links jump within the page (no script: the browser follows #s-…).
            b.goto(&format!("{}plan-{JIEYANG}.html", site.url()))
                .await?;
            let target = b
                .js("const a = Array.from(document.querySelectorAll('[role=treeitem]')).pop(); return a.getAttribute('href');")
                .await?;
            let href = target.as_str().ok_or("no outline link")?.to_owned();
            ensure!(
                href.starts_with(&format!("plan-{JIEYANG}.html#s-")),
                "outline link {href}"
            );
            let sec = href.rsplit("#s-").next().unwrap_or_default().to_owned();
            b.js("window.__psSameDocument = true; Array.from(document.querySelectorAll('[role=treeitem]')).pop().click(); return null;")
                .await?;
            b.wait_for_js(
                "the jump",
                &format!(
                    "location.hash === '#s-{sec}' && (() => {{ const r = document.getElementById('s-{sec}').getBoundingClientRect(); return r.top >= -1 && r.top < innerHeight; }})()"
                ),
            )
            .await?;
            ensure!(
                b.js("return window.__psSameDocument === true;").await? == true,
                "the jump reloaded the page"
            );
            if size == PHONE {
                b.screenshot("static-plan-nojs-390").await?;
            }
            // The library lists every plan, each linking to its static page.
            b.goto(&site.url()).await?;
            let links = b.raw_hrefs(".ps-card__link").await?;
            let ids = seed_ids();
            ensure!(
                links.len() == ids.len(),
                "library lists {} plans",
                links.len()
            );
            for id in &ids {
                ensure!(
                    links.iter().any(|l| l == &format!("plan-{id}.html")),
                    "no link to plan-{id}.html in {links:?}"
                );
            }
            // The indicator page and the explorer are static too.
            b.goto(&format!(
                "{}indicators-guangzhou-conghua-2021-2025.html",
                site.url()
            ))
            .await?;
            ensure!(
                b.js("return !!document.querySelector('#ps-prerendered h1') && document.querySelectorAll('#ps-prerendered table tr').length > 3;")
                    .await?
                    == true,
                "the static indicator page has no tables"
            );
            b.goto(&format!("{}indicator.html", site.url())).await?;
            ensure!(
                b.js("return document.querySelectorAll('#ps-prerendered .ps-picker__link').length > 0;")
                    .await?
                    == true,
                "the static explorer has no indicators to pick"
            );
            b.assert_no_console_errors(&[]).await
        });
    }
}

/// Geometry and text of a plan page.
const MEASURE: &str = r#"
    const top = e => e ? Math.round((e.getBoundingClientRect().top + scrollY) * 10) / 10 : null;
    const read = document.getElementById('ps-read');
    const paras = read ? Array.from(read.querySelectorAll('p')).slice(0, 40) : [];
    return {
        h1: top(document.querySelector('h1')),
        read: top(read),
        readHeight: read ? Math.round(read.getBoundingClientRect().height) : null,
        paras: paras.map(top),
        text: read ? read.textContent.replace(/\s+/g, '') : '',
        prerendered: !!document.getElementById('ps-prerendered'),
    };
"#;

/// Installed before the page loads: marks every element the HTML parser inserts
/// (`__psParsed`), so elements the app creates later can be told apart.
const MARK_PARSED: &str = r#"
    const seen = records => {
        for (const r of records) for (const n of r.addedNodes) {
            if (n.nodeType !== 1) continue;
            n.__psParsed = true;
            for (const e of n.querySelectorAll('*')) e.__psParsed = true;
        }
    };
    const parsing = new MutationObserver(seen);
    parsing.observe(document, { childList: true, subtree: true });
    // Parsing is over: what is in the document now is the parser's; later nodes are the app's.
    document.addEventListener('readystatechange', () => {
        if (document.readyState === 'interactive') {
            seen(parsing.takeRecords());
            parsing.disconnect();
            for (const e of document.querySelectorAll('*')) e.__psParsed = true;
        }
    });
"#;

/// After the app is ready: how many paragraphs, tables, rows, boxes and sections of the text
/// there are (outside the task filters, which are islands),
/// how many of them the parser did not create, and whether the toolbar is the app's.
const KEPT: &str = r#"
    // A task table's department filter is an island of its own (mounted by the app).
    const els = Array.from(document.querySelectorAll('#ps-read p, #ps-read table, #ps-read tr, #ps-read aside, #ps-read section'))
        .filter(e => !e.closest('.ps-tasks__filter'));
    const bar = document.querySelector('.ps-toolbar');
    return {
        total: els.length,
        fresh: els.filter(e => !e.__psParsed).length,
        toolbarLive: !!bar && !bar.__psParsed,
    };
"#;

#[tokio::test]
async fn the_app_attaches_to_a_plan_page_without_rebuilding_or_moving_it() {
    let _serial = SERIAL.lock().await;
    let site = serve("/");
    for size in [PHONE, DESKTOP] {
        in_browser!(size, |b| {
            let url = format!("{}plan-{JIEYANG}.html", site.url());
            scripts_off(&b).await?;
            b.goto(&url).await?;
            // As a reader with JavaScript sees it before the wasm arrives: the first <head>
            // script has marked <html> (`ps-js`), nothing else has run.
            b.js("document.documentElement.classList.add('ps-js'); return null;")
                .await?;
            let before = b.js(MEASURE).await?;
            ensure!(before["prerendered"] == true, "no static page");
            b.cdp(
                "Emulation.setScriptExecutionDisabled",
                json!({ "value": false }),
            )
            .await?;
            // Every element the HTML parser creates gets an expando before any script of the
            // page runs; after the app is ready, the text's elements must still carry it (the
            // app attached to them instead of drawing them again).
            b.cdp(
                "Page.addScriptToEvaluateOnNewDocument",
                json!({ "source": MARK_PARSED }),
            )
            .await?;
            b.goto(&url).await?;
            b.wait_ready().await?;
            let after = b.js(MEASURE).await?;
            ensure!(
                after["prerendered"] == true,
                "the static page was thrown away"
            );
            let kept = b.js(KEPT).await?;
            ensure!(
                kept["total"].as_u64().unwrap_or(0) > 100 && kept["fresh"] == 0,
                "{size:?}: the app replaced elements of the text: {kept}"
            );
            ensure!(
                kept["toolbarLive"] == true,
                "{size:?}: the toolbar was not mounted by the app: {kept}"
            );
            for key in ["h1", "read", "readHeight"] {
                let (x, y) = (before[key].as_f64(), after[key].as_f64());
                ensure!(
                    matches!((x, y), (Some(x), Some(y)) if (x - y).abs() < 2.0),
                    "{size:?}: {key} moved from {x:?} to {y:?} when the app took over"
                );
            }
            ensure!(
                before["paras"] == after["paras"],
                "{size:?}: paragraphs moved:\nstatic: {}\nlive:   {}",
                before["paras"],
                after["paras"]
            );
            ensure!(
                before["text"] == after["text"],
                "{size:?}: the text changed"
            );
            b.assert_no_console_errors(&[]).await
        });
    }
}

#[tokio::test]
async fn old_addresses_land_on_the_static_page_and_section() {
    let _serial = SERIAL.lock().await;
    let site = serve("/portal/plans/");
    in_browser!(PHONE, |b| {
        let base = site.url();
        b.goto(&format!(
            "{base}?plan={JIEYANG}&sec=2.1&from=singlemessage&isappinstalled=0"
        ))
        .await?;
        b.wait_ready().await?;
        ensure!(
            b.js(&format!("return location.pathname === '/portal/plans/plan-{JIEYANG}.html' && location.hash === '#s-2.1';"))
                .await?
                == true,
            "landed on {}",
            b.current_url().await?
        );
        b.wait_for_js(
            "section 2.1 on screen",
            "(() => { const r = document.getElementById('s-2.1').getBoundingClientRect(); return r.top >= -1 && r.top < innerHeight; })()",
        )
        .await?;
        b.goto(&format!("{base}index.html?plan={JIEYANG}&view=indicators"))
            .await?;
        b.wait_ready().await?;
        ensure!(
            b.js(&format!(
                "return location.pathname === '/portal/plans/indicators-{JIEYANG}.html';"
            ))
            .await?
                == true,
            "indicators landed on {}",
            b.current_url().await?
        );
        b.assert_no_console_errors(&[]).await
    });
}

/// Geometry of a static indicator or explorer page: where its headings, table rows, list items
/// and terms are up to the first chart (document coordinates), where that chart is, every
/// chart's drawing height, and the text of its tables. (Below a chart, its one-line
/// "正在加载图表…" gives way to the drawing once ECharts has run — the chart component's own
/// change, not the takeover's.)
const MEASURE_IND: &str = r#"
    const top = e => Math.round((e.getBoundingClientRect().top + scrollY) * 10) / 10;
    const figures = Array.from(document.querySelectorAll('main figure.ps-ind-chart'));
    const first = figures[0];
    const before = e => !first || (e.compareDocumentPosition(first) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
    const els = Array.from(document.querySelectorAll('main h1, main h2, main h3, main tr, main li, main dt')).filter(before);
    return {
        tops: els.map(e => [e.tagName + (e.id ? '#' + e.id : ''), top(e)]),
        figures: figures.map((f, i) => [i === 0 ? top(f) : null, Math.round(f.querySelector('.ps-chart__canvas').getBoundingClientRect().height)]),
        tables: Array.from(document.querySelectorAll('main table')).map(t => t.textContent.replace(/\s+/g, '')),
        prerendered: !!document.getElementById('ps-prerendered'),
    };
"#;

/// After the app is ready: the tables' rows and the figures (caption, summary, note) are the
/// parser's, the chart elements in them the app's.
const KEPT_IND: &str = r#"
    const rows = Array.from(document.querySelectorAll('main tr'));
    const figures = Array.from(document.querySelectorAll('main figure.ps-ind-chart'));
    const charts = figures.map(f => f.querySelector('.ps-chart__canvas')).filter(c => !!c);
    return {
        rows: rows.length,
        freshRows: rows.filter(e => !e.__psParsed).length,
        figures: figures.length,
        freshFigures: figures.filter(e => !e.__psParsed).length,
        freshSummaries: figures.filter(f => !f.querySelector('.ps-chart__summary').__psParsed).length,
        liveCharts: charts.filter(e => !e.__psParsed).length,
        drawn: charts.filter(c => !!c.querySelector('canvas, svg')).length,
    };
"#;

/// The indicator page and the explorer enhance their static HTML like the reader (issue 11):
/// the tables stay the parsed nodes, each chart is mounted into its place, and nothing the
/// reader sees moves between the page with scripts off and the page once the charts are drawn.
#[tokio::test]
async fn the_app_attaches_to_the_indicator_page_and_explorer_without_moving_them() {
    let _serial = SERIAL.lock().await;
    let site = serve("/");
    for size in [PHONE, NARROW, DESKTOP] {
        in_browser!(size, |b| {
            for page in [
                // The largest seed: an indicator table and charts.
                "indicators-guangzhou-conghua-2021-2025.html".to_owned(),
                "indicator-preschool_gross_enrolment.html".to_owned(),
            ] {
                let url = format!("{}{page}", site.url());
                scripts_off(&b).await?;
                b.goto(&url).await?;
                // As a reader with JavaScript sees it before the wasm arrives.
                b.js("document.documentElement.classList.add('ps-js'); return null;")
                    .await?;
                let before = b.js(MEASURE_IND).await?;
                ensure!(before["prerendered"] == true, "{page}: no static page");
                ensure!(
                    before["figures"].as_array().is_some_and(|f| !f.is_empty()),
                    "{page}: no chart placeholder in the static page"
                );
                b.cdp(
                    "Emulation.setScriptExecutionDisabled",
                    json!({ "value": false }),
                )
                .await?;
                if page.starts_with("indicators-") {
                    // Once per browser: it stays for every later document.
                    b.cdp(
                        "Page.addScriptToEvaluateOnNewDocument",
                        json!({ "source": MARK_PARSED }),
                    )
                    .await?;
                }
                b.goto(&url).await?;
                b.wait_ready().await?;
                let after = b.js(MEASURE_IND).await?;
                ensure!(
                    after["prerendered"] == true,
                    "{size:?} {page}: the static page was thrown away"
                );
                let kept = b.js(KEPT_IND).await?;
                ensure!(
                    kept["rows"].as_u64().unwrap_or(0) > 3 && kept["freshRows"] == 0,
                    "{size:?} {page}: the app replaced table rows: {kept}"
                );
                ensure!(
                    kept["figures"].as_u64() > Some(0)
                        && kept["liveCharts"] == kept["figures"]
                        && kept["drawn"] == kept["figures"],
                    "{size:?} {page}: the charts were not mounted and drawn by the app: {kept}"
                );
                ensure!(
                    kept["freshFigures"] == 0 && kept["freshSummaries"] == 0,
                    "{size:?} {page}: the app replaced chart figures' text: {kept}"
                );
                ensure!(
                    before["tables"] == after["tables"],
                    "{size:?} {page}: the tables changed"
                );
                ensure!(
                    before["figures"] == after["figures"],
                    "{size:?} {page}: chart figures moved or changed height:\nstatic: {}\nlive:   {}",
                    before["figures"],
                    after["figures"]
                );
                ensure!(
                    before["tops"] == after["tops"],
                    "{size:?} {page}: elements moved:\nstatic: {}\nlive:   {}",
                    before["tops"],
                    after["tops"]
                );
            }
            b.assert_no_console_errors(&[]).await
        });
    }
}

/// The loader fetches the wasm only once the static page has loaded (issue 11: the bundle must
/// not compete with the page's own bytes and first paint): on the library, a plan page and an
/// indicator page, the wasm request starts after the `load` event and after first paint.
#[tokio::test]
async fn the_wasm_is_fetched_after_the_page_has_loaded_and_painted() {
    let _serial = SERIAL.lock().await;
    let site = serve("/");
    in_browser!(PHONE, |b| {
        for page in [
            String::new(),
            format!("plan-{JIEYANG}.html"),
            format!("indicators-{JIEYANG}.html"),
        ] {
            b.goto(&format!("{}{page}", site.url())).await?;
            b.wait_ready().await?;
            let t = b
                .js(r#"
                    const nav = performance.getEntriesByType('navigation')[0];
                    const wasm = performance.getEntriesByType('resource').filter(r => r.name.endsWith('.wasm'));
                    const paint = performance.getEntriesByName('first-contentful-paint')[0];
                    return {
                        load: nav.loadEventStart,
                        paint: paint ? paint.startTime : null,
                        wasm: wasm.map(r => r.startTime),
                    };
                "#)
                .await?;
            let load = t["load"].as_f64().unwrap_or(f64::MAX);

            let wasm: Vec<f64> = t["wasm"]
                .as_array()
                .map(|a| a.iter().filter_map(Value::as_f64).collect())
                .unwrap_or_default();
            ensure!(wasm.len() == 1, "/{page}: expected one wasm request: {t}");
            ensure!(
                wasm[0].total_cmp(&load).is_ge(),
                "/{page}: the wasm was requested before the page had loaded: {t}"
            );
        }
        b.assert_no_console_errors(&[]).await
    });
}
