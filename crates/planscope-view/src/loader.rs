//! The loader of every page: which of the three wasm bundles a page starts, and the forwarding of
//! addresses of earlier versions (`index.html?plan=<id>&sec=…`) to the static files.
//!
//! `make dist` builds three bundles with trunk: the full app (`src/main.rs`, from `index.html`),
//! the reader (`src/bin/planscope-reader.rs`, from `reader.html`: library + plan reader) and the
//! home bundle (`src/bin/planscope-home.rs`, from `home.html`: the library only). Trunk writes a
//! loader for the full app into `dist/index.html`; [`install_loader`] (run by
//! `planscope-site --home … --reader …`) replaces it with one that picks the bundle from the
//! file name and query string, by the rule of [`crate::route::loader_picks`], and preloads only
//! that one. On `index.html` it first forwards old plan, indicator and explorer addresses
//! (`?plan=<id>&sec=3.1` → `plan-<id>.html#s-3.1`, the rule of [`crate::route::legacy_redirect`])
//! with `location.replace`, so a QR code printed before the static pages existed lands on the
//! static page and section. The bundle is fetched after the page's `load` event and first paint
//! (every static page is readable without it), so it never competes with the page for bytes or
//! the main thread before first paint. So
//! the first screen (the library) never downloads the reader, a plan opened from a QR code never
//! downloads charts or comparison code, and no page downloads two bundles.
//!
//! The loader is an external file, `crates/planscope-site/src/boot.js` (kept out of this crate,
//! which the wasm bundles compile, so editing it rebuilds no bundle), written to `dist/` as
//! [`BOOT_FILE`] and included first in `<head>`, versioned by its content ([`boot_src`]), as
//! `<script id="ps-loader" src="./boot.js?v=<16 hex>" data-home-js=…>` where `index.html` has
//! the [`BOOT_MARKER`] comment. Its name is fixed, not hashed, because it is what recovers a
//! page of an earlier release whose hashed files are gone: that page must still find it. The
//! `?v=` changes with every new script, so no cache serves an older one to a newer page;
//! hosts send it with `no-cache` (README.md "Deploying"). no page has an inline script (a strict Content-Security-Policy,
//! `script-src 'self'`, allows it). It also sets the classes the first paint needs, detects an
//! engine too old for the wasm features of the build before anything is downloaded, and recovers
//! from files a newer release has replaced (see the comment at its top and ARCHITECTURE.md).
//!
//! The bundle file names are in `data-*` attributes of `<script id="ps-loader">`, where the size
//! report (`planscope-size`) and the boot script read them.

/// The JS glue and wasm file of one bundle, as paths relative to `index.html` (`./x.js`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleFiles {
    pub js: String,
    pub wasm: String,
}

/// The `id` of the loader script.
pub const LOADER_ID: &str = "ps-loader";

/// The comment in `index.html`'s `<head>` that [`install_loader`] replaces with the loader.
pub const BOOT_MARKER: &str = "<!-- ps-boot -->";

/// The boot script's file name in `dist/`.
pub const BOOT_FILE: &str = "boot.js";

/// `./boot.js?v=<16 hex digits>`: the address of the boot script `source`, versioned by its
/// content (64-bit FNV-1a of its bytes: a release with a changed script asks for it anew, an
/// unchanged one keeps its cached copy).
pub fn boot_src(source: &str) -> String {
    format!("./{BOOT_FILE}?v={:016x}", fnv1a(source.as_bytes()))
}

