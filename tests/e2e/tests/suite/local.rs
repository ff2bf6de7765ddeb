//! A plan opened on this device is a plan like the built ones (issue 14, point 3): a seed's text
//! opened through the 打开规划 page's file input is (a) compared with a built plan by the compare
//! URL — both plans' columns, and the device plan's heatmap row and indicators equal those of the
//! built plan made from the same text — and, in a browser that does not hold it, the same URL
//! says the plan was opened on another device; (b) found by search, marked 本机, with the count
//! of the word in the seed's text, and its result link opens the reader on the hits.

use std::error::Error;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::harness::{serve, Browser, TestResult, SERIAL};
use crate::{ensure, in_browser};

const PHONE: (u32, u32) = (390, 844);
const DESKTOP: (u32, u32) = (1280, 800);
/// The seed opened on the device (its text is also built as this plan).
const SEED: &str = "jieyang-2023-2027";
/// The built plan it is compared with.
const OTHER: &str = "guangzhou-conghua-2021-2025";
/// Words searched: each must occur in the seed.
const WORDS: [&str; 2] = ["学前教育", "教师"];

type R<T> = Result<T, Box<dyn Error>>;

fn seed_text(id: &str) -> String {
    std::fs::read_to_string(planscope_e2e::workspace_root().join(format!("seeds/{id}.txt")))
        .unwrap()
}

/// Opens `path` on the 打开规划 page through its file input and waits for the stored result
/// (`open::open_good`); returns the device key.
async fn open_on_device(b: &Browser, site: &str, path: &Path) -> R<String> {
    b.goto(&format!("{site}?view=open")).await?;
    b.wait_ready().await?;
    Ok(crate::open::open_good(b, path).await?.0)
}

/// The comparison on screen: plan bar ids, heatmap row per plan (cell levels and texts), shared
/// and base indicator rows with each plan's values.
async fn comparison(b: &Browser) -> R<Value> {
    b.js("const rows = sel => Array.from(document.querySelectorAll(sel + ' tbody tr')).map(r => ({ \
            id: r.dataset.indicator, cells: Array.from(r.querySelectorAll('td')).map(td => td.textContent.trim()), \
            links: Array.from(r.querySelectorAll('td a')).map(a => a.getAttribute('href')) })); \
          return { \
            bar: Array.from(document.querySelectorAll('.ps-cmp-bar__plan')).map(p => [p.dataset.plan, p.textContent.trim()]), \
            heat: Object.fromEntries(Array.from(document.querySelectorAll('.ps-heat tr[data-plan]')).map(r => \
              [r.dataset.plan, Array.from(r.querySelectorAll('td')).map(td => [td.dataset.level, td.textContent.trim()])])), \
            shared: rows('table:has(#ps-ind-shared)'), \
            base: rows('table:has(#ps-ind-base)'), \
            notes: Array.from(document.querySelectorAll('.ps-cmp__note')).map(n => n.textContent) };")
        .await
}

