//! Side-by-side comparison of two to four plans (`?view=compare&plans=a,b&topic=preschool`):
//! the plan list checked against the library, one row per topic of the taxonomy with each
//! plan's matching sections, the plans × topics heatmap, the canonical indicators the plans
//! share (and their base statistics), and shared / distinctive phrases with their runs in a
//! text. Pure, unit-tested natively; `views/compare.rs` only draws what this computes.
//!
//! Plans opened on this device (ids `local-…`, issue 14) are compared like built plans: the
//! picker offers them marked 本机 ([`picks`]), a URL naming one is checked against the device's
//! plans ([`select_plans`]), and a URL naming one another device holds says so ([`elsewhere_zh`]).
//!
//! Topics come from the parser (`Section.topics`, `Paragraph.topics`, rules in
//! `planscope_parser::topics`); counts from [`planscope_model::compare::topic_coverage`].

use std::collections::BTreeMap;

use planscope_model::catalog::{self, TopicInfo};
use planscope_model::compare::{phrase_report, topic_coverage, topic_text, PhraseReport};
use planscope_model::local::{is_local_id, LocalMeta};
use planscope_model::{Block, IndexEntry, PlanDocument, Quantity};

use crate::charts::plan_label;
use crate::local::BADGE_ZH;

/// At most this many plans side by side.
pub const MAX_PLANS: usize = 4;
/// A comparison needs at least this many.
pub const MIN_PLANS: usize = 2;
/// Sections listed per plan in a topic row before “另有 N 节”.
pub const SECTIONS_SHOWN: usize = 5;
/// Phrases per list in the shared / distinctive report.
pub const PHRASES: usize = 8;
/// Base statistics shown alongside the shared indicators, in this order.
pub const BASE_STATS: &[&str] = &[
    "schools_total",
    "kindergartens_total",
    "full_time_teachers_total",
    "students_total",
];

/// The plans of a comparison URL, checked against the library's ids and the plans opened on
/// this device.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    /// Known ids, in URL order, without duplicates, at most [`MAX_PLANS`].
    pub ids: Vec<String>,
    /// zh-CN notes on what was left out (unknown ids, plans of another device, more than four).
    pub notes: Vec<String>,
    /// Device keys ([`is_local_id`]) the URL names that this device does not hold: plans opened
    /// in another browser (the view offers the 打开规划 page).
    pub elsewhere: Vec<String>,
}

/// Checks the requested ids: a built plan must be in the library (`known`), a plan opened on a
/// device ([`is_local_id`]) must be on this one (`on_device`). Others are named in a note and
/// left out — a device key with its own note saying the plan was opened on another device —,
/// duplicates are removed, and only the first [`MAX_PLANS`] are kept (with a note).
pub fn select_plans(requested: &[String], known: &[&str], on_device: &[&str]) -> Selection {
    let mut out = Selection::default();
    let mut unknown = Vec::new();
    let mut dropped = 0;
    for id in requested {
        let id = id.trim();
        if id.is_empty() || out.ids.iter().any(|k| k == id) {
            continue;
        }
        let local = is_local_id(id);
        let here = if local {
            on_device.contains(&id)
        } else {
            known.contains(&id)
        };
        if !here {
            // Untrusted text: shown as a text node only, shortened.
            let shown: String = id.chars().take(40).collect();
            let list = if local {
                &mut out.elsewhere
            } else {
                &mut unknown
            };
            if !list.contains(&shown) {
                list.push(shown);
            }
            continue;
        }
        if out.ids.len() == MAX_PLANS {
            dropped += 1;
            continue;
        }
        out.ids.push(id.to_owned());
    }
    if !unknown.is_empty() {
        out.notes.push(format!(
            "规划库中没有这些规划，已忽略：{}",
            unknown.join("\u{3001}")
        ));
    }
    if !out.elsewhere.is_empty() {
        out.notes.push(elsewhere_zh(&out.elsewhere));
    }
    if dropped > 0 {
        out.notes.push(format!(
            "最多同时对比 {MAX_PLANS} 份规划，只显示前 {MAX_PLANS} 份（另有 {dropped} 份未显示）。"
        ));
    }
    out
}

/// The note for device keys this device does not hold.
pub fn elsewhere_zh(keys: &[String]) -> String {
    let which = if keys.len() == 1 {
        "这份规划".to_owned()
    } else {
        format!("这 {} 份规划", keys.len())
    };
    format!(
        "{which}是在另一台设备或另一个浏览器里打开的，不在本机，无法对比（{}）。在本机打开的规划只保存在打开它的浏览器里：请在那台设备上查看，或在这里用“打开规划”重新打开原文件。",
        keys.join("\u{3001}")
    )
}

