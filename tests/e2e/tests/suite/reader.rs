//! The plan reader (issue #4): outline tree against the gold outlines, deep links, keyboard,
//! find in plan, share + QR code, numbers, responsibility tables, reading settings, and
//! untrusted text from a test-only plan that is never part of dist/.

use std::error::Error;

use fantoccini::key::Key;
use fantoccini::Locator;
use planscope_e2e::server::{Config, Server};
use serde_json::Value;

use crate::harness::{
    dist_with_plan, gold, parse_fixture, seed_ids, serve, Browser, TestResult, SERIAL,
};
use crate::{ensure, in_browser};

const PHONE: (u32, u32) = (390, 844);
const DESKTOP: (u32, u32) = (1280, 800);
const CONGHUA: &str = "guangzhou-conghua-2021-2025";
const JIEYANG: &str = "jieyang-2023-2027";

type R<T> = Result<T, Box<dyn Error>>;

fn key(k: Key) -> String {
    char::from(k).to_string()
}

async fn press(b: &Browser, k: Key) -> TestResult {
    b.client.active_element().await?.send_keys(&key(k)).await?;
    Ok(())
}

/// Whether the element with this id is on screen (its top inside the viewport).
async fn on_screen(b: &Browser, id: &str) -> R<bool> {
    let v = b
        .js(&format!(
            "const e = document.getElementById({id:?}); if (!e) return false; const r = e.getBoundingClientRect(); \
             return r.top >= -1 && r.top < window.innerHeight && r.bottom > 0;"
        ))
        .await?;
    Ok(v == Value::Bool(true))
}

async fn open_plan(b: &Browser, base: &str, query: &str) -> TestResult {
    b.goto(&format!("{base}{query}")).await?;
    b.wait_ready().await
}

/// Expands the tree down to `sec` by clicking the fold buttons of its collapsed ancestors.
async fn expand_to(b: &Browser, sec: &str) -> TestResult {
    b.js(&format!(
        "const gs = []; let g = document.getElementById('ti-{sec}').closest('[role=group]'); \
         while (g) {{ gs.unshift(g); g = g.parentElement.closest('[role=group]'); }} \
         gs.forEach(g => {{ if (g.hidden) g.parentElement.querySelector(':scope > [data-toggle]').click(); }}); return null;"
    ))
    .await?;
    b.wait_for_js(
        "the item shown",
        &format!("document.getElementById('ti-{sec}').getClientRects().length > 0"),
    )
    .await
}

/// Section id of the first level-3 heading in the tree (from its `?…&sec=` link).
async fn first_level3(b: &Browser) -> R<String> {
    let v = b
        .js("const a = document.querySelector('[role=tree] [role=treeitem][data-level=\"3\"]'); return a ? a.id.slice(3) : null;")
        .await?;
    Ok(v.as_str()
        .ok_or("no level-3 heading in the tree")?
        .to_owned())
}

#[tokio::test]
async fn every_plan_opened_from_the_library_has_its_gold_outline() {
    let _serial = SERIAL.lock().await;
    let site = serve("/");
    in_browser!(PHONE, |b| {
        for id in seed_ids() {
            let g = gold(&id);
            b.goto(&site.url()).await?;
            b.wait_ready().await?;
            b.click(&format!("[data-plan='{id}'] .ps-card__link"))
                .await?;
            b.wait_for_js("the plan URL", &format!("psq() === '?plan={id}'"))
                .await?;
            b.wait_ready().await?;
            let facts = b
                .js(
                    "const t = document.querySelectorAll('[role=tree]'); const tree = t[0]; \
                     const items = Array.from(tree.querySelectorAll('[role=treeitem]')); \
                     const levels = {}; items.forEach(i => { const l = i.dataset.level; levels[l] = (levels[l] || 0) + 1; }); \
                     const roles = Array.from(tree.querySelectorAll('[role]')).map(e => e.getAttribute('role')).filter(r => !['treeitem','group','none'].includes(r)); \
                     const badDepth = items.filter(i => { let d = 1, p = i.parentElement.closest('[role=group]'); while (p) { d++; p = p.parentElement.closest('[role=group]'); } return String(d) !== i.getAttribute('aria-level'); }).length; \
                     const collapsedOk = Array.from(tree.querySelectorAll('[role=group][hidden]')).every(g => g.previousElementSibling.getAttribute('aria-expanded') === 'false'); \
                     return { trees: t.length, items: items.length, all: document.querySelectorAll('[role=treeitem]').length, levels, roles, badDepth, collapsedOk, \
                       drawerOpen: document.getElementById('ps-outline-drawer').classList.contains('is-open') };",
                )
                .await?;
            let want_total = g["outline"].as_array().map_or(0, |a| a.len());
            ensure!(
                facts["trees"] == 1,
                "{id}: {} role=tree elements",
                facts["trees"]
            );
            ensure!(
                facts["items"] == want_total,
                "{id}: {} treeitems, gold has {want_total}",
                facts["items"]
            );
            ensure!(
                facts["all"] == facts["items"],
                "{id}: treeitems outside the tree"
            );
            ensure!(
                facts["roles"] == Value::Array(vec![]),
                "{id}: other roles inside the tree: {}",
                facts["roles"]
            );
            ensure!(
                facts["badDepth"] == 0,
                "{id}: aria-level differs from the depth for {} items",
                facts["badDepth"]
            );
            ensure!(
                facts["collapsedOk"] == true,
                "{id}: a hidden group's parent is not aria-expanded=false"
            );
            ensure!(
                facts["drawerOpen"] == false,
                "{id}: the drawer is open on load"
            );
            for (level, count) in g["outline_counts"]
                .as_object()
                .ok_or("gold outline_counts")?
            {
                let got = facts["levels"][level.as_str()].as_u64().unwrap_or(0);
                ensure!(
                    got == count.as_u64().unwrap_or(0),
                    "{id}: {got} items with data-level={level}, gold {count}"
                );
            }
            b.assert_no_horizontal_scroll().await?;
            if id == CONGHUA {
                b.screenshot("reader-plan-390").await?;
            }
        }
        b.assert_no_console_errors(&[]).await
    });
}

