//! The README's server snippets, for real (issue 12): Debian's nginx (with its brotli_static
//! module) and Apache 2.4 are started on loopback ports from config files this test writes
//! around exactly the README's fenced `nginx` and `apache` blocks — only `/plans` (the sub-path)
//! and `/var/www/planscope` (where `dist/` is) are replaced — and serve `dist/` under
//! `/portal/plans/`. Checked: the precompressed copies are sent with the right type and
//! encoding, the cache headers, the slash redirect, and in the browser the library and a plan
//! page load and become ready with no console error. Also a stock nginx whose types send the
//! wasm as `application/octet-stream`: the app still loads.
//!
//! nginx, the brotli module and apache2 are installed by `scripts/setup`; a missing one fails
//! the test (it is never skipped).

use std::error::Error;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::harness::{seed_ids, TestResult, SERIAL};
use crate::{ensure, in_browser};

const PHONE: (u32, u32) = (390, 844);
const PREFIX: &str = "/portal/plans/";

type R<T> = Result<T, Box<dyn Error>>;

/// The README's fenced blocks of language `lang`, in order.
fn readme_blocks(lang: &str) -> Vec<String> {
    let readme = std::fs::read_to_string(planscope_e2e::workspace_root().join("README.md"))
        .expect("README.md");
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    for line in readme.lines() {
        match current.as_mut() {
            None if line.trim_end() == format!("```{lang}") => current = Some(String::new()),
            None => {}
            Some(_) if line.trim_end() == "```" => out.extend(current.take()),
            Some(block) => {
                block.push_str(line);
                block.push('\n');
            }
        }
    }
    out
}

/// A README snippet with its example sub-path and directory replaced by the test's.
fn adapt(snippet: &str, dist: &Path) -> String {
    let prefix = PREFIX.trim_end_matches('/');
    snippet
        .replace("/var/www/planscope", "\u{0}")
        .replace("/plans", prefix)
        .replace('\u{0}', &dist.display().to_string())
}

