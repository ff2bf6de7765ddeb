//! A static file server for `dist/`: enough HTTP/1.1 for a browser, nothing more.
//!
//! Why not `python3 -m http.server`: this one compresses (gzip, brotli) like a real host, so
//! tests and later Lighthouse runs see realistic transfer sizes, it can mount the site under
//! any prefix to prove sub-path deployment, and it needs nothing beyond cargo.
//!
//! One thread per connection, `Connection: close` after every response. Files are read on each
//! request (so a rebuilt `dist/` is served at once); compressed bodies are cached by
//! path, modification time and encoding.
//!
//! Modes for the browser tests of issue 12 (README.md "Deploying"):
//! * [`Config::csp`]: a `Content-Security-Policy` header on every response ([`STRICT_CSP`]);
//! * [`Config::cache_headers`]: the `Cache-Control` a host should send ([`cache_control`]):
//!   `no-cache` for pages and other fixed names, a year and `immutable` for content-hashed files;
//!   without it every response says `no-cache`;
//! * [`Config::stale_pages`]: a cache in front of the site (a CDN, WeChat's) that still holds the
//!   pages of the previous release while the site serves the new one.

use std::collections::HashMap;
use std::io::{self, BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

/// What to serve and how.
#[derive(Clone, Debug)]
pub struct Config {
    /// The directory served (`dist/`).
    pub root: PathBuf,
    /// URL prefix the site is mounted at; starts and ends with `/` (`/`, `/portal/plans/`).
    pub prefix: String,
    /// Brotli quality for responses (0–11). Tests use a low value: it is fast and still
    /// exercises `Content-Encoding: br`.
    pub brotli_quality: u32,
    /// Log each request to stderr.
    pub log: bool,
    /// Sent as `Content-Security-Policy` on every response when set.
    pub csp: Option<String>,
    /// Real `Cache-Control` per file ([`cache_control`]) instead of `no-cache` everywhere.
    pub cache_headers: bool,
    /// Pages (`*.html`) answered from an older copy of the site, as a stale cache would.
    pub stale_pages: Option<StalePages>,
}

/// The strict policy of issue 12 that the site must run under (README.md "Deploying").
pub const STRICT_CSP: &str =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

/// A cache in front of the site holding the pages of an earlier release.
#[derive(Clone, Debug)]
pub struct StalePages {
    /// The earlier release (a copy of its `dist/`).
    pub root: PathBuf,
    /// `true`: like a CDN keyed by the full URL, a request with a query string
    /// (`?ps-r=…`, the boot script's cache-busting reload) misses the cache and reaches the site.
    /// `false`: the query string is ignored and every page request is answered from `root`.
    pub keyed_by_query: bool,
}

impl Config {
    pub fn new(root: impl Into<PathBuf>) -> Config {
        Config {
            root: root.into(),
            prefix: "/".to_owned(),
            brotli_quality: 5,
            log: false,
            csp: None,
            cache_headers: false,
            stale_pages: None,
        }
    }

    /// Mounts the site under `prefix` (leading and trailing `/` added when missing).
    pub fn prefix(mut self, prefix: &str) -> Config {
        let trimmed = prefix.trim_matches('/');
        self.prefix = if trimmed.is_empty() {
            "/".to_owned()
        } else {
            format!("/{trimmed}/")
        };
        self
    }
}

/// A running server.
#[derive(Debug)]
pub struct Server {
    addr: SocketAddr,
    prefix: String,
}

impl Server {
    /// Binds `addr` (port 0 picks a free port) and serves in background threads until the
    /// process exits.
    pub fn start(config: Config, addr: &str) -> io::Result<Server> {
        let listener = TcpListener::bind(addr)?;
        let addr = listener.local_addr()?;
        let prefix = config.prefix.clone();
        let shared = Arc::new(Shared {
            config,
            cache: Mutex::new(HashMap::new()),
        });
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let shared = Arc::clone(&shared);
                std::thread::spawn(move || {
                    let _ = handle(&shared, stream);
                });
            }
        });
        Ok(Server { addr, prefix })
    }

    /// Serves on a free port of 127.0.0.1.
    pub fn start_local(config: Config) -> io::Result<Server> {
        Server::start(config, "127.0.0.1:0")
    }

    /// The site's URL: `http://127.0.0.1:<port><prefix>`.
    pub fn url(&self) -> String {
        format!("http://{}{}", self.addr, self.prefix)
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }
}

/// Compressed bodies by file, modification time and encoding.
type Cache = HashMap<(PathBuf, SystemTime, Encoding), Arc<Vec<u8>>>;

