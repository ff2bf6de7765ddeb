//! `?view=compare&plans=a,b&topic=<id>`: two to four plans side by side — a plan picker, the
//! plans × topics heatmap, one row (desktop) or card (phone) per topic with each plan's
//! sections, the chosen topic's shared and distinctive phrases, and the canonical indicators
//! the plans share. Everything shown is computed by `crate::compare`; plan text is only ever a
//! text node. Plans opened on this device (`local-…`, read from IndexedDB by `crate::local`) are
//! offered and compared like built plans, marked 本机; a URL naming one this device does not
//! hold says it was opened on another device. Each built plan is read as its compare digest
//! (`Store::compare_plan`: only what this page shows), or as the plan itself when this session
//! has it already.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use planscope_model::local::LocalMeta;
use planscope_model::{catalog, PlanDocument, PlanIndex};

use super::common::{loaded, use_title, wait_index, Loading, ReadyMarker, Wait};
use super::indicators::BarsChart;
use super::reader::dom as rdom;
use super::reader::tools::ShareDialog;
use crate::compare::{
    heatmap, labels, mark_runs, picks, select_plans, shared_indicators, toggled, topic_paragraphs,
    topic_phrases, topic_rows, IndicatorRow, Mark, Pick, MAX_PLANS, MIN_PLANS,
};
use crate::data::{LoadError, LoadState};
use crate::local_view::BADGE_ZH;
use crate::nav::Router;
use crate::route::Route;
use crate::store::Store;

const DETAIL_ID: &str = "ps-cmp-detail";

