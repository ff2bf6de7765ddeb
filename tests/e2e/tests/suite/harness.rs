//! Driving headless chromium: one chromedriver + browser session per [`Browser`], console
//! errors collected from the browser log, screenshots under `target/e2e-artifacts/`.

use std::error::Error;
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

pub type TestResult = Result<(), Box<dyn Error>>;

/// `ensure!(cond, "message {x}")`: return an error from a scenario.
#[macro_export]
macro_rules! ensure {
    ($cond:expr, $($msg:tt)+) => {
        if !$cond {
            return Err(format!($($msg)+).into());
        }
    };
}

/// Runs `scenario` in a fresh browser of `size` (width, height) and always closes it, then
/// panics with the scenario's error, if any.
#[macro_export]
macro_rules! in_browser {
    ($size:expr, |$b:ident| $body:expr) => {{
        let $b = $crate::harness::Browser::start($size.0, $size.1).await;
        let result: $crate::harness::TestResult = async { $body }.await;
        $b.close().await;
        if let Err(e) = result {
            panic!("{e}");
        }
    }};
}

/// The static server on `dist/`, mounted at `prefix` (`/` or a sub-path such as `/portal/plans/`).
pub fn serve(prefix: &str) -> planscope_e2e::server::Server {
    use planscope_e2e::server::{Config, Server};
    Server::start_local(Config::new(planscope_e2e::dist_dir()).prefix(prefix))
        .expect("start the static server")
}

/// The hand-checked gold file of a seed (`tests/gold/<id>.gold.json`).
pub fn gold(id: &str) -> Value {
    let path = planscope_e2e::workspace_root().join(format!("tests/gold/{id}.gold.json"));
    serde_json::from_str(&std::fs::read_to_string(&path).expect("gold file")).expect("gold JSON")
}

