//! # planscope app (规划透视)
//!
//! A Leptos client-side app that reads the JSON written by the `planscope` CLI
//! (`data/index.json`, `data/<id>-<hash>.json`, `data/ind/…`) and shows it to citizens on a phone.
//!
//! * The pure presentation logic (routes, formatting, library filters, reader/indicator/compare
//!   logic, chart options, the search's addresses and messages, the loader) is the crate `planscope-view`, re-exported here under the
//!   same module names ([`route`], [`data`], [`format`], …), unit-tested natively and shared with
//!   the static-site build.
//! * `nav`, `store`, `search_client`, `echarts`, `dom`, `fatal`: the thin layer over the browser.
//! * `views`: components; they only arrange what the pure modules compute.

// Deeply nested view types (the reader page) exceed the default when rendered to HTML (`ssr`).
#![recursion_limit = "256"]

/// The pure part of plans opened on this device (`crate::local` is their storage).
pub use planscope_view::local as local_view;
pub use planscope_view::{
    charts, compare, data, format, indicators, library, loader, page, reader, route, search, share,
};

mod dom;
mod echarts;
pub use echarts::StaticCharts;
mod fatal;
mod island;
mod local;
mod nav;
mod search_client;
mod store;
mod views;

use leptos::prelude::*;
use wasm_bindgen::prelude::wasm_bindgen;

use crate::route::{Bundle, Page};

/// Installs the panic hook and mounts [`App`] in `<main id="app">`, replacing the static loading
/// message that `index.html` shows until the wasm module runs. The entry point of the full app
/// (`src/main.rs`).
pub fn start() {
    mount(App);
}

/// Like [`start`], for the home bundle (`src/bin/planscope-home.rs`): [`Home`] draws the library
/// only, so the first screen downloads a fraction of the app.
pub fn start_home() {
    mount(Home);
}

/// Like [`start`], for the reader bundle (`src/bin/planscope-reader.rs`): [`Reader`] draws the
/// library and the plan reader, what a visitor from a QR code or a portal link needs.
pub fn start_reader() {
    mount(Reader);
}

/// Installs the panic hook now and mounts `app` in the next task: instantiating the module (the
/// task the wasm start function runs in) and building the view are each long on a slow phone, and
/// one task holding both would block the page for their sum (Lighthouse's TBT counts every task
/// over 50 ms; issue 11). Marks `ps:start` and `ps:mounted` ([`dom::mark`]).
fn mount<V: IntoView + 'static>(app: fn() -> V) {
    fatal::install_panic_hook();
    dom::mark("start");
    wasm_bindgen_futures::spawn_local(async move {
        dom::next_task().await;
        let Some(root) = dom::take_mount_point() else {
            // index.html without <main id="app">: still show something rather than nothing.
            leptos::mount::mount_to_body(app);
            return;
        };
        leptos::mount::mount_to(root, app).forget();
        dom::mark("mounted");
    });
}

/// What every bundle's root does first: the router for `bundle`, the data store, the header's
/// current link, and dropping the page written at build time (`#ps-prerendered`) when it is not
/// the page at this address (a filtered library, `index.html?view=overview`): it stays only
/// until the live view of its own page is ready (`dom::set_ready`). Returns the current page.
fn shell(bundle: Bundle) -> Memo<Page> {
    let router = nav::Router::install(bundle);
    store::Store::provide();
    let page = Memo::new(move |_| router.route().page());
    Effect::new(move |_| dom::mark_nav(&page.get()));
    Effect::new(move |first: Option<()>| {
        page.track();
        // a library page file (`library-3.html`) is the library's static file at its address
        let here = dom::window()
            .and_then(|w| w.location().pathname().ok())
            .map(|p| p[p.rfind('/').map_or(0, |i| i + 1)..].to_owned())
            .filter(|f| route::library_page_of_file(f).is_some());
        let file = here.or_else(|| router.route_untracked().static_file());
        let same = first.is_none()
            && !dom::html_has_class("ps-boot-other")
            && file.is_some()
            && file == dom::prerendered_file();
        if !same {
            dom::remove_prerendered();
        }
    });
    page
}

