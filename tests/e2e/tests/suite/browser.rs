//! The built site in headless chromium: at the root and under a sub-path, at phone and desktop
//! sizes, with missing data, and after a panic. Every scenario fails on console errors it
//! does not expect.

use planscope_e2e::server::{Config, Server};
use serde_json::Value;

use crate::harness::{self, copy_dir, seed_ids, serve, Browser, SERIAL};
use crate::{ensure, in_browser};

const PHONE: (u32, u32) = (390, 844);
const DESKTOP: (u32, u32) = (1280, 800);

/// The sorted plan ids linked from the library (`?plan=<id>`).
async fn listed_ids(b: &Browser) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    let mut ids = Vec::new();
    for href in b.hrefs(".ps-card__link").await? {
        let id = href
            .strip_prefix("?plan=")
            .ok_or_else(|| format!("card link {href:?} is not ?plan=<id>"))?;
        ids.push(id.to_owned());
    }
    ids.sort();
    Ok(ids)
}

async fn echarts_requests(b: &Browser) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    let v = b
        .js("return performance.getEntriesByType('resource').map(e => e.name).filter(n => n.includes('echarts'));")
        .await?;
    Ok(serde_json::from_value(v)?)
}

/// The file names of the wasm modules this page downloaded.
async fn wasm_requests(b: &Browser) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    let v = b
        .js("return performance.getEntriesByType('resource').map(e => e.name.split('/').pop()).filter(n => n.endsWith('.wasm'));")
        .await?;
    Ok(serde_json::from_value(v)?)
}

#[tokio::test]
async fn a_console_error_fails_the_test() {
    let _serial = SERIAL.lock().await;
    let site = serve("/");
    in_browser!(PHONE, |b| {
        b.goto(&site.url()).await?;
        b.wait_ready().await?;
        b.js("console.error('deliberate error from the harness self-test'); return null;")
            .await?;
        let caught = b.assert_no_console_errors(&[]).await;
        ensure!(
            caught.is_err(),
            "a deliberate console.error was not reported"
        );
        ensure!(
            caught.unwrap_err().to_string().contains("deliberate error"),
            "the report does not quote the console message"
        );
        Ok(())
    });
}

#[tokio::test]
async fn library_lists_every_plan_on_phone_and_desktop() {
    let _serial = SERIAL.lock().await;
    let site = serve("/");
    for (size, name) in [(PHONE, "library-390"), (DESKTOP, "library-1280")] {
        in_browser!(size, |b| {
            b.goto(&site.url()).await?;
            b.wait_ready().await?;
            let width = b.js("return window.innerWidth;").await?;
            ensure!(
                width == size.0,
                "viewport is {width}px wide, expected {}",
                size.0
            );
            ensure!(
                b.js("return document.documentElement.lang;").await? == "zh-CN",
                "<html lang> is not zh-CN"
            );
            ensure!(
                listed_ids(&b).await? == seed_ids(),
                "the library does not list exactly the seeds"
            );
            ensure!(b.text("h1").await? == "教育规划库", "unexpected heading");
            let title = b.js("return document.title;").await?;
            ensure!(title == "规划透视", "document.title is {title}");
            // ECharts is not part of the first screen.
            ensure!(
                echarts_requests(&b).await?.is_empty(),
                "the library downloaded ECharts"
            );
            ensure!(
                b.js("return typeof window.echarts;").await? == "undefined",
                "window.echarts exists"
            );
            // The first screen runs the home bundle, never the full app.
            let wasm = wasm_requests(&b).await?;
            ensure!(
                wasm.len() == 1 && wasm[0].starts_with("planscope-home-"),
                "the library downloaded {wasm:?}, expected the home bundle only"
            );
            b.assert_no_horizontal_scroll().await?;
            b.screenshot(name).await?;
            b.assert_no_console_errors(&[]).await
        });
    }
}

