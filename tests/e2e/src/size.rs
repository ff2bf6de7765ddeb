//! Transfer sizes of the built site, and what the first screen downloads.
//!
//! The budgets (checked by `tests/suite/size.rs`, printed by `make size`) are in brotli bytes at
//! quality 11, the best a static host can precompress to. KB here means 1,000 bytes.

use std::path::Path;

/// Static `index.html` including its inlined CSS (and any separate CSS file).
pub const BUDGET_HTML_CSS: u64 = 30_000;
/// Everything the first screen downloads: HTML, CSS, JS glue, wasm, icon.
pub const BUDGET_FIRST_SCREEN: u64 = 200_000;
/// The largest plan page (`plan-<id>.html`, written by `planscope-site`: the plan's whole text
/// rendered, CSS inlined), what a QR-code visitor's first request returns (issue #11).
pub const BUDGET_PLAN_HTML: u64 = 60_000;
/// The ECharts bundle, loaded only by chart views.
pub const BUDGET_ECHARTS: u64 = 180_000;
/// Where the ECharts bundle lives in `dist/`: `vendor/echarts-<16 hex>.js`, the content-hashed
/// name `planscope-site` gives it and names in the loader tag's `data-echarts` (issue 12).
/// Errors: no `index.html`, or it names no bundle.
pub fn echarts_file(dist: &Path) -> std::io::Result<String> {
    lazy_file(dist, "data-echarts")
}

/// A file the app loads on demand (`data-echarts`, `data-compare-css`, `data-search-css`), as
/// the loader tag of `dist/index.html` names it, relative to `dist/`. Errors: no `index.html`,
/// or its loader tag lacks `attr`.
pub fn lazy_file(dist: &Path, attr: &str) -> std::io::Result<String> {
    let html = std::fs::read_to_string(dist.join("index.html"))?;
    loader_file(&html, attr)
        .map(|f| f.trim_start_matches("./").to_owned())
        .ok_or_else(|| {
            std::io::Error::other(format!(
                "index.html's loader names no {attr}: make dist runs planscope-site"
            ))
        })
}

pub use planscope_publish::{brotli, gzip};

/// Sizes of one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileSize {
    /// Path relative to `dist/`, with `/`.
    pub path: String,
    pub raw: u64,
    pub gzip: u64,
    pub brotli: u64,
}

impl FileSize {
    /// Measures one file: gzip -9 and brotli -q 11.
    pub fn measure(dist: &Path, relative: &str) -> std::io::Result<FileSize> {
        let bytes = std::fs::read(dist.join(relative))?;
        Ok(FileSize {
            path: relative.to_owned(),
            raw: bytes.len() as u64,
            gzip: gzip(&bytes, 9).len() as u64,
            brotli: brotli(&bytes, 11).len() as u64,
        })
    }
}

