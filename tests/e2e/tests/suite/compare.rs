//! The compare view (issue 6): two to four plans side by side by URL, the 学前教育 row with
//! sections from both plans whose links open the reader at that section, the plans × topics
//! heatmap whose cells open their sections, indicators linked to their paragraphs, the URL
//! round trip (share link, picker, plan header link), and the phone layout (one card per
//! topic, plans stacked, sticky plan bar, no horizontal scroll at 390 and 320 px).

use std::error::Error;

use planscope_model::{catalog, PlanDocument};
use serde_json::Value;

use crate::harness::{serve, Browser, TestResult, SERIAL};
use crate::{ensure, in_browser};

const PHONE: (u32, u32) = (390, 844);
const NARROW: (u32, u32) = (320, 640);
const DESKTOP: (u32, u32) = (1280, 800);
const CONGHUA: &str = "guangzhou-conghua-2021-2025";
const KONGTONG: &str = "pingliang-kongtong-2021-2025";
const JIEYANG: &str = "jieyang-2023-2027";

type R<T> = Result<T, Box<dyn Error>>;

/// The plan as the app reads it (`dist/data/<id>-<hash>.json`).
fn plan(id: &str) -> PlanDocument {
    let path = crate::harness::plan_file(&planscope_e2e::dist_dir().join("data"), id);
    serde_json::from_str(&std::fs::read_to_string(path).expect("plan JSON in dist/data"))
        .expect("plan JSON")
}

/// The sections a topic row lists for a plan: those tagged with the topic, strongest first
/// (reading order among equals), at most five.
fn expected_sections(id: &str, topic: &str) -> Vec<String> {
    let doc = plan(id);
    let mut v: Vec<(f32, String)> = doc
        .walk_sections()
        .into_iter()
        .filter_map(|s| {
            s.topics
                .iter()
                .find(|t| t.topic == topic)
                .map(|t| (t.score, s.id.clone()))
        })
        .collect();
    v.sort_by(|a, b| b.0.total_cmp(&a.0));
    // Every matching section: the first five listed, the rest behind 另有 N 节.
    v.into_iter().map(|(_, s)| s).collect()
}

/// Plan `id`'s two data files as the index names them, relative to `dist/data/`: the plan file
/// (`<id>-<hash>.json`) and its compare digest (`cmp/<id>-<hash>.json`).
fn data_files(id: &str) -> (String, String) {
    let index: planscope_model::PlanIndex = serde_json::from_str(
        &std::fs::read_to_string(planscope_e2e::dist_dir().join("data/index.json"))
            .expect("dist/data/index.json"),
    )
    .expect("index.json decodes");
    let e = index.plans.iter().find(|e| e.id == id).expect("indexed");
    (
        e.data_file(),
        e.compare_file().expect("a built plan has a digest"),
    )
}

/// The data files this page requested since it was loaded (paths below `data/`).
async fn data_requests(b: &Browser) -> R<Vec<String>> {
    Ok(serde_json::from_value(
        b.js("return performance.getEntriesByType('resource').map(e => new URL(e.name).pathname).filter(p => p.includes('/data/')).map(p => p.slice(p.lastIndexOf('/data/') + 6));")
            .await?,
    )?)
}

/// The comparison read each of `digests` through its compare digest and each of `plans`
/// through its plan file, and nothing else of them.
async fn ensure_read(b: &Browser, digests: &[&str], plans: &[&str]) -> TestResult {
    let got = data_requests(b).await?;
    for id in digests.iter().chain(plans) {
        let (plan, digest) = data_files(id);
        let (want, not) = if digests.contains(id) {
            (digest, plan)
        } else {
            (plan, digest)
        };
        ensure!(
            got.iter().filter(|f| **f == want).count() == 1,
            "{id}: {want} not requested once: {got:?}"
        );
        ensure!(!got.contains(&not), "{id}: {not} requested too: {got:?}");
    }
    Ok(())
}

async fn open(b: &Browser, base: &str, query: &str) -> TestResult {
    b.goto(&format!("{base}{query}")).await?;
    b.wait_ready().await
}