#[tokio::test]
async fn plan_page_opens_from_the_library_and_back_works() {
    let _serial = SERIAL.lock().await;
    let site = serve("/");
    let first = seed_ids().remove(0);
    in_browser!(PHONE, |b| {
        b.goto(&site.url()).await?;
        b.wait_ready().await?;
        let card_title = b
            .text(&format!("[data-plan='{first}'] .ps-card__link"))
            .await?;
        // A marker that survives in-app navigation but not a page load.
        b.js("window.psSamePage = true; return null;").await?;
        b.click(&format!("[data-plan='{first}'] .ps-card__link"))
            .await?;
        b.wait_for_js("the plan URL", &format!("psq() === '?plan={first}'"))
            .await?;
        b.wait_ready().await?;
        // The home bundle leaves the plan to a page load, which starts the full app.
        ensure!(
            b.js("return window.psSamePage === undefined;").await? == true,
            "the home bundle drew the plan itself"
        );
        let wasm = wasm_requests(&b).await?;
        ensure!(
            wasm.len() == 1 && wasm[0].starts_with("planscope-reader-"),
            "the plan page downloaded {wasm:?}, expected the reader bundle only"
        );
        ensure!(
            b.text("h1").await? == card_title,
            "plan page heading differs from its card"
        );
        b.js("window.psSamePage = true; return null;").await?;
        // On a phone the outline is a drawer opened by 目录.
        b.click("#ps-toc-button").await?;
        b.wait_drawer_open().await?;
        b.wait_for_js(
            "the outline heading",
            "document.querySelector('.ps-plan__outline h2').innerText.startsWith('目录')",
        )
        .await?;
        b.click(".ps-pane__close")
            .await
            .map_err(|e| format!("clicking {}: {e}", ".ps-pane__close"))?;
        // The drawer slides out over the header (0.2 s); the nav link under it is clickable after.
        b.wait_for_js(
            "the 规划库 link uncovered",
            "(() => { const a = document.querySelector(\".ps-nav__link[data-nav='library']\"); const r = a.getBoundingClientRect(); \
             const e = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2); return e && a.contains(e); })()",
        )
        .await?;
        b.assert_no_horizontal_scroll().await?;
        b.screenshot("plan-390").await?;
        // The reader is its static page with the app attached: leaving it is a page load (one
        // reader path, `route::plan_change_loads_page`), and back/forward are the browser's.
        b.click(".ps-nav__link[data-nav='library']")
            .await
            .map_err(|e| format!("clicking {}: {e}", ".ps-nav__link[data-nav='library']"))?;
        b.wait_for_js("the library URL", "psq() === ''").await?;
        b.wait_ready().await?;
        ensure!(
            listed_ids(&b).await?.len() == seed_ids().len(),
            "library not shown from the plan page"
        );
        ensure!(
            b.js("return window.psSamePage === undefined;").await? == true,
            "the reader drew the library in-app"
        );
        b.client.back().await?;
        b.wait_for_js("the plan URL", &format!("psq() === '?plan={first}'"))
            .await?;
        b.wait_ready().await?;
        ensure!(
            b.text("h1").await? == card_title,
            "plan page not shown after back"
        );
        b.client.forward().await?;
        b.wait_for_js("the library URL", "psq() === ''").await?;
        b.wait_ready().await?;
        ensure!(
            listed_ids(&b).await?.len() == seed_ids().len(),
            "library not shown after forward"
        );
        b.client.back().await?;
        b.wait_for_js("the plan URL", &format!("psq() === '?plan={first}'"))
            .await?;
        b.wait_ready().await?;
        // An outline link is a real `plan-<id>.html#s-…` link, handled in-app and marked current.
        let outline = b.raw_hrefs(".ps-outline__link").await?;
        if let Some(href) = outline.get(1) {
            let old = harness::old_form(href);
            b.click("#ps-toc-button").await?;
            b.wait_drawer_open().await?;
            b.js(&format!("document.querySelector(\".ps-outline__link[href='{href}']\").scrollIntoView({{block: 'center'}}); return null;"))
                .await?;
            b.click(&format!(".ps-outline__link[href='{href}']"))
                .await?;
            b.wait_for_js("the section URL", &format!("psq() === {old:?}"))
                .await?;
            b.wait_for_css(&format!(".ps-outline__link[href='{href}'][aria-current]"))
                .await?;
            ensure!(
                b.text("h1").await? == card_title,
                "the page changed for a section link"
            );
        }
        // A deep link with extra parameters (as WeChat adds) opens the same plan.
        b.goto(&format!(
            "{}?plan={first}&from=singlemessage&isappinstalled=0",
            site.url()
        ))
        .await?;
        b.wait_ready().await?;
        ensure!(
            b.text("h1").await? == card_title,
            "deep link with extra parameters failed"
        );
        b.assert_no_console_errors(&[]).await
    });
}

