//! Browser glue for the reader: scrolling to targets, find-hit highlighting, scroll-spy
//! (IntersectionObserver), reading settings in localStorage, the clipboard, the QR code.

use std::cell::RefCell;

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{
    Element, HtmlElement, IntersectionObserver, IntersectionObserverInit, ScrollIntoViewOptions,
    ScrollLogicalPosition,
};

fn doc() -> Option<web_sys::Document> {
    crate::dom::window()?.document()
}

pub fn by_id(id: &str) -> Option<Element> {
    doc()?.get_element_by_id(id)
}

fn html_el() -> Option<Element> {
    doc()?.document_element()
}

/// Opens every `<details>` around `el` (and `el` itself), so a target in the collapsed 目录 or
/// 文件信息 can be seen.
fn open_details(el: &Element) {
    let mut cur = Some(el.clone());
    while let Some(e) = cur {
        if let Ok(d) = e.clone().dyn_into::<web_sys::HtmlDetailsElement>() {
            d.set_open(true);
        }
        cur = e.parent_element();
    }
}

fn scroll_to(el: &Element, block: ScrollLogicalPosition) {
    let opts = ScrollIntoViewOptions::new();
    opts.set_block(block);
    el.scroll_into_view_with_scroll_into_view_options(&opts);
}

/// Focuses an element without scrolling.
pub fn focus(el: &Element) {
    if let Ok(h) = el.clone().dyn_into::<HtmlElement>() {
        let o = web_sys::FocusOptions::new();
        o.set_prevent_scroll(true);
        let _ = h.focus_with_options(&o);
    }
}

/// For Tab (or Shift+Tab with `back`) pressed inside the modal `container`: when focus is on its
/// last (first) focusable element, moves focus to the first (last) one and returns `true`.
pub fn wrap_tab(container: &Element, back: bool) -> bool {
    let Ok(list) = container.query_selector_all(
        "a[href]:not([tabindex='-1']), button:not([disabled]), input, select, [tabindex='0']",
    ) else {
        return false;
    };
    let visible: Vec<HtmlElement> = (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<HtmlElement>().ok())
        .filter(|e| e.offset_parent().is_some())
        .collect();
    let (Some(first), Some(last)) = (visible.first(), visible.last()) else {
        return false;
    };
    let active = doc().and_then(|d| d.active_element());
    let at = |e: &HtmlElement| active.as_ref().is_some_and(|a| a == e.as_ref() as &Element);
    let next = match (back, at(first), at(last)) {
        (true, true, _) => last,
        (false, _, true) => first,
        _ => return false,
    };
    let _ = next.focus();
    true
}

pub fn focus_id(id: &str) {
    if let Some(el) = by_id(id) {
        focus(&el);
    }
}

/// A deep-link target: opened, scrolled to the top (below the sticky bar, `scroll-margin-top`
/// in CSS), marked `.ps-target` (the previous mark removed) and focused (it has tabindex=-1).
pub fn go_to(id: &str) -> bool {
    let Some(el) = by_id(id) else { return false };
    if let Some(old) = doc().and_then(|d| d.query_selector_all(".ps-target").ok()) {
        for i in 0..old.length() {
            if let Some(e) = old.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                let _ = e.class_list().remove_1("ps-target");
            }
        }
    }
    open_details(&el);
    let _ = el.class_list().add_1("ps-target");
    scroll_to(&el, ScrollLogicalPosition::Start);
    // A heading inside the section takes focus, so screen readers announce where they are.
    let focus_el = el
        .query_selector("[data-focus]")
        .ok()
        .flatten()
        .unwrap_or_else(|| el.clone());
    focus(&focus_el);
    true
}

/// Marks find hit `n` as current (`.is-current`, all its parts), scrolls it to the middle of
/// the screen and opens collapsed parents. `None` clears.
pub fn show_hit(n: Option<usize>) {
    let Some(d) = doc() else { return };
    if let Ok(old) = d.query_selector_all(".ps-hit.is-current") {
        for i in 0..old.length() {
            if let Some(e) = old.item(i).and_then(|x| x.dyn_into::<Element>().ok()) {
                let _ = e.class_list().remove_1("is-current");
            }
        }
    }
    let Some(n) = n else { return };
    let Ok(parts) = d.query_selector_all(&format!(".ps-hit[data-hit=\"{n}\"]")) else {
        return;
    };
    for i in 0..parts.length() {
        if let Some(e) = parts.item(i).and_then(|x| x.dyn_into::<Element>().ok()) {
            let _ = e.class_list().add_1("is-current");
            if i == 0 {
                open_details(&e);
                scroll_to(&e, ScrollLogicalPosition::Center);
            }
        }
    }
}