/// The component of `page`, for a bundle that draws it.
fn page_view(page: Page) -> AnyView {
    match page {
        Page::Library => views::Library().into_any(),
        Page::Plan(id) => views::PlanPage(views::PlanPageProps { id }).into_any(),
        Page::Indicators(id) => views::IndicatorsPage(views::IndicatorsPageProps { id }).into_any(),
        Page::Overview => views::Overview().into_any(),
        Page::Compare(plans) => views::ComparePage(views::ComparePageProps { plans }).into_any(),
        Page::Explorer => views::Explorer().into_any(),
        Page::Search => views::SearchPage().into_any(),
        Page::Open => views::OpenPage().into_any(),
        Page::NotFound => views::NotFound().into_any(),
    }
}

/// The first screen: the library and nothing else. Links to other pages are followed by the
/// browser, and the loader in the page then starts a bundle that draws them (see
/// [`route::loader_picks`]).
#[component]
pub fn Home() -> impl IntoView {
    let page = shell(Bundle::Home);
    // Each view named here, never through `page_view`: a call of `page_view` links every view
    // into this bundle unless LLVM happens to inline it (it stopped doing so once the 打开规划
    // page made it larger, and the home bundle grew to the full app's size).
    move || match page.get() {
        Page::Library => views::Library().into_any(),
        _ => views::NotFound().into_any(),
    }
}

/// The library and the plan reader; links to charts, indicators and comparisons load the full
/// [`App`].
#[component]
pub fn Reader() -> impl IntoView {
    let page = shell(Bundle::Reader);
    // The views named here, never through `page_view` (see `Home`).
    move || match page.get() {
        Page::Library => views::Library().into_any(),
        Page::Plan(id) => views::PlanPage(views::PlanPageProps { id }).into_any(),
        _ => views::NotFound().into_any(),
    }
}

/// The whole app: a router over the address and one page at a time.
#[component]
pub fn App() -> impl IntoView {
    let page = shell(Bundle::Full);
    move || page_view(page.get())
}

/// Renders the page of `route` to HTML natively, with the same components the app mounts in
/// the browser, for the static-site build (`planscope-site`). `index` and `docs` seed the data
/// store, so every page renders its ready state; `docs` must hold the plans the page shows.
/// Effects do not run, and every DOM helper is a no-op natively.
#[cfg(feature = "ssr")]
pub fn render_page(
    route: &route::Route,
    index: std::sync::Arc<planscope_model::PlanIndex>,
    docs: &[std::sync::Arc<planscope_model::PlanDocument>],
) -> String {
    render_page_at(route, "", index, docs, &[], None)
}

/// [`render_page`] at query `search` (the library's `?page=<n>` of `library-<n>.html`), with
/// the indicator files the explorer's pages show (file name as in the index, file), and the
/// charts drawn by `charts` when given (else their places are kept for the app to draw them).
#[cfg(feature = "ssr")]
pub fn render_page_at(
    route: &route::Route,
    search: &str,
    index: std::sync::Arc<planscope_model::PlanIndex>,
    docs: &[std::sync::Arc<planscope_model::PlanDocument>],
    indicators: &[(
        String,
        std::sync::Arc<planscope_model::layout::IndicatorFile>,
    )],
    charts: Option<StaticCharts>,
) -> String {
    let owner = Owner::new();
    owner.with(|| {
        if let Some(charts) = charts {
            provide_context(charts);
        }
        nav::Router::provide_fixed(Bundle::Full, route.clone(), search);
        store::Store::provide_seeded(index, docs).seed_indicators(indicators);
        page_view(route.page()).to_html()
    })
}

/// Panics on purpose, so the browser tests can check that a panic shows the reload message
/// (`window.wasmBindings.planscope_selftest_panic()`). Nothing in the app calls it.
#[wasm_bindgen]
pub fn planscope_selftest_panic() {
    panic!("planscope self-test panic");
}