/// 64-bit FNV-1a (a content version for file names, not a security hash).
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Removes trunk's (inline) module script and preload links for the full app from `html` and puts
/// the loader, `<script id="ps-loader" src="{boot}" data-…>`, in place of [`BOOT_MARKER`]:
/// it starts `home` on the library, `reader` on plan pages and the full app elsewhere. `boot` is
/// the boot script's address ([`boot_src`]); the caller writes it as [`BOOT_FILE`] next to the page.
/// Returns the new page and the full app's files as trunk named them.
///
/// Errors: no trunk module script, no [`BOOT_MARKER`], a loader already installed, a bundle
/// file name that is not a plain relative path.
pub fn install_loader(
    html: &str,
    home: &BundleFiles,
    reader: &BundleFiles,
    boot: &str,
) -> Result<(String, BundleFiles), String> {
    if html.contains(&format!("id=\"{LOADER_ID}\"")) {
        return Err("the loader is already installed: run trunk build again first".into());
    }
    let (start, end) =
        module_script(html).ok_or("no trunk module script (import init … module_or_path) found")?;
    let script = &html[start..end];
    let app = BundleFiles {
        js: quoted_after(script, "from ")
            .ok_or("the module script imports no JS glue")?
            .to_owned(),
        wasm: quoted_after(script, "module_or_path:")
            .ok_or("the module script names no wasm file")?
            .to_owned(),
    };
    for name in [
        &app.js,
        &app.wasm,
        &home.js,
        &home.wasm,
        &reader.js,
        &reader.wasm,
    ] {
        if !is_plain_path(name) {
            return Err(format!("unexpected bundle file name {name:?}"));
        }
    }
    if !(boot.starts_with("./")
        && boot
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "./?=-_".contains(c)))
    {
        return Err(format!("unexpected boot script address {boot:?}"));
    }
    let without = format!("{}{}", &html[..start], &html[end..]);
    let at = without
        .find(BOOT_MARKER)
        .ok_or_else(|| format!("no `{BOOT_MARKER}` in the page's <head>"))?;
    let out = format!(
        "{}{}{}",
        &without[..at],
        loader_script(home, reader, &app, boot),
        &without[at + BOOT_MARKER.len()..]
    );
    // Trunk preloads the full app in <head> (and again after the script); the loader preloads
    // the bundle it picks instead.
    let out = remove_links(&out, &app);
    Ok((out, app))
}

/// The byte range of trunk's `<script type="module">` that imports the wasm glue.
fn module_script(html: &str) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(at) = html[from..].find("<script type=\"module\">") {
        let start = from + at;
        let end = start + html[start..].find("</script>")? + "</script>".len();
        let body = &html[start..end];
        if body.contains("import init") && body.contains("module_or_path") {
            return Some((start, end));
        }
        from = end;
    }
    None
}

/// The quoted string after `key` (`'…'` or `"…"`).
fn quoted_after<'a>(s: &'a str, key: &str) -> Option<&'a str> {
    let after = s[s.find(key)? + key.len()..].trim_start();
    let quote = after.chars().next().filter(|c| *c == '\'' || *c == '"')?;
    let rest = &after[1..];
    Some(&rest[..rest.find(quote)?])
}

/// A relative file path that can sit in an attribute and a JS string unescaped.
fn is_plain_path(name: &str) -> bool {
    name.starts_with("./")
        && name.len() > 2
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '/' | '-' | '_'))
}

/// Drops every `<link …>` tag that names one of `bundle`'s files.
fn remove_links(html: &str, bundle: &BundleFiles) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find("<link ") {
        let Some(len) = rest[at..].find('>') else {
            break;
        };
        let tag = &rest[at..at + len + 1];
        out.push_str(&rest[..at]);
        let names = [format!("\"{}\"", bundle.js), format!("\"{}\"", bundle.wasm)];
        if !names.iter().any(|n| tag.contains(n.as_str())) {
            out.push_str(tag);
        }
        rest = &rest[at + len + 1..];
    }
    out.push_str(rest);
    out
}

/// The loader's tag: a classic, synchronous external script, so it runs while `<head>` is parsed
/// (before the first paint) and its preloads start at once. Its rule must stay the one of
/// [`crate::route::loader_picks`].
fn loader_script(
    home: &BundleFiles,
    reader: &BundleFiles,
    app: &BundleFiles,
    boot: &str,
) -> String {
    format!(
        r#"<script id="{LOADER_ID}" src="{boot}" data-home-js="{hj}" data-home-wasm="{hw}" data-reader-js="{rj}" data-reader-wasm="{rw}" data-app-js="{aj}" data-app-wasm="{aw}"></script>"#,
        hj = home.js,
        hw = home.wasm,
        rj = reader.js,
        rw = reader.wasm,
        aj = app.js,
        aw = app.wasm,
    )
}

/// The 打开规划 page's worker as trunk writes it (`data-type="worker" data-loader-shim` in
/// `index.html`): the loader shim, the wasm-bindgen glue it `importScripts` and the wasm it
/// starts, named without a content hash.
pub const WORKER_FILES: [&str; 3] = [
    "planscope-worker_loader.js",
    "planscope-worker.js",
    "planscope-worker_bg.wasm",
];

