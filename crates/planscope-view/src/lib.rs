//! # planscope-view — presentation logic of 规划透视
//!
//! Everything the site shows that can be computed without a browser: which page an address
//! means, how values read in zh-CN, the library's filters, the reader's and the indicator view's
//! data, the comparison, chart options. Pure Rust, unit-tested natively, shared by
//!
//! * the app (`planscope-app`, Leptos components compiled to wasm), and
//! * the static-site build (`planscope-site`, the same components rendered to HTML natively),
//!
//! so the page a reader gets before any script runs and the page the app draws come from one
//! source.
//!
//! * [`route`]: addresses ⇄ pages, static file names, in-app links.
//! * [`data`]: data URLs, decoding with a schema check, [`data::LoadError`], [`data::LoadState`].
//! * [`format`]: zh-CN wording of dates, periods, counts, facts, page titles.
//! * [`library`]: filters, sort orders, facet counts, the library's labels.
//! * [`reader`]: the plan reader's tree keyboard model, text pieces, department filter.
//! * [`indicators`]: indicator view and explorer rows, groups, chart options, CSV/JSON.
//! * [`compare`]: side-by-side comparison.
//! * [`charts`]: charming options of the overview.
//! * [`page`]: the static page shell: where rendered HTML goes in a page built by trunk.
//! * [`loader`]: the script that picks one of the three wasm bundles.
//! * [`search`]: the search page's address, result links, snippets and messages (index and
//!   engine: `planscope-search`).

pub mod charts;
pub mod compare;
pub mod data;
pub mod format;
pub mod indicators;
pub mod library;
pub mod loader;
pub mod local;
pub mod page;
pub mod reader;
pub mod route;
pub mod search;
#[cfg(test)]
mod seeds;
pub mod share;
