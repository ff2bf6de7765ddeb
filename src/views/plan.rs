//! One plan: header, toolbar (目录 / 查找 / 分享 / 设置, where am I, previous/next), the outline
//! pane and the full text. The pieces are in `views/reader/`.

use std::collections::HashMap;
use std::sync::Arc;

use leptos::prelude::*;
use planscope_model::search::{find, text_units};
use planscope_model::{nav, Block, PlanDocument};

use super::common::{loaded, ReadyMarker, Wait};
use super::reader::body::{self, TaskFilter};
use super::reader::tools::{FindBar, NumberDialog, Settings, ShareDialog};
use super::reader::tree::{OutlinePane, TreeState, PANE_ID, TOC_BUTTON_ID};
use super::reader::{dom as rdom, Ctx, Hits};
use crate::data::{LoadError, LoadState};
use crate::dom;
use crate::format::{counts_zh, display_title, page_title, plan_facts};
use crate::island;
use crate::nav::Router;
use crate::reader::{self, tree_el, NumRef};
use crate::route::Route;
use crate::store::Store;

/// The page for `?plan=<id>`. Kept while only `sec` / `p` change.
#[component]
pub fn PlanPage(
    /// Plan id (validated by the route).
    id: String,
) -> impl IntoView {
    let store = Store::expect();
    let state = store.plan(&id);
    let id: Arc<str> = id.into();
    let target = Router::expect().target();
    Effect::new(move |_| {
        let title = state.with(|s| match s {
            LoadState::Loading => None,
            LoadState::Failed(error) => Some(error_title(error).to_owned()),
            LoadState::Ready(doc) => Some(display_title(&doc.metadata.title)),
        });
        dom::set_title(&page_title(title.as_deref()));
    });
    // The page written at build time is this plan's (`plan-<id>.html`, opened directly or from a
    // QR code): the app attaches to it (islands) instead of drawing the text again.
    let islands = !dom::html_has_class("ps-boot-other")
        && dom::prerendered_file().as_deref() == Some(crate::route::plan_file(&id).as_str());
    move || match state.get() {
        // The static page is what the reader sees until the islands are mounted.
        LoadState::Loading if islands => ().into_any(),
        s => {
            let id = id.clone();
            let wait = Wait {
                what: "规划",
                error_title,
                on_retry: Callback::new(move |()| store.retry_plan(&id)),
                home: true,
            };
            loaded(s, wait, |doc| {
                if islands {
                    view! { <PlanIslands doc target /> }.into_any()
                } else {
                    view! { <PlanView doc target /> }.into_any()
                }
            })
        }
    }
}

fn error_title(error: &LoadError) -> &'static str {
    match error {
        LoadError::NotFound { .. } => "找不到这份规划",
        _ => "无法加载这份规划",
    }
}

/// Parts of the plan outside the outline tree, for the list below it: (id, label).
fn other_parts(doc: &PlanDocument, has_preamble: bool) -> Vec<(String, String)> {
    let mut out = vec![("0".to_owned(), "文件信息与原文".to_owned())];
    if has_preamble {
        out.push(("preamble".to_owned(), "前言".to_owned()));
    }
    for t in &doc.indicator_tables {
        let cap = t
            .caption
            .as_ref()
            .map(|c| c.text.clone())
            .unwrap_or_else(|| "主要指标".to_owned());
        out.push((t.id.clone(), format!("指标表：{cap}")));
    }
    for k in &doc.key_projects {
        out.push((k.id.clone(), format!("{}：{}", k.label, k.title)));
    }
    for (i, a) in doc.appendix.iter().enumerate() {
        out.push((a.id.clone(), format!("附件{}：{}", i + 1, a.title)));
    }
    for t in &doc.task_tables {
        let cap = t
            .caption
            .as_ref()
            .map(|c| c.text.clone())
            .unwrap_or_else(|| "任务分工".to_owned());
        out.push((t.id.clone(), format!("任务分工表：{cap}")));
    }
    if !doc.back.is_empty() {
        out.push(("B".to_owned(), "版记".to_owned()));
    }
    out
}

/// The reader's state, shared by its parts (toolbar, outline, text, dialogs).
#[derive(Clone)]
struct Reading {
    ctx: Ctx,
    st: TreeState,
    query: RwSignal<String>,
    current: RwSignal<Option<usize>>,
    total: Memo<usize>,
    find_open: RwSignal<bool>,
    share_open: RwSignal<bool>,
    /// Marked numbers by key, for the one click listener on the text.
    num_refs: StoredValue<Arc<HashMap<String, NumRef>>>,
}