/// The worker's files under content-hashed names ([`hash_worker`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HashedWorker {
    /// `planscope-worker_loader-<16 hex>.js`: the shim, naming the two below.
    pub loader: String,
    /// The shim's new text.
    pub loader_text: String,
    /// `planscope-worker-<16 hex>.js`, the glue.
    pub js: String,
    /// `planscope-worker-<16 hex>_bg.wasm`.
    pub wasm: String,
}

/// Content-hashed names for the worker's three files (issue 12: every file a page fetches is
/// content-hashed, so a page of an earlier release never starts a newer worker; the hosts cache
/// them for a year by the `-<16 hex>` rule): the glue and wasm are named by the FNV-1a of their
/// bytes ([`fnv1a`]), and the shim `loader_text` names them instead of trunk's names and is
/// named by its new text. Errors: the shim does not name each of trunk's two files exactly once
/// as `"./<name>"` (a trunk whose shim looks different).
pub fn hash_worker(loader_text: &str, js: &[u8], wasm: &[u8]) -> Result<HashedWorker, String> {
    let js_name = format!("planscope-worker-{:016x}.js", fnv1a(js));
    let wasm_name = format!("planscope-worker-{:016x}_bg.wasm", fnv1a(wasm));
    let mut text = loader_text.to_owned();
    for (old, new) in [(WORKER_FILES[1], &js_name), (WORKER_FILES[2], &wasm_name)] {
        let quoted = format!("\"./{old}\"");
        if text.matches(&quoted).count() != 1 {
            return Err(format!(
                "the worker's loader shim does not name {quoted} once: {loader_text:?}"
            ));
        }
        text = text.replace(&quoted, &format!("\"./{new}\""));
    }
    Ok(HashedWorker {
        loader: format!("planscope-worker_loader-{:016x}.js", fnv1a(text.as_bytes())),
        loader_text: text,
        js: js_name,
        wasm: wasm_name,
    })
}

/// Whether `name` is a content-hashed worker shim ([`HashedWorker::loader`]).
pub fn is_hashed_worker_loader(name: &str) -> bool {
    name.strip_prefix("planscope-worker_loader-")
        .and_then(|r| r.strip_suffix(".js"))
        .is_some_and(|h| h.len() == 16 && h.bytes().all(|c| c.is_ascii_hexdigit()))
}

/// Adds `data-worker="./<loader>"` to the installed loader tag of `html`, where the 打开规划
/// page finds its worker ([`worker_src`]). Errors: no loader installed, or `loader` is not a
/// hashed worker shim name.
pub fn with_worker(html: &str, loader: &str) -> Result<String, String> {
    if !is_hashed_worker_loader(loader) {
        return Err(format!("unexpected worker file name {loader:?}"));
    }
    with_loader_attr(html, "data-worker", loader)
}

/// Adds `<attr>="./<file>"` to the installed loader tag of `html`. Errors: no loader installed,
/// or `file` is not a plain relative path below the page ([`is_plain_path`], no `..`: it goes
/// into an attribute value).
fn with_loader_attr(html: &str, attr: &str, file: &str) -> Result<String, String> {
    if !is_plain_path(&format!("./{file}")) || file.contains("..") {
        return Err(format!("unexpected file name {file:?}"));
    }
    let tag = format!("<script id=\"{LOADER_ID}\"");
    if !html.contains(&tag) {
        return Err(format!("no loader installed to name {file}"));
    }
    Ok(html.replacen(&tag, &format!("{tag} {attr}=\"./{file}\""), 1))
}

/// A file the app fetches only when a view needs it, which trunk copies into `dist/` under a
/// fixed name: the ECharts bundle ([`ECHARTS`]) and the compare and search views' stylesheets
/// ([`COMPARE_CSS`], [`SEARCH_CSS`]). `planscope-site` renames it to a content-hashed name
/// ([`LazyAsset::hashed_name`]) and names that in an attribute of the loader tag
/// ([`LazyAsset::with_name`]), where the app reads it ([`LazyAsset::src`]); issue 12: every file a
/// page fetches is content-hashed, so a page of an earlier release never gets a newer file (or a
/// newer page an older one from a cache), and hosts cache it for a year by the `-<16 hex>` rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LazyAsset {
    /// trunk's name, relative to `dist/` (`vendor/echarts.min.js`); what the app asks for when
    /// the page names no hashed file (`trunk serve`).
    pub file: &'static str,
    /// The loader tag's attribute that names the hashed file (`data-echarts`).
    pub attr: &'static str,
}

