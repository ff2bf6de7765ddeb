//! The search across plans, the app's side (pure, unit-tested natively): the parameters of
//! `?view=search&q=…` (plus the library's `region`, `kind`, `period` filters and `order=date`),
//! the plans a search may return, the links of its results, and its zh-CN messages.
//! The index and the engine are the `planscope-search` crate; fetching is `search_client`.
//! Plans opened on this device are searched too, in memory ([`SearchParams::device_plans`],
//! `planscope_search::memory`), their results merged with the index's and marked 本机.

use std::fmt::Write as _;

use planscope_model::local::is_local_id;
use planscope_model::search::{find, TextUnit};
use planscope_model::{PlanDocument, PlanIndex};
use planscope_search::engine::{Order, PlanMeta, PlanResult, SectionResult, Snippet};
use planscope_search::Query;

use crate::library::{period_param, LibraryQuery};
use crate::route::{encode_component, parse_query, Route};

/// Longest `q` kept from the address, in characters (the engine uses the first
/// [`planscope_search::MAX_QUERY_CHARS`] of them).
pub const MAX_Q_CHARS: usize = 200;

/// `?view=search&q=…&region=…&kind=…&period=…&order=date`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchParams {
    /// The query as typed (at most [`MAX_Q_CHARS`] characters).
    pub q: String,
    /// The library's filters (its `sort` is not used).
    pub filters: LibraryQuery,
    pub by_date: bool,
}

impl SearchParams {
    pub fn from_query(search: &str) -> SearchParams {
        let mut p = SearchParams {
            filters: LibraryQuery::from_query(search),
            ..SearchParams::default()
        };
        p.filters.sort = Default::default();
        for (k, v) in parse_query(search) {
            match k.as_str() {
                "q" => p.q = v.chars().take(MAX_Q_CHARS).collect(),
                "order" => p.by_date = v == "date",
                _ => {}
            }
        }
        p
    }

    /// The link to these results, relative to the site's directory (`./?view=search&q=…`; filters
    /// in a fixed order, defaults left out).
    pub fn href(&self) -> String {
        let mut s = "./?view=search".to_owned();
        if !self.q.is_empty() {
            let _ = write!(s, "&q={}", encode_component(&self.q));
        }
        if let Some(r) = &self.filters.region {
            let _ = write!(s, "&region={}", encode_component(r));
        }
        if let Some(k) = self.filters.kind {
            let _ = write!(s, "&kind={}", k.as_str());
        }
        if let Some(p) = self.filters.period {
            let _ = write!(s, "&period={}", period_param(p));
        }
        if self.by_date {
            s.push_str("&order=date");
        }
        s
    }

    pub fn order(&self) -> Order {
        if self.by_date {
            Order::Date
        } else {
            Order::Relevance
        }
    }

    /// The engine's query, or why there is none.
    pub fn query(&self) -> Result<Query, QueryProblem> {
        Query::parse(&self.q).ok_or(QueryProblem::Empty)
    }

    /// The plans of the library that pass the filters, in library order.
    pub fn plans(&self, index: &PlanIndex) -> Vec<PlanMeta> {
        index
            .plans
            .iter()
            .filter(|e| self.filters.matches(e))
            .map(|e| PlanMeta {
                id: e.id.clone(),
                title: e.title.clone(),
                date: e.issued_date.clone(),
            })
            .collect()
    }

    /// The plans opened on this device (`docs`, each under its device key) that pass the
    /// filters, in the order given: read from each plan's own metadata as the library reads a
    /// built plan's card ([`PlanDocument::index_entry`]). They are searched in memory
    /// (`planscope_search::memory`), the static index cannot hold them.
    pub fn device_plans(&self, docs: &[&PlanDocument]) -> Vec<PlanMeta> {
        docs.iter()
            .map(|d| d.index_entry())
            .filter(|e| self.filters.matches(e))
            .map(|e| PlanMeta {
                id: e.id,
                title: e.title,
                date: e.issued_date,
            })
            .collect()
    }
}

