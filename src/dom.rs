//! Small DOM helpers that are not worth a component.

use leptos::prelude::{ReadSignal, RwSignal, Set};
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

use crate::route::Page;

/// The browser window; `None` natively, where the same components are rendered to static HTML
/// (`planscope-site`) and every DOM helper must be a no-op rather than a panic. Every module
/// reaches the window through this function.
pub fn window() -> Option<web_sys::Window> {
    if cfg!(target_arch = "wasm32") {
        web_sys::window()
    } else {
        None
    }
}

fn document() -> Option<web_sys::Document> {
    window()?.document()
}

/// `<main id="app">`, emptied of the static loading message. The page written at build time
/// (`#ps-prerendered`, see `crate::page`) stays until the live view is ready ([`set_ready`]).
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
            .is_some_and(|el| el.id() == crate::page::BLOCK_ID);
        if !keep {
            let _ = root.remove_child(&child);
        }
    }
    Some(root)
}

/// The static file whose page is still on screen (`data-file` of `#ps-prerendered`, e.g.
/// `plan-a.html`), when there is one.
pub fn prerendered_file() -> Option<String> {
    document()?
        .get_element_by_id(crate::page::BLOCK_ID)?
        .get_attribute("data-file")
}

/// The data file the page written at build time names for plan `id` (`data-src` of
/// `#ps-prerendered` when its `data-plan` is `id`, written by `planscope-site` on plan and
/// indicator pages: `data/<id>-<hash>.json`), so that a plan opened directly needs no index to
/// find its file. `None` on other pages, or when the name is not a hashed data file.
pub fn page_plan_src(id: &str) -> Option<String> {
    let block = document()?.get_element_by_id(crate::page::BLOCK_ID)?;
    if block.get_attribute("data-plan").as_deref() != Some(id) {
        return None;
    }
    crate::data::page_plan_url(&block.get_attribute("data-src")?)
}

/// A data file answered 404 (`url`, relative to the document): for a content-hashed one
/// (replaced by a newer release) the page is reloaded once with a cache-busting parameter
/// (`crate::data::stale_recovery`; `None`: the reload has started) — the reloaded page and the
/// index it fetches name the new files; after that, or for a fixed name, the error to show.
pub fn on_data_not_found(url: &str) -> Option<crate::data::LoadError> {
    use crate::data::{stale_recovery, LoadError, Recovery, STALE_RELOAD_KEY};
    let not_found = || {
        Some(LoadError::NotFound {
            url: url.to_owned(),
        })
    };
    let Some(w) = window() else {
        return not_found();
    };
    let storage = w.session_storage().ok().flatten();
    let reloaded = storage
        .as_ref()
        .and_then(|s| s.get_item(STALE_RELOAD_KEY).ok().flatten());
    let loc = w.location();
    let at = (
        loc.pathname().unwrap_or_default(),
        loc.search().unwrap_or_default(),
        loc.hash().unwrap_or_default(),
    );
    let stale = || {
        Some(LoadError::Stale {
            url: url.to_owned(),
        })
    };
    match stale_recovery(
        url,
        reloaded.as_deref(),
        storage.is_some(),
        (&at.0, &at.1, &at.2),
        js_sys::Date::now() as u64,
    ) {
        Recovery::NotFound => not_found(),
        Recovery::Explain => stale(),
        Recovery::Reload(to) => {
            let remembered = storage.is_some_and(|s| s.set_item(STALE_RELOAD_KEY, url).is_ok());
            if remembered && loc.replace(&to).is_ok() {
                None
            } else {
                stale()
            }
        }
    }
}

/// Whether `<html>` has class `name`.
pub fn html_has_class(name: &str) -> bool {
    document()
        .and_then(|d| d.document_element())
        .is_some_and(|h| h.class_list().contains(name))
}

/// Removes the page written at build time (the live view replaces it, or another page opened).
pub fn remove_prerendered() {
    if let Some(el) = document().and_then(|d| d.get_element_by_id(crate::page::BLOCK_ID)) {
        el.remove();
    }
}

/// Sets or clears `data-ready="1"` on `<html>`: the current view has mounted and its data has
/// loaded. Browser tests wait for it.
///
/// Setting it is also the takeover of a page written at build time: the live view was mounted
/// after `#ps-prerendered`, hidden by `style/main.css` (`#ps-prerendered ~ *`) while that block
/// is there; removing the block here, in the task that mounted the view with its data, swaps the
/// two before the next frame is painted. The markup is the same (one component renders both),
/// so nothing on screen moves.
pub fn set_ready(ready: bool) {
    if ready {
        remove_prerendered();
    }
    let Some(html) = document().and_then(|d| d.document_element()) else {
        return;
    };
    if ready {
        let _ = html.set_attribute("data-ready", "1");
    } else {
        let _ = html.remove_attribute("data-ready");
    }
}

