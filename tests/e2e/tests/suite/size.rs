//! Size budgets of the built site (brotli, quality 11); see `planscope_e2e::size`.

use planscope_e2e::size::{
    first_screen_files, list_files, referenced_urls, FileSize, BUDGET_ECHARTS, BUDGET_FIRST_SCREEN,
    BUDGET_HTML_CSS, BUDGET_PLAN_HTML, ECHARTS_PATH,
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
    assert!(
        !html.contains("search.css") && !html.contains("data/search"),
        "index.html names search files"
    );
    assert!(dist.join("search.css").exists() && dist.join("data/search/manifest.json").exists());

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

    let echarts = measure(ECHARTS_PATH).brotli;
    assert!(
        echarts <= BUDGET_ECHARTS,
        "{ECHARTS_PATH}: {echarts} brotli bytes > {BUDGET_ECHARTS}"
    );
}
