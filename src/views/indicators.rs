//! `?plan=<id>&view=indicators` (one plan's indicators, prose targets and base statistics) and
//! `?view=indicator&ind=<id>` (one canonical indicator across every plan). Everything shown is
//! computed by `crate::indicators`; each value is a link to its paragraph in the reader.

use std::sync::Arc;

use leptos::prelude::*;
use planscope_model::layout::IndicatorFile;
use planscope_model::{catalog, PlanDocument, PlanIndex};
use wasm_bindgen::JsValue;

use super::common::{loaded, use_title, wait_index, ReadyMarker, Wait};
use super::reader::dom as rdom;
use crate::charts::plan_label;
use crate::data::LoadState;
use crate::echarts::EChart;
use crate::indicators::{self as ind, Bars, IndRow, PlanRef, ProseItem, Statement};
use crate::nav::Router;
use crate::route::Route;
use crate::store::Store;
use crate::{dom, echarts, island};

// ---------------------------------------------------------------------------------------------
// one plan
// ---------------------------------------------------------------------------------------------

/// The page for `?plan=<id>&view=indicators`.
#[component]
pub fn IndicatorsPage(id: String) -> impl IntoView {
    let store = Store::expect();
    let state = store.plan(&id);
    let id: Arc<str> = id.into();
    Effect::new(move |_| {
        let title = state.with(|s| match s {
            LoadState::Ready(doc) => Some(format!("指标 · {}", doc.metadata.title)),
            LoadState::Failed(_) => Some("无法加载这份规划".to_owned()),
            LoadState::Loading => None,
        });
        dom::set_title(&crate::format::page_title(title.as_deref()));
    });
    // The page written at build time is this one (`indicators-<id>.html`): the app attaches the
    // charts and downloads to it (islands) instead of drawing the tables again.
    let islands = static_page_is(&Route::indicators(&id));
    move || match state.get() {
        // The static page is what the reader sees until the islands are mounted.
        LoadState::Loading if islands => ().into_any(),
        s => {
            let id = id.clone();
            let wait = Wait {
                what: "规划指标",
                error_title: |_| "无法加载这份规划",
                on_retry: Callback::new(move |()| store.retry_plan(&id)),
                home: true,
            };
            loaded(s, wait, |doc| {
                if islands {
                    view! { <PlanIndicatorsIslands doc /> }.into_any()
                } else {
                    view! { <PlanIndicators doc /> }.into_any()
                }
            })
        }
    }
}

/// Whether the page written at build time for `route` is the one on screen (opened directly, not
/// a page the app must draw itself, such as a filtered address): the app then attaches to it.
fn static_page_is(route: &Route) -> bool {
    let file = route.static_file();
    !dom::html_has_class("ps-boot-other") && file.is_some() && file == dom::prerendered_file()
}

/// The elements matching `selector` inside the page written at build time.
fn in_static_page(selector: &str) -> Vec<web_sys::Element> {
    island::find_all(&format!("#{} {selector}", crate::page::BLOCK_ID))
}

/// `&hl=` marks a row or list item and scrolls to it (on the page as it is, drawn by the app or
/// written at build time).
fn follow_highlight() {
    let router = Router::expect();
    let hl = Memo::new(move |_| match router.route() {
        Route::Indicators { hl, .. } => hl,
        _ => None,
    });
    Effect::new(move |_| {
        if let Some(h) = hl.get() {
            let el = ind::item_el(&h);
            request_animation_frame(move || {
                rdom::go_to(&el);
            });
        }
    });
}

/// The `i`-th chart of a plan's indicator page (`b`, one unit's bars).
fn plan_chart(rows: &[IndRow], i: usize, b: &Bars, drawn: RwSignal<usize>) -> impl IntoView {
    let summary = ind::plan_summary(rows, b);
    let (bn, tn) = year_names(rows, b);
    view! {
        <BarsChart
            dom_id=format!("ps-ind-chart-{i}")
            title=format!("基数与目标（单位：{}）", b.unit)
            summary
            names=(bn, tn)
            bars=b.clone()
            drawn
        />
    }
}