fn dist() -> PathBuf {
    let d = planscope_e2e::workspace_root().join("dist");
    assert!(
        d.join("index.html.br").is_file(),
        "dist/ has no precompressed copies: run make dist"
    );
    d
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A server process, stopped when dropped.
struct Host {
    child: Child,
    port: u16,
    _dir: tempfile::TempDir,
}

impl Host {
    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    fn start(mut cmd: Command, port: u16, dir: tempfile::TempDir, log: &Path) -> Host {
        let child = cmd
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("starting {cmd:?}: {e} (scripts/setup installs it)"));
        let mut host = Host {
            child,
            port,
            _dir: dir,
        };
        let deadline = Instant::now() + Duration::from_secs(15);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Ok(Some(status)) = host.child.try_wait() {
                panic!(
                    "{cmd:?} exited with {status}: {}",
                    std::fs::read_to_string(log).unwrap_or_default()
                );
            }
            assert!(
                Instant::now() < deadline,
                "{cmd:?} did not listen on {port}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        host
    }
}

impl Drop for Host {
    fn drop(&mut self) {
        // SIGTERM (nginx and apache shut down their workers on it), then wait.
        let _ = Command::new("kill")
            .arg(self.child.id().to_string())
            .status();
        let _ = self.child.wait();
    }
}

/// nginx with the README's `http { }` and `server { }` snippets. `types` replaces the stock
/// MIME table (to stand for an old one), when given.
fn nginx(types: Option<&str>) -> Host {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let port = free_port();
    let blocks = readme_blocks("nginx");
    assert_eq!(
        blocks.len(),
        2,
        "README.md: expected two nginx blocks (http, server)"
    );
    let (http, server) = (adapt(&blocks[0], &dist()), adapt(&blocks[1], &dist()));
    let user = if is_root() { "user root;" } else { "" };
    let types = types.map_or("include /etc/nginx/mime.types;".to_owned(), |t| {
        format!("types {{ {t} }}")
    });
    let p = d.display();
    let conf = format!(
        "{user}\nworker_processes 1;\npid {p}/nginx.pid;\nerror_log {p}/error.log;\n\
         load_module /usr/lib/nginx/modules/ngx_http_brotli_static_module.so;\n\
         events {{ worker_connections 64; }}\n\
         http {{\n{types}\ndefault_type application/octet-stream;\naccess_log off;\n\
         client_body_temp_path {p}/body; proxy_temp_path {p}/proxy; fastcgi_temp_path {p}/fastcgi;\n\
         uwsgi_temp_path {p}/uwsgi; scgi_temp_path {p}/scgi;\n{http}\n\
         server {{\nlisten 127.0.0.1:{port};\nserver_name localhost;\nroot {p}/empty;\n{server}\n}}\n}}\n"
    );
    std::fs::create_dir_all(d.join("empty")).unwrap();
    std::fs::write(d.join("nginx.conf"), conf).unwrap();
    let mut cmd = Command::new("/usr/sbin/nginx");
    cmd.args(["-e", &format!("{p}/error.log"), "-p"])
        .arg(d)
        .arg("-c")
        .arg(d.join("nginx.conf"))
        .args(["-g", "daemon off;"]);
    let log = d.join("error.log");
    Host::start(cmd, port, dir, &log)
}

/// Apache with the README's snippet (and the shipped `.htaccess`).
fn apache() -> Host {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let port = free_port();
    let blocks = readme_blocks("apache");
    assert_eq!(blocks.len(), 1, "README.md: expected one apache block");
    let snippet = adapt(&blocks[0], &dist());
    let modules = [
        "mpm_event",
        "authz_core",
        "authz_host",
        "mime",
        "dir",
        "alias",
        "rewrite",
        "headers",
        "setenvif",
        "unixd",
    ]
    .iter()
    .filter(|m| Path::new(&format!("/usr/lib/apache2/modules/mod_{m}.so")).exists())
    .map(|m| format!("LoadModule {m}_module /usr/lib/apache2/modules/mod_{m}.so\n"))
    .collect::<String>();
    let user = if is_root() {
        "User www-data\nGroup www-data\n"
    } else {
        ""
    };
    let p = d.display();
    let conf = format!(
        "ServerRoot {p}\nServerName localhost\nListen 127.0.0.1:{port}\nPidFile {p}/httpd.pid\n\
         ErrorLog {p}/error.log\nLogLevel warn\nDefaultRuntimeDir {p}\n{modules}{user}\
         TypesConfig /etc/mime.types\nDocumentRoot {p}/empty\n\
         <Directory />\n  AllowOverride None\n  Require all denied\n</Directory>\n\
         <Directory {p}/empty>\n  Require all granted\n</Directory>\n{snippet}\n"
    );
    std::fs::create_dir_all(d.join("empty")).unwrap();
    std::fs::write(d.join("httpd.conf"), conf).unwrap();
    // Apache's children run as www-data: the temporary directory must be theirs to enter.
    let _ = Command::new("chmod").arg("755").arg(d).status();
    let mut cmd = Command::new("/usr/sbin/apache2");
    cmd.arg("-f").arg(d.join("httpd.conf")).arg("-DFOREGROUND");
    let log = d.join("error.log");
    Host::start(cmd, port, dir, &log)
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0\n"))
}

/// A response: status, lower-cased header names with their values, body length in bytes.
type Reply = (u16, Vec<(String, String)>, usize);

/// A GET of `url_path` asking for `encoding` (an Accept-Encoding value).
fn get(url_path: &str, port: u16, encoding: &str) -> R<Reply> {
    let mut s = TcpStream::connect(("127.0.0.1", port))?;
    s.set_read_timeout(Some(Duration::from_secs(10)))?;
    write!(
        s,
        "GET {url_path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept-Encoding: {encoding}\r\nConnection: close\r\n\r\n"
    )?;
    let mut raw = Vec::new();
    s.read_to_end(&mut raw)?;
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or("no end of headers")?;
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|c| c.parse().ok())
        .ok_or("no status")?;
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    Ok((status, headers, raw.len() - split - 4))
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> &'a str {
    headers
        .iter()
        .find(|(k, _)| k == name)
        .map_or("", |(_, v)| v.as_str())
}

