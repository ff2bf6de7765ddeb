//! The last line of defence: a wasm panic leaves the app frozen, so the panic hook shows the
//! static `#ps-fatal` message from index.html (with a reload button) on top of the page.
//!
//! The hook only touches the DOM through web-sys: after a panic the reactive system may be in
//! any state, so nothing here goes through Leptos.

use wasm_bindgen::JsCast;

/// Logs panics to the console (`console_error_panic_hook`) and shows the reload message.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_fatal_message();
    }));
}

fn show_fatal_message() {
    let Some(document) = crate::dom::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(html) = document.document_element() {
        let _ = html.set_attribute("data-fatal", "1");
        let _ = html.remove_attribute("data-ready");
    }
    let Some(fatal) = document.get_element_by_id("ps-fatal") else {
        return;
    };
    let _ = fatal.remove_attribute("hidden");
    if let Some(button) = fatal.query_selector("button").ok().flatten() {
        if let Ok(button) = button.dyn_into::<web_sys::HtmlElement>() {
            let _ = button.focus();
        }
    }
}