#[tokio::test]
async fn overview_loads_echarts_only_when_opened() {
    let _serial = SERIAL.lock().await;
    let site = serve("/");
    in_browser!(PHONE, |b| {
        b.goto(&site.url()).await?;
        b.wait_ready().await?;
        ensure!(
            echarts_requests(&b).await?.is_empty(),
            "ECharts loaded on the first screen"
        );
        b.click("[data-nav='overview']").await?;
        b.wait_for_js("the overview URL", "psq() === '?view=overview'")
            .await?;
        b.wait_ready().await?;
        ensure!(
            b.js("return typeof window.echarts;").await? == "object",
            "window.echarts missing"
        );
        let requests = echarts_requests(&b).await?;
        let echarts = planscope_e2e::size::echarts_file(&planscope_e2e::dist_dir())?;
        ensure!(
            requests == [format!("{}{echarts}", site.url())],
            "expected one request for {echarts}, got {requests:?}"
        );
        b.wait_for_css("#ps-overview-chart canvas").await?;
        let rows = b
            .js("return document.querySelectorAll('.ps-table tbody tr').length;")
            .await?;
        ensure!(rows == seed_ids().len(), "table has {rows} rows");
        b.assert_no_horizontal_scroll().await?;
        b.screenshot("overview-390").await?;
        // Leaving and coming back reuses the loaded script.
        b.click("[data-nav='library']").await?;
        b.wait_ready().await?;
        b.click("[data-nav='overview']").await?;
        b.wait_ready().await?;
        ensure!(
            echarts_requests(&b).await?.len() == 1,
            "ECharts requested twice"
        );
        b.assert_no_console_errors(&[]).await
    });
}

#[tokio::test]
async fn works_under_a_sub_path() {
    let _serial = SERIAL.lock().await;
    let site = serve("/portal/plans/");
    let base = site.url();
    let without_slash = base.trim_end_matches('/').to_owned();
    let first = seed_ids().remove(0);
    in_browser!(PHONE, |b| {
        // The host redirects /portal/plans to /portal/plans/, as static hosts do.
        b.goto(&without_slash).await?;
        b.wait_ready().await?;
        ensure!(
            listed_ids(&b).await? == seed_ids(),
            "library under the sub-path is incomplete"
        );
        b.click(&format!("[data-plan='{first}'] .ps-card__link"))
            .await?;
        b.wait_ready().await?;
        ensure!(
            b.current_url().await? == format!("{base}plan-{first}.html"),
            "plan URL left the sub-path"
        );
        b.click("[data-nav='overview']").await?;
        b.wait_ready().await?;
        b.wait_for_css("#ps-overview-chart canvas").await?;
        // Every request stayed inside the sub-path.
        let outside = b
            .js(&format!(
                "return performance.getEntriesByType('resource').map(e => e.name).filter(n => !n.startsWith({base:?}));"
            ))
            .await?;
        ensure!(
            outside == Value::Array(vec![]),
            "requests outside {base}: {outside}"
        );
        // A deep link to index.html works too.
        b.goto(&format!("{base}index.html?plan={first}")).await?;
        b.wait_ready().await?;
        b.screenshot("subpath-plan-390").await?;
        b.assert_no_console_errors(&[]).await
    });
}

#[tokio::test]
async fn missing_index_shows_an_error_with_retry() {
    let _serial = SERIAL.lock().await;
    let copy = tempfile::tempdir().expect("temporary directory");
    copy_dir(&planscope_e2e::dist_dir(), copy.path()).expect("copy dist/");
    std::fs::remove_file(copy.path().join("data/index.json")).expect("remove data/index.json");
    let site = Server::start_local(Config::new(copy.path())).expect("start the static server");
    in_browser!(PHONE, |b| {
        b.goto(&site.url()).await?;
        b.wait_for_css(".ps-error").await?;
        let text = b.text(".ps-error").await?;
        ensure!(
            text.contains("无法加载规划目录"),
            "error heading missing: {text}"
        );
        ensure!(
            text.contains("找不到所需的数据文件"),
            "error message missing: {text}"
        );
        ensure!(
            b.text(".ps-error button").await? == "重试",
            "no retry button"
        );
        ensure!(
            b.js("return document.documentElement.hasAttribute('data-ready');")
                .await?
                == false,
            "data-ready set although the data is missing"
        );
        b.screenshot("error-390").await?;
        // Retrying fails the same way and keeps the app alive.
        b.click(".ps-error button").await?;
        b.wait_for_css(".ps-error button").await?;
        ensure!(
            b.js("return document.getElementById('ps-fatal').hidden;")
                .await?
                == true,
            "fatal shown"
        );
        // Only the 404 for the missing file may be logged.
        b.assert_no_console_errors(&["index.json"]).await
    });
}

