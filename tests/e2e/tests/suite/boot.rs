//! Every reader, every portal (issue 12, points 1–3): the boot script
//! (`crates/planscope-site/src/boot.js`) on old engines, under a strict Content-Security-Policy,
//! and on a page of a release whose hashed files are gone.
//!
//! * Old engines: the WebAssembly entry points are overridden through the DevTools protocol
//!   before any page script runs (`Page.addScriptToEvaluateOnNewDocument`): compilation fails,
//!   or `WebAssembly.validate` refuses the build's features, or there is no WebAssembly. Every
//!   page type keeps its static content (a pure live view: the explanation) and shows the zh-CN
//!   old-browser line, never the network message.
//! * Strict CSP: the test server sends [`STRICT_CSP`]; every page type loads, becomes ready and
//!   interactive with no `securitypolicyviolation` event and no console error. The QR code (a
//!   `data:` PNG, refused by `img-src 'self'`) falls back to a canvas that decodes to the page's
//!   address; under the README's policy (`img-src 'self' data:`) it is the `<img>` again.
//! * Stale caches: build A is served with real cache headers, a page is loaded, build B (every
//!   hashed file renamed) replaces it while a cache in front of the site still holds A's pages;
//!   following a link to a page whose files are gone reloads it once with a cache-busting
//!   parameter and it works; when the cache ignores that parameter too, the page explains.
//! * Replaced data: release B renames every plan and indicator file (new content hashes), the
//!   bundles unchanged. A page of release A names a plan file that is gone, and the explorer of
//!   release A's index asks for an indicator file that is gone: each reloads once with the
//!   cache-busting parameter and works; when the cache ignores it, the page explains (zh-CN,
//!   重试 and 返回规划库) without looping.
//! * Replaced search index: release B renames the search index's count shards; a search page
//!   of release A asks for one that is gone, reloads once and shows the results.

use std::error::Error;
use std::path::Path;
use std::time::Duration;

use planscope_e2e::server::{Config, Server, StalePages, STRICT_CSP};
use serde_json::{json, Value};

use crate::harness::{copy_dir, seed_ids, Browser, TestResult, SERIAL};
use crate::{ensure, in_browser};

const PHONE: (u32, u32) = (390, 844);
const OLD_LINE: &str = "需要较新版本的浏览器或微信";
const NET_LINE: &str = "请检查网络";
const STALE_LINE: &str = "网站刚刚更新";

/// The README's policy: the strict one plus `data:` images, so the QR `<img>` (WeChat's long
/// press) is allowed.
const README_CSP: &str =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:";

type R<T> = Result<T, Box<dyn Error>>;

fn serve_with(config: impl FnOnce(Config) -> Config) -> Server {
    Server::start_local(config(Config::new(planscope_e2e::dist_dir()))).expect("start the server")
}

/// Runs `source` before any script of every page this browser opens from now on.
async fn before_every_page(b: &Browser, source: &str) -> TestResult {
    b.cdp("Page.enable", json!({})).await?;
    b.cdp(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": source }),
    )
    .await?;
    Ok(())
}

/// Moves the mouse over the middle of the first chart's plot (its canvas), as a reader's
/// pointer would: ECharts shows its axis tooltip.
const HOVER_FIRST_CHART: &str = "const c = document.querySelector('.ps-chart__canvas canvas'); \
    const r = c.getBoundingClientRect(); \
    c.dispatchEvent(new MouseEvent('mousemove', { bubbles: true, clientX: r.left + r.width * 0.6, clientY: r.top + r.height * 0.5 })); \
    return null;";

/// Records every CSP violation of a page in `window.__psCsp`.
const RECORD_CSP: &str = "window.__psCsp = []; document.addEventListener('securitypolicyviolation', \
    function (e) { window.__psCsp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber); }, true);";

async fn csp_violations(b: &Browser) -> R<Vec<String>> {
    Ok(serde_json::from_value(
        b.js("return window.__psCsp || ['no recorder: the CDP script did not run'];")
            .await?,
    )?)
}

/// A plan with indicators and charts (for the indicator page) and a second plan (for the
/// comparison).
fn plans() -> (String, String) {
    let ids = seed_ids();
    let a = "guangzhou-conghua-2021-2025";
    assert!(ids.iter().any(|i| i == a), "seed {a} missing");
    let b = ids.iter().find(|i| *i != a).expect("a second seed");
    (a.to_owned(), b.clone())
}

/// The page types, as (name, address relative to the site, a CSS selector of what must be
/// visible once it is ready, or None for a view drawn by the app only).
fn page_types() -> Vec<(&'static str, String, Option<&'static str>)> {
    let (a, b) = plans();
    vec![
        ("library", String::new(), Some("#ps-prerendered")),
        ("plan", format!("plan-{a}.html"), Some("#ps-prerendered h1")),
        (
            "indicators",
            format!("indicators-{a}.html"),
            Some("#ps-prerendered"),
        ),
        (
            "explorer",
            "indicator.html".to_owned(),
            Some("#ps-prerendered"),
        ),
        (
            "search",
            "?view=search&q=%E5%AD%A6%E5%89%8D".to_owned(),
            None,
        ),
        ("compare", format!("?view=compare&plans={a},{b}"), None),
        ("overview", "?view=overview".to_owned(), None),
    ]
}

