//! The library written into `index.html` at build time (`planscope prerender`), so that a reader
//! on a slow network sees the plans before the wasm module has arrived.
//!
//! The markup here is the markup of `views::library` for the unfiltered library, element for
//! element and class for class: the live app removes this block in the same task in which it
//! inserts its own, and nothing on screen moves. The browser suite compares the two.
//!
//! Every text and attribute value is HTML-escaped: titles come from plan texts.

use std::fmt::Write as _;

use planscope_model::{IndexEntry, PlanIndex};

use crate::format::{card_facts, card_tags, counts_zh};
use crate::library::{facets, select, sort_options, summary_zh, LibraryQuery, MenuOption};
use crate::route::Route;

/// Start and end markers of the block in `index.html` that [`fill`] replaces.
pub const START_MARKER: &str = "<!-- prerender:library -->";
pub const END_MARKER: &str = "<!-- /prerender -->";

/// `id` of the prerendered block; the app removes the element with this id when it takes over.
pub const BLOCK_ID: &str = "ps-prerendered";

/// The library's heading and introduction (shared with the live view).
pub const HEADING: &str = "教育规划库";
pub const LEAD: &str = "收录各地政府公开发布的教育规划，整理出目录、指标和目标，方便在手机上阅读。";
/// The label of the link to the charts.
pub const OVERVIEW_LINK: &str = "查看概览图表";
/// The label of the link to the comparison page (its plan picker).
pub const COMPARE_LINK: &str = "对比规划";

/// The filter menus: (`id`, `name`, label).
pub const FILTERS: [(&str, &str, &str); 4] = [
    ("ps-filter-region", "region", "地区"),
    ("ps-filter-kind", "kind", "类型"),
    ("ps-filter-period", "period", "规划期"),
    ("ps-filter-sort", "sort", "排序"),
];

/// Escapes `&<>"'` for text and for quoted attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A card's title, or a placeholder when the parser found none.
pub fn card_title(entry: &IndexEntry) -> String {
    if entry.title.trim().is_empty() {
        "（未识别标题）".to_owned()
    } else {
        entry.title.clone()
    }
}

