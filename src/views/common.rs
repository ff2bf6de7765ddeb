//! Pieces shared by the pages: loading and error states, the ready marker, page titles.

use std::sync::Arc;

use leptos::prelude::*;

use crate::data::{LoadError, LoadState};
use crate::dom;
use crate::format::page_title;
use crate::route::Route;

/// The loading state (same wording and look as the static one in index.html).
#[component]
pub fn Loading(
    /// What is being loaded, e.g. `规划目录`.
    what: &'static str,
) -> impl IntoView {
    view! { <p class="ps-status" role="status">{format!("正在加载{what}…")}</p> }
}

/// A load error with a retry button and a way back to the library.
#[component]
pub fn LoadErrorView(
    error: LoadError,
    /// Heading, e.g. `无法加载规划目录`.
    title: String,
    /// Runs when the reader presses 重试.
    on_retry: Callback<()>,
    /// Also offer a link back to the library (not on the library itself).
    #[prop(optional)]
    home: bool,
) -> impl IntoView {
    // The error replaces a page written at build time (the reader must see why nothing works).
    dom::remove_prerendered();
    view! {
        <section class="ps-error" role="alert">
            <h1 class="ps-error__title">{title}</h1>
            <p class="ps-error__message">{error.message_zh()}</p>
            <div class="ps-actions">
                <button type="button" class="ps-button" on:click=move |_| on_retry.run(())>
                    "重试"
                </button>
                {home.then(|| view! {
                    <a class="ps-button ps-button--secondary" href=Route::Library.href()>"返回规划库"</a>
                })}
            </div>
            <p class="ps-error__detail">"技术信息：" {error.detail()}</p>
        </section>
    }
}

/// What a page says while its data loads, or when it cannot load it (see [`loaded`]).
#[derive(Clone)]
pub struct Wait {
    /// What is being loaded, e.g. `规划目录` (shown as `正在加载规划目录…`).
    pub what: &'static str,
    /// The error's heading for a given error, e.g. `无法加载规划目录`.
    pub error_title: fn(&LoadError) -> &'static str,
    /// Runs when the reader presses 重试.
    pub on_retry: Callback<()>,
    /// Also offer a link back to the library (not on the library itself).
    pub home: bool,
}

/// The one loading / error / ready wrapper of the pages: [`Loading`] while `state` loads,
/// [`LoadErrorView`] (zh-CN message, 重试) when it failed, `ready` with the data once it is there.
pub fn loaded<T: 'static>(
    state: LoadState<T>,
    wait: Wait,
    ready: impl FnOnce(Arc<T>) -> AnyView,
) -> AnyView {
    match state {
        LoadState::Loading => view! { <Loading what=wait.what /> }.into_any(),
        LoadState::Failed(error) => {
            let title = (wait.error_title)(&error).to_owned();
            view! { <LoadErrorView error title on_retry=wait.on_retry home=wait.home /> }.into_any()
        }
        LoadState::Ready(value) => ready(value),
    }
}

/// [`Wait`] for the library index (`data/index.json`), with 重试 fetching it again.
pub fn wait_index(store: crate::store::Store, home: bool) -> Wait {
    Wait {
        what: "规划目录",
        error_title: |_| "无法加载规划目录",
        on_retry: Callback::new(move |()| store.reload_index()),
        home,
    }
}

/// Rendered once a page shows its data: sets `data-ready="1"` on `<html>` after mount and
/// clears it when the page goes away.
#[component]
pub fn ReadyMarker() -> impl IntoView {
    // The page written at build time goes while this view is built, in the task that mounts it
    // (no frame in between), so the view's effects find its own elements, not the static copy's
    // (same ids).
    dom::remove_prerendered();
    Effect::new(|_| dom::set_ready(true));
    on_cleanup(|| dom::set_ready(false));
}

/// Sets `document.title` to `<title> · 规划透视` while the calling component is mounted.
pub fn use_title(title: Option<String>) {
    Effect::new(move |_| dom::set_title(&page_title(title.as_deref())));
}

/// An address the app cannot show.
#[component]
pub fn NotFound() -> impl IntoView {
    use_title(Some("找不到页面".to_owned()));
    view! {
        <section class="ps-error" role="alert">
            <h1 class="ps-error__title">"找不到这个页面"</h1>
            <p class="ps-error__message">"链接可能有误或已过期。"</p>
            <div class="ps-actions">
                <a class="ps-button" href=Route::Library.href()>"返回规划库"</a>
            </div>
        </section>
        <ReadyMarker />
    }
}