#[tokio::test]
async fn an_engine_that_cannot_compile_the_app_keeps_the_static_pages_and_says_why() {
    let _serial = SERIAL.lock().await;
    let site = serve_with(|c| c);
    let base = site.url();
    // (what the override does, its script)
    let overrides = [
        (
            "compilation fails",
            "(function () { var E = WebAssembly.CompileError; \
             var no = function () { return Promise.reject(new E('test: this engine cannot compile the module')); }; \
             WebAssembly.instantiate = no; WebAssembly.instantiateStreaming = no; WebAssembly.compile = no; \
             WebAssembly.compileStreaming = no; WebAssembly.Module = function () { throw new E('test'); }; })();",
        ),
        (
            "the build's features are refused",
            "WebAssembly.validate = function () { return false; };",
        ),
        (
            "no WebAssembly",
            "Object.defineProperty(window, 'WebAssembly', { value: undefined, configurable: true });",
        ),
    ];
    for (what, script) in overrides {
        in_browser!(PHONE, |b| {
            before_every_page(&b, script).await?;
            for (page, rel, content) in page_types() {
                b.goto(&format!("{base}{rel}")).await?;
                b.wait_for_css("html[data-boot-failed]").await?;
                let state = b
                    .js("return [document.documentElement.dataset.bootFailed, \
                         (document.getElementById('ps-boot-error') || {}).textContent || '', \
                         !!document.getElementById('ps-boot-error') && document.getElementById('ps-boot-error').offsetParent !== null, \
                         !!document.getElementById('ps-boot-status') && document.getElementById('ps-boot-status').offsetParent !== null];")
                    .await?;
                let line = state[1].as_str().unwrap_or_default();
                ensure!(
                    state[0] == "old",
                    "{what}, {page}: boot failed as {:?}, not as an old engine ({line})",
                    state[0]
                );
                ensure!(
                    line.contains(OLD_LINE) && !line.contains(NET_LINE),
                    "{what}, {page}: the page says {line:?}"
                );
                ensure!(
                    state[2] == true,
                    "{what}, {page}: the old-browser line is not visible"
                );
                ensure!(state[3] == false, "{what}, {page}: 正在加载 is still shown");
                if let Some(css) = content {
                    let shown = b
                        .js(&format!(
                            "const e = document.querySelector({css:?}); return !!e && e.offsetParent !== null && e.textContent.trim().length > 0;"
                        ))
                        .await?;
                    ensure!(
                        shown == true,
                        "{what}, {page}: the static content ({css}) is not shown"
                    );
                }
                // Nothing runs, nothing is half drawn: no live view was mounted.
                let ready = b
                    .js("return document.documentElement.dataset.ready || '';")
                    .await?;
                ensure!(ready == "", "{what}, {page}: the app marked the page ready");
                if what != "compilation fails" {
                    let wasm = b
                        .js("return performance.getEntriesByType('resource').filter(e => /\\.wasm(\\?|$)/.test(e.name)).length;")
                        .await?;
                    ensure!(
                        wasm == 0,
                        "{what}, {page}: {wasm} wasm files were downloaded anyway"
                    );
                }
                b.screenshot(&format!("boot-old-{page}")).await?;
                b.assert_no_console_errors(&["CompileError", "test: this engine"])
                    .await?;
            }
            Ok(())
        });
    }
}