/// The compare page for the plans in the URL (the topic can change without reloading them).
#[component]
pub fn ComparePage(plans: Vec<String>) -> impl IntoView {
    use_title(Some("规划对比".to_owned()));
    rdom::html_class("ps-comparing", true);
    on_cleanup(|| rdom::html_class("ps-comparing", false));
    let store = Store::expect();
    let router = Router::expect();
    let topic = Memo::new(move |_| match router.route() {
        Route::Compare { topic, .. } => topic,
        _ => None,
    });
    // compare.css is this page's only (no page links it): the comparison waits for it rather
    // than showing unstyled first.
    let css = crate::dom::stylesheet("ps-compare-css", planscope_view::loader::COMPARE_CSS);
    // The plans opened on this device (IndexedDB, read after mount): the picker offers them and a
    // URL may name them. A browser without storage has none.
    let device = RwSignal::new(None::<Vec<LocalMeta>>);
    let device_problem = RwSignal::new(None::<&'static str>);
    spawn_local(async move {
        let found = crate::local::metas().await;
        if let Err(e) = &found {
            let _ = device_problem.try_set(Some(e.message_zh()));
        }
        let _ = device.try_set(Some(found.unwrap_or_default()));
    });
    view! {
        <div class="ps-cmp">
            <nav class="ps-crumbs" aria-label="位置">
                <a href=Route::Library.href()>"规划库"</a>
            </nav>
            <h1 class="ps-title">"规划对比"</h1>
            <p class="ps-lead">"选择 2\u{2014}4 份规划，按主题并排查看各自的安排、篇幅和指标。"</p>
            {move || {
                if !css.get() {
                    return view! { <Loading what="规划对比" /> }.into_any();
                }
                let Some(device) = device.get() else {
                    return view! { <Loading what="规划对比" /> }.into_any();
                };
                let requested = plans.clone();
                loaded(store.index(), wait_index(store, true), move |index| {
                    let problem = device_problem.get_untracked();
                    view! { <Chosen index device=device.clone() problem requested topic /> }.into_any()
                })
            }}
        </div>
    }
}

/// The checked selection: notes, the picker, then the comparison once every plan is loaded.
#[component]
fn Chosen(
    index: Arc<PlanIndex>,
    /// The plans opened on this device.
    device: Vec<LocalMeta>,
    /// Why the device's plans cannot be read, if they cannot.
    problem: Option<&'static str>,
    requested: Vec<String>,
    topic: Memo<Option<String>>,
) -> impl IntoView {
    let known: Vec<&str> = index.plans.iter().map(|e| e.id.as_str()).collect();
    let on_device: Vec<&str> = device.iter().map(|m| m.key.as_str()).collect();
    let sel = select_plans(&requested, &known, &on_device);
    let picks = picks(&index.plans, &device);
    let notes = sel
        .notes
        .iter()
        .map(|n| view! { <p class="ps-status ps-cmp__note" role="status">{n.clone()}</p> })
        .collect_view();
    let elsewhere = (!sel.elsewhere.is_empty()).then(|| {
        view! {
            {problem.map(|m| view! { <p class="ps-status ps-cmp__note">{m}</p> })}
            <p class="ps-actions ps-cmp__elsewhere">
                <a class="ps-button ps-button--secondary" href=Route::Open.href()>"打开规划"</a>
            </p>
        }
    });
    let notes = view! { {notes} {elsewhere} };
    let labels = labels(&sel.ids, &picks);
    let picker = view! { <Picker picks chosen=sel.ids.clone() topic /> };
    if sel.ids.len() < MIN_PLANS {
        return view! {
            {notes}
            <p class="ps-status">"请至少选择两份规划进行对比。"</p>
            {picker}
            <ReadyMarker />
        }
        .into_any();
    }
    let states: Vec<RwSignal<LoadState<PlanDocument>>> = sel
        .ids
        .iter()
        .map(|id| Store::expect().compare_plan(id))
        .collect();
    let ids = sel.ids.clone();
    let all = {
        let states = states.clone();
        move || {
            let mut docs = Vec::new();
            for s in &states {
                match s.get() {
                    LoadState::Loading => return LoadState::Loading,
                    LoadState::Failed(e) => return LoadState::Failed(e),
                    LoadState::Ready(d) => docs.push(d),
                }
            }
            LoadState::Ready(Arc::new(docs))
        }
    };
    let retry = {
        let ids = ids.clone();
        let store = Store::expect();
        Callback::new(move |()| {
            for id in &ids {
                store.retry_compare_plan(id);
            }
        })
    };
    view! {
        {notes}
        {picker}
        {move || {
            let wait = Wait { what: "规划", error_title, on_retry: retry, home: true };
            let labels = labels.clone();
            loaded(all(), wait, move |docs| {
                view! { <Comparison docs=(*docs).clone() labels topic /> }.into_any()
            })
        }}
    }
    .into_any()
}

fn error_title(error: &LoadError) -> &'static str {
    match error {
        LoadError::NotFound { .. } => "找不到要对比的规划",
        _ => "无法加载要对比的规划",
    }
}

/// Checkboxes over the library and the device's plans (marked 本机), and a link built from the
/// checked ids.
#[component]
fn Picker(picks: Vec<Pick>, chosen: Vec<String>, topic: Memo<Option<String>>) -> impl IntoView {
    let open = chosen.len() < MIN_PLANS;
    let picked = RwSignal::new(chosen);
    let items = picks
        .into_iter()
        .map(|e| {
            let id = e.id.clone();
            let id2 = id.clone();
            let id3 = id.clone();
            let checked = move || picked.with(|p| p.contains(&id));
            let full = move || picked.with(|p| p.len() >= MAX_PLANS && !p.contains(&id2));
            let badge = e.local.then(
                || view! { <span class="ps-card__tag ps-card__tag--local">{BADGE_ZH}</span> " " },
            );
            // A device plan's label is the start of its title: the badge and the title say it all.
            let text = if e.local {
                e.title.clone()
            } else {
                format!("{}\u{00B7}{}", e.label, e.title)
            };
            view! {
                <li data-local=e.local.then_some("1")>
                    <label class="ps-cmp-pick__item">
                        <input
                            type="checkbox"
                            value=e.id.clone()
                            prop:checked=checked
                            disabled=full
                            on:change=move |_| picked.update(|p| *p = toggled(p, &id3))
                        />
                        <span>{badge}{text}</span>
                    </label>
                </li>
            }
        })
        .collect_view();
    let n = move || picked.with(Vec::len);
    view! {
        <details class="ps-cmp-pick" open=open>
            <summary>{move || format!("选择要对比的规划（已选 {} 份，最多 {MAX_PLANS} 份）", n())}</summary>
            <ul class="ps-cmp-pick__list">{items}</ul>
            <div class="ps-actions">
                {move || if n() >= MIN_PLANS {
                    let href = Route::compare(&picked.get(), topic.get().as_deref()).href();
                    view! { <a class="ps-button ps-cmp-pick__go" href=href>"对比所选规划"</a> }.into_any()
                } else {
                    view! { <span class="ps-meta">"至少选择 2 份。"</span> }.into_any()
                }}
            </div>
        </details>
    }
}

