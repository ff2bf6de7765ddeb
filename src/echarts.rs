//! The app's one chart component, [`EChart`], and the on-demand loading of ECharts.
//!
//! The custom ECharts build (`vendor/echarts-<16 hex>.js` in `dist/`, ~160 KB brotli) is larger than the rest
//! of the app together, and only chart views need it. So it is not in index.html: the first
//! chart injects a `<script>` for it and waits for it to load.
//!
//! Every chart is drawn the same way: its option is built in pure Rust with charming for a
//! [`Frame`] (chart text size from the root font size, container width; see
//! `planscope_view::charts`), handed to ECharts as JSON (`echarts.init(el)`, `setOption`), and
//! drawn again when the frame changes: a `ResizeObserver` on the chart's element (its container's
//! width: window resizes, the outline pane, orientation) and a `MutationObserver` on `<html>`'s
//! `class` and `style` (the app's 大字 setting, a changed root font size) either resize the chart
//! or, when the text size or width changed, build its option again at the new size.
//!
//! Pages written at build time come with their charts drawn (`planscope-site`: the option for
//! [`Frame::static_drawing`], drawn as SVG by ECharts in Node, [`StaticCharts`]). The component
//! adopts that drawing and keeps it while the chart's frame keeps it
//! ([`Frame::keeps_drawing`]: same text size, a container from the drawing's width to a quarter
//! wider — most phones): a tap on a bar opens its paragraph as ECharts' click would (the drawing's
//! `ecmeta_data_index` marks), and ECharts is not loaded at all. It is loaded, and draws over the
//! drawing (kept on screen until then, and kept if the load fails), when the frame changes past
//! that, or when a mouse comes over the chart (for its tooltips).

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::Arc;

use js_sys::{Function, Promise, Reflect};
use leptos::prelude::*;
use leptos::task::spawn_local;
use planscope_view::charts::Frame;
use serde_json::Value;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::Element;

/// The ECharts bundle's address, relative to the document (so it works under any sub-path):
/// `vendor/echarts-<16 hex>.js` as the page's loader tag names it in a built `dist/`, else
/// `vendor/echarts.min.js` (`planscope_view::loader::ECHARTS`).
fn echarts_src() -> String {
    crate::dom::asset_src(planscope_view::loader::ECHARTS)
}

thread_local! {
    /// The pending or finished load, shared by every chart that asks while it runs.
    static LOAD: RefCell<Option<Promise>> = const { RefCell::new(None) };
}