/// A plan's indicator page over its page written at build time (`indicators-<id>.html`): the
/// tables, lists and links stay the nodes the browser parsed; each chart is mounted in place of
/// its static chart element (the figure's caption and text stay) and the download links in place
/// of theirs (`island::replace`: the same components, so nothing moves). `data-ready` once every
/// chart is shown (or says it failed).
#[component]
fn PlanIndicatorsIslands(doc: Arc<PlanDocument>) -> impl IntoView {
    let plan = doc.id.clone();
    let rows = Arc::new(ind::rows(&doc));
    let bars = ind::plan_bars(&rows, &plan);
    let drawn = RwSignal::new(0usize);
    let figures = in_static_page("figure.ps-ind-chart");
    let expected = bars.len().min(figures.len());
    for (i, (b, fig)) in bars.into_iter().zip(figures).enumerate() {
        let names = year_names(&rows, &b);
        island::replace(&canvas_nodes(&fig), move || {
            view! { <BarsCanvas dom_id=format!("ps-ind-chart-{i}") names bars=b drawn /> }
        });
    }
    let (csv, json) = (ind::plan_csv(&doc), ind::plan_json(&doc));
    island::replace(&in_static_page(".ps-downloads"), move || {
        view! { <Downloads stem=format!("{plan}-indicators") csv json /> }
    });
    follow_highlight();
    Effect::new(move |_| {
        if drawn.get() >= expected {
            dom::mark_ready();
        }
    });
    on_cleanup(|| dom::set_ready(false));
}

fn para_link(plan: &str, para: &str) -> String {
    Route::paragraph(plan, para).href()
}

#[component]
fn PlanIndicators(doc: Arc<PlanDocument>) -> impl IntoView {
    let plan = doc.id.clone();
    let rows = ind::rows(&doc);
    let bars = ind::plan_bars(&rows, &plan);
    let groups = ind::targets_by_year(&doc);
    let stats = ind::base_stats(&doc);
    let title = if doc.metadata.title.trim().is_empty() {
        "（未识别标题）".to_owned()
    } else {
        doc.metadata.title.clone()
    };

    // data-ready once every chart has been drawn (or has failed and says so).
    let expected = bars.len();
    let drawn = RwSignal::new(0usize);
    dom::set_ready(false);
    // The page written at build time goes in the task that mounts this view (no frame shows
    // both or neither), before the charts are drawn: they draw into this view's elements,
    // visible and at their width.
    dom::remove_prerendered();
    Effect::new(move |_| {
        if drawn.get() >= expected {
            dom::set_ready(true);
        }
    });
    on_cleanup(|| dom::set_ready(false));

    follow_highlight();

    let charts = bars
        .iter()
        .enumerate()
        .map(|(i, b)| plan_chart(&rows, i, b, drawn))
        .collect_view();

    let table = (!rows.is_empty())
        .then(|| view! { <IndicatorTable plan=plan.clone() rows=rows.clone() /> });
    let targets = (!groups.is_empty()).then(|| {
        let plan = plan.clone();
        let years = groups
            .into_iter()
            .map(|(year, topics)| {
                let topics = topics
                    .into_iter()
                    .map(|(topic, items)| {
                        view! {
                            <h4 class="ps-ind__topic">{topic}</h4>
                            <ul class="ps-ind__list">{prose_list(&plan, items)}</ul>
                        }
                    })
                    .collect_view();
                view! {
                    <section class="ps-ind__year">
                        <h3>{ind::year_zh(year)}</h3>
                        {topics}
                    </section>
                }
            })
            .collect_view();
        view! {
            <section class="ps-ind__section" aria-labelledby="ps-ind-targets">
                <h2 id="ps-ind-targets">"正文中的数字目标"</h2>
                <p class="ps-note">"按目标年份和主题归类；点按数值可查看原文。"</p>
                {years}
            </section>
        }
    });
    let base = (!stats.is_empty()).then(|| {
        let items = stats
            .into_iter()
            .map(|s| {
                let href = para_link(&plan, &s.paragraph);
                view! {
                    <div class="ps-stat" id=ind::item_el(&s.id) tabindex="-1">
                        <dt>{s.metric.clone()}</dt>
                        <dd>
                            <a class="ps-ind__v" href=href>{s.value.clone()}</a>
                            {s.year.map(|y| view! { <span class="ps-ind__year">{format!("{y}年")}</span> })}
                        </dd>
                    </div>
                }
            })
            .collect_view();
        view! {
            <section class="ps-ind__section" aria-labelledby="ps-ind-base">
                <h2 id="ps-ind-base">"现状基数"</h2>
                <dl class="ps-stats">{items}</dl>
            </section>
        }
    });
    let empty = (rows.is_empty() && targets.is_none() && base.is_none())
        .then(|| view! { <p class="ps-status">"这份规划中没有识别出指标表或数字目标。"</p> });
    let no_table = (rows.is_empty()).then(|| {
        view! { <p class="ps-note">"这份规划没有主要指标表；下面是从正文中识别出的数字。"</p> }
    });
    let csv = ind::plan_csv(&doc);
    let json = ind::plan_json(&doc);
    view! {
        <article class="ps-ind">
            <nav class="ps-crumbs" aria-label="位置">
                <a href=Route::Library.href()>"规划库"</a>
                " "
                <a href=Route::plan(&plan).href()>{title.clone()}</a>
            </nav>
            <h1 class="ps-title">"主要指标与目标"</h1>
            <p class="ps-lead">{title}</p>
            <p class="ps-note">"数字由程序从原文中识别，请以原文为准。每个数值都链接到它所在的原文段落。"</p>
            <Downloads stem=format!("{plan}-indicators") csv json />
            {no_table}
            {table}
            {charts}
            {targets}
            {base}
            {empty}
            <p class="ps-actions">
                <a class="ps-button ps-button--secondary" href=Route::plan(&plan).href()>"阅读规划全文"</a>
                <a class="ps-button ps-button--secondary" href=Route::Explorer { ind: None }.href()>"跨规划比较指标"</a>
            </p>
        </article>
    }
}

