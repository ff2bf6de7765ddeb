//! Entry point of the wasm binary: mount the app, nothing else.

fn main() {
    planscope_app::start();
}
