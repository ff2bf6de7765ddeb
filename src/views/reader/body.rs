//! The reading pane: front matter, every section with its paragraphs, tables and boxes,
//! attachments and closing matter. Plan text is only ever a text node (or inside `<mark>` /
//! number buttons made of text nodes).

use leptos::prelude::*;
use planscope_model::{
    Block, Cell, GenericTable, IndicatorTable, KeyProject, Paragraph, ParagraphRole, PlanDocument,
    Section, TaskTable,
};

use super::Ctx;
use crate::reader::{
    self, dept_role, num_el, para_el, pieces, section_el, NumRef, NumSpan, Piece, Run,
};
use crate::route::Route;

fn runs(rs: Vec<Run>) -> impl IntoView {
    rs.into_iter()
        .map(|r| match r.hit {
            Some(n) => {
                view! { <mark class="ps-hit" data-hit=n.to_string()>{r.text}</mark> }.into_any()
            }
            None => view! { {r.text} }.into_any(),
        })
        .collect_view()
}

/// One text unit, with its marked numbers as buttons. Static: find hits are marked in the page
/// by `dom::mark_hits` (the same whether this view was mounted by the app or written at build
/// time), and a number's dialog opens from the one click listener on the text (`plan.rs`).
/// `key` is the unit's search key (`planscope_model::search::text_units`).
pub fn unit(ctx: Ctx, key: String, text: String, numbers: Vec<NumSpan>) -> impl IntoView {
    let _ = key;
    pieces(&text, &numbers, &[])
        .into_iter()
        .map(|p| match p {
            Piece::Plain(rs) => runs(rs).into_any(),
            Piece::Number(r, rs) => number_button(ctx, r, rs).into_any(),
        })
        .collect_view()
}

fn number_button(ctx: Ctx, r: NumRef, rs: Vec<Run>) -> impl IntoView {
    let key = ctx.doc.with_value(|d| reader::num_key(d, r));
    let kind = match r {
        NumRef::Base(_) => "ps-num ps-num--base",
        NumRef::Target(_) => "ps-num ps-num--target",
        NumRef::Indicator(..) => "ps-num ps-num--ind",
    };
    view! {
        <button type="button" class=kind id=num_el(&key) aria-haspopup="dialog">
            {runs(rs)}
        </button>
    }
}

fn plain(ctx: Ctx, key: String, text: &str) -> impl IntoView {
    unit(ctx, key, text.to_owned(), Vec::new())
}

fn para_class(role: Option<ParagraphRole>) -> &'static str {
    match role {
        Some(ParagraphRole::Bullet) => "ps-p ps-p--bullet",
        Some(ParagraphRole::NoticeTitle | ParagraphRole::Title) => "ps-p ps-p--title",
        Some(ParagraphRole::Signature | ParagraphRole::Date | ParagraphRole::DocNumber) => {
            "ps-p ps-p--sign"
        }
        Some(ParagraphRole::Imprint | ParagraphRole::PageMeta) => "ps-p ps-p--meta",
        Some(ParagraphRole::Caption) => "ps-p ps-p--caption",
        Some(ParagraphRole::Toc) => "ps-p ps-p--toc",
        _ => "ps-p",
    }
}

pub fn paragraph(ctx: Ctx, p: &Paragraph) -> impl IntoView {
    let numbers = ctx
        .numbers
        .with_value(|n| n.get(&p.id).cloned().unwrap_or_default());
    view! {
        <p id=para_el(&p.id) class=para_class(p.role) tabindex="-1">
            {unit(ctx, p.id.clone(), p.text.clone(), numbers)}
        </p>
    }
}