/// Resolves once `window.echarts` exists, loading the script the first time. A failed load is
/// forgotten, so calling again retries. When the script answered 404 because a newer release
/// replaced it (a page of an earlier release), the page reloads once
/// (`crate::dom::recover_missing`); the error is then the message to show instead of the
/// chart's own (`Some`, zh-CN), or `None` for the chart's own.
pub async fn ensure_loaded() -> Result<(), Option<String>> {
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
    Err(crate::dom::recover_missing(&echarts_src())
        .await
        .map(|e| e.message_zh()))
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
        script.set_src(&echarts_src());
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

/// `instance.on('click', handler)`: the handler gets the clicked bar's `dataIndex`.
fn on_click(instance: &JsValue, handler: &Function) {
    let _ = call(instance, "on", &[&JsValue::from_str("click"), handler]);
}

/// The root font size in CSS px (`getComputedStyle(<html>).fontSize`), NaN when unknown.
fn root_font_px() -> f64 {
    let Some(window) = crate::dom::window() else {
        return f64::NAN;
    };
    let Some(html) = window.document().and_then(|d| d.document_element()) else {
        return f64::NAN;
    };
    call(&window, "getComputedStyle", &[&html])
        .and_then(|style| Reflect::get(&style, &"fontSize".into()))
        .ok()
        .and_then(|v| v.as_string())
        .and_then(|v| v.trim_end_matches("px").parse().ok())
        .unwrap_or(f64::NAN)
}

/// The frame a chart element is drawn for now.
fn frame_of(el: &web_sys::Element) -> Frame {
    Frame::new(root_font_px(), f64::from(el.client_width()))
}

/// Sets the element's height through CSSOM (`el.style.height`; no `style` attribute is written).
fn set_height(el: &web_sys::Element, px: u32) {
    if let Ok(style) = Reflect::get(el, &"style".into()) {
        let _ = call(
            &style,
            "setProperty",
            &[&"height".into(), &format!("{px}px").into()],
        );
    }
}

/// `instance.setOption(option, {notMerge: true})`: the whole option replaced.
fn set_option(instance: &JsValue, option: &Value) -> Result<(), JsValue> {
    let option = js_sys::JSON::parse(&option.to_string())?;
    let opts = js_sys::Object::new();
    Reflect::set(&opts, &"notMerge".into(), &JsValue::TRUE)?;
    call(instance, "setOption", &[&option, &opts])?;
    Ok(())
}

/// Builds a chart's option for a frame (see `planscope_view::charts`).
pub type BuildOption = Arc<dyn Fn(Frame) -> Value + Send + Sync>;

/// How pages written at build time get their charts drawn (a context of the native render,
/// `render_page_at`): `(option, width, height)`, sizes in CSS px, to the chart's SVG, already
/// cleaned (`planscope-site`'s `svg` module: plan text in it is escaped text), or `None` to
/// leave the chart to the app (its place kept by blocks of the chart's height).
#[derive(Clone)]
pub struct StaticCharts(pub Arc<DrawChart>);

/// `(option, width, height)` → the chart's cleaned SVG, if drawn (see [`StaticCharts`]).
pub type DrawChart = dyn Fn(&Value, u32, u32) -> Option<String> + Send + Sync;

/// An event listener, kept alive while it is registered.
type Listener = Closure<dyn FnMut(web_sys::Event)>;

/// The drawing a page written at build time holds in the element `id` (its `<svg>`, and the
/// frame it was drawn for, from the element's `data-drawn-width` and `data-drawn-font`), if any.
fn static_drawing(id: &str) -> Option<(Element, Frame)> {
    let el = crate::dom::window()?.document()?.get_element_by_id(id)?;
    let width = el.get_attribute("data-drawn-width")?.parse().ok()?;
    let font = el.get_attribute("data-drawn-font")?.parse().ok()?;
    let svg = el.query_selector(":scope > svg").ok()??;
    Some((
        svg,
        Frame {
            font_px: font,
            width_px: width,
        },
    ))
}

/// Removes a build-time drawing from a chart element (before ECharts draws there).
fn remove_drawing(el: &Element) {
    while let Ok(Some(svg)) = el.query_selector(":scope > svg") {
        svg.remove();
    }
}

/// The listeners kept while a chart shows its build-time drawing: a click on a bar, a mouse over
/// the chart, and its frame (as [`draw`]'s observers). [`Watch::stop`] removes them.
struct Watch {
    el: Element,
    observers: Vec<JsValue>,
    listeners: Vec<(&'static str, Listener)>,
    callbacks: Vec<Closure<dyn FnMut()>>,
}

impl Watch {
    fn new(el: &Element) -> Watch {
        Watch {
            el: el.clone(),
            observers: Vec::new(),
            listeners: Vec::new(),
            callbacks: Vec::new(),
        }
    }

    fn stop(self) {
        for o in &self.observers {
            let _ = call(o, "disconnect", &[]);
        }
        for (kind, l) in &self.listeners {
            let _ = self
                .el
                .remove_event_listener_with_callback(kind, l.as_ref().unchecked_ref());
        }
        drop(self.callbacks);
    }

    fn listen(&mut self, kind: &'static str, f: Box<dyn FnMut(web_sys::Event)>) {
        let l = Listener::new(f);
        if self
            .el
            .add_event_listener_with_callback(kind, l.as_ref().unchecked_ref())
            .is_ok()
        {
            self.listeners.push((kind, l));
        }
    }

    /// `new <ctor>(check).observe(target, opts)`, kept until [`Watch::stop`].
    fn observe(
        &mut self,
        ctor: &str,
        target: &JsValue,
        opts: Option<JsValue>,
        check: impl FnMut() + 'static,
    ) {
        let Some(ctor) = crate::dom::window()
            .and_then(|w| Reflect::get(&w, &ctor.into()).ok())
            .and_then(|c| c.dyn_into::<Function>().ok())
        else {
            return;
        };
        let cb = Closure::<dyn FnMut()>::new(check);
        let Ok(observer) = Reflect::construct(&ctor, &js_sys::Array::of1(cb.as_ref())) else {
            return;
        };
        let observed = match &opts {
            Some(o) => call(&observer, "observe", &[target, o]),
            None => call(&observer, "observe", &[target]),
        };
        if observed.is_ok() {
            self.observers.push(observer);
            self.callbacks.push(cb);
        }
    }
}

/// Calls `changed` when the frame of `watch`'s element may have changed: a `ResizeObserver` on
/// it (its container's width: window resizes, rotation, the outline pane) and a
/// `MutationObserver` on `<html>`'s `class` and `style` (the 大字 setting, a root font size).
fn observe_frame(watch: &mut Watch, changed: impl FnMut() + Clone + 'static) {
    let el: JsValue = watch.el.clone().into();
    watch.observe("ResizeObserver", &el, None, changed.clone());
    if let Some(html) = crate::dom::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let opts = js_sys::Object::new();
        let _ = Reflect::set(&opts, &"attributes".into(), &JsValue::TRUE);
        let _ = Reflect::set(
            &opts,
            &"attributeFilter".into(),
            &js_sys::Array::of2(&"class".into(), &"style".into()),
        );
        watch.observe(
            "MutationObserver",
            html.as_ref(),
            Some(opts.into()),
            changed,
        );
    }
}

/// Watches `el`, which shows a drawing made for `made_for`: `upgrade` is called when the frame
/// no longer keeps it or a mouse comes over the chart; a click on a bar calls `click` with the
/// bar's data index (as ECharts' click event does).
fn watch_drawing(
    el: &Element,
    made_for: Frame,
    upgrade: impl Fn() + Copy + 'static,
    click: Option<Arc<dyn Fn(usize)>>,
) -> Watch {
    let mut watch = Watch::new(el);
    if let Some(click) = click {
        watch.listen(
            "click",
            Box::new(move |e: web_sys::Event| {
                let index = e
                    .target()
                    .and_then(|t| t.dyn_into::<Element>().ok())
                    .and_then(|t| {
                        t.closest("[ecmeta_ssr_type=chart][ecmeta_data_index]")
                            .ok()?
                    })
                    .and_then(|bar| bar.get_attribute("ecmeta_data_index"))
                    .and_then(|i| i.parse::<usize>().ok());
                if let Some(i) = index {
                    click(i);
                }
            }),
        );
    }
    watch.listen(
        "pointerover",
        Box::new(move |e: web_sys::Event| {
            let kind = Reflect::get(&e, &"pointerType".into())
                .ok()
                .and_then(|v| v.as_string());
            if kind.as_deref() == Some("mouse") {
                upgrade();
            }
        }),
    );
    let check = {
        let el = el.clone();
        move || {
            if !frame_of(&el).keeps_drawing(made_for) {
                upgrade();
            }
        }
    };
    observe_frame(&mut watch, check);
    watch
}

/// One drawn chart: its ECharts instance, the frame it was drawn for, and the observers that
/// redraw it; [`Drawn::stop`] disconnects them and disposes the instance.
struct Drawn {
    instance: JsValue,
    observers: Watch,
    _click: Option<Closure<dyn Fn(JsValue)>>,
}

impl Drawn {
    fn stop(self) {
        self.observers.stop();
        dispose(&self.instance);
    }
}

/// Draws `build`'s option into `el` (`height` px at the default text size, grown with the text)
/// and keeps it fitted: see the module docs.
fn draw(
    el: &web_sys::Element,
    height: u32,
    build: &BuildOption,
    click: Option<Arc<dyn Fn(usize)>>,
) -> Result<Drawn, JsValue> {
    let window = crate::dom::window().ok_or("no window")?;
    let echarts = Reflect::get(&window, &JsValue::from_str("echarts"))?;
    let frame = frame_of(el);
    set_height(el, frame.height(height));
    // No size given: ECharts takes the element's, and `resize()` takes it again.
    let instance = call(&echarts, "init", &[el])?;
    set_option(&instance, &build(frame))?;
    let last = Rc::new(Cell::new(frame));
    let update = {
        let (el, instance, build, last) =
            (el.clone(), instance.clone(), build.clone(), last.clone());
        move || {
            let now = frame_of(&el);
            if now != last.get() {
                last.set(now);
                set_height(&el, now.height(height));
                let _ = set_option(&instance, &build(now));
            }
            let _ = call(&instance, "resize", &[]);
        }
    };
    // The container's size (window resizes, rotation, the outline pane opening) and the text
    // size (the 大字 class or an inline font size on <html>).
    let mut observers = Watch::new(el);
    observe_frame(&mut observers, update);
    let click = click.map(|f| {
        let handler = Closure::<dyn Fn(JsValue)>::new(move |params: JsValue| {
            if let Some(i) = Reflect::get(&params, &"dataIndex".into())
                .ok()
                .and_then(|v| v.as_f64())
            {
                f(i as usize);
            }
        });
        on_click(&instance, handler.as_ref().unchecked_ref());
        handler
    });
    Ok(Drawn {
        instance,
        observers,
        _click: click,
    })
}

#[derive(Clone, PartialEq, Eq)]
enum ChartState {
    /// The page's build-time drawing is shown (ECharts may be loading to draw over it).
    Drawing,
    Loading,
    Shown,
    /// With the message to show instead of the chart's own, if any (a replaced release).
    Failed(Option<String>),
}

/// The one chart component: an element `height` px high at the default text size (grown with
/// the text) and as wide as its container, into which ECharts draws `option`'s option (loading
/// ECharts first), with a loading line and, when ECharts cannot load, `failed` and a 重试 button.
/// `on_done` is told once per attempt whether the chart was drawn; `on_click` gets a clicked
/// bar's index. The element is the component's own (never looked up by id: a page written at
/// build time has an element with the same id until the app's view replaces it).
#[component]
pub fn EChart(
    /// The chart element's id.
    #[prop(into)]
    dom_id: String,
    /// The chart element's accessible name (it has `role="img"`).
    #[prop(into)]
    label: String,
    /// The id of the element that describes the chart in words, if any.
    #[prop(optional, into)]
    described_by: Option<String>,
    /// Height in CSS px at the default text size.
    height: u32,
    /// Builds the option for a frame.
    option: BuildOption,
    /// Said when ECharts could not be loaded (followed by a 重试 button).
    #[prop(into)]
    failed: String,
    #[prop(optional)] on_done: Option<Callback<bool>>,
    #[prop(optional)] on_click: Option<Arc<dyn Fn(usize)>>,
) -> impl IntoView {
    let drawn = StoredValue::new_local(None::<Drawn>);
    let canvas = NodeRef::<leptos::html::Div>::new();
    let option = StoredValue::new(option);
    let on_click = StoredValue::new_local(on_click);
    // A page written at build time (rendered natively: no window, no effects) holds the chart
    // drawn as SVG when the build draws it (`StaticCharts`), else keeps the chart's place with
    // blocks of 100, 10 and 1 px (style/main.css); either way the figure does not grow when the
    // app mounts its chart there.
    let native = crate::dom::window().is_none();
    let drawing = native
        .then(use_context::<StaticCharts>)
        .flatten()
        .and_then(|charts| {
            let frame = Frame::static_drawing();
            let build = option.get_value();
            let svg = (charts.0)(&build(frame), frame.width_px as u32, frame.height(height))?;
            Some((svg, frame))
        });
    // In the browser, over such a page: its drawing, taken over before the island replaces the
    // page's element (same id) with this one.
    let adopted = static_drawing(&dom_id);
    // A drawing has no loading line under it, written or adopted: nothing moves.
    let state = RwSignal::new(if drawing.is_some() || adopted.is_some() {
        ChartState::Drawing
    } else {
        ChartState::Loading
    });
    let adopted = StoredValue::new_local(adopted);
    let watch = StoredValue::new_local(None::<Watch>);
    let upgrading = StoredValue::new(false);
    let render = move || {
        // Over a drawing, the drawing stays on screen while ECharts loads.
        let over_drawing = state.get_untracked() == ChartState::Drawing;
        if !over_drawing {
            state.set(ChartState::Loading);
        }
        spawn_local(async move {
            let loaded = ensure_loaded().await;
            let instead = loaded.clone().err().flatten();
            let shown = loaded
                .is_ok()
                .then(|| {
                    let el = canvas.try_get_untracked().flatten()?;
                    let build = option.try_get_value()?;
                    let click = on_click.try_get_value()?;
                    remove_drawing(&el);
                    draw(&el, height, &build, click).ok()
                })
                .flatten();
            match shown {
                Some(chart) => {
                    if state.try_set(ChartState::Shown).is_none() {
                        if let Some(w) = watch.try_update_value(Option::take).flatten() {
                            w.stop();
                        }
                        if let Some(old) = drawn.try_update_value(|d| d.replace(chart)).flatten() {
                            old.stop();
                        }
                        if let Some(done) = on_done {
                            done.run(true);
                        }
                    } else {
                        // The view went away while ECharts loaded.
                        chart.stop();
                    }
                }
                // The drawing stays; a later mouse or frame change tries again.
                None if over_drawing => {
                    if upgrading.try_set_value(false).is_none() {
                        if let Some(done) = on_done {
                            done.run(true);
                        }
                    }
                }
                None => {
                    if state.try_set(ChartState::Failed(instead)).is_none() {
                        if let Some(done) = on_done {
                            done.run(false);
                        }
                    }
                }
            }
        });
    };
    let upgrade = move || {
        if upgrading.try_get_value() == Some(false) {
            upgrading.set_value(true);
            render();
        }
    };
    // After mount: the element must be in the document and laid out.
    Effect::new(move |_| {
        if let Some((svg, made_for)) = adopted.try_update_value(Option::take).flatten() {
            match canvas.get_untracked() {
                Some(el) if el.append_child(&svg).is_ok() => {
                    let click = on_click.get_value();
                    // Watched from the start: a mouse may come over it while ECharts loads.
                    watch.set_value(Some(watch_drawing(&el, made_for, upgrade, click)));
                    if frame_of(&el).keeps_drawing(made_for) {
                        if let Some(done) = on_done {
                            done.run(true);
                        }
                        return;
                    }
                    // Drawn again for this frame; done once ECharts has drawn (or failed to
                    // load, leaving the drawing).
                    upgrading.set_value(true);
                }
                // No drawing after all: the chart loads as any other.
                _ => state.set(ChartState::Loading),
            }
        }
        render();
    });
    on_cleanup(move || {
        if let Some(w) = watch.try_update_value(Option::take).flatten() {
            w.stop();
        }
        if let Some(d) = drawn.try_update_value(Option::take).flatten() {
            d.stop();
        }
    });
    // The height through the CSSOM: a strict CSP refuses `style` attributes (dom::css_property).
    crate::dom::css_property(canvas, "height", format!("{height}px"));
    let status = move || {
        match state.get() {
        ChartState::Loading => view! { <p class="ps-status" role="status">"正在加载图表…"</p> }.into_any(),
        ChartState::Shown | ChartState::Drawing => ().into_any(),
        ChartState::Failed(instead) => view! {
            <p class="ps-status ps-status--error" role="alert">
                {instead.unwrap_or_else(|| failed.clone())}
                <button type="button" class="ps-button ps-button--small" on:click=move |_| render()>"重试"</button>
            </p>
        }
        .into_any(),
    }
    };
    let (svg, made_for) = drawing.unzip();
    let content = svg.or_else(|| native.then(|| reserve_blocks(height)));
    let chart = view! {
        <div
            node_ref=canvas
            id=dom_id
            class="ps-chart__canvas"
            role="img"
            aria-label=label
            aria-describedby=described_by
            data-drawn-width=made_for.map(|f| f.width_px.to_string())
            data-drawn-font=made_for.map(|f| f.font_px.to_string())
            inner_html=content
        ></div>
    };
    view! {
        {chart}
        {status}
    }
}

/// `height` CSS px as empty blocks of 100, 10 and 1 px (`.ps-r100`, `.ps-r10`, `.ps-r1` in
/// `style/main.css`): a height a static page can carry without a `style` attribute, which a
/// strict Content-Security-Policy refuses (README.md "Deploying"). Markup of this module's own
/// (no text in it), for the chart element's `inner_html`, as a drawing's SVG is.
fn reserve_blocks(height: u32) -> String {
    let blocks = [(100, "ps-r100"), (10, "ps-r10"), (1, "ps-r1")];
    let mut left = height;
    let mut html = String::new();
    for (px, class) in blocks {
        for _ in 0..left / px {
            html.push_str(&format!(
                "<span aria-hidden=\"true\" class=\"{class}\"></span>"
            ));
        }
        left %= px;
    }
    html
}
