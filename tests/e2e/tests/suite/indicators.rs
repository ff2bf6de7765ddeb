//! Indicators and charts (issue #5): the indicator view of a plan against the gold indicator
//! table, its chart, links from every value to the reader and back, the cross-plan explorer, the
//! CSV/JSON downloads, and ECharts loaded only when a chart view opens.

use std::error::Error;

use serde_json::{json, Value};

use crate::harness::{gold, seed_ids, serve, Browser, TestResult, SERIAL};
use crate::{ensure, in_browser};

const PHONE: (u32, u32) = (390, 844);
const DESKTOP: (u32, u32) = (1280, 800);
const CONGHUA: &str = "guangzhou-conghua-2021-2025";

type R<T> = Result<T, Box<dyn Error>>;

fn gold_rows(id: &str) -> Vec<Value> {
    gold(id)["indicator_table"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn s(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

async fn echarts_requests(b: &Browser) -> R<Vec<String>> {
    let v = b
        .js("return performance.getEntriesByType('resource').map(e => e.name).filter(n => n.includes('echarts'));")
        .await?;
    Ok(serde_json::from_value(v)?)
}

/// Library → plan → 查看本规划全部指标: ECharts is requested only at the last step, and on a
/// 390 px phone not even then (the page's charts come drawn at build time, and fit).
async fn open_indicators_from_the_library(b: &Browser, base: &str, phone: bool) -> TestResult {
    b.goto(base).await?;
    b.wait_ready().await?;
    b.click(&format!("[data-plan='{CONGHUA}'] .ps-card__link"))
        .await?;
    b.wait_for_js("the plan URL", &format!("psq() === '?plan={CONGHUA}'"))
        .await?;
    b.wait_ready().await?;
    ensure!(
        echarts_requests(b).await?.is_empty(),
        "ECharts requested before the indicator view opened"
    );
    b.js("document.querySelector('.ps-note a[href^=\"indicators-\"]').click(); return null;")
        .await?;
    b.wait_for_js(
        "the indicator URL",
        &format!("psq() === '?plan={CONGHUA}&view=indicators'"),
    )
    .await?;
    b.wait_ready().await?;
    let requests = echarts_requests(b).await?;
    let echarts = planscope_e2e::size::echarts_file(&planscope_e2e::dist_dir())?;
    if phone {
        ensure!(
            requests.is_empty()
                && b.js("return !!document.querySelector('#ps-ind-chart-0 > svg');")
                    .await?
                    == true,
            "a phone's indicator page: expected the drawing and no ECharts, got {requests:?}"
        );
        // A mouse over the chart loads ECharts, once.
        mouse_over_chart(b, "ps-ind-chart-0").await?;
    }
    let requests = echarts_requests(b).await?;
    ensure!(
        requests == [format!("{base}{echarts}")],
        "expected one request for {echarts}, got {requests:?}"
    );
    Ok(())
}

/// A mouse comes over chart `id` (which loads ECharts over a drawing made at build time), and
/// ECharts has drawn it.
async fn mouse_over_chart(b: &Browser, id: &str) -> TestResult {
    b.js(&format!(
        "document.getElementById('{id}').dispatchEvent(new PointerEvent('pointerover', {{ pointerType: 'mouse', bubbles: true }})); return null;"
    ))
    .await?;
    b.wait_for_js(
        "ECharts drawn over the drawing",
        &format!(
            "(() => {{ const el = document.getElementById('{id}'); return !!el && !!window.echarts && !!echarts.getInstanceByDom(el) \
             && !!el.querySelector('canvas') && !el.querySelector(':scope > svg'); }})()"
        ),
    )
    .await?;
    Ok(())
}

/// The table rows as the reader sees them: name, unit, baseline, target, attribute.
async fn table_rows(b: &Browser) -> R<Vec<Vec<String>>> {
    let v = b
        .js("const t = (r, c) => { const e = r.querySelector(c); return e ? e.textContent.trim() : ''; }; \
             const v = (r, c) => { const a = r.querySelector(c + ' .ps-ind__v'); return a ? a.textContent.trim() : ''; }; \
             return Array.from(document.querySelectorAll('#ps-ind-table tbody tr')).map(r => \
               [t(r, '.ps-ind__name-text'), t(r, '.ps-ind__unit'), v(r, '.ps-ind__base'), v(r, '.ps-ind__target'), t(r, '.ps-attr__text')]);")
        .await?;
    Ok(serde_json::from_value(v)?)
}

/// Non-background pixels of the first chart's canvas.
async fn drawn_pixels(b: &Browser, id: &str) -> R<u64> {
    let v = b
        .js(&format!(
            "const c = document.querySelector('#{id} canvas'); if (!c) return 0; \
             const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0; \
             for (let i = 0; i < d.length; i += 4) {{ if (d[i + 3] > 0 && (d[i] < 240 || d[i + 1] < 240 || d[i + 2] < 240)) n++; }} return n;"
        ))
        .await?;
    Ok(v.as_u64().unwrap_or(0))
}

#[tokio::test]
async fn the_conghua_indicator_view_shows_the_gold_table_and_draws_its_chart() {
    let _serial = SERIAL.lock().await;
    let site = serve("/");
    let want: Vec<Vec<String>> = gold_rows(CONGHUA)
        .iter()
        .map(|g| {
            vec![
                s(&g["name"]),
                s(&g["unit"]),
                s(&g["baseline"]),
                s(&g["target"]),
                s(&g["attribute"]),
            ]
        })
        .collect();
    assert_eq!(want.len(), 10, "the gold file has 10 indicator rows");
    for (size, name) in [(PHONE, "390"), (DESKTOP, "1280")] {
        in_browser!(size, |b| {
            open_indicators_from_the_library(&b, &site.url(), size == PHONE).await?;
            let got = table_rows(&b).await?;
            ensure!(
                got == want,
                "indicator table differs from the gold file:\n got  {got:?}\n want {want:?}"
            );
            // Every value is a link to its row in the reader.
            let hrefs = b.hrefs("#ps-ind-table .ps-ind__v").await?;
            ensure!(
                hrefs.len() == 20,
                "{} value links, want 20 (10 baselines, 10 targets including 保持高水平)",
                hrefs.len()
            );
            ensure!(
                hrefs
                    .iter()
                    .all(|h| h.starts_with(&format!("?plan={CONGHUA}&p=T1r"))),
                "value links: {hrefs:?}"
            );
            // The chart: one per unit (% and 个), drawn, with the gold numbers in its option.
            b.wait_for_css("#ps-ind-chart-0 canvas").await?;
            let option = b
                .js("const o = echarts.getInstanceByDom(document.getElementById('ps-ind-chart-0')).getOption(); \
                     return { labels: o.yAxis[0].data, base: o.series[0].data.map(d => d.value), target: o.series[1].data.map(d => d.value), \
                       tlabels: o.series[1].data.map(d => d.label.formatter), styles: o.series[1].data.map(d => d.itemStyle.borderType || 'solid') };")
                .await?;
            let labels: Vec<String> = serde_json::from_value(option["labels"].clone())?;
            let pct: Vec<&Vec<String>> = want.iter().filter(|r| r[1] == "%").collect();
            ensure!(
                labels == pct.iter().map(|r| r[0].clone()).collect::<Vec<_>>(),
                "chart categories {labels:?}"
            );
            ensure!(
                option["base"][0].as_f64() == Some(100.23)
                    && option["target"][0].as_f64() == Some(100.0),
                "chart values {option}"
            );
            ensure!(
                option["target"][1].is_null(),
                "the text target 保持高水平 has a bar"
            );
            // Binding and expected targets differ in text and outline, not only in colour.
            for (i, r) in pct.iter().enumerate() {
                let label = option["tlabels"][i].as_str().unwrap_or_default();
                ensure!(
                    label.ends_with(&r[4]),
                    "target label {label:?} lacks {}",
                    r[4]
                );
                let dashed = option["styles"][i] == "dashed";
                ensure!(
                    dashed == (r[4] == "预期性"),
                    "row {i}: dashed={dashed} for {}",
                    r[4]
                );
            }
            let pixels = drawn_pixels(&b, "ps-ind-chart-0").await?;
            ensure!(
                pixels > 2000,
                "the chart canvas is (nearly) blank: {pixels} pixels drawn"
            );
            ensure!(
                b.js("return document.getElementById('ps-ind-chart-1') !== null;")
                    .await?
                    == true,
                "no second chart for the 个 row"
            );
            // A text summary and the non-numeric target, listed not dropped.
            let summary = b.text("#ps-ind-chart-0-summary").await?;
            ensure!(
                summary.contains("学前教育毛入园率基数100.23%") && summary.contains("保持高水平"),
                "summary: {summary}"
            );
            // Prose targets (grouped by year) and the base statistics panel.
            ensure!(
                b.js("return document.querySelectorAll('.ps-ind__year h3').length > 0 && document.querySelectorAll('.ps-stat').length > 0;")
                    .await?
                    == true,
                "prose targets or base statistics missing"
            );
            // Resizing the window resizes the chart.
            let w0 = b
                .js("return echarts.getInstanceByDom(document.getElementById('ps-ind-chart-0')).getWidth();")
                .await?;
            b.assert_no_horizontal_scroll().await?;
            b.screenshot(&format!("indicators-{name}")).await?;
            b.js("document.getElementById('ps-ind-chart-0').scrollIntoView({block: 'start'}); return null;")
                .await?;
            b.screenshot(&format!("indicators-chart-{name}")).await?;
            if size == DESKTOP {
                b.client.set_window_size(700, 800).await?;
                b.wait_for_js(
                    "the chart resized",
                    &format!("echarts.getInstanceByDom(document.getElementById('ps-ind-chart-0')).getWidth() < {w0}"),
                )
                .await?;
            }
            b.assert_no_console_errors(&[]).await
        });
    }
}

#[tokio::test]
async fn values_open_the_reader_at_their_paragraph_and_the_reader_links_back() {
    let _serial = SERIAL.lock().await;
    let site = serve("/");
    in_browser!(PHONE, |b| {
        b.goto(&format!("{}?plan={CONGHUA}&view=indicators", site.url()))
            .await?;
        b.wait_ready().await?;
        // A table value → the reader at the row.
        b.click("#ind-T1r1 .ps-ind__target .ps-ind__v").await?;
        b.wait_for_js(
            "the paragraph URL",
            &format!("psq() === '?plan={CONGHUA}&p=T1r1'"),
        )
        .await?;
        b.wait_ready().await?;
        b.wait_for_js(
            "the row marked",
            "document.getElementById('p-T1r1').classList.contains('ps-target')",
        )
        .await?;
        // The row's number dialog links back to the indicator view with the row marked.
        b.js("document.getElementById('q-T1r1-t').click(); return null;")
            .await?;
        b.wait_for_js(
            "the number dialog",
            "document.querySelector('.ps-num-dialog').open",
        )
        .await?;
        let href = b
            .js("return document.getElementById('ps-num-all').getAttribute('href');")
            .await?;
        ensure!(
            crate::harness::old_form(href.as_str().unwrap_or_default())
                == format!("?plan={CONGHUA}&view=indicators&hl=T1r1"),
            "dialog link {href}"
        );
        b.click("#ps-num-all").await?;
        b.wait_for_js(
            "the indicator URL",
            "psq().includes('view=indicators&hl=T1r1')",
        )
        .await?;
        b.wait_ready().await?;
        b.wait_for_js(
            "the row highlighted",
            "document.getElementById('ind-T1r1').classList.contains('ps-target')",
        )
        .await?;
        // A prose target → its paragraph.
        let prose = b
            .js("const a = document.querySelector('.ps-ind__list .ps-ind__v'); return a.getAttribute('href');")
            .await?;
        let prose = crate::harness::old_form(prose.as_str().ok_or("no prose target")?);
        let para = prose
            .split("&p=")
            .nth(1)
            .ok_or(format!("prose link without &p=: {prose}"))?
            .to_owned();
        b.click(".ps-ind__list .ps-ind__v").await?;
        b.wait_for_js(
            "the prose paragraph URL",
            &format!("psq().endsWith('&p={para}')"),
        )
        .await?;
        b.wait_ready().await?;
        b.wait_for_js(
            "the paragraph marked",
            &format!("document.getElementById('p-{para}').classList.contains('ps-target')"),
        )
        .await?;
        // A bar of the chart drawn at build time (a phone keeps it) → its row in the reader.
        b.goto(&format!("{}?plan={CONGHUA}&view=indicators", site.url()))
            .await?;
        b.wait_ready().await?;
        b.js("const bar = document.querySelector('#ps-ind-chart-0 > svg [ecmeta_ssr_type=chart][ecmeta_data_index=\"2\"]'); \
              bar.scrollIntoView({ block: 'center' }); bar.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true })); \
              return null;")
            .await?;
        b.wait_for_js(
            "the drawn bar's paragraph URL",
            &format!("psq() === '?plan={CONGHUA}&p=T1r3'"),
        )
        .await?;
        b.wait_ready().await?;
        // A bar of the chart ECharts draws (a mouse over the chart loads it) → the same row.
        b.goto(&format!("{}?plan={CONGHUA}&view=indicators", site.url()))
            .await?;
        b.wait_ready().await?;
        mouse_over_chart(&b, "ps-ind-chart-0").await?;
        b.js("const el = document.getElementById('ps-ind-chart-0'); const inst = echarts.getInstanceByDom(el); \
              const [x, y] = inst.convertToPixel({ xAxisIndex: 0, yAxisIndex: 0 }, [50, 2]); \
              el.scrollIntoView({ block: 'center' }); const r = el.getBoundingClientRect(); \
              const target = el.querySelector('canvas'); \
              for (const type of ['mousemove', 'mousedown', 'mouseup', 'click']) { \
                target.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true, clientX: r.left + x, clientY: r.top + y - 5, button: 0 })); } \
              return null;")
            .await?;
        b.wait_for_js(
            "the bar's paragraph URL",
            &format!("psq() === '?plan={CONGHUA}&p=T1r3'"),
        )
        .await?;
        b.wait_ready().await?;
        b.wait_for_js(
            "the bar's row marked",
            "document.getElementById('p-T1r3').classList.contains('ps-target')",
        )
        .await?;
        b.assert_no_console_errors(&[]).await
    });
}

/// Plans whose seed text states the preschool gross enrolment rate, in any of its wordings.
fn seeds_stating_preschool_enrolment() -> Vec<String> {
    let wordings = [
        "学前教育毛入园率",
        "学前三年毛入园率",
        "学前教育毛入学率",
        "学前三年毛入学率",
    ];
    seed_ids()
        .into_iter()
        .filter(|id| {
            let text = std::fs::read_to_string(
                planscope_e2e::workspace_root().join(format!("seeds/{id}.txt")),
            )
            .unwrap_or_default();
            wordings.iter().any(|w| text.contains(w))
        })
        .collect()
}

#[tokio::test]
async fn the_explorer_shows_every_plan_that_states_preschool_enrolment() {
    let _serial = SERIAL.lock().await;
    let site = serve("/");
    let mut want = seeds_stating_preschool_enrolment();
    want.sort();
    assert!(want.len() >= 2, "seeds stating it: {want:?}");
    for size in [PHONE, DESKTOP] {
        in_browser!(size, |b| {
            b.goto(&site.url()).await?;
            b.wait_ready().await?;
            b.click("[data-nav='indicator']").await?;
            b.wait_for_js("the explorer URL", "psq() === '?view=indicator'")
                .await?;
            b.wait_ready().await?;
            ensure!(
                echarts_requests(&b).await?.is_empty(),
                "the picker alone requested ECharts"
            );
            ensure!(
                b.js("return document.querySelector('[data-nav=indicator]').getAttribute('aria-current');")
                    .await?
                    == "page",
                "the 指标 nav entry is not current"
            );
            b.click("[data-ind='preschool_gross_enrolment']").await?;
            b.wait_for_js(
                "the indicator URL",
                "psq() === '?view=indicator&ind=preschool_gross_enrolment'",
            )
            .await?;
            // Same page, new indicator: wait for its table, then for its chart to be drawn.
            b.wait_for_css("#ps-explorer-table").await?;
            b.wait_ready().await?;
            b.wait_for_css("#ps-explorer-chart canvas").await?;
            let plans = b
                .js("return Array.from(new Set(Array.from(document.querySelectorAll('#ps-explorer-table tbody tr')).map(r => r.dataset.plan))).sort();")
                .await?;
            let plans: Vec<String> = serde_json::from_value(plans)?;
            ensure!(
                plans == want,
                "explorer plans {plans:?}, seeds state it in {want:?}"
            );
            // Issue 15: the explorer reads the index and the indicator's one file
            // (`data/ind/<id>-<hash>.json`), never a whole plan.
            let data: Vec<String> = serde_json::from_value(
                b.js("return performance.getEntriesByType('resource').map(e => new URL(e.name).pathname).filter(p => p.includes('/data/'));")
                    .await?,
            )?;
            ensure!(
                data.iter()
                    .any(|p| p.starts_with("/data/ind/preschool_gross_enrolment-")
                        && p.ends_with(".json"))
                    && data
                        .iter()
                        .all(|p| p == "/data/index.json" || p.starts_with("/data/ind/")),
                "the explorer fetched {data:?}"
            );
            let hrefs = b.hrefs("#ps-explorer-table .ps-ind__v").await?;
            ensure!(
                !hrefs.is_empty()
                    && hrefs
                        .iter()
                        .all(|h| h.starts_with("?plan=") && h.contains("&p=")),
                "explorer value links {hrefs:?}"
            );
            b.wait_for_css("#ps-explorer-chart canvas").await?;
            let n = b
                .js("return echarts.getInstanceByDom(document.getElementById('ps-explorer-chart')).getOption().yAxis[0].data.length;")
                .await?;
            ensure!(n == want.len(), "chart has {n} plans, want {}", want.len());
            ensure!(
                drawn_pixels(&b, "ps-explorer-chart").await? > 1000,
                "the explorer chart is blank"
            );
            let summary = b.text("#ps-explorer-chart-summary").await?;
            ensure!(
                summary.starts_with(&format!("{}份规划提出", want.len())),
                "summary: {summary}"
            );
            // The explorer's own CSV.
            let bytes = download(&b, "#ps-dl-csv").await?;
            ensure!(
                bytes.starts_with(&[0xEF, 0xBB, 0xBF]),
                "explorer CSV has no BOM"
            );
            b.assert_no_horizontal_scroll().await?;
            b.screenshot(&format!("explorer-{}", size.0)).await?;
            b.assert_no_console_errors(&[]).await
        });
    }
}

/// The bytes behind a download link, as the browser would save them.
async fn download(b: &Browser, css: &str) -> R<Vec<u8>> {
    let v = b
        .js(&format!(
            "const a = document.querySelector({css:?}); if (!a || !a.hasAttribute('download')) return null; \
             return fetch(a.href).then(r => r.arrayBuffer()).then(b => Array.from(new Uint8Array(b)));"
        ))
        .await?;
    let bytes: Option<Vec<u8>> = serde_json::from_value(v)?;
    bytes.ok_or_else(|| format!("no download link {css}").into())
}

/// RFC 4180 records, read by the `csv` crate (no header row: the test reads the header itself).
fn parse_csv(s: &str) -> Result<Vec<Vec<String>>, csv::Error> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(s.as_bytes())
        .records()
        .map(|r| Ok(r?.iter().map(str::to_owned).collect()))
        .collect()
}

#[tokio::test]
async fn the_downloaded_csv_is_the_gold_table_with_a_bom() {
    let _serial = SERIAL.lock().await;
    let site = serve("/");
    let gold = gold_rows(CONGHUA);
    in_browser!(PHONE, |b| {
        b.goto(&format!("{}?plan={CONGHUA}&view=indicators", site.url()))
            .await?;
        b.wait_ready().await?;
        let name = b
            .js("return document.getElementById('ps-dl-csv').getAttribute('download');")
            .await?;
        ensure!(
            name == format!("{CONGHUA}-indicators.csv"),
            "file name {name}"
        );
        let bytes = download(&b, "#ps-dl-csv").await?;
        ensure!(
            bytes.starts_with(&[0xEF, 0xBB, 0xBF]),
            "the CSV does not start with a UTF-8 BOM: {:?}",
            &bytes[..bytes.len().min(8)]
        );
        let text = String::from_utf8(bytes[3..].to_vec())?;
        let rows = parse_csv(&text)?;
        let header = &rows[0];
        let col = |name: &str| header.iter().position(|h| h == name);
        let (Some(kind), Some(n), Some(u), Some(by), Some(bv), Some(ty), Some(tv), Some(a)) = (
            col("类别"),
            col("指标"),
            col("单位"),
            col("基数年份"),
            col("基数"),
            col("目标年份"),
            col("目标"),
            col("属性"),
        ) else {
            return Err(format!("CSV header {header:?}").into());
        };
        let table: Vec<&Vec<String>> = rows[1..].iter().filter(|r| r[kind] == "主要指标").collect();
        ensure!(
            table.len() == gold.len(),
            "{} indicator rows in the CSV",
            table.len()
        );
        for (r, g) in table.iter().zip(&gold) {
            let got = [&r[n], &r[u], &r[by], &r[bv], &r[ty], &r[tv], &r[a]];
            let want = [
                s(&g["name"]),
                s(&g["unit"]),
                s(&g["baseline_year"]),
                s(&g["baseline"]),
                s(&g["target_year"]),
                s(&g["target"]),
                s(&g["attribute"]),
            ];
            ensure!(
                got.iter().zip(&want).all(|(x, y)| *x == y),
                "CSV row {got:?} differs from gold {want:?}"
            );
        }
        ensure!(
            rows[1..].iter().any(|r| r[kind] == "正文目标"),
            "prose targets missing from the CSV"
        );
        // The JSON download has the same ten rows.
        let json = download(&b, "#ps-dl-json").await?;
        let json: Value = serde_json::from_slice(&json)?;
        ensure!(
            json["indicators"].as_array().map(Vec::len) == Some(gold.len()),
            "JSON indicators: {}",
            json["indicators"]
        );
        b.assert_no_console_errors(&[]).await
    });
}

#[tokio::test]
async fn indicator_pages_fit_320_px_in_large_text_and_dark_theme() {
    let _serial = SERIAL.lock().await;
    let site = serve("/");
    in_browser!((320, 640), |b| {
        for query in [
            format!("?plan={CONGHUA}&view=indicators"),
            "?view=indicator&ind=preschool_gross_enrolment".to_owned(),
        ] {
            b.goto(&format!("{}{query}", site.url())).await?;
            b.wait_ready().await?;
            b.js("document.documentElement.classList.add('ps-large', 'ps-theme-dark'); window.dispatchEvent(new Event('resize')); return null;")
                .await?;
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
            b.assert_no_horizontal_scroll().await?;
            // The table scrolls inside its own captioned, focusable region.
            ensure!(
                b.js(
                    "const w = document.querySelector('.ps-ind-table').closest('.ps-table-wrap'); \
                      return w.getAttribute('role') === 'region' && w.tabIndex === 0;"
                )
                .await?
                    == true,
                "{query}: the table is not in a focusable region"
            );
        }
        b.screenshot("explorer-320-large-dark").await?;
        b.assert_no_console_errors(&[]).await
    });
}

/// Issue 11: the indicator page and the explorer are written with their charts drawn (SVG from
/// ECharts' server-side renderer at build time, `planscope-site --charts`). With scripts off the
/// drawing is there, its labels as text; a 390 px phone keeps it and never loads ECharts (its
/// bars are tested in `values_open_the_reader_at_their_paragraph_and_the_reader_links_back`);
/// larger text, and a 320 px phone (narrower than the drawing), have ECharts draw the chart
/// again for their frame, in the same place.
#[tokio::test]
async fn charts_drawn_at_build_time_are_kept_where_they_fit() {
    let _serial = SERIAL.lock().await;
    let site = serve("/");
    let pages = [
        (
            format!("indicators-{CONGHUA}.html"),
            "ps-ind-chart-0",
            "义务教育巩固率",
        ),
        (
            "indicator-preschool_gross_enrolment.html".to_owned(),
            "ps-explorer-chart",
            "从化区",
        ),
    ];
    let drawing = |id: &str| {
        format!(
            "const el = document.getElementById('{id}'); const svg = el && el.querySelector(':scope > svg'); \
             return svg ? {{ bars: svg.querySelectorAll('[ecmeta_ssr_type=chart]').length, \
               text: Array.from(svg.querySelectorAll('text')).map(t => t.textContent).join('|'), \
               height: Math.round(el.getBoundingClientRect().height), canvas: !!el.querySelector('canvas') }} : null;"
        )
    };
    in_browser!(PHONE, |b| {
        for (page, id, label) in &pages {
            let url = format!("{}{page}", site.url());
            b.cdp(
                "Emulation.setScriptExecutionDisabled",
                json!({ "value": true }),
            )
            .await?;
            b.goto(&url).await?;
            let off = b.js(&drawing(id)).await?;
            ensure!(
                off["bars"].as_u64().unwrap_or(0) > 0
                    && off["text"].as_str().is_some_and(|t| t.contains(label)),
                "{page}: no drawing with its labels with scripts off: {off}"
            );
            b.cdp(
                "Emulation.setScriptExecutionDisabled",
                json!({ "value": false }),
            )
            .await?;
            b.goto(&url).await?;
            b.wait_ready().await?;
            // Time for anything that would load ECharts late.
            tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
            let on = b.js(&drawing(id)).await?;
            ensure!(
                on["bars"] == off["bars"] && on["height"] == off["height"] && on["canvas"] == false,
                "{page}: the app did not keep the drawing at 390 px: {on} (scripts off: {off})"
            );
            ensure!(
                echarts_requests(&b).await?.is_empty()
                    && b.js("return typeof window.echarts;").await? == "undefined",
                "{page}: ECharts loaded on a phone the drawing fits"
            );
            b.screenshot(&format!("chart-drawing-{id}")).await?;
            // Larger text: drawn again by ECharts, with larger text.
            b.js("document.documentElement.style.fontSize = '150%'; return null;")
                .await?;
            b.wait_for_js(
                "ECharts drawing the chart for the larger text",
                &format!(
                    "(() => {{ const el = document.getElementById('{id}'); const i = window.echarts && echarts.getInstanceByDom(el); \
                     return !!i && !!el.querySelector('canvas') && !el.querySelector(':scope > svg') && i.getOption().yAxis[0].axisLabel.fontSize > 12; }})()"
                ),
            )
            .await?;
        }
        b.assert_no_console_errors(&[]).await
    });
    in_browser!((320, 640), |b| {
        for (page, id, _) in &pages {
            b.goto(&format!("{}{page}", site.url())).await?;
            b.wait_ready().await?;
            b.wait_for_js(
                "ECharts drawing the chart for 320 px",
                &format!(
                    "(() => {{ const el = document.getElementById('{id}'); const c = el.querySelector('canvas'); \
                     return !!c && !el.querySelector(':scope > svg') && c.getBoundingClientRect().width === el.getBoundingClientRect().width; }})()"
                ),
            )
            .await?;
        }
        b.assert_no_console_errors(&[]).await
    });
}
