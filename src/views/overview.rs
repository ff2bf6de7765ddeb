//! `?view=overview`: counts across all plans as a bar chart, with the same numbers as a table.
//!
//! Its chart is the app's chart component (`echarts.rs`, which loads ECharts); the table is there for screen
//! readers, for anyone who prefers numbers, and for when the chart script cannot load.

use std::sync::Arc;

use leptos::prelude::*;
use planscope_model::PlanIndex;

use super::common::{loaded, use_title, wait_index};
use crate::charts::{
    overview_chart, overview_height, overview_series_names, overview_values, plan_label,
};
use crate::dom;
use crate::echarts::EChart;
use crate::route::Route;
use crate::store::Store;

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

/// The bar chart (the app's chart component, `echarts::EChart`).
#[component]
fn OverviewChart(index: Arc<PlanIndex>) -> impl IntoView {
    let height = overview_height(index.plans.len());
    on_cleanup(|| dom::set_ready(false));
    view! {
        <figure class="ps-chart">
            <EChart
                dom_id=CHART_ID
                label="各规划数量对比柱状图，数据见下表"
                height
                option=Arc::new(move |frame| overview_chart(&index, frame))
                failed="图表加载失败，下表仍可查看全部数字。"
                on_done=Callback::new(|shown: bool| {
                    if shown {
                        dom::set_ready(true);
                    }
                })
            />
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
