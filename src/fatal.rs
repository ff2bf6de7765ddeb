//! The last line of defence: a wasm panic leaves the app frozen, so the panic hook shows the
//! static `#ps-fatal` message from index.html on top of the page, with two ways out:
//! 重新加载 (reload) and 返回规划库 (a plain link to the library, `./`).
//!
//! **No reload loop.** A panic caused by the data of a page comes back after every reload. The
//! hook remembers the address of the last panic in `sessionStorage` (`ps-panic`); when the same
//! address panics again in the same tab, the message says that reloading did not help and only
//! the library link is offered.
//!
//! The hook only touches the DOM through web-sys: after a panic the reactive system may be in
//! any state, so nothing here goes through Leptos. The reload button gets its listener here (no
//! inline `onclick`, which a strict Content-Security-Policy blocks).

use wasm_bindgen::prelude::Closure;
use wasm_bindgen::JsCast;

/// `sessionStorage` key holding the address (`location.href`) of the last panic.
pub const PANIC_KEY: &str = "ps-panic";

/// Logs panics to the console (`console_error_panic_hook`) and shows the message.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_fatal_message();
    }));
}

/// Whether this panic repeats the last one: the same address panicked before in this tab.
/// Records the address for the next time.
fn panicked_here_before(window: &web_sys::Window) -> bool {
    let href = window.location().href().unwrap_or_default();
    let Some(storage) = window.session_storage().ok().flatten() else {
        return false;
    };
    let before = storage.get_item(PANIC_KEY).ok().flatten().as_deref() == Some(href.as_str());
    let _ = storage.set_item(PANIC_KEY, &href);
    before
}

fn set_hidden(document: &web_sys::Document, id: &str, hidden: bool) {
    if let Some(e) = document.get_element_by_id(id) {
        let _ = e.toggle_attribute_with_force("hidden", hidden);
    }
}

fn show_fatal_message() {
    let Some(window) = crate::dom::window() else {
        return;
    };
    let Some(document) = window.document() else {
        return;
    };
    if let Some(html) = document.document_element() {
        if html.has_attribute("data-fatal") {
            return;
        }
        let _ = html.set_attribute("data-fatal", "1");
        let _ = html.remove_attribute("data-ready");
    }
    let Some(fatal) = document.get_element_by_id("ps-fatal") else {
        return;
    };
    let again = panicked_here_before(&window);
    set_hidden(&document, "ps-fatal-first", again);
    set_hidden(&document, "ps-fatal-again", !again);
    set_hidden(&document, "ps-fatal-reload", again);
    if let Some(button) = document.get_element_by_id("ps-fatal-reload") {
        let reload = Closure::<dyn FnMut()>::new(|| {
            if let Some(w) = web_sys::window() {
                let _ = w.location().reload();
            }
        });
        let _ = button.add_event_listener_with_callback("click", reload.as_ref().unchecked_ref());
        reload.forget();
    }
    let _ = fatal.remove_attribute("hidden");
    let first = if again {
        "ps-fatal-home"
    } else {
        "ps-fatal-reload"
    };
    if let Some(target) = document
        .get_element_by_id(first)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = target.focus();
    }
}
