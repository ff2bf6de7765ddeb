//! `?view=overview`: counts across all plans as a bar chart, with the same numbers as a table.
//!
//! This is the view that loads ECharts (see `echarts.rs`); the table is there for screen
//! readers, for anyone who prefers numbers, and for when the chart script cannot load.

use std::sync::Arc;

use charming::WasmRenderer;
use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;
use planscope_model::PlanIndex;
use wasm_bindgen::JsValue;

use super::common::{loaded, use_title, wait_index};
use crate::charts::{
    overview_chart, overview_height, overview_series_names, overview_values, plan_label,
};
use crate::route::Route;
use crate::store::Store;
use crate::{dom, echarts};

const CHART_ID: &str = "ps-overview-chart";

/// The overview page.
#[component]
pub fn Overview() -> impl IntoView {
    use_title(Some("规划概览".to_owned()));
    let store = Store::expect();
    view! {
        <h1 class="ps-title">"规划概览"</h1>
        <p class="ps-lead">"各份规划中识别出的章节、指标、数字目标和重点工程数量。"</p>
        {move || loaded(store.index(), wait_index(store, false), |index| {
                let empty = index.plans.iter().all(|e| overview_values(e).iter().all(|v| *v == 0));
                view! {
                    {empty.then(|| view! { <p class="ps-status">"各规划暂未识别出可统计的内容，图表中的数量均为 0。"</p> })}
                    <OverviewChart index=index.clone() />
                    <CountsTable index />
                }
                .into_any()
            })
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum ChartState {
    Loading,
    Shown,
    Failed,
}

/// The bar chart. Loads ECharts on first use, then renders with charming.
#[component]
fn OverviewChart(index: Arc<PlanIndex>) -> impl IntoView {
    let state = RwSignal::new(ChartState::Loading);
    let instance = StoredValue::new_local(None::<charming::Echarts>);
    let height = overview_height(index.plans.len());
    let chart = StoredValue::new(overview_chart(&index));
    let render = move || {
        state.set(ChartState::Loading);
        spawn_local(async move {
            let shown = match echarts::ensure_loaded().await {
                // Width from the container (None), so the chart fits any screen.
                Ok(()) => chart.try_with_value(|c| {
                    WasmRenderer::new_opt(None, Some(height)).render(CHART_ID, c)
                }),
                Err(_) => None,
            };
            match shown {
                Some(Ok(echarts)) => {
                    if state.try_set(ChartState::Shown).is_none() {
                        instance.set_value(Some(echarts));
                        dom::set_ready(true);
                    } else {
                        echarts::dispose(&echarts);
                    }
                }
                _ => {
                    let _ = state.try_set(ChartState::Failed);
                }
            }
        });
    };
    // After mount: the container must be in the document before ECharts looks it up.
    Effect::new(move |_| render());
    // No window when rendered to static HTML (planscope-site).
    let resize = crate::dom::window().map(|_| {
        window_event_listener(ev::resize, move |_| {
            instance.with_value(|i| {
                if let Some(i) = i {
                    i.resize(JsValue::UNDEFINED);
                }
            });
        })
    });
    on_cleanup(move || {
        if let Some(r) = resize {
            r.remove();
        }
        dom::set_ready(false);
        if let Some(i) = instance.try_update_value(Option::take).flatten() {
            echarts::dispose(&i);
        }
    });
    let canvas = NodeRef::<leptos::html::Div>::new();
    dom::css_property(canvas, "height", format!("{height}px"));
    view! {
        <figure class="ps-chart">
            <div
                node_ref=canvas
                id=CHART_ID
                class="ps-chart__canvas"
                role="img"
                aria-label="各规划数量对比柱状图，数据见下表"
            ></div>
            {move || match state.get() {
                ChartState::Loading => view! { <p class="ps-status" role="status">"正在加载图表…"</p> }.into_any(),
                ChartState::Shown => ().into_any(),
                ChartState::Failed => view! {
                    <p class="ps-status ps-status--error" role="alert">
                        "图表加载失败，下表仍可查看全部数字。"
                        <button type="button" class="ps-button ps-button--small" on:click=move |_| render()>"重试"</button>
                    </p>
                }
                .into_any(),
            }}
        </figure>
    }
}

/// The chart's numbers as a table.
#[component]
fn CountsTable(index: Arc<PlanIndex>) -> impl IntoView {
    let head = overview_series_names()
        .map(|n| view! { <th scope="col">{n}</th> })
        .collect_view();
    let rows = index
        .plans
        .iter()
        .map(|entry| {
            let cells = overview_values(entry).into_iter().map(|v| view! { <td>{v}</td> }).collect_view();
            view! {
                <tr>
                    <th scope="row"><a href=Route::plan(&entry.id).href()>{plan_label(entry)}</a></th>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="ps-table-wrap">
            <table class="ps-table">
                <caption>"各规划识别出的数量"</caption>
                <thead><tr><th scope="col">"规划"</th>{head}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