struct Shared {
    config: Config,
    cache: Mutex<Cache>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Encoding {
    Brotli,
    Gzip,
}

struct Request {
    method: String,
    path: String,
    /// The query string without `?` (empty when none).
    query: String,
    accept_encoding: String,
}

fn read_request(stream: &TcpStream) -> io::Result<Option<Request>> {
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    if reader.read_line(&mut line)? == 0 {
        return Ok(None);
    }
    let mut parts = line.split_whitespace();
    let (Some(method), Some(target)) = (parts.next(), parts.next()) else {
        return Ok(None);
    };
    let mut accept_encoding = String::new();
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            if name.trim().eq_ignore_ascii_case("accept-encoding") {
                accept_encoding = value.trim().to_ascii_lowercase();
            }
        }
    }
    let target = target.split('#').next().unwrap_or("/");
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    Ok(Some(Request {
        method: method.to_owned(),
        path: path.to_owned(),
        query: query.to_owned(),
        accept_encoding,
    }))
}

fn handle(shared: &Shared, mut stream: TcpStream) -> io::Result<()> {
    let Some(request) = read_request(&stream)? else {
        return Ok(());
    };
    let response = respond(shared, &request);
    if shared.config.log {
        eprintln!(
            "{} {} {} {}",
            response.status,
            request.method,
            request.path,
            response.body.len()
        );
    }
    let cache = if shared.config.cache_headers && response.status == 200 {
        cache_control(&request.path)
    } else {
        "no-cache"
    };
    let mut head = format!(
        "HTTP/1.1 {} {}\r\nContent-Length: {}\r\nConnection: close\r\nCache-Control: {cache}\r\nX-Content-Type-Options: nosniff\r\n",
        response.status,
        reason(response.status),
        response.body.len()
    );
    if let Some(csp) = &shared.config.csp {
        head.push_str(&format!("Content-Security-Policy: {csp}\r\n"));
    }
    for (name, value) in &response.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    if request.method != "HEAD" {
        stream.write_all(&response.body)?;
    }
    stream.flush()
}

struct Response {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: Arc<Vec<u8>>,
}

impl Response {
    fn text(status: u16, text: &str) -> Response {
        Response {
            status,
            headers: vec![("Content-Type", "text/plain; charset=utf-8".to_owned())],
            body: Arc::new(text.as_bytes().to_vec()),
        }
    }

    fn redirect(location: String) -> Response {
        let mut r = Response::text(301, "moved");
        r.headers.push(("Location", location));
        r
    }
}

fn respond(shared: &Shared, request: &Request) -> Response {
    if request.method != "GET" && request.method != "HEAD" {
        let mut r = Response::text(405, "method not allowed");
        r.headers.push(("Allow", "GET, HEAD".to_owned()));
        return r;
    }
    let prefix = &shared.config.prefix;
    let path = percent_decode(&request.path);
    // `/portal/plans` → `/portal/plans/`, so relative URLs resolve inside the site.
    if format!("{path}/") == *prefix {
        return Response::redirect(prefix.clone());
    }
    let Some(relative) = path.strip_prefix(prefix.as_str()) else {
        return Response::text(404, "not found");
    };
    let Some(mut file) = safe_join(&shared.config.root, relative) else {
        return Response::text(404, "not found");
    };
    if let Some(stale) = &shared.config.stale_pages {
        let page = if relative.is_empty() || relative.ends_with('/') {
            format!("{relative}index.html")
        } else {
            relative.to_owned()
        };
        if page.ends_with(".html") && (request.query.is_empty() || !stale.keyed_by_query) {
            if let Some(old) = safe_join(&stale.root, &page).filter(|p| p.is_file()) {
                file = old;
            }
        }
    }
    if file.is_dir() {
        if !relative.is_empty() && !relative.ends_with('/') {
            return Response::redirect(format!("{path}/"));
        }
        file.push("index.html");
    }
    let Ok(metadata) = std::fs::metadata(&file) else {
        return Response::text(404, "not found");
    };
    let Ok(bytes) = std::fs::read(&file) else {
        return Response::text(404, "not found");
    };
    let content_type = content_type(&file);
    let mut headers = vec![("Content-Type", content_type.to_owned())];
    let encoding = if compressible(content_type) {
        headers.push(("Vary", "Accept-Encoding".to_owned()));
        choose_encoding(&request.accept_encoding)
    } else {
        None
    };
    let body = match encoding {
        None => Arc::new(bytes),
        Some(encoding) => {
            headers.push((
                "Content-Encoding",
                match encoding {
                    Encoding::Brotli => "br".to_owned(),
                    Encoding::Gzip => "gzip".to_owned(),
                },
            ));
            let key = (
                file.clone(),
                metadata.modified().unwrap_or(SystemTime::UNIX_EPOCH),
                encoding,
            );
            let cached = shared.cache.lock().ok().and_then(|c| c.get(&key).cloned());
            cached.unwrap_or_else(|| {
                let compressed = Arc::new(match encoding {
                    Encoding::Brotli => crate::size::brotli(&bytes, shared.config.brotli_quality),
                    Encoding::Gzip => crate::size::gzip(&bytes, 6),
                });
                if let Ok(mut c) = shared.cache.lock() {
                    c.insert(key, Arc::clone(&compressed));
                }
                compressed
            })
        }
    };
    Response {
        status: 200,
        headers,
        body,
    }
}