/// Clicks the first element matching `css` from script (a sticky bar may cover it for a
/// pointer; the app's link handling is the same).
async fn js_click(b: &Browser, css: &str) -> TestResult {
    let found = b
        .js(&format!(
            "const e = document.querySelector({css:?}); if (!e) return false; e.click(); return true;"
        ))
        .await?;
    ensure!(found == Value::Bool(true), "nothing matches `{css}`");
    Ok(())
}

/// Section ids linked from the topic row of `topic` for plan `id`, in order.
async fn row_sections(b: &Browser, topic: &str, id: &str) -> R<Vec<String>> {
    let hrefs = b
        .hrefs(&format!(
            "#t-{topic} .ps-cmp-cell[data-plan='{id}'] .ps-cmp-secs a"
        ))
        .await?;
    hrefs
        .iter()
        .map(|h| {
            let prefix = format!("?plan={id}&sec=");
            h.strip_prefix(&prefix)
                .map(str::to_owned)
                .ok_or_else(|| format!("link {h} is not a section of {id}").into())
        })
        .collect()
}

/// Opens `link_css` (a link to a section of `id`) and checks the reader lands on it.
async fn follow_to_section(b: &Browser, link_css: &str, id: &str) -> R<String> {
    let href = b
        .js(&format!(
            "return document.querySelector({link_css:?}).getAttribute('href');"
        ))
        .await?;
    let href = crate::harness::old_form(href.as_str().ok_or("no link")?);
    let sec = href
        .strip_prefix(&format!("?plan={id}&sec="))
        .ok_or_else(|| format!("{href} is not a section link of {id}"))?
        .to_owned();
    js_click(b, link_css).await?;
    b.wait_for_js(
        "the section URL",
        &format!("psq() === '?plan={id}&sec={sec}'"),
    )
    .await?;
    b.wait_ready().await?;
    b.wait_for_js(
        "the reader marks the section",
        &format!("document.getElementById('s-{sec}') && document.getElementById('s-{sec}').classList.contains('ps-target')"),
    )
    .await?;
    let top = b
        .js(&format!(
            "const r = document.getElementById('h-{sec}').getBoundingClientRect(); return r.top >= -1 && r.top < window.innerHeight;"
        ))
        .await?;
    ensure!(top == Value::Bool(true), "heading of {sec} not on screen");
    Ok(sec)
}