/// Copies a directory tree (a scenario that needs a modified `dist/` works on a copy).
pub fn copy_dir(from: &std::path::Path, to: &std::path::Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

/// Parses a test-only plan text under `tests/fixtures/` (a path relative to that folder, e.g.
/// `xss/xss-fixture.txt`); its id is the file stem.
pub fn parse_fixture(rel: &str) -> planscope_model::PlanDocument {
    let path = planscope_e2e::workspace_root()
        .join("tests/fixtures")
        .join(rel);
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    planscope_parser::parse_file(&name, &std::fs::read(&path).expect("read the fixture"))
        .expect("parse the fixture")
}

/// The data file of plan `id` in the data directory `data` (`<id>-<hash>.json`, as its index
/// entry names it: `IndexEntry::data_file`).
pub fn plan_file(data: &std::path::Path, id: &str) -> std::path::PathBuf {
    let index: planscope_model::PlanIndex = serde_json::from_str(
        &std::fs::read_to_string(data.join("index.json"))
            .unwrap_or_else(|e| panic!("{}/index.json: {e}", data.display())),
    )
    .expect("index.json decodes");
    let entry = index
        .plans
        .iter()
        .find(|e| e.id == id)
        .unwrap_or_else(|| panic!("{id}: not in {}/index.json", data.display()));
    data.join(entry.data_file())
}

/// A copy of `dist/` with a test-only plan added: its `data/<id>.json` written and its entry
/// appended to `data/index.json`. The real `dist/` never contains it.
pub fn dist_with_plan(doc: &planscope_model::PlanDocument) -> tempfile::TempDir {
    let copy = tempfile::tempdir().expect("temporary directory");
    copy_dir(&planscope_e2e::dist_dir(), copy.path()).expect("copy dist/");
    let data = copy.path().join("data");
    std::fs::write(
        data.join(format!("{}.json", doc.id)),
        serde_json::to_string(doc).unwrap(),
    )
    .unwrap();
    let mut index: planscope_model::PlanIndex =
        serde_json::from_str(&std::fs::read_to_string(data.join("index.json")).unwrap()).unwrap();
    index.plans.push(doc.index_entry());
    std::fs::write(
        data.join("index.json"),
        serde_json::to_string(&index).unwrap(),
    )
    .unwrap();
    copy
}

/// Browser tests run one at a time: two chromiums on two cores make timings flaky.
pub static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "chromedriver";
const WAIT: Duration = Duration::from_secs(20);

pub struct Browser {
    pub client: Client,
    driver: Child,
    _profile: tempfile::TempDir,
}

impl Browser {
    /// Starts chromedriver on a free port and a headless chromium with a fresh profile and a
    /// `width`×`height` viewport. Below 800 px wide the browser emulates a phone (touch,
    /// device pixel ratio 2, mobile viewport rules): a desktop window cannot be narrower than
    /// 500 px, and phones are what readers use.
    pub async fn start(width: u32, height: u32) -> Browser {
        let port = free_port();
        let driver = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot start `{CHROMEDRIVER}` ({e}); install it with scripts/setup (Debian chromium-driver)")
            });
        let deadline = Instant::now() + WAIT;
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "chromedriver did not listen on port {port}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let profile = tempfile::tempdir().expect("temporary profile directory");
        let args = vec![
            "--headless".to_owned(),
            "--no-sandbox".to_owned(),
            "--disable-gpu".to_owned(),
            "--disable-quic".to_owned(),
            "--no-first-run".to_owned(),
            "--disable-background-networking".to_owned(),
            "--disable-component-update".to_owned(),
            "--disable-sync".to_owned(),
            "--disable-dev-shm-usage".to_owned(),
            "--hide-scrollbars".to_owned(),
            "--lang=zh-CN".to_owned(),
            format!("--user-data-dir={}", profile.path().display()),
        ];
        let mut options = json!({ "binary": CHROMIUM, "args": &args });
        if width < 800 {
            options["mobileEmulation"] = json!({
                "deviceMetrics": { "width": width, "height": height, "pixelRatio": 2.0, "mobile": true, "touch": true }
            });
        } else {
            options["args"] =
                json!([&args[..], &[format!("--window-size={width},{height}")]].concat());
        }
        let mut caps = serde_json::Map::new();
        caps.insert("goog:chromeOptions".into(), options);
        caps.insert("goog:loggingPrefs".into(), json!({ "browser": "ALL" }));
        let client = ClientBuilder::native()
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .unwrap_or_else(|e| panic!("cannot open a chromium session through chromedriver: {e}"));
        Browser {
            client,
            driver,
            _profile: profile,
        }
    }

    /// Ends the session and stops chromedriver.
    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }

    pub async fn goto(&self, url: &str) -> TestResult {
        self.client.goto(url).await?;
        Ok(())
    }

    /// Waits until the app marks `<html data-ready="1">` (view mounted, data loaded).
    pub async fn wait_ready(&self) -> TestResult {
        self.wait_for_css("html[data-ready='1']").await
    }

    /// Waits until the phone outline drawer is open and has finished sliding in (a click during
    /// the transition can land on the wrong element).
    pub async fn wait_drawer_open(&self) -> TestResult {
        self.wait_for_js(
            "the outline drawer open and still",
            "(() => { const d = document.querySelector('#ps-outline-drawer.is-open'); return !!d && d.getAnimations().length === 0; })()",
        )
        .await
    }

    pub async fn wait_for_css(&self, css: &str) -> TestResult {
        self.client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(css))
            .await
            .map_err(|e| format!("waiting for `{css}`: {e}"))?;
        Ok(())
    }

    /// Waits until `script` (a JS expression) is truthy.
    pub async fn wait_for_js(&self, what: &str, script: &str) -> TestResult {
        let deadline = Instant::now() + WAIT;
        loop {
            if self.js(&format!("return !!({script});")).await? == Value::Bool(true) {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err(format!("timed out waiting for {what} ({script})").into());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Runs `script` in the page. A script may call `psq()`: the current address in the query
    /// form of earlier versions (`?plan=a&sec=1.2` for `plan-a.html#s-1.2`, see [`old_form`]),
    /// so scenarios written against that form check the static-file addresses by the same rule.
    pub async fn js(&self, script: &str) -> Result<Value, Box<dyn Error>> {
        let script = if script.contains("psq()") {
            format!("{PSQ}\n{script}")
        } else {
            script.to_owned()
        };
        Ok(self.client.execute(&script, vec![]).await?)
    }

    pub async fn text(&self, css: &str) -> Result<String, Box<dyn Error>> {
        Ok(self.client.find(Locator::Css(css)).await?.text().await?)
    }

    pub async fn click(&self, css: &str) -> TestResult {
        self.client.find(Locator::Css(css)).await?.click().await?;
        Ok(())
    }

    pub async fn current_url(&self) -> Result<String, Box<dyn Error>> {
        Ok(self.client.current_url().await?.to_string())
    }

    /// `href` attributes (as written) of all elements matching `css`.
    pub async fn hrefs(&self, css: &str) -> Result<Vec<String>, Box<dyn Error>> {
        let value = self
            .js(&format!(
                "return Array.from(document.querySelectorAll({css:?})).map(a => a.getAttribute('href'));"
            ))
            .await?;
        let hrefs: Vec<String> = serde_json::from_value(value)?;
        Ok(hrefs.iter().map(|h| old_form(h)).collect())
    }

    /// `href` attributes exactly as written.
    pub async fn raw_hrefs(&self, css: &str) -> Result<Vec<String>, Box<dyn Error>> {
        let value = self
            .js(&format!(
                "return Array.from(document.querySelectorAll({css:?})).map(a => a.getAttribute('href'));"
            ))
            .await?;
        Ok(serde_json::from_value(value)?)
    }

    /// Severe browser-log entries since the last call: `console.error`, uncaught exceptions,
    /// failed requests. Reading the log empties it.
    pub async fn console_errors(&self) -> Result<Vec<String>, Box<dyn Error>> {
        let entries = self.client.issue_cmd(BrowserLog).await?;
        let entries = entries.as_array().cloned().unwrap_or_default();
        Ok(entries
            .iter()
            .filter(|e| e["level"] == "SEVERE")
            .map(|e| e["message"].as_str().unwrap_or_default().to_owned())
            .collect())
    }

    /// Fails when the page logged any error except those containing one of `allowed`.
    pub async fn assert_no_console_errors(&self, allowed: &[&str]) -> TestResult {
        let errors: Vec<String> = self
            .console_errors()
            .await?
            .into_iter()
            .filter(|e| !allowed.iter().any(|a| e.contains(a)))
            .collect();
        ensure!(
            errors.is_empty(),
            "console errors:\n  {}",
            errors.join("\n  ")
        );
        Ok(())
    }

    /// Waits until the open share dialog's QR code image has loaded.
    pub async fn wait_for_qr(&self) -> TestResult {
        self.wait_for_js(
            "the share dialog's QR image",
            "(() => { const i = document.querySelector('dialog.ps-share[open] img.ps-qr'); return !!i && i.complete && i.naturalWidth > 0; })()",
        )
        .await
    }

    /// The text of the share dialog's QR code, read from a screenshot of the image (as a phone
    /// camera or WeChat's long press would read it).
    pub async fn decode_qr(&self) -> Result<String, Box<dyn Error>> {
        self.decode_qr_in("img.ps-qr").await
    }

    /// The text of the one QR code drawn in the element `css` (an image or a canvas), read from
    /// a screenshot of that element.
    pub async fn decode_qr_in(&self, css: &str) -> Result<String, Box<dyn Error>> {
        let png = self
            .client
            .find(Locator::Css(css))
            .await?
            .screenshot()
            .await?;
        let img = image::load_from_memory(&png)?.to_luma8();
        let mut prepared = rqrr::PreparedImage::prepare(img);
        let grids = prepared.detect_grids();
        ensure!(grids.len() == 1, "found {} QR codes in {css}", grids.len());
        Ok(grids[0].decode()?.1)
    }

    /// Opens the share dialog (`#ps-share-button`), waits for its QR code and checks that the
    /// link it shows is the page's address; returns that address.
    pub async fn share(&self) -> Result<String, Box<dyn Error>> {
        let url = self.current_url().await?;
        self.click("#ps-share-button").await?;
        self.wait_for_qr().await?;
        let shown = self
            .js("return document.getElementById('ps-share-url').value;")
            .await?;
        ensure!(
            shown == url.as_str(),
            "the share dialog shows {shown}, the page is {url}"
        );
        Ok(url)
    }

    /// Runs a DevTools Protocol command (e.g. `Emulation.setEmulatedMedia`) and returns its result.
    pub async fn cdp(&self, cmd: &str, params: Value) -> Result<Value, Box<dyn Error>> {
        Ok(self
            .client
            .issue_cmd(Cdp(json!({ "cmd": cmd, "params": params })))
            .await?)
    }

    /// No horizontal scrolling: the page is no wider than the viewport.
    pub async fn assert_no_horizontal_scroll(&self) -> TestResult {
        let widths = self
            .js("return [document.documentElement.scrollWidth, window.innerWidth];")
            .await?;
        let (scroll, inner) = (
            widths[0].as_u64().unwrap_or(0),
            widths[1].as_u64().unwrap_or(0),
        );
        ensure!(
            scroll <= inner,
            "page is {scroll}px wide in a {inner}px viewport (horizontal scroll)"
        );
        Ok(())
    }

    /// Saves a PNG to `target/e2e-artifacts/<name>.png`.
    pub async fn screenshot(&self, name: &str) -> Result<PathBuf, Box<dyn Error>> {
        let png = self.client.screenshot().await?;
        let path = planscope_e2e::artifacts_dir().join(format!("{name}.png"));
        std::fs::write(&path, png)?;
        Ok(path)
    }
}

/// chromedriver's `POST /session/{id}/goog/cdp/execute`: one DevTools protocol command
/// (`{"cmd": …, "params": …}`).
#[derive(Debug)]
struct Cdp(Value);

impl WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!(
            "session/{}/goog/cdp/execute",
            session.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _url: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(self.0.to_string()))
    }
}