#[tokio::test]
async fn outline_clicks_and_deep_links_land_on_the_section() {
    let _serial = SERIAL.lock().await;
    let site = serve("/");
    // Desktop: the tree is a sidebar; a click scrolls to the section and marks it.
    in_browser!(DESKTOP, |b| {
        open_plan(&b, &site.url(), &format!("?plan={CONGHUA}")).await?;
        let sec = first_level3(&b).await?;
        expand_to(&b, &sec).await?;
        b.click(&format!("#ti-{}", sec.replace('.', "\\."))).await?;
        b.wait_for_js(
            "the section URL",
            &format!("psq() === '?plan={CONGHUA}&sec={sec}'"),
        )
        .await?;
        b.wait_for_js(
            "the target mark",
            &format!("document.getElementById('s-{sec}').classList.contains('ps-target')"),
        )
        .await?;
        ensure!(
            on_screen(&b, &format!("h-{sec}")).await?,
            "section {sec} is not on screen after the click"
        );
        ensure!(
            b.js(&format!(
                "return document.getElementById('ti-{sec}').getAttribute('aria-current');"
            ))
            .await?
                == "location",
            "the clicked item is not aria-current"
        );
        b.screenshot("reader-plan-1280").await?;
        b.assert_no_horizontal_scroll().await?;
        b.assert_no_console_errors(&[]).await
    });
    // Phone: the drawer opens from 目录, closes on selection.
    in_browser!(PHONE, |b| {
        open_plan(&b, &site.url(), &format!("?plan={CONGHUA}")).await?;
        let sec = first_level3(&b).await?;
        ensure!(
            !b.client
                .find(Locator::Id(&format!("ti-{sec}")))
                .await?
                .is_displayed()
                .await?,
            "the tree is visible while the drawer is closed"
        );
        b.click("#ps-toc-button").await?;
        b.wait_drawer_open().await?;
        b.wait_for_js(
            "focus in the tree",
            "document.activeElement && document.activeElement.getAttribute('role') === 'treeitem'",
        )
        .await?;
        tokio::time::sleep(std::time::Duration::from_millis(400)).await; // the slide-in
        b.screenshot("reader-drawer-390").await?;
        expand_to(&b, &sec).await?;
        b.click(&format!("#ti-{}", sec.replace('.', "\\."))).await?;
        b.wait_for_js(
            "the drawer closed",
            "!document.getElementById('ps-outline-drawer').classList.contains('is-open')",
        )
        .await?;
        b.wait_for_js("the section URL", &format!("psq().endsWith('&sec={sec}')"))
            .await?;
        ensure!(
            on_screen(&b, &format!("h-{sec}")).await?,
            "section {sec} is not on screen after the drawer click"
        );
        // The open drawer is a modal dialog: Tab and Shift+Tab stay inside it.
        b.click("#ps-toc-button").await?;
        b.wait_drawer_open().await?;
        ensure!(
            b.js("const d = document.getElementById('ps-outline-drawer'); return d.getAttribute('role') === 'dialog' && d.getAttribute('aria-modal') === 'true';").await? == true,
            "the open drawer is not an aria-modal dialog"
        );
        let inside =
            "return document.getElementById('ps-outline-drawer').contains(document.activeElement);";
        // More stops than the drawer has (close button, the tree's one stop, the other parts).
        for i in 0..20 {
            press(&b, Key::Tab).await?;
            ensure!(b.js(inside).await? == true, "Tab #{i} left the open drawer");
        }
        for i in 0..20 {
            let chord = format!("{}{}", key(Key::Shift), key(Key::Tab));
            b.client.active_element().await?.send_keys(&chord).await?;
            ensure!(
                b.js(inside).await? == true,
                "Shift+Tab #{i} left the open drawer"
            );
        }
        // Esc closes the drawer too.
        press(&b, Key::Escape).await?;
        b.wait_for_js(
            "the drawer closed by Esc",
            "!document.getElementById('ps-outline-drawer').classList.contains('is-open')",
        )
        .await?;
        ensure!(
            b.js("return document.activeElement.id;").await? == "ps-toc-button",
            "focus did not return to 目录"
        );
        b.assert_no_console_errors(&[]).await
    });
    // Deep links to a level-3 section and to a paragraph, at the root and under a sub-path.
    for prefix in ["/", "/portal/plans/"] {
        let site = serve(prefix);
        in_browser!(PHONE, |b| {
            open_plan(&b, &site.url(), &format!("?plan={CONGHUA}")).await?;
            let sec = first_level3(&b).await?;
            open_plan(&b, &site.url(), &format!("?plan={CONGHUA}&sec={sec}")).await?;
            b.wait_for_js(
                "the target mark",
                &format!("document.getElementById('s-{sec}').classList.contains('ps-target')"),
            )
            .await?;
            ensure!(
                on_screen(&b, &format!("h-{sec}")).await?,
                "deep link under {prefix}: section {sec} not on screen"
            );
            ensure!(
                b.js("return document.querySelectorAll('.ps-target').length;")
                    .await?
                    == 1,
                "more than one element marked as target"
            );
            let para = b
                .js(&format!(
                    "return document.querySelector('#s-{} .ps-p').id.slice(2);",
                    sec.replace('.', "\\\\.")
                ))
                .await?;
            let para = para
                .as_str()
                .ok_or("no paragraph in the section")?
                .to_owned();
            open_plan(&b, &site.url(), &format!("?plan={CONGHUA}&p={para}")).await?;
            b.wait_for_js(
                "the paragraph mark",
                &format!("document.getElementById('p-{para}').classList.contains('ps-target')"),
            )
            .await?;
            ensure!(
                on_screen(&b, &format!("p-{para}")).await?,
                "deep link under {prefix}: paragraph {para} not on screen"
            );
            if prefix != "/" {
                b.screenshot("reader-deeplink-subpath-390").await?;
            }
            b.assert_no_console_errors(&[]).await
        });
    }
}

