//! The first screen: every plan in `data/index.json`.

use leptos::prelude::*;
use planscope_model::IndexEntry;

use super::common::{use_title, LoadErrorView, Loading, ReadyMarker};
use crate::data::LoadState;
use crate::format::{card_facts, card_tags, counts_zh};
use crate::route::Route;
use crate::store::IndexStore;

/// The plan library.
#[component]
pub fn Library() -> impl IntoView {
    use_title(None);
    let store = IndexStore::expect();
    move || match store.state() {
        LoadState::Loading => view! { <Loading what="规划目录" /> }.into_any(),
        LoadState::Failed(error) => view! {
            <LoadErrorView
                error
                title="无法加载规划目录".to_owned()
                on_retry=Callback::new(move |()| store.reload())
            />
        }
        .into_any(),
        LoadState::Ready(index) => {
            let cards = index.plans.iter().map(plan_card).collect_view();
            view! {
                <h1 class="ps-title">"教育规划库"</h1>
                <p class="ps-lead">
                    "收录各地政府公开发布的教育规划，整理出目录、指标和目标，方便在手机上阅读。"
                </p>
                <p class="ps-meta">
                    {format!("共 {} 份规划 · ", index.plans.len())}
                    <a href=Route::Overview.href()>"查看概览图表"</a>
                </p>
                <ul class="ps-cards" aria-label="规划列表">{cards}</ul>
                <ReadyMarker />
            }
            .into_any()
        }
    }
}

fn plan_card(entry: &IndexEntry) -> impl IntoView + use<> {
    let title = if entry.title.trim().is_empty() { "（未识别标题）".to_owned() } else { entry.title.clone() };
    let tags = card_tags(entry).into_iter().map(|t| view! { <li class="ps-card__tag">{t}</li> }).collect_view();
    let facts = card_facts(entry)
        .into_iter()
        .map(|f| view! { <div class="ps-facts__row"><dt>{f.label}</dt><dd>{f.value}</dd></div> })
        .collect_view();
    let counts = counts_zh(&entry.counts);
    view! {
        <li class="ps-card" data-plan=entry.id.clone()>
            <h2 class="ps-card__title">
                <a class="ps-card__link" href=Route::plan(&entry.id).href()>{title}</a>
            </h2>
            <ul class="ps-card__tags">{tags}</ul>
            <dl class="ps-facts">{facts}</dl>
            {(!counts.is_empty()).then(|| view! { <p class="ps-card__counts">{counts}</p> })}
        </li>
    }
}