/// The comparison itself.
#[component]
fn Comparison(
    docs: Vec<Arc<PlanDocument>>,
    labels: Vec<String>,
    topic: Memo<Option<String>>,
) -> impl IntoView {
    let refs: Vec<&PlanDocument> = docs.iter().map(|d| d.as_ref()).collect();
    let ids: Vec<String> = docs.iter().map(|d| d.id.clone()).collect();
    let n = ids.len();
    let rows = Arc::new(topic_rows(&refs));
    let heat = heatmap(&refs);
    let (shared, base) = shared_indicators(&refs);
    let share_open = RwSignal::new(false);

    // A new topic (a heatmap cell, a topic link) scrolls to its details; not on first load.
    Effect::new(move |prev: Option<Option<String>>| {
        let t = topic.get();
        if prev.is_some_and(|p| p != t) {
            request_animation_frame(|| {
                rdom::go_to(DETAIL_ID);
            });
        }
        t
    });

    // --- sticky bar naming the plans -----------------------------------------------------------
    let bar = ids
        .iter()
        .zip(&labels)
        .enumerate()
        .map(|(i, (id, l))| {
            view! {
                <li class="ps-cmp-bar__plan" data-plan=id.clone()>
                    <span class="ps-cmp-no" aria-hidden="true">{i + 1}</span>
                    <a href=Route::plan(id).href()>{l.clone()}</a>
                </li>
            }
        })
        .collect_view();

    // --- heatmap -------------------------------------------------------------------------------
    let head = catalog::TOPICS
        .iter()
        .map(|t| {
            let href = Route::compare(&ids, Some(t.id)).href();
            view! { <th scope="col" data-topic=t.id><a href=href>{t.name}</a></th> }
        })
        .collect_view();
    let heat_rows = heat
        .iter()
        .zip(&ids)
        .zip(&labels)
        .map(|((cells, id), label)| {
            let tds = cells
                .iter()
                .zip(catalog::TOPICS)
                .map(|(c, t)| {
                    let text = c.label();
                    if c.paragraphs == 0 {
                        view! {
                            <td class="ps-heat__c" data-level="0" data-topic=t.id>
                                <span aria-hidden="true">{text}</span>
                                <span class="ps-vh">"未涉及"</span>
                            </td>
                        }
                        .into_any()
                    } else {
                        let aria = format!(
                            "{label}\u{00B7}{}：占正文 {text}，{} 段，查看相关章节",
                            t.name, c.paragraphs
                        );
                        view! {
                            <td class="ps-heat__c" data-level=c.level data-topic=t.id>
                                <a href=Route::compare(&ids, Some(t.id)).href() aria-label=aria title=format!("{} 段", c.paragraphs)>{text}</a>
                            </td>
                        }
                        .into_any()
                    }
                })
                .collect_view();
            view! { <tr data-plan=id.clone()><th scope="row">{label.clone()}</th>{tds}</tr> }
        })
        .collect_view();

    // --- topic rows / cards ----------------------------------------------------------------------
    let topic_cards = rows
        .iter()
        .map(|row| {
            let cells = row
                .cells
                .iter()
                .zip(&ids)
                .zip(&labels)
                .enumerate()
                .map(|(i, ((c, id), label))| {
                    let body = if c.is_empty() {
                        view! { <p class="ps-cmp-none">"未涉及"</p> }.into_any()
                    } else {
                        let links = c
                            .sections
                            .iter()
                            .map(|s| view! { <li><a href=Route::section(id, &s.id).href()>{s.text.clone()}</a></li> })
                            .collect_view();
                        let more = (!c.rest.is_empty()).then(|| {
                            let rest = c
                                .rest
                                .iter()
                                .map(|s| view! { <li><a href=Route::section(id, &s.id).href()>{s.text.clone()}</a></li> })
                                .collect_view();
                            view! {
                                <li class="ps-cmp-more">
                                    <details>
                                        <summary class="ps-meta">{format!("另有 {} 节", c.rest.len())}</summary>
                                        <ul>{rest}</ul>
                                    </details>
                                </li>
                            }
                        });
                        view! {
                            <ul class="ps-cmp-secs">{links}{more}</ul>
                            <p class="ps-cmp-n">{format!("{} 段", c.paragraphs)}</p>
                        }
                        .into_any()
                    };
                    view! {
                        <div class="ps-cmp-cell" data-plan=id.clone() data-empty=c.is_empty().then_some("1")>
                            <p class="ps-cmp-cell__plan"><span class="ps-cmp-no" aria-hidden="true">{i + 1}</span>{label.clone()}</p>
                            {body}
                        </div>
                    }
                })
                .collect_view();
            let t = row.topic;
            let href = Route::compare(&ids, Some(t.id)).href();
            view! {
                <section class="ps-cmp-topic" id=format!("t-{}", t.id) data-topic=t.id aria-labelledby=format!("th-{}", t.id)>
                    <h3 class="ps-cmp-topic__h" id=format!("th-{}", t.id)>
                        {t.name}
                        <span class="ps-cmp-topic__n">{format!("{}/{n} 份涉及", row.addressed())}</span>
                    </h3>
                    <div class="ps-cmp-grid">{cells}</div>
                    {(row.addressed() > 0).then(|| view! { <a class="ps-cmp-topic__more" href=href>"比较共同与独有表述"</a> })}
                </section>
            }
        })
        .collect_view();

    // --- the chosen topic in detail ------------------------------------------------------------
    let detail = {
        let docs = docs.clone();
        let rows = rows.clone();
        let labels = labels.clone();
        let ids = ids.clone();
        move || {
            let t = crate::compare::detail_topic(&rows, topic.get().as_deref())?;
            let refs: Vec<&PlanDocument> = docs.iter().map(|d| d.as_ref()).collect();
            let report = topic_phrases(&refs, t.id);
            let chips = |list: &[String], class: &'static str| {
                list.iter()
                    .map(|p| view! { <li><mark class=class>{p.clone()}</mark></li> })
                    .collect_view()
            };
            let row = rows.iter().find(|r| r.topic.id == t.id)?;
            let per = refs
                .iter()
                .zip(&report.distinctive)
                .zip(&labels)
                .zip(&ids)
                .zip(&row.cells)
                .enumerate()
                .map(|(i, ((((d, own), label), id), cell))| {
                    let excerpt = topic_paragraphs(d, t.id, 2)
                        .into_iter()
                        .map(|(pid, text)| {
                            let runs = mark_runs(text, &report.shared, own)
                                .into_iter()
                                .map(|(s, m)| match m {
                                    Mark::Plain => view! { <span>{s}</span> }.into_any(),
                                    Mark::Shared => view! { <mark class="ps-ph ps-ph--shared">{s}</mark> }.into_any(),
                                    Mark::Own => view! { <mark class="ps-ph ps-ph--own">{s}</mark> }.into_any(),
                                })
                                .collect_view();
                            view! {
                                <blockquote class="ps-cmp-quote">
                                    <p>{runs}</p>
                                    <a href=Route::paragraph(id, pid).href()>"在原文中查看"</a>
                                </blockquote>
                            }
                        })
                        .collect_view();
                    let secs = cell
                        .sections
                        .iter()
                        .map(|s| view! { <li><a href=Route::section(id, &s.id).href()>{s.text.clone()}</a></li> })
                        .collect_view();
                    view! {
                        <div class="ps-cmp-cell" data-plan=id.clone()>
                            <p class="ps-cmp-cell__plan"><span class="ps-cmp-no" aria-hidden="true">{i + 1}</span>{label.clone()}</p>
                            {if cell.is_empty() {
                                view! { <p class="ps-cmp-none">"未涉及"</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="ps-cmp-secs">{secs}</ul>
                                    <p class="ps-cmp-h4">"独有表述"</p>
                                    {if own.is_empty() {
                                        view! { <p class="ps-meta">"（无）"</p> }.into_any()
                                    } else {
                                        view! { <ul class="ps-chips">{chips(own, "ps-ph ps-ph--own")}</ul> }.into_any()
                                    }}
                                    {excerpt}
                                }
                                .into_any()
                            }}
                        </div>
                    }
                })
                .collect_view();
            let shared = if report.shared.is_empty() {
                view! { <p class="ps-meta">"所选规划在这一主题上没有共同的表述。"</p> }.into_any()
            } else {
                view! { <ul class="ps-chips">{chips(&report.shared, "ps-ph ps-ph--shared")}</ul> }
                    .into_any()
            };
            Some(view! {
                <section class="ps-cmp-detail" id=DETAIL_ID data-topic=t.id aria-labelledby="ps-cmp-detail-h" tabindex="-1">
                    <h2 class="ps-subtitle" id="ps-cmp-detail-h" data-focus="1" tabindex="-1">{format!("主题详情：{}", t.name)}</h2>
                    <p class="ps-meta">
                        "下划线标出的是"<mark class="ps-ph ps-ph--shared">"共同表述"</mark>"（两份以上规划都用到的说法）和"
                        <mark class="ps-ph ps-ph--own">"独有表述"</mark>"（只有一份规划用到）。"
                    </p>
                    <p class="ps-cmp-h4">"共同表述"</p>
                    {shared}
                    <div class="ps-cmp-grid">{per}</div>
                </section>
            })
        }
    };

    let (bar_el, body_el) = (
        NodeRef::<leptos::html::Div>::new(),
        NodeRef::<leptos::html::Div>::new(),
    );
    crate::dom::css_property(bar_el, "--n", n.to_string());
    crate::dom::css_property(body_el, "--n", n.to_string());
    view! {
        <div class="ps-cmp-bar" node_ref=bar_el>
            <ol class="ps-cmp-bar__list" aria-label="正在对比的规划">{bar}</ol>
            <button type="button" id="ps-share-button" class="ps-tool ps-cmp-bar__share" aria-haspopup="dialog" on:click=move |_| share_open.set(true)>
                "分享"
            </button>
        </div>
        <div class="ps-cmp-body" node_ref=body_el>
            <h2 class="ps-subtitle" id="ps-heat-h">"主题覆盖"</h2>
            <p class="ps-meta">"每格是该主题段落占规划正文字数的比例，颜色越深篇幅越大；“\u{2014}”表示未涉及。点按数字查看相关章节。"</p>
            <div class="ps-table-wrap ps-heat-wrap" role="region" tabindex="0" aria-labelledby="ps-heat-h">
                <table class="ps-table ps-heat">
                    <caption>"各规划在每个主题上的篇幅（占正文字数比例）"</caption>
                    <thead><tr><th scope="col">"规划"</th>{head}</tr></thead>
                    <tbody>{heat_rows}</tbody>
                </table>
            </div>
            {detail}
            <h2 class="ps-subtitle">"按主题并排"</h2>
            <div class="ps-cmp-topics">{topic_cards}</div>
            <Indicators docs=docs.clone() ids=ids.clone() labels=labels.clone() shared base />
        </div>
        <ShareDialog open=share_open />
        <ReadyMarker />
    }
}