/// Keeps `item` visible inside its scrolling container (the outline pane), without scrolling
/// the page.
pub fn keep_in_pane(item_id: &str, pane_id: &str) {
    let (Some(item), Some(pane)) = (by_id(item_id), by_id(pane_id)) else {
        return;
    };
    let (Ok(item), Ok(pane)) = (
        item.dyn_into::<HtmlElement>(),
        pane.dyn_into::<HtmlElement>(),
    ) else {
        return;
    };
    let top = item.offset_top();
    let h = pane.client_height();
    if h <= 0 {
        return;
    }
    let st = pane.scroll_top();
    if top < st || top + item.offset_height() > st + h {
        pane.set_scroll_top((top - h / 3).max(0));
    }
}

// ---------------------------------------------------------------------------------------------
// scroll-spy
// ---------------------------------------------------------------------------------------------

type SpyCallback = Closure<dyn FnMut(js_sys::Array, IntersectionObserver)>;

thread_local! {
    static SPY: RefCell<Option<(IntersectionObserver, SpyCallback)>> = const { RefCell::new(None) };
    /// The scroll position right after a jump to a deep-link target: until the reader scrolls
    /// away from it, the spy keeps the target's section (a section near the end of the plan
    /// cannot reach the top of the screen).
    static PIN: std::cell::Cell<Option<f64>> = const { std::cell::Cell::new(None) };
}

fn scroll_y() -> f64 {
    crate::dom::window()
        .and_then(|w| w.scroll_y().ok())
        .unwrap_or(0.0)
}

/// Keeps the spy on the current section until the page scrolls.
pub fn pin_spy() {
    PIN.with(|p| p.set(Some(scroll_y())));
}

/// The id (`data-spy`) of the last heading whose top is above 30 % of the viewport.
fn current_heading(headings: &[Element]) -> Option<String> {
    let h = crate::dom::window()?.inner_height().ok()?.as_f64()?;
    let line = (h * 0.3).max(96.0);
    let mut found = None;
    for el in headings {
        if el.get_bounding_client_rect().top() <= line {
            found = Some(el);
        } else {
            break;
        }
    }
    found.and_then(|e| e.get_attribute("data-spy"))
}

/// Observes every `[data-spy]` heading; whenever one enters or leaves the viewport, `spy` is
/// set to the heading the reader is in.
pub fn install_spy(spy: RwSignal<Option<String>>) {
    uninstall_spy();
    let Some(list) = doc().and_then(|d| d.query_selector_all("[data-spy]").ok()) else {
        return;
    };
    let headings: Vec<Element> = (0..list.length())
        .filter_map(|i| list.item(i).and_then(|n| n.dyn_into::<Element>().ok()))
        .collect();
    let hs = headings.clone();
    let cb: SpyCallback = Closure::new(move |_entries: js_sys::Array, _o: IntersectionObserver| {
        let pinned = PIN.with(|p| match p.get() {
            Some(y) if (scroll_y() - y).abs() < 2.0 => true,
            Some(_) => {
                p.set(None);
                false
            }
            None => false,
        });
        if pinned {
            return;
        }
        let now = current_heading(&hs);
        if spy.try_get_untracked().is_some_and(|old| old != now) {
            let _ = spy.try_set(now);
        }
    });
    let init = IntersectionObserverInit::new();
    init.set_threshold(&JsValue::from_f64(0.0));
    let Ok(observer) = IntersectionObserver::new_with_options(cb.as_ref().unchecked_ref(), &init)
    else {
        return;
    };
    for h in &headings {
        observer.observe(h);
    }
    SPY.with(|s| *s.borrow_mut() = Some((observer, cb)));
}