#[tokio::test]
async fn a_broken_wasm_file_says_so_instead_of_loading_forever() {
    let _serial = SERIAL.lock().await;
    let copy = tempfile::tempdir().expect("temporary directory");
    copy_dir(&planscope_e2e::dist_dir(), copy.path()).expect("copy dist/");
    // Every bundle cut short, as a flaky mobile connection or a bad upload would leave them.
    let html = std::fs::read_to_string(copy.path().join("index.html")).unwrap();
    for attr in ["data-home-wasm", "data-reader-wasm", "data-app-wasm"] {
        let file =
            planscope_e2e::size::loader_file(&html, attr).expect("the loader names both bundles");
        let path = copy.path().join(file.trim_start_matches("./"));
        let bytes = std::fs::read(&path).unwrap();
        std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
    }
    let site = Server::start_local(Config::new(copy.path())).expect("start the static server");
    for query in ["", "?plan=guangzhou-conghua-2021-2025", "?view=overview"] {
        in_browser!(PHONE, |b| {
            b.goto(&format!("{}{query}", site.url())).await?;
            b.wait_for_js(
                "the load error",
                "!document.getElementById('ps-boot-error').hidden",
            )
            .await?;
            let text = b.text("#ps-boot-error").await?;
            ensure!(
                text.contains("页面文件加载失败"),
                "{query}: unexpected message {text:?}"
            );
            ensure!(
                b.js("return document.getElementById('ps-boot-status').hidden;")
                    .await?
                    == true,
                "{query}: the loading message is still shown"
            );
            // The loader logs the compile error itself; nothing else may fail.
            b.assert_no_console_errors(&["WebAssembly", "wasm"]).await
        });
    }
}

#[tokio::test]
async fn a_slow_download_says_so_without_asking_for_a_refresh() {
    let _serial = SERIAL.lock().await;
    let site = serve("/");
    in_browser!(PHONE, |b| {
        // About 8 KB/s: the home bundle alone takes longer than the 8 s after which the page
        // says the network is slow.
        b.cdp("Network.enable", serde_json::json!({})).await?;
        b.cdp(
            "Network.emulateNetworkConditions",
            serde_json::json!({ "offline": false, "latency": 300, "downloadThroughput": 8000, "uploadThroughput": 8000 }),
        )
        .await?;
        b.goto(&site.url()).await?;
        b.wait_for_js(
            "the slow-network line",
            "document.getElementById('ps-boot-status')?.textContent.includes('网络较慢')",
        )
        .await?;
        let facts = b
            .js("return { ready: document.documentElement.dataset.ready === '1', \
                 error: document.getElementById('ps-boot-error').hidden ? '' : document.getElementById('ps-boot-error').textContent, \
                 status: document.getElementById('ps-boot-status').textContent, \
                 wasm: performance.getEntriesByType('resource').filter(e => e.name.endsWith('.wasm') && e.responseEnd > 0).length };")
            .await?;
        ensure!(
            facts["ready"] == false,
            "the app was ready before the slow line: {facts}"
        );
        ensure!(
            facts["error"] == "",
            "an error is shown while loading: {facts}"
        );
        ensure!(
            !facts["status"]
                .as_str()
                .unwrap_or_default()
                .contains("刷新"),
            "the slow-network line asks for a refresh: {facts}"
        );
        // The download goes on and the page starts, with no reload.
        b.cdp(
            "Network.emulateNetworkConditions",
            serde_json::json!({ "offline": false, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1 }),
        )
        .await?;
        b.wait_ready().await?;
        b.assert_no_console_errors(&[]).await
    });
}

#[tokio::test]
async fn unknown_plan_and_unknown_view_say_so() {
    let _serial = SERIAL.lock().await;
    let site = serve("/");
    in_browser!(PHONE, |b| {
        b.goto(&format!("{}?plan=no-such-plan", site.url())).await?;
        b.wait_for_css(".ps-error").await?;
        ensure!(
            b.text("h1").await? == "找不到这份规划",
            "no not-found heading for a missing plan"
        );
        b.goto(&format!("{}?plan=..%2Fsecret", site.url())).await?;
        b.wait_ready().await?;
        ensure!(
            b.text("h1").await? == "找不到这个页面",
            "a malformed plan id was not refused"
        );
        b.goto(&format!("{}?view=nonsense", site.url())).await?;
        b.wait_ready().await?;
        ensure!(
            b.text("h1").await? == "找不到这个页面",
            "unknown view not reported"
        );
        b.assert_no_console_errors(&["no-such-plan.json"]).await
    });
}