/// The shared canonical indicators (a table, and a chart per numeric indicator, as in the
/// explorer) and the base statistics, one column per plan.
#[component]
fn Indicators(
    docs: Vec<Arc<PlanDocument>>,
    ids: Vec<String>,
    labels: Vec<String>,
    shared: Vec<IndicatorRow>,
    base: Vec<IndicatorRow>,
) -> impl IntoView {
    let table = |rows: &[IndicatorRow], caption: &'static str, hid: &'static str| {
        let head = labels
            .iter()
            .map(|l| view! { <th scope="col">{l.clone()}</th> })
            .collect_view();
        let body = rows
            .iter()
            .map(|r| {
                let cells = r
                    .cells
                    .iter()
                    .zip(&ids)
                    .map(|(vs, id)| {
                        if vs.is_empty() {
                            view! { <td class="ps-cmp-none">"未提及"</td> }.into_any()
                        } else {
                            let links = vs
                                .iter()
                                .map(|v| view! { <li><a href=Route::paragraph(id, &v.para).href()>{v.text.clone()}</a></li> })
                                .collect_view();
                            view! { <td><ul class="ps-cmp-vals">{links}</ul></td> }.into_any()
                        }
                    })
                    .collect_view();
                view! {
                    <tr data-indicator=r.id>
                        <th scope="row">{r.name}<span class="ps-cmp-unit">{format!("\u{FF08}{}\u{FF09}", r.unit)}</span></th>
                        {cells}
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="ps-table-wrap" role="region" tabindex="0" aria-labelledby=hid>
                <table class="ps-table ps-cmp-ind">
                    <caption id=hid>{caption}</caption>
                    <thead><tr><th scope="col">"指标"</th>{head}</tr></thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
        }
    };
    // One chart per shared indicator with a number: baseline and target of each plan.
    let refs: Vec<crate::indicators::PlanRef<'_>> = docs
        .iter()
        .zip(&labels)
        .map(|(d, l)| crate::indicators::PlanRef {
            id: &d.id,
            label: l.clone(),
            doc: d,
        })
        .collect();
    let drawn = RwSignal::new(0usize);
    let charts = shared
        .iter()
        .filter_map(|r| {
            let statements = crate::indicators::statements(r.id, &refs);
            let bars = crate::indicators::explorer_bars(r.id, &statements);
            bars.baseline
                .iter()
                .chain(&bars.target)
                .any(Option::is_some)
                .then(|| {
                    view! {
                        <BarsChart
                            dom_id=format!("ps-cmp-chart-{}", r.id)
                            title=format!("{}\u{FF08}{}\u{FF09}", r.name, r.unit)
                            summary=crate::indicators::explorer_summary(r.id, &statements)
                            names=("\u{73B0}\u{72B6}/\u{57FA}\u{6570}".to_owned(), "\u{76EE}\u{6807}".to_owned())
                            bars
                            drawn
                        />
                    }
                })
        })
        .collect_view();
    view! {
        <h2 class="ps-subtitle">"指标并排"</h2>
        {if shared.is_empty() {
            view! { <p class="ps-meta">"所选规划没有共同的可比指标。"</p> }.into_any()
        } else {
            view! {
                {table(&shared, "共同指标（至少两份规划都提到）", "ps-ind-shared")}
                <div class="ps-cmp-charts">{charts}</div>
            }
            .into_any()
        }}
        {(!base.is_empty()).then(|| table(&base, "基本情况（学校、教师、学生）", "ps-ind-base"))}
    }
}
