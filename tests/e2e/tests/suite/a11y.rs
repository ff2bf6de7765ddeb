//! Screen readers and large text (issue 12, point 6): the outline drawer as a screen reader sees
//! it (the DevTools protocol's accessibility tree), every page type at 200% text on a 320 px
//! phone, and charts that follow the text size and their container.

use std::collections::HashMap;
use std::error::Error;
use std::time::Duration;

use serde_json::{json, Value};

use crate::harness::{gold, seed_ids, serve, Browser, TestResult, SERIAL};
use crate::{ensure, in_browser};

const PHONE: (u32, u32) = (390, 844);
const SMALL: (u32, u32) = (320, 640);
const CONGHUA: &str = "guangzhou-conghua-2021-2025";

type R<T> = Result<T, Box<dyn Error>>;

/// A property of an accessibility node (`expanded`, `focusable`, `level`…), `Null` when absent.
fn prop(node: &Value, name: &str) -> Value {
    node["properties"]
        .as_array()
        .and_then(|ps| ps.iter().find(|p| p["name"] == name))
        .map(|p| p["value"]["value"].clone())
        .unwrap_or(Value::Null)
}

fn role(node: &Value) -> &str {
    node["role"]["value"].as_str().unwrap_or_default()
}

fn name(node: &Value) -> &str {
    node["name"]["value"].as_str().unwrap_or_default()
}

/// The nodes a screen reader can reach in the open outline drawer (the dialog named 目录…):
/// `Accessibility.getFullAXTree`, the dialog's subtree in document order, ignored nodes left out
/// (a hidden group's entries are ignored: a swipe does not reach them).
async fn drawer_nodes(b: &Browser) -> R<Vec<Value>> {
    let tree = b.cdp("Accessibility.getFullAXTree", json!({})).await?;
    let nodes = tree["nodes"].as_array().ok_or("no accessibility nodes")?;
    let by_id: HashMap<&str, &Value> = nodes
        .iter()
        .filter_map(|n| Some((n["nodeId"].as_str()?, n)))
        .collect();
    let root = nodes
        .iter()
        .find(|n| role(n) == "dialog" && name(n).starts_with("目录"))
        .ok_or("no dialog named 目录… in the accessibility tree (is the drawer open?)")?;
    let mut out = Vec::new();
    let mut stack: Vec<&Value> = vec![root];
    while let Some(n) = stack.pop() {
        if n["ignored"] != true {
            out.push(n.clone());
        }
        if let Some(kids) = n["childIds"].as_array() {
            for k in kids.iter().rev() {
                if let Some(k) = k.as_str().and_then(|k| by_id.get(k)) {
                    stack.push(k);
                }
            }
        }
    }
    Ok(out)
}

/// Fold buttons (named 展开“…” / 收起“…”) among `nodes`.
fn toggles(nodes: &[Value]) -> Vec<&Value> {
    nodes
        .iter()
        .filter(|n| {
            role(n) == "button" && (name(n).starts_with("展开") || name(n).starts_with("收起"))
        })
        .collect()
}