/// The custom ECharts bundle (`make echarts`), loaded by chart views only.
pub const ECHARTS: LazyAsset = LazyAsset {
    file: "vendor/echarts.min.js",
    attr: "data-echarts",
};

/// The compare view's stylesheet, linked by the compare views only.
pub const COMPARE_CSS: LazyAsset = LazyAsset {
    file: "compare.css",
    attr: "data-compare-css",
};

/// The search page's stylesheet, linked by that page only.
pub const SEARCH_CSS: LazyAsset = LazyAsset {
    file: "search.css",
    attr: "data-search-css",
};

impl LazyAsset {
    /// (folder with its `/` or empty, name up to its first `.`, extension after its last `.`).
    fn parts(&self) -> (&'static str, &'static str, &'static str) {
        let (dir, base) = match self.file.rfind('/') {
            Some(i) => self.file.split_at(i + 1),
            None => ("", self.file),
        };
        let stem = base.split('.').next().unwrap_or(base);
        let ext = base.rsplit('.').next().unwrap_or("");
        (dir, stem, ext)
    }

    /// The folder of the file relative to `dist/`, with its `/` (`vendor/`), or empty.
    pub fn folder(&self) -> &'static str {
        self.parts().0
    }

    /// The content-hashed name of the file with these `bytes`, in the same folder:
    /// `<folder>/<name>-<16 hex>.<ext>` (FNV-1a, [`fnv1a`]; `vendor/echarts.min.js` →
    /// `vendor/echarts-<16 hex>.js`).
    pub fn hashed_name(&self, bytes: &[u8]) -> String {
        let (dir, stem, ext) = self.parts();
        format!("{dir}{stem}-{:016x}.{ext}", fnv1a(bytes))
    }

    /// Whether `name` (relative to `dist/`) is a [`LazyAsset::hashed_name`] of this asset.
    pub fn is_hashed(&self, name: &str) -> bool {
        let (dir, stem, ext) = self.parts();
        name.strip_prefix(dir)
            .and_then(|n| n.strip_prefix(stem))
            .and_then(|n| n.strip_prefix('-'))
            .and_then(|n| n.strip_suffix(ext))
            .and_then(|n| n.strip_suffix('.'))
            .is_some_and(|h| h.len() == 16 && h.bytes().all(|c| c.is_ascii_hexdigit()))
    }

    /// `html` with the loader tag naming `hashed` in this asset's attribute. Errors: no loader
    /// installed, or `hashed` is not a hashed name of this asset.
    pub fn with_name(&self, html: &str, hashed: &str) -> Result<String, String> {
        if !self.is_hashed(hashed) {
            return Err(format!("unexpected file name {hashed:?} for {}", self.file));
        }
        with_loader_attr(html, self.attr, hashed)
    }

    /// The address the app asks for, relative to the page: the hashed file the loader tag's
    /// attribute names (`named`, its value) when it is one of this asset's, else trunk's fixed
    /// name (a page of `trunk serve`, which has no installed loader; never an address from
    /// elsewhere).
    pub fn src(&self, named: Option<&str>) -> String {
        match named.and_then(|n| n.strip_prefix("./")) {
            Some(name) if self.is_hashed(name) => format!("./{name}"),
            _ => self.file.to_owned(),
        }
    }
}

/// The worker shim a page names in its loader tag's `data-worker` (`None` read by the app as
/// absent): that address when it is a hashed shim beside the page, else trunk's own name (a
/// page of `trunk serve`, which has no installed loader).
pub fn worker_src(data_worker: Option<&str>) -> String {
    match data_worker.and_then(|w| w.strip_prefix("./")) {
        Some(name) if is_hashed_worker_loader(name) => format!("./{name}"),
        _ => WORKER_FILES[0].to_owned(),
    }
}

