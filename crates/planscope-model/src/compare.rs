//! Comparison logic for the side-by-side view: how much each plan says on each topic, and which
//! phrases several plans share on a topic versus those only one plan uses.
//!
//! Phrases are character n-grams of Chinese text (there are no spaces to split words on):
//! runs of Han characters are cut into 4-grams, n-grams that touch a function character at
//! either end (的 和 与 等 …) are dropped, and overlapping kept n-grams of one plan are merged
//! back into the longest phrases they form, so the result reads as phrases, not fragments.

use std::collections::{BTreeMap, BTreeSet};

use crate::text::is_han;
use crate::{Block, PlanDocument, Section};

/// How much a plan says on one topic.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TopicCoverage {
    /// Sections whose own topics include the topic, in reading order.
    pub sections: Vec<String>,
    /// Paragraphs tagged with the topic.
    pub paragraphs: u32,
    /// Characters in those paragraphs.
    pub chars: u32,
}

/// Coverage of every topic a plan touches (topic id → coverage).
pub fn topic_coverage(doc: &PlanDocument) -> BTreeMap<String, TopicCoverage> {
    let mut out: BTreeMap<String, TopicCoverage> = BTreeMap::new();
    fn rec(ss: &[Section], out: &mut BTreeMap<String, TopicCoverage>) {
        for s in ss {
            for t in &s.topics {
                out.entry(t.topic.clone())
                    .or_default()
                    .sections
                    .push(s.id.clone());
            }
            for b in &s.blocks {
                if let Block::Paragraph(p) = b {
                    for t in &p.topics {
                        let e = out.entry(t.clone()).or_default();
                        e.paragraphs += 1;
                        e.chars += p.text.chars().count() as u32;
                    }
                }
            }
            rec(&s.children, out);
        }
    }
    rec(&doc.sections, &mut out);
    out
}

/// The text a plan has on a topic: its tagged paragraphs, joined.
pub fn topic_text(doc: &PlanDocument, topic: &str) -> String {
    let mut out = String::new();
    for s in doc.walk_sections() {
        for b in &s.blocks {
            if let Block::Paragraph(p) = b {
                if p.topics.iter().any(|t| t == topic) {
                    out.push_str(&p.text);
                    out.push('\n');
                }
            }
        }
    }
    out
}

/// Characters that make a poor phrase edge.
const FUNCTION_CHARS: &str = "的和与及等是在对于为把将以并或其之而了着也都要有各";

const N: usize = 4;

/// Kept 4-grams of a text with their counts.
fn grams(text: &str) -> BTreeMap<String, u32> {
    let mut out = BTreeMap::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if !is_han(chars[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && is_han(chars[i]) {
            i += 1;
        }
        let run = &chars[start..i];
        for w in run.windows(N) {
            if FUNCTION_CHARS.contains(w[0]) || FUNCTION_CHARS.contains(w[N - 1]) {
                continue;
            }
            *out.entry(w.iter().collect::<String>()).or_insert(0) += 1;
        }
    }
    out
}

/// Merge n-grams that occur in `text` into maximal phrases: walk the text, and extend a
/// phrase while consecutive windows are all in `keep`.
///
/// With `shared` (for the distinctive phrases), a phrase's edges that overlap a shared window
/// are cut back to where the shared text begins or ends. A run of windows no other plan has
/// starts one character after a shared window starts, so its first `N - 1` characters are the
/// shared window's tail, which usually ends inside a word (全面提升 shared: the run is
/// 面提升幼儿园分园); likewise at its end (依托平凉市特殊 before 市特殊教, which another plan
/// has). Cut back, the phrase is what only this plan says: 幼儿园分园, 依托平凉. A phrase left
/// shorter than `N` characters is dropped. An edge next to punctuation, a non-Han character or
/// a window that is no gram (a function character at its edge) is kept as it is.
fn phrases(text: &str, keep: &BTreeSet<String>, shared: Option<&BTreeSet<String>>) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let window = |k: usize| chars[k..k + N].iter().collect::<String>();
    let mut out: Vec<String> = Vec::new();
    let mut seen = BTreeSet::new();
    let mut i = 0;
    while i + N <= chars.len() {
        if keep.contains(&window(i)) {
            let first = i;
            while i + N < chars.len() && keep.contains(&window(i + 1)) {
                i += 1;
            }
            let (mut start, mut end) = (first, i + N);
            if let Some(shared) = shared {
                if first > 0 && shared.contains(&window(first - 1)) {
                    start = first + N - 1;
                }
                if i + 1 + N <= chars.len() && shared.contains(&window(i + 1)) {
                    end = i + 1;
                }
            }
            if end >= start + N {
                let p: String = chars[start..end].iter().collect();
                if seen.insert(p.clone()) {
                    out.push(p);
                }
            }
            // the next phrase may start at the first kept window after this run (skipping past
            // the run's characters started distinctive phrases inside a word: 遍建立…, 学率达到)
            i += if shared.is_some() { 2 } else { N };
        } else {
            i += 1;
        }
    }
    out
}

/// `list` without the phrases contained in an earlier one, at most `limit`.
fn outermost(list: impl IntoIterator<Item = String>, limit: usize) -> Vec<String> {
    let mut kept: Vec<String> = Vec::new();
    for p in list {
        if kept.len() >= limit {
            break;
        }
        if !kept.iter().any(|k| k.contains(&p)) {
            kept.push(p);
        }
    }
    kept
}

/// Shared and distinctive phrases of several plans' texts on one topic.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PhraseReport {
    /// Phrases found in at least two of the texts, most widely shared first.
    pub shared: Vec<String>,
    /// Per text, phrases found in that text only (repeated ones first).
    pub distinctive: Vec<Vec<String>>,
}

