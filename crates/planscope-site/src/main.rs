//! `planscope-site`: the static site. Run by `make dist` after the three trunk builds.
//!
//! ```text
//! planscope-site --data public/data --dist dist --home target/home-dist --reader target/reader-dist
//! ```
//!
//! 1. Copies the home and reader bundles next to `dist/index.html` (trunk's build of the full
//!    app), replaces trunk's inline module script with the loader that picks one of the three
//!    bundles (`planscope_view::loader`) and writes that loader, the boot script
//!    (`src/boot.js`), as `boot.js` (pages ask for `boot.js?v=<content hash>`): no page has an
//!    inline script.
//! 2. Renders every page that can be known at build time with the app's own components
//!    (`planscope_app::render_page`, Leptos rendering to HTML natively) into a copy of that page,
//!    one file per page (`planscope_view::route` has the scheme): `index.html` (the library),
//!    `plan-<id>.html` (the reader: title, metadata, outline, full text, tables, boxes, task
//!    tables), `indicators-<id>.html`, `indicator.html` and `indicator-<ind>.html` for every
//!    canonical indicator. Each page shows its content with JavaScript off; the app takes over
//!    the same markup.
//!
//! 3. Checks that no page written has an inline script, `<style>`, `style` attribute, event
//!    handler attribute or `javascript:` URL (`csp::inline_code`): the site must run under a
//!    strict Content-Security-Policy.
//!
//! Errors (one line, exit status 1): unreadable or undecodable data (schema checked), a page
//! without trunk's loader or the prerender markers, a page with inline code (3.), a bundle directory without exactly one
//! `.js` and one `_bg.wasm`.

mod csp;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use planscope_model::{catalog, PlanDocument, PlanIndex};
use planscope_view::format::page_title;
use planscope_view::loader::{boot_src, install_loader, BundleFiles, BOOT_FILE};

/// The boot script of every page (see its first lines and `planscope_view::loader`).
const BOOT_JS: &str = include_str!("boot.js");
use planscope_view::page;
use planscope_view::route::Route;

const USAGE: &str =
    "usage: planscope-site --data <data-dir> --dist <dist-dir> --home <trunk-dist> --reader <trunk-dist>";

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("planscope-site: {e}");
            ExitCode::from(1)
        }
    }
}