#[tokio::test]
async fn every_page_type_runs_under_a_strict_content_security_policy() {
    let _serial = SERIAL.lock().await;
    let site = serve_with(|mut c| {
        c.csp = Some(STRICT_CSP.to_owned());
        c
    });
    let base = site.url();
    in_browser!(PHONE, |b| {
        before_every_page(&b, RECORD_CSP).await?;
        for (page, rel, _) in page_types() {
            b.goto(&format!("{base}{rel}")).await?;
            b.wait_ready().await?;
            match page {
                // Interactive: the outline drawer opens.
                "plan" => {
                    b.click("#ps-toc-button").await?;
                    b.wait_drawer_open().await?;
                }
                // Charts drawn by ECharts (loaded on demand), sized through the CSSOM. The
                // indicator page's come drawn at build time (presentation attributes, no
                // `style`): a mouse over one has ECharts draw it.
                "indicators" | "overview" => {
                    if page == "indicators" {
                        let h = b
                            .js("const el = document.querySelector('.ps-chart__canvas'); return el.querySelector(':scope > svg') ? el.getBoundingClientRect().height : 0;")
                            .await?;
                        ensure!(
                            h.as_f64().is_some_and(|h| h > 50.0),
                            "{page}: no drawing of its chart, or one {h} px high"
                        );
                        b.js("document.querySelector('.ps-chart__canvas').dispatchEvent(new PointerEvent('pointerover', { pointerType: 'mouse', bubbles: true })); return null;")
                            .await?;
                    }
                    b.wait_for_css(".ps-chart__canvas canvas").await?;
                    let h = b
                        .js("return document.querySelector('.ps-chart__canvas').getBoundingClientRect().height;")
                        .await?;
                    let tall = h.as_f64().is_some_and(|h| h > 50.0);
                    ensure!(
                        tall,
                        "{page}: the chart is {h} px high (its height was refused?)"
                    );
                    // Hovering draws the tooltip on the canvas: the pixels change, and no
                    // `style` attribute is refused (ECharts' HTML tooltip writes them).
                    let before = b
                        .js("const c = document.querySelector('.ps-chart__canvas canvas'); c.scrollIntoView({ block: 'center' }); return c.toDataURL();")
                        .await?;
                    b.js(HOVER_FIRST_CHART).await?;
                    b.wait_for_js(
                        "the hovered chart redrawn",
                        &format!(
                            "document.querySelector('.ps-chart__canvas canvas').toDataURL() !== {before}"
                        ),
                    )
                    .await?;
                }
                // The search page's own stylesheet applies.
                "search" => {
                    b.wait_for_js(
                        "the search page's stylesheet",
                        "(() => { const l = document.getElementById('ps-search-css'); return !!l && !!l.sheet; })()",
                    )
                    .await?;
                }
                _ => {}
            }
            let violations = csp_violations(&b).await?;
            ensure!(
                violations.is_empty(),
                "{page}: CSP violations:\n  {}",
                violations.join("\n  ")
            );
            b.assert_no_console_errors(&[]).await?;
        }
        // The share dialog: the data: image is refused, the canvas shows the same code.
        let (plan, _) = plans();
        b.goto(&format!("{base}plan-{plan}.html")).await?;
        b.wait_ready().await?;
        b.click("#ps-share-button").await?;
        b.wait_for_js(
            "the QR canvas",
            "(() => { const c = document.querySelector('dialog.ps-share[open] canvas.ps-qr'); return !!c && !c.hidden && c.offsetWidth > 0; })()",
        )
        .await?;
        let violations = csp_violations(&b).await?;
        ensure!(
            violations.len() == 1 && violations[0].starts_with("img-src data"),
            "share: expected the one refused data: image, got {violations:?}"
        );
        let img_hidden = b
            .js("return document.querySelector('dialog.ps-share[open] img.ps-qr').hidden;")
            .await?;
        ensure!(
            img_hidden == true,
            "share: the refused image is still shown"
        );
        let decoded = b.decode_qr_in("dialog.ps-share[open] canvas.ps-qr").await?;
        let shown = b
            .js("return document.getElementById('ps-share-url').value;")
            .await?;
        ensure!(
            decoded == shown.as_str().unwrap_or_default(),
            "share: the QR canvas says {decoded}, the dialog {shown}"
        );
        b.screenshot("boot-csp-share-canvas").await?;
        b.assert_no_console_errors(&["img-src"]).await?;
        Ok(())
    });
    // The README's policy allows data: images: the QR is the <img> WeChat can recognise.
    let site = serve_with(|mut c| {
        c.csp = Some(README_CSP.to_owned());
        c
    });
    let base = site.url();
    in_browser!(PHONE, |b| {
        before_every_page(&b, RECORD_CSP).await?;
        let (plan, _) = plans();
        b.goto(&format!("{base}plan-{plan}.html")).await?;
        b.wait_ready().await?;
        b.click("#ps-share-button").await?;
        b.wait_for_qr().await?;
        let violations = csp_violations(&b).await?;
        ensure!(
            violations.is_empty(),
            "README policy: CSP violations {violations:?}"
        );
        let decoded = b.decode_qr().await?;
        ensure!(
            decoded.contains(&format!("plan-{plan}.html")),
            "README policy: the QR image says {decoded}"
        );
        b.assert_no_console_errors(&[]).await?;
        Ok(())
    });
}

/// Build B: a copy of `a` in `to` in which every content-hashed file of the top directory has a
/// new hash (and the stylesheets new content), and every page names the new files — what the
/// next release looks like to a page of this one.
fn next_release(a: &Path, to: &Path) -> R<usize> {
    copy_dir(a, to)?;
    let mut renamed = Vec::new();
    for entry in std::fs::read_dir(to)? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        if !planscope_e2e::server::is_content_hashed(&name) {
            continue;
        }
        let stem = name.split('.').next().unwrap_or_default();
        let stem = stem.strip_suffix("_bg").unwrap_or(stem);
        let hash = stem.rsplit_once('-').map_or("", |(_, h)| h);
        let new = name.replacen(hash, &next_hash(hash), 1);
        std::fs::rename(to.join(&name), to.join(&new))?;
        if new.ends_with(".css") {
            let mut css = std::fs::read_to_string(to.join(&new))?;
            css.push_str("\n/* build B */\n");
            std::fs::write(to.join(&new), css)?;
        }
        renamed.push((name, new));
    }
    // Trunk's integrity hashes of the old stylesheets no longer match.
    rename_in_pages(to, &renamed, true)?;
    Ok(renamed.len())
}