/// The unfiltered library as static HTML, at most `limit` cards (the live app shows the rest;
/// the first screen only needs the first few, and the page must stay small).
pub fn library_html(index: &PlanIndex, limit: usize) -> String {
    let q = LibraryQuery::default();
    let plans = &index.plans;
    let shown = select(plans, &q);
    let f = facets(plans, &q);
    let menus = [f.regions, f.kinds, f.periods, sort_options(&q)];
    let mut h = String::new();
    let _ = write!(h, r#"<div class="ps-library" id="{BLOCK_ID}">"#);
    let _ = write!(
        h,
        r#"<h1 class="ps-title">{}</h1><p class="ps-lead">{}</p>"#,
        escape(HEADING),
        escape(LEAD)
    );
    h.push_str(r#"<form class="ps-filters" role="search" aria-label="筛选和排序">"#);
    for ((id, name, label), options) in FILTERS.iter().zip(&menus) {
        let _ = write!(
            h,
            r#"<div class="ps-filter"><label class="ps-filter__label" for="{id}">{label}</label><select class="ps-filter__select" id="{id}" name="{name}">"#
        );
        for o in options {
            option_html(&mut h, o);
        }
        h.push_str("</select></div>");
    }
    h.push_str("</form>");
    let _ = write!(
        h,
        r#"<p class="ps-meta"><span role="status">{}</span> · <a href="{}">{}</a> · <a href="{}">{}</a></p>"#,
        escape(&summary_zh(shown.len(), plans.len(), false)),
        escape(&Route::Overview.href()),
        escape(OVERVIEW_LINK),
        escape(&Route::compare(&[], None).href()),
        escape(COMPARE_LINK)
    );
    h.push_str(r#"<ul class="ps-cards" aria-label="规划列表">"#);
    for &i in shown.iter().take(limit) {
        card_html(&mut h, &plans[i]);
    }
    h.push_str("</ul></div>");
    h
}

fn option_html(h: &mut String, o: &MenuOption) {
    let _ = write!(
        h,
        r#"<option value="{}"{}{}>{}</option>"#,
        escape(&o.value),
        if o.selected { " selected" } else { "" },
        if o.disabled { " disabled" } else { "" },
        escape(&o.label)
    );
}

fn card_html(h: &mut String, e: &IndexEntry) {
    let _ = write!(
        h,
        r#"<li class="ps-card" data-plan="{}"><h2 class="ps-card__title"><a class="ps-card__link" href="{}">{}</a></h2><ul class="ps-card__tags">"#,
        escape(&e.id),
        escape(&Route::plan(&e.id).href()),
        escape(&card_title(e))
    );
    for tag in card_tags(e) {
        let _ = write!(h, r#"<li class="ps-card__tag">{}</li>"#, escape(&tag));
    }
    h.push_str(r#"</ul><dl class="ps-facts">"#);
    for f in card_facts(e) {
        let _ = write!(
            h,
            r#"<div class="ps-facts__row"><dt>{}</dt><dd>{}</dd></div>"#,
            escape(f.label),
            escape(&f.value)
        );
    }
    h.push_str("</dl>");
    let counts = counts_zh(&e.counts);
    if !counts.is_empty() {
        let _ = write!(h, r#"<p class="ps-card__counts">{}</p>"#, escape(&counts));
    }
    h.push_str("</li>");
}

/// Replaces what lies between [`START_MARKER`] and [`END_MARKER`] in `page` with `block`,
/// keeping the markers, so running it again on its own output gives the same page.
pub fn fill(page: &str, block: &str) -> Result<String, String> {
    let start = page
        .find(START_MARKER)
        .ok_or_else(|| format!("no `{START_MARKER}` marker in the page"))?;
    let inner = start + START_MARKER.len();
    let end = page[inner..]
        .find(END_MARKER)
        .map(|e| inner + e)
        .ok_or_else(|| format!("no `{END_MARKER}` after `{START_MARKER}`"))?;
    Ok(format!("{}{block}{}", &page[..inner], &page[end..]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use planscope_model::{Counts, Period, PlanKind, Region};

    fn index() -> PlanIndex {
        let entry = |id: &str, title: &str, published: &str| IndexEntry {
            id: id.into(),
            title: title.into(),
            kind: PlanKind::FiveYearPlan,
            region: Region {
                province: Some("广东省".into()),
                city: Some("揭阳市".into()),
                county: None,
            },
            issuer: Some("揭阳市人民政府办公室".into()),
            published_date: Some(published.into()),
            period: Some(Period {
                start: 2021,
                end: 2025,
            }),
            counts: Counts {
                sections: 3,
                targets: 2,
                ..Counts::default()
            },
            ..IndexEntry::default()
        };
        PlanIndex {
            schema_version: 1,
            plans: vec![
                entry(
                    "a",
                    r#"<script>alert("x")</script> & 'quoted'"#,
                    "2022-01-01",
                ),
                entry("b", "  ", "2023-01-01"),
            ],
        }
    }

    #[test]
    fn escapes_plan_text() {
        let html = library_html(&index(), 100);
        assert!(!html.contains("<script>"), "{html}");
        assert!(html
            .contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;"));
        assert!(html.contains(r#"<a class="ps-card__link" href="?plan=a">"#));
        assert!(html.contains("（未识别标题）"));
    }

    #[test]
    fn lists_in_library_order_with_menus_and_a_limit() {
        let html = library_html(&index(), 100);
        assert!(
            html.find(r#"data-plan="b""#) < html.find(r#"data-plan="a""#),
            "newest first"
        );
        assert!(html.contains(r#"<option value="" selected>全部地区（2）</option>"#));
        assert!(html.contains(r#"<option value="date" selected>发布日期（新→旧）</option>"#));
        assert!(html.contains("<span role=\"status\">共 2 份规划</span>"));
        assert!(html.contains("<li class=\"ps-card__tag\">规划期 2021—2025年</li>"));
        assert!(html.contains("<p class=\"ps-card__counts\">3 个章节 · 2 个数字目标</p>"));
        let one = library_html(&index(), 1);
        assert_eq!(one.matches("class=\"ps-card\"").count(), 1);
        assert!(one.contains("共 2 份规划"), "the count is of all plans");
    }

    #[test]
    fn fill_replaces_between_markers_and_is_idempotent() {
        let page = format!("<main>{START_MARKER}<p>loading</p>{END_MARKER}<p>after</p></main>");
        let once = fill(&page, "<ul>X</ul>").unwrap();
        assert_eq!(
            once,
            format!("<main>{START_MARKER}<ul>X</ul>{END_MARKER}<p>after</p></main>")
        );
        assert_eq!(fill(&once, "<ul>X</ul>").unwrap(), once);
        assert!(fill("<main></main>", "x").is_err());
        assert!(fill(&format!("{END_MARKER}{START_MARKER}"), "x").is_err());
    }
}
