//! The reader's tools: find in plan, share (link + QR code), reading settings, and the popover
//! of a marked number.

use leptos::ev;
use leptos::html;
use leptos::prelude::*;

use super::{dom, Ctx};
use crate::reader::{self, hit_count_zh, step_hit};
use crate::route::Route;

/// Find in this plan: field, count, previous/next. `current` is the active hit.
#[component]
pub fn FindBar(
    query: RwSignal<String>,
    current: RwSignal<Option<usize>>,
    total: Memo<usize>,
    open: RwSignal<bool>,
) -> impl IntoView {
    let step = move |back: bool| {
        let next = step_hit(current.get_untracked(), total.get_untracked(), back);
        current.set(next);
    };
    let on_key = move |ev: ev::KeyboardEvent| match ev.key().as_str() {
        "Enter" => {
            ev.prevent_default();
            step(ev.shift_key());
        }
        "Escape" => {
            open.set(false);
            dom::focus_id("ps-find-button");
        }
        _ => {}
    };
    view! {
        <div class="ps-find" role="search" hidden=move || !open.get()>
            <label for="ps-find-input" class="ps-vh">"在本规划中查找"</label>
            <input
                id="ps-find-input"
                class="ps-find__input"
                type="search"
                placeholder="在本规划中查找，如：学前教育"
                enterkeyhint="search"
                autocomplete="off"
                prop:value=move || query.get()
                on:input=move |ev| {
                    query.set(event_target_value(&ev));
                    current.set(None);
                }
                on:keydown=on_key
            />
            <span class="ps-find__count" role="status" data-total=move || total.get().to_string()>
                {move || {
                    let q = query.get();
                    let n = total.get();
                    match current.get() {
                        Some(c) if n > 0 => format!("第 {} 处，{}", c + 1, hit_count_zh(&q, n)),
                        _ => hit_count_zh(&q, n),
                    }
                }}
            </span>
            <button type="button" class="ps-button ps-button--small ps-find__prev" disabled=move || total.get() == 0 on:click=move |_| step(true)>
                "上一个"
            </button>
            <button type="button" class="ps-button ps-button--small ps-find__next" disabled=move || total.get() == 0 on:click=move |_| step(false)>
                "下一个"
            </button>
        </div>
    }
}

fn show_modal(r: NodeRef<html::Dialog>) {
    if let Some(d) = r.get_untracked() {
        if !d.open() {
            let _ = d.show_modal();
        }
    }
}

fn close(r: NodeRef<html::Dialog>) {
    if let Some(d) = r.get_untracked() {
        if d.open() {
            d.close();
        }
    }
}

/// The share dialog: the page's absolute URL (foreign parameters stripped, [`crate::share`]), its
/// QR code as an image, copy with confirmation.
#[component]
pub fn ShareDialog(open: RwSignal<bool>) -> impl IntoView {
    let dialog = NodeRef::<html::Dialog>::new();
    // A plan opened on this device: its address works in this browser only.
    let router = crate::nav::Router::expect();
    let local_plan = move || match router.route() {
        crate::route::Route::Plan { id, .. } | crate::route::Route::Indicators { id, .. } => {
            planscope_model::local::is_local_id(&id)
        }
        _ => false,
    };
    let url = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    Effect::new(move |_| {
        if open.get() {
            // The page's address without what WeChat and trackers appended (crate::share).
            url.set(crate::share::canonical_url(&dom::current_url()));
            status.set(String::new());
            show_modal(dialog);
        } else {
            close(dialog);
        }
    });
    let qr_canvas = NodeRef::<html::Canvas>::new();
    let qr_canvas_shown = RwSignal::new(dom::data_images_refused());
    Effect::new(move |_| {
        let u = url.get();
        if qr_canvas_shown.get() && !u.is_empty() {
            if let Some(c) = qr_canvas.get() {
                dom::qr_draw(&c, &u);
            }
        }
    });
    let copy = move |_| {
        dom::copy_text(url.get_untracked(), "ps-share-url", move |ok| {
            let _ = status.try_set(if ok {
                "已复制链接".to_owned()
            } else {
                "已选中链接，请长按或按 Ctrl+C 复制".to_owned()
            });
        });
    };
    view! {
        <dialog node_ref=dialog class="ps-dialog ps-share" aria-labelledby="ps-share-title"
            on:close=move |_| { if open.get_untracked() { open.set(false); dom::focus_id("ps-share-button"); } }>
            <h2 id="ps-share-title" class="ps-dialog__title">"分享本页"</h2>
            <p class="ps-dialog__hint">"用手机扫描二维码，或复制下面的链接发给别人。"</p>
            // An <img> (PNG from dom::qr_png) so that WeChat can recognise and save it by long
            // press; it encodes the shared address only, never plan text. Where the host's
            // Content-Security-Policy refuses data: images (img-src without data:), the same
            // code is drawn on the canvas below instead (no long press there).
            <img class="ps-qr" width="328" height="328" alt="本页链接的二维码（长按可识别或保存）"
                hidden=move || qr_canvas_shown.get()
                on:error=move |_| {
                    if !url.get_untracked().is_empty() {
                        dom::refuse_data_images();
                        qr_canvas_shown.set(true);
                    }
                }
                src=move || url.with(|u| (!u.is_empty()).then(|| dom::qr_png(u)).flatten()) />
            <canvas node_ref=qr_canvas class="ps-qr ps-qr--canvas" width="328" height="328"
                role="img" aria-label="本页链接的二维码" hidden=move || !qr_canvas_shown.get()></canvas>
            <label for="ps-share-url" class="ps-dialog__label">"本页链接"</label>
            <input id="ps-share-url" class="ps-share__url" type="text" readonly prop:value=move || url.get() />
            <div class="ps-actions">
                <button type="button" class="ps-button ps-share__copy" on:click=copy>"复制链接"</button>
                <button type="button" class="ps-button ps-button--secondary" on:click=move |_| open.set(false)>"关闭"</button>
            </div>
            <p class="ps-share__status" role="status">{move || status.get()}</p>
            {move || local_plan().then(|| view! {
                <p class="ps-share__local" role="note">{crate::local_view::SHARE_NOTE_ZH}</p>
            })}
        </dialog>
    }
}