/// Every page (`*.html`) of the build in `dir` names the new file of each (old, new) pair
/// instead of the old one (and, with `strip`, keeps no `integrity` attribute); the pages'
/// precompressed copies, now stale, are removed.
fn rename_in_pages(dir: &Path, renamed: &[(String, String)], strip: bool) -> R<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.extension().and_then(|e| e.to_str()) == Some("html") {
            let mut html = std::fs::read_to_string(&path)?;
            for (old, new) in renamed {
                html = html.replace(old.as_str(), new);
            }
            if strip {
                html = strip_integrity(&html);
            }
            std::fs::write(&path, html)?;
            for ext in ["br", "gz"] {
                let _ = std::fs::remove_file(path.with_extension(format!("html.{ext}")));
            }
        }
    }
    Ok(())
}

/// A content hash of the next release: every hex digit of `hash` plus one.
fn next_hash(hash: &str) -> String {
    hash.chars()
        .map(|c| std::char::from_digit((c.to_digit(16).unwrap_or(0) + 1) % 16, 16).unwrap())
        .collect()
}

fn strip_integrity(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(" integrity=\"") {
        out.push_str(&rest[..at]);
        let after = &rest[at + " integrity=\"".len()..];
        rest = after.find('"').map_or("", |e| &after[e + 1..]);
    }
    out.push_str(rest);
    out
}

/// Points the symbolic link `link` at `target` (atomically: a new link renamed over it).
fn point(link: &Path, target: &Path) -> TestResult {
    let tmp = link.with_extension("new");
    let _ = std::fs::remove_file(&tmp);
    std::os::unix::fs::symlink(target, &tmp)?;
    std::fs::rename(&tmp, link)?;
    Ok(())
}

/// A server with real cache headers whose site (`origin`) and the stale cache in front of it
/// (keyed by the query or not) are links in `dir` that both point at `build`; a scenario
/// re-points `origin` ([`point`]) to publish a release while the cache keeps the old one.
/// Returns the server and the `origin` link.
fn release_site(dir: &Path, build: &Path, keyed_by_query: bool) -> (Server, std::path::PathBuf) {
    let (origin, cache) = (
        dir.join(format!("origin-{keyed_by_query}")),
        dir.join(format!("cache-{keyed_by_query}")),
    );
    point(&origin, build).unwrap();
    point(&cache, build).unwrap();
    let site = Server::start_local(Config {
        cache_headers: true,
        stale_pages: Some(StalePages {
            root: cache.clone(),
            keyed_by_query,
        }),
        ..Config::new(&origin)
    })
    .expect("start the server");
    (site, origin)
}

#[tokio::test]
async fn a_page_of_a_replaced_release_reloads_once_or_explains() {
    let _serial = SERIAL.lock().await;
    let dir = tempfile::tempdir().expect("temporary directory");
    let (build_a, build_b) = (dir.path().join("a"), dir.path().join("b"));
    copy_dir(&planscope_e2e::dist_dir(), &build_a).expect("copy dist/");
    let renamed = next_release(&build_a, &build_b).expect("build B");
    ensure_renamed(renamed);
    let (plan, _) = plans();
    for keyed_by_query in [true, false] {
        // The site and the cache in front of it both start on build A.
        let (site, origin) = release_site(dir.path(), &build_a, keyed_by_query);
        let base = site.url();
        in_browser!(PHONE, |b| {
            // The headers a host should send (README.md "Deploying").
            let plan_page = format!("{base}plan-{plan}.html");
            b.goto(&plan_page).await?;
            b.wait_ready().await?;
            b.assert_no_console_errors(&[]).await?;
            let headers = headers_of(&site, &format!("plan-{plan}.html"))?;
            ensure!(
                headers.contains("cache-control: no-cache"),
                "the page is cached: {headers}"
            );
            let wasm = b
                .js("return performance.getEntriesByType('resource').map(e => e.name).find(n => n.endsWith('.wasm')).split('/').pop();")
                .await?;
            let wasm = wasm.as_str().unwrap_or_default().to_owned();
            let headers = headers_of(&site, &wasm)?;
            ensure!(
                headers.contains("cache-control: public, max-age=31536000, immutable"),
                "{wasm} is not cached for a year: {headers}"
            );
            // The new release goes live; the cache still has build A's pages.
            point(&origin, &build_b)?;
            // A link to a page whose bundle (the full app) this browser has never fetched.
            let t0 = b.js("return performance.timeOrigin;").await?;
            b.js(&format!("location.href = 'indicators-{plan}.html';"))
                .await?;
            if keyed_by_query {
                // Recovered: the reload with ?ps-r=… got build B's page, which works.
                settle(
                    &b,
                    "the indicator page ready after one reload",
                    &format!("location.pathname.endsWith('indicators-{plan}.html') && document.documentElement.dataset.ready === '1'"),
                )
                .await?;
                let state = b
                    .js("return [location.search, document.querySelector('#ps-loader').getAttribute('src'), sessionStorage.getItem('ps-reloaded')];")
                    .await?;
                ensure!(
                    state[0] == "",
                    "the cache-busting parameter stayed in the address: {}",
                    state[0]
                );
                let names: Vec<String> = serde_json::from_value(
                    b.js("return performance.getEntriesByType('resource').map(e => e.name.split('/').pop());")
                        .await?,
                )?;
                ensure!(
                    names.iter().any(|n| n.ends_with("_bg.wasm")),
                    "no wasm loaded after the reload: {names:?}"
                );
                ensure!(
                    state[2] == Value::Null,
                    "the reload guard was not cleared after the app started: {}",
                    state[2]
                );
                b.screenshot("boot-stale-recovered").await?;
                // The failed files of build A were logged; nothing else.
                b.assert_no_console_errors(&[
                    "404",
                    "Failed to fetch",
                    "TypeError",
                    "module script",
                ])
                .await?;
            } else {
                // The cache answers every request for the page with build A's: one reload, then
                // the explanation, on the static page; no loop.
                settle(
                    &b,
                    "the explanation",
                    "!!document.documentElement.dataset.bootFailed",
                )
                .await?;
                let t1 = b.js("return performance.timeOrigin;").await?;
                ensure!(t1 != t0, "the page was not opened");
                tokio::time::sleep(Duration::from_secs(3)).await;
                let state = b
                    .js("return [document.documentElement.dataset.bootFailed, document.getElementById('ps-boot-error').textContent, performance.timeOrigin, location.search, !!document.querySelector('#ps-prerendered h1')];")
                    .await?;
                ensure!(
                    state[0] == "stale",
                    "boot failed as {:?}, not stale",
                    state[0]
                );
                let line = state[1].as_str().unwrap_or_default();
                ensure!(
                    line.contains(STALE_LINE) && !line.contains(NET_LINE),
                    "the page says {line:?}"
                );
                ensure!(state[2] == t1, "the page reloaded again (a loop)");
                ensure!(
                    state[3] == "",
                    "the cache-busting parameter stayed: {}",
                    state[3]
                );
                ensure!(state[4] == true, "the static page is gone");
                b.screenshot("boot-stale-explained").await?;
            }
            Ok(())
        });
    }
}