#[tokio::test]
async fn comparing_conghua_and_kongtong_by_url_lists_preschool_sections_that_open_the_reader() {
    let _serial = SERIAL.lock().await;
    let site = serve("/");
    let query = format!("?view=compare&plans={CONGHUA},{KONGTONG}&topic=preschool");
    in_browser!(DESKTOP, |b| {
        open(&b, &site.url(), &query).await?;
        let bar: Vec<String> = serde_json::from_value(
            b.js("return Array.from(document.querySelectorAll('.ps-cmp-bar [data-plan]')).map(e => e.dataset.plan);")
                .await?,
        )?;
        ensure!(bar == [CONGHUA, KONGTONG], "plan bar {bar:?}");
        // Only what the comparison shows is downloaded: each plan's compare digest, smaller than
        // its plan file, and never the plan file.
        ensure_read(&b, &[CONGHUA, KONGTONG], &[]).await?;
        for id in [CONGHUA, KONGTONG] {
            let (plan, digest) = data_files(id);
            let size = |f: &str| {
                std::fs::metadata(planscope_e2e::dist_dir().join("data").join(f)).map(|m| m.len())
            };
            let (plan, digest) = (size(&plan)?, size(&digest)?);
            ensure!(digest < plan, "{id}: digest {digest} B, plan file {plan} B");
        }
        for id in [CONGHUA, KONGTONG] {
            let got = row_sections(&b, "preschool", id).await?;
            let want = expected_sections(id, "preschool");
            ensure!(!got.is_empty(), "{id}: no 学前教育 sections in the row");
            ensure!(
                got == want,
                "{id}: row lists {got:?}, the data says {want:?}"
            );
        }
        ensure!(
            b.text("#th-preschool").await?.contains("学前教育"),
            "the row is not labelled 学前教育"
        );
        // Desktop: the two plans' entries sit side by side in one row.
        let xs = b
            .js("return Array.from(document.querySelectorAll('#t-preschool .ps-cmp-cell')).map(c => c.getBoundingClientRect()).map(r => [r.left, r.top]);")
            .await?;
        let (a, c) = (&xs[0], &xs[1]);
        ensure!(
            a[0].as_f64() < c[0].as_f64()
                && (a[1].as_f64().unwrap_or(0.0) - c[1].as_f64().unwrap_or(0.0)).abs() < 2.0,
            "desktop cells are not side by side: {xs}"
        );
        // A topic nobody addresses is marked 未涉及 in every column; the detail names the topic.
        ensure!(
            b.text("#ps-cmp-detail-h").await?.contains("学前教育"),
            "the detail is not about 学前教育"
        );
        let none = b
            .js("return document.querySelectorAll('.ps-cmp-topic .ps-cmp-none').length;")
            .await?;
        ensure!(none.as_u64().unwrap_or(0) > 0, "no topic is marked 未涉及");
        // Indicators side by side: 学前教育毛入园率 is stated by both, each value links to its paragraph.
        let vals = b
            .hrefs("tr[data-indicator='preschool_gross_enrolment'] td a")
            .await?;
        for id in [CONGHUA, KONGTONG] {
            ensure!(
                vals.iter()
                    .any(|h| h.starts_with(&format!("?plan={id}&p="))),
                "no linked 学前教育毛入园率 value for {id}: {vals:?}"
            );
        }
        ensure!(
            b.js("return !!document.querySelector('tr[data-indicator=schools_total]');")
                .await?
                == Value::Bool(true),
            "no base statistics row for schools"
        );
        // …and as a chart with a bar for each plan (the self-hosted ECharts, loaded on demand).
        b.wait_for_js(
            "the shared-indicator chart",
            "(() => { const el = document.getElementById('ps-cmp-chart-preschool_gross_enrolment'); \
             return !!el && !!window.echarts && !!echarts.getInstanceByDom(el) && !!el.querySelector('canvas'); })()",
        )
        .await?;
        let labels = b
            .js("return echarts.getInstanceByDom(document.getElementById('ps-cmp-chart-preschool_gross_enrolment')).getOption().yAxis[0].data.join('|');")
            .await?;
        let labels = labels.as_str().unwrap_or_default();
        ensure!(
            labels.contains("从化") && labels.contains("崆峒"),
            "the chart's bars are {labels:?}, expected both plans"
        );
        b.screenshot("compare-1280").await?;
        b.assert_no_horizontal_scroll().await?;
        // Each plan's first 学前教育 link opens that section in the reader.
        for id in [CONGHUA, KONGTONG] {
            open(&b, &site.url(), &query).await?;
            follow_to_section(
                &b,
                &format!("#t-preschool .ps-cmp-cell[data-plan='{id}'] .ps-cmp-secs a"),
                id,
            )
            .await?;
        }
        // An indicator value opens its paragraph.
        open(&b, &site.url(), &query).await?;
        let href = vals
            .iter()
            .find(|h| h.starts_with(&format!("?plan={KONGTONG}&p=")))
            .ok_or("no Kongtong value")?
            .clone();
        let para = href.rsplit("&p=").next().unwrap_or_default().to_owned();
        js_click(
            &b,
            &format!("tr[data-indicator='preschool_gross_enrolment'] td a[href='plan-{KONGTONG}.html#p-{para}']"),
        )
        .await?;
        b.wait_ready().await?;
        b.wait_for_js(
            "the paragraph mark",
            &format!("document.getElementById('p-{para}') && document.getElementById('p-{para}').classList.contains('ps-target')"),
        )
        .await?;
        b.assert_no_console_errors(&[]).await
    });
}

