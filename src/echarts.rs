//! Loads ECharts on demand.
//!
//! The custom ECharts build (`vendor/echarts.min.js`, ~170 KB brotli) is larger than the rest
//! of the app together, and only chart views need it. So it is not in index.html: the first
//! chart view injects a `<script>` for it and waits for it to load. charming's `WasmRenderer`
//! then finds the global `echarts` it calls.

use std::cell::RefCell;

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Relative to the document, so it works under any sub-path.
pub const ECHARTS_SRC: &str = "vendor/echarts.min.js";

thread_local! {
    /// The pending or finished load, shared by every chart that asks while it runs.
    static LOAD: RefCell<Option<Promise>> = const { RefCell::new(None) };
}

/// Resolves once `window.echarts` exists, loading the script the first time. A failed load is
/// forgotten, so calling again retries.
pub async fn ensure_loaded() -> Result<(), String> {
    if is_loaded() {
        return Ok(());
    }
    let promise = LOAD.with(|load| load.borrow_mut().get_or_insert_with(inject_script).clone());
    let result = JsFuture::from(promise).await;
    if result.is_ok() && is_loaded() {
        return Ok(());
    }
    LOAD.with(|load| load.borrow_mut().take());
    if let Some(old) = crate::dom::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("ps-echarts"))
    {
        old.remove();
    }
    Err(format!("could not load {ECHARTS_SRC}"))
}

fn is_loaded() -> bool {
    crate::dom::window()
        .and_then(|w| Reflect::get(&w, &JsValue::from_str("echarts")).ok())
        .is_some_and(|e| !e.is_undefined())
}

fn inject_script() -> Promise {
    Promise::new(&mut |resolve: Function, reject: Function| {
        let script = crate::dom::window()
            .and_then(|w| w.document())
            .and_then(|d| Some((d.create_element("script").ok()?, d.head()?)));
        let Some((script, head)) = script else {
            let _ = reject.call1(&JsValue::NULL, &JsValue::from_str("no document"));
            return;
        };
        let script: web_sys::HtmlScriptElement = script.unchecked_into();
        script.set_id("ps-echarts");
        script.set_src(ECHARTS_SRC);
        script.set_onload(Some(&resolve));
        script.set_onerror(Some(&reject));
        let _ = head.append_child(&script);
    })
}

/// Frees a chart instance (`echartsInstance.dispose()`) when its view goes away.
pub fn dispose(instance: &JsValue) {
    if let Ok(dispose) = Reflect::get(instance, &JsValue::from_str("dispose")) {
        if let Some(dispose) = dispose.dyn_ref::<Function>() {
            let _ = dispose.call0(instance);
        }
    }
}

fn call(target: &JsValue, method: &str, args: &[&JsValue]) -> Result<JsValue, JsValue> {
    let f: Function = Reflect::get(target, &JsValue::from_str(method))?.dyn_into()?;
    let list = js_sys::Array::new();
    for a in args {
        list.push(a);
    }
    f.apply(target, &list)
}

/// Draws an option given as JSON text (built and tested in pure Rust, see
/// `crate::indicators::bars_option`) into `el` (the chart component's own element, never looked
/// up by id: a page written at build time has an element with the same id until the app's view
/// replaces it), `height` px high and as wide as its container:
/// `echarts.init(el, null, {height})` then `setOption(JSON.parse(option))`.
pub fn render_json(el: &web_sys::Element, height: u32, option: &str) -> Result<JsValue, JsValue> {
    let window = crate::dom::window().ok_or("no window")?;
    let echarts = Reflect::get(&window, &JsValue::from_str("echarts"))?;
    let size = js_sys::Object::new();
    Reflect::set(&size, &"height".into(), &JsValue::from(height))?;
    let instance = call(&echarts, "init", &[el, &JsValue::NULL, &size])?;
    let option = js_sys::JSON::parse(option)?;
    call(&instance, "setOption", &[&option])?;
    Ok(instance)
}

/// `instance.resize()`, after the window changed size.
pub fn resize(instance: &JsValue) {
    let _ = call(instance, "resize", &[]);
}

/// `instance.on('click', handler)`: the handler gets the clicked bar's `dataIndex`.
pub fn on_click(instance: &JsValue, handler: &Function) {
    let _ = call(instance, "on", &[&JsValue::from_str("click"), handler]);
}