/// The short name of a plan opened on this device in the comparison (plan bar, table heads,
/// chart categories): `本机·` and the start of its title (else of its file name), as
/// [`crate::charts::plan_label`] shortens a built plan's.
pub fn local_label(title: &str, file_name: &str) -> String {
    let title = title.trim();
    let source = if title.is_empty() {
        file_name.trim()
    } else {
        title
    };
    let mut chars = source.chars();
    let head: String = chars.by_ref().take(8).collect();
    let more = if chars.next().is_some() { "…" } else { "" };
    format!("{BADGE_ZH}\u{00B7}{head}{more}")
}

/// One plan the picker offers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pick {
    pub id: String,
    /// Short name (the comparison's label).
    pub label: String,
    /// Full title as printed (may be empty for a device plan without one).
    pub title: String,
    /// Opened on this device (marked 本机).
    pub local: bool,
}

/// The picker's plans: the library's, in library order, then the device's (as listed, newest
/// first).
pub fn picks(index: &[IndexEntry], device: &[LocalMeta]) -> Vec<Pick> {
    index
        .iter()
        .map(|e| Pick {
            id: e.id.clone(),
            label: plan_label(e),
            title: e.title.clone(),
            local: false,
        })
        .chain(device.iter().map(|m| Pick {
            id: m.key.clone(),
            label: local_label(&m.title, &m.file_name),
            title: if m.title.trim().is_empty() {
                m.file_name.clone()
            } else {
                m.title.clone()
            },
            local: true,
        }))
        .collect()
}

/// The label of each selected id (in order): its pick's, else the id itself.
pub fn labels(ids: &[String], picks: &[Pick]) -> Vec<String> {
    ids.iter()
        .map(|id| {
            picks
                .iter()
                .find(|p| &p.id == id)
                .map_or_else(|| id.clone(), |p| p.label.clone())
        })
        .collect()
}

/// The plan list with `id` added or removed (the picker's links), at most [`MAX_PLANS`].
pub fn toggled(ids: &[String], id: &str) -> Vec<String> {
    if ids.iter().any(|k| k == id) {
        ids.iter().filter(|k| *k != id).cloned().collect()
    } else {
        let mut v = ids.to_vec();
        if v.len() < MAX_PLANS {
            v.push(id.to_owned());
        }
        v
    }
}

/// A section listed in a topic row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SectionRef {
    pub id: String,
    /// Numbering label and title as printed (`（一）学前教育普惠优质发展`).
    pub text: String,
}

/// One plan's entry in a topic row.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TopicCell {
    /// The first [`SECTIONS_SHOWN`] sections about the topic, in reading order.
    pub sections: Vec<SectionRef>,
    /// Further sections, listed behind a 另有 N 节 disclosure (strongest first).
    pub more: usize,
    pub rest: Vec<SectionRef>,
    /// Paragraphs tagged with the topic.
    pub paragraphs: u32,
}

impl TopicCell {
    /// Whether the plan does not address the topic at all (“未涉及”).
    pub fn is_empty(&self) -> bool {
        self.sections.is_empty() && self.paragraphs == 0
    }
}

/// One topic of the taxonomy across the chosen plans.
#[derive(Clone, Debug, PartialEq)]
pub struct TopicRow {
    pub topic: &'static TopicInfo,
    /// One per plan, in plan order.
    pub cells: Vec<TopicCell>,
}

impl TopicRow {
    /// How many of the plans address the topic.
    pub fn addressed(&self) -> usize {
        self.cells.iter().filter(|c| !c.is_empty()).count()
    }
}

