//! One plan: title, facts and the outline. (The full reader is a later issue.)

use std::sync::Arc;

use leptos::prelude::*;
use planscope_model::PlanDocument;

use super::common::{LoadErrorView, Loading, ReadyMarker};
use crate::data::{LoadError, LoadState};
use crate::format::{counts_zh, page_title, plan_facts};
use crate::nav::Router;
use crate::outline::{anchor_id, heading_count, outline, OutlineItem};
use crate::route::Route;
use crate::store::load_plan;
use crate::dom;

/// The page for `?plan=<id>`. Kept while only `sec` changes.
#[component]
pub fn PlanPage(
    /// Plan id (validated by the route).
    id: String,
) -> impl IntoView {
    let state = RwSignal::new(LoadState::<PlanDocument>::Loading);
    let id: Arc<str> = id.into();
    load_plan(state, &id);
    let section = Router::expect().section();
    Effect::new(move |_| {
        let title = state.with(|s| match s {
            LoadState::Loading => None,
            LoadState::Failed(error) => Some(error_title(error).to_owned()),
            LoadState::Ready(doc) => Some(display_title(&doc.metadata.title)),
        });
        dom::set_title(&page_title(title.as_deref()));
    });
    move || match state.get() {
        LoadState::Loading => view! { <Loading what="规划" /> }.into_any(),
        LoadState::Failed(error) => {
            let title = error_title(&error);
            let id = id.clone();
            view! {
                <LoadErrorView
                    error
                    title=title.to_owned()
                    on_retry=Callback::new(move |()| load_plan(state, &id))
                    home=true
                />
            }
            .into_any()
        }
        LoadState::Ready(doc) => view! { <PlanView doc section /> }.into_any(),
    }
}

fn error_title(error: &LoadError) -> &'static str {
    match error {
        LoadError::NotFound { .. } => "找不到这份规划",
        _ => "无法加载这份规划",
    }
}

fn display_title(title: &str) -> String {
    if title.trim().is_empty() {
        "（未识别标题）".to_owned()
    } else {
        title.to_owned()
    }
}

#[component]
fn PlanView(doc: Arc<PlanDocument>, section: Memo<Option<String>>) -> impl IntoView {
    let meta = &doc.metadata;
    let title = display_title(&meta.title);
    let facts = plan_facts(meta)
        .into_iter()
        .map(|f| view! { <div class="ps-facts__row"><dt>{f.label}</dt><dd>{f.value}</dd></div> })
        .collect_view();
    let counts = counts_zh(&doc.index_entry().counts);
    let items = outline(&doc.sections);
    let headings = heading_count(&items);
    let plan_id: Arc<str> = doc.id.as_str().into();
    // Scroll to `?sec=` once the outline is in the page, and again whenever it changes.
    Effect::new(move |_| {
        if let Some(sec) = section.get() {
            dom::reveal(&anchor_id(&sec));
        }
    });
    view! {
        <nav class="ps-crumbs" aria-label="位置">
            <a href=Route::Library.href()>"规划库"</a>
        </nav>
        <article class="ps-plan">
            <h1 class="ps-title">{title}</h1>
            {meta.notice_title.clone().map(|n| view! { <p class="ps-plan__notice">{n}</p> })}
            <dl class="ps-facts ps-facts--plan">{facts}</dl>
            {(!counts.is_empty()).then(|| view! { <p class="ps-meta">{counts}</p> })}
            <section class="ps-plan__outline" aria-labelledby="ps-outline-title">
                <h2 id="ps-outline-title" class="ps-subtitle">
                    "目录" {(headings > 0).then(|| format!("（{headings} 个标题）"))}
                </h2>
                {if items.is_empty() {
                    view! { <p class="ps-status">"暂未识别出这份规划的章节结构。"</p> }.into_any()
                } else {
                    outline_list(&plan_id, &items, section, 1)
                }}
            </section>
        </article>
        <ReadyMarker />
    }
}

/// A nested list of heading links; recursive, hence a function returning `AnyView`.
fn outline_list(plan_id: &Arc<str>, items: &[OutlineItem], active: Memo<Option<String>>, depth: u8) -> AnyView {
    let list = items
        .iter()
        .map(|item| {
            let id = item.id.clone();
            let current = move || (active.get().as_deref() == Some(id.as_str())).then_some("location");
            let children = (!item.children.is_empty())
                .then(|| outline_list(plan_id, &item.children, active, depth.saturating_add(1)));
            view! {
                <li class="ps-outline__item">
                    <a
                        id=anchor_id(&item.id)
                        class="ps-outline__link"
                        href=Route::section(plan_id, &item.id).href()
                        aria-current=current
                    >
                        <span class="ps-outline__label">{item.label.clone()}</span>
                        <span class="ps-outline__text">{item.title.clone()}</span>
                    </a>
                    {children}
                </li>
            }
        })
        .collect_view();
    view! { <ol class="ps-outline" data-depth=depth>{list}</ol> }.into_any()
}
