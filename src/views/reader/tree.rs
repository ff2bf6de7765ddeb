//! The outline as a WAI-ARIA tree (navigation treeview: `<a role="treeitem">` links, `role="group"`
//! children, roving tabindex), inside a pane that is a sidebar on wide screens and a drawer on
//! phones. Other parts of the plan (file info, preamble, attachments, key projects, tables) get a
//! separate list below the tree, outside it.

use std::sync::Arc;

use leptos::ev;
use leptos::prelude::*;
use planscope_model::nav::OutlineEntry;
use wasm_bindgen::JsCast;

use super::{dom, Ctx};
use crate::reader::{self, tree_el, tree_group_el, TreeAction, TreeKey};
use crate::route::Route;

/// State of the tree shared with the page.
#[derive(Clone, Copy)]
pub struct TreeState {
    pub entries: StoredValue<Arc<Vec<OutlineEntry>>>,
    pub expanded: RwSignal<Vec<bool>>,
    /// The item with tabindex=0.
    pub focus: RwSignal<usize>,
    pub drawer: RwSignal<bool>,
}

pub const PANE_ID: &str = "ps-outline-pane";
pub const TOC_BUTTON_ID: &str = "ps-toc-button";

fn items(
    ids: &[usize],
    kids: &Arc<Vec<Vec<usize>>>,
    st: TreeState,
    ctx: Ctx,
    plan: &str,
) -> AnyView {
    ids.iter()
        .map(|&i| {
            let e = st.entries.with_value(|e| e[i].clone());
            let has = !kids[i].is_empty();
            let id = e.id.clone();
            let current = move || ctx.spy.with(|s| s.as_deref() == Some(id.as_str())).then_some("location");
            let expanded = move || has.then(|| if st.expanded.with(|x| x.get(i).copied().unwrap_or(false)) { "true" } else { "false" });
            let group = has.then(|| {
                view! {
                    <ul role="group" id=tree_group_el(&e.id) class="ps-tree__group" hidden=move || !st.expanded.with(|x| x.get(i).copied().unwrap_or(false))>
                        {items(&kids[i], kids, st, ctx, plan)}
                    </ul>
                }
            });
            // A real button per collapsible entry, before the link (a button cannot sit inside
            // a link): screen readers reach it by swiping and open it with a double tap, where a
            // treeview's arrow keys do not exist. tabindex=-1 keeps the tree one tab stop (the
            // arrow keys still fold from the keyboard) while the button stays focusable and in
            // the accessibility tree.
            let toggle = has.then(|| {
                let (label, title) = (e.label.clone(), e.title.clone());
                let open = move || st.expanded.with(|x| x.get(i).copied().unwrap_or(false));
                view! {
                    <button type="button" class="ps-tree__toggle" data-toggle=i.to_string() tabindex="-1"
                        aria-controls=tree_group_el(&e.id)
                        aria-expanded=move || if open() { "true" } else { "false" }
                        aria-label=move || reader::toggle_name(&label, &title, open())></button>
                }
            });
            let link = view! {
                <a
                    role="treeitem"
                    id=tree_el(&e.id)
                    class="ps-tree__item ps-outline__link"
                    href=Route::section(plan, &e.id).href()
                    data-level=e.level.to_string()
                    data-idx=i.to_string()
                    aria-expanded=expanded
                    aria-current=current
                    tabindex=move || if st.focus.get() == i { "0" } else { "-1" }
                >
                    <span class="ps-tree__label">{e.label.trim().to_owned()}</span>
                    <span class="ps-tree__text">{e.title.clone()}</span>
                </a>
            }
            .attr("aria-level", e.depth.to_string());
            view! { <li role="none" class="ps-tree__entry">{toggle}{link}{group}</li> }
        })
        .collect_view()
        .into_any()
}

fn idx_of(target: &web_sys::Element) -> Option<usize> {
    target
        .closest("[role=treeitem]")
        .ok()
        .flatten()?
        .get_attribute("data-idx")?
        .parse()
        .ok()
}

fn activate(st: TreeState, i: usize) {
    if let Some(id) = st.entries.with_value(|e| e.get(i).map(|e| tree_el(&e.id))) {
        if let Some(el) = dom::by_id(&id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
            el.click();
        }
    }
}

fn focus_item(st: TreeState, i: usize) {
    st.focus.set(i);
    if let Some(id) = st.entries.with_value(|e| e.get(i).map(|e| tree_el(&e.id))) {
        if let Some(el) = dom::by_id(&id) {
            dom::focus(&el);
            dom::keep_in_pane(&id, PANE_ID);
        }
    }
}

fn close_drawer(st: TreeState) {
    if st.drawer.get_untracked() {
        st.drawer.set(false);
        dom::focus_id(TOC_BUTTON_ID);
    }
}