fn choose_encoding(accept: &str) -> Option<Encoding> {
    let offers = |name: &str| {
        accept.split(',').any(|part| {
            let mut fields = part.split(';');
            fields.next().map(str::trim) == Some(name) && !fields.any(|f| f.trim() == "q=0")
        })
    };
    if offers("br") {
        Some(Encoding::Brotli)
    } else if offers("gzip") {
        Some(Encoding::Gzip)
    } else {
        None
    }
}

/// `root/relative`, refusing anything that could leave `root`.
fn safe_join(root: &Path, relative: &str) -> Option<PathBuf> {
    let mut path = root.to_path_buf();
    for component in Path::new(relative).components() {
        match component {
            Component::Normal(part) => path.push(part),
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(path)
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// MIME type by extension. `.wasm` must be `application/wasm` for streaming instantiation.
pub fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "wasm" => "application/wasm",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        "webmanifest" => "application/manifest+json",
        // The search index's count and position shards (data/search/*.bin): compressed like the
        // JSON, as README.md asks of a host.
        "bin" => "application/vnd.planscope.search",
        _ => "application/octet-stream",
    }
}

/// The `Cache-Control` for the file at URL `path`, as README.md "Deploying" asks of a host:
/// a content-hashed name (`<name>-<12 to 16 hex digits>[_bg].<ext>`, what trunk and
/// planscope-site write: trunk prints its 64-bit hash as hex without leading zeros, so 16 digits,
/// one in sixteen names 15, fewer rarely) never changes, so `public, max-age=31536000, immutable`; anything else (pages,
/// `data/index.json`, `boot.js`) must be revalidated: `no-cache`.
pub fn cache_control(path: &str) -> &'static str {
    if is_content_hashed(path) {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    }
}

/// Whether the last segment of `path` is `<name>-<12 to 16 hex digits>[_bg].<ext>` (see
/// [`cache_control`]).
pub fn is_content_hashed(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or(path);
    let Some((stem, ext)) = file.rsplit_once('.') else {
        return false;
    };
    if ext.is_empty() || ext == "html" {
        return false;
    }
    planscope_model::layout::is_hashed_stem(stem.strip_suffix("_bg").unwrap_or(stem))
}

fn compressible(content_type: &str) -> bool {
    content_type.starts_with("text/")
        || content_type.starts_with("application/json")
        || content_type == "application/wasm"
        || content_type == "image/svg+xml"
        || content_type == "application/manifest+json"
        || content_type == "application/vnd.planscope.search"
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_are_normalised() {
        assert_eq!(
            Config::new("x").prefix("portal/plans").prefix,
            "/portal/plans/"
        );
        assert_eq!(Config::new("x").prefix("/").prefix, "/");
        assert_eq!(Config::new("x").prefix("").prefix, "/");
    }

    #[test]
    fn never_leaves_the_root() {
        let root = Path::new("/srv/dist");
        assert_eq!(
            safe_join(root, "data/index.json"),
            Some(root.join("data/index.json"))
        );
        assert_eq!(safe_join(root, "../etc/passwd"), None);
        assert_eq!(safe_join(root, "/etc/passwd"), None);
        assert_eq!(safe_join(root, ""), Some(root.to_path_buf()));
    }

    #[test]
    fn negotiates_encoding() {
        assert_eq!(
            choose_encoding("gzip, deflate, br, zstd"),
            Some(Encoding::Brotli)
        );
        assert_eq!(choose_encoding("gzip"), Some(Encoding::Gzip));
        assert_eq!(choose_encoding("br;q=0, gzip"), Some(Encoding::Gzip));
        assert_eq!(choose_encoding(""), None);
    }

    #[test]
    fn hashed_files_are_cached_for_a_year_the_rest_revalidated() {
        for hashed in [
            "/planscope-home-8ba6bc9cd345c29c.js",
            "/portal/planscope-home-8ba6bc9cd345c29c_bg.wasm",
            "/main-0f1e2d3c4b5a6978.css",
            "/boot-0123456789abcdef.js",
            "/vendor/echarts-0123456789abcdef.js",
            "/search-0123456789abcdef.css",
            "/data/search/c-0123456789ab-3.bin",
            "/data/search/h-0123456789ab.json",
        ] {
            assert_eq!(
                cache_control(hashed),
                "public, max-age=31536000, immutable",
                "{hashed}"
            );
        }
        for fixed in [
            "/",
            "/index.html",
            "/plan-guangzhou-2021-2025.html",
            "/search.css",
            "/vendor/echarts.min.js",
            "/data/index.json",
            "/data/guangzhou-2021-2025.json",
            "/main-0f1e2d3c.css",
            "/-0123456789abcdef.js",
            "/x-0123456789abcdeg.js",
        ] {
            assert_eq!(cache_control(fixed), "no-cache", "{fixed}");
        }
    }

    #[test]
    fn wasm_has_its_mime_type() {
        assert_eq!(content_type(Path::new("a_bg.wasm")), "application/wasm");
        assert_eq!(percent_decode("/a%20b/%E8%A7%84"), "/a b/规");
    }
}
