//! Entry point of the home bundle: the library only, the first screen of the site. Every other
//! page is drawn by the full app (`src/main.rs`); the loader in `index.html` picks one of the two.

fn main() {
    planscope_app::start_home();
}