/// One row per topic of [`catalog::TOPICS`] (in catalogue order), one cell per plan. A cell
/// lists the sections whose topics include the topic, strongest first (`TopicScore.score`;
/// reading order among equals), so the section a heading dedicates to the topic comes before
/// an overview that mentions it in passing.
pub fn topic_rows(docs: &[&PlanDocument]) -> Vec<TopicRow> {
    let per_doc: Vec<_> = docs
        .iter()
        .map(|d| {
            let cov = topic_coverage(d);
            let mut by_topic: BTreeMap<&str, Vec<(f32, SectionRef)>> = BTreeMap::new();
            for s in d.walk_sections() {
                let label = s.label.trim();
                let sep = if label.is_empty() || label.ends_with(['\u{3001}', '\u{FF09}', ')', ' '])
                {
                    ""
                } else {
                    " "
                };
                for t in &s.topics {
                    by_topic.entry(t.topic.as_str()).or_default().push((
                        t.score,
                        SectionRef {
                            id: s.id.clone(),
                            text: format!("{label}{sep}{}", s.title.trim()),
                        },
                    ));
                }
            }
            for v in by_topic.values_mut() {
                v.sort_by(|a, b| b.0.total_cmp(&a.0));
            }
            (cov, by_topic)
        })
        .collect();
    catalog::TOPICS
        .iter()
        .map(|topic| TopicRow {
            topic,
            cells: per_doc
                .iter()
                .map(|(cov, by_topic)| {
                    let secs = by_topic
                        .get(topic.id)
                        .map(Vec::as_slice)
                        .unwrap_or_default();
                    TopicCell {
                        sections: secs
                            .iter()
                            .take(SECTIONS_SHOWN)
                            .map(|(_, s)| s.clone())
                            .collect(),
                        more: secs.len().saturating_sub(SECTIONS_SHOWN),
                        rest: secs
                            .iter()
                            .skip(SECTIONS_SHOWN)
                            .map(|(_, s)| s.clone())
                            .collect(),
                        paragraphs: cov.get(topic.id).map_or(0, |c| c.paragraphs),
                    }
                })
                .collect(),
        })
        .collect()
}

/// The topic shown in detail: the URL's when it is a known topic, else the first topic that
/// most of the plans address.
pub fn detail_topic(rows: &[TopicRow], wanted: Option<&str>) -> Option<&'static TopicInfo> {
    if let Some(t) = wanted.and_then(catalog::topic) {
        return Some(t);
    }
    let best = rows.iter().map(TopicRow::addressed).max().unwrap_or(0);
    rows.iter()
        .find(|r| best > 0 && r.addressed() == best)
        .map(|r| r.topic)
}

/// A heatmap cell: how much a plan says on a topic.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HeatCell {
    /// Paragraphs tagged with the topic.
    pub paragraphs: u32,
    /// Their characters in thousandths of all paragraph characters of the plan.
    pub permille: u32,
    /// Shade 0 (nothing) … 4 (a tenth of the plan or more).
    pub level: u8,
    /// First section about the topic (what the cell opens), if any.
    pub first_section: Option<String>,
}

impl HeatCell {
    /// The number printed in the cell: the share of the plan's text, `—` for none.
    pub fn label(&self) -> String {
        match self.permille {
            _ if self.paragraphs == 0 => "\u{2014}".to_owned(),
            0..=4 => "<1%".to_owned(),
            p => format!("{}%", (p + 5) / 10),
        }
    }
}

fn level(permille: u32, paragraphs: u32) -> u8 {
    match permille {
        _ if paragraphs == 0 => 0,
        0..=19 => 1,
        20..=49 => 2,
        50..=99 => 3,
        _ => 4,
    }
}

/// Characters of every paragraph in the sections of a plan (the heatmap's denominator).
pub fn body_chars(doc: &PlanDocument) -> u32 {
    doc.walk_sections()
        .iter()
        .flat_map(|s| s.blocks.iter())
        .map(|b| match b {
            Block::Paragraph(p) => p.text.chars().count() as u32,
            _ => 0,
        })
        .sum()
}

/// Plans × topics: one row per plan, one cell per topic of [`catalog::TOPICS`].
pub fn heatmap(docs: &[&PlanDocument]) -> Vec<Vec<HeatCell>> {
    docs.iter()
        .map(|d| {
            let cov = topic_coverage(d);
            let total = body_chars(d).max(1) as u64;
            catalog::TOPICS
                .iter()
                .map(|t| match cov.get(t.id) {
                    None => HeatCell::default(),
                    Some(c) => {
                        let permille = (u64::from(c.chars) * 1000 / total) as u32;
                        HeatCell {
                            paragraphs: c.paragraphs,
                            permille,
                            level: level(permille, c.paragraphs),
                            first_section: c.sections.first().cloned(),
                        }
                    }
                })
                .collect()
        })
        .collect()
}

/// A value of a canonical indicator in one plan, with the paragraph (or table row) it is
/// read from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValueRef {
    /// `基数 95%（2020年）`, `目标 ≥98%（2025年）`, `现状 1.2万人`.
    pub text: String,
    /// Paragraph or table-row id for `Route::paragraph`.
    pub para: String,
}

