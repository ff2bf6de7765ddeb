//! The first screen: the plans in `data/index.json`, with filters and sorting kept in the query
//! string (`?region=…&kind=…&period=…&sort=…&page=…`), so a filtered library is a link to share.
//! Filters, counts and order cover every plan; one page (`library::PAGE_SIZE` cards) is drawn,
//! with a pager of links (`library-<n>.html` unfiltered, so the static pages chain with
//! JavaScript off).
//!
//! The unfiltered library is also rendered to `index.html` at build time (`planscope-site`, the
//! same component); see `crate::dom::set_ready` for how the live view takes over.

use std::sync::Arc;

use leptos::prelude::*;
use planscope_model::{IndexEntry, PlanIndex};

use super::common::{loaded, use_title, wait_index, ReadyMarker};
use crate::format::{card_facts, card_tags, counts_zh};
use crate::library::{
    card_title, facets, page_label_zh, page_of, pager, parse_period, select, sort_options,
    summary_zh, LibraryQuery, MenuOption, SortKey, COMPARE_LINK, FILTERS, HEADING, LEAD,
    OVERVIEW_LINK,
};
use crate::nav::Router;
use crate::route::Route;
use crate::store::Store;

/// The plan library.
#[component]
pub fn Library() -> impl IntoView {
    use_title(None);
    let store = Store::expect();
    let router = Router::expect();
    let query = Memo::new(move |_| LibraryQuery::from_query(&router.search()));
    move || {
        loaded(store.index(), wait_index(store, false), |index| {
            view! { <LibraryView index query router /> }.into_any()
        })
    }
}

#[component]
fn LibraryView(index: Arc<PlanIndex>, query: Memo<LibraryQuery>, router: Router) -> impl IntoView {
    let total = index.plans.len();
    let shown = {
        let index = Arc::clone(&index);
        Memo::new(move |_| query.with(|q| select(&index.plans, q)))
    };
    let menus = {
        let index = Arc::clone(&index);
        Memo::new(move |_| {
            query.with(|q| {
                let f = facets(&index.plans, q);
                [f.regions, f.kinds, f.periods, sort_options(q)]
            })
        })
    };
    // A menu change rewrites the address (replaceState: the back button leaves the library
    // rather than stepping through every filter) and the list follows the route.
    let choose = move |name: &str, value: String| {
        let mut q = query.get_untracked().first_page();
        match name {
            "region" => q.region = (!value.is_empty()).then_some(value),
            "kind" => q.kind = planscope_model::PlanKind::from_str_opt(&value),
            "period" => q.period = parse_period(&value),
            _ => q.sort = SortKey::from_str_opt(&value).unwrap_or_default(),
        }
        router.replace(&q.href());
    };
    let selects = FILTERS
        .iter()
        .enumerate()
        .map(|(i, &(id, name, label))| {
            let options = move || menus.with(|m| m[i].iter().map(option_view).collect_view());
            view! {
                <div class="ps-filter">
                    <label class="ps-filter__label" for=id>{label}</label>
                    <select
                        class="ps-filter__select"
                        id=id
                        name=name
                        on:change=move |ev| choose(name, event_target_value(&ev))
                    >
                        {options}
                    </select>
                </div>
            }
        })
        .collect_view();
    let summary = move || {
        let filtered = query.with(LibraryQuery::is_filtered);
        summary_zh(shown.with(Vec::len), total, filtered)
    };
    let clear = move || {
        query.with(LibraryQuery::is_filtered).then(|| {
            let keep = LibraryQuery {
                sort: query.with(|q| q.sort),
                ..LibraryQuery::default()
            };
            view! { " · " <a href=keep.href()>"清除筛选"</a> }
        })
    };
    let empty = move || {
        shown.with(Vec::is_empty).then(|| {
            view! { <p class="ps-status ps-library__empty">"没有符合条件的规划，请换个条件试试。"</p> }
        })
    };
    let cards = {
        let index = Arc::clone(&index);
        move |i: usize| plan_card(&index.plans[i])
    };
    let on_page = Memo::new(move |_| shown.with(|s| query.with(|q| page_of(s, q).to_vec())));
    let pages = move || {
        let p = query.with(|q| pager(q, shown.with(Vec::len)))?;
        let link = |href: Option<String>, text: &'static str, rel: &'static str| match href {
            Some(h) => view! { <a class="ps-pager__step" href=h rel=rel>{text}</a> }.into_any(),
            None => {
                view! { <span class="ps-pager__step" aria-disabled="true">{text}</span> }.into_any()
            }
        };
        let numbers = p
            .pages
            .iter()
            .map(|slot| match slot {
                None => view! { <li class="ps-pager__gap">"…"</li> }.into_any(),
                Some((n, Some(href))) => view! {
                    <li><a class="ps-pager__page" href=href.clone()>{n.to_string()}</a></li>
                }
                .into_any(),
                Some((n, None)) => view! {
                    <li><span class="ps-pager__page" aria-current="page">{n.to_string()}</span></li>
                }
                .into_any(),
            })
            .collect_view();
        Some(view! {
            <nav class="ps-pager" aria-label="翻页">
                {link(p.prev.clone(), "上一页", "prev")}
                <span class="ps-pager__label">{page_label_zh(&p)}</span>
                {link(p.next.clone(), "下一页", "next")}
                <ul class="ps-pager__pages">{numbers}</ul>
            </nav>
        })
    };
    view! {
        <div class="ps-library">
            <h1 class="ps-title">{HEADING}</h1>
            <p class="ps-lead">{LEAD}</p>
            <form class="ps-filters" role="search" aria-label="筛选和排序" on:submit=|ev| ev.prevent_default()>
                {selects}
            </form>
            <p class="ps-meta">
                <span role="status">{summary}</span>
                " · "
                <a href=Route::Overview.href()>{OVERVIEW_LINK}</a>
                " · "
                <a href=Route::compare(&[], None).href()>{COMPARE_LINK}</a>
                {clear}
            </p>
            {empty}
            <ul class="ps-cards" aria-label="规划列表">
                <For each=move || on_page.get() key=|i| *i children=cards />
            </ul>
            {pages}
            // Plans opened on this device (issue 14): a separate hook, after the built list.
            <crate::views::LocalShelf />
            <ReadyMarker />
        </div>
    }
}

fn option_view(o: &MenuOption) -> impl IntoView + use<> {
    // `selected` as an attribute (what the static page has) and as a property (what the
    // browser honours once the reader has touched the menu).
    view! {
        <option value=o.value.clone() selected=o.selected prop:selected=o.selected disabled=o.disabled>
            {o.label.clone()}
        </option>
    }
}

fn plan_card(entry: &IndexEntry) -> impl IntoView + use<> {
    let tags = card_tags(entry)
        .into_iter()
        .map(|t| view! { <li class="ps-card__tag">{t}</li> })
        .collect_view();
    let facts = card_facts(entry)
        .into_iter()
        .map(|f| view! { <div class="ps-facts__row"><dt>{f.label}</dt><dd>{f.value}</dd></div> })
        .collect_view();
    let counts = counts_zh(&entry.counts);
    view! {
        <li class="ps-card" data-plan=entry.id.clone()>
            <h2 class="ps-card__title">
                <a class="ps-card__link" href=Route::plan(&entry.id).href()>{card_title(entry)}</a>
            </h2>
            <ul class="ps-card__tags">{tags}</ul>
            <dl class="ps-facts">{facts}</dl>
            {(!counts.is_empty()).then(|| view! { <p class="ps-card__counts">{counts}</p> })}
        </li>
    }
}
