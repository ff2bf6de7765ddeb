//! Find in a plan: every text the reader shows, as [`TextUnit`]s in reading order, and the
//! occurrences of a query in them (char offsets). Matching folds full-width forms and ASCII case
//! (`text::fold_search`, shared with the search across plans), so `(一)` finds `（一）` and `ppp`
//! finds `PPP`; it is a plain substring search (Chinese has no word boundaries to respect).

use crate::text::fold_search;
use crate::{Block, Cell, PlanDocument, Section};

/// A piece of displayed text with a stable key the view can attach highlights to.
#[derive(Clone, Debug, PartialEq)]
pub struct TextUnit<'a> {
    /// `<paragraph id>`, `h:<section id>` (heading), `k:<project id>` (box title),
    /// `t:<table id>:<row>:<col>` (cell; row 0 = header, caption = `t:<id>:cap`).
    pub key: String,
    /// The section the text is in (`0` front matter, `A1` attachment, `B` back matter).
    pub section: String,
    pub text: &'a str,
}

/// One occurrence: unit index and char span `[start, end)` in that unit's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub unit: usize,
    pub start: usize,
    pub end: usize,
}

/// Caption, header cells (row 0) and body cells (rows 1…) of a typed table.
fn table_units<'a>(
    id: &str,
    caption: &'a Option<Cell>,
    header: &'a [Cell],
    rows: impl Iterator<Item = &'a Vec<Cell>>,
    unit: &mut impl FnMut(String, &'a str),
) {
    if let Some(c) = caption {
        unit(format!("t:{id}:cap"), &c.text);
    }
    for (j, c) in header.iter().enumerate() {
        unit(format!("t:{id}:0:{j}"), &c.text);
    }
    for (r, row) in rows.enumerate() {
        for (j, c) in row.iter().enumerate() {
            unit(format!("t:{id}:{}:{j}", r + 1), &c.text);
        }
    }
}

fn blocks<'a>(doc: &'a PlanDocument, bs: &'a [Block], section: &str, out: &mut Vec<TextUnit<'a>>) {
    let mut unit = |key: String, text: &'a str| {
        out.push(TextUnit {
            key,
            section: section.to_string(),
            text,
        })
    };
    for b in bs {
        match b {
            Block::Paragraph(p) => unit(p.id.clone(), &p.text),
            Block::KeyProject { index } => {
                if let Some(k) = doc.key_projects.get(*index as usize) {
                    unit(format!("k:{}", k.id), &k.label);
                    unit(format!("k:{}:t", k.id), &k.title);
                    for it in &k.items {
                        unit(it.id.clone(), &it.text);
                    }
                }
            }
            Block::IndicatorTable { index } => {
                if let Some(t) = doc.indicator_tables.get(*index as usize) {
                    table_units(
                        &t.id,
                        &t.caption,
                        &t.header,
                        t.rows.iter().map(|r| &r.cells),
                        &mut unit,
                    );
                }
            }
            Block::TaskTable { index } => {
                if let Some(t) = doc.task_tables.get(*index as usize) {
                    table_units(
                        &t.id,
                        &t.caption,
                        &t.header,
                        t.rows.iter().map(|r| &r.cells),
                        &mut unit,
                    );
                }
            }
            Block::Table(t) => {
                if let Some(c) = &t.caption {
                    unit(format!("t:{}:cap", t.id), &c.text);
                }
                for (r, row) in t.rows.iter().enumerate() {
                    for (j, c) in row.iter().enumerate() {
                        unit(format!("t:{}:{}:{j}", t.id, r + 1), &c.text);
                    }
                }
            }
        }
    }
}

fn sections<'a>(doc: &'a PlanDocument, ss: &'a [Section], out: &mut Vec<TextUnit<'a>>) {
    for s in ss {
        out.push(TextUnit {
            key: format!("h:{}", s.id),
            section: s.id.clone(),
            text: &s.label,
        });
        out.push(TextUnit {
            key: format!("h:{}:t", s.id),
            section: s.id.clone(),
            text: &s.title,
        });
        blocks(doc, &s.blocks, &s.id, out);
        sections(doc, &s.children, out);
    }
}