/// One canonical indicator across the plans.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IndicatorRow {
    pub id: &'static str,
    pub name: &'static str,
    pub unit: &'static str,
    /// One list per plan (empty: the plan does not state it).
    pub cells: Vec<Vec<ValueRef>>,
}

/// Values per cell at most.
const VALUES_SHOWN: usize = 3;

fn year_suffix(year: Option<u16>) -> String {
    year.map(|y| format!("\u{FF08}{y}年\u{FF09}"))
        .unwrap_or_default()
}

fn quantity_text(kind: &str, q: &Quantity) -> String {
    let cmp = match q.comparator {
        planscope_model::Comparator::Eq => "",
        c => c.symbol(),
    };
    let unit = q.unit.as_deref().unwrap_or("");
    let value = if q.value.ends_with(unit) {
        q.value.clone()
    } else {
        format!("{}{unit}", q.value)
    };
    format!("{kind} {cmp}{value}{}", year_suffix(q.year))
}

/// Every canonical value stated by a plan: indicator-table rows (baseline and target), prose
/// targets and base statistics, in that order.
pub fn canonical_values(doc: &PlanDocument) -> BTreeMap<String, Vec<ValueRef>> {
    let mut out: BTreeMap<String, Vec<ValueRef>> = BTreeMap::new();
    for t in &doc.indicator_tables {
        for r in &t.rows {
            let Some(c) = &r.canonical else { continue };
            let unit = r.unit.as_deref().unwrap_or("");
            let mut push = |kind: &str, v: &Option<planscope_model::IndicatorValue>, y| {
                if let Some(v) = v.as_ref().filter(|v| !v.text.trim().is_empty()) {
                    let text = v.text.trim();
                    let u = if v.number.is_some() && !text.ends_with(unit) {
                        unit
                    } else {
                        ""
                    };
                    out.entry(c.clone()).or_default().push(ValueRef {
                        text: format!("{kind} {text}{u}{}", year_suffix(y)),
                        para: r.id.clone(),
                    });
                }
            };
            push("基数", &r.baseline, r.baseline_year);
            push("目标", &r.target, r.target_year);
        }
    }
    for (kind, list) in [("目标", &doc.targets), ("现状", &doc.base_stats)] {
        for q in list {
            if let Some(c) = &q.canonical {
                out.entry(c.clone()).or_default().push(ValueRef {
                    text: quantity_text(kind, q),
                    para: q.anchor.paragraph.clone(),
                });
            }
        }
    }
    for v in out.values_mut() {
        let mut seen = Vec::new();
        v.retain(|x| {
            let fresh = !seen.contains(&x.text);
            seen.push(x.text.clone());
            fresh
        });
        v.truncate(VALUES_SHOWN);
    }
    out
}

/// The canonical indicators stated by at least two of the plans (base statistics excluded),
/// and the base statistics ([`BASE_STATS`]) any of them states, both in catalogue order.
pub fn shared_indicators(docs: &[&PlanDocument]) -> (Vec<IndicatorRow>, Vec<IndicatorRow>) {
    let values: Vec<_> = docs.iter().map(|d| canonical_values(d)).collect();
    let row = |info: &catalog::IndicatorInfo| IndicatorRow {
        id: info.id,
        name: info.name,
        unit: info.unit,
        cells: values
            .iter()
            .map(|v| v.get(info.id).cloned().unwrap_or_default())
            .collect(),
    };
    let stated = |r: &IndicatorRow| r.cells.iter().filter(|c| !c.is_empty()).count();
    let shared = catalog::INDICATORS
        .iter()
        .filter(|i| !BASE_STATS.contains(&i.id))
        .map(row)
        .filter(|r| stated(r) >= MIN_PLANS)
        .collect();
    let base = BASE_STATS
        .iter()
        .filter_map(|id| catalog::indicator(id))
        .map(row)
        .filter(|r| stated(r) >= 1)
        .collect();
    (shared, base)
}

/// Shared and distinctive phrases of the plans on one topic.
pub fn topic_phrases(docs: &[&PlanDocument], topic: &str) -> PhraseReport {
    let texts: Vec<String> = docs.iter().map(|d| topic_text(d, topic)).collect();
    phrase_report(&texts, PHRASES)
}