/// Column `i` of indicator rows: (indicator, value text).
fn column(rows: &Value, i: usize) -> Vec<(String, String)> {
    rows.as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap_or_default().to_owned(),
                r["cells"][i].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

/// (a) The compare URL with the device plan and a built plan.
async fn compare(b: &Browser, site: &str, key: &str) -> TestResult {
    // The reference: the built plan of the same text beside the same other plan.
    b.goto(&format!("{site}?view=compare&plans={SEED},{OTHER}"))
        .await?;
    b.wait_ready().await?;
    let built = comparison(b).await?;
    b.goto(&format!("{site}?view=compare&plans={key},{OTHER}"))
        .await?;
    b.wait_ready().await?;
    b.wait_for_css(".ps-cmp-bar__plan").await?;
    let local = comparison(b).await?;
    let bar = local["bar"].as_array().unwrap();
    ensure!(
        bar.len() == 2 && bar[0][0] == key && bar[1][0] == OTHER,
        "plan bar {bar:?}"
    );
    ensure!(
        bar[0][1].as_str().unwrap().contains("本机"),
        "the device plan is not marked 本机: {bar:?}"
    );
    ensure!(
        local["notes"].as_array().unwrap().is_empty(),
        "notes {}",
        local["notes"]
    );
    // Its heatmap row is the built plan's of the same text; the other plan's is unchanged.
    ensure!(
        !local["heat"][key].as_array().unwrap().is_empty()
            && local["heat"][key] == built["heat"][SEED],
        "heatmap: device {} vs built {}",
        local["heat"][key],
        built["heat"][SEED]
    );
    ensure!(
        local["heat"][OTHER] == built["heat"][OTHER],
        "other plan's heatmap row changed"
    );
    // Indicators: the same rows and values in both columns, the device plan's linking into it.
    for table in ["shared", "base"] {
        for i in 0..2 {
            ensure!(
                column(&local[table], i) == column(&built[table], i),
                "{table} indicators, column {i}: device {:?} vs built {:?}",
                column(&local[table], i),
                column(&built[table], i)
            );
        }
    }
    let shared = local["shared"].as_array().unwrap();
    ensure!(
        !shared.is_empty(),
        "no shared indicators: {}",
        local["shared"]
    );
    let own: Vec<&str> = shared
        .iter()
        .flat_map(|r| r["links"].as_array().unwrap().iter())
        .filter_map(Value::as_str)
        .filter(|h| h.starts_with(&format!("./?plan={key}&p=")))
        .collect();
    ensure!(
        !own.is_empty(),
        "no indicator value links into the device plan: {}",
        local["shared"]
    );
    // A value link opens the device plan's reader at that paragraph.
    let href = own[0];
    let para = href.rsplit("&p=").next().unwrap().to_owned();
    b.goto(&format!("{site}{}", href.trim_start_matches("./")))
        .await?;
    b.wait_ready().await?;
    b.wait_for_js(
        "the reader at the value's paragraph",
        &format!("!!document.getElementById('p-{para}')"),
    )
    .await?;
    // The picker lists the device plan, marked, checked.
    b.goto(&format!("{site}?view=compare&plans={key},{OTHER}"))
        .await?;
    b.wait_ready().await?;
    let pick = b
        .js(&format!(
            "const i = document.querySelector('.ps-cmp-pick input[value=\"{key}\"]'); \
             return i ? [i.checked, i.closest('li').dataset.local, i.closest('li').textContent] : null;"
        ))
        .await?;
    ensure!(
        pick[0] == true && pick[1] == "1" && pick[2].as_str().unwrap_or("").contains("本机"),
        "picker entry {pick}"
    );
    b.assert_no_horizontal_scroll().await?;
    b.screenshot(&format!("local-compare-{}", b_width(b).await?))
        .await?;
    b.assert_no_console_errors(&[]).await
}

async fn b_width(b: &Browser) -> R<u64> {
    Ok(b.js("return innerWidth;").await?.as_u64().unwrap_or(0))
}

/// (b) A word of the seed: the device plan's result, marked 本机, with the seed's count, beside
/// the built plan of the same text; its link opens the reader on the hits.
async fn search(b: &Browser, site: &str, key: &str, word: &str) -> TestResult {
    let want = seed_text(SEED).matches(word).count() as u64;
    ensure!(want > 0, "{word} is not in {SEED}");
    b.goto(&format!(
        "{site}?view=search&q={}",
        crate::search::enc(word)
    ))
    .await?;
    b.wait_ready().await?;
    let r = b
        .js(&format!(
            "const r = document.querySelector('.ps-result[data-plan=\"{key}\"]'); \
             const s = document.querySelector('.ps-search__summary'); \
             const built = document.querySelector('.ps-result[data-plan=\"{SEED}\"]'); \
             return r && {{ count: Number(r.dataset.count), local: r.dataset.local, \
               badge: r.querySelector('.ps-result__local')?.textContent, \
               built: built ? Number(built.dataset.count) : null, \
               secs: Array.from(r.querySelectorAll('.ps-rsec')).map(s => ({{ count: Number(s.dataset.count), \
                 href: s.querySelector('a').getAttribute('href'), \
                 marks: Array.from(s.querySelectorAll('mark.ps-hit')).map(m => m.textContent) }})), \
               plans: Number(s.dataset.plans), hits: Number(s.dataset.hits), \
               all: Array.from(document.querySelectorAll('.ps-result')).map(x => Number(x.dataset.count)) }};"
        ))
        .await?;
    ensure!(!r.is_null(), "{word}: no result for the device plan");
    ensure!(
        r["count"] == want,
        "{word}: device plan counts {}, the seed has {want}",
        r["count"]
    );
    ensure!(
        r["local"] == "1" && r["badge"] == "本机",
        "{word}: not marked 本机: {r}"
    );
    ensure!(
        r["built"] == want,
        "{word}: the built plan of the same text counts {}",
        r["built"]
    );
    let secs = r["secs"].as_array().unwrap();
    let sum: u64 = secs.iter().map(|s| s["count"].as_u64().unwrap()).sum();
    ensure!(sum == want, "{word}: sections add up to {sum}: {r}");
    // The summary counts the device plan too (every plan is shown: the seeds are few).
    let shown: u64 = r["all"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_u64().unwrap())
        .sum();
    ensure!(
        r["hits"] == shown && r["plans"] == r["all"].as_array().unwrap().len(),
        "{word}: summary {} plans {} hits, shown {shown} in {}",
        r["plans"],
        r["hits"],
        r["all"]
    );
    let first = secs
        .iter()
        .find(|s| !s["marks"].as_array().unwrap().is_empty())
        .ok_or_else(|| format!("{word}: no snippet: {r}"))?;
    ensure!(
        first["marks"].as_array().unwrap().iter().all(|m| m == word),
        "{word}: snippet marks {first}"
    );
    let href = first["href"].as_str().unwrap();
    ensure!(
        href.starts_with(&format!("./?plan={key}&")) && href.contains("find="),
        "{word}: result link {href}"
    );
    b.assert_no_console_errors(&[]).await?;
    // The link, clicked in the app, opens the reader on the hits of its paragraph or section.
    b.js(&format!(
        "document.querySelector('.ps-result[data-plan=\"{key}\"] .ps-rsec a').click();"
    ))
    .await?;
    b.wait_for_js(
        "the device plan's reader",
        &format!("location.search.includes('plan={key}')"),
    )
    .await?;
    b.wait_ready().await?;
    let target = {
        let q = href.trim_start_matches("./?");
        let get = |k: &str| {
            q.split('&')
                .find_map(|kv| kv.strip_prefix(&format!("{k}=")))
                .map(str::to_owned)
        };
        match (get("p"), get("sec")) {
            (Some(p), _) => format!("p-{p}"),
            (None, Some(s)) => format!("s-{s}"),
            _ => return Err(format!("{href}: no target").into()),
        }
    };
    b.wait_for_js(
        "the current find hit in the target, on screen",
        &format!("Array.from(document.getElementById({target:?})?.querySelectorAll('mark.ps-hit.is-current') ?? []).some(m => {{ const q = m.getBoundingClientRect(); return q.bottom > 0 && q.top < innerHeight; }})"),
    )
    .await?;
    let facts = b
        .js(&format!(
            "return {{ marks: Array.from(document.getElementById({target:?}).querySelectorAll('mark.ps-hit')).map(m => m.textContent), \
             find: document.getElementById('ps-find-input').value }};"
        ))
        .await?;
    ensure!(facts["find"] == word, "{word}: find bar {facts}");
    ensure!(
        facts["marks"].as_array().unwrap().iter().all(|m| m == word),
        "{word}: marks {facts}"
    );
    b.assert_no_console_errors(&[]).await
}

/// Another device: the same compare URL in a fresh browser (no such plan stored) says so.
async fn elsewhere(b: &Browser, site: &str, key: &str) -> TestResult {
    b.goto(&format!("{site}?view=compare&plans={key},{OTHER}"))
        .await?;
    b.wait_ready().await?;
    let c = comparison(b).await?;
    let notes = c["notes"].as_array().unwrap();
    ensure!(
        notes.iter().any(|n| {
            let n = n.as_str().unwrap_or_default();
            n.contains("另一台设备") && n.contains("不在本机") && n.contains(key)
        }),
        "no note about another device: {notes:?}"
    );
    ensure!(
        !notes
            .iter()
            .any(|n| n.as_str().unwrap_or_default().contains("规划库中没有")),
        "named as unknown to the library: {notes:?}"
    );
    let page = b.text("#app").await?;
    ensure!(page.contains("请至少选择两份规划"), "page: {page}");
    ensure!(
        b.js("return !!document.querySelector('.ps-cmp__elsewhere a[href=\"./?view=open\"]');")
            .await?
            == true,
        "no way to the 打开规划 page"
    );
    b.assert_no_console_errors(&[]).await
}

async fn scenario(size: (u32, u32)) {
    let _serial = SERIAL.lock().await;
    let site = serve("/");
    let url = site.url();
    let dir = tempfile::tempdir().unwrap();
    let path: PathBuf = dir.path().join(format!("{SEED}.txt"));
    std::fs::write(&path, seed_text(SEED)).unwrap();
    let mut key = String::new();
    in_browser!(size, |b| {
        key = open_on_device(&b, &url, &path).await?;
        compare(&b, &url, &key).await?;
        for word in WORDS {
            search(&b, &url, &key, word).await?;
        }
        Ok(())
    });
    in_browser!(size, |b| elsewhere(&b, &url, &key).await);
}

#[tokio::test]
async fn a_device_plan_is_compared_and_searched_phone() {
    scenario(PHONE).await;
}

#[tokio::test]
async fn a_device_plan_is_compared_and_searched_desktop() {
    scenario(DESKTOP).await;
}