#[tokio::test]
async fn the_heatmap_has_a_row_per_plan_a_column_per_topic_and_cells_open_their_sections() {
    let _serial = SERIAL.lock().await;
    let site = serve("/");
    let plans = [CONGHUA, KONGTONG, JIEYANG];
    in_browser!(DESKTOP, |b| {
        open(
            &b,
            &site.url(),
            &format!("?view=compare&plans={}", plans.join(",")),
        )
        .await?;
        let shape = b
            .js("const t = document.querySelector('table.ps-heat'); const w = t.closest('[role=region]'); \
                 return { rows: Array.from(t.tBodies[0].rows).map(r => [r.dataset.plan, r.cells.length, r.cells[0].tagName, r.cells[0].getAttribute('scope')]), \
                   cols: Array.from(t.tHead.rows[0].cells).slice(1).map(c => [c.dataset.topic, c.getAttribute('scope')]), \
                   empty: Array.from(t.querySelectorAll('td')).filter(td => td.textContent.trim() === '').length, \
                   region: [w.getAttribute('tabindex'), !!(w.getAttribute('aria-label') || w.getAttribute('aria-labelledby'))], \
                   caption: !!t.caption };")
            .await?;
        let rows = shape["rows"].as_array().ok_or("rows")?;
        ensure!(
            rows.len() == plans.len(),
            "{} heatmap rows for {} plans",
            rows.len(),
            plans.len()
        );
        for (r, id) in rows.iter().zip(plans) {
            ensure!(r[0] == id, "row {r} is not {id}");
            ensure!(
                r[1] == catalog::TOPICS.len() + 1,
                "row {r}: not one cell per topic"
            );
            ensure!(r[2] == "TH" && r[3] == "row", "row {r}: no row header");
        }
        let cols = shape["cols"].as_array().ok_or("cols")?;
        let want: Vec<&str> = catalog::TOPICS.iter().map(|t| t.id).collect();
        let got: Vec<&str> = cols.iter().map(|c| c[0].as_str().unwrap_or("")).collect();
        ensure!(got == want, "heatmap columns {got:?}");
        ensure!(
            cols.iter().all(|c| c[1] == "col"),
            "column headers without scope=col"
        );
        ensure!(shape["empty"] == 0, "a heatmap cell has no printed value");
        ensure!(
            shape["region"][0] == "0" && shape["region"][1] == true,
            "the scroll region is not labelled/focusable: {shape}"
        );
        // A cell opens its sections: Kongtong × 特殊教育.
        let cell = format!("tr[data-plan='{KONGTONG}'] td[data-topic='special'] a");
        js_click(&b, &cell).await?;
        b.wait_for_js("the topic in the URL", "psq().endsWith('&topic=special')")
            .await?;
        b.wait_for_css("#ps-cmp-detail[data-topic='special']")
            .await?;
        let listed = b
            .hrefs(&format!(
                "#ps-cmp-detail .ps-cmp-cell[data-plan='{KONGTONG}'] .ps-cmp-secs a"
            ))
            .await?;
        let want: Vec<String> = expected_sections(KONGTONG, "special")
            .iter()
            .map(|s| format!("?plan={KONGTONG}&sec={s}"))
            .collect();
        ensure!(listed == want, "the cell opened {listed:?}, want {want:?}");
        b.wait_for_js(
            "the detail scrolled into view",
            "(() => { const r = document.getElementById('ps-cmp-detail').getBoundingClientRect(); return r.top < window.innerHeight && r.bottom > 0; })()",
        )
        .await?;
        b.screenshot("compare-heatmap-1280").await?;
        follow_to_section(
            &b,
            &format!("#ps-cmp-detail .ps-cmp-cell[data-plan='{KONGTONG}'] .ps-cmp-secs a"),
            KONGTONG,
        )
        .await?;
        // Back returns to the comparison with the topic.
        b.client.back().await?;
        b.wait_ready().await?;
        b.wait_for_css("#ps-cmp-detail[data-topic='special']")
            .await?;
        b.assert_no_console_errors(&[]).await
    });
}

