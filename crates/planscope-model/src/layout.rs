//! The data files beside `index.json` that let the app show a view of many plans without
//! fetching every plan (issue 15), and their content-hashed names.
//!
//! ```text
//! data/index.json                     PlanIndex: every plan's library card (with the hash of
//!                                     its file) + `indicators` below (short-lived: it names the
//!                                     hashed files)
//! data/<id>-<hash>.json               PlanDocument: one plan, complete (`hash`: 12 hex digits,
//!                                     IndexEntry::hash; immutable)
//! data/ind/<indicator>-<hash>.json    IndicatorFile: one canonical indicator in every plan
//!                                     stating it (`hash`: 16 hex digits; immutable)
//! data/cmp/<id>-<hash>.json           PlanDocument: one plan's compare digest (`hash`: the
//!                                     plan file's, see below; immutable)
//! ```
//!
//! An [`IndicatorFile`] holds, per plan stating the indicator, only the model pieces that state
//! it — indicator-table rows and prose targets/base statistics whose `canonical` is the
//! indicator — with the fields the explorer does not show emptied (table cells, source ranges,
//! the clause text): ≈ 40 bytes brotli per statement on the synthetic 2,000-plan library. The
//! app rebuilds a partial [`PlanDocument`] per plan from it ([`IndicatorPlan::to_document`]) and
//! runs the same explorer logic as on whole plans.
//!
//! A plan's *compare digest* ([`compare_digest`]) is the plan with only what the comparison of 2–4
//! plans reads (`planscope_view::compare`): the outline with its paragraphs' text and topics, the
//! canonical indicator rows, targets and base statistics, metadata. The 目录 copy and preamble,
//! attachments, 重点工程, responsibility tables, non-canonical figures, source ranges and
//! diagnostics are left out: 11–38 % fewer bytes than the plan file on the seeds (brotli; the four
//! largest 81.5 → 64.5 KB together), so a comparison downloads only what it shows. It is the same type, so the app decodes
//! it and runs the same comparison code on it.
//!
//! Names: `<stem>-<hash>.json`, `hash` = the hex digits of FNV-1a 64 of the file's bytes
//! ([`content_hash`]; not cryptographic — it only has to change when the bytes do, so a CDN may
//! cache the file for ever, `Cache-Control: immutable`): 16 for indicator files, the first 12 for
//! plan files ([`PLAN_HASH_DIGITS`]: 2,000 of them are listed on the library's first screen,
//! about 6 bytes brotli each). A plan's two files share the one hash the index lists, computed
//! over both files' bytes ([`plan_files_hash`]): either changing renames both, and the index
//! needs no second hash per plan. `-<12 to 16 hex>.` is the hosts' rule for a file that may be
//! cached for a year (README.md "Deploying"); a plan id may contain `-` (the hash is the last
//! part).

use serde::{Deserialize, Serialize};

use crate::{
    catalog, Block, Indicator, IndicatorTable, IndicatorValue, Paragraph, PlanDocument, Quantity,
    Region, Section, SCHEMA_VERSION,
};

/// The directory of indicator files, relative to the data directory.
pub const INDICATOR_DIR: &str = "ind";

/// The directory of compare digests ([`compare_digest`]), relative to the data directory.
pub const COMPARE_DIR: &str = "cmp";

/// One entry of [`crate::PlanIndex::indicators`]: a canonical indicator some plan states.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorRef {
    /// Canonical indicator id ([`catalog::INDICATORS`]).
    pub id: String,
    /// The file, relative to the data directory: `ind/<id>-<hash>.json`.
    pub file: String,
    /// How many plans state it.
    pub plans: u32,
}

/// `data/ind/<indicator>-<hash>.json`: one canonical indicator across all plans.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct IndicatorFile {
    pub schema_version: u32,
    /// Canonical indicator id.
    pub indicator: String,
    /// The plans stating it, in the index's order.
    pub plans: Vec<IndicatorPlan>,
}

/// What one plan states about one indicator.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct IndicatorPlan {
    /// Plan id.
    pub id: String,
    /// The plan's title (as in the index), for its label when the region is unknown.
    pub title: String,
    pub region: Region,
    /// Rows of its 主要指标 tables stating the indicator (`cells` and source ranges emptied).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rows: Vec<Indicator>,
    /// Prose targets stating it (`text` emptied).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<Quantity>,
    /// Prose base statistics stating it (`text` emptied).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub base_stats: Vec<Quantity>,
}