#[tokio::test]
async fn the_outline_works_with_the_keyboard_alone() {
    let _serial = SERIAL.lock().await;
    let site = serve("/");
    in_browser!(DESKTOP, |b| {
        open_plan(&b, &site.url(), &format!("?plan={CONGHUA}")).await?;
        let active = || {
            b.js("const a = document.activeElement; return a.getAttribute('role') === 'treeitem' ? a.id : null;")
        };
        let one_tab_stop = "return document.querySelectorAll('[role=treeitem][tabindex=\"0\"]').length === 1 && document.activeElement.tabIndex === 0;";
        b.js("document.querySelector('[role=treeitem][tabindex=\"0\"]').focus(); return null;")
            .await?;
        ensure!(
            active().await? == "ti-1",
            "the tree's tab stop is not its first item"
        );
        press(&b, Key::Down).await?;
        ensure!(
            active().await? == "ti-1.1",
            "ArrowDown did not move to 1.1: {}",
            active().await?
        );
        ensure!(b.js(one_tab_stop).await? == true, "roving tabindex broken");
        press(&b, Key::Home).await?;
        press(&b, Key::Left).await?;
        b.wait_for_js(
            "1 collapsed",
            "document.getElementById('ti-1').getAttribute('aria-expanded') === 'false'",
        )
        .await?;
        press(&b, Key::Down).await?;
        ensure!(
            active().await? == "ti-2",
            "ArrowDown after collapsing did not skip to 2: {}",
            active().await?
        );
        press(&b, Key::Right).await?;
        b.wait_for_js(
            "2 expanded",
            "document.getElementById('ti-2').getAttribute('aria-expanded') === 'true'",
        )
        .await?;
        press(&b, Key::Right).await?;
        ensure!(
            active().await? == "ti-2.1",
            "ArrowRight on an open item did not go to its first child"
        );
        press(&b, Key::Left).await?;
        ensure!(
            active().await? == "ti-2",
            "ArrowLeft on a child did not go to its parent"
        );
        press(&b, Key::End).await?;
        let last = active().await?;
        let last = last.as_str().ok_or("End left the tree")?.to_owned();
        ensure!(
            b.js(one_tab_stop).await? == true,
            "roving tabindex broken after End"
        );
        let sec = last.trim_start_matches("ti-").to_owned();
        press(&b, Key::Enter).await?;
        b.wait_for_js(
            "the section URL",
            &format!("psq() === '?plan={CONGHUA}&sec={sec}'"),
        )
        .await?;
        b.wait_for_js(
            "the target mark",
            &format!("document.getElementById('s-{sec}').classList.contains('ps-target')"),
        )
        .await?;
        ensure!(
            on_screen(&b, &format!("h-{sec}")).await?,
            "Enter did not scroll to {sec}"
        );
        b.wait_for_js(
            "the active item",
            &format!(
                "document.getElementById('{last}').getAttribute('aria-current') === 'location'"
            ),
        )
        .await?;
        b.assert_no_console_errors(&[]).await
    });
}