#[tokio::test]
async fn a_comparison_url_round_trips() {
    let _serial = SERIAL.lock().await;
    let site = serve("/");
    let query = format!("?view=compare&plans={KONGTONG},{CONGHUA}&topic=teachers");
    let shared_url = std::sync::Mutex::new(String::new());
    in_browser!(DESKTOP, |b| {
        open(&b, &site.url(), &query).await?;
        b.click("#ps-share-button").await?;
        b.wait_for_js(
            "the share URL",
            "document.getElementById('ps-share-url').value.includes('view=compare')",
        )
        .await?;
        let url = b
            .js("return document.getElementById('ps-share-url').value;")
            .await?;
        *shared_url.lock().unwrap() = url.as_str().unwrap_or_default().to_owned();
        ensure!(
            b.js("return !!document.querySelector('img.ps-qr[src^=\"data:image/png\"]');")
                .await?
                == Value::Bool(true),
            "no QR code"
        );
        b.assert_no_console_errors(&[]).await
    });
    let url = shared_url.lock().unwrap().clone();
    ensure_url(&url, &query);
    // Opened fresh, in a new browser: the same plans, in order, and the same topic.
    in_browser!(PHONE, |b| {
        b.goto(&url).await?;
        b.wait_ready().await?;
        let bar: Vec<String> = serde_json::from_value(
            b.js("return Array.from(document.querySelectorAll('.ps-cmp-bar [data-plan]')).map(e => e.dataset.plan);")
                .await?,
        )?;
        ensure!(
            bar == [KONGTONG, CONGHUA],
            "plans after the round trip: {bar:?}"
        );
        b.wait_for_css("#ps-cmp-detail[data-topic='teachers']")
            .await?;
        ensure!(
            b.text("#ps-cmp-detail-h").await?.contains("教师队伍"),
            "topic lost"
        );
        b.assert_no_console_errors(&[]).await
    });
    // Picking: from a plan's header, from the library, with the checkboxes.
    in_browser!(DESKTOP, |b| {
        open(&b, &site.url(), "").await?;
        ensure!(
            b.hrefs(".ps-meta a")
                .await?
                .contains(&"?view=compare".to_owned()),
            "the library has no link to the comparison"
        );
        open(&b, &site.url(), &format!("?plan={CONGHUA}")).await?;
        js_click(&b, ".ps-plan__compare").await?;
        b.wait_for_js(
            "the compare URL",
            &format!("psq() === '?view=compare&plans={CONGHUA}'"),
        )
        .await?;
        b.wait_ready().await?;
        ensure!(
            b.js(&format!("return document.querySelector('.ps-cmp-pick input[value=\"{CONGHUA}\"]').checked && document.querySelector('.ps-cmp-pick').open;")).await? == Value::Bool(true),
            "the picker is not open with this plan checked"
        );
        b.click(&format!(".ps-cmp-pick input[value='{KONGTONG}']"))
            .await?;
        b.wait_for_css(".ps-cmp-pick__go").await?;
        b.click(".ps-cmp-pick__go").await?;
        b.wait_for_js(
            "the new URL",
            &format!("psq() === '?view=compare&plans={CONGHUA},{KONGTONG}'"),
        )
        .await?;
        b.wait_ready().await?;
        b.wait_for_css(&format!(".ps-cmp-bar [data-plan='{KONGTONG}']"))
            .await?;
        // Changing the selection in the app downloads nothing twice.
        ensure_read(&b, &[CONGHUA, KONGTONG], &[]).await?;
        // A plan read in this session before comparing it (its indicator page, then the library
        // and the comparison in the app, no page load) is not downloaded again: the comparison
        // uses it, and the other plan comes as its compare digest.
        open(&b, &site.url(), &format!("indicators-{CONGHUA}.html")).await?;
        b.js("window.psSamePage = true; return true;").await?;
        js_click(&b, ".ps-crumbs a").await?;
        b.wait_for_js("the library", "psq() === ''").await?;
        b.wait_ready().await?;
        js_click(&b, ".ps-meta a[href='./?view=compare']").await?;
        b.wait_for_js("the compare page", "psq() === '?view=compare'")
            .await?;
        b.wait_ready().await?;
        for id in [CONGHUA, KONGTONG] {
            b.click(&format!(".ps-cmp-pick input[value='{id}']"))
                .await?;
        }
        b.wait_for_css(".ps-cmp-pick__go").await?;
        b.click(".ps-cmp-pick__go").await?;
        b.wait_ready().await?;
        b.wait_for_css(&format!(".ps-cmp-bar [data-plan='{KONGTONG}']"))
            .await?;
        ensure!(
            b.js("return window.psSamePage === true;").await? == Value::Bool(true),
            "the way from the indicator page to the comparison loaded a page"
        );
        ensure_read(&b, &[KONGTONG], &[CONGHUA]).await?;
        // Unknown ids are named, duplicates dropped, more than four cut to four with a note.
        open(
            &b,
            &site.url(),
            &format!("?view=compare&plans=nope,{CONGHUA},{CONGHUA},{KONGTONG}"),
        )
        .await?;
        ensure!(
            b.text(".ps-cmp__note").await?.contains("nope"),
            "unknown id not named"
        );
        let n = b
            .js("return document.querySelectorAll('.ps-cmp-bar [data-plan]').length;")
            .await?;
        ensure!(n == 2, "{n} plans shown for two distinct known ids");
        let all = crate::harness::seed_ids();
        open(
            &b,
            &site.url(),
            &format!("?view=compare&plans={}", all.join(",")),
        )
        .await?;
        let n = b
            .js("return document.querySelectorAll('.ps-cmp-bar [data-plan]').length;")
            .await?;
        ensure!(n == 4, "{n} plans shown for five");
        ensure!(
            b.text(".ps-cmp__note").await?.contains("前 4 份"),
            "no note about the fifth plan"
        );
        b.assert_no_console_errors(&[]).await
    });
}