impl IndicatorPlan {
    /// A plan document holding only these pieces (one indicator table with the rows, the
    /// targets, the base statistics, id, title and region), for the explorer's logic.
    pub fn to_document(&self) -> PlanDocument {
        let mut doc = PlanDocument {
            schema_version: SCHEMA_VERSION,
            id: self.id.clone(),
            targets: self.targets.clone(),
            base_stats: self.base_stats.clone(),
            ..PlanDocument::default()
        };
        doc.metadata.title = self.title.clone();
        doc.metadata.region = self.region.clone();
        if !self.rows.is_empty() {
            doc.indicator_tables.push(IndicatorTable {
                rows: self.rows.clone(),
                ..IndicatorTable::default()
            });
        }
        doc
    }
}

fn slim_value(v: &Option<IndicatorValue>) -> Option<IndicatorValue> {
    v.as_ref().map(|v| IndicatorValue {
        src: Vec::new(),
        ..v.clone()
    })
}

/// An indicator-table row as the indicator files and the compare digests carry it: `cells` and
/// the values' source ranges emptied.
fn slim_row(r: &Indicator) -> Indicator {
    Indicator {
        cells: Vec::new(),
        baseline: slim_value(&r.baseline),
        target: slim_value(&r.target),
        ..r.clone()
    }
}

/// A prose target or base statistic as the indicator files and the compare digests carry it:
/// `text` (the clause) emptied.
fn slim_quantity(q: &Quantity) -> Quantity {
    Quantity {
        text: String::new(),
        ..q.clone()
    }
}

/// The indicator files of `docs`: one per canonical indicator that at least one plan states, in
/// catalogue order; plans in the order of `docs`.
pub fn indicator_files(docs: &[PlanDocument]) -> Vec<IndicatorFile> {
    catalog::INDICATORS
        .iter()
        .filter_map(|info| {
            let ind = Some(info.id);
            let plans: Vec<IndicatorPlan> = docs
                .iter()
                .filter_map(|d| {
                    let rows: Vec<Indicator> = d
                        .indicator_tables
                        .iter()
                        .flat_map(|t| &t.rows)
                        .filter(|r| r.canonical.as_deref() == ind)
                        .map(slim_row)
                        .collect();
                    let slim = |qs: &[Quantity]| -> Vec<Quantity> {
                        qs.iter()
                            .filter(|q| q.canonical.as_deref() == ind)
                            .map(slim_quantity)
                            .collect()
                    };
                    let (targets, base_stats) = (slim(&d.targets), slim(&d.base_stats));
                    (!rows.is_empty() || !targets.is_empty() || !base_stats.is_empty()).then(|| {
                        IndicatorPlan {
                            id: d.id.clone(),
                            title: d.metadata.title.clone(),
                            region: d.metadata.region.clone(),
                            rows,
                            targets,
                            base_stats,
                        }
                    })
                })
                .collect();
            (!plans.is_empty()).then(|| IndicatorFile {
                schema_version: SCHEMA_VERSION,
                indicator: info.id.to_owned(),
                plans,
            })
        })
        .collect()
}