impl Reading {
    fn new(doc: &Arc<PlanDocument>, target: Memo<(Option<String>, Option<String>)>) -> Reading {
        let entries = Arc::new(nav::outline(doc));
        let docv = StoredValue::new(doc.clone());
        let (sec0, para0) = target.get_untracked();
        let start = para0
            .as_deref()
            .and_then(|p| nav::section_of(doc, p))
            .map(|s| s.id.clone())
            .or(sec0.clone());
        let start_idx = start
            .as_deref()
            .and_then(|s| entries.iter().position(|e| e.id == s))
            .unwrap_or(0);
        let st = TreeState {
            expanded: RwSignal::new(reader::initial_expanded(&entries, start.as_deref())),
            entries: StoredValue::new(entries),
            focus: RwSignal::new(start_idx),
            drawer: RwSignal::new(false),
        };
        // `find=<words>` (the links of search results): the find bar opens on those words, with
        // the first hit in the target paragraph current.
        let find0 = crate::search::find_param(&Router::expect().search_untracked());
        let query = RwSignal::new(find0.clone());
        let hits = Memo::new(move |_| {
            let q = query.get();
            docv.with_value(|d| {
                let units = text_units(d);
                let found = find(&units, &q);
                Arc::new(Hits {
                    by_unit: reader::hit_map(&units, &found),
                    total: found.len(),
                })
            })
        });
        let current = RwSignal::new(if find0.is_empty() {
            None
        } else {
            crate::search::first_hit(&text_units(doc), &find0, para0.as_deref(), sec0.as_deref())
        });
        Reading {
            ctx: Ctx {
                doc: docv,
                numbers: StoredValue::new(Arc::new(reader::number_spans(doc))),
                hits,
                info: RwSignal::new(None),
                spy: RwSignal::new(start),
            },
            st,
            query,
            current,
            total: Memo::new(move |_| hits.with(|h| h.total)),
            find_open: RwSignal::new(!find0.is_empty()),
            share_open: RwSignal::new(false),
            num_refs: StoredValue::new(Arc::new(reader::num_refs(doc))),
        }
    }

    /// What the reader does beyond its components, on the page as it is (drawn by the app or
    /// written at build time): scroll-spy, deep links, the outline following the reader, find
    /// marks, focus in the drawer. Effects: nothing runs while rendering to HTML.
    fn behave(&self, target: Memo<(Option<String>, Option<String>)>) {
        let Reading {
            ctx,
            st,
            current,
            query,
            ..
        } = self.clone();
        let entries = st.entries.get_value();
        rdom::html_class("ps-reading", true);
        on_cleanup(|| rdom::html_class("ps-reading", false));
        Effect::new(move |_| rdom::install_spy(ctx.spy));
        on_cleanup(rdom::uninstall_spy);
        // Deep links: `#s-` / `#p-` (and `sec=` / `p=`) scroll to and mark their target, on load
        // and on every change.
        let tree_entries = entries.clone();
        Effect::new(move |first: Option<()>| {
            let (sec, para) = target.get();
            // A later link into this plan (same page, another fragment) with the find bar in
            // use: the first hit in its target becomes current, as when the page opened.
            let q = query.get_untracked();
            if first.is_some() && !q.trim().is_empty() {
                let hit = ctx.doc.with_value(|d| {
                    crate::search::first_hit(&text_units(d), &q, para.as_deref(), sec.as_deref())
                });
                current.set(hit);
            }
            let in_tree = para
                .as_deref()
                .and_then(|p| {
                    ctx.doc
                        .with_value(|d| nav::section_of(d, p).map(|s| s.id.clone()))
                })
                .or_else(|| sec.clone());
            if let Some(i) = in_tree
                .as_deref()
                .and_then(|s| tree_entries.iter().position(|e| e.id == s))
            {
                st.expanded
                    .update(|x| reader::expand_to(&tree_entries, x, i));
                st.focus.set(i);
            }
            if in_tree.is_some() {
                ctx.spy.set(in_tree.clone());
            }
            if let Some(el) = reader::target_el(sec.as_deref(), para.as_deref()) {
                if rdom::go_to(&el) && in_tree.is_some() {
                    rdom::pin_spy();
                }
            }
        });
        // The current heading stays visible in the outline pane.
        let spy_entries = entries;
        Effect::new(move |_| {
            if let Some(s) = ctx.spy.get() {
                if let Some(i) = spy_entries.iter().position(|e| e.id == s) {
                    if !st
                        .expanded
                        .with_untracked(|x| reader::visible(&spy_entries, x).contains(&i))
                    {
                        st.expanded
                            .update(|x| reader::expand_to(&spy_entries, x, i));
                    }
                }
                request_animation_frame(move || rdom::keep_in_pane(&tree_el(&s), PANE_ID));
            }
        });
        // Find: hits are marked in the text that is in the page (the paragraphs stay the same
        // elements), then the active one is marked current and scrolled to.
        Effect::new(move |prev: Option<Arc<Hits>>| {
            let h = ctx.hits.get();
            if prev.is_none_or(|p| !Arc::ptr_eq(&p, &h)) {
                rdom::mark_hits(&h.by_unit);
            }
            rdom::show_hit(current.get());
            h
        });
        // Opening the drawer moves focus to the current outline item.
        Effect::new(move |prev: Option<bool>| {
            let open = st.drawer.get();
            if open && prev == Some(false) {
                let i = st.focus.get_untracked();
                if let Some(id) = st.entries.with_value(|e| e.get(i).map(|e| tree_el(&e.id))) {
                    request_animation_frame(move || {
                        rdom::focus_id(&id);
                        rdom::keep_in_pane(&id, PANE_ID);
                    });
                }
            }
            open
        });
    }

