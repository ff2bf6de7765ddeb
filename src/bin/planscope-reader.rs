//! Entry point of the reader bundle: the library and the plan reader (what a QR code or a
//! portal link opens). Charts, indicators and comparisons are in the full app (`src/main.rs`);
//! the loader in `index.html` picks one of the three bundles.

fn main() {
    planscope_app::start_reader();
}