/// The popover of a marked number (a modal dialog: Esc and 关闭 close it, focus returns to the
/// number).
#[component]
pub fn NumberDialog(ctx: Ctx) -> impl IntoView {
    let dialog = NodeRef::<html::Dialog>::new();
    let opener = StoredValue::new(String::new());
    Effect::new(move |_| {
        if let Some((_, id)) = ctx.info.get() {
            opener.set_value(id);
            show_modal(dialog);
        } else {
            close(dialog);
        }
    });
    let on_close = move |_| {
        if ctx.info.get_untracked().is_some() {
            ctx.info.set(None);
        }
        dom::focus_id(&opener.get_value());
    };
    let body = move || {
        ctx.info.get().map(|(info, _)| {
            let facts = info
                .facts
                .into_iter()
                .map(|(k, v)| view! { <div class="ps-facts__row"><dt>{k}</dt><dd>{v}</dd></div> })
                .collect_view();
            view! {
                <p class="ps-dialog__kind">{info.kind}</p>
                <h2 id="ps-num-title" class="ps-dialog__title">{info.title}</h2>
                <dl class="ps-facts ps-num__facts">{facts}</dl>
                {info.quote.map(|q| view! { <blockquote class="ps-num__quote">{q}</blockquote> })}
            }
        })
    };
    let plan = ctx.plan_id();
    // The indicator view, with this number's row or list item marked (`&hl=T1r2`).
    let all = move || {
        let hl = ctx.info.with(|i| {
            i.as_ref()
                .and_then(|(_, id)| id.strip_prefix("q-"))
                .map(crate::indicators::highlight_key)
        });
        Route::Indicators {
            id: plan.clone(),
            hl,
        }
        .href()
    };
    view! {
        <dialog node_ref=dialog class="ps-dialog ps-num-dialog" aria-labelledby="ps-num-title" on:close=on_close>
            {body}
            <p class="ps-dialog__hint">"数字由程序从原文中识别，请以原文为准。"</p>
            <div class="ps-actions">
                <a class="ps-button ps-button--secondary" id="ps-num-all" href=all>"在指标页查看"</a>
                <button type="button" class="ps-button" on:click=move |_| ctx.info.set(None)>"关闭"</button>
            </div>
        </dialog>
    }
}

/// Reading settings: large text and theme, applied as classes on `<html>` and remembered.
#[component]
pub fn Settings() -> impl IntoView {
    let large = RwSignal::new(dom::html_has_class(reader::LARGE_CLASS));
    let theme = RwSignal::new(dom::stored(reader::THEME_KEY).unwrap_or_default());
    let toggle_large = move |_| {
        let on = !large.get_untracked();
        large.set(on);
        dom::html_class(reader::LARGE_CLASS, on);
        dom::store(reader::LARGE_KEY, on.then_some("large"));
    };
    let set_theme = move |ev: ev::Event| {
        let v = event_target_value(&ev);
        for (t, _) in reader::THEMES {
            if !t.is_empty() {
                dom::html_class(&format!("ps-theme-{t}"), t == v);
            }
        }
        dom::store(reader::THEME_KEY, (!v.is_empty()).then_some(v.as_str()));
        theme.set(v);
    };
    let options = reader::THEMES
        .into_iter()
        .map(|(v, label)| view! { <option value=v selected=move || theme.get() == v>{label}</option> })
        .collect_view();
    view! {
        <details class="ps-settings">
            <summary class="ps-tool">"Aa" <span class="ps-tool__text">"设置"</span></summary>
            <div class="ps-settings__panel">
                <button type="button" class="ps-button ps-button--secondary ps-large-toggle" aria-pressed=move || if large.get() { "true" } else { "false" } on:click=toggle_large>
                    "大字模式"
                </button>
                <label for="ps-theme" class="ps-settings__label">"配色"</label>
                <select id="ps-theme" class="ps-select" on:change=set_theme>{options}</select>
            </div>
        </details>
    }
}