/// Legend names with the years when every row of the chart shares them (`基数（2020年）`).
fn year_names(rows: &[IndRow], b: &Bars) -> (String, String) {
    let mine: Vec<&IndRow> = rows.iter().filter(|r| b.links.contains(&r.id)).collect();
    let same = |f: fn(&IndRow) -> Option<u16>| {
        let first = mine.first().and_then(|r| f(r));
        (first.is_some() && mine.iter().all(|r| f(r) == first)).then(|| first.unwrap_or(0))
    };
    let name = |what: &str, y: Option<u16>| match y {
        Some(y) => format!("{what}（{y}年）"),
        None => what.to_owned(),
    };
    (
        name("基数", same(|r| r.baseline_year)),
        name("目标", same(|r| r.target_year)),
    )
}

fn prose_list(plan: &str, items: Vec<ProseItem>) -> impl IntoView {
    items
        .into_iter()
        .map(|q| {
            let href = para_link(plan, &q.paragraph);
            let explore = q.canonical.as_deref().and_then(catalog::indicator).map(|c| {
                view! {
                    <a class="ps-ind__explore" href=Route::Explorer { ind: Some(c.id.to_owned()) }.href()>"各地对比"</a>
                }
            });
            view! {
                <li id=ind::item_el(&q.id) tabindex="-1">
                    <span class="ps-ind__metric">{q.metric}</span>
                    " "
                    <a class="ps-ind__v" href=href>{q.value}</a>
                    " "
                    {explore}
                </li>
            }
        })
        .collect_view()
}

fn comparator_words(c: Option<&str>) -> &'static str {
    match c {
        Some(">=") => "不低于",
        Some("<=") => "不高于",
        Some("~") => "约",
        Some("=") => "达到",
        _ => "",
    }
}