/// Sets `data-ready="1"` on `<html>` and keeps the page written at build time: the app has
/// attached to it (a plan's reader, `views/plan.rs` islands) rather than drawn its own copy.
pub fn mark_ready() {
    if let Some(html) = document().and_then(|d| d.document_element()) {
        let _ = html.set_attribute("data-ready", "1");
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
        Page::Plan(_) | Page::Indicators(_) | Page::Open | Page::NotFound => "",
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

/// A Blob URL of `text` with this MIME type (a download link's `href`); `None` natively.
pub fn blob_url(text: &str, mime: &str) -> Option<String> {
    window()?;
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}

/// Sets the CSS property `name` (`height`, a custom property such as `--n`) to `value` on the
/// element of `node` once it is mounted, through the CSSOM (`style.setProperty`). A strict
/// Content-Security-Policy (`style-src 'self'`, README.md "Deploying") refuses `style`
/// attributes, whether written in the HTML or set by script, but allows the CSSOM. Effects do
/// not run when the components render natively, so static pages carry no `style` attribute.
pub fn css_property(
    node: leptos::prelude::NodeRef<leptos::html::Div>,
    name: &'static str,
    value: String,
) {
    use leptos::prelude::{Effect, Get};
    Effect::new(move |_| {
        if let Some(el) = node.get() {
            let _ = el.style().set_property(name, &value);
        }
    });
}

/// The value of attribute `attr` of the page's loader tag (`<script id="ps-loader">`, where
/// `planscope-site` names the content-hashed files the app loads on demand); `None` without one
/// (`trunk serve`) or natively.
pub fn loader_attr(attr: &str) -> Option<String> {
    window()?
        .document()?
        .get_element_by_id(planscope_view::loader::LOADER_ID)?
        .get_attribute(attr)
}

/// The address of a file the app loads on demand: its content-hashed name as the page's loader
/// tag gives it, else trunk's fixed name (`planscope_view::loader::LazyAsset::src`).
pub fn asset_src(asset: planscope_view::loader::LazyAsset) -> String {
    asset.src(loader_attr(asset.attr).as_deref())
}

/// A file the page named answered an error: when it answers 404 and is content-hashed (a page of
/// an earlier release naming a file a newer one replaced), the page reloads once
/// ([`on_data_not_found`]); what it then returns is the error to show, `None` otherwise (the
/// reload has started, or the file is there: the failure was something else). Asks for the
/// status only ([`crate::store::head`]), not the file again.
pub async fn recover_missing(url: &str) -> Option<crate::data::LoadError> {
    missing(url).await.flatten()
}

/// [`recover_missing`] for a caller that must tell "not missing" apart: `None` when `url` does
/// not answer 404 (the failure was something else), else `Some` of what [`on_data_not_found`]
/// decided (`None` inside: the reload has started).
pub async fn missing(url: &str) -> Option<Option<crate::data::LoadError>> {
    match crate::store::head(url).await {
        Err(crate::data::LoadError::NotFound { url }) => Some(on_data_not_found(&url)),
        _ => None,
    }
}

/// Links the stylesheet `asset` (e.g. `compare.css`, under its content-hashed name in a built
/// `dist/`: [`asset_src`]) once, as `<link id="{id}" rel="stylesheet">` in `<head>`, for a view
/// only the app draws: pages that do not show that view never download it or wait for it before
/// their first paint (issue 11). Returns a signal that turns `true` once the sheet has loaded or
/// failed (a failed sheet leaves the view usable, unstyled), so the view can wait for it instead
/// of drawing unstyled first. A sheet that failed because a newer release replaced it reloads the
/// page once ([`recover_missing`]). `true` at once natively and when the sheet was loaded before.
pub fn stylesheet(id: &str, asset: planscope_view::loader::LazyAsset) -> ReadSignal<bool> {
    let Some(doc) = window().and_then(|w| w.document()) else {
        return RwSignal::new(true).read_only();
    };
    let href = asset_src(asset);
    let link = match doc.get_element_by_id(id) {
        Some(link) => link,
        None => {
            let (Ok(link), Some(head)) = (doc.create_element("link"), doc.head()) else {
                return RwSignal::new(true).read_only();
            };
            let _ = link.set_attribute("id", id);
            let _ = link.set_attribute("rel", "stylesheet");
            let _ = link.set_attribute("href", &href);
            let _ = head.append_child(&link);
            let on_error = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
                let href = href.clone();
                leptos::task::spawn_local(async move {
                    let _ = recover_missing(&href).await;
                });
            });
            let _ =
                link.add_event_listener_with_callback("error", on_error.as_ref().unchecked_ref());
            // Once per link, which lives as long as the page.
            on_error.forget();
            link
        }
    };
    if link.has_attribute("data-loaded") {
        return RwSignal::new(true).read_only();
    }
    let done = RwSignal::new(false);
    let target = link.clone();
    let on_done = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
        let _ = target.set_attribute("data-loaded", "1");
        // The view may have gone meanwhile (its signal with it).
        let _ = done.try_set(true);
    });
    for event in ["load", "error"] {
        let _ = link.add_event_listener_with_callback(event, on_done.as_ref().unchecked_ref());
    }
    // One listener per view that waits; the link lives as long as the page.
    on_done.forget();
    done.read_only()
}

/// Marks a step of the app's work in the page's performance timeline: `performance.mark("ps:<step>")`.
/// The marks show, in the DevTools and in `make perf`'s takeover figures, when each step of a
/// static page's takeover ran (the long tasks between them are what Lighthouse counts as
/// blocking). Costs one call; does nothing natively or where the timeline is missing.
pub fn mark(step: &str) {
    if let Some(p) = window().and_then(|w| w.performance()) {
        let _ = p.mark(&format!("ps:{step}"));
    }
}

/// Resolves in a later task of the event loop (`setTimeout(…, 0)`), so that long work can be
/// split into tasks the browser may paint and handle input between (Lighthouse counts every
/// task over 50 ms as blocking). Resolves at once natively.
pub async fn next_task() {
    let Some(w) = window() else { return };
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = w.set_timeout_with_callback(&resolve);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
