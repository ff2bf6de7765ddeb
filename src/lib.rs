//! # planscope app (规划透视)
//!
//! A Leptos client-side app that reads the JSON written by the `planscope` CLI
//! (`data/index.json`, `data/<id>.json`) and shows it to citizens on a phone.
//!
//! * [`loader`]: the script in index.html that starts the home bundle (library), the reader bundle
//!   (library + plan reader) or the full app.
//! * [`search`] (the search across plans: its address, links, messages; the index and engine
//!   are the `planscope-search` crate),
//!   [`route`], [`data`], [`format`], [`outline`], [`charts`], [`indicators`] (the indicator view
//!   and explorer: rows, groups, chart options and summaries, CSV/JSON), [`compare`] (side-by-side
//!   comparison), [`library`] (filters, sorting, facet
//!   counts), [`prerender`] (the library as static HTML for index.html): pure logic, unit-tested
//!   natively.
//! * `nav`, `store`, `search_client`, `echarts`, `dom`, `fatal`: the thin layer over the browser.
//! * `views`: components; they only arrange what the pure modules compute.

pub mod charts;
pub mod compare;
pub mod data;
pub mod format;
pub mod indicators;
pub mod library;
pub mod loader;
pub mod outline;
pub mod prerender;
pub mod reader;
pub mod route;
pub mod search;
pub mod share;

mod dom;
mod echarts;
mod fatal;
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

fn mount<V: IntoView + 'static>(app: fn() -> V) {
    fatal::install_panic_hook();
    let Some(root) = dom::take_mount_point() else {
        // index.html without <main id="app">: still show something rather than nothing.
        leptos::mount::mount_to_body(app);
        return;
    };
    leptos::mount::mount_to(root, app).forget();
}

/// What every bundle's root does first: the router for `bundle`, the index store, the header's
/// current link, and dropping the prerendered library (it belongs to the library) on any other
/// page. Returns the current page.
fn shell(bundle: Bundle) -> Memo<Page> {
    let router = nav::Router::install(bundle);
    store::IndexStore::provide();
    let page = Memo::new(move |_| router.route().page());
    Effect::new(move |_| dom::mark_nav(&page.get()));
    Effect::new(move |_| {
        if page.get() != Page::Library {
            dom::remove_prerendered();
        }
    });
    page
}

/// The first screen: the library and nothing else. Links to other pages are followed by the
/// browser, and the loader in `index.html` then starts a bundle that draws them (see
/// [`route::loader_picks`]).
#[component]
pub fn Home() -> impl IntoView {
    let page = shell(Bundle::Home);
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
    move || match page.get() {
        Page::Library => views::Library().into_any(),
        Page::Plan(id) => views::PlanPage(views::PlanPageProps { id }).into_any(),
        _ => views::NotFound().into_any(),
    }
}

/// The whole app: a router over query parameters and one page at a time.
#[component]
pub fn App() -> impl IntoView {
    let page = shell(Bundle::Full);
    move || match page.get() {
        Page::Library => views::Library().into_any(),
        Page::Plan(id) => views::PlanPage(views::PlanPageProps { id }).into_any(),
        Page::Indicators(id) => views::IndicatorsPage(views::IndicatorsPageProps { id }).into_any(),
        Page::Overview => views::Overview().into_any(),
        Page::Compare(plans) => views::ComparePage(views::ComparePageProps { plans }).into_any(),
        Page::Explorer => views::Explorer().into_any(),
        Page::Search => views::SearchPage().into_any(),
        Page::NotFound => views::NotFound().into_any(),
    }
}

/// Panics on purpose, so the browser tests can check that a panic shows the reload message
/// (`window.wasmBindings.planscope_selftest_panic()`). Nothing in the app calls it.
#[wasm_bindgen]
pub fn planscope_selftest_panic() {
    panic!("planscope self-test panic");
}