/// chromedriver's `POST /session/{id}/se/log` with `{"type":"browser"}`.
#[derive(Debug)]
struct BrowserLog;

impl WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/se/log", session.unwrap_or_default()))
    }

    fn method_and_body(&self, _url: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(r#"{"type":"browser"}"#.to_owned()))
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free local port")
}

/// The plan ids the live library must list: the stems of `seeds/*.txt`.
pub fn seed_ids() -> Vec<String> {
    let seeds = planscope_e2e::workspace_root().join("seeds");
    let mut ids: Vec<String> = std::fs::read_dir(&seeds)
        .unwrap_or_else(|e| panic!("reading {}: {e}", seeds.display()))
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .collect();
    ids.sort();
    ids
}

/// `psq()` for [`Browser::js`]: `old_form` of `location`, in JS.
const PSQ: &str = r#"function psq() {
  var f = location.pathname.replace(/^.*\//, ''), q = location.search, h = decodeURIComponent(location.hash), m, s;
  var rest = function (s) { return q ? s + '&' + q.slice(1) : s; };
  if ((m = /^plan-(.+)\.html$/.exec(f))) {
    s = '?plan=' + m[1];
    if (h.indexOf('#s-') === 0) s += '&sec=' + h.slice(3); else if (h.indexOf('#p-') === 0) s += '&p=' + h.slice(3);
    return rest(s);
  }
  if ((m = /^indicators-(.+)\.html$/.exec(f))) return rest('?plan=' + m[1] + '&view=indicators');
  if (f === 'indicator.html') return rest('?view=indicator');
  if ((m = /^indicator-(.+)\.html$/.exec(f))) return rest('?view=indicator&ind=' + m[1]);
  return q;
}"#;

/// A link of the site in the query form of earlier versions: `plan-a.html#s-1.2` →
/// `?plan=a&sec=1.2`, `plan-a.html#p-3p1` → `?plan=a&p=3p1`, `indicators-a.html?hl=x` →
/// `?plan=a&view=indicators&hl=x`, `indicator.html` → `?view=indicator`, `indicator-x.html` →
/// `?view=indicator&ind=x`, `./?view=overview` → `?view=overview`; anything else unchanged.
pub fn old_form(href: &str) -> String {
    let (path, hash) = href.split_once('#').unwrap_or((href, ""));
    let (file, query) = path.split_once('?').unwrap_or((path, ""));
    let rest = |s: String| {
        if query.is_empty() {
            s
        } else {
            format!("{s}&{query}")
        }
    };
    if let Some(id) = file
        .strip_prefix("plan-")
        .and_then(|f| f.strip_suffix(".html"))
    {
        let mut s = format!("?plan={id}");
        if let Some(sec) = hash.strip_prefix("s-") {
            s += &format!("&sec={sec}");
        } else if let Some(p) = hash.strip_prefix("p-") {
            s += &format!("&p={p}");
        }
        return rest(s);
    }
    if let Some(id) = file
        .strip_prefix("indicators-")
        .and_then(|f| f.strip_suffix(".html"))
    {
        return rest(format!("?plan={id}&view=indicators"));
    }
    if file == "indicator.html" {
        return rest("?view=indicator".to_owned());
    }
    if let Some(ind) = file
        .strip_prefix("indicator-")
        .and_then(|f| f.strip_suffix(".html"))
    {
        return rest(format!("?view=indicator&ind={ind}"));
    }
    if let Some(q) = href.strip_prefix("./?") {
        return format!("?{q}");
    }
    href.to_owned()
}