pub fn uninstall_spy() {
    SPY.with(|s| {
        if let Some((o, _)) = s.borrow_mut().take() {
            o.disconnect();
        }
    });
}

/// Whether the CSS media query `query` matches, as a signal that follows its `change` events
/// while the calling reactive owner lives (the listener goes with it). False without
/// `matchMedia`.
pub fn media_signal(query: &str) -> RwSignal<bool> {
    let Some(mql) = web_sys::window().and_then(|w| w.match_media(query).ok().flatten()) else {
        return RwSignal::new(false);
    };
    let matches = RwSignal::new(mql.matches());
    let m = mql.clone();
    let cb = Closure::<dyn Fn(web_sys::Event)>::new(move |_: web_sys::Event| {
        let _ = matches.try_set(m.matches());
    });
    mql.set_onchange(Some(cb.as_ref().unchecked_ref()));
    let held = StoredValue::new_local(Some((mql, cb)));
    on_cleanup(move || {
        if let Some((mql, _cb)) = held.try_update_value(Option::take).flatten() {
            mql.set_onchange(None);
        }
    });
    matches
}

// ---------------------------------------------------------------------------------------------
// <html> classes and settings
// ---------------------------------------------------------------------------------------------

pub fn html_class(name: &str, on: bool) {
    if let Some(h) = html_el() {
        let _ = if on {
            h.class_list().add_1(name)
        } else {
            h.class_list().remove_1(name)
        };
    }
}

pub fn html_has_class(name: &str) -> bool {
    html_el().is_some_and(|h| h.class_list().contains(name))
}

fn storage() -> Option<web_sys::Storage> {
    crate::dom::window()?.local_storage().ok().flatten()
}

pub fn store(key: &str, value: Option<&str>) {
    if let Some(s) = storage() {
        let _ = match value {
            Some(v) => s.set_item(key, v),
            None => s.remove_item(key),
        };
    }
}

pub fn stored(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

// ---------------------------------------------------------------------------------------------
// share
// ---------------------------------------------------------------------------------------------

/// The page's absolute URL.
pub fn current_url() -> String {
    crate::dom::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
}

/// The QR code of `text` as a PNG `data:` URL for an `<img>` (WeChat's long-press 识别图中二维码
/// and "save image" work on images only, not on inline SVG), drawn by [`qr_draw`] on a canvas,
/// which the browser encodes as PNG. Only `text` (an address) goes into it, never plan text.
/// `None` once the page has refused a `data:` image ([`refuse_data_images`]): the share dialog
/// then shows the canvas itself.
pub fn qr_png(text: &str) -> Option<String> {
    if DATA_IMAGES_REFUSED.load(std::sync::atomic::Ordering::Relaxed) {
        return None;
    }
    let canvas: web_sys::HtmlCanvasElement = crate::dom::window()?
        .document()?
        .create_element("canvas")
        .ok()?
        .dyn_into()
        .ok()?;
    qr_draw(&canvas, text)?;
    canvas.to_data_url().ok()
}

/// Set when a `data:` image was refused: a Content-Security-Policy whose `img-src` lacks
/// `data:` (README.md "Deploying" recommends `img-src 'self' data:` so that WeChat can
/// recognise the QR code by long press).
static DATA_IMAGES_REFUSED: std::sync::atomic::AtomicBool =
    std::sync::atomic::AtomicBool::new(false);

/// Records that this page refuses `data:` images: later calls of [`qr_png`] return `None`
/// instead of asking for another (refused, reported) image.
pub fn refuse_data_images() {
    DATA_IMAGES_REFUSED.store(true, std::sync::atomic::Ordering::Relaxed);
}

/// Whether [`refuse_data_images`] was called.
pub fn data_images_refused() -> bool {
    DATA_IMAGES_REFUSED.load(std::sync::atomic::Ordering::Relaxed)
}

/// Paints the QR code of `text` on `canvas`: black modules on white, 8 px per module, with the
/// 4-module quiet zone the QR standard (ISO/IEC 18004) asks for, error correction M; the
/// canvas is sized to fit ((modules + 8) × 8 px square). The modules come from the qrcode crate.
pub fn qr_draw(canvas: &web_sys::HtmlCanvasElement, text: &str) -> Option<()> {
    const MODULE_PX: u32 = 8;
    const QUIET: u32 = 4;
    let code =
        qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::M).ok()?;
    let width = code.width() as u32;
    let size = (width + 2 * QUIET) * MODULE_PX;
    canvas.set_width(size);
    canvas.set_height(size);
    let ctx: web_sys::CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
    ctx.set_fill_style_str("#ffffff");
    ctx.fill_rect(0.0, 0.0, f64::from(size), f64::from(size));
    ctx.set_fill_style_str("#000000");
    for (i, color) in code.to_colors().iter().enumerate() {
        if *color == qrcode::Color::Dark {
            let (x, y) = (i as u32 % width + QUIET, i as u32 / width + QUIET);
            ctx.fill_rect(
                f64::from(x * MODULE_PX),
                f64::from(y * MODULE_PX),
                f64::from(MODULE_PX),
                f64::from(MODULE_PX),
            );
        }
    }
    Some(())
}