    /// The one click listener of the text: a marked number opens its dialog.
    fn on_text_click(&self) -> impl Fn(web_sys::MouseEvent) + Clone + 'static {
        let (ctx, refs) = (self.ctx, self.num_refs);
        move |ev: web_sys::MouseEvent| {
            use wasm_bindgen::JsCast;
            let Some(button) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|t| t.closest("button.ps-num").ok().flatten())
            else {
                return;
            };
            let id = button.id();
            let Some(r) = id
                .strip_prefix("q-")
                .and_then(|k| refs.with_value(|m| m.get(k).copied()))
            else {
                return;
            };
            if let Some(info) = ctx.doc.with_value(|d| reader::num_info(d, r)) {
                ctx.info.set(Some((info, id)));
            }
        }
    }
}

/// The toolbar: 目录 / 查找 / 分享 / 设置, the find bar, where the reader is.
#[component]
fn Toolbar(r: Reading) -> impl IntoView {
    let Reading {
        ctx,
        st,
        query,
        current,
        total,
        find_open,
        share_open,
        ..
    } = r;
    view! {
        <div class="ps-toolbar">
            <div class="ps-toolbar__row">
                <button
                    type="button"
                    id=TOC_BUTTON_ID
                    class="ps-tool ps-toc-button"
                    aria-controls="ps-outline-drawer"
                    aria-expanded=move || if st.drawer.get() { "true" } else { "false" }
                    on:click=move |_| st.drawer.set(true)
                >
                    "目录"
                </button>
                <button
                    type="button"
                    id="ps-find-button"
                    class="ps-tool"
                    aria-expanded=move || if find_open.get() { "true" } else { "false" }
                    on:click=move |_| {
                        let open = !find_open.get_untracked();
                        find_open.set(open);
                        if open {
                            request_animation_frame(|| rdom::focus_id("ps-find-input"));
                        }
                    }
                >
                    "查找"
                </button>
                <button type="button" id="ps-share-button" class="ps-tool" aria-haspopup="dialog" on:click=move |_| share_open.set(true)>
                    "分享"
                </button>
                <Settings />
            </div>
            <FindBar query current total open=find_open />
            <Where ctx />
        </div>
    }
}