/// Build B of the data only: a copy of `a` in `to` in which every plan file, compare digest and
/// indicator file has a new content hash (renamed; `data/index.json` and every page name the new files), the
/// bundles unchanged — a release that changed plans but not the app. Returns the (old, new)
/// URLs of the data files, relative to the site.
fn next_data_release(a: &Path, to: &Path) -> R<Vec<(String, String)>> {
    copy_dir(a, to)?;
    let bump = next_hash;
    let data = to.join("data");
    let mut index: planscope_model::PlanIndex =
        serde_json::from_str(&std::fs::read_to_string(data.join("index.json"))?)?;
    let mut renamed = Vec::new();
    for e in &mut index.plans {
        assert!(
            !e.hash.is_empty(),
            "{}: the index names no hashed file",
            e.id
        );
        let (old, old_digest) = (e.data_file(), e.compare_file().expect("a digest"));
        e.hash = bump(&e.hash);
        let (new, new_digest) = (e.data_file(), e.compare_file().expect("a digest"));
        for (old, new) in [(old, new), (old_digest, new_digest)] {
            std::fs::rename(data.join(&old), data.join(&new))?;
            renamed.push((format!("data/{old}"), format!("data/{new}")));
        }
    }
    for r in &mut index.indicators {
        let (stem, hash) = r
            .file
            .trim_end_matches(".json")
            .rsplit_once('-')
            .expect("hashed");
        let new = format!("{stem}-{}.json", bump(hash));
        std::fs::rename(data.join(&r.file), data.join(&new))?;
        renamed.push((format!("data/{}", r.file), format!("data/{new}")));
        r.file = new;
    }
    std::fs::write(data.join("index.json"), serde_json::to_string(&index)?)?;
    for ext in ["br", "gz"] {
        let _ = std::fs::remove_file(data.join(format!("index.json.{ext}")));
    }
    rename_in_pages(to, &renamed, false)?;
    Ok(renamed)
}

