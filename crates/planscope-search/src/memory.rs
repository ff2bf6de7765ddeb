//! Search over plans held in memory — the plans a reader opened on this device (issue 14),
//! which the static index of `data/search/` cannot contain — and the merge of their results
//! with the static index's.
//!
//! [`MemoryIndex::new`] builds the very index `planscope build` writes ([`crate::build::build`],
//! same units, same folding, same files) in memory, and [`MemoryIndex::search`] runs the same
//! [`Search`] engine over it ([`run_in_memory`]). So a plan opened on the device is counted,
//! ranked, cut into sections and snippets exactly as a built plan is: there is one set of rules.
//! Building it costs one pass over the plan's text (done once per set of plans, not per query);
//! it needs the model only, never the parser.
//!
//! [`merge`] puts two result lists of one query together in the engine's order (relevance or
//! date, as [`Search::step`] sorts), the static index's plans first among equals (library order:
//! the built library, then the device's plans).

use std::cmp::Ordering;

use planscope_model::PlanDocument;

use crate::build::{build, Built};
use crate::engine::{run_in_memory, BadFile, Order, PlanMeta, PlanResult, Results, Search};
use crate::Query;

/// The search index of a few plans, built in memory.
pub struct MemoryIndex {
    built: Built,
}

impl MemoryIndex {
    /// Indexes `docs` (their `id`s are the ids results carry) in this order.
    pub fn new<D: std::borrow::Borrow<PlanDocument>>(docs: &[D]) -> MemoryIndex {
        MemoryIndex { built: build(docs) }
    }

    /// The ids of the plans indexed, in order.
    pub fn ids(&self) -> &[String] {
        &self.built.manifest.plans
    }

    /// Runs `query` over the plans of `plans` that are in this index (as [`Search::new`]),
    /// showing the first `shown` plans with hits; `expanded` plans get every snippet.
    pub fn search(
        &self,
        plans: &[PlanMeta],
        query: Query,
        order: Order,
        shown: usize,
        expanded: &[&str],
    ) -> Result<Results, BadFile> {
        let mut s = Search::new(self.built.manifest.clone(), plans, query, order, shown);
        for id in expanded {
            s.expand(id);
        }
        run_in_memory(&mut s, &self.built.files).map(|(r, _)| r)
    }
}

/// The engine's order of two plans with hits (see [`Search::step`]): by date when asked, then
/// all words in the title, hits in headings, hits.
fn cmp(order: Order, a: &PlanResult, b: &PlanResult) -> Ordering {
    let date = match order {
        Order::Relevance => Ordering::Equal,
        Order::Date => match (&a.date, &b.date) {
            (Some(x), Some(y)) => y.cmp(x),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        },
    };
    let key = |r: &PlanResult| (r.title_hit, r.heading, r.count);
    date.then_with(|| key(b).cmp(&key(a)))
}