/// Every file under `dist`, relative, sorted; the precompressed `.br`/`.gz` copies of a file
/// beside it are not listed (they are that file in another encoding).
pub fn list_files(dist: &Path) -> std::io::Result<Vec<String>> {
    fn walk(dir: &Path, base: &Path, out: &mut Vec<String>) -> std::io::Result<()> {
        for entry in std::fs::read_dir(dir)? {
            let path = entry?.path();
            if path.is_dir() {
                walk(&path, base, out)?;
            } else if planscope_publish::is_precompressed_copy(&path) {
                // x.br / x.gz written by planscope-publish: another encoding of x, not a file.
            } else if let Ok(rel) = path.strip_prefix(base) {
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    walk(dist, dist, &mut out)?;
    out.sort();
    Ok(out)
}

/// The files the first screen (the library) downloads: `index.html`, every file of `dist/` that
/// it references (`<link href>`, `<script src>`; see [`referenced_urls`]) and the home bundle
/// named by the loader (`<script id="ps-loader" data-home-js data-home-wasm>`, see the app's
/// `loader` module). Links to pages (`./`, `?view=…`) are not files and drop out; data files are
/// fetched by the app, not named in the HTML, and are reported separately.
pub fn first_screen_files(dist: &Path) -> std::io::Result<Vec<String>> {
    page_files(dist, "home")
}

/// The files a first visit to a plan (opened from a QR code, say) downloads: as
/// [`first_screen_files`] with the reader bundle instead of the home bundle.
pub fn plan_page_files(dist: &Path) -> std::io::Result<Vec<String>> {
    page_files(dist, "reader")
}

/// The files a first visit to a chart, indicator or comparison page downloads: as
/// [`first_screen_files`] with the full app instead of the home bundle.
pub fn app_page_files(dist: &Path) -> std::io::Result<Vec<String>> {
    page_files(dist, "app")
}

fn page_files(dist: &Path, bundle: &str) -> std::io::Result<Vec<String>> {
    let html = std::fs::read_to_string(dist.join("index.html"))?;
    let mut files = vec!["index.html".to_owned()];
    let loader = ["js", "wasm"].map(|kind| loader_file(&html, &format!("data-{bundle}-{kind}")));
    for quoted in referenced_urls(&html)
        .into_iter()
        .chain(loader.iter().flatten().copied())
    {
        // `boot.js?v=<hash>`: the file is `boot.js`.
        let relative = quoted.trim_start_matches("./");
        let relative = relative.split('?').next().unwrap_or(relative);
        // Links to other pages (`plan-<id>.html`, `indicator.html`) are not downloaded.
        if relative.is_empty()
            || relative.contains("://")
            || relative.starts_with('/')
            || relative.ends_with(".html")
        {
            continue;
        }
        if dist.join(relative).is_file() && !files.iter().any(|f| f == relative) {
            files.push(relative.to_owned());
        }
    }
    Ok(files)
}

/// The value of attribute `attr` of the loader script, e.g. `data-home-wasm`.
pub fn loader_file<'a>(html: &'a str, attr: &str) -> Option<&'a str> {
    let tag_at = html.find("id=\"ps-loader\"")?;
    let tag = &html[tag_at..tag_at + html[tag_at..].find('>')?];
    let key = format!("{attr}=\"");
    let value = &tag[tag.find(&key)? + key.len()..];
    Some(&value[..value.find('"')?])
}

/// The URLs `index.html` loads: values of `src=` and `href=` attributes and the module
/// script's `from '…'` / `module_or_path: '…'` strings, in order.
pub fn referenced_urls(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for key in ["src=", "href=", "from ", "module_or_path:"] {
        let mut rest = html;
        while let Some(at) = rest.find(key) {
            let after = rest[at + key.len()..].trim_start();
            rest = &rest[at + key.len()..];
            let Some(quote) = after.chars().next().filter(|c| *c == '"' || *c == '\'') else {
                continue;
            };
            if let Some(end) = after[1..].find(quote) {
                out.push(&after[1..1 + end]);
            }
        }
    }
    out
}

/// The size report of `make size`.
pub fn report(dist: &Path) -> std::io::Result<String> {
    use std::fmt::Write as _;
    let files = list_files(dist)?;
    let first = first_screen_files(dist)?;
    let sizes: Vec<FileSize> = files
        .iter()
        .map(|f| FileSize::measure(dist, f))
        .collect::<Result<_, _>>()?;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<48} {:>10} {:>10} {:>10}",
        "dist/ file", "raw", "gzip -9", "brotli 11"
    );
    for s in &sizes {
        let mark = if first.contains(&s.path) { " *" } else { "" };
        let _ = writeln!(
            out,
            "{:<48} {:>10} {:>10} {:>10}{mark}",
            s.path, s.raw, s.gzip, s.brotli
        );
    }
    let total = |filter: &dyn Fn(&FileSize) -> bool| {
        sizes
            .iter()
            .filter(|s| filter(s))
            .fold((0, 0, 0), |(r, g, b), s| {
                (r + s.raw, g + s.gzip, b + s.brotli)
            })
    };
    let (r, g, b) = total(&|s| first.contains(&s.path));
    let _ = writeln!(
        out,
        "{:<48} {:>10} {:>10} {:>10}",
        "first screen (* above; no data, no ECharts)", r, g, b
    );
    let plan = plan_page_files(dist)?;
    let (r, g, b) = total(&|s| plan.contains(&s.path));
    let _ = writeln!(
        out,
        "{:<48} {:>10} {:>10} {:>10}",
        "first visit to a plan (reader bundle)", r, g, b
    );
    let app = app_page_files(dist)?;
    let (r, g, b) = total(&|s| app.contains(&s.path));
    let _ = writeln!(
        out,
        "{:<48} {:>10} {:>10} {:>10}",
        "first visit to charts/compare (full app)", r, g, b
    );
    let (r, g, b) = total(&|_| true);
    let _ = writeln!(out, "{:<48} {:>10} {:>10} {:>10}", "all files", r, g, b);
    let html_css: u64 = sizes
        .iter()
        .filter(|s| s.path == "index.html" || s.path.ends_with(".css"))
        .map(|s| s.brotli)
        .sum();
    let echarts_path = echarts_file(dist)?;
    let echarts = sizes
        .iter()
        .find(|s| s.path == echarts_path)
        .map_or(0, |s| s.brotli);
    let _ = writeln!(out);
    let _ = writeln!(out, "budgets (brotli bytes):");
    let _ = writeln!(
        out,
        "  index.html + CSS   {html_css:>8} / {BUDGET_HTML_CSS}"
    );
    let _ = writeln!(
        out,
        "  first screen       {b_first:>8} / {BUDGET_FIRST_SCREEN}",
        b_first = total(&|s| first.contains(&s.path)).2
    );
    let largest_plan = sizes
        .iter()
        .filter(|s| s.path.starts_with("plan-") && s.path.ends_with(".html"))
        .max_by_key(|s| s.brotli);
    if let Some(p) = largest_plan {
        let _ = writeln!(
            out,
            "  largest plan page  {:>8} / {BUDGET_PLAN_HTML}  ({}, {} raw)",
            p.brotli, p.path, p.raw
        );
    }
    let _ = writeln!(out, "  ECharts (lazy)     {echarts:>8} / {BUDGET_ECHARTS}");
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_referenced_urls() {
        let html = r#"<link href="./a.css"><style>/* it's */</style><script type="module">import x from './b.js';
            init({ module_or_path: './b_bg.wasm' });</script><a href="?view=o"><img src='c.png'>"#;
        assert_eq!(
            referenced_urls(html),
            ["c.png", "./a.css", "?view=o", "./b.js", "./b_bg.wasm"]
        );
    }

    #[test]
    fn reads_the_loaders_bundle_names() {
        let html = r#"<script id="ps-loader" data-home-js="./h.js" data-home-wasm="./h_bg.wasm" data-app-js="./a.js" data-app-wasm="./a_bg.wasm">x</script>"#;
        assert_eq!(loader_file(html, "data-home-wasm"), Some("./h_bg.wasm"));
        assert_eq!(loader_file(html, "data-app-js"), Some("./a.js"));
        assert_eq!(loader_file("<html></html>", "data-app-js"), None);
    }

    #[test]
    fn compression_round_numbers_are_sane() {
        let text = "规划".repeat(1000);
        assert!(brotli(text.as_bytes(), 11).len() < 100);
        assert!(gzip(text.as_bytes(), 9).len() < 200);
    }
}