#[tokio::test]
async fn a_page_whose_data_files_were_replaced_reloads_once_or_explains() {
    let _serial = SERIAL.lock().await;
    let dir = tempfile::tempdir().expect("temporary directory");
    let (build_a, build_b) = (dir.path().join("a"), dir.path().join("b"));
    copy_dir(&planscope_e2e::dist_dir(), &build_a).expect("copy dist/");
    let renamed = next_data_release(&build_a, &build_b).expect("build B");
    // `plan` is opened first (its file is then in the browser's cache, where an immutable file
    // of release A stays usable); `other`'s file is never fetched before release B.
    let (plan, other) = plans();
    let file_of = |id: &str| -> (String, String) {
        renamed
            .iter()
            .find(|(old, _)| {
                old.strip_prefix(&format!("data/{id}-"))
                    .is_some_and(|h| !h.contains('-'))
            })
            .cloned()
            .expect("the plan's file")
    };
    let (old_file, _) = file_of(&plan);
    let (other_old, other_new) = file_of(&other);
    let inds: Vec<&str> = planscope_model::catalog::INDICATORS
        .iter()
        .filter(|i| {
            renamed
                .iter()
                .any(|(o, _)| o.starts_with(&format!("data/ind/{}-", i.id)))
        })
        .map(|i| i.id)
        .take(2)
        .collect();
    assert_eq!(inds.len(), 2, "two indicator files");
    let (first, ind) = (inds[0], inds[1]);
    for keyed_by_query in [true, false] {
        let (site, origin) = release_site(dir.path(), &build_a, keyed_by_query);
        let base = site.url();
        in_browser!(PHONE, |b| {
            // Release A: the plan page fetches the file its page names, which may be cached
            // for a year; the index is revalidated.
            b.goto(&format!("{base}plan-{plan}.html")).await?;
            b.wait_ready().await?;
            let fetched: Vec<String> = serde_json::from_value(
                b.js("return performance.getEntriesByType('resource').map(e => new URL(e.name).pathname);")
                    .await?,
            )?;
            ensure!(
                fetched.iter().any(|p| p.ends_with(&old_file)),
                "the plan page did not fetch {old_file}: {fetched:?}"
            );
            ensure!(
                !fetched.iter().any(|p| p.ends_with("data/index.json")),
                "the plan page read the index to find its file: {fetched:?}"
            );
            let headers = headers_of(&site, &old_file)?;
            ensure!(
                headers.contains("cache-control: public, max-age=31536000, immutable"),
                "{old_file} is not cached for a year: {headers}"
            );
            ensure!(
                headers_of(&site, "data/index.json")?.contains("cache-control: no-cache"),
                "the index is cached"
            );
            b.assert_no_console_errors(&[]).await?;
            if keyed_by_query {
                // In the app: the explorer read release A's index; after release B a move to
                // another indicator asks for a file that is gone.
                b.goto(&format!("{base}indicator-{first}.html")).await?;
                b.wait_ready().await?;
                point(&origin, &build_b)?;
                let t0 = b.js("return performance.timeOrigin;").await?;
                b.click(&format!("a.ps-picker__link[data-ind='{ind}']"))
                    .await?;
                settle(
                    &b,
                    "the explorer ready after one reload",
                    &format!("performance.timeOrigin !== {t0} && location.pathname.endsWith('indicator-{ind}.html') && document.documentElement.dataset.ready === '1' && !!document.querySelector('#ps-explorer-table, .ps-ind-table')"),
                )
                .await?;
                let state = b
                    .js("return [location.search, sessionStorage.getItem('ps-data-reloaded')];")
                    .await?;
                ensure!(
                    state[0] == "",
                    "the cache-busting parameter stayed: {}",
                    state[0]
                );
                ensure!(
                    state[1]
                        .as_str()
                        .is_some_and(|u| u.starts_with(&format!("data/ind/{ind}-"))),
                    "the reload was not for the indicator file: {}",
                    state[1]
                );
                // A page of release A from the cache names a plan file that is gone: one
                // reload reaches release B's page.
                b.js(&format!("location.href = 'indicators-{other}.html';"))
                    .await?;
                settle(
                    &b,
                    "the indicator page ready after one reload",
                    &format!("location.pathname.endsWith('indicators-{other}.html') && document.documentElement.dataset.ready === '1'"),
                )
                .await?;
                let state = b
                    .js("return [location.search, document.getElementById('ps-prerendered') ? document.getElementById('ps-prerendered').dataset.src : 'drawn by the app', performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)];")
                    .await?;
                ensure!(
                    state[0] == "",
                    "the cache-busting parameter stayed: {}",
                    state[0]
                );
                let names: Vec<String> = serde_json::from_value(state[2].clone())?;
                ensure!(
                    names.iter().any(|p| p.ends_with(&other_new)),
                    "release B's plan file was not fetched: {names:?} (page names {})",
                    state[1]
                );
                ensure!(
                    b.js("return !document.querySelector('.ps-error');").await? == true,
                    "an error is shown after the recovery"
                );
                b.screenshot("data-stale-recovered").await?;
                // The comparison read release A's index; after release B the compare digests it
                // names are gone: one reload, and release B's digests.
                point(&origin, &build_a)?;
                b.goto(&format!("{base}?view=compare")).await?;
                b.wait_ready().await?;
                for id in [&plan, &other] {
                    b.click(&format!(".ps-cmp-pick input[value='{id}']"))
                        .await?;
                }
                b.wait_for_css(".ps-cmp-pick__go").await?;
                point(&origin, &build_b)?;
                let t0 = b.js("return performance.timeOrigin;").await?;
                b.click(".ps-cmp-pick__go").await?;
                settle(
                    &b,
                    "the comparison after one reload",
                    &format!("performance.timeOrigin !== {t0} && document.documentElement.dataset.ready === '1' && !!document.querySelector(\".ps-cmp-bar [data-plan='{other}']\")"),
                )
                .await?;
                let state = b
                    .js("return [location.search, sessionStorage.getItem('ps-data-reloaded'), performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)];")
                    .await?;
                ensure!(
                    !state[0].as_str().unwrap_or_default().contains("ps-r"),
                    "the cache-busting parameter stayed: {}",
                    state[0]
                );
                ensure!(
                    state[1]
                        .as_str()
                        .is_some_and(|u| u.starts_with("data/cmp/")),
                    "the reload was not for a compare digest: {}",
                    state[1]
                );
                let names: Vec<String> = serde_json::from_value(state[2].clone())?;
                let digests: Vec<&String> =
                    names.iter().filter(|p| p.contains("/data/cmp/")).collect();
                ensure!(
                    digests.len() == 2
                        && digests
                            .iter()
                            .all(|p| renamed.iter().any(|(_, new)| p.ends_with(new.as_str()))),
                    "release B's compare digests were not the ones fetched: {names:?}"
                );
                ensure!(
                    b.js("return !document.querySelector('.ps-error');").await? == true,
                    "an error is shown after the recovery"
                );
            } else {
                // The cache answers every request for the page with release A's: one reload,
                // then the explanation; no loop, never a blank page.
                point(&origin, &build_b)?;
                let t0 = b.js("return performance.timeOrigin;").await?;
                b.js(&format!("location.href = 'indicators-{other}.html';"))
                    .await?;
                settle(
                    &b,
                    "the explanation",
                    "!!document.querySelector('.ps-error')",
                )
                .await?;
                let t1 = b.js("return performance.timeOrigin;").await?;
                ensure!(t1 != t0, "the page was not opened");
                tokio::time::sleep(Duration::from_secs(3)).await;
                let state = b
                    .js("return [document.querySelector('.ps-error').textContent, performance.timeOrigin, location.search, sessionStorage.getItem('ps-data-reloaded'), !!document.querySelector('.ps-error a[href]')];")
                    .await?;
                let text = state[0].as_str().unwrap_or_default();
                ensure!(
                    text.contains("网站刚刚更新") && text.contains("重试"),
                    "the page says {text:?}"
                );
                ensure!(state[1] == t1, "the page reloaded again (a loop)");
                ensure!(
                    state[2] == "",
                    "the cache-busting parameter stayed: {}",
                    state[2]
                );
                ensure!(
                    state[3].as_str() == Some(other_old.as_str()),
                    "the reload was not for the plan file: {}",
                    state[3]
                );
                ensure!(state[4] == true, "no link back to the library");
                b.screenshot("data-stale-explained").await?;
            }
            // The files of release A that were gone were logged; nothing else.
            b.assert_no_console_errors(&["404", "Failed to load resource"])
                .await?;
            Ok(())
        });
    }
}