/// The whole reader drawn by the app (a plan with no page of its own, e.g. added after the
/// build) or rendered to HTML by the static build (`plan-<id>.html`).
#[component]
fn PlanView(
    doc: Arc<PlanDocument>,
    target: Memo<(Option<String>, Option<String>)>,
) -> impl IntoView {
    let meta = &doc.metadata;
    let title = display_title(&meta.title);
    let facts = plan_facts(meta)
        .into_iter()
        .map(|f| view! { <div class="ps-facts__row"><dt>{f.label}</dt><dd>{f.value}</dd></div> })
        .collect_view();
    let counts = counts_zh(&doc.index_entry().counts);
    let plan_id = doc.id.clone();
    let r = Reading::new(&doc, target);
    let ctx = r.ctx;
    dom::set_ready(false);
    r.behave(target);
    let on_text_click = r.on_text_click();

    // --- the text -----------------------------------------------------------------------------
    let split = reader::preamble_start(&doc.front);
    let (wrapper, preamble) = doc.front.split_at(split);
    let has_preamble = preamble.iter().any(|b| matches!(b, Block::Paragraph(_)));
    let other = other_parts(&doc, has_preamble);
    let front = (!wrapper.is_empty()).then(|| body::front_info(ctx, &doc, wrapper));
    let pre = has_preamble.then(|| {
        view! {
            <section id="s-preamble" class="ps-preamble" aria-label="前言" tabindex="-1">
                {body::blocks(ctx, &doc, preamble)}
            </section>
        }
    });
    let main_text = body::sections(ctx, &doc, &doc.sections, 1);
    let appendix = doc
        .appendix
        .iter()
        .map(|a| {
            view! {
                <section id=reader::section_el(&a.id) class="ps-attach" aria-label=a.title.clone() tabindex="-1">
                    {body::blocks(ctx, &doc, &a.blocks)}
                </section>
            }
        })
        .collect_view();
    let back = (!doc.back.is_empty()).then(|| {
        view! {
            <section id="s-B" class="ps-back" aria-label="版记" tabindex="-1">{body::blocks(ctx, &doc, &doc.back)}</section>
        }
    });
    let source_link = Route::section(&plan_id, "0").href();
    let st = r.st;

    view! {
        <article class="ps-plan">
            <header class="ps-plan__head">
                <nav class="ps-crumbs" aria-label="位置">
                    <a href=Route::Library.href()>"规划库"</a>
                </nav>
                <h1 class="ps-title">{title}</h1>
                {meta.notice_title.clone().map(|n| view! { <p class="ps-plan__notice">{n}</p> })}
                <dl class="ps-facts ps-facts--plan">{facts}</dl>
                {(!counts.is_empty()).then(|| view! { <p class="ps-meta">{counts}</p> })}
                <p class="ps-plan__source">
                    <a href=source_link>"查看文件原文信息（通知、落款、目录）"</a>
                </p>
                <p class="ps-plan__source">
                    <a class="ps-plan__compare" href=Route::compare(std::slice::from_ref(&plan_id), None).href()>"与其他规划对比"</a>
                </p>
            </header>
            <Toolbar r=r.clone() />
            <div class="ps-reader">
                <OutlinePane ctx st other />
                <div class="ps-read" id="ps-read" on:click=on_text_click>
                    {front}
                    {pre}
                    {main_text}
                    {appendix}
                    {back}
                </div>
            </div>
        </article>
        <ShareDialog open=r.share_open />
        <NumberDialog ctx />
        <ReadyMarker />
    }
}

/// The media query of the layout with the outline as a sidebar (`style/reader.css`); narrower,
/// it is a drawer.
const SIDEBAR_QUERY: &str = "(min-width: 60rem)";

