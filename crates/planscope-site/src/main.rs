//! `planscope-site`: the static site. Run by `make dist` after the three trunk builds.
//!
//! ```text
//! planscope-site --data public/data --dist dist --home target/home-dist --reader target/reader-dist \
//!     [--charts js/echarts-ssr.mjs]
//! ```
//!
//! 1. Copies the home and reader bundles next to `dist/index.html` (trunk's build of the full
//!    app), replaces trunk's inline module script with the loader that picks one of the three
//!    bundles (`planscope_view::loader`) and writes that loader, the boot script
//!    (`src/boot.js`), as `boot.js` (pages ask for `boot.js?v=<content hash>`): no page has an
//!    inline script.
//!    The 打开规划 page's worker files get content-hashed names (`planscope_view::loader::hash_worker`),
//!    which the loader tag names in `data-worker`; so do the files the app loads on demand,
//!    `vendor/echarts.min.js`, `compare.css` and `search.css` (`planscope_view::loader::LazyAsset`:
//!    renamed to `vendor/echarts-<16 hex>.js`, `compare-<16 hex>.css` and `search-<16 hex>.css`,
//!    named in `data-echarts`, `data-compare-css` and `data-search-css`).
//! 2. Renders every page that can be known at build time with the app's own components
//!    (`planscope_app::render_page`, Leptos rendering to HTML natively) into a copy of that page,
//!    one file per page (`planscope_view::route` has the scheme): `index.html` (the library's
//!    first page of `PAGE_SIZE` plans) and `library-<n>.html` (its further pages, unfiltered,
//!    linked by the pager, so every plan is reachable with JavaScript off),
//!    `plan-<id>.html` (the reader: title, metadata, outline, full text, tables, boxes, task
//!    tables), `indicators-<id>.html`, `indicator.html` and `indicator-<ind>.html` for every
//!    canonical indicator (from its indicator file, `data/ind/<id>-<hash>.json`; plans are read
//!    one at a time, from `data/<id>-<hash>.json`, the file a plan's pages name for the app:
//!    `page::with_plan_data`). Each page shows its content with JavaScript off; the app takes over
//!    the same markup.
//!    With `--charts <script>`, the charts of the indicator pages and the explorer's pages are
//!    written drawn, as SVG (`charts`: ECharts' server-side renderer in Node, the drawing
//!    cleaned by `svg`), so a phone shows them without loading ECharts; without it their places
//!    are kept for the app to draw them.
//!
//! 3. Checks that no page written has an inline script, `<style>`, `style` attribute, event
//!    handler attribute or `javascript:` URL (`csp::inline_code`): the site must run under a
//!    strict Content-Security-Policy.
//!
//! Errors (one line, exit status 1): Node cannot be started or cannot draw a chart (`--charts`;
//! the page and the reason), unreadable or undecodable data (schema checked), a page
//! without trunk's loader or the prerender markers, a page with inline code (3.), a bundle directory without exactly one
//! `.js` and one `_bg.wasm`.

mod charts;
mod csp;
mod svg;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, Mutex};

use planscope_model::layout::IndicatorFile;
use planscope_model::{catalog, PlanDocument, PlanIndex};
use planscope_view::format::page_title;
use planscope_view::loader::{
    boot_src, install_loader, BundleFiles, LazyAsset, BOOT_FILE, COMPARE_CSS, ECHARTS, SEARCH_CSS,
};

/// The boot script of every page (see its first lines and `planscope_view::loader`).
const BOOT_JS: &str = include_str!("boot.js");
use planscope_view::page;
use planscope_view::route::Route;
use planscope_view::{library, route};