/// Build B of the search index only: a copy of `a` in `to` whose count shards
/// (`data/search/c-<hash>-<n>.bin`, with their `.br`/`.gz`) have a new hash that
/// `manifest.json` names — a release that changed some plan's text. Returns the (old, new) hash.
fn next_search_release(a: &Path, to: &Path) -> R<(String, String)> {
    copy_dir(a, to)?;
    let dir = to.join("data/search");
    let mut manifest: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("manifest.json"))?)?;
    let old = manifest["counts"]
        .as_str()
        .ok_or("no counts hash")?
        .to_owned();
    let new = next_hash(&old);
    let mut renamed = 0;
    for entry in std::fs::read_dir(&dir)? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        if let Some(rest) = name.strip_prefix(&format!("c-{old}-")) {
            std::fs::rename(dir.join(&name), dir.join(format!("c-{new}-{rest}")))?;
            renamed += 1;
        }
    }
    ensure!(renamed > 0, "no count shard named c-{old}-*");
    manifest["counts"] = Value::from(new.clone());
    std::fs::write(dir.join("manifest.json"), manifest.to_string())?;
    for ext in ["br", "gz"] {
        let _ = std::fs::remove_file(dir.join(format!("manifest.json.{ext}")));
    }
    Ok((old, new))
}

#[tokio::test]
async fn a_search_whose_index_was_replaced_reloads_once() {
    let _serial = SERIAL.lock().await;
    let dir = tempfile::tempdir().expect("temporary directory");
    let (build_a, build_b) = (dir.path().join("a"), dir.path().join("b"));
    copy_dir(&planscope_e2e::dist_dir(), &build_a).expect("copy dist/");
    let (old, new) = next_search_release(&build_a, &build_b).expect("build B");
    let (site, origin) = release_site(dir.path(), &build_a, true);
    let base = site.url();
    in_browser!(PHONE, |b| {
        // Release A: one character needs one count shard (and the plans' own files).
        b.goto(&format!("{base}?view=search&q=%E5%AD%A6")).await?;
        b.wait_ready().await?;
        b.wait_for_css(".ps-search__summary").await?;
        point(&origin, &build_b)?;
        let t0 = b.js("return performance.timeOrigin;").await?;
        // Refined after release B (学前教育): the new characters' grams live in count shards
        // this page has not fetched, which release B renamed (several at once: one reload).
        b.client
            .find(fantoccini::Locator::Id("ps-search-q"))
            .await?
            .send_keys("前教育")
            .await?;
        settle(
            &b,
            "the results after one reload",
            &format!("performance.timeOrigin !== {t0} && document.documentElement.dataset.ready === '1' && !!document.querySelector('.ps-search__summary')"),
        )
        .await?;
        let state = b
            .js("return [decodeURIComponent(location.search), sessionStorage.getItem('ps-data-reloaded'), performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)];")
            .await?;
        let query = state[0].as_str().unwrap_or_default();
        ensure!(
            query.contains("学前教育") && !query.contains("ps-r"),
            "the reloaded address is {query}"
        );
        ensure!(
            state[1]
                .as_str()
                .is_some_and(|u| u.starts_with(&format!("data/search/c-{old}-"))),
            "the reload was not for a count shard: {}",
            state[1]
        );
        let names: Vec<String> = serde_json::from_value(state[2].clone())?;
        ensure!(
            names.iter().any(|p| p.contains(&format!("/c-{new}-"))),
            "release B's count shards were not fetched: {names:?}"
        );
        ensure!(
            b.js("return !document.querySelector('.ps-error');").await? == true,
            "an error is shown after the recovery"
        );
        b.assert_no_console_errors(&["404", "Failed to load resource"])
            .await?;
        Ok(())
    });
}