fn run(args: Vec<String>) -> Result<(), String> {
    let (mut data, mut dist, mut home, mut reader) = (None, None, None, None);
    let mut it = args.into_iter();
    while let Some(a) = it.next() {
        let slot = match a.as_str() {
            "--data" => &mut data,
            "--dist" => &mut dist,
            "--home" => &mut home,
            "--reader" => &mut reader,
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            other => return Err(format!("unknown argument {other}\n{USAGE}")),
        };
        *slot = Some(PathBuf::from(it.next().ok_or(USAGE)?));
    }
    let (Some(data), Some(dist), Some(home), Some(reader)) = (data, dist, home, reader) else {
        return Err(USAGE.into());
    };
    let index_path = dist.join("index.html");
    let trunk_page = read(&index_path)?;

    // 1. bundles and loader
    let home = copy_bundle(&home, &index_path)?;
    let reader = copy_bundle(&reader, &index_path)?;
    let (template, app) = install_loader(&trunk_page, &home, &reader, &boot_src(BOOT_JS))
        .map_err(|e| format!("{}: {e}", index_path.display()))?;
    let boot = dist.join(BOOT_FILE);
    std::fs::write(&boot, BOOT_JS).map_err(|e| format!("{}: cannot write: {e}", boot.display()))?;
    println!(
        "loader: {} on the library, {} on plans, {} on indicator pages and elsewhere",
        home.wasm, reader.wasm, app.wasm
    );

    // 2. data
    let index: Arc<PlanIndex> = Arc::new(
        planscope_view::data::decode_index(&read(&data.join("index.json"))?)
            .map_err(|e| format!("{}: {e}", data.join("index.json").display()))?,
    );
    let mut docs: Vec<Arc<PlanDocument>> = Vec::new();
    for e in &index.plans {
        if !planscope_view::route::is_valid_id(&e.id) {
            return Err(format!("plan id {:?} cannot be a file name", e.id));
        }
        let path = data.join(format!("{}.json", e.id));
        let doc = planscope_view::data::decode_plan(&read(&path)?)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        docs.push(Arc::new(doc));
    }

    // 3. pages
    let mut pages: Vec<(Route, Option<String>)> = vec![(Route::Library, None)];
    for d in &docs {
        let title = planscope_view::format::display_title(&d.metadata.title);
        pages.push((Route::plan(&d.id), Some(title.clone())));
        pages.push((
            Route::indicators(&d.id),
            Some(format!("指标 · {}", d.metadata.title)),
        ));
    }
    pages.push((Route::Explorer { ind: None }, Some("指标对比".to_owned())));
    for info in catalog::INDICATORS {
        pages.push((
            Route::Explorer {
                ind: Some(info.id.to_owned()),
            },
            Some(format!("{} · 指标对比", info.name)),
        ));
    }
    let ids: Vec<&str> = index.plans.iter().map(|e| e.id.as_str()).collect();
    let mut total = 0usize;
    for (route, title) in &pages {
        let file = route.static_file().ok_or("a static page without a file")?;
        let html = planscope_app::render_page(route, index.clone(), &docs);
        let reading = matches!(route, Route::Plan { .. });
        let mut out = page::static_page(
            &template,
            &file,
            &html,
            &page_title(title.as_deref()),
            reading,
        )
        .map_err(|e| format!("{}: {e}", index_path.display()))?;
        if matches!(route, Route::Library) {
            out = page::with_known_plans(&out, &ids)?;
        }
        total += out.len();
        let path = dist.join(&file);
        std::fs::write(&path, &out)
            .map_err(|e| format!("{}: cannot write: {e}", path.display()))?;
    }
    check_no_inline_code(&dist)?;
    println!(
        "wrote {} static pages ({} plans; {} bytes of HTML) to {}",
        pages.len(),
        docs.len(),
        total,
        dist.display()
    );
    Ok(())
}

/// Fails on any page of `dist` (`*.html`) that a strict Content-Security-Policy would not run
/// as written ([`csp::inline_code`]).
fn check_no_inline_code(dist: &Path) -> Result<(), String> {
    let entries = std::fs::read_dir(dist)
        .map_err(|e| format!("{}: cannot read directory: {e}", dist.display()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().and_then(|e| e.to_str()) != Some("html") {
            continue;
        }
        let found = csp::inline_code(&read(&path)?);
        if !found.is_empty() {
            return Err(format!(
                "{}: not allowed under a strict Content-Security-Policy: {}",
                path.display(),
                found.join(", ")
            ));
        }
    }
    Ok(())
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))
}

/// Copies the one `.js` and one `_bg.wasm` of trunk's output directory `dir` next to `html`.
fn copy_bundle(dir: &Path, html: &Path) -> Result<BundleFiles, String> {
    let files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: cannot read directory: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    let name = |p: &Path| {
        p.file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned()
    };
    let pick = |suffix: &str| -> Result<&PathBuf, String> {
        let found: Vec<&PathBuf> = files.iter().filter(|p| name(p).ends_with(suffix)).collect();
        match found.as_slice() {
            [one] => Ok(one),
            _ => Err(format!(
                "{}: expected one *{suffix} file, found {}",
                dir.display(),
                found.len()
            )),
        }
    };
    let (js, wasm) = (pick(".js")?, pick("_bg.wasm")?);
    let out = html.parent().unwrap_or(Path::new("."));
    for f in [js, wasm] {
        std::fs::copy(f, out.join(name(f)))
            .map_err(|e| format!("{}: cannot copy: {e}", f.display()))?;
    }
    Ok(BundleFiles {
        js: format!("./{}", name(js)),
        wasm: format!("./{}", name(wasm)),
    })
}
