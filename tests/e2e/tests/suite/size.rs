//! Size budgets of the built site (brotli, quality 11); see `planscope_e2e::size`.

use planscope_e2e::size::{
    first_screen_files, list_files, referenced_urls, FileSize, BUDGET_ECHARTS, BUDGET_FIRST_SCREEN,
    BUDGET_HTML_CSS, BUDGET_PLAN_HTML,
};

#[test]
fn every_plan_page_fits_its_budget() {
    let dist = planscope_e2e::dist_dir();
    let pages: Vec<String> = list_files(&dist)
        .expect("listing dist/")
        .into_iter()
        .filter(|f| f.starts_with("plan-") && f.ends_with(".html"))
        .collect();
    assert!(
        !pages.is_empty(),
        "no plan-<id>.html in dist/: make dist runs planscope-site"
    );
    for page in pages {
        let size = FileSize::measure(&dist, &page).expect("measure");
        assert!(
            size.brotli <= BUDGET_PLAN_HTML,
            "{page}: {} bytes brotli, budget {BUDGET_PLAN_HTML}",
            size.brotli
        );
    }
}

#[test]
fn first_screen_and_echarts_fit_their_budgets() {
    let dist = planscope_e2e::dist_dir();
    let first = first_screen_files(&dist).expect("reading dist/index.html");
    let measure =
        |f: &str| FileSize::measure(&dist, f).unwrap_or_else(|e| panic!("measuring {f}: {e}"));

    // The first screen is the page, the home bundle's glue and wasm; never ECharts, never the
    // reader or the full app.
    let page = std::fs::read_to_string(dist.join("index.html")).unwrap();
    for attr in ["data-reader-wasm", "data-app-wasm"] {
        let wasm = planscope_e2e::size::loader_file(&page, attr)
            .unwrap_or_else(|| {
                panic!("index.html has no {attr}: make dist runs planscope-site --home --reader")
            })
            .trim_start_matches("./");
        assert!(
            !first.iter().any(|f| f == wasm),
            "{wasm} is on the first screen: {first:?}"
        );
    }
    assert!(
        first.iter().any(|f| f.ends_with(".wasm")),
        "no .wasm among first-screen files {first:?}"
    );
    assert!(
        first.iter().any(|f| f.ends_with(".js")),
        "no JS glue among first-screen files {first:?}"
    );
    assert!(
        !first.iter().any(|f| f.contains("echarts")),
        "ECharts is on the first screen: {first:?}"
    );
    let html = std::fs::read_to_string(dist.join("index.html")).expect("index.html");
    let named: Vec<&str> = referenced_urls(&html)
        .into_iter()
        .filter(|q| q.contains("echarts"))
        .collect();
    assert!(
        named.is_empty(),
        "index.html names {named:?}: ECharts must be loaded on demand only"
    );

    // Search: nothing of it on the first screen but the header's box (a plain GET form); its
    // stylesheet and index are fetched by the search page only.
    assert!(
        !first.iter().any(|f| f.contains("search")),
        "search files on the first screen: {first:?}"
    );
    let named: Vec<&str> = referenced_urls(&html)
        .into_iter()
        .filter(|q| q.ends_with(".css") && (q.contains("search") || q.contains("compare")))
        .collect();
    assert!(named.is_empty(), "index.html links {named:?}");
    assert!(
        !html.contains("data/search"),
        "index.html names the search index"
    );
    assert!(dist.join("data/search/manifest.json").exists());
    // The stylesheets the app links on demand: content-hashed (issue 12), named in the loader
    // tag (not linked), and not under trunk's fixed names any more.
    for (attr, fixed) in [
        ("data-search-css", "search.css"),
        ("data-compare-css", "compare.css"),
    ] {
        let file = planscope_e2e::size::lazy_file(&dist, attr).expect("the loader names it");
        let stem = fixed.trim_end_matches(".css");
        assert!(
            file.strip_prefix(stem)
                .and_then(|h| h.strip_prefix('-'))
                .and_then(|h| h.strip_suffix(".css"))
                .is_some_and(|h| h.len() == 16 && h.bytes().all(|c| c.is_ascii_hexdigit())),
            "{attr} names {file:?}, not a content-hashed name"
        );
        assert!(dist.join(&file).is_file(), "{file} missing");
        assert!(!dist.join(fixed).exists(), "{fixed} still in dist/");
    }

    let html_css: u64 = list_files(&dist)
        .expect("listing dist/")
        .iter()
        .filter(|f| *f == "index.html" || f.ends_with(".css"))
        .map(|f| measure(f).brotli)
        .sum();
    assert!(
        html_css <= BUDGET_HTML_CSS,
        "index.html + CSS: {html_css} brotli bytes > {BUDGET_HTML_CSS}"
    );

    let total: u64 = first.iter().map(|f| measure(f).brotli).sum();
    assert!(
        total <= BUDGET_FIRST_SCREEN,
        "first screen {first:?}: {total} brotli bytes > {BUDGET_FIRST_SCREEN}"
    );

    let echarts_path = planscope_e2e::size::echarts_file(&dist).expect("the loader names ECharts");
    assert!(
        echarts_path.starts_with("vendor/echarts-") && !dist.join("vendor/echarts.min.js").exists(),
        "ECharts is not content-hashed: {echarts_path}"
    );
    let echarts = measure(&echarts_path).brotli;
    assert!(
        echarts <= BUDGET_ECHARTS,
        "{echarts_path}: {echarts} brotli bytes > {BUDGET_ECHARTS}"
    );
}
