//! Small DOM helpers that are not worth a component.

use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

use crate::route::Page;

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// `<main id="app">`, emptied of the static loading message. The prerendered library
/// (`#ps-prerendered`, see `crate::prerender`) stays until a view replaces it.
pub fn take_mount_point() -> Option<HtmlElement> {
    let root = document()?
        .get_element_by_id("app")?
        .dyn_into::<HtmlElement>()
        .ok()?;
    let children = root.child_nodes();
    for i in (0..children.length()).rev() {
        let Some(child) = children.item(i) else {
            continue;
        };
        let keep = child
            .dyn_ref::<web_sys::Element>()
            .is_some_and(|el| el.id() == crate::prerender::BLOCK_ID);
        if !keep {
            let _ = root.remove_child(&child);
        }
    }
    Some(root)
}

/// Whether the library written into index.html at build time is still in the page.
pub fn has_prerendered() -> bool {
    document()
        .and_then(|d| d.get_element_by_id(crate::prerender::BLOCK_ID))
        .is_some()
}

/// Removes the prerendered library (the live view replaces it, or another page opened).
pub fn remove_prerendered() {
    if let Some(el) = document().and_then(|d| d.get_element_by_id(crate::prerender::BLOCK_ID)) {
        el.remove();
    }
}

/// Sets or clears `data-ready="1"` on `<html>`: the current view has mounted and its data has
/// loaded. Browser tests wait for it; nothing else reads it.
pub fn set_ready(ready: bool) {
    let Some(html) = document().and_then(|d| d.document_element()) else {
        return;
    };
    if ready {
        let _ = html.set_attribute("data-ready", "1");
    } else {
        let _ = html.remove_attribute("data-ready");
    }
}

/// `document.title`.
pub fn set_title(title: &str) {
    if let Some(d) = document() {
        d.set_title(title);
    }
}

/// Marks the header link of the current page with `aria-current="page"` (the header is static
/// HTML in index.html, outside the Leptos tree).
pub fn mark_nav(page: &Page) {
    let current = match page {
        Page::Library => "library",
        Page::Overview => "overview",
        Page::Compare(_) => "compare",
        Page::Explorer => "indicator",
        Page::Search => "search",
        Page::Plan(_) | Page::Indicators(_) | Page::NotFound => "",
    };
    let Some(links) = document().and_then(|d| d.query_selector_all("[data-nav]").ok()) else {
        return;
    };
    for i in 0..links.length() {
        let Some(link) = links
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        if link.get_attribute("data-nav").as_deref() == Some(current) {
            let _ = link.set_attribute("aria-current", "page");
        } else {
            let _ = link.remove_attribute("aria-current");
        }
    }
}

/// Moves keyboard and screen-reader focus to the top of `<main id="app">` (it has
/// `tabindex="-1"`) without scrolling: after an in-app page change, focus would otherwise stay on
/// the link that was clicked, which is no longer in the page.
pub fn focus_main() {
    let Some(main) = document()
        .and_then(|d| d.get_element_by_id("app"))
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
    else {
        return;
    };
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(true);
    let _ = main.focus_with_options(&options);
}