/// Presses an element found in the accessibility tree, as a screen reader's double tap does
/// (its default action, a click), through the DevTools protocol.
async fn press_node(b: &Browser, node: &Value) -> TestResult {
    let backend = node["backendDOMNodeId"]
        .as_u64()
        .ok_or("accessibility node without a DOM node")?;
    let object = b
        .cdp("DOM.resolveNode", json!({ "backendNodeId": backend }))
        .await?;
    let id = object["object"]["objectId"]
        .as_str()
        .ok_or("DOM.resolveNode gave no object")?;
    b.cdp(
        "Runtime.callFunctionOn",
        json!({ "objectId": id, "functionDeclaration": "function () { this.click(); }" }),
    )
    .await?;
    Ok(())
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[tokio::test]
async fn a_screen_reader_can_unfold_the_whole_outline_with_named_buttons() {
    let _serial = SERIAL.lock().await;
    let site = serve("/");
    for size in [SMALL, PHONE] {
        in_browser!(size, |b| {
            for id in seed_ids() {
                let g = gold(&id);
                let want: Vec<String> = g["outline"]
                    .as_array()
                    .ok_or("gold outline")?
                    .iter()
                    .map(|e| {
                        squash(&format!(
                            "{}{}",
                            e["label"].as_str().unwrap_or_default(),
                            e["title"].as_str().unwrap_or_default()
                        ))
                    })
                    .collect();
                b.goto(&format!("{}?plan={id}", site.url())).await?;
                b.wait_ready().await?;
                b.click("#ps-toc-button").await?;
                b.wait_drawer_open().await?;
                // Every fold button is a target of at least 44 × 44 CSS px.
                let small = b
                    .js("return Array.from(document.querySelectorAll('#ps-outline-drawer .ps-tree__toggle')) \
                           .filter(t => t.getClientRects().length > 0) \
                           .map(t => t.getBoundingClientRect()).filter(r => r.width < 44 || r.height < 44).length;")
                    .await?;
                ensure!(
                    small == 0,
                    "{id} at {size:?}: {small} fold buttons under 44 px"
                );
                let mut rounds = 0;
                loop {
                    let nodes = drawer_nodes(&b).await?;
                    // Every collapsed entry a swipe reaches has its own named, focusable button.
                    let collapsed_items = nodes
                        .iter()
                        .filter(|n| role(n) == "treeitem" && prop(n, "expanded") == false)
                        .count();
                    let collapsed: Vec<&Value> = toggles(&nodes)
                        .into_iter()
                        .filter(|n| prop(n, "expanded") == false)
                        .collect();
                    ensure!(
                        collapsed.len() == collapsed_items,
                        "{id} at {size:?}: {} collapsed entries, {} collapsed fold buttons",
                        collapsed_items,
                        collapsed.len()
                    );
                    for t in &collapsed {
                        ensure!(
                            name(t).starts_with("展开“")
                                && name(t).ends_with('”')
                                && name(t).chars().count() > 4,
                            "{id}: a fold button is named {:?}",
                            name(t)
                        );
                        ensure!(
                            prop(t, "focusable") == true,
                            "{id}: the fold button {:?} is not focusable",
                            name(t)
                        );
                    }
                    let open = toggles(&nodes)
                        .into_iter()
                        .filter(|n| prop(n, "expanded") == true)
                        .all(|n| name(n).starts_with("收起“"));
                    ensure!(open, "{id}: an open fold button is not named 收起“…”");
                    if collapsed.is_empty() {
                        // Everything unfolded: the entries a swipe reaches are the gold outline.
                        let got: Vec<String> = nodes
                            .iter()
                            .filter(|n| role(n) == "treeitem")
                            .map(|n| squash(name(n)))
                            .collect();
                        ensure!(
                            got.len() == want.len(),
                            "{id} at {size:?}: {} entries reachable, gold has {}",
                            got.len(),
                            want.len()
                        );
                        if let Some((i, (a, w))) =
                            got.iter().zip(&want).enumerate().find(|(_, (a, w))| a != w)
                        {
                            return Err(format!("{id}: entry {i} reads {a:?}, gold {w:?}").into());
                        }
                        break;
                    }
                    rounds += 1;
                    ensure!(
                        rounds <= 12,
                        "{id}: still collapsed entries after {rounds} rounds"
                    );
                    for t in collapsed {
                        press_node(&b, t).await?;
                    }
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            }
            b.assert_no_console_errors(&[]).await
        });
    }
}

/// Checks the page as it is now at large text: no sideways scroll, sticky and fixed bars (not
/// the modal drawer or dialogs) at most a third of the viewport high, every button, field and
/// link at least 44 × 44 CSS px (a field with its `<label>` around it; links laid out inline in
/// a line of text are exempt, WCAG 2.5.8's inline exception). `what` names
/// the page in errors.
async fn assert_large_text_ok(b: &Browser, what: &str) -> TestResult {
    let facts = b
        .js(
            "const vh = window.innerHeight, de = document.documentElement; \
             const shown = e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden'; \
             const modal = e => !!e.closest('dialog, [aria-modal=\"true\"], .ps-backdrop'); \
             const desc = e => (e.id ? '#' + e.id : e.tagName.toLowerCase() + (e.className && e.className.baseVal === undefined ? '.' + String(e.className).split(' ').join('.') : '')) + ' “' + (e.getAttribute('aria-label') || e.textContent || e.value || '').trim().slice(0, 20) + '”'; \
             const bars = Array.from(document.querySelectorAll('body *')).filter(e => { const p = getComputedStyle(e).position; return (p === 'sticky' || p === 'fixed') && shown(e) && !modal(e); }) \
               .filter(e => e.getBoundingClientRect().height > vh / 3).map(e => desc(e) + ' ' + Math.round(e.getBoundingClientRect().height) + 'px'); \
             const targets = Array.from(document.querySelectorAll('button, input:not([type=hidden]), select, summary, textarea, a[href]')) \
               .filter(e => shown(e) && getComputedStyle(e).display !== 'inline') \
               .filter(e => !e.closest('.ps-pane:not(.is-open)') || getComputedStyle(e.closest('.ps-pane')).position !== 'fixed') \
               .map(e => [e, (e.closest('label') || e).getBoundingClientRect()]) \
               .filter(([e, r]) => r.width < 44 || r.height < 44) \
               .map(([e, r]) => desc(e) + ' ' + Math.round(r.width) + '×' + Math.round(r.height)); \
             const clipped = e => { for (let a = e.parentElement; a && a !== de; a = a.parentElement) { if (getComputedStyle(a).overflowX !== 'visible') return true; } return false; }; \
             const over = e => e.getClientRects().length > 0 && e.getBoundingClientRect().right > de.clientWidth + 1 && !clipped(e); \
             const wide = Array.from(document.querySelectorAll('body *')).filter(e => over(e) && !Array.from(e.children).some(over)).slice(0, 6) \
               .map(e => desc(e) + ' right ' + Math.round(e.getBoundingClientRect().right) + (shown(e) ? '' : ' (hidden)')); \
             if (!wide.length || de.scrollWidth > 1000) { Array.from(document.querySelectorAll('body *')).filter(e => e.getClientRects().length > 0).map(e => [e, e.getBoundingClientRect().right]).sort((a, b) => b[1] - a[1]).slice(0, 4).forEach(([e, r]) => wide.push('widest ' + desc(e) + ' right ' + Math.round(r) + ' pos ' + getComputedStyle(e).position)); } \
             return { scroll: de.scrollWidth, client: de.clientWidth, root: getComputedStyle(de).fontSize, bars, targets, wide };",
        )
        .await?;
    let mut faults = Vec::new();
    if facts["scroll"].as_u64() > facts["client"].as_u64() {
        faults.push(format!(
            "the page is {} px wide in a {} px viewport (text {}); past the edge: {}",
            facts["scroll"], facts["client"], facts["root"], facts["wide"]
        ));
    }
    if facts["bars"] != json!([]) {
        faults.push(format!(
            "sticky bars taller than a third of the screen: {}",
            facts["bars"]
        ));
    }
    if facts["targets"] != json!([]) {
        faults.push(format!("targets under 44 px: {}", facts["targets"]));
    }
    ensure!(faults.is_empty(), "{what}: {}", faults.join("; "));
    Ok(())
}

/// The open modal dialog (the share dialog) fits the screen and each of its buttons can be
/// scrolled to and lies fully on screen then.
async fn assert_dialog_usable(b: &Browser, what: &str) -> TestResult {
    let facts = b
        .js(
            "const d = document.querySelector('dialog[open]'); if (!d) return { missing: true }; \
             const r = d.getBoundingClientRect(); \
             const off = Array.from(d.querySelectorAll('button, a[href], input')).filter(e => e.getClientRects().length > 0).filter(e => { \
               e.scrollIntoView({ block: 'nearest' }); const q = e.getBoundingClientRect(); \
               return q.top < -1 || q.bottom > window.innerHeight + 1 || q.left < -1 || q.right > window.innerWidth + 1; }).map(e => e.textContent.trim() || e.id); \
             return { missing: false, fits: r.left >= -1 && r.top >= -1 && r.right <= window.innerWidth + 1 && r.bottom <= window.innerHeight + 1, \
               w: Math.round(r.width), h: Math.round(r.height), off };",
        )
        .await?;
    ensure!(facts["missing"] == false, "{what}: no open dialog");
    ensure!(
        facts["fits"] == true,
        "{what}: the dialog ({}×{}) does not fit the screen",
        facts["w"],
        facts["h"]
    );
    ensure!(
        facts["off"] == json!([]),
        "{what}: dialog controls that cannot be brought on screen: {}",
        facts["off"]
    );
    Ok(())
}

#[tokio::test]
async fn every_page_type_works_at_200_percent_text_on_a_320_px_phone() {
    let _serial = SERIAL.lock().await;
    let site = serve("/");
    let ids = seed_ids();
    let base = site.url();
    let pages = [
        ("library", String::new()),
        ("plan", format!("?plan={CONGHUA}")),
        ("indicators", format!("?plan={CONGHUA}&view=indicators")),
        ("explorer", "?view=indicator".to_owned()),
        (
            "compare",
            format!("?view=compare&plans={},{}", ids[0], ids[1]),
        ),
        ("search", "?view=search&q=%E5%AD%A6%E5%89%8D".to_owned()),
        ("overview", "?view=overview".to_owned()),
    ];
    in_browser!(SMALL, |b| {
        // The browser's own text size setting at 200% (Chrome's default_font_size pref, which
        // WeChat's and Android's font settings amount to for a web page).
        b.cdp(
            "Page.setFontSizes",
            json!({ "fontSizes": { "standard": 32, "fixed": 26 } }),
        )
        .await?;
        let mut faults = Vec::new();
        for large in [false, true] {
            for (what, query) in &pages {
                let what = format!("{what}{}", if large { " + 大字" } else { "" });
                b.goto(&format!("{base}{query}")).await?;
                b.js(&format!(
                    "try {{ localStorage.setItem('ps-text', '{}'); }} catch (e) {{}} return null;",
                    if large { "large" } else { "normal" }
                ))
                .await?;
                b.goto(&format!("{base}{query}")).await?;
                b.wait_ready().await?;
                let root = b
                    .js("return parseFloat(getComputedStyle(document.documentElement).fontSize);")
                    .await?
                    .as_f64()
                    .unwrap_or(0.0);
                let enlarged = root >= if large { 35.0 } else { 32.0 };
                ensure!(enlarged, "{what}: the root font size is {root}px, not 200%");
                // Every page is checked before failing, so one run lists every fault.
                if let Err(e) = assert_large_text_ok(&b, &what).await {
                    faults.push(e.to_string());
                }
                if what.starts_with("plan") {
                    b.click("#ps-toc-button").await?;
                    b.wait_drawer_open().await?;
                    if let Err(e) =
                        assert_large_text_ok(&b, &format!("{what}, outline drawer")).await
                    {
                        faults.push(e.to_string());
                    }
                    b.js("document.querySelector('#ps-outline-drawer .ps-pane__close').click(); return null;")
                        .await?;
                    b.wait_for_js(
                        "the drawer closed",
                        "!document.getElementById('ps-outline-drawer').classList.contains('is-open')",
                    )
                    .await?;
                    b.click("#ps-share-button").await?;
                    b.wait_for_qr().await?;
                    if let Err(e) = assert_dialog_usable(&b, &format!("{what}, share dialog")).await
                    {
                        faults.push(e.to_string());
                    }
                    b.screenshot(&format!(
                        "text200-share{}",
                        if large { "-large" } else { "" }
                    ))
                    .await?;
                    b.js("document.querySelector('dialog[open]').close(); return null;")
                        .await?;
                }
                b.screenshot(&format!(
                    "text200-{}{}",
                    what.split(' ').next().unwrap_or("page"),
                    if large { "-large" } else { "" }
                ))
                .await?;
            }
        }
        ensure!(
            faults.is_empty(),
            "at 200% text:\n  {}",
            faults.join("\n  ")
        );
        b.assert_no_console_errors(&[]).await
    });
}

/// Reads the first chart on the page: its option's category-label font size, its canvas's and
/// its element's widths (CSS px).
async fn chart_facts(b: &Browser, css: &str) -> R<Value> {
    b.js(&format!(
        "const el = document.querySelector({css:?}); const c = el && el.querySelector('canvas'); \
         const i = el && window.echarts && echarts.getInstanceByDom(el); if (!c || !i) return null; \
         const o = i.getOption(); \
         return {{ font: o.yAxis[0].axisLabel.fontSize, text: o.textStyle && o.textStyle.fontSize, \
           canvas: c.getBoundingClientRect().width, box: el.getBoundingClientRect().width, \
           height: el.getBoundingClientRect().height }};"
    ))
    .await
}

#[tokio::test]
async fn charts_follow_the_text_size_and_their_container() {
    let _serial = SERIAL.lock().await;
    let site = serve("/");
    in_browser!(SMALL, |b| {
        for (query, css) in [
            (
                format!("?plan={CONGHUA}&view=indicators"),
                "#ps-ind-chart-0",
            ),
            ("?view=overview".to_owned(), "#ps-overview-chart"),
        ] {
            b.goto(&format!("{}{query}", site.url())).await?;
            b.wait_ready().await?;
            b.wait_for_css(&format!("{css} canvas")).await?;
            let before = chart_facts(&b, css).await?;
            ensure!(before.is_object(), "{query}: no chart drawn");
            ensure!(
                before["canvas"] == before["box"],
                "{query}: canvas {} px in a {} px chart",
                before["canvas"],
                before["box"]
            );
            // The reader's text size setting changes while the page is open.
            b.js("document.documentElement.style.fontSize = '200%'; return null;")
                .await?;
            b.wait_for_js(
                "the chart redrawn with larger text",
                &format!(
                    "(() => {{ const i = echarts.getInstanceByDom(document.querySelector({css:?})); \
                     return i.getOption().yAxis[0].axisLabel.fontSize > {}; }})()",
                    before["font"]
                ),
            )
            .await?;
            // The container narrows without a window resize (only a ResizeObserver sees it).
            b.js(&format!(
                "document.querySelector({css:?}).closest('figure').style.maxWidth = '220px'; return null;"
            ))
            .await?;
            b.wait_for_js(
                "the canvas as wide as its narrowed container",
                &format!(
                    "(() => {{ const el = document.querySelector({css:?}); const c = el.querySelector('canvas'); \
                     return el.getBoundingClientRect().width <= 220 && c.getBoundingClientRect().width === el.getBoundingClientRect().width; }})()"
                ),
            )
            .await?;
            let after = chart_facts(&b, css).await?;
            let num = |v: &Value| v.as_f64().unwrap_or(f64::NAN);
            let grew = num(&after["font"]) > num(&before["font"])
                && num(&after["text"]) > num(&before["text"]);
            ensure!(
                grew,
                "{query}: chart text {} → {} px after 200% text",
                before["font"],
                after["font"]
            );
            let taller = num(&after["height"]) > num(&before["height"]);
            ensure!(
                taller,
                "{query}: the chart did not grow with its text ({} → {} px high)",
                before["height"],
                after["height"]
            );
            ensure!(
                after["canvas"] == after["box"],
                "{query}: canvas {} px in a {} px chart after the changes",
                after["canvas"],
                after["box"]
            );
            b.screenshot(&format!(
                "chart-text200-{}",
                if css.contains("ind") {
                    "indicators"
                } else {
                    "overview"
                }
            ))
            .await?;
            b.js("document.documentElement.style.fontSize = ''; return null;")
                .await?;
        }
        b.assert_no_console_errors(&[]).await
    });
}