/// Compare texts (one per plan): `limit` phrases per list at most.
pub fn phrase_report(texts: &[String], limit: usize) -> PhraseReport {
    let per: Vec<BTreeMap<String, u32>> = texts.iter().map(|t| grams(t)).collect();
    let mut df: BTreeMap<&str, usize> = BTreeMap::new();
    for g in &per {
        for k in g.keys() {
            *df.entry(k.as_str()).or_insert(0) += 1;
        }
    }
    let shared_set: BTreeSet<String> = df
        .iter()
        .filter(|(_, &n)| n >= 2)
        .map(|(k, _)| k.to_string())
        .collect();
    // shared phrases: merged within the first text that has them, ranked by how many texts
    // contain every gram of the phrase
    let mut shared: Vec<(usize, usize, String)> = Vec::new();
    let mut seen = BTreeSet::new();
    for t in texts {
        for p in phrases(t, &shared_set, None) {
            if seen.insert(p.clone()) {
                let chars: Vec<char> = p.chars().collect();
                let spread = chars
                    .windows(N)
                    .map(|w| {
                        df.get(w.iter().collect::<String>().as_str())
                            .copied()
                            .unwrap_or(0)
                    })
                    .min()
                    .unwrap_or(0);
                shared.push((spread, chars.len(), p));
            }
        }
    }
    shared.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    // drop phrases contained in a longer kept one
    let kept = outermost(shared.into_iter().map(|(_, _, p)| p), limit);
    let distinctive = texts
        .iter()
        .zip(&per)
        .map(|(t, g)| {
            let own: BTreeSet<String> = g
                .keys()
                .filter(|k| df.get(k.as_str()) == Some(&1))
                .cloned()
                .collect();
            let mut ps: Vec<(u32, String)> = phrases(t, &own, Some(&shared_set))
                .into_iter()
                .map(|p| {
                    let chars: Vec<char> = p.chars().collect();
                    let c = chars
                        .windows(N)
                        .map(|w| g.get(&w.iter().collect::<String>()).copied().unwrap_or(0))
                        .max()
                        .unwrap_or(0);
                    (c, p)
                })
                .collect();
            ps.sort_by(|a, b| {
                b.0.cmp(&a.0)
                    .then(b.1.chars().count().cmp(&a.1.chars().count()))
            });
            outermost(ps.into_iter().map(|(_, p)| p), limit)
        })
        .collect();
    PhraseReport {
        shared: kept,
        distinctive,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Paragraph, TopicScore};

    #[test]
    fn shared_and_distinctive_phrases() {
        let a = "大力发展公办幼儿园,扩大普惠性学前教育资源。建设智慧校园示范学校。".to_string();
        let b = "扩大普惠性学前教育资源,完善学前教育保教质量评估。".to_string();
        let r = phrase_report(&[a, b], 10);
        assert!(
            r.shared.iter().any(|p| p.contains("普惠性学前教育资源")),
            "{:?}",
            r.shared
        );
        assert!(
            r.distinctive[0]
                .iter()
                .any(|p| p.contains("智慧校园示范学校")),
            "{:?}",
            r.distinctive[0]
        );
        assert!(
            r.distinctive[1].iter().any(|p| p.contains("保教质量评估")),
            "{:?}",
            r.distinctive[1]
        );
        assert!(
            !r.distinctive[0].iter().any(|p| p.contains("普惠性学前")),
            "shared text is not distinctive"
        );
    }

    #[test]
    fn distinctive_phrases_stop_where_shared_text_starts() {
        // 全面提升 and 市特殊教育学校 are shared: the distinctive runs overlap them by three
        // characters (面提升…, …市特殊), which are cut back.
        let a = "全面提升幼儿园分园建设水平。依托平凉市特殊教育学校开展送教上门。".to_string();
        let b = "全面提升教育质量。推动清远市特殊教育学校改扩建。".to_string();
        let r = phrase_report(&[a, b], 10);
        let own = &r.distinctive[0];
        assert!(own.iter().any(|p| p.starts_with("幼儿园分园")), "{own:?}");
        assert!(own.iter().any(|p| p == "依托平凉"), "{own:?}");
        for p in own {
            assert!(
                !p.starts_with("面提升") && !p.contains("市特殊") && !p.contains("全面提升"),
                "{p} overlaps the shared text"
            );
        }
        assert!(
            r.distinctive[1].iter().any(|p| p.starts_with("教育质量")),
            "{:?}",
            r.distinctive[1]
        );
    }

    #[test]
    fn empty_and_single_texts() {
        assert_eq!(phrase_report(&[], 5), PhraseReport::default());
        let r = phrase_report(&["学前教育普及普惠".to_string()], 5);
        assert!(r.shared.is_empty());
        assert_eq!(r.distinctive.len(), 1);
    }

    #[test]
    fn coverage_counts_tagged_paragraphs() {
        let p = |id: &str, t: &str, topics: &[&str]| {
            Block::Paragraph(Paragraph {
                id: id.into(),
                text: t.into(),
                topics: topics.iter().map(|s| s.to_string()).collect(),
                ..Default::default()
            })
        };
        let doc = PlanDocument {
            sections: vec![Section {
                id: "1".into(),
                topics: vec![TopicScore {
                    topic: "preschool".into(),
                    score: 9.0,
                }],
                blocks: vec![
                    p("1p1", "发展学前教育。", &["preschool"]),
                    p("1p2", "其他。", &[]),
                ],
                ..Default::default()
            }],
            ..Default::default()
        };
        let c = topic_coverage(&doc);
        assert_eq!(
            c["preschool"],
            TopicCoverage {
                sections: vec!["1".into()],
                paragraphs: 1,
                chars: 7
            }
        );
        assert_eq!(topic_text(&doc, "preschool"), "发展学前教育。\n");
    }
}