/// The reader over its page written at build time (`plan-<id>.html`): the text, tables and boxes
/// stay the nodes the browser parsed; the interactive parts — toolbar (find, share, settings,
/// where am I), outline tree and drawer, task filters, dialogs — are mounted in place of their
/// static copies (`island::replace`, same components, so nothing moves), and the text gets its
/// click listener (numbers) and find marks by DOM operations. Renders nothing itself.
///
/// The islands are mounted one group per task (toolbar; outline; task filters and dialogs; the
/// behaviours), so no task of the takeover blocks the page for long on a slow phone: the outline
/// of the largest seed alone is hundreds of tree items.
#[component]
fn PlanIslands(
    doc: Arc<PlanDocument>,
    target: Memo<(Option<String>, Option<String>)>,
) -> impl IntoView {
    use std::sync::atomic::{AtomicBool, Ordering};
    use wasm_bindgen::JsCast;
    let r = Reading::new(&doc, target);
    let owner = Owner::current().unwrap_or_default();
    let alive = Arc::new(AtomicBool::new(true));
    {
        let alive = alive.clone();
        on_cleanup(move || {
            alive.store(false, Ordering::Relaxed);
            dom::set_ready(false);
        });
    }
    let root = "#ps-prerendered";
    // Runs `f` under this component's owner while it is mounted; false once it has gone.
    let step = move |f: &mut dyn FnMut()| -> bool {
        if alive.load(Ordering::Relaxed) {
            owner.with(f);
        }
        alive.load(Ordering::Relaxed)
    };
    dom::mark("reading");
    leptos::task::spawn_local(async move {
        let ctx = r.ctx;
        let go = step(&mut || {
            let r = r.clone();
            island::replace(
                &island::find_all(&format!("{root} .ps-toolbar")),
                move || {
                    view! { <Toolbar r /> }
                },
            );
        });
        dom::mark("toolbar");
        dom::next_task().await;
        let split = reader::preamble_start(&doc.front);
        let has_preamble = doc.front[split..]
            .iter()
            .any(|b| matches!(b, Block::Paragraph(_)));
        let other = other_parts(&doc, has_preamble);
        let st = r.st;
        let mut other = Some(other);
        let mount_outline = move || {
            if let Some(other) = other.take() {
                island::replace(
                    &island::find_all(&format!("{root} .ps-backdrop, {root} #ps-outline-drawer")),
                    move || view! { <OutlinePane ctx st other /> },
                );
                dom::mark("outline");
            }
        };
        // Where the outline is a closed drawer (narrower than the sidebar layout, `reader.css`:
        // 60rem), its hundreds of tree items are mounted when it first opens, or when the window
        // becomes wide enough to show it: on a phone the takeover then costs no task for a part
        // nobody sees. Until then the static copy is there (hidden; its links are plain links).
        let mut mount_outline = Some(mount_outline);
        let go = go
            && step(&mut || {
                let Some(mut mount) = mount_outline.take() else {
                    return;
                };
                let wide = rdom::media_signal(SIDEBAR_QUERY);
                if wide.get_untracked() {
                    mount();
                } else {
                    Effect::new(move |_| {
                        if st.drawer.get() || wide.get() {
                            mount();
                        }
                    });
                }
            });
        dom::next_task().await;
        let go = go
            && step(&mut || {
                for t in &doc.task_tables {
                    let t = t.clone();
                    let sel = format!(
                        "{root} [id=\"{}\"] > .ps-tasks__filter",
                        reader::section_el(&t.id)
                    );
                    island::replace(
                        &island::find_all(&sel),
                        move || view! { <TaskFilter table=t /> },
                    );
                }
                let share_open = r.share_open;
                island::replace(
                    &island::find_all(&format!("{root} dialog.ps-share")),
                    move || {
                        view! { <ShareDialog open=share_open /> }
                    },
                );
                island::replace(
                    &island::find_all(&format!("{root} dialog.ps-num-dialog")),
                    move || {
                        view! { <NumberDialog ctx /> }
                    },
                );
            });
        dom::mark("dialogs");
        dom::next_task().await;
        if go {
            step(&mut || {
                if let Some(text) = island::find_all(&format!("{root} #ps-read"))
                    .into_iter()
                    .next()
                {
                    let on_click = r.on_text_click();
                    let listener =
                        wasm_bindgen::closure::Closure::<dyn Fn(web_sys::MouseEvent)>::new(
                            on_click,
                        );
                    let _ = text.add_event_listener_with_callback(
                        "click",
                        listener.as_ref().unchecked_ref(),
                    );
                    // The text lives as long as the page.
                    listener.forget();
                }
                r.behave(target);
                Effect::new(|_| dom::mark_ready());
            });
            dom::mark("behave");
        }
    });
}

/// Where the reader is: previous section, the path to the current one, next section.
#[component]
fn Where(ctx: Ctx) -> impl IntoView {
    let plan = ctx.plan_id();
    move || {
        let s = ctx.spy.get();
        ctx.doc.with_value(|d| {
            let crumbs = s.as_deref().map(|s| nav::breadcrumbs(d, s)).unwrap_or_default();
            let (prev, next) = match s.as_deref() {
                Some(s) => nav::prev_next(d, s),
                None => (None, d.sections.first()),
            };
            let link = |sec: Option<&planscope_model::Section>, text: &'static str, what: &'static str, class: &'static str| match sec {
                Some(x) => view! {
                    <a class=class href=Route::section(&plan, &x.id).href() aria-label=format!("{what}：{}{}", x.label.trim(), x.title)>{text}</a>
                }
                .into_any(),
                None => view! { <span class=format!("{class} is-disabled") aria-hidden="true">{text}</span> }.into_any(),
            };
            let n = crumbs.len();
            let path = crumbs
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    if i + 1 == n {
                        view! { <span class="ps-where__here" aria-current="location">{format!("{}{}", c.label.trim(), c.title)}</span> }.into_any()
                    } else {
                        view! {
                            <a class="ps-where__up" href=Route::section(&plan, &c.id).href() aria-label=format!("{}{}", c.label.trim(), c.title)>{c.label.trim().to_owned()}</a>
                            <span class="ps-where__sep" aria-hidden="true">"›"</span>
                        }
                        .into_any()
                    }
                })
                .collect_view();
            view! {
                <nav class="ps-where" aria-label="当前位置">
                    {link(prev, "‹", "上一节", "ps-where__prev")}
                    <span class="ps-where__path">{if n == 0 { Some("本规划全文") } else { None }}{path}</span>
                    {link(next, "›", "下一节", "ps-where__next")}
                </nav>
            }
        })
    }
}