pub fn blocks(ctx: Ctx, doc: &PlanDocument, bs: &[Block]) -> impl IntoView {
    bs.iter()
        .map(|b| match b {
            Block::Paragraph(p) => paragraph(ctx, p).into_any(),
            Block::KeyProject { index } => match doc.key_projects.get(*index as usize) {
                Some(k) => key_project(ctx, k).into_any(),
                None => ().into_any(),
            },
            Block::IndicatorTable { index } => match doc.indicator_tables.get(*index as usize) {
                Some(t) => indicator_table(ctx, *index as usize, t).into_any(),
                None => ().into_any(),
            },
            Block::TaskTable { index } => match doc.task_tables.get(*index as usize) {
                Some(t) => task_table(ctx, t).into_any(),
                None => ().into_any(),
            },
            Block::Table(t) => generic_table(ctx, t).into_any(),
        })
        .collect_view()
}

fn key_project(ctx: Ctx, k: &KeyProject) -> impl IntoView {
    let items = k.items.iter().map(|p| paragraph(ctx, p)).collect_view();
    let title_id = format!("kt-{}", k.id);
    let labelled = title_id.clone();
    view! {
        <aside id=section_el(&k.id) class="ps-box" aria-labelledby=labelled tabindex="-1">
            <p class="ps-box__label">{plain(ctx, format!("k:{}", k.id), &k.label)}</p>
            <p class="ps-box__title" id=title_id data-focus="1">{plain(ctx, format!("k:{}:t", k.id), &k.title)}</p>
            <div class="ps-box__items">{items}</div>
        </aside>
    }
}

fn caption(ctx: Ctx, table: &str, c: &Option<Cell>) -> impl IntoView {
    c.as_ref()
        .map(|c| view! { <caption>{plain(ctx, format!("t:{table}:cap"), &c.text)}</caption> })
}

fn indicator_table(ctx: Ctx, index: usize, t: &IndicatorTable) -> impl IntoView {
    let head = t
        .header
        .iter()
        .enumerate()
        .map(|(j, c)| view! { <th scope="col">{plain(ctx, format!("t:{}:0:{j}", t.id), &c.text)}</th> })
        .collect_view();
    let rows = t
        .rows
        .iter()
        .enumerate()
        .map(|(r, row)| {
            let cells = row
                .cells
                .iter()
                .enumerate()
                .map(|(j, c)| {
                    let key = format!("t:{}:{}:{j}", t.id, r + 1);
                    let len = c.text.chars().count();
                    let which = if row
                        .baseline
                        .as_ref()
                        .is_some_and(|v| v.src == c.src && !c.src.is_empty())
                    {
                        Some(false)
                    } else if row
                        .target
                        .as_ref()
                        .is_some_and(|v| v.src == c.src && !c.src.is_empty())
                    {
                        Some(true)
                    } else {
                        None
                    };
                    let numbers = which
                        .map(|w| vec![(0, len, NumRef::Indicator(index, r, w))])
                        .unwrap_or_default();
                    let content = unit(ctx, key, c.text.clone(), numbers);
                    if j == 0 {
                        view! { <th scope="row">{content}</th> }.into_any()
                    } else {
                        view! { <td>{content}</td> }.into_any()
                    }
                })
                .collect_view();
            view! { <tr id=para_el(&row.id)>{cells}</tr> }
        })
        .collect_view();
    view! {
        <div class="ps-table-wrap" id=section_el(&t.id) tabindex="0" role="region" aria-label="主要指标表">
            <table class="ps-table ps-table--ind">
                {caption(ctx, &t.id, &t.caption)}
                <thead><tr>{head}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <p class="ps-note">
            "点按表中数值可查看基数、目标和指标属性。"
            <a href=Route::indicators(&ctx.plan_id()).href()>"查看本规划全部指标"</a>
        </p>
    }
}

fn generic_table(ctx: Ctx, t: &GenericTable) -> impl IntoView {
    let rows = t
        .rows
        .iter()
        .enumerate()
        .map(|(r, row)| {
            let cells = row
                .iter()
                .enumerate()
                .map(|(j, c)| view! { <td>{plain(ctx, format!("t:{}:{}:{j}", t.id, r + 1), &c.text)}</td> })
                .collect_view();
            view! { <tr>{cells}</tr> }
        })
        .collect_view();
    view! {
        <div class="ps-table-wrap" id=section_el(&t.id) tabindex="0" role="region" aria-label="表格">
            <table class="ps-table ps-table--plain">{caption(ctx, &t.id, &t.caption)}<tbody>{rows}</tbody></table>
        </div>
    }
}