/// Whether a result is a plan opened on this device (marked 本机, [`crate::local::BADGE_ZH`]).
pub fn is_device_result(plan: &PlanResult) -> bool {
    is_local_id(&plan.id)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QueryProblem {
    Empty,
}

/// The line above the results.
pub fn summary_zh(plans: usize, hits: u64, truncated: bool) -> String {
    let mut s = if plans == 0 {
        "没有找到".to_owned()
    } else {
        format!("在 {plans} 份规划中找到 {hits} 处")
    };
    if truncated {
        let _ = write!(
            s,
            "（查询较长，只按前 {} 个字查找）",
            planscope_search::MAX_QUERY_CHARS
        );
    }
    s
}

/// The message when nothing matched.
pub fn no_hits_zh(q: &str, filtered: bool) -> String {
    if filtered {
        format!("在所选范围内没有找到“{q}”。可以清除筛选条件，或换一个词试试。")
    } else {
        format!("所有规划中都没有找到“{q}”。可以换一个词，或到规划库浏览全部规划。")
    }
}

/// The message before anything is typed.
pub const EMPTY_ZH: &str = "输入要查找的字词，例如：学前教育、课后服务、教师编制。多个词用空格隔开，表示同一节中都要出现。";

/// `共 12 处`.
pub fn count_zh(n: u32) -> String {
    format!("{n} 处")
}

/// Where a result links: the paragraph (`plan-<id>.html#p-<paragraph>`) when the hit is in one,
/// else the section (`#s-<section>`), with `?find=<word>` so the reader's find bar opens on that
/// word and marks it.
pub fn result_href(plan: &str, section: &SectionResult) -> String {
    let (route, word) = match &section.snippet {
        Some(sn @ Snippet { .. }) => (
            match sn.paragraph() {
                Some(p) => Route::paragraph(plan, p),
                None => Route::section(plan, &section.id),
            },
            sn.word.clone(),
        ),
        None => (Route::section(plan, &section.id), String::new()),
    };
    with_find(&route.href(), &word)
}

/// `href` with `find=<word>` added to its query, before any `#` fragment (`plan-a.html#p-1p1` →
/// `plan-a.html?find=%E5%AD%A6#p-1p1`); `href` unchanged when `word` is empty.
pub fn with_find(href: &str, word: &str) -> String {
    if word.is_empty() {
        return href.to_owned();
    }
    let (base, frag) = href.split_at(href.find('#').unwrap_or(href.len()));
    let sep = if base.contains('?') { '&' } else { '?' };
    format!("{base}{sep}find={}{frag}", encode_component(word))
}

/// The reader's `find=` parameter (trimmed, at most [`MAX_Q_CHARS`] characters).
pub fn find_param(search: &str) -> String {
    parse_query(search)
        .into_iter()
        .find(|(k, _)| k == "find")
        .map(|(_, v)| v.trim().chars().take(MAX_Q_CHARS).collect())
        .unwrap_or_default()
}

/// Which find hit the reader makes current when it opens with `find=`: the first in the target
/// paragraph, else the first in the target section, else the first of all.
pub fn first_hit(
    units: &[TextUnit<'_>],
    query: &str,
    para: Option<&str>,
    section: Option<&str>,
) -> Option<usize> {
    let hits = find(units, query);
    let unit = |i: usize| &units[hits[i].unit];
    (0..hits.len())
        .find(|&i| para.is_some_and(|p| unit(i).key == p))
        .or_else(|| (0..hits.len()).find(|&i| section.is_some_and(|s| unit(i).section == s)))
        .or((!hits.is_empty()).then_some(0))
}

/// A snippet as runs of (text, is hit), with `…` where the unit was cut.
pub fn snippet_runs(sn: &Snippet) -> Vec<(String, bool)> {
    let mut runs = planscope_model::search::split_hits(&sn.text, &sn.hits);
    if sn.cut_before {
        runs.insert(0, ("…".to_owned(), false));
    }
    if sn.cut_after {
        runs.push(("…".to_owned(), false));
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;
    use planscope_model::PlanKind;

    #[test]
    fn reads_and_writes_search_addresses() {
        let p = SearchParams::from_query("?view=search&q=%E5%AD%A6%E5%89%8D&kind=action_plan&order=date&sort=title&from=singlemessage");
        assert_eq!(p.q, "学前");
        assert_eq!(p.filters.kind, Some(PlanKind::ActionPlan));
        assert!(p.by_date);
        assert_eq!(p.order(), Order::Date);
        assert_eq!(
            p.href(),
            "./?view=search&q=%E5%AD%A6%E5%89%8D&kind=action_plan&order=date"
        );
        assert_eq!(SearchParams::from_query(&p.href()), p);
        let odd = [
            "",
            "%20%20",
            "<script>alert(1)</script>",
            "%",
            "%25",
            "😀",
            "a&b=c",
            "学前 教育",
        ];
        for q in odd {
            let p = SearchParams {
                q: q.to_owned(),
                ..SearchParams::default()
            };
            assert_eq!(SearchParams::from_query(&p.href()).q, q, "{q}");
        }
        let long = "教".repeat(300);
        assert_eq!(
            SearchParams::from_query(&format!("?view=search&q={long}"))
                .q
                .chars()
                .count(),
            MAX_Q_CHARS
        );
        assert_eq!(SearchParams::from_query("?view=search&q=%").q, "%");
        assert_eq!(
            SearchParams::from_query("?view=search&q=+").query(),
            Err(QueryProblem::Empty)
        );
    }

    #[test]
    fn links_go_to_the_paragraph_with_find() {
        let mut s = SectionResult {
            id: "3.1".into(),
            crumbs: vec!["三、".into()],
            count: 2,
            in_heading: false,
            snippet: Some(Snippet {
                key: "3.1p2".into(),
                text: "发展学前教育".into(),
                hits: vec![(2, 6)],
                word: "学前教育".into(),
                cut_before: true,
                cut_after: false,
            }),
        };
        assert_eq!(
            result_href("a", &s),
            "plan-a.html?find=%E5%AD%A6%E5%89%8D%E6%95%99%E8%82%B2#p-3.1p2"
        );
        assert_eq!(
            snippet_runs(s.snippet.as_ref().unwrap()),
            [
                ("…".to_string(), false),
                ("发展".to_string(), false),
                ("学前教育".to_string(), true)
            ]
        );
        s.snippet.as_mut().unwrap().key = "h:3.1:t".into();
        let h = result_href("a", &s);
        assert!(
            h.starts_with("plan-a.html?find=") && h.ends_with("#s-3.1"),
            "{h}"
        );
        s.snippet = None;
        assert_eq!(result_href("a", &s), "plan-a.html#s-3.1");
        assert_eq!(with_find("./?view=x", "a"), "./?view=x&find=a");
        assert_eq!(with_find("plan-a.html", ""), "plan-a.html");
        assert_eq!(find_param("?plan=a&find=%3Cscript%3E"), "<script>");
        assert_eq!(find_param("?plan=a"), "");
        assert_eq!(
            Route::from_query("?plan=a&p=3.1p2&find=x"),
            Route::paragraph("a", "3.1p2")
        );
    }

    #[test]
    fn the_reader_starts_at_the_hit_in_its_paragraph() {
        let units = [
            TextUnit {
                key: "1p1".into(),
                section: "1".into(),
                text: "学前教育",
            },
            TextUnit {
                key: "2p1".into(),
                section: "2".into(),
                text: "学前和学前",
            },
        ];
        assert_eq!(first_hit(&units, "学前", Some("2p1"), None), Some(1));
        assert_eq!(first_hit(&units, "学前", None, Some("2")), Some(1));
        assert_eq!(first_hit(&units, "学前", Some("9p9"), None), Some(0));
        assert_eq!(first_hit(&units, "无", None, None), None);
    }

    #[test]
    fn device_plans_pass_the_same_filters() {
        let mut a = PlanDocument {
            id: "local-00000000000000aa".into(),
            ..Default::default()
        };
        a.metadata.title = "甲县行动计划".into();
        a.metadata.kind = PlanKind::ActionPlan;
        a.metadata.issued_date = Some("2024-03-01".into());
        let b = PlanDocument {
            id: "local-00000000000000bb".into(),
            ..Default::default()
        };
        let all = SearchParams::from_query("?view=search&q=x");
        let m = all.device_plans(&[&a, &b]);
        assert_eq!(m.len(), 2);
        assert_eq!(m[0].id, "local-00000000000000aa");
        assert_eq!(m[0].title, "甲县行动计划");
        assert_eq!(m[0].date.as_deref(), Some("2024-03-01"));
        let only = SearchParams::from_query("?view=search&q=x&kind=action_plan");
        let m = only.device_plans(&[&a, &b]);
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].id, a.id);
        let r = PlanResult {
            id: a.id.clone(),
            title: String::new(),
            date: None,
            count: 1,
            heading: 0,
            title_hit: false,
            sections: Vec::new(),
        };
        assert!(is_device_result(&r));
        assert!(!is_device_result(&PlanResult {
            id: "a".into(),
            ..r
        }));
    }

    #[test]
    fn messages() {
        assert_eq!(summary_zh(2, 15, false), "在 2 份规划中找到 15 处");
        assert!(summary_zh(1, 1, true).contains("64"));
        assert!(no_hits_zh("<b>", false).contains("“<b>”"));
        assert!(no_hits_zh("x", true).contains("筛选"));
    }
}