fn ensure_url(url: &str, query: &str) {
    assert!(
        url.ends_with(query),
        "share URL {url} does not end with {query}"
    );
}

#[tokio::test]
async fn on_a_phone_each_topic_is_a_card_with_the_plans_stacked_under_a_sticky_bar() {
    let _serial = SERIAL.lock().await;
    let site = serve("/");
    let query = format!("?view=compare&plans={CONGHUA},{KONGTONG}&topic=preschool");
    for (size, name) in [(PHONE, "compare-390"), (NARROW, "compare-320")] {
        in_browser!(size, |b| {
            open(&b, &site.url(), &query).await?;
            let facts = b
                .js("const cards = Array.from(document.querySelectorAll('.ps-cmp-topics .ps-cmp-topic')); \
                     return cards.map(c => { const cells = Array.from(c.querySelectorAll('.ps-cmp-cell')); \
                       const r = cells.map(x => x.getBoundingClientRect()); \
                       return [c.dataset.topic, cells.map(x => x.dataset.plan), r.length === 2 && Math.abs(r[0].left - r[1].left) < 1 && r[1].top >= r[0].bottom - 1, \
                         cells.every(x => x.querySelector('.ps-cmp-cell__plan').getClientRects().length > 0)]; });")
                .await?;
            let cards = facts.as_array().ok_or("cards")?;
            ensure!(
                cards.len() == catalog::TOPICS.len(),
                "{} topic cards",
                cards.len()
            );
            for c in cards {
                ensure!(
                    c[1] == serde_json::json!([CONGHUA, KONGTONG]),
                    "card {c}: plans"
                );
                ensure!(c[2] == true, "card {c}: entries not stacked");
                ensure!(c[3] == true, "card {c}: entry without a visible plan name");
            }
            b.assert_no_horizontal_scroll().await?;
            b.screenshot(name).await?;
            // Every topic name of the heatmap is whole inside its header cell, written across
            // (in vertical writing the measured boxes did not match the painted glyphs: the last
            // character of the longer names was cut by the first row while its box fitted), and
            // no number of the indicator tables is broken across lines (目标 ≥95%（2025年）).
            let cut = b
                .js("return Array.from(document.querySelectorAll('.ps-heat thead th[data-topic]')).filter(th => { \
                       const a = th.querySelector('a'), t = th.getBoundingClientRect(); \
                       const lines = Array.from(a.getClientRects()); \
                       return getComputedStyle(a).writingMode !== 'horizontal-tb' || !lines.length \
                         || lines.some(r => r.top < t.top - 1 || r.bottom > t.bottom + 1 || r.left < t.left - 1 || r.right > t.right + 1); \
                     }).map(th => th.textContent);")
                .await?;
            ensure!(
                cut == serde_json::json!([]),
                "topic names cut in the heatmap: {cut}"
            );
            let broken = b
                .js("const out = []; \
                     for (const a of document.querySelectorAll('.ps-cmp-vals a')) { \
                       const w = document.createTreeWalker(a, NodeFilter.SHOW_TEXT); \
                       for (let n = w.nextNode(); n; n = w.nextNode()) { \
                         for (const m of n.data.matchAll(/[0-9][0-9.,%]*/g)) { \
                           const r = document.createRange(); r.setStart(n, m.index); r.setEnd(n, m.index + m[0].length); \
                           const tops = new Set(Array.from(r.getClientRects()).map(x => Math.round(x.top))); \
                           if (tops.size > 1) out.push(a.textContent); } } } \
                     return out;")
                .await?;
            ensure!(
                broken == serde_json::json!([]),
                "numbers broken across lines: {broken}"
            );
            // The plan bar stays at the top while the cards scroll by.
            b.js("document.getElementById('t-teachers').scrollIntoView(); return null;")
                .await?;
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
            let bar = b
                .js("const r = document.querySelector('.ps-cmp-bar').getBoundingClientRect(); \
                     return [r.top, r.bottom, document.querySelector('.ps-cmp-bar').textContent, window.scrollY];")
                .await?;
            let stuck = bar[0].as_f64().unwrap_or(99.0).abs() < 1.0;
            ensure!(stuck, "plan bar not stuck to the top: {bar}");
            let scrolled = bar[3].as_f64().unwrap_or(0.0) > 500.0;
            ensure!(scrolled, "did not scroll: {bar}");
            let text = bar[2].as_str().unwrap_or_default();
            ensure!(
                text.contains("从化") && text.contains("崆峒"),
                "plan bar does not name both plans: {text}"
            );
            b.screenshot(&format!("{name}-scrolled")).await?;
            b.assert_no_horizontal_scroll().await?;
            // Large text and the dark theme (the reader's settings) still fit.
            b.js("localStorage.setItem('ps-text', 'large'); localStorage.setItem('ps-theme', 'dark'); return null;")
                .await?;
            open(&b, &site.url(), &query).await?;
            ensure!(
                b.js("return document.documentElement.classList.contains('ps-large') && document.documentElement.classList.contains('ps-theme-dark');")
                    .await?
                    == Value::Bool(true),
                "large text / dark theme not applied"
            );
            b.assert_no_horizontal_scroll().await?;
            b.screenshot(&format!("{name}-large-dark")).await?;
            // Four plans still fit: the bar shortens names, the tables scroll in their regions.
            let four = crate::harness::seed_ids();
            open(
                &b,
                &site.url(),
                &format!("?view=compare&plans={}", four[..4].join(",")),
            )
            .await?;
            let n = b
                .js("return document.querySelectorAll('.ps-cmp-bar [data-plan]').length;")
                .await?;
            ensure!(n == 4, "{n} plans in the bar");
            let cut = b
                .js("return Array.from(document.querySelectorAll('.ps-cmp-bar__plan a')).filter(a => a.scrollWidth > a.clientWidth + 1).map(a => a.textContent);")
                .await?;
            ensure!(
                cut == serde_json::json!([]),
                "plan names cut off in the bar: {cut}"
            );
            b.assert_no_horizontal_scroll().await?;
            b.screenshot(&format!("{name}-four")).await?;
            b.assert_no_console_errors(&[]).await
        });
    }
}