/// The first 16 hex digits of FNV-1a 64 of `bytes`: the part of a file name that changes when
/// the file does.
pub fn content_hash(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// `<stem>-<hash>.json` for a file with these bytes (16 hex digits).
pub fn hashed_name(stem: &str, bytes: &[u8]) -> String {
    format!("{stem}-{}.json", content_hash(bytes))
}

/// Hex digits of a plan file's hash ([`crate::IndexEntry::hash`]).
pub const PLAN_HASH_DIGITS: usize = 12;

/// The first [`PLAN_HASH_DIGITS`] hex digits of [`content_hash`] of `bytes`.
pub fn plan_hash(bytes: &[u8]) -> String {
    content_hash(bytes)[..PLAN_HASH_DIGITS].to_owned()
}

/// [`crate::IndexEntry::hash`] for a plan whose file (`<id>-<hash>.json`) has the bytes `plan`
/// and whose compare digest (`cmp/<id>-<hash>.json`) has the bytes `digest`: [`plan_hash`] of
/// `plan`, a NUL byte (which JSON text never holds) and `digest`, so a change to either file
/// renames both.
pub fn plan_files_hash(plan: &[u8], digest: &[u8]) -> String {
    let mut bytes = Vec::with_capacity(plan.len() + 1 + digest.len());
    bytes.extend_from_slice(plan);
    bytes.push(0);
    bytes.extend_from_slice(digest);
    plan_hash(&bytes)
}

/// The compare digest of a plan (`data/cmp/<id>-<hash>.json`, see the module docs): a copy of
/// `doc` holding what the comparison of plans reads and nothing else.
///
/// - Kept whole: `schema_version`, `id`, `source`, `metadata`, `coverage`.
/// - `sections`: the whole outline (ids, labels, titles, topics), each section's paragraphs with
///   their text, role and topics; source ranges emptied, other blocks (tables, 重点工程 boxes)
///   left out.
/// - `indicator_tables`: only the rows with a canonical indicator, in tables of their own
///   (`cells`, caption, header and source ranges emptied, as in the explorer's
///   [`IndicatorFile`]).
/// - `targets`, `base_stats`: only those with a canonical indicator (`text`, the clause, emptied:
///   the comparison shows the value and links to the paragraph).
/// - Emptied: `front`, `appendix`, `back`, `key_projects`, `task_tables`, `removed`,
///   `diagnostics`.
///
/// `planscope_view::compare`'s tests check that every figure of the comparison is the same on
/// the digest as on the plan, for every seed.
pub fn compare_digest(doc: &PlanDocument) -> PlanDocument {
    fn slim_sections(sections: &[Section]) -> Vec<Section> {
        sections
            .iter()
            .map(|s| Section {
                src: Vec::new(),
                blocks: s
                    .blocks
                    .iter()
                    .filter_map(|b| match b {
                        Block::Paragraph(p) => Some(Block::Paragraph(Paragraph {
                            src: Vec::new(),
                            ..p.clone()
                        })),
                        _ => None,
                    })
                    .collect(),
                children: slim_sections(&s.children),
                ..s.clone()
            })
            .collect()
    }
    let canonical = |qs: &[Quantity]| -> Vec<Quantity> {
        qs.iter()
            .filter(|q| q.canonical.is_some())
            .map(slim_quantity)
            .collect()
    };
    PlanDocument {
        schema_version: doc.schema_version,
        id: doc.id.clone(),
        source: doc.source.clone(),
        metadata: doc.metadata.clone(),
        sections: slim_sections(&doc.sections),
        indicator_tables: doc
            .indicator_tables
            .iter()
            .map(|t| IndicatorTable {
                id: t.id.clone(),
                section_id: t.section_id.clone(),
                rows: t
                    .rows
                    .iter()
                    .filter(|r| r.canonical.is_some())
                    .map(slim_row)
                    .collect(),
                ..IndicatorTable::default()
            })
            .filter(|t| !t.rows.is_empty())
            .collect(),
        targets: canonical(&doc.targets),
        base_stats: canonical(&doc.base_stats),
        coverage: doc.coverage.clone(),
        ..PlanDocument::default()
    }
}

/// Whether a file name's stem (the name without its extension) is `<name>-<12 to 16 hex
/// digits>`, or a numbered part of such a set, `<name>-<12 to 16 hex digits>-<decimal n>` (the
/// search index's shards and chunks, `planscope_search::file_name`): a content-hashed name, whose
/// file never changes. The one rule behind the hosts' `Cache-Control` (README.md "Deploying":
/// trunk's bundles print their 64-bit hash without leading zeros, so 12 to 16 digits; plan files
/// have [`PLAN_HASH_DIGITS`], indicator files 16, the search index 12) and behind the app's
/// reload when such a file answers 404.
pub fn is_hashed_stem(stem: &str) -> bool {
    let ends_hashed = |s: &str| match s.rsplit_once('-') {
        Some((name, hash)) => {
            !name.is_empty()
                && (12..=16).contains(&hash.len())
                && hash.bytes().all(|c| c.is_ascii_hexdigit())
        }
        None => false,
    };
    ends_hashed(stem)
        || stem.rsplit_once('-').is_some_and(|(set, n)| {
            !n.is_empty()
                && n.len() <= 4
                && n.bytes().all(|c| c.is_ascii_digit())
                && ends_hashed(set)
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Anchor, Comparator, Metadata};

    #[test]
    fn hashed_stems_have_12_to_16_hex_digits_after_the_last_dash() {
        assert!(is_hashed_stem("guangzhou-2021-2025-0123456789ab"));
        assert!(is_hashed_stem("planscope-app-b051ce832b625e7"));
        assert!(is_hashed_stem(
            hashed_name("ind", b"x").trim_end_matches(".json")
        ));
        assert!(!is_hashed_stem("guangzhou-2021-2025"));
        // Numbered parts of a hashed set (the search index's shards and chunks).
        assert!(is_hashed_stem("c-0123456789ab-3"));
        assert!(is_hashed_stem("t-0123456789ab-12"));
        assert!(!is_hashed_stem("c-0123456789ab-"));
        assert!(!is_hashed_stem("c-0123456789-3"));
        assert!(!is_hashed_stem("0123456789ab-3"));
        assert!(!is_hashed_stem("-0123456789ab"));
        assert!(!is_hashed_stem("a-0123456789abcdef0"));
        assert!(!is_hashed_stem("a-0123456789ag"));
    }

    fn quantity(id: &str, canonical: Option<&str>) -> Quantity {
        Quantity {
            id: id.into(),
            text: "到2025年，学前教育毛入园率达到95%".into(),
            metric: "学前教育毛入园率".into(),
            value: "95".into(),
            number: Some(95.0),
            unit: Some("%".into()),
            comparator: Comparator::Ge,
            year: Some(2025),
            anchor: Anchor::default(),
            canonical: canonical.map(str::to_owned),
            ..Quantity::default()
        }
    }

    #[test]
    fn one_file_per_stated_indicator_with_only_its_pieces() {
        let ind = catalog::INDICATORS[0].id;
        let a = PlanDocument {
            id: "a".into(),
            metadata: Metadata {
                title: "甲".into(),
                ..Metadata::default()
            },
            targets: vec![quantity("G1", Some(ind)), quantity("G2", None)],
            indicator_tables: vec![IndicatorTable {
                rows: vec![Indicator {
                    id: "T1r1".into(),
                    canonical: Some(ind.into()),
                    cells: vec![Default::default()],
                    ..Indicator::default()
                }],
                ..IndicatorTable::default()
            }],
            ..PlanDocument::default()
        };
        let b = PlanDocument {
            id: "b".into(),
            base_stats: vec![quantity("S1", None)],
            ..PlanDocument::default()
        };
        let files = indicator_files(&[a.clone(), b]);
        assert_eq!(files.len(), 1, "only the stated indicator");
        let f = &files[0];
        assert_eq!(
            (f.indicator.as_str(), f.schema_version),
            (ind, SCHEMA_VERSION)
        );
        assert_eq!(f.plans.len(), 1, "plan b states nothing");
        let p = &f.plans[0];
        assert_eq!((p.id.as_str(), p.title.as_str()), ("a", "甲"));
        assert_eq!(p.targets.len(), 1);
        assert_eq!(p.targets[0].id, "G1");
        assert!(p.targets[0].text.is_empty(), "clause text left out");
        assert!(p.rows[0].cells.is_empty(), "cells left out");
        let doc = p.to_document();
        assert_eq!(doc.indicator_tables[0].rows[0].id, "T1r1");
        assert_eq!(doc.targets[0].metric, a.targets[0].metric);
        assert_eq!(doc.metadata.title, "甲");
    }

    #[test]
    fn hashed_names_change_with_the_bytes_only() {
        assert_eq!(content_hash(b""), "cbf29ce484222325");
        assert_eq!(hashed_name("x", b"{}"), hashed_name("x", b"{}"));
        assert_ne!(hashed_name("x", b"{}"), hashed_name("x", b"{ }"));
        let n = hashed_name("preschool", b"{}");
        assert!(n.starts_with("preschool-") && n.ends_with(".json") && n.len() == 10 + 16 + 5);
        let h = plan_hash(b"{}");
        assert_eq!(h.len(), PLAN_HASH_DIGITS);
        assert!(content_hash(b"{}").starts_with(&h));
        let e = crate::IndexEntry {
            id: "guangzhou-2021-2025".into(),
            hash: h.clone(),
            ..Default::default()
        };
        assert_eq!(e.data_file(), format!("guangzhou-2021-2025-{h}.json"));
        assert_eq!(
            e.compare_file(),
            Some(format!("cmp/guangzhou-2021-2025-{h}.json"))
        );
        // a plan's two files share one hash: either one changing changes it
        let both = plan_files_hash(b"{}", b"{}");
        assert_eq!(both.len(), PLAN_HASH_DIGITS);
        assert_ne!(both, plan_files_hash(b"{ }", b"{}"));
        assert_ne!(both, plan_files_hash(b"{}", b"{ }"));
        assert_ne!(plan_files_hash(b"ab", b"c"), plan_files_hash(b"a", b"bc"));
    }
}