/// The first paragraphs of a plan on a topic (id and text), for the excerpt with marks.
pub fn topic_paragraphs<'a>(
    doc: &'a PlanDocument,
    topic: &str,
    n: usize,
) -> Vec<(&'a str, &'a str)> {
    doc.walk_sections()
        .into_iter()
        .flat_map(|s| s.blocks.iter())
        .filter_map(|b| match b {
            Block::Paragraph(p) if p.topics.iter().any(|t| t == topic) => {
                Some((p.id.as_str(), p.text.as_str()))
            }
            _ => None,
        })
        .take(n)
        .collect()
}

/// How a run of text is marked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    Plain,
    /// Part of a phrase other plans use too.
    Shared,
    /// Part of a phrase only this plan uses.
    Own,
}

/// Cuts `text` into runs marking every occurrence of a shared or an own phrase (shared wins
/// where both overlap; longer phrases first). Adjacent runs never have the same mark.
pub fn mark_runs(text: &str, shared: &[String], own: &[String]) -> Vec<(String, Mark)> {
    let chars: Vec<char> = text.chars().collect();
    let mut marks = vec![Mark::Plain; chars.len()];
    for (list, mark) in [(own, Mark::Own), (shared, Mark::Shared)] {
        for p in list {
            let pc: Vec<char> = p.chars().collect();
            if pc.is_empty() || pc.len() > chars.len() {
                continue;
            }
            for i in 0..=chars.len() - pc.len() {
                if chars[i..i + pc.len()] == pc[..] {
                    for m in &mut marks[i..i + pc.len()] {
                        *m = mark;
                    }
                }
            }
        }
    }
    let mut out: Vec<(String, Mark)> = Vec::new();
    for (c, m) in chars.into_iter().zip(marks) {
        match out.last_mut() {
            Some((s, last)) if *last == m => s.push(c),
            _ => out.push((c.to_string(), m)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::seeds::seed_docs;
    use planscope_model::{
        Anchor, Comparator, Indicator, IndicatorTable, IndicatorValue, Paragraph, Section,
        TopicScore,
    };

    fn ids(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn selection_drops_unknown_duplicates_and_extras() {
        let known = ["a", "b", "c", "d", "e"];
        let select_plans = |r: &[String], k: &[&str]| select_plans(r, k, &[]);
        let s = select_plans(&ids(&["a", "b"]), &known);
        assert_eq!(s.ids, ids(&["a", "b"]));
        assert!(s.notes.is_empty());

        let s = select_plans(&ids(&["a", "x", "a", "", " b", "x"]), &known);
        assert_eq!(s.ids, ids(&["a", "b"]));
        assert_eq!(s.notes.len(), 1);
        assert!(s.notes[0].contains("x"), "{:?}", s.notes);

        let s = select_plans(&ids(&["e", "d", "c", "b", "a"]), &known);
        assert_eq!(s.ids, ids(&["e", "d", "c", "b"]));
        assert!(s.notes[0].contains("前 4 份"), "{:?}", s.notes);

        let s = select_plans(&ids(&["../x"]), &known);
        assert!(s.ids.is_empty());
        assert!(s.notes[0].contains("../x"));
    }

    #[test]
    fn device_plans_are_compared_and_other_devices_named() {
        let known = ["a", "b"];
        let here = ["local-00000000000000aa"];
        let s = select_plans(&ids(&["local-00000000000000aa", "a"]), &known, &here);
        assert_eq!(s.ids, ids(&["local-00000000000000aa", "a"]));
        assert!(s.notes.is_empty() && s.elsewhere.is_empty());

        // A device key this device does not hold: its own note, not "not in the library".
        let s = select_plans(
            &ids(&["a", "local-00000000000000bb", "local-00000000000000bb"]),
            &known,
            &here,
        );
        assert_eq!(s.ids, ids(&["a"]));
        assert_eq!(s.elsewhere, ids(&["local-00000000000000bb"]));
        assert_eq!(s.notes.len(), 1);
        assert!(
            s.notes[0].starts_with("这份规划是在另一台设备"),
            "{:?}",
            s.notes
        );
        assert!(s.notes[0].contains("不在本机"));
        assert!(s.notes[0].contains("local-00000000000000bb"));
        assert!(!s.notes[0].contains("规划库中没有"));

        // A device key is never a library id, and a library id never a device key.
        let s = select_plans(&ids(&["local-x", "x"]), &["local-x"], &["x"]);
        assert!(s.ids.is_empty());
        assert_eq!(s.notes.len(), 2);
        assert!(elsewhere_zh(&ids(&["local-1", "local-2"])).starts_with("这 2 份规划"));

        // Four at most, device plans included.
        let s = select_plans(
            &ids(&["local-00000000000000aa", "a", "b", "c", "d"]),
            &["a", "b", "c", "d"],
            &here,
        );
        assert_eq!(s.ids.len(), MAX_PLANS);
        assert_eq!(s.ids[0], "local-00000000000000aa");
    }

    #[test]
    fn the_picker_offers_the_device_plans_marked() {
        let index = vec![IndexEntry {
            id: "a".into(),
            title: "甲市教育事业发展规划".into(),
            ..Default::default()
        }];
        let meta = |key: &str, title: &str, file: &str| LocalMeta {
            record_version: 1,
            schema_version: 1,
            key: key.into(),
            plan_id: "x".into(),
            file_name: file.into(),
            format: "text".into(),
            bytes: 1,
            opened_ms: 1,
            title: title.into(),
            outline_counts: vec![1],
        };
        let device = vec![
            meta(
                "local-1",
                "乙县学前教育三年行动计划（2025—2027年）",
                "b.txt",
            ),
            meta("local-2", "", "丙县.docx"),
        ];
        let p = picks(&index, &device);
        assert_eq!(p.len(), 3);
        assert!(!p[0].local && p[1].local && p[2].local);
        assert_eq!(p[1].label, "本机·乙县学前教育三年…");
        assert_eq!(p[2].label, "本机·丙县.docx");
        assert_eq!(p[2].title, "丙县.docx");
        assert_eq!(
            labels(&ids(&["local-2", "a", "zz"]), &p),
            [
                "本机·丙县.docx".to_owned(),
                p[0].label.clone(),
                "zz".to_owned()
            ]
        );
    }

    #[test]
    fn toggling_adds_up_to_four_and_removes() {
        let v = ids(&["a", "b"]);
        assert_eq!(toggled(&v, "c"), ids(&["a", "b", "c"]));
        assert_eq!(toggled(&v, "a"), ids(&["b"]));
        let four = ids(&["a", "b", "c", "d"]);
        assert_eq!(toggled(&four, "e"), four);
    }

    fn para(id: &str, text: &str, topics: &[&str]) -> Block {
        Block::Paragraph(Paragraph {
            id: id.into(),
            text: text.into(),
            topics: topics.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        })
    }

    fn doc(id: &str, sections: Vec<Section>) -> PlanDocument {
        PlanDocument {
            id: id.into(),
            sections,
            ..Default::default()
        }
    }

    fn sec(id: &str, label: &str, title: &str, topics: &[&str], blocks: Vec<Block>) -> Section {
        Section {
            id: id.into(),
            label: label.into(),
            title: title.into(),
            topics: topics
                .iter()
                .map(|t| TopicScore {
                    topic: t.to_string(),
                    score: 10.0,
                })
                .collect(),
            blocks,
            ..Default::default()
        }
    }

    fn two() -> (PlanDocument, PlanDocument) {
        let a = doc(
            "a",
            vec![
                sec(
                    "1",
                    "（一）",
                    "学前教育普惠发展",
                    &["preschool"],
                    vec![para("1p1", "扩大普惠性学前教育资源。", &["preschool"])],
                ),
                sec(
                    "2",
                    "二、",
                    "其他工作",
                    &[],
                    vec![para("2p1", "其他内容其他内容其他内容。", &[])],
                ),
            ],
        );
        let b = doc(
            "b",
            vec![sec(
                "3.1",
                "1.",
                "特殊教育",
                &["special"],
                vec![para("3.1p1", "发展特殊教育。", &["special"])],
            )],
        );
        (a, b)
    }

    #[test]
    fn topic_rows_list_sections_and_mark_missing_topics() {
        let (a, b) = two();
        let rows = topic_rows(&[&a, &b]);
        assert_eq!(rows.len(), catalog::TOPICS.len());
        let pre = rows.iter().find(|r| r.topic.id == "preschool").unwrap();
        assert_eq!(
            pre.cells[0].sections,
            vec![SectionRef {
                id: "1".into(),
                text: "（一）学前教育普惠发展".into()
            }]
        );
        assert_eq!(pre.cells[0].paragraphs, 1);
        assert!(pre.cells[1].is_empty());
        assert_eq!(pre.addressed(), 1);
        let sp = rows.iter().find(|r| r.topic.id == "special").unwrap();
        assert_eq!(sp.cells[1].sections[0].text, "1. 特殊教育");
        assert_eq!(detail_topic(&rows, Some("special")).unwrap().id, "special");
        assert_eq!(detail_topic(&rows, Some("nope")).unwrap().id, "preschool");
        assert_eq!(detail_topic(&rows[..0], None), None);
    }

    #[test]
    fn sections_are_listed_strongest_first() {
        let mut weak = sec("1", "一、", "总体要求", &["preschool"], vec![]);
        weak.topics[0].score = 4.0;
        let strong = sec("2", "二、", "学前教育", &["preschool"], vec![]);
        let mut also = sec("3", "三、", "托育", &["preschool"], vec![]);
        also.topics[0].score = 4.0;
        let d = doc("a", vec![weak, strong, also]);
        let rows = topic_rows(&[&d]);
        let got: Vec<&str> = rows[0].cells[0]
            .sections
            .iter()
            .map(|s| s.id.as_str())
            .collect();
        assert_eq!(got, ["2", "1", "3"]);
    }

    #[test]
    fn long_section_lists_are_cut() {
        let many = (0..8)
            .map(|i| sec(&i.to_string(), "", "学前", &["preschool"], vec![]))
            .collect();
        let d = doc("a", many);
        let rows = topic_rows(&[&d]);
        assert_eq!(rows[0].cells[0].sections.len(), SECTIONS_SHOWN);
        assert_eq!(rows[0].cells[0].more, 3);
        assert_eq!(rows[0].cells[0].rest.len(), 3);
    }

    #[test]
    fn heatmap_is_plans_by_topics_with_shares() {
        let (a, b) = two();
        let h = heatmap(&[&a, &b]);
        assert_eq!(h.len(), 2);
        assert!(h.iter().all(|r| r.len() == catalog::TOPICS.len()));
        let pre = catalog::TOPICS
            .iter()
            .position(|t| t.id == "preschool")
            .unwrap();
        // 12 of 25 characters
        assert_eq!(h[0][pre].permille, 12 * 1000 / 25);
        assert_eq!(h[0][pre].label(), "48%");
        assert_eq!(h[0][pre].level, 4);
        assert_eq!(h[0][pre].first_section.as_deref(), Some("1"));
        assert_eq!(h[1][pre], HeatCell::default());
        assert_eq!(h[1][pre].label(), "\u{2014}");
        let small = HeatCell {
            paragraphs: 1,
            permille: 3,
            level: 1,
            first_section: None,
        };
        assert_eq!(small.label(), "<1%");
        assert_eq!(level(30, 2), 2);
        assert_eq!(level(0, 0), 0);
    }

    fn q(id: &str, canonical: &str, value: &str, unit: &str, year: u16, p: &str) -> Quantity {
        Quantity {
            id: id.into(),
            value: value.into(),
            unit: Some(unit.into()),
            comparator: Comparator::Ge,
            year: Some(year),
            canonical: Some(canonical.into()),
            anchor: Anchor {
                paragraph: p.into(),
                ..Default::default()
            },
            ..Default::default()
        }
    }

    #[test]
    fn shared_indicators_and_base_statistics() {
        let (mut a, mut b) = two();
        a.targets = vec![q("G1", "preschool_gross_enrolment", "98", "%", 2025, "1p1")];
        a.base_stats = vec![Quantity {
            comparator: Comparator::Eq,
            ..q("S1", "schools_total", "120", "所", 2020, "2p1")
        }];
        b.indicator_tables = vec![IndicatorTable {
            id: "T1".into(),
            rows: vec![Indicator {
                id: "T1r1".into(),
                unit: Some("%".into()),
                baseline_year: Some(2020),
                baseline: Some(IndicatorValue {
                    text: "95".into(),
                    number: Some(95.0),
                    ..Default::default()
                }),
                target_year: Some(2025),
                target: Some(IndicatorValue {
                    text: "≥98%".into(),
                    number: Some(98.0),
                    ..Default::default()
                }),
                canonical: Some("preschool_gross_enrolment".into()),
                ..Default::default()
            }],
            ..Default::default()
        }];
        b.targets = vec![q("G1", "myopia_rate", "1", "%", 2025, "3.1p1")];
        let (shared, base) = shared_indicators(&[&a, &b]);
        assert_eq!(shared.len(), 1, "{shared:?}");
        let r = &shared[0];
        assert_eq!(r.name, "学前教育毛入园率");
        assert_eq!(
            r.cells[0],
            vec![ValueRef {
                text: "目标 \u{2265}98%\u{FF08}2025年\u{FF09}".into(),
                para: "1p1".into()
            }]
        );
        assert_eq!(r.cells[1][0].text, "基数 95%\u{FF08}2020年\u{FF09}");
        assert_eq!(r.cells[1][1].text, "目标 ≥98%\u{FF08}2025年\u{FF09}");
        assert_eq!(r.cells[1][1].para, "T1r1");
        assert_eq!(base.len(), 1);
        assert_eq!(base[0].id, "schools_total");
        assert_eq!(base[0].cells[0][0].text, "现状 120所\u{FF08}2020年\u{FF09}");
        assert!(base[0].cells[1].is_empty());
    }

    #[test]
    fn phrases_and_runs() {
        let mk = |t: &str| {
            doc(
                "x",
                vec![sec("1", "", "", &[], vec![para("1p1", t, &["preschool"])])],
            )
        };
        let a = mk("大力发展公办幼儿园,扩大普惠性学前教育资源。建设智慧校园示范学校。");
        let b = mk("扩大普惠性学前教育资源,完善学前教育保教质量评估。");
        let r = topic_phrases(&[&a, &b], "preschool");
        assert!(r.shared.iter().any(|p| p.contains("普惠性学前教育")));
        assert_eq!(topic_paragraphs(&a, "preschool", 2).len(), 1);
        let runs = mark_runs("甲扩大普惠乙丙丁", &["扩大普惠".into()], &["丙丁".into()]);
        assert_eq!(
            runs,
            vec![
                ("甲".into(), Mark::Plain),
                ("扩大普惠".into(), Mark::Shared),
                ("乙".into(), Mark::Plain),
                ("丙丁".into(), Mark::Own),
            ]
        );
        assert_eq!(mark_runs("", &["a".into()], &[]), vec![]);
        // shared wins over own where they overlap
        let runs = mark_runs("abcd", &["bc".into()], &["abc".into()]);
        assert_eq!(runs[0], ("a".into(), Mark::Own));
        assert_eq!(runs[1], ("bc".into(), Mark::Shared));
    }

    /// Everything the compare page computes from its plans, for one selection.
    fn comparison(docs: &[&PlanDocument]) -> String {
        let mut out = format!(
            "{:?}\n{:?}\n{:?}\n",
            topic_rows(docs),
            heatmap(docs),
            shared_indicators(docs)
        );
        for t in catalog::TOPICS {
            out += &format!("{}: {:?}\n", t.id, topic_phrases(docs, t.id));
            for d in docs {
                out += &format!("{:?}\n", topic_paragraphs(d, t.id, 2));
            }
        }
        let refs: Vec<crate::indicators::PlanRef<'_>> = docs
            .iter()
            .map(|d| crate::indicators::PlanRef {
                id: &d.id,
                label: d.id.clone(),
                doc: d,
            })
            .collect();
        for r in shared_indicators(docs).0 {
            let st = crate::indicators::statements(r.id, &refs);
            out += &format!(
                "{:?}\n{:?}\n{}\n",
                st,
                crate::indicators::explorer_bars(r.id, &st),
                crate::indicators::explorer_summary(r.id, &st)
            );
        }
        out
    }

    #[test]
    fn the_compare_digest_gives_the_comparison_of_the_whole_plans() {
        let docs = seed_docs();
        let digests: Vec<PlanDocument> = docs
            .iter()
            .map(planscope_model::layout::compare_digest)
            .collect();
        // what the digest leaves out is really left out (else the test proves nothing)
        for (d, g) in docs.iter().zip(&digests) {
            assert!(g.front.is_empty() && g.key_projects.is_empty() && g.removed.is_empty());
            assert!(g.targets.len() <= d.targets.len());
            let json = |x: &PlanDocument| serde_json::to_string(x).unwrap().len();
            assert!(json(g) < json(d), "{}: digest not smaller", d.id);
        }
        assert!(
            docs.iter()
                .zip(&digests)
                .any(|(d, g)| g.targets.len() < d.targets.len()),
            "some seed has targets without a canonical indicator"
        );
        let full: Vec<&PlanDocument> = docs.iter().collect();
        let slim: Vec<&PlanDocument> = digests.iter().collect();
        for (a, b) in [(0, 1), (1, 2), (2, 3), (3, 4), (0, 4)] {
            assert_eq!(
                comparison(&[full[a], full[b]]),
                comparison(&[slim[a], slim[b]]),
                "{} and {}",
                full[a].id,
                full[b].id
            );
        }
        assert_eq!(comparison(&full[..4]), comparison(&slim[..4]));
        assert_eq!(comparison(&full[1..]), comparison(&slim[1..]));
    }
}
