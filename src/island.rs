//! Islands: live components mounted over the parts of a page written at build time that need
//! the app, leaving everything else — the plan's paragraphs, tables and boxes — as the same DOM
//! nodes the browser parsed.
//!
//! The static build renders each island with the same component (`planscope-site`), so the live
//! copy has the same markup and size; [`replace`] mounts it in place of the static nodes and
//! removes them in one task, so nothing moves and no frame shows both or neither.

use leptos::prelude::*;
use leptos::tachys::view::{Mountable, Render};
use wasm_bindgen::JsCast;

/// Mounts the view of `f` where the first of `old` is and removes every node of `old` (the
/// static copy of that view). The view is owned by a child of the current reactive owner, so it
/// sees the app's context (router, store) and goes when the calling component goes; its DOM
/// stays until then. Does nothing when `old` is empty or detached.
pub fn replace<V: IntoView + 'static>(old: &[web_sys::Element], f: impl FnOnce() -> V) {
    let Some(first) = old.first() else { return };
    let Some(parent) = first.parent_element() else {
        return;
    };
    let owner = Owner::current().map(|o| o.child()).unwrap_or_default();
    let state = owner.with(|| {
        let mut state = f().into_view().build();
        let marker: &web_sys::Node = first.unchecked_ref();
        state.mount(&parent, Some(marker));
        state
    });
    for el in old {
        el.remove();
    }
    // Page-lifetime: the owner is disposed with its parent (the page component); the mounted
    // nodes belong to the page from now on, like the static ones they replaced.
    std::mem::forget(state);
    std::mem::forget(owner);
}

/// The elements matching `selector` in the document (empty natively).
pub fn find_all(selector: &str) -> Vec<web_sys::Element> {
    let Some(list) = crate::dom::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector_all(selector).ok())
    else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::Element>().ok())
        .collect()
}