/// The bundles named by an installed loader: (home, reader, full app).
pub fn installed_bundles(html: &str) -> Option<(BundleFiles, BundleFiles, BundleFiles)> {
    let at = html.find(&format!("id=\"{LOADER_ID}\""))?;
    let tag = &html[at..at + html[at..].find('>')?];
    let files = |name: &str| {
        Some(BundleFiles {
            js: quoted_after(tag, &format!("data-{name}-js="))?.to_owned(),
            wasm: quoted_after(tag, &format!("data-{name}-wasm="))?.to_owned(),
        })
    };
    Some((files("home")?, files("reader")?, files("app")?))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRUNK: &str = r#"<html><head>
<link rel="stylesheet" href="./reader-1.css" integrity="x">
<link rel="modulepreload" href="./planscope-app-ab12.js" crossorigin="anonymous" integrity="sha384-1">
<link rel="preload" href="./planscope-app-ab12_bg.wasm" crossorigin="anonymous" integrity="sha384-2" as="fetch" type="application/wasm">
<!-- ps-boot -->
<script>var boot = 1;</script>
<script type="module">
import init, * as bindings from './planscope-app-ab12.js';
const wasm = await init({ module_or_path: './planscope-app-ab12_bg.wasm' });
window.wasmBindings = bindings;
dispatchEvent(new CustomEvent("TrunkApplicationStarted", {detail: {wasm}}));
</script>
<link rel="modulepreload" href="./planscope-app-ab12.js" crossorigin="anonymous" integrity="sha384-1"><link rel="preload" href="./planscope-app-ab12_bg.wasm" crossorigin="anonymous" integrity="sha384-2" as="fetch" type="application/wasm"></head>
<body><link rel="icon" href="./favicon-9.svg"></body></html>"#;

    const BOOT: &str = "./boot.js?v=0123456789abcdef";

    fn reader() -> BundleFiles {
        BundleFiles {
            js: "./planscope-reader-ef56.js".into(),
            wasm: "./planscope-reader-ef56_bg.wasm".into(),
        }
    }

    fn home() -> BundleFiles {
        BundleFiles {
            js: "./planscope-home-cd34.js".into(),
            wasm: "./planscope-home-cd34_bg.wasm".into(),
        }
    }

    #[test]
    fn replaces_trunks_loader_and_preloads() {
        let (html, app) = install_loader(TRUNK, &home(), &reader(), BOOT).unwrap();
        assert_eq!(
            app,
            BundleFiles {
                js: "./planscope-app-ab12.js".into(),
                wasm: "./planscope-app-ab12_bg.wasm".into()
            }
        );
        assert!(!html.contains("<script type=\"module\">"), "{html}");
        assert!(!html.contains("rel=\"modulepreload\""), "{html}");
        assert!(!html.contains("rel=\"preload\""), "{html}");
        // Everything else stays.
        for kept in [
            "./reader-1.css",
            "var boot = 1;",
            "./favicon-9.svg",
            "</head>",
        ] {
            assert!(html.contains(kept), "{kept} lost: {html}");
        }
        assert_eq!(installed_bundles(&html), Some((home(), reader(), app)));
        // The loader script comes where the marker was, as an external file.
        assert!(html.find(LOADER_ID).unwrap() < html.find("var boot").unwrap());
        assert!(!html.contains(BOOT_MARKER));
        let tag = format!(r#"<script id="{LOADER_ID}" src="{BOOT}" "#);
        assert!(html.contains(&tag), "{html}");
    }

    #[test]
    fn refuses_a_page_without_trunks_loader_or_with_one_installed() {
        assert!(install_loader("<html></html>", &home(), &reader(), BOOT).is_err());
        let (html, _) = install_loader(TRUNK, &home(), &reader(), BOOT).unwrap();
        assert!(install_loader(&html, &home(), &reader(), BOOT)
            .unwrap_err()
            .contains("already"));
        let odd = BundleFiles {
            js: "./a'.js".into(),
            wasm: "./a.wasm".into(),
        };
        assert!(install_loader(TRUNK, &odd, &reader(), BOOT).is_err());
        let unmarked = TRUNK.replace(BOOT_MARKER, "");
        assert!(install_loader(&unmarked, &home(), &reader(), BOOT)
            .unwrap_err()
            .contains("ps-boot"));
    }

    #[test]
    fn the_boot_file_is_named_by_its_content() {
        let src = boot_src("x");
        assert!(src.starts_with("./boot.js?v=") && src.len() == 28, "{src}");
        assert_ne!(src, boot_src("y"));
        assert!(install_loader(TRUNK, &home(), &reader(), "./a\"b.js").is_err());
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn lazy_assets_get_content_hashed_names_that_the_pages_name() {
        let echarts = ECHARTS.hashed_name(b"echarts");
        assert_eq!(
            echarts,
            format!("vendor/echarts-{:016x}.js", fnv1a(b"echarts"))
        );
        assert!(ECHARTS.is_hashed(&echarts));
        assert_eq!((ECHARTS.folder(), SEARCH_CSS.folder()), ("vendor/", ""));
        assert_ne!(ECHARTS.hashed_name(b"echarts 2"), echarts);
        let css = SEARCH_CSS.hashed_name(b"mark{}");
        assert_eq!(css, format!("search-{:016x}.css", fnv1a(b"mark{}")));
        assert!(SEARCH_CSS.is_hashed(&css));
        // another asset's, trunk's own, or a broken hash
        assert!(!SEARCH_CSS.is_hashed(&echarts) && !ECHARTS.is_hashed(&css));
        assert!(!ECHARTS.is_hashed("vendor/echarts.min.js"));
        assert!(!ECHARTS.is_hashed("echarts-0123456789abcdef.js"));
        assert!(!ECHARTS.is_hashed("vendor/echarts-0123456789abcdeg.js"));
        assert!(!ECHARTS.is_hashed("vendor/echarts-0123456789abcdef.css"));

        let page = r#"<head><script id="ps-loader" src="./boot.js"></script></head>"#;
        let named = ECHARTS.with_name(page, &echarts).unwrap();
        let named = SEARCH_CSS.with_name(&named, &css).unwrap();
        assert!(
            named.contains(&format!(r#"data-echarts="./{echarts}""#)),
            "{named}"
        );
        assert!(
            named.contains(&format!(r#"data-search-css="./{css}""#)),
            "{named}"
        );
        assert!(ECHARTS.with_name(page, "vendor/echarts.min.js").is_err());
        assert!(ECHARTS.with_name("<head></head>", &echarts).is_err());

        assert_eq!(
            ECHARTS.src(Some(&format!("./{echarts}"))),
            format!("./{echarts}")
        );
        assert_eq!(ECHARTS.src(None), "vendor/echarts.min.js");
        assert_eq!(SEARCH_CSS.src(Some(&format!("./{echarts}"))), "search.css");
        assert_eq!(
            ECHARTS.src(Some(
                "https://evil.example/vendor/echarts-0123456789abcdef.js"
            )),
            "vendor/echarts.min.js"
        );
    }

    #[test]
    fn the_worker_gets_content_hashed_names_that_its_shim_and_the_pages_use() {
        let shim =
            r#"importScripts("./planscope-worker.js");wasm_bindgen("./planscope-worker_bg.wasm");"#;
        let w = hash_worker(shim, b"glue", b"\0asm").unwrap();
        assert_eq!(w.js, format!("planscope-worker-{:016x}.js", fnv1a(b"glue")));
        assert_eq!(
            w.wasm,
            format!("planscope-worker-{:016x}_bg.wasm", fnv1a(b"\0asm"))
        );
        assert_eq!(
            w.loader_text,
            format!(
                r#"importScripts("./{}");wasm_bindgen("./{}");"#,
                w.js, w.wasm
            )
        );
        assert!(is_hashed_worker_loader(&w.loader));
        // Another wasm: every name changes (the shim names the wasm).
        let v = hash_worker(shim, b"glue", b"\0asm2").unwrap();
        assert_ne!(v.loader, w.loader);
        assert_eq!(v.js, w.js);
        // A shim of another shape is refused, not half-renamed.
        assert!(hash_worker("importScripts('./planscope-worker.js');", b"", b"").is_err());

        let page = r#"<head><script id="ps-loader" src="./boot.js?v=1"></script></head>"#;
        let named = with_worker(page, &w.loader).unwrap();
        assert!(named.contains(&format!(
            r#"<script id="ps-loader" data-worker="./{}" src="#,
            w.loader
        )));
        assert!(with_worker("<head></head>", &w.loader).is_err());
        assert!(with_worker(page, "x.js\" onload=\"y").is_err());

        assert_eq!(
            worker_src(Some(&format!("./{}", w.loader))),
            format!("./{}", w.loader)
        );
        assert_eq!(worker_src(None), "planscope-worker_loader.js");
        assert_eq!(
            worker_src(Some("https://evil.example/w.js")),
            "planscope-worker_loader.js"
        );
        assert_eq!(
            worker_src(Some("./planscope-worker_loader-xyz.js")),
            "planscope-worker_loader.js"
        );
    }
}
