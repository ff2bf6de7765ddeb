//! Support for planscope's browser tests and size budgets, and the static server behind
//! `make serve`.
//!
//! * [`server`]: a small static file server (correct MIME types incl. `application/wasm`,
//!   gzip/brotli, any mount prefix such as `/portal/plans/`).
//! * [`size`]: raw/gzip/brotli sizes of `dist/` and what the first screen downloads.
//!
//! The browser tests themselves are in `tests/suite/`; they drive Debian's chromium through
//! chromium-driver with fantoccini.

pub mod server;
pub mod size;

use std::path::PathBuf;

/// The workspace root (two levels above this crate).
pub fn workspace_root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest
        .ancestors()
        .nth(2)
        .map(PathBuf::from)
        .unwrap_or(manifest)
}

/// The built site: `$PLANSCOPE_DIST`, else `<workspace>/dist`. Panics with instructions when
/// it has not been built, since every test here needs it.
pub fn dist_dir() -> PathBuf {
    let dist = std::env::var_os("PLANSCOPE_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("dist"));
    if !dist.join("index.html").is_file() {
        panic!(
            "\n\n{} has no index.html: the site has not been built.\n\
             Build it first with `make dist` (setup, data from seeds/, ECharts bundle, \
             `trunk build --release`), or run everything with `make test`.\n\n",
            dist.display()
        );
    }
    dist
}

/// `<target>/e2e-artifacts`, created on demand (screenshots).
pub fn artifacts_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target"));
    let dir = target.join("e2e-artifacts");
    let _ = std::fs::create_dir_all(&dir);
    dir
}