/// Occurrences of `word` in a seed, without the gold's web-page chrome lines.
fn seed_count(id: &str, word: &str) -> usize {
    let g = gold(id);
    let boiler: Vec<String> = g["boilerplate"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect();
    let text =
        std::fs::read_to_string(planscope_e2e::workspace_root().join(format!("seeds/{id}.txt")))
            .unwrap();
    text.lines()
        .filter(|l| {
            let squeezed: String = l.chars().filter(|c| *c != ' ' && *c != '\u{a0}').collect();
            !boiler.iter().any(|b| {
                b.chars()
                    .filter(|c| *c != ' ' && *c != '\u{a0}')
                    .collect::<String>()
                    == squeezed
            })
        })
        .map(|l| l.matches(word).count())
        .sum()
}

#[tokio::test]
async fn find_in_plan_counts_and_visits_every_hit() {
    let _serial = SERIAL.lock().await;
    let site = serve("/");
    let want = seed_count(CONGHUA, "学前教育");
    assert!(want > 5, "the seed should mention 学前教育 often ({want})");
    in_browser!(PHONE, |b| {
        open_plan(&b, &site.url(), &format!("?plan={CONGHUA}")).await?;
        b.click("#ps-find-button").await?;
        b.wait_for_js(
            "the find field focused",
            "document.activeElement.id === 'ps-find-input'",
        )
        .await?;
        b.client
            .find(Locator::Id("ps-find-input"))
            .await?
            .send_keys("学前教育")
            .await?;
        b.wait_for_js(
            "the count",
            &format!("document.querySelector('.ps-find__count').dataset.total === '{want}'"),
        )
        .await?;
        let shown = b.text(".ps-find__count").await?;
        ensure!(shown == format!("共 {want} 处"), "count reads {shown:?}");
        let marks = b.js("return new Set(Array.from(document.querySelectorAll('mark.ps-hit')).map(m => m.dataset.hit)).size;").await?;
        ensure!(marks == want, "{marks} highlighted hits, expected {want}");
        b.client
            .find(Locator::Id("ps-find-input"))
            .await?
            .send_keys(&key(Key::Enter))
            .await?;
        for n in 0..want {
            if n > 0 {
                b.click(".ps-find__next").await?;
            }
            b.wait_for_js(
                &format!("hit {n} current and on screen"),
                &format!(
                    "(() => {{ const m = document.querySelector('mark.ps-hit.is-current'); if (!m || m.dataset.hit !== '{n}') return false; \
                     const r = m.getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight && r.width > 0; }})()"
                ),
            )
            .await?;
            if n == 3 {
                b.screenshot("reader-find-390").await?;
            }
        }
        // Wraps around; 上一个 goes back.
        b.click(".ps-find__next").await?;
        b.wait_for_js(
            "wrap to the first hit",
            "document.querySelector('mark.ps-hit.is-current').dataset.hit === '0'",
        )
        .await?;
        b.click(".ps-find__prev").await?;
        b.wait_for_js(
            "back to the last hit",
            &format!(
                "document.querySelector('mark.ps-hit.is-current').dataset.hit === '{}'",
                want - 1
            ),
        )
        .await?;
        b.assert_no_horizontal_scroll().await?;
        b.assert_no_console_errors(&[]).await
    });
}

#[tokio::test]
async fn share_shows_a_qr_code_of_the_current_url() {
    let _serial = SERIAL.lock().await;
    let site = serve("/portal/plans/");
    in_browser!(PHONE, |b| {
        open_plan(&b, &site.url(), &format!("?plan={JIEYANG}&sec=2.1")).await?;
        let url = b.share().await?;
        b.screenshot("reader-share-390").await?;
        let content = b.decode_qr().await?;
        ensure!(
            content == url,
            "the QR code says {content:?}, the page is {url:?}"
        );
        b.click(".ps-share__copy").await?;
        b.wait_for_js(
            "the copy confirmation",
            "document.querySelector('.ps-share__status').textContent.length > 0",
        )
        .await?;
        press(&b, Key::Escape).await?;
        b.wait_for_js(
            "the dialog closed",
            "!document.querySelector('dialog.ps-share').open",
        )
        .await?;
        b.assert_no_console_errors(&[]).await
    });
}

#[tokio::test]
async fn numbers_in_the_text_explain_themselves() {
    let _serial = SERIAL.lock().await;
    let site = serve("/");
    in_browser!(PHONE, |b| {
        open_plan(&b, &site.url(), &format!("?plan={CONGHUA}")).await?;
        let counts = b.js("return [document.querySelectorAll('.ps-num--target').length, document.querySelectorAll('.ps-num--base').length, document.querySelectorAll('.ps-num--ind').length];").await?;
        ensure!(
            counts[0].as_u64().unwrap_or(0) > 10 && counts[1].as_u64().unwrap_or(0) > 5,
            "few numbers marked: {counts}"
        );
        ensure!(
            counts[2].as_u64().unwrap_or(0) >= 2,
            "indicator values not marked: {counts}"
        );
        let id = b
            .js("return document.querySelector('.ps-num--target').id;")
            .await?;
        let id = id.as_str().unwrap_or_default().to_owned();
        b.js(&format!(
            "document.getElementById('{id}').scrollIntoView({{block: 'center'}}); return null;"
        ))
        .await?;
        b.click(&format!("#{id}")).await?;
        b.wait_for_css("dialog.ps-num-dialog[open]").await?;
        let text = b.text("dialog.ps-num-dialog").await?;
        ensure!(
            text.contains("目标") && text.contains("数值"),
            "popover says {text:?}"
        );
        press(&b, Key::Escape).await?;
        b.wait_for_js(
            "the popover closed",
            "!document.querySelector('dialog.ps-num-dialog').open",
        )
        .await?;
        b.wait_for_js(
            "focus back on the number",
            &format!("document.activeElement.id === '{id}'"),
        )
        .await?;
        // An indicator table value.
        b.js("document.querySelector('.ps-num--ind').scrollIntoView({block: 'center'}); return null;").await?;
        b.click(".ps-num--ind").await?;
        b.wait_for_css("dialog.ps-num-dialog[open]").await?;
        let text = b.text("dialog.ps-num-dialog").await?;
        ensure!(
            text.contains("基数") && text.contains("目标") && text.contains("约束性"),
            "indicator popover says {text:?}"
        );
        let row = b
            .js("return document.querySelector('.ps-num--ind').closest('tr').id.slice(2);")
            .await?;
        let row = row
            .as_str()
            .ok_or("the number is not in a table row")?
            .to_owned();
        b.click("dialog.ps-num-dialog a.ps-button").await?;
        // The indicator view (issue #5), with the row of this number marked.
        b.wait_for_js(
            "the indicators URL",
            &format!("psq() === '?plan={CONGHUA}&view=indicators&hl={row}'"),
        )
        .await?;
        b.wait_ready().await?;
        ensure!(
            b.text("h1").await? == "主要指标与目标",
            "the indicator view did not open"
        );
        b.wait_for_js(
            "the row marked",
            &format!("document.getElementById('ind-{row}').classList.contains('ps-target')"),
        )
        .await?;
        b.assert_no_console_errors(&[]).await
    });
}

#[tokio::test]
async fn responsibility_table_is_cards_on_a_phone_and_filters_by_department() {
    let _serial = SERIAL.lock().await;
    let site = serve("/");
    let data: planscope_model::PlanDocument = serde_json::from_str(
        &std::fs::read_to_string(crate::harness::plan_file(
            &planscope_e2e::dist_dir().join("data"),
            JIEYANG,
        ))
        .unwrap(),
    )
    .unwrap();
    let table = &data.task_tables[0];
    let dept = "财政局";
    let lead = table
        .rows
        .iter()
        .filter(|r| r.lead.iter().any(|d| d == dept))
        .count();
    let support = table
        .rows
        .iter()
        .filter(|r| r.support.iter().any(|d| d == dept))
        .count();
    assert!(lead + support > 0);
    in_browser!((320, 640), |b| {
        open_plan(&b, &site.url(), &format!("?plan={JIEYANG}&sec=R1")).await?;
        ensure!(
            b.js("return getComputedStyle(document.querySelector('.ps-table--tasks tbody tr')).display;").await? == "block",
            "task rows are not cards on a phone"
        );
        b.assert_no_horizontal_scroll().await?;
        b.js(&format!(
            "const s = document.querySelector('.ps-tasks select'); s.value = {dept:?}; s.dispatchEvent(new Event('change', {{bubbles: true}})); return null;"
        ))
        .await?;
        b.wait_for_js("the filter", &format!("document.querySelectorAll('.ps-table--tasks tbody tr:not([hidden])').length === {}", lead + support)).await?;
        let roles = b.js("return [document.querySelectorAll('tr:not([hidden]) .ps-role--lead').length, document.querySelectorAll('tr:not([hidden]) .ps-role--support').length];").await?;
        ensure!(
            roles[0] == lead && roles[1] == support,
            "badges {roles}, expected {lead} 牵头 / {support} 配合"
        );
        b.screenshot("reader-tasks-320").await?;
        b.assert_no_horizontal_scroll().await?;
        // The filter is in the address: a reload (or a shared link) keeps it.
        let param = format!("dept-{}=", table.id);
        b.wait_for_js(
            "the filter in the URL",
            &format!("psq().includes({param:?})"),
        )
        .await?;
        b.client.refresh().await?;
        b.wait_ready().await?;
        b.wait_for_js("the filter after reload", &format!("document.querySelectorAll('.ps-table--tasks tbody tr:not([hidden])').length === {}", lead + support)).await?;
        ensure!(
            b.js("return document.querySelector('.ps-tasks select').value;")
                .await?
                == dept,
            "the select lost the department"
        );
        b.assert_no_console_errors(&[]).await
    });
}

#[tokio::test]
async fn reading_settings_are_remembered() {
    let _serial = SERIAL.lock().await;
    let site = serve("/");
    in_browser!(PHONE, |b| {
        open_plan(&b, &site.url(), &format!("?plan={CONGHUA}")).await?;
        b.click(".ps-settings summary").await?;
        b.click(".ps-large-toggle").await?;
        b.js("const s = document.getElementById('ps-theme'); s.value = 'dark'; s.dispatchEvent(new Event('change', {bubbles: true})); return null;").await?;
        b.wait_for_css("html.ps-large.ps-theme-dark").await?;
        b.client.refresh().await?;
        b.wait_ready().await?;
        let facts = b
            .js("const p = document.querySelector('.ps-p'); return { large: document.documentElement.classList.contains('ps-large'), \
                 dark: document.documentElement.classList.contains('ps-theme-dark'), font: parseFloat(getComputedStyle(p).fontSize), \
                 line: parseFloat(getComputedStyle(p).lineHeight) / parseFloat(getComputedStyle(p).fontSize), \
                 tool: Math.min(...Array.from(document.querySelectorAll('.ps-tool')).map(t => t.getBoundingClientRect().height)), \
                 tree: Math.min(...Array.from(document.querySelectorAll('[role=treeitem]')).slice(0, 3).map(t => { const s = getComputedStyle(t); return parseFloat(s.minHeight); })) };")
            .await?;
        ensure!(
            facts["large"] == true && facts["dark"] == true,
            "settings not kept after reload: {facts}"
        );
        let at_least = |key: &str, min: f64| facts[key].as_f64().is_some_and(|v| v >= min);
        ensure!(
            at_least("font", 18.0),
            "body text is {}px in large mode",
            facts["font"]
        );
        ensure!(
            at_least("line", 1.3),
            "line height {} in large mode",
            facts["line"]
        );
        ensure!(
            at_least("tool", 44.0),
            "tool buttons {}px high",
            facts["tool"]
        );
        ensure!(
            at_least("tree", 44.0),
            "outline items {}px high",
            facts["tree"]
        );
        b.assert_no_horizontal_scroll().await?;
        b.screenshot("reader-large-dark-390").await?;
        b.assert_no_console_errors(&[]).await
    });
}

/// WCAG contrast ratios of text against its effective background, for the first element of
/// each selector: `{ selector: ratio }`.
const CONTRAST_JS: &str = r#"
const lum = (c) => { const [r, g, b] = c.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
const rgba = (s) => (s.match(/[\d.]+/g) || []).map(Number);
const bg = (el) => { for (let e = el; e; e = e.parentElement) { const c = rgba(getComputedStyle(e).backgroundColor); if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) return c.slice(0, 3); } return [255, 255, 255]; };
const out = {};
for (const sel of arguments[0]) {
  const el = document.querySelector(sel);
  if (!el) { out[sel] = null; continue; }
  const a = lum(rgba(getComputedStyle(el).color).slice(0, 3)), b = lum(bg(el));
  out[sel] = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}
return out;"#;

#[tokio::test]
async fn themes_keep_text_legible_and_print_shows_the_plan_only() {
    let _serial = SERIAL.lock().await;
    let site = serve("/");
    in_browser!(DESKTOP, |b| {
        open_plan(&b, &site.url(), &format!("?plan={CONGHUA}")).await?;
        let selectors = [
            ".ps-p",
            ".ps-sec__h",
            ".ps-tree__label",
            ".ps-num",
            ".ps-crumbs a",
            ".ps-plan__source",
            ".ps-toolbar button",
        ];
        // Default, dark and high-contrast: WCAG AA (4.5:1) everywhere, AAA (7:1) in high contrast.
        for (theme, min) in [("light", 4.5), ("dark", 4.5), ("contrast", 7.0)] {
            b.js(&format!("const s = document.getElementById('ps-theme'); s.value = '{theme}'; s.dispatchEvent(new Event('change', {{bubbles: true}})); return null;")).await?;
            b.wait_for_css(&format!("html.ps-theme-{theme}")).await?;
            let ratios = b
                .client
                .execute(CONTRAST_JS, vec![serde_json::json!(selectors)])
                .await?;
            for sel in selectors {
                let r = ratios[sel].as_f64();
                ensure!(r.is_some(), "{sel} not found on the plan page");
                ensure!(
                    r.is_some_and(|r| r >= min),
                    "{theme}: {sel} has contrast {r:?} < {min}"
                );
            }
            b.screenshot(&format!("reader-theme-{theme}-1280")).await?;
        }
        // Print: the plan's text, black on white, without the app around it.
        b.cdp(
            "Emulation.setEmulatedMedia",
            serde_json::json!({ "media": "print" }),
        )
        .await?;
        let facts = b
            .js("const shown = (s) => Array.from(document.querySelectorAll(s)).filter(e => e.getClientRects().length > 0).length; \
                 return { chrome: shown('.ps-header, .ps-footer, .ps-toolbar, .ps-pane, .ps-crumbs'), \
                 paras: document.querySelectorAll('.ps-sec .ps-p').length, shownParas: shown('.ps-sec .ps-p'), \
                 heads: document.querySelectorAll('.ps-sec__h').length, shownHeads: shown('.ps-sec__h'), \
                 color: getComputedStyle(document.querySelector('.ps-p')).color, title: shown('h1') };")
            .await?;
        ensure!(
            facts["chrome"] == 0,
            "header, toolbar, outline or breadcrumbs print: {facts}"
        );
        ensure!(
            facts["paras"].as_u64().unwrap_or(0) > 50 && facts["paras"] == facts["shownParas"],
            "not every paragraph prints: {facts}"
        );
        ensure!(
            facts["heads"] == facts["shownHeads"] && facts["title"] == 1,
            "headings or title missing in print: {facts}"
        );
        ensure!(
            facts["color"] == "rgb(0, 0, 0)",
            "print text is {} not black",
            facts["color"]
        );
        b.cdp(
            "Emulation.setEmulatedMedia",
            serde_json::json!({ "media": "" }),
        )
        .await?;
        b.assert_no_console_errors(&[]).await
    });
}

const PAYLOADS: [&str; 3] = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "javascript:alert(1)",
];

