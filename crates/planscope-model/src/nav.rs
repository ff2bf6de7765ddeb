//! Outline navigation over a [`PlanDocument`]: the flattened tree in reading order (one entry
//! per heading, for a WAI-ARIA tree), breadcrumbs, previous/next section.

use crate::{PlanDocument, Section, SectionKind};

/// One heading of the outline, flattened in document order.
#[derive(Clone, Debug, PartialEq)]
pub struct OutlineEntry {
    pub id: String,
    /// What numbering the label belongs to (heading, 第X章/节/条, document part).
    pub kind: SectionKind,
    /// Numbering level within the kind (一、=1, (一)=2, 1.=3, (1)=4, ①=5; 章 1, 节 2, 条 3).
    pub level: u8,
    /// Depth in the tree (1 = top), for `aria-level`.
    pub depth: u8,
    pub label: String,
    pub title: String,
    /// Index of the parent entry.
    pub parent: Option<usize>,
    pub children: usize,
}

/// The outline flattened in document order.
pub fn outline(doc: &PlanDocument) -> Vec<OutlineEntry> {
    fn rec(ss: &[Section], depth: u8, parent: Option<usize>, out: &mut Vec<OutlineEntry>) {
        for s in ss {
            out.push(OutlineEntry {
                id: s.id.clone(),
                kind: s.kind,
                level: s.level,
                depth,
                label: s.label.clone(),
                title: s.title.clone(),
                parent,
                children: s.children.len(),
            });
            let me = out.len() - 1;
            rec(&s.children, depth + 1, Some(me), out);
        }
    }
    let mut out = Vec::new();
    rec(&doc.sections, 1, None, &mut out);
    out
}

/// The sections from the top down to `id` (inclusive); empty when unknown.
pub fn breadcrumbs<'a>(doc: &'a PlanDocument, id: &str) -> Vec<&'a Section> {
    fn rec<'a>(ss: &'a [Section], id: &str, path: &mut Vec<&'a Section>) -> bool {
        for s in ss {
            path.push(s);
            if s.id == id || rec(&s.children, id, path) {
                return true;
            }
            path.pop();
        }
        false
    }
    let mut path = Vec::new();
    rec(&doc.sections, id, &mut path);
    path
}

/// The sections before and after `id` in reading order.
pub fn prev_next<'a>(
    doc: &'a PlanDocument,
    id: &str,
) -> (Option<&'a Section>, Option<&'a Section>) {
    let all = doc.walk_sections();
    match all.iter().position(|s| s.id == id) {
        Some(i) => (i.checked_sub(1).map(|k| all[k]), all.get(i + 1).copied()),
        None => (None, None),
    }
}

/// The id of the section that holds a paragraph, heading or box item id, if it is a section.
pub fn section_of<'a>(doc: &'a PlanDocument, any_id: &str) -> Option<&'a Section> {
    doc.section(any_id)
        .or_else(|| doc.section(crate::paragraph_section(any_id)))
        .or_else(|| {
            let k = doc
                .key_projects
                .iter()
                .find(|k| k.id == crate::paragraph_section(any_id))?;
            doc.section(&k.section_id)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sec(id: &str, level: u8, children: Vec<Section>) -> Section {
        Section {
            id: id.into(),
            level,
            label: format!("{id}."),
            title: format!("t{id}"),
            children,
            ..Default::default()
        }
    }

    fn doc() -> PlanDocument {
        PlanDocument {
            sections: vec![
                sec(
                    "1",
                    1,
                    vec![
                        sec("1.1", 2, vec![]),
                        sec("1.2", 2, vec![sec("1.2.1", 3, vec![])]),
                    ],
                ),
                sec("2", 1, vec![]),
            ],
            ..Default::default()
        }
    }

    #[test]
    fn flattened_outline() {
        let o = outline(&doc());
        let ids: Vec<_> = o
            .iter()
            .map(|e| (e.id.as_str(), e.depth, e.parent, e.children))
            .collect();
        assert_eq!(
            ids,
            [
                ("1", 1, None, 2),
                ("1.1", 2, Some(0), 0),
                ("1.2", 2, Some(0), 1),
                ("1.2.1", 3, Some(2), 0),
                ("2", 1, None, 0)
            ]
        );
    }

    #[test]
    fn crumbs_and_neighbours() {
        let d = doc();
        let c: Vec<_> = breadcrumbs(&d, "1.2.1")
            .iter()
            .map(|s| s.id.as_str())
            .collect();
        assert_eq!(c, ["1", "1.2", "1.2.1"]);
        assert!(breadcrumbs(&d, "9").is_empty());
        let (p, n) = prev_next(&d, "1.2.1");
        assert_eq!(
            (p.map(|s| s.id.as_str()), n.map(|s| s.id.as_str())),
            (Some("1.2"), Some("2"))
        );
        assert_eq!(prev_next(&d, "1").0, None);
        assert_eq!(section_of(&d, "1.2p3").map(|s| s.id.as_str()), Some("1.2"));
    }
}