/// The results of one query over two sets of plans (`first`: the static index's, `second`: the
/// device's), as one list: plans matched and hits added, the plans in the engine's order with
/// `first`'s before `second`'s among equals, the first `shown` of them. Each input must hold at
/// least its own first `shown` plans (as [`Search`] returns them), so the merged page is exact.
pub fn merge(first: Results, second: Results, order: Order, shown: usize) -> Results {
    let mut plans = first.plans;
    plans.extend(second.plans);
    // Stable: each list is already in this order, and equals keep `first` ahead.
    plans.sort_by(|a, b| cmp(order, a, b));
    plans.truncate(shown);
    Results {
        plans_matched: first.plans_matched + second.plans_matched,
        hits: first.hits + second.hits,
        plans,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use planscope_model::search::{find, text_units};

    const A: &str = "甲市教育发展规划\n\n一、学前教育\n\n发展学前教育，学前教育普惠。\n\n二、义务教育\n\n推进义务教育均衡。\n";
    const B: &str = "乙县学前教育行动计划\n\n一、总体要求\n\n到2025年，学前教育毛入园率达到90%。\n\n二、课后服务\n\n课后服务全覆盖，课后服务质量提升。\n";

    fn docs() -> Vec<PlanDocument> {
        vec![
            planscope_parser::parse("local-00000000000000aa", A),
            planscope_parser::parse("local-00000000000000bb", B),
        ]
    }

    use crate::report::metas;

    fn run(idx: &MemoryIndex, docs: &[PlanDocument], q: &str, shown: usize) -> Results {
        idx.search(
            &metas(docs),
            Query::parse(q).unwrap(),
            Order::Relevance,
            shown,
            &[],
        )
        .unwrap()
    }

    #[test]
    fn counts_are_find_in_plans_counts() {
        let docs = docs();
        let idx = MemoryIndex::new(&docs);
        assert_eq!(
            idx.ids(),
            ["local-00000000000000aa", "local-00000000000000bb"]
        );
        for q in ["学前", "学前教育", "教", "课后服务", "90%", "均衡"] {
            let r = run(&idx, &docs, q, 10);
            let mut hits = 0;
            for d in &docs {
                let want = find(&text_units(d), q).len() as u32;
                let got = r.plans.iter().find(|p| p.id == d.id).map_or(0, |p| p.count);
                assert_eq!(got, want, "{q} in {}", d.id);
                // Sections add up to the plan's count.
                if let Some(p) = r.plans.iter().find(|p| p.id == d.id) {
                    assert_eq!(p.sections.iter().map(|s| s.count).sum::<u32>(), p.count);
                }
                hits += u64::from(want);
            }
            assert_eq!(r.hits, hits, "{q}");
        }
        // Not in either plan: nothing, and nothing fails.
        let r = run(&idx, &docs, "高等教育", 10);
        assert_eq!((r.plans_matched, r.hits, r.plans.len()), (0, 0, 0));
    }

    #[test]
    fn snippets_and_sections_as_the_engine_makes_them() {
        let docs = docs();
        let idx = MemoryIndex::new(&docs);
        let r = run(&idx, &docs, "课后服务", 10);
        assert_eq!(r.plans.len(), 1);
        let p = &r.plans[0];
        assert_eq!(p.id, "local-00000000000000bb");
        // The heading 二、课后服务 is the section that holds every hit, heading first.
        let s = &p.sections[0];
        assert!(s.in_heading, "{s:?}");
        assert!(s.crumbs.last().unwrap().contains("课后服务"));
        let sn = s.snippet.as_ref().unwrap();
        assert_eq!(sn.word, "课后服务");
        for &(a, b) in &sn.hits {
            let t: String = sn.text.chars().skip(a).take(b - a).collect();
            assert_eq!(t, "课后服务");
        }
        // Only the plans asked for are searched (the library's filters).
        let only_a = &metas(&docs)[..1];
        let r = idx
            .search(
                only_a,
                Query::parse("学前").unwrap(),
                Order::Relevance,
                10,
                &[],
            )
            .unwrap();
        assert_eq!(r.plans.len(), 1);
        assert_eq!(r.plans[0].id, "local-00000000000000aa");
    }

    fn result(
        id: &str,
        count: u32,
        heading: u32,
        title_hit: bool,
        date: Option<&str>,
    ) -> PlanResult {
        PlanResult {
            id: id.into(),
            title: id.into(),
            date: date.map(Into::into),
            count,
            heading,
            title_hit,
            sections: Vec::new(),
        }
    }

    #[test]
    fn merging_keeps_the_engines_order() {
        let first = Results {
            plans_matched: 5,
            hits: 40,
            plans: vec![
                result("a", 9, 2, true, Some("2021-01-01")),
                result("b", 12, 1, false, None),
                result("c", 5, 1, false, Some("2023-05-01")),
            ],
        };
        let second = Results {
            plans_matched: 2,
            hits: 17,
            plans: vec![
                result("local-x", 12, 1, false, Some("2024-01-01")),
                result("local-y", 5, 0, false, None),
            ],
        };
        let m = merge(first.clone(), second.clone(), Order::Relevance, 3);
        assert_eq!((m.plans_matched, m.hits), (7, 57));
        let ids: Vec<&str> = m.plans.iter().map(|p| p.id.as_str()).collect();
        // Equal keys: the built plan first.
        assert_eq!(ids, ["a", "b", "local-x"]);
        let m = merge(first, second, Order::Date, 10);
        let ids: Vec<&str> = m.plans.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["local-x", "c", "a", "b", "local-y"]);
        // Nothing on the device: the static results unchanged.
        let only = Results {
            plans_matched: 1,
            hits: 3,
            plans: vec![result("a", 3, 0, false, None)],
        };
        assert_eq!(
            merge(only.clone(), Results::default(), Order::Relevance, 10),
            only
        );
    }
}