/// Every displayed text of the plan in reading order: front matter, outline (heading label,
/// heading title, blocks, children), attachments, back matter.
pub fn text_units(doc: &PlanDocument) -> Vec<TextUnit<'_>> {
    let mut out = Vec::new();
    blocks(doc, &doc.front, "0", &mut out);
    sections(doc, &doc.sections, &mut out);
    for a in &doc.appendix {
        blocks(doc, &a.blocks, &a.id, &mut out);
    }
    blocks(doc, &doc.back, "B", &mut out);
    out
}

/// Non-overlapping occurrences of `query` in `text`, as char spans.
pub fn find_in(text: &str, query: &str) -> Vec<(usize, usize)> {
    let q: Vec<char> = query.trim().chars().map(fold_search).collect();
    if q.is_empty() {
        return Vec::new();
    }
    let t: Vec<char> = text.chars().map(fold_search).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i + q.len() <= t.len() {
        if t[i..i + q.len()] == q[..] {
            out.push((i, i + q.len()));
            i += q.len();
        } else {
            i += 1;
        }
    }
    out
}

/// All occurrences of `query` over the units.
pub fn find(units: &[TextUnit<'_>], query: &str) -> Vec<Hit> {
    units
        .iter()
        .enumerate()
        .flat_map(|(u, unit)| {
            find_in(unit.text, query)
                .into_iter()
                .map(move |(start, end)| Hit {
                    unit: u,
                    start,
                    end,
                })
        })
        .collect()
}

/// `text` cut into runs, each flagged when it is a hit, for rendering highlights as text nodes.
pub fn split_hits(text: &str, hits: &[(usize, usize)]) -> Vec<(String, bool)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut at = 0;
    for &(s, e) in hits {
        let (s, e) = (s.min(chars.len()), e.min(chars.len()));
        if s < at || s >= e {
            continue;
        }
        if s > at {
            out.push((chars[at..s].iter().collect(), false));
        }
        out.push((chars[s..e].iter().collect(), true));
        at = e;
    }
    if at < chars.len() || out.is_empty() {
        out.push((chars[at..].iter().collect(), false));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Paragraph;

    #[test]
    fn finds_chinese_substrings_non_overlapping() {
        assert_eq!(find_in("学前教育和学前教育", "学前教育"), [(0, 4), (5, 9)]);
        assert_eq!(find_in("aaaa", "aa"), [(0, 2), (2, 4)]);
        assert_eq!(find_in("（一）加强", "(一)"), [(0, 3)]);
        assert_eq!(find_in("PPP模式、ppp", "ppp"), [(0, 3), (6, 9)]);
        assert!(find_in("学前", "").is_empty());
        assert!(find_in("学", "学前教育").is_empty());
    }

    #[test]
    fn splits_for_highlighting() {
        assert_eq!(
            split_hits("甲学前乙", &[(1, 3)]),
            [
                ("甲".to_string(), false),
                ("学前".to_string(), true),
                ("乙".to_string(), false)
            ]
        );
        assert_eq!(split_hits("学前", &[(0, 2)]), [("学前".to_string(), true)]);
        assert_eq!(split_hits("", &[]), [(String::new(), false)]);
    }

    #[test]
    fn units_cover_front_sections_and_back() {
        let p = |id: &str, t: &str| {
            Block::Paragraph(Paragraph {
                id: id.into(),
                text: t.into(),
                ..Default::default()
            })
        };
        let doc = PlanDocument {
            front: vec![p("0p1", "学前教育规划")],
            sections: vec![Section {
                id: "1".into(),
                label: "一、".into(),
                title: "学前教育".into(),
                blocks: vec![p("1p1", "发展学前教育。")],
                ..Default::default()
            }],
            back: vec![p("Bp1", "抄送")],
            ..Default::default()
        };
        let units = text_units(&doc);
        let keys: Vec<_> = units.iter().map(|u| u.key.as_str()).collect();
        assert_eq!(keys, ["0p1", "h:1", "h:1:t", "1p1", "Bp1"]);
        assert_eq!(find(&units, "学前教育").len(), 3);
    }
}