const USAGE: &str =
    "usage: planscope-site --data <data-dir> --dist <dist-dir> --home <trunk-dist> --reader <trunk-dist> [--charts <echarts-ssr.mjs>]";

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
    let (mut data, mut dist, mut home, mut reader, mut charts) = (None, None, None, None, None);
    let mut it = args.into_iter();
    while let Some(a) = it.next() {
        let slot = match a.as_str() {
            "--data" => &mut data,
            "--dist" => &mut dist,
            "--home" => &mut home,
            "--reader" => &mut reader,
            "--charts" => &mut charts,
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
    let mut template = match hash_worker_files(&dist)? {
        Some(loader) => planscope_view::loader::with_worker(&template, &loader)?,
        None => template,
    };
    for asset in [ECHARTS, COMPARE_CSS, SEARCH_CSS] {
        let name = hash_lazy_asset(&dist, asset)?;
        template = asset.with_name(&template, &name)?;
    }
    let boot = dist.join(BOOT_FILE);
    std::fs::write(&boot, BOOT_JS).map_err(|e| format!("{}: cannot write: {e}", boot.display()))?;
    println!(
        "loader: {} on the library, {} on plans, {} on indicator pages and elsewhere",
        home.wasm, reader.wasm, app.wasm
    );

    // 2. data: the index and the indicator files it names; plans are read one at a time below
    // (at 2,000 plans all documents at once would take gigabytes)
    let index: Arc<PlanIndex> = Arc::new(
        planscope_view::data::decode_index(&read(&data.join("index.json"))?)
            .map_err(|e| format!("{}: {e}", data.join("index.json").display()))?,
    );
    for e in &index.plans {
        if !planscope_view::route::is_valid_id(&e.id) {
            return Err(format!("plan id {:?} cannot be a file name", e.id));
        }
    }
    let mut indicators: Vec<(String, Arc<IndicatorFile>)> = Vec::new();
    for r in &index.indicators {
        let path = data.join(&r.file);
        let f = planscope_view::data::decode_indicator(&read(&path)?)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        indicators.push((r.file.clone(), Arc::new(f)));
    }
    let read_plan = |e: &planscope_model::IndexEntry| -> Result<Arc<PlanDocument>, String> {
        let path = data.join(e.data_file());
        planscope_view::data::decode_plan(&read(&path)?)
            .map(Arc::new)
            .map_err(|e| format!("{}: {e}", path.display()))
    };

    // 3. pages: the library's pages (the unfiltered list, PAGE_SIZE plans each), each plan's
    // reader and indicator page, the explorer's pages
    let ids: Vec<&str> = index.plans.iter().map(|e| e.id.as_str()).collect();
    let mut written = 0usize;
    let mut total = 0usize;
    // Charts drawn at build time (`--charts`): one Node process for the whole build; the first
    // error stops the build, naming the page.
    let ssr = match &charts {
        Some(script) => Some(Arc::new(Mutex::new(charts::SsrCharts::start(script)?))),
        None => None,
    };
    let chart_error: Arc<Mutex<Option<String>>> = Arc::default();
    let static_charts = ssr.as_ref().map(|ssr| {
        let (ssr, chart_error) = (ssr.clone(), chart_error.clone());
        planscope_app::StaticCharts(Arc::new(move |option, width, height| {
            let mut ssr = ssr.lock().ok()?;
            match ssr.draw(option, width, height) {
                Ok(svg) => svg,
                Err(e) => {
                    if let Ok(mut first) = chart_error.lock() {
                        first.get_or_insert(e);
                    }
                    None
                }
            }
        }))
    });
    let mut write = |route: &Route,
                     file: String,
                     search: &str,
                     title: Option<String>,
                     docs: &[Arc<PlanDocument>],
                     inds: &[(String, Arc<IndicatorFile>)]|
     -> Result<(), String> {
        let html = planscope_app::render_page_at(
            route,
            search,
            index.clone(),
            docs,
            inds,
            static_charts.clone(),
        );
        if let Some(e) = chart_error.lock().ok().and_then(|mut e| e.take()) {
            return Err(format!("{file}: a chart: {e}"));
        }
        let reading = matches!(route, Route::Plan { .. });
        let mut out = page::static_page(
            &template,
            &file,
            &html,
            &page_title(title.as_deref()),
            reading,
        )
        .map_err(|e| format!("{}: {e}", index_path.display()))?;
        if file == "index.html" {
            out = page::with_known_plans(&out, &ids)?;
        }
        // a plan's reader and indicator page name its data file (no index needed to find it)
        if let (Route::Plan { id, .. } | Route::Indicators { id, .. }, [d]) = (route, docs) {
            if let Some(e) = index.plans.iter().find(|e| e.id == d.id && e.id == *id) {
                let src = format!("data/{}", e.data_file());
                out = page::with_plan_data(&out, id, &src)?;
            }
        }
        total += out.len();
        written += 1;
        let path = dist.join(&file);
        std::fs::write(&path, &out).map_err(|e| format!("{}: cannot write: {e}", path.display()))
    };
    let pages = library::page_count(index.plans.len());
    for n in 1..=pages {
        let (file, search, title) = if n == 1 {
            ("index.html".to_owned(), String::new(), None)
        } else {
            (
                route::library_file(n),
                format!("?page={n}"),
                Some(format!("{} · 第 {n} 页", library::HEADING)),
            )
        };
        write(&Route::Library, file, &search, title, &[], &[])?;
    }
    for e in &index.plans {
        let d = read_plan(e)?;
        let title = planscope_view::format::display_title(&d.metadata.title);
        for (route, title) in [
            (Route::plan(&d.id), title),
            (
                Route::indicators(&d.id),
                format!("指标 · {}", d.metadata.title),
            ),
        ] {
            let file = route.static_file().ok_or("a static page without a file")?;
            write(&route, file, "", Some(title), std::slice::from_ref(&d), &[])?;
        }
    }
    let explorer = Route::Explorer { ind: None };
    write(
        &explorer,
        explorer
            .static_file()
            .ok_or("a static page without a file")?,
        "",
        Some("指标对比".to_owned()),
        &[],
        &[],
    )?;
    for info in catalog::INDICATORS {
        let route = Route::Explorer {
            ind: Some(info.id.to_owned()),
        };
        let file = route.static_file().ok_or("a static page without a file")?;
        // the page of an indicator no plan states says so; the others show its one file
        let mine: Vec<(String, Arc<IndicatorFile>)> = indicators
            .iter()
            .filter(|(_, f)| f.indicator == info.id)
            .cloned()
            .collect();
        write(
            &route,
            file,
            "",
            Some(format!("{} · 指标对比", info.name)),
            &[],
            &mine,
        )?;
    }
    check_no_inline_code(&dist)?;
    let drawn = ssr
        .as_ref()
        .and_then(|s| s.lock().ok().map(|s| s.drawn))
        .map_or(String::new(), |n| format!(", {n} charts drawn"));
    println!(
        "wrote {written} static pages ({} plans, {pages} library pages; {total} bytes of HTML{drawn}) to {}",
        index.plans.len(),
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

/// Renames the 打开规划 page's worker files that trunk wrote into `dist` to content-hashed names
/// (`planscope_view::loader::hash_worker`) and returns the shim's new name, which every page
/// then names. A `dist` whose worker is already hashed (a copy of a built one, as `make scale`
/// makes) keeps it: its one hashed shim is returned. `None`: no worker in this build.
/// Errors: unreadable or unwritable files, several hashed shims, a shim of another shape.
fn hash_worker_files(dist: &Path) -> Result<Option<String>, String> {
    use planscope_view::loader::{hash_worker, is_hashed_worker_loader, WORKER_FILES};
    let [loader, js, wasm] = WORKER_FILES.map(|f| dist.join(f));
    if !loader.exists() {
        return already_hashed(dist, is_hashed_worker_loader);
    }
    let bytes =
        |p: &Path| std::fs::read(p).map_err(|e| format!("{}: cannot read: {e}", p.display()));
    let hashed = hash_worker(&read(&loader)?, &bytes(&js)?, &bytes(&wasm)?)
        .map_err(|e| format!("{}: {e}", loader.display()))?;
    for (from, to) in [(&js, &hashed.js), (&wasm, &hashed.wasm)] {
        std::fs::rename(from, dist.join(to))
            .map_err(|e| format!("{}: cannot rename: {e}", from.display()))?;
    }
    let new = dist.join(&hashed.loader);
    std::fs::write(&new, &hashed.loader_text)
        .map_err(|e| format!("{}: cannot write: {e}", new.display()))?;
    std::fs::remove_file(&loader)
        .map_err(|e| format!("{}: cannot remove: {e}", loader.display()))?;
    println!("worker: {} → {}, {}", hashed.loader, hashed.js, hashed.wasm);
    Ok(Some(hashed.loader))
}

/// The one file of `dir` whose name `is_hashed` accepts (a copy of a built `dist/`, as
/// `make scale` makes, already has hashed names); `None` when there is none. Errors: an unreadable
/// directory, several such files (two builds mixed).
fn already_hashed(dir: &Path, is_hashed: impl Fn(&str) -> bool) -> Result<Option<String>, String> {
    let hashed: Vec<String> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: cannot read directory: {e}", dir.display()))?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| is_hashed(n))
        .collect();
    match hashed.as_slice() {
        [] => Ok(None),
        [one] => Ok(Some(one.clone())),
        _ => Err(format!(
            "{}: several files of one asset: {hashed:?}",
            dir.display()
        )),
    }
}

/// Renames the file trunk copied into `dist` as `asset.file` (`vendor/echarts.min.js`,
/// `compare.css`, `search.css`) to its content-hashed name ([`LazyAsset::hashed_name`]) and returns that name
/// (relative to `dist`). A `dist` where it is hashed already (`make scale`'s copies) keeps it.
/// Errors: the file is missing (trunk did not copy it: `index.html`'s `copy-file`/`copy-dir`),
/// unreadable or cannot be renamed.
fn hash_lazy_asset(dist: &Path, asset: LazyAsset) -> Result<String, String> {
    let fixed = dist.join(asset.file);
    if !fixed.exists() {
        let dir = fixed.parent().unwrap_or(dist);
        let prefix = asset.folder();
        return already_hashed(dir, |n| asset.is_hashed(&format!("{prefix}{n}")))?
            .map(|n| format!("{prefix}{n}"))
            .ok_or_else(|| format!("{}: missing (trunk copies it into dist/)", fixed.display()));
    }
    let bytes =
        std::fs::read(&fixed).map_err(|e| format!("{}: cannot read: {e}", fixed.display()))?;
    let name = asset.hashed_name(&bytes);
    std::fs::rename(&fixed, dist.join(&name))
        .map_err(|e| format!("{}: cannot rename: {e}", fixed.display()))?;
    println!("{} → {name}", asset.file);
    Ok(name)
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