/// A responsibility table: a real table on wide screens, one card per row on phones, with a
/// department filter ([`TaskFilter`], the table's one interactive part) that tells 牵头 from 配合.
fn task_table(ctx: Ctx, t: &TaskTable) -> impl IntoView {
    let labels: Vec<String> = (0..4)
        .map(|j| {
            t.header
                .get(j)
                .map(|c| c.text.clone())
                .unwrap_or_else(|| ["序号", "项目名称", "目标任务", "责任部门"][j].to_owned())
        })
        .collect();
    let head = t
        .header
        .iter()
        .enumerate()
        .map(|(j, c)| view! { <th scope="col">{plain(ctx, format!("t:{}:0:{j}", t.id), &c.text)}</th> })
        .collect_view();
    let rows = t
        .rows
        .iter()
        .enumerate()
        .map(|(r, row)| {
            let cells = row
                .cells
                .iter()
                .enumerate()
                .map(|(j, c)| {
                    let label = labels.get(j).cloned().unwrap_or_default();
                    let content = plain(ctx, format!("t:{}:{}:{j}", t.id, r + 1), &c.text);
                    view! { <td data-label=label class=format!("ps-task__c{j}")>{content}</td> }
                })
                .collect_view();
            view! { <tr id=para_el(&row.id) class="ps-task">{cells}</tr> }
        })
        .collect_view();
    view! {
        <div class="ps-tasks" id=section_el(&t.id) tabindex="-1">
            <TaskFilter table=t.clone() />
            <table class="ps-table ps-table--tasks">
                {caption(ctx, &t.id, &t.caption)}
                <thead><tr>{head}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// The department filter of a responsibility table (`.ps-tasks__filter`): a select and a count.
/// The choice lives in the address (`dept-<table id>=…`), so a filtered table can be shared; rows
/// of other departments are hidden and each shown row gets a 牵头/配合 badge by DOM operations on
/// the table that is in the page (`dom::filter_tasks`), so the app mounts this component alone
/// over a page written at build time (`plan.rs`, islands).
#[component]
pub fn TaskFilter(table: TaskTable) -> impl IntoView {
    let depts = reader::departments(&table);
    let router = crate::nav::Router::expect();
    let param = crate::route::dept_param(&table.id);
    let initial = crate::route::parse_query(&router.search_untracked())
        .into_iter()
        .find(|(k, _)| *k == param)
        .map(|(_, v)| v)
        .filter(|v| depts.contains(v))
        .unwrap_or_default();
    let dept = RwSignal::new(initial);
    let choose = move |value: String| {
        router.replace(&crate::route::with_param(
            &router.search_untracked(),
            &param,
            &value,
        ));
        dept.set(value);
    };
    let total = table.rows.len();
    let table = StoredValue::new(table);
    let roles = Memo::new(move |_| {
        let d = dept.get();
        table.with_value(|t| {
            t.rows
                .iter()
                .map(|r| {
                    (
                        para_el(&r.id),
                        if d.is_empty() { None } else { dept_role(r, &d) },
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    Effect::new(move |first: Option<()>| {
        let d = dept.get();
        // Nothing to undo in the page as written when no department was ever chosen.
        if first.is_none() && d.is_empty() {
            return;
        }
        roles.with(|r| super::dom::filter_tasks(r, !d.is_empty()));
    });
    let shown = move || roles.with(|r| r.iter().filter(|(_, x)| x.is_some()).count());
    let select_id = table.with_value(|t| format!("ps-dept-{}", t.id));
    let options = depts
        .into_iter()
        .map(|d| {
            let selected = dept.get_untracked() == d;
            view! { <option value=d.clone() selected=selected>{d.clone()}</option> }
        })
        .collect_view();
    view! {
        <div class="ps-tasks__filter">
            <label for=select_id.clone()>"按责任部门筛选"</label>
            <select id=select_id class="ps-select" on:change=move |ev| choose(event_target_value(&ev))>
                <option value="">"全部部门"</option>
                {options}
            </select>
            <p class="ps-tasks__count" role="status">
                {move || {
                    let d = dept.get();
                    if d.is_empty() {
                        format!("共 {total} 项任务")
                    } else {
                        format!("{d}参与 {} 项（共 {total} 项）", shown())
                    }
                }}
            </p>
        </div>
    }
}

fn heading(depth: u8, id: String, content: AnyView) -> AnyView {
    let hid = format!("h-{id}");
    match depth {
        1 => view! { <h2 class="ps-sec__h" id=hid data-spy=id data-focus="1" tabindex="-1">{content}</h2> }.into_any(),
        2 => view! { <h3 class="ps-sec__h" id=hid data-spy=id data-focus="1" tabindex="-1">{content}</h3> }.into_any(),
        3 => view! { <h4 class="ps-sec__h" id=hid data-spy=id data-focus="1" tabindex="-1">{content}</h4> }.into_any(),
        _ => view! { <h5 class="ps-sec__h" id=hid data-spy=id data-focus="1" tabindex="-1">{content}</h5> }.into_any(),
    }
}

pub fn sections(ctx: Ctx, doc: &PlanDocument, ss: &[Section], depth: u8) -> AnyView {
    ss.iter()
        .map(|s| {
            let label = plain(ctx, format!("h:{}", s.id), s.label.trim());
            let title = plain(ctx, format!("h:{}:t", s.id), &s.title);
            let tail = (!s.title_tail.is_empty()).then(|| s.title_tail.clone());
            let link = Route::section(&doc.id, &s.id).href();
            let content = view! {
                <span class="ps-sec__label">{label}</span>
                <span class="ps-sec__title">{title}{tail}</span>
                <a class="ps-sec__link" href=link aria-label=format!("本节链接：{}{}", s.label.trim(), s.title)>"#"</a>
            }
            .into_any();
            let children = (!s.children.is_empty()).then(|| sections(ctx, doc, &s.children, depth.saturating_add(1)));
            view! {
                <section id=section_el(&s.id) class="ps-sec" data-level=s.level aria-labelledby=format!("h-{}", s.id)>
                    {heading(depth, s.id.clone(), content)}
                    {blocks(ctx, doc, &s.blocks)}
                    {children}
                </section>
            }
        })
        .collect_view()
        .into_any()
}

/// The front matter's wrapper (notice, title block, signature, 目录) as 文件信息, collapsed,
/// with the 目录 copy folded once more.
pub fn front_info(ctx: Ctx, doc: &PlanDocument, wrapper: &[Block]) -> impl IntoView {
    let toc_start = wrapper.iter().position(reader::is_toc);
    let toc_end = wrapper.iter().rposition(reader::is_toc).map(|i| i + 1);
    let (before, toc, after) = match (toc_start, toc_end) {
        (Some(s), Some(e)) => (&wrapper[..s], &wrapper[s..e], &wrapper[e..]),
        _ => (wrapper, &wrapper[..0], &wrapper[..0]),
    };
    let toc_view = (!toc.is_empty()).then(|| {
        let n = toc.len();
        view! {
            <details class="ps-toc-copy">
                <summary>{format!("原文目录（{n} 行，已整理为左侧目录）")}</summary>
                {blocks(ctx, doc, toc)}
            </details>
        }
    });
    view! {
        <details id=section_el("0") class="ps-front" tabindex="-1">
            <summary data-focus="1">"文件信息与原文（通知、落款、目录）"</summary>
            <div class="ps-front__body">
                {blocks(ctx, doc, before)}
                {toc_view}
                {blocks(ctx, doc, after)}
            </div>
        </details>
    }
}