#[tokio::test]
async fn a_panic_shows_reload_and_library_and_a_repeated_panic_does_not_loop() {
    let _serial = SERIAL.lock().await;
    let site = serve("/portal/plans/");
    let plan = crate::harness::seed_ids().into_iter().next().unwrap();
    let panic = "try { window.wasmBindings.planscope_selftest_panic(); } catch (e) {} return null;";
    let visible =
        |id: &str| format!("return !document.getElementById('{id}').closest('[hidden]');");
    in_browser!(PHONE, |b| {
        b.goto(&format!("{}?plan={plan}", site.url())).await?;
        b.wait_ready().await?;
        let page = b.current_url().await?;
        b.js(panic).await?;
        b.wait_for_css("html[data-fatal='1']").await?;
        let shown = b
            .client
            .find(fantoccini::Locator::Css("#ps-fatal"))
            .await?
            .is_displayed()
            .await?;
        ensure!(shown, "the message is not displayed");
        ensure!(
            b.text("#ps-fatal-reload").await? == "重新加载"
                && b.js(&visible("ps-fatal-reload")).await? == true,
            "no reload button"
        );
        ensure!(
            b.text("#ps-fatal-home").await? == "返回规划库"
                && b.js(&visible("ps-fatal-home")).await? == true,
            "no library link"
        );
        ensure!(
            b.js(&visible("ps-fatal-again")).await? == false,
            "the repeat message shows on a first panic"
        );
        b.screenshot("panic-390").await?;
        // The panic itself must reach the console (console_error_panic_hook).
        let errors = b.console_errors().await?;
        ensure!(
            errors
                .iter()
                .any(|e| e.contains("planscope self-test panic")),
            "panic not logged: {errors:?}"
        );
        // Reload, and the same page panics again (as a panic caused by its data would): no
        // second reload is offered, only the library.
        b.click("#ps-fatal-reload").await?;
        b.wait_for_js(
            "the page reloaded",
            "!document.documentElement.dataset.fatal",
        )
        .await?;
        b.wait_ready().await?;
        ensure!(b.current_url().await? == page, "reload changed the address");
        b.js(panic).await?;
        b.wait_for_css("html[data-fatal='1']").await?;
        ensure!(
            b.js(&visible("ps-fatal-again")).await? == true
                && b.js(&visible("ps-fatal-first")).await? == false,
            "a repeated panic does not say that reloading did not help"
        );
        ensure!(
            b.js(&visible("ps-fatal-reload")).await? == false,
            "a repeated panic still offers to reload"
        );
        b.screenshot("panic-again-390").await?;
        b.click("#ps-fatal-home").await?;
        b.wait_ready().await?;
        let url = b.current_url().await?;
        ensure!(
            url.ends_with("/portal/plans/")
                && b.js("return document.documentElement.dataset.fatal === undefined;")
                    .await?
                    == true,
            "the library link went to {url}"
        );
        let links = b
            .js("return document.querySelectorAll('a[href*=\"plan\"]').length;")
            .await?;
        ensure!(
            links.as_u64().unwrap_or(0) >= 5,
            "the library is not listed: {links}"
        );
        Ok(())
    });
}

#[tokio::test]
async fn narrow_screens_and_large_text_do_not_scroll_sideways() {
    let _serial = SERIAL.lock().await;
    let site = serve("/");
    let first = seed_ids().remove(0);
    in_browser!((320, 640), |b| {
        for query in [
            String::new(),
            format!("?plan={first}"),
            "?view=overview".to_owned(),
        ] {
            b.goto(&format!("{}{query}", site.url())).await?;
            b.wait_ready().await?;
            b.assert_no_horizontal_scroll().await?;
            // A reader's large-font setting, as WeChat and Android apply it.
            b.js("document.documentElement.style.fontSize = '150%'; return null;")
                .await?;
            b.assert_no_horizontal_scroll()
                .await
                .map_err(|e| format!("{query} at 150% text: {e}"))?;
        }
        b.screenshot("large-text-320").await?;
        b.assert_no_console_errors(&[]).await
    });
}