/// Copies `text`: the async clipboard API where it works, else selects the text of the input
/// `fallback_input` (the reader can then copy it by hand). Reports what happened.
pub fn copy_text(text: String, fallback_input: &'static str, done: impl Fn(bool) + 'static) {
    let select = move || {
        if let Some(input) =
            by_id(fallback_input).and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
        {
            let _ = input.focus();
            input.select();
        }
    };
    let Some(window) = crate::dom::window() else {
        return;
    };
    let navigator = window.navigator();
    // Missing outside secure contexts and in some in-app browsers.
    let has_clipboard = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard"))
        .is_ok_and(|c| !c.is_undefined() && !c.is_null());
    if !has_clipboard {
        select();
        done(false);
        return;
    }
    let clipboard = navigator.clipboard();
    let promise = clipboard.write_text(&text);
    wasm_bindgen_futures::spawn_local(async move {
        match wasm_bindgen_futures::JsFuture::from(promise).await {
            Ok(_) => done(true),
            Err(_) => {
                select();
                done(false);
            }
        }
    });
}

// ---------------------------------------------------------------------------------------------
// find marks and task filters: DOM operations on the text that is in the page
// ---------------------------------------------------------------------------------------------

/// The element holding text unit `key` inside the reading pane `root` (see
/// [`crate::reader::unit_place`]).
fn unit_element(root: &Element, key: &str) -> Option<Element> {
    use crate::reader::{section_el, unit_place, UnitPlace};
    let by = |id: &str| by_id(id).filter(|e| root.contains(Some(e)));
    match unit_place(key) {
        UnitPlace::Element(id) => by(&id),
        UnitPlace::HeadingLabel(s) => by(&format!("h-{s}"))?
            .query_selector(".ps-sec__label")
            .ok()
            .flatten(),
        UnitPlace::HeadingTitle(s) => by(&format!("h-{s}"))?
            .query_selector(".ps-sec__title")
            .ok()
            .flatten(),
        UnitPlace::BoxLabel(k) => by(&section_el(&k))?
            .query_selector(".ps-box__label")
            .ok()
            .flatten(),
        UnitPlace::Caption(t) => by(&section_el(&t))?
            .query_selector("caption")
            .ok()
            .flatten(),
        UnitPlace::Cell { table, row, col } => {
            let t = by(&section_el(&table))?;
            let has_head = t.query_selector("thead").ok().flatten().is_some();
            // Rows in document order (thead first); a table without a header row starts at 1.
            let index = if has_head { row } else { row.checked_sub(1)? };
            let row_el = t.query_selector_all("tr").ok()?.item(index as u32)?;
            let row_el: Element = row_el.dyn_into().ok()?;
            row_el.children().item(col as u32)
        }
    }
}

/// The text nodes under `el`, in document order.
fn text_nodes(el: &web_sys::Node, out: &mut Vec<web_sys::Text>) {
    let kids = el.child_nodes();
    for i in 0..kids.length() {
        let Some(n) = kids.item(i) else { continue };
        if n.node_type() == web_sys::Node::TEXT_NODE {
            if let Ok(t) = n.dyn_into::<web_sys::Text>() {
                out.push(t);
            }
        } else if n.node_type() == web_sys::Node::ELEMENT_NODE {
            text_nodes(&n, out);
        }
    }
}