#[tokio::test]
async fn untrusted_plan_text_renders_literally() {
    let _serial = SERIAL.lock().await;
    // A copy of dist/ with the test-only plan added; the real dist/ never contains it.
    let doc = parse_fixture("xss/xss-fixture.txt");
    assert_eq!(doc.id, "xss-fixture");
    let copy = dist_with_plan(&doc);
    assert!(
        !planscope_e2e::dist_dir()
            .join("data/xss-fixture.json")
            .exists(),
        "the fixture leaked into dist/"
    );
    let site = Server::start_local(Config::new(copy.path())).expect("start the static server");
    in_browser!(PHONE, |b| {
        b.goto(&site.url()).await?;
        b.wait_ready().await?;
        // The fixture has no static page (it is added to a copy of dist/ after the build): the
        // app draws it from the query of index.html.
        b.goto(&format!("{}?plan=xss-fixture", site.url())).await?;
        b.wait_for_js("the plan URL", "psq() === '?plan=xss-fixture'")
            .await?;
        b.wait_ready().await?;
        let facts = b
            .js("const r = document.getElementById('ps-read'); return { \
                 scripts: document.querySelectorAll('#app script, #app img:not(.ps-qr), #app iframe, #app [onerror]').length, \
                 links: Array.from(document.querySelectorAll('a[href]')).filter(a => a.getAttribute('href').toLowerCase().includes('javascript')).length, \
                 heading: document.querySelector('.ps-sec__h').textContent, tree: document.querySelector('[role=tree]').textContent, \
                 cells: Array.from(document.querySelectorAll('.ps-table--ind td, .ps-table--ind th')).map(c => c.textContent).join('|'), \
                 text: r.textContent, title: document.querySelector('h1').textContent };")
            .await?;
        ensure!(
            facts["scripts"] == 0,
            "markup from the plan became elements: {facts}"
        );
        ensure!(facts["links"] == 0, "a javascript: link was created");
        let text = facts["text"].as_str().unwrap_or_default();
        for p in PAYLOADS {
            ensure!(text.contains(p), "the text does not show {p:?} literally");
        }
        ensure!(
            facts["heading"]
                .as_str()
                .unwrap_or_default()
                .contains(PAYLOADS[0]),
            "heading: {}",
            facts["heading"]
        );
        // The parser ends a heading's title at a space, so the tree shows `<img` of PAYLOADS[1]
        // (the reading pane has all of it, checked above).
        let tree = facts["tree"].as_str().unwrap_or_default();
        ensure!(
            tree.contains(PAYLOADS[0]) && tree.contains("基本原则<img"),
            "tree: {tree}"
        );
        let cells = facts["cells"].as_str().unwrap_or_default();
        ensure!(
            cells.contains(PAYLOADS[0])
                && cells.contains(PAYLOADS[1])
                && cells.contains(PAYLOADS[2]),
            "cells: {cells}"
        );
        ensure!(
            facts["title"]
                .as_str()
                .unwrap_or_default()
                .contains(PAYLOADS[0]),
            "title: {}",
            facts["title"]
        );
        // Finding the markup finds the literal text.
        b.click("#ps-find-button").await?;
        b.client
            .find(Locator::Id("ps-find-input"))
            .await?
            .send_keys("<img")
            .await?;
        b.wait_for_js(
            "hits for the markup",
            "Number(document.querySelector('.ps-find__count').dataset.total) >= 3",
        )
        .await?;
        ensure!(
            b.js("return document.querySelectorAll('#app img:not(.ps-qr)').length;")
                .await?
                == 0,
            "highlighting created an <img>"
        );
        b.screenshot("reader-xss-390").await?;
        // An alert would have left a dialog open and failed the commands above; console is clean.
        b.assert_no_console_errors(&[]).await
    });
}