/// A file of `dist/` whose name matches: the first, sorted.
fn dist_file(dir: &str, pick: impl Fn(&str) -> bool) -> String {
    let mut names: Vec<String> = std::fs::read_dir(dist().join(dir))
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| pick(n))
        .collect();
    names.sort();
    let name = names.into_iter().next().expect("a matching file in dist/");
    if dir.is_empty() {
        name
    } else {
        format!("{dir}/{name}")
    }
}

/// The headers a portal's server must send, per kind of file.
fn check_headers(host: &Host, who: &str) -> TestResult {
    let port = host.port;
    let wasm = dist_file("", |n| n.ends_with("_bg.wasm"));
    let shard = dist_file("data/search", |n| {
        n.starts_with("p-") && n.ends_with(".bin")
    });
    // Plan and indicator files, content-hashed (`<name>-<12 to 16 hex>.json`).
    let plan = dist_file("data", |n| {
        n.ends_with(".json") && n != "index.json" && !n.ends_with(".br") && !n.ends_with(".gz")
    });
    let indicator = dist_file("data/ind", |n| n.ends_with(".json"));
    // (path, type starts with, cache-control contains)
    let cases = [
        ("".to_owned(), "text/html", "no-cache"),
        ("index.html".to_owned(), "text/html", "no-cache"),
        (wasm.clone(), "application/wasm", "immutable"),
        ("data/index.json".to_owned(), "application/json", "no-cache"),
        (shard, "application/octet-stream", "immutable"),
        (plan, "application/json", "immutable"),
        (indicator, "application/json", "immutable"),
        // Fixed names, versioned by the pages' `?v=`: revalidated.
        ("boot.js".to_owned(), "", "no-cache"),
        // Loaded on demand, content-hashed (issue 12).
        (
            planscope_e2e::size::lazy_file(&dist(), "data-search-css")?,
            "text/css",
            "immutable",
        ),
        (
            planscope_e2e::size::lazy_file(&dist(), "data-echarts")?,
            "",
            "immutable",
        ),
    ];
    for (file, ty, cache) in &cases {
        let path = format!("{PREFIX}{file}");
        for (accept, expect) in [("br, gzip", "br"), ("gzip", "gzip"), ("identity", "")] {
            let (status, h, len) = get(&path, port, accept)?;
            ensure!(status == 200, "{who} {path} ({accept}): status {status}");
            // The README's Content-Security-Policy (issue 12), on pages at least.
            if ty.starts_with("text/html") {
                ensure!(
                    header(&h, "content-security-policy").contains(
                        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'"
                    ),
                    "{who} {path}: content-security-policy {:?}",
                    header(&h, "content-security-policy")
                );
            }
            ensure!(
                header(&h, "content-encoding") == expect,
                "{who} {path} ({accept}): content-encoding {:?}, expected {expect:?}",
                header(&h, "content-encoding")
            );
            ensure!(
                header(&h, "content-type").starts_with(ty),
                "{who} {path}: content-type {:?}, expected {ty}",
                header(&h, "content-type")
            );
            ensure!(
                header(&h, "cache-control").contains(cache),
                "{who} {path}: cache-control {:?}, expected {cache}",
                header(&h, "cache-control")
            );
            if !expect.is_empty() {
                ensure!(
                    header(&h, "vary")
                        .to_ascii_lowercase()
                        .contains("accept-encoding"),
                    "{who} {path} ({accept}): no Vary: Accept-Encoding"
                );
            }
            let on_disk =
                std::fs::metadata(dist().join(if file.is_empty() { "index.html" } else { file }))?
                    .len() as usize;
            if expect.is_empty() {
                ensure!(
                    len == on_disk,
                    "{who} {path}: {len} bytes sent, {on_disk} on disk"
                );
            } else {
                ensure!(
                    len < on_disk,
                    "{who} {path} ({accept}): {len} bytes sent, not compressed"
                );
            }
        }
    }
    let (status, h, _) = get(PREFIX.trim_end_matches('/'), port, "br")?;
    ensure!(
        status == 301 && header(&h, "location").ends_with(PREFIX),
        "{who}: {} gave {status} {:?}, not a redirect to {PREFIX}",
        PREFIX.trim_end_matches('/'),
        header(&h, "location")
    );
    Ok(())
}

