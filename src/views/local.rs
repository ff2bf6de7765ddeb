//! Plans opened on this device in the library: the hook the library calls (`LocalShelf`), kept
//! apart from the library's own list (which reads `data/index.json`). It reads the device's
//! entries after mount (IndexedDB, `crate::local`), so the page written at build time and the
//! live library start the same, and lists each plan marked 本机 with 导出 (the plan's JSON as
//! `planscope build` writes it) and 删除. Entries of another version are skipped with a message
//! and a 删除 button; a browser without storage gets one line; the built library is never
//! affected.

use leptos::prelude::*;
use leptos::task::spawn_local;
use planscope_model::local::LocalMeta;

use crate::format::display_title;
use crate::local_view::{
    card_line, export_name, outline_zh, read_meta, sort_newest_first, BADGE_ZH,
};
use crate::route::Route;
use crate::store::Store;

/// The library's part for plans opened on this device (and the way to the 打开规划 page).
#[component]
pub fn LocalShelf() -> impl IntoView {
    let store = Store::expect();
    let entries = RwSignal::new(Vec::<LocalMeta>::new());
    let skipped = RwSignal::new(Vec::<(String, String)>::new());
    let problem = RwSignal::new(None::<&'static str>);
    let refresh = move || {
        spawn_local(async move {
            match crate::local::list().await {
                Ok(pairs) => {
                    let (mut ok, mut bad) = (Vec::new(), Vec::new());
                    for (key, json) in pairs {
                        match read_meta(&key, &json) {
                            Ok(m) => ok.push(m),
                            Err(e) => bad.push(e),
                        }
                    }
                    sort_newest_first(&mut ok);
                    let _ = entries.try_set(ok);
                    let _ = skipped.try_set(bad);
                    let _ = problem.try_set(None);
                }
                Err(e) => {
                    let _ = problem.try_set(Some(e.message_zh()));
                }
            }
        })
    };
    Effect::new(move |_| refresh());
    let remove = move |key: String| {
        spawn_local(async move {
            let _ = crate::local::remove(&key).await;
            store.forget_plan(&key);
            refresh();
        })
    };
    let card = move |m: LocalMeta| local_card(m, remove);
    let list = move || {
        (!entries.with(Vec::is_empty)).then(|| {
            view! {
                <ul class="ps-cards ps-local__list" aria-label="本机打开的规划">
                    <For each=move || entries.get() key=|m| m.key.clone() children=card />
                </ul>
            }
        })
    };
    let skipped_view = move || {
        skipped
            .get()
            .into_iter()
            .map(|(key, msg)| {
                let k = key.clone();
                view! {
                    <p class="ps-status ps-status--error ps-local__skipped" data-key=key>
                        {msg}
                        <button type="button" class="ps-button ps-button--small ps-button--secondary"
                            on:click=move |_| remove(k.clone())>"删除"</button>
                    </p>
                }
            })
            .collect_view()
    };
    view! {
        <section class="ps-local" aria-label="本机打开的规划">
            <p class="ps-local__open">
                <a class="ps-button ps-button--secondary" href=Route::Open.href()>"打开本机文件"</a>
                " 用手机或电脑里的规划文件（纯文本、网页、Word）生成目录和指标，文件只在本机处理，不会上传。"
            </p>
            {move || problem.get().map(|m| view! { <p class="ps-status ps-local__problem">{m}</p> })}
            {skipped_view}
            {list}
        </section>
    }
}

fn local_card(m: LocalMeta, remove: impl Fn(String) + Copy + 'static) -> impl IntoView {
    let key = m.key.clone();
    let href = Route::plan(&m.key).href();
    let line = format!("{} · {}", card_line(&m), outline_zh(&m.outline_counts));
    let name = export_name(&m);
    let download = RwSignal::new(None::<String>);
    let export = {
        let key = key.clone();
        move |_| {
            let key = key.clone();
            spawn_local(async move {
                if let Ok(Some(json)) = crate::local::get_doc(&key).await {
                    if let Some(url) = crate::dom::blob_url(&json, "application/json;charset=utf-8")
                    {
                        let _ = download.try_set(Some(url));
                    }
                }
            })
        }
    };
    let k = key.clone();
    view! {
        <li class="ps-card ps-card--local" data-plan=key.clone()>
            <h2 class="ps-card__title">
                <a class="ps-card__link" href=href>{display_title(&m.title)}</a>
            </h2>
            <ul class="ps-card__tags"><li class="ps-card__tag ps-card__tag--local">{BADGE_ZH}</li></ul>
            <p class="ps-card__counts">{line}</p>
            <div class="ps-actions">
                <button type="button" class="ps-button ps-button--small ps-button--secondary ps-local__export"
                    on:click=export>"导出 JSON"</button>
                <button type="button" class="ps-button ps-button--small ps-button--secondary ps-local__remove"
                    on:click=move |_| remove(k.clone())>"删除"</button>
            </div>
            {move || download.get().map(|url| view! {
                <p class="ps-local__download">
                    <a class="ps-local__file" href=url download=name.clone()>{format!("下载 {name}")}</a>
                    "（与发布时 planscope build 生成的数据文件相同）"
                </p>
            })}
        </li>
    }
}