#[component]
fn IndicatorTable(plan: String, rows: Vec<IndRow>) -> impl IntoView {
    let body = rows
        .into_iter()
        .map(|r| {
            let href = para_link(&plan, &r.id);
            let year = |y: Option<u16>| y.map(|y| view! { <span class="ps-ind__year">{format!("{y}年")}</span> });
            let value = |v: String, y: Option<u16>| {
                if v.is_empty() {
                    view! { <span class="ps-ind__none">"—"</span> }.into_any()
                } else {
                    view! { <a class="ps-ind__v" href=href.clone()>{v}</a>{year(y)} }.into_any()
                }
            };
            let (mark, class) = if r.binding() {
                ("\u{25A0}", "ps-attr ps-attr--binding")
            } else if r.attribute.is_empty() {
                ("", "ps-attr")
            } else {
                ("\u{25A1}", "ps-attr ps-attr--expected")
            };
            let explore = r.canonical.as_deref().and_then(catalog::indicator).map(|c| {
                view! {
                    <a class="ps-ind__explore" href=Route::Explorer { ind: Some(c.id.to_owned()) }.href()
                        aria-label=format!("各地对比：{}", c.name)>"各地对比"</a>
                }
            });
            let text_target = r.target_is_text().then(|| view! { <span class="ps-ind__tag">"文字目标"</span> });
            view! {
                <tr id=ind::item_el(&r.id) data-row=r.id.clone() tabindex="-1">
                    <th scope="row" class="ps-ind__name"><span class="ps-ind__name-text">{r.name.clone()}</span> {explore}</th>
                    <td class="ps-ind__unit">{r.unit.clone()}</td>
                    <td class="ps-ind__base">{value(r.baseline.clone(), r.baseline_year)}</td>
                    <td class="ps-ind__target">{value(r.target.clone(), r.target_year)}{text_target}</td>
                    <td class="ps-ind__cmp">{comparator_words(r.comparator.as_deref())}</td>
                    <td class="ps-ind__attr"><span class=class><span aria-hidden="true">{mark}</span>" "<span class="ps-attr__text">{r.attribute.clone()}</span></span></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="ps-ind__section" aria-labelledby="ps-ind-table-title">
            <h2 id="ps-ind-table-title">"主要指标表"</h2>
            <p class="ps-note">"\u{25A0} 约束性指标（必须完成）；\u{25A1} 预期性指标（努力争取）。点按数值打开原文表格。"</p>
            <div class="ps-table-wrap" role="region" tabindex="0" aria-labelledby="ps-ind-table-title">
                <table class="ps-table ps-ind-table" id="ps-ind-table">
                    <caption>"主要指标：基数、目标和指标属性"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"指标"</th>
                            <th scope="col">"单位"</th>
                            <th scope="col">"基数"</th>
                            <th scope="col">"目标"</th>
                            <th scope="col">"比较"</th>
                            <th scope="col">"属性"</th>
                        </tr>
                    </thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
        </section>
    }
}

// ---------------------------------------------------------------------------------------------
// charts
// ---------------------------------------------------------------------------------------------

/// A bar chart (the app's chart component, `echarts::EChart`, in [`BarsCanvas`]) with its caption
/// and text summary. `names` are the two series' names (baseline, target).
#[component]
pub(crate) fn BarsChart(
    dom_id: String,
    title: String,
    summary: String,
    names: (String, String),
    bars: Bars,
    /// Incremented once the chart is drawn or has failed.
    drawn: RwSignal<usize>,
) -> impl IntoView {
    let summary_id = format!("{dom_id}-summary");
    view! {
        <figure class="ps-chart ps-ind-chart">
            <figcaption class="ps-chart__title">{title}</figcaption>
            <BarsCanvas dom_id names bars drawn />
            <p class="ps-chart__summary" id=summary_id>{summary}</p>
            <p class="ps-note">"实心柱为约束性目标，虚线框柱为预期性或未标注属性的目标；点按柱条打开原文。"</p>
        </figure>
    }
}

/// The chart of a [`BarsChart`] alone (its element, described by `<dom_id>-summary`, and its
/// status line): what the app mounts over a static figure, whose caption, summary and note stay
/// the parsed nodes. A click on a bar opens the paragraph it was read from.
#[component]
fn BarsCanvas(
    dom_id: String,
    names: (String, String),
    bars: Bars,
    /// Incremented once the chart is drawn or has failed.
    drawn: RwSignal<usize>,
) -> impl IntoView {
    let counted = StoredValue::new(false);
    let links: Vec<String> = bars
        .plans
        .iter()
        .zip(&bars.links)
        .map(|(p, l)| para_link(p, l))
        .collect();
    let router = Router::expect();
    let on_click: Arc<dyn Fn(usize)> = Arc::new(move |i: usize| {
        if let Some(href) = links.get(i) {
            router.push(href);
        }
    });
    let on_done = Callback::new(move |_: bool| {
        // A retry after a failure is not counted again.
        if !counted.get_value() {
            counted.set_value(true);
            let _ = drawn.try_update(|n| *n += 1);
        }
    });
    let height = ind::bars_height(bars.labels.len());
    let (baseline, target) = names;
    let option: echarts::BuildOption =
        Arc::new(move |frame| ind::bars_option(&bars, &baseline, &target, frame));
    let summary_id = format!("{dom_id}-summary");
    view! {
        <EChart
            dom_id
            label="柱状图，文字说明见下"
            described_by=summary_id
            height
            option
            failed="图表加载失败，表格和文字说明仍可查看全部数字。"
            on_done
            on_click
        />
    }
}

/// The nodes of a static chart figure that [`BarsCanvas`] replaces: its chart element and the
/// status line after it, if any. Its caption, summary and note stay the parsed nodes (text the
/// reader has already seen painted is not painted anew).
fn canvas_nodes(figure: &web_sys::Element) -> Vec<web_sys::Element> {
    let Ok(Some(el)) = figure.query_selector(".ps-chart__canvas") else {
        return Vec::new();
    };
    let status = el
        .next_element_sibling()
        .filter(|n| n.class_list().contains("ps-status"));
    std::iter::once(el).chain(status).collect()
}

// ---------------------------------------------------------------------------------------------
// downloads
// ---------------------------------------------------------------------------------------------

/// `None` when rendered to static HTML (no browser: the links come with the app).
fn blob_url(text: &str, mime: &str) -> Option<String> {
    crate::dom::window()?;
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}

/// CSV and JSON links (`<a download>` on Blob URLs made when the view opens).
#[component]
fn Downloads(stem: String, csv: String, json: String) -> impl IntoView {
    let csv_url = blob_url(&csv, "text/csv;charset=utf-8");
    let json_url = blob_url(&json, "application/json;charset=utf-8");
    let urls: Vec<String> = csv_url.iter().chain(&json_url).cloned().collect();
    on_cleanup(move || {
        for u in &urls {
            let _ = web_sys::Url::revoke_object_url(u);
        }
    });
    view! {
        <p class="ps-downloads">
            <span class="ps-downloads__label">"下载数据："</span>
            // Rendered to static HTML (no Blob URLs there) the links have no `href` yet: same
            // size, so nothing moves when the app's copy (island) replaces them.
            <a class="ps-button ps-button--small ps-button--secondary" id="ps-dl-csv" href=csv_url download=ind::file_name(&stem, "csv")>"CSV（Excel 可打开）"</a>
            " "
            <a class="ps-button ps-button--small ps-button--secondary" id="ps-dl-json" href=json_url download=ind::file_name(&stem, "json")>"JSON"</a>
        </p>
    }
}

// ---------------------------------------------------------------------------------------------
// across plans
// ---------------------------------------------------------------------------------------------

/// `?view=indicator[&ind=<id>]`: every plan's statements of one canonical indicator, read from
/// that indicator's one file (`data/ind/<id>.<hash>.json`, listed in the index): the explorer
/// never fetches whole plans (issue 15). On its
/// page written at build time (`indicator[-<ind>].html`, opened directly) the app attaches the
/// chart and downloads to it ([`ExplorerIslands`]); after a move to another indicator in the app,
/// or when a plan cannot be loaded, it draws the page itself.
#[component]
pub fn Explorer() -> impl IntoView {
    let router = Router::expect();
    let fallback = RwSignal::new(false);
    let attach = Memo::new(move |_| !fallback.get() && static_page_is(&router.route()));
    move || {
        if attach.get() {
            view! { <ExplorerIslands fallback /> }.into_any()
        } else {
            view! { <ExplorerView /> }.into_any()
        }
    }
}

/// The explorer over its static page: once the index and the indicator's file are loaded, the
/// chart is mounted in place of its static figure and the downloads in place of theirs; the
/// picker and the table stay the parsed nodes. Sets `fallback` (the app draws the page) when the
/// index or the indicator file fails to load, so the reader sees which and can retry.
#[component]
fn ExplorerIslands(fallback: RwSignal<bool>) -> impl IntoView {
    let store = Store::expect();
    let ind = match Router::expect().route_untracked() {
        Route::Explorer { ind } => ind,
        _ => None,
    };
    // The islands belong to this component, not to the effect that mounts them.
    let owner = Owner::current().unwrap_or_default();
    let attached = StoredValue::new(false);
    Effect::new(move |_| {
        if attached.get_value() {
            return;
        }
        let info = ind.as_deref().and_then(catalog::indicator);
        let docs = match info {
            // The picker (or an unknown indicator): links only, no data needed.
            None => Vec::new(),
            Some(info) => {
                let index = match store.index() {
                    LoadState::Loading => return,
                    LoadState::Failed(_) => return fallback.set(true),
                    LoadState::Ready(index) => index,
                };
                let Some(file) = indicator_file(&index, info.id) else {
                    return fallback.set(true);
                };
                let Some(state) = store.indicator(&file) else {
                    return fallback.set(true);
                };
                match state.get() {
                    LoadState::Loading => return,
                    LoadState::Failed(_) => return fallback.set(true),
                    LoadState::Ready(f) => indicator_docs(&f),
                }
            }
        };
        attached.set_value(true);
        owner.with(|| attach_explorer(ind.as_deref(), &docs));
    });
    on_cleanup(|| dom::set_ready(false));
}

/// The file name (`data/ind/<id>.<hash>.json`) the index lists for indicator `id`, if any plan
/// states it.
fn indicator_file(index: &PlanIndex, id: &str) -> Option<String> {
    index
        .indicators
        .iter()
        .find(|r| r.id == id)
        .map(|r| r.file.clone())
}

/// An indicator file's plans as (label, document) pairs: each document holds only the pieces
/// that state the indicator, which is all [`ind::statements`] reads.
fn indicator_docs(f: &IndicatorFile) -> Vec<(String, Arc<PlanDocument>)> {
    f.plans
        .iter()
        .map(|p| {
            let entry = planscope_model::IndexEntry {
                id: p.id.clone(),
                title: p.title.clone(),
                region: p.region.clone(),
                ..Default::default()
            };
            (plan_label(&entry), Arc::new(p.to_document()))
        })
        .collect()
}

/// [`ExplorerIslands`]' work once every plan is there.
/// The loaded plans (label, document) as the references the indicator logic reads.
fn plan_refs(docs: &[(String, Arc<PlanDocument>)]) -> Vec<PlanRef<'_>> {
    docs.iter()
        .map(|(label, d)| PlanRef {
            id: &d.id,
            label: label.clone(),
            doc: d,
        })
        .collect()
}

fn attach_explorer(ind: Option<&str>, docs: &[(String, Arc<PlanDocument>)]) {
    let Some(info) = ind.and_then(catalog::indicator) else {
        // The picker (or an unknown indicator): links only.
        dom::mark_ready();
        return;
    };
    let refs = plan_refs(docs);
    let statements = ind::statements(info.id, &refs);
    let drawn = RwSignal::new(0usize);
    let figures = in_static_page("figure.ps-ind-chart");
    let mut expected = 0;
    let bars = ind::explorer_bars(info.id, &statements);
    if let (true, Some(fig)) = (has_numbers(&bars), figures.first()) {
        expected = 1;
        island::replace(&canvas_nodes(fig), move || {
            view! { <BarsCanvas dom_id=EXPLORER_CHART.to_owned() names=explorer_names() bars drawn /> }
        });
    }
    let (csv, json) = (
        ind::explorer_csv(info.id, &statements),
        ind::explorer_json(info.id, &statements),
    );
    let stem = format!("indicator-{}", info.id);
    island::replace(&in_static_page(".ps-downloads"), move || {
        view! { <Downloads stem csv json /> }
    });
    Effect::new(move |_| {
        if drawn.get() >= expected {
            dom::mark_ready();
        }
    });
}

/// The explorer's chart of indicator `ind` (`None` when no plan states a number for it).
fn explorer_chart(
    ind: &'static str,
    statements: &[Statement],
    drawn: RwSignal<usize>,
) -> Option<AnyView> {
    let info = catalog::indicator(ind);
    let name = info.map_or(ind, |i| i.name);
    let unit = info.map_or("", |i| i.unit);
    let bars = ind::explorer_bars(ind, statements);
    has_numbers(&bars).then(|| {
        view! {
            <BarsChart
                dom_id=EXPLORER_CHART.to_owned()
                title=format!("{name}（{unit}）")
                summary=ind::explorer_summary(ind, statements)
                names=explorer_names()
                bars=bars.clone()
                drawn
            />
        }
        .into_any()
    })
}

/// The explorer chart's element id.
const EXPLORER_CHART: &str = "ps-explorer-chart";

/// The explorer chart's series names (baseline, target).
fn explorer_names() -> (String, String) {
    ("现状/基数".to_owned(), "目标".to_owned())
}

/// Whether `bars` has a number to draw (else the explorer shows its summary without a chart).
fn has_numbers(bars: &Bars) -> bool {
    bars.baseline
        .iter()
        .chain(&bars.target)
        .any(Option::is_some)
}

/// The explorer drawn by the app.
#[component]
fn ExplorerView() -> impl IntoView {
    use_title(Some("指标对比".to_owned()));
    let store = Store::expect();
    view! {
        <h1 class="ps-title">"指标对比"</h1>
        <p class="ps-lead">"选一个指标，查看每份规划的基数和目标；每个数值都链接到原文。"</p>
        {move || {
            loaded(store.index(), wait_index(store, false), |index| {
                view! { <ExplorerPlans index /> }.into_any()
            })
        }}
    }
}

/// The picker (from the index's list of stated indicators, with their plan counts) and, for the
/// chosen indicator, its one indicator file.
#[component]
fn ExplorerPlans(index: Arc<PlanIndex>) -> impl IntoView {
    let store = Store::expect();
    let router = Router::expect();
    let current = Memo::new(move |_| match router.route() {
        Route::Explorer { ind } => ind,
        _ => None,
    });
    move || {
        let cur = current.get();
        let picker = index
            .indicators
            .iter()
            .filter_map(|r| catalog::indicator(&r.id).map(|info| (info, r.plans)))
            .map(|(info, count)| {
                let here = cur.as_deref() == Some(info.id);
                view! {
                    <li>
                        <a
                            class="ps-picker__link"
                            href=Route::Explorer { ind: Some(info.id.to_owned()) }.href()
                            aria-current=here.then_some("page")
                            data-ind=info.id
                        >
                            <span class="ps-picker__name">{info.name}</span>
                            <span class="ps-picker__count">{format!("{count} 份规划")}</span>
                        </a>
                    </li>
                }
            })
            .collect_view();
        let chosen = cur
            .as_deref()
            .and_then(catalog::indicator)
            .and_then(|info| Some((info, indicator_file(&index, info.id)?)));
        let detail = match chosen {
            Some((info, file)) => match store.indicator(&file) {
                Some(state) => {
                    let wait = Wait {
                        what: "指标数据",
                        error_title: |_| "无法加载指标数据",
                        on_retry: Callback::new(move |()| store.retry_indicator(&file)),
                        home: true,
                    };
                    let id = info.id;
                    (move || {
                        loaded(state.get(), wait.clone(), move |f| {
                            let docs = indicator_docs(&f);
                            let st = ind::statements(id, &plan_refs(&docs));
                            view! { <IndicatorDetail ind=id statements=st /> }.into_any()
                        })
                    })
                    .into_any()
                }
                None => view! { <p class="ps-status">"指标数据的文件名无效。"</p> <ReadyMarker /> }
                    .into_any(),
            },
            None => {
                let unknown = cur.is_some().then(
                    || view! { <p class="ps-status">"没有这个指标，请从下面的列表中选择。"</p> },
                );
                view! { {unknown} <ReadyMarker /> }.into_any()
            }
        };
        view! {
            {detail}
            <nav class="ps-picker" aria-labelledby="ps-picker-title">
                <h2 id="ps-picker-title">"各规划提出的指标"</h2>
                <ul class="ps-picker__list">{picker}</ul>
            </nav>
        }
        .into_any()
    }
}

#[component]
fn IndicatorDetail(ind: &'static str, statements: Vec<Statement>) -> impl IntoView {
    let info = catalog::indicator(ind);
    let name = info.map_or(ind, |i| i.name);
    let unit = info.map_or("", |i| i.unit);
    use_title(Some(format!("{name} · 指标对比")));
    dom::set_ready(false);
    // As in `PlanIndicators`: the static copy goes before the chart is drawn.
    dom::remove_prerendered();
    on_cleanup(|| dom::set_ready(false));
    let drawn = RwSignal::new(0usize);
    let chart = explorer_chart(ind, &statements, drawn);
    let expected = usize::from(chart.is_some());
    Effect::new(move |_| {
        if drawn.get() >= expected {
            dom::set_ready(true);
        }
    });
    let no_chart = chart.is_none().then(|| {
        view! { <p class="ps-chart__summary">{ind::explorer_summary(ind, &statements)}</p> }
    });
    let rows = statements
        .iter()
        .map(|s| {
            let href = para_link(&s.plan, &s.paragraph);
            let cell = |v: &str, y: Option<u16>| {
                if v.is_empty() {
                    view! { <span class="ps-ind__none">"—"</span> }.into_any()
                } else {
                    view! {
                        <a class="ps-ind__v" href=href.clone()>{v.to_owned()}</a>
                        {y.map(|y| view! { <span class="ps-ind__year">{format!("{y}年")}</span> })}
                    }
                    .into_any()
                }
            };
            view! {
                <tr data-plan=s.plan.clone()>
                    <th scope="row"><a href=Route::indicators(&s.plan).href()>{s.plan_label.clone()}</a></th>
                    <td>{s.source.clone()}</td>
                    <td class="ps-ind__name-text">{s.name.clone()}</td>
                    <td class="ps-ind__base">{cell(&s.baseline, s.baseline_year)}</td>
                    <td class="ps-ind__target">{cell(&s.target, s.target_year)}</td>
                    <td>{s.attribute.clone()}</td>
                </tr>
            }
        })
        .collect_view();
    let csv = ind::explorer_csv(ind, &statements);
    let json = ind::explorer_json(ind, &statements);
    view! {
        <section class="ps-ind__section ps-explorer" aria-labelledby="ps-explorer-title">
            <h2 id="ps-explorer-title">{format!("{name}（单位：{unit}）")}</h2>
            <Downloads stem=format!("indicator-{ind}") csv json />
            {chart}
            {no_chart}
            <div class="ps-table-wrap" role="region" tabindex="0" aria-label=format!("{name}：各规划的数值")>
                <table class="ps-table ps-ind-table" id="ps-explorer-table">
                    <caption>{format!("{name}：各规划的基数和目标")}</caption>
                    <thead>
                        <tr>
                            <th scope="col">"规划"</th>
                            <th scope="col">"来源"</th>
                            <th scope="col">"原文表述"</th>
                            <th scope="col">"基数/现状"</th>
                            <th scope="col">"目标"</th>
                            <th scope="col">"属性"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}