/// Wraps `[start, end)` (chars from the start of `el`'s text) of each hit in
/// `<mark class="ps-hit" data-hit="n">`, splitting text nodes (a hit across a number button's
/// edge becomes two marks with the same `data-hit`). Only text nodes are created or moved.
fn wrap_hits(d: &web_sys::Document, el: &Element, hits: &[crate::reader::UnitHit]) {
    let mut nodes = Vec::new();
    text_nodes(el, &mut nodes);
    let mut at = 0usize;
    for node in nodes {
        let text = node.data();
        let len = text.chars().count();
        let (lo, hi) = (at, at + len);
        at = hi;
        // Segments of this node, last first, so earlier offsets stay valid after each split.
        let segs: Vec<(usize, usize, usize)> = hits
            .iter()
            .filter(|(s, e, _)| *s < hi && *e > lo)
            .map(|&(s, e, n)| (s.max(lo) - lo, e.min(hi) - lo, n))
            .collect();
        for (a, b, n) in segs.into_iter().rev() {
            let ua = crate::reader::utf16_offset(&text, a) as u32;
            let ub = crate::reader::utf16_offset(&text, b) as u32;
            let Ok(mid) = node.split_text(ua) else {
                continue;
            };
            let _ = mid.split_text(ub - ua);
            let Ok(mark) = d.create_element("mark") else {
                continue;
            };
            mark.set_class_name("ps-hit");
            let _ = mark.set_attribute("data-hit", &n.to_string());
            let _ = mid.replace_with_with_node_1(&mark);
            let _ = mark.append_child(&mid);
        }
    }
}

/// Marks the find hits `by_unit` (unit key → hits) in the reading pane `#ps-read`, after
/// removing the previous marks (their text goes back into the paragraph as it was). The
/// paragraphs, tables and boxes stay the same elements.
pub fn mark_hits(by_unit: &std::collections::HashMap<String, Vec<crate::reader::UnitHit>>) {
    let Some(d) = doc() else { return };
    let Some(root) = d.get_element_by_id("ps-read") else {
        return;
    };
    if let Ok(old) = root.query_selector_all("mark.ps-hit") {
        let mut parents: Vec<web_sys::Node> = Vec::new();
        for i in 0..old.length() {
            let Some(m) = old.item(i) else { continue };
            let Some(parent) = m.parent_node() else {
                continue;
            };
            let text = d.create_text_node(&m.text_content().unwrap_or_default());
            let _ = parent.replace_child(&text, &m);
            if !parents.iter().any(|p| p == &parent) {
                parents.push(parent);
            }
        }
        for p in parents {
            p.normalize();
        }
    }
    for (key, hits) in by_unit {
        if let Some(el) = unit_element(&root, key) {
            wrap_hits(&d, &el, hits);
        }
    }
}

/// Applies a department filter to a responsibility table in the page: `rows` are (row element
/// id, role of the chosen department in that row); with `filtering`, rows where it has no role
/// are hidden and the others get a 牵头/配合 badge in their department cell (`.ps-task__c3`).
pub fn filter_tasks(rows: &[(String, Option<crate::reader::DeptRole>)], filtering: bool) {
    let Some(d) = doc() else { return };
    for (id, role) in rows {
        let Some(row) = d.get_element_by_id(id) else {
            continue;
        };
        if filtering && role.is_none() {
            let _ = row.set_attribute("hidden", "");
        } else {
            let _ = row.remove_attribute("hidden");
        }
        let Some(cell) = row.query_selector(".ps-task__c3").ok().flatten() else {
            continue;
        };
        if let Some(old) = cell.query_selector(".ps-role").ok().flatten() {
            old.remove();
        }
        if let (true, Some(r)) = (filtering, role) {
            let class = match r {
                crate::reader::DeptRole::Lead => "ps-role ps-role--lead",
                crate::reader::DeptRole::Support => "ps-role ps-role--support",
            };
            if let Ok(badge) = d.create_element("span") {
                badge.set_class_name(class);
                badge.set_text_content(Some(&format!("所选部门：{}", r.label_zh())));
                let _ = cell.append_child(&badge);
            }
        }
    }
}