/// In the browser: the library and a plan page load under the sub-path and become ready; the
/// wasm arrived compressed when the server compresses.
async fn check_in_browser(host: &Host, who: &str, compressed: bool) -> TestResult {
    let plan = seed_ids().into_iter().next().expect("a seed");
    in_browser!(PHONE, |b| {
        b.goto(&host.url(PREFIX)).await?;
        b.wait_ready().await?;
        let n = b
            .js("return document.querySelectorAll('a[href*=\"plan\"]').length;")
            .await?;
        ensure!(
            n.as_u64().unwrap_or(0) >= 5,
            "{who}: the library lists {n} plan links"
        );
        b.goto(&host.url(&format!("{PREFIX}?plan={plan}"))).await?;
        b.wait_ready().await?;
        let wasm = b
            .js("return performance.getEntriesByType('resource').filter(e => e.name.endsWith('.wasm')) \
                 .map(e => ({ name: e.name, body: e.encodedBodySize, raw: e.decodedBodySize }));")
            .await?;
        let list = wasm.as_array().cloned().unwrap_or_default();
        ensure!(!list.is_empty(), "{who}: no wasm loaded: {wasm}");
        if compressed {
            ensure!(
                list.iter().all(|w| w["body"].as_u64() < w["raw"].as_u64()),
                "{who}: wasm not compressed: {wasm}"
            );
        }
        println!("{who}: plan page ready; wasm {wasm}");
        // An old MIME table makes wasm-bindgen fall back from streaming compilation with a
        // console warning, not an error.
        b.assert_no_console_errors(&[]).await
    });
    Ok(())
}

#[tokio::test]
async fn readme_nginx_serves_the_site_under_a_sub_path() {
    let _serial = SERIAL.lock().await;
    let host = nginx(None);
    check_headers(&host, "nginx").unwrap_or_else(|e| panic!("{e}"));
    check_in_browser(&host, "nginx", true).await.unwrap();
}

#[tokio::test]
async fn readme_apache_and_the_shipped_htaccess_serve_the_site_under_a_sub_path() {
    let _serial = SERIAL.lock().await;
    let host = apache();
    check_headers(&host, "apache").unwrap_or_else(|e| panic!("{e}"));
    check_in_browser(&host, "apache", true).await.unwrap();
}

#[tokio::test]
async fn wasm_sent_as_octet_stream_by_an_old_mime_table_still_loads() {
    let _serial = SERIAL.lock().await;
    // No wasm (nor json) type: both go out as default_type application/octet-stream.
    let host = nginx(Some(
        "text/html html; text/css css; application/javascript js; image/svg+xml svg;",
    ));
    let wasm = dist_file("", |n| n.ends_with("_bg.wasm"));
    let (status, h, _) = get(&format!("{PREFIX}{wasm}"), host.port, "br").unwrap();
    assert_eq!(status, 200);
    assert_eq!(header(&h, "content-type"), "application/octet-stream");
    check_in_browser(&host, "nginx (old types)", true)
        .await
        .unwrap();
}

#[test]
fn the_readme_has_the_snippets_this_test_runs() {
    assert_eq!(readme_blocks("nginx").len(), 2);
    assert_eq!(readme_blocks("apache").len(), 1);
    assert!(readme_blocks("nginx")[1].contains("alias /var/www/planscope/;"));
    assert!(adapt(
        "location /plans/ { alias /var/www/planscope/; }",
        Path::new("/d")
    )
    .contains("location /portal/plans/ { alias /d/; }"));
}