/// Release B of build A (copied to `to`) in which only the ECharts bundle changed: its
/// content-hashed file (`vendor/echarts-<16 hex>.js`) renamed and every page naming the new one.
/// Returns (old, new) relative to `dist/`.
fn next_echarts_release(a: &Path, to: &Path) -> R<(String, String)> {
    copy_dir(a, to)?;
    let old = planscope_e2e::size::echarts_file(to)?;
    let hash = old
        .trim_end_matches(".js")
        .rsplit_once('-')
        .map(|(_, h)| h)
        .ok_or("a hashed name")?;
    let new = old.replacen(hash, &next_hash(hash), 1);
    std::fs::rename(to.join(&old), to.join(&new))?;
    for ext in ["br", "gz"] {
        let _ = std::fs::rename(
            to.join(format!("{old}.{ext}")),
            to.join(format!("{new}.{ext}")),
        );
    }
    rename_in_pages(to, &[(old.clone(), new.clone())], false)?;
    Ok((old, new))
}

#[tokio::test]
async fn a_chart_whose_echarts_was_replaced_reloads_once() {
    let _serial = SERIAL.lock().await;
    let dir = tempfile::tempdir().expect("temporary directory");
    let (build_a, build_b) = (dir.path().join("a"), dir.path().join("b"));
    copy_dir(&planscope_e2e::dist_dir(), &build_a).expect("copy dist/");
    let (old, new) = next_echarts_release(&build_a, &build_b).expect("build B");
    let (plan, _) = plans();
    // The cache in front keeps release A's pages (which name A's ECharts); the site has B.
    let (site, origin) = release_site(dir.path(), &build_a, true);
    point(&origin, &build_b).expect("publish B");
    let base = site.url();
    // At 320 px the chart drawn at build time is wider than its place: ECharts draws it at once.
    in_browser!((320, 640), |b| {
        b.goto(&format!("{base}indicators-{plan}.html")).await?;
        settle(
            &b,
            "the chart after one reload",
            "!location.search.includes('ps-r') && !!document.querySelector('.ps-chart__canvas canvas')",
        )
        .await?;
        let state = b
            .js("return [sessionStorage.getItem('ps-data-reloaded'), performance.getEntriesByType('resource').map(e => new URL(e.name).pathname), !!document.querySelector('.ps-status--error')];")
            .await?;
        ensure!(
            state[0].as_str().is_some_and(|u| u.ends_with(&old)),
            "the reload was not for {old}: {}",
            state[0]
        );
        let names: Vec<String> = serde_json::from_value(state[1].clone())?;
        ensure!(
            names.iter().any(|p| p.ends_with(&new)),
            "release B's ECharts was not fetched: {names:?}"
        );
        ensure!(state[2] == false, "an error is shown after the recovery");
        // The 404 of release A's ECharts (its body is text, which Chromium refuses to run).
        b.assert_no_console_errors(&[
            "404",
            "Failed to load resource",
            "Refused to execute script",
        ])
        .await?;
        Ok(())
    });
}

/// Waits until `script` is truthy, through page loads (errors while a page is replaced count
/// as not yet).
async fn settle(b: &Browser, what: &str, script: &str) -> TestResult {
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    loop {
        if let Ok(Value::Bool(true)) = b.js(&format!("return !!({script});")).await {
            return Ok(());
        }
        if std::time::Instant::now() > deadline {
            return Err(format!("timed out waiting for {what} ({script})").into());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn ensure_renamed(renamed: usize) {
    // js + wasm of three bundles, three stylesheets at least.
    assert!(renamed >= 9, "build B renamed only {renamed} hashed files");
}

/// The response head of `GET <site><rel>`, lower-cased.
fn headers_of(site: &Server, rel: &str) -> R<String> {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(site.addr())?;
    let path = format!(
        "{}{rel}",
        site.url()
            .trim_start_matches(&format!("http://{}", site.addr()))
    );
    write!(
        s,
        "HEAD {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )?;
    let mut head = String::new();
    s.read_to_string(&mut head)?;
    Ok(head.to_ascii_lowercase())
}