/// The outline pane: heading, tree, other parts, close button (phones).
#[component]
pub fn OutlinePane(ctx: Ctx, st: TreeState, other: Vec<(String, String)>) -> impl IntoView {
    let plan = ctx.plan_id();
    let (roots, kids) = st.entries.with_value(|e| {
        let mut kids = vec![Vec::new(); e.len()];
        let mut roots = Vec::new();
        for (i, x) in e.iter().enumerate() {
            match x.parent {
                Some(p) => kids[p].push(i),
                None => roots.push(i),
            }
        }
        (roots, Arc::new(kids))
    });
    let count = st.entries.with_value(|e| e.len());
    let on_key = move |ev: ev::KeyboardEvent| {
        let Some(key) = TreeKey::from_key(&ev.key()) else {
            return;
        };
        if ev.alt_key() || ev.ctrl_key() || ev.meta_key() {
            return;
        }
        let target = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        // Enter and Space on a fold button press it (a native click, handled below).
        if target
            .as_ref()
            .is_some_and(|t| t.closest("button[data-toggle]").ok().flatten().is_some())
        {
            return;
        }
        ev.prevent_default();
        let cur = target
            .and_then(|t| idx_of(&t))
            .unwrap_or(st.focus.get_untracked());
        let action = st.entries.with_value(|e| {
            st.expanded
                .with_untracked(|x| reader::tree_action(e, x, cur, key))
        });
        match action {
            TreeAction::Focus(i) => focus_item(st, i),
            TreeAction::Expand(i) => st.expanded.update(|x| x[i] = true),
            TreeAction::Collapse(i) => st.expanded.update(|x| x[i] = false),
            TreeAction::Activate(i) => activate(st, i),
            TreeAction::Nothing => {}
        }
    };
    let on_click = move |ev: ev::MouseEvent| {
        let Some(t) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        if let Some(i) = t
            .closest("[data-toggle]")
            .ok()
            .flatten()
            .and_then(|e| e.get_attribute("data-toggle"))
            .and_then(|v| v.parse::<usize>().ok())
        {
            // The chevron folds; it does not navigate.
            ev.prevent_default();
            st.expanded.update(|x| x[i] = !x[i]);
            st.focus.set(i);
            return;
        }
        if let Some(i) = idx_of(&t) {
            st.focus.set(i);
        }
        if t.closest("a[href]").ok().flatten().is_some() {
            close_drawer(st);
        }
    };
    let on_pane_key = move |ev: ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            close_drawer(st);
        } else if ev.key() == "Tab" && st.drawer.get_untracked() {
            // The open drawer is modal: Tab and Shift+Tab cycle inside it.
            if let Some(pane) = ev
                .current_target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            {
                if dom::wrap_tab(&pane, ev.shift_key()) {
                    ev.prevent_default();
                }
            }
        }
    };
    let other_list = (!other.is_empty()).then(|| {
        let links = other
            .into_iter()
            .map(|(sec, label)| view! { <li><a class="ps-parts__link" href=Route::section(&plan, &sec).href()>{label}</a></li> })
            .collect_view();
        view! {
            <nav class="ps-parts" aria-label="其他部分" on:click=move |ev: ev::MouseEvent| {
                if ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).and_then(|t| t.closest("a[href]").ok().flatten()).is_some() {
                    close_drawer(st);
                }
            }>
                <h2 class="ps-pane__h">"其他部分"</h2>
                <ul class="ps-parts__list">{links}</ul>
            </nav>
        }
    });
    let plan2 = ctx.plan_id();
    view! {
        <div class="ps-backdrop" hidden=move || !st.drawer.get() on:click=move |_| close_drawer(st)></div>
        <div id="ps-outline-drawer" class="ps-pane ps-plan__outline" class:is-open=move || st.drawer.get() on:keydown=on_pane_key
            role=move || st.drawer.get().then_some("dialog")
            aria-modal=move || st.drawer.get().then_some("true")
            aria-labelledby=move || st.drawer.get().then_some("ps-outline-title")>
            <div class="ps-pane__head">
                <h2 id="ps-outline-title" class="ps-pane__h">{format!("目录（{count} 个标题）")}</h2>
                <button type="button" class="ps-button ps-button--small ps-pane__close" on:click=move |_| close_drawer(st)>
                    "关闭"
                </button>
            </div>
            <div id=PANE_ID class="ps-pane__body">
                {if count == 0 {
                    view! { <p class="ps-status">"暂未识别出这份规划的章节结构。"</p> }.into_any()
                } else {
                    view! {
                        <ul role="tree" class="ps-tree" aria-labelledby="ps-outline-title" on:keydown=on_key on:click=on_click
                            on:focusin=move |ev: ev::FocusEvent| {
                                if let Some(i) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).and_then(|t| idx_of(&t)) {
                                    st.focus.set(i);
                                }
                            }>
                            {items(&roots, &kids, st, ctx, &plan2)}
                        </ul>
                    }.into_any()
                }}
                {other_list}
            </div>
        </div>
    }
}