#[tokio::test]
async fn a_chaptered_plan_shows_its_chapters_and_an_article_link_lands_on_it() {
    let _serial = SERIAL.lock().await;
    // A copy of dist/ with a test-only plan in 第X章/第X条 added (as for the XSS fixture).
    let doc = parse_fixture("chapters/chapters-fixture.txt");
    let chapters: Vec<_> = doc.sections.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(chapters, ["第一章", "第二章", "第三章"]);
    // 第五条, deep in the text
    let article = doc.sections[1].children[2].clone();
    assert_eq!(article.label, "第五条");
    let copy = dist_with_plan(&doc);
    let site = Server::start_local(Config::new(copy.path())).expect("start the static server");
    in_browser!(PHONE, |b| {
        open_plan(&b, &site.url(), "?plan=chapters-fixture").await?;
        let level = |n: u8| {
            format!(
                "return Array.from(document.querySelectorAll('[role=tree] [role=treeitem][aria-level=\"{n}\"]')) \
                 .map(a => a.querySelector('.ps-tree__label').textContent + a.querySelector('.ps-tree__text').textContent);"
            )
        };
        let top = b.js(&level(1)).await?;
        ensure!(
            top == serde_json::json!(["第一章总则", "第二章选聘条件", "第三章附则"]),
            "the tree's top level is not the chapters: {top}"
        );
        let articles = b.js(&level(2)).await?;
        ensure!(
            articles
                == serde_json::json!([
                    "第一条",
                    "第二条",
                    "第三条",
                    "第四条",
                    "第五条",
                    "第六条",
                    "第七条"
                ]),
            "the articles are not the level under the chapters: {articles}"
        );
        ensure!(
            b.js(&level(3)).await? == serde_json::json!([]),
            "the lists inside articles became headings"
        );
        let sec = &article.id;
        open_plan(
            &b,
            &site.url(),
            &format!("?plan=chapters-fixture&sec={sec}"),
        )
        .await?;
        b.wait_for_js(
            "the target mark",
            &format!("document.getElementById('s-{sec}').classList.contains('ps-target')"),
        )
        .await?;
        ensure!(
            on_screen(&b, &format!("h-{sec}")).await?,
            "the article link does not land on 第五条"
        );
        let heading = b
            .js(&format!(
                "return document.getElementById('h-{sec}').textContent;"
            ))
            .await?;
        ensure!(
            heading.as_str().unwrap_or_default().contains("第五条"),
            "heading: {heading}"
        );
        b.screenshot("reader-chapters-390").await?;
        b.assert_no_console_errors(&[]).await
    });
}
