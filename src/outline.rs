//! The outline (目录) of a plan as a light tree for the view: headings only, no body text, so
//! the view never clones paragraphs.

use planscope_model::Section;

/// One heading of the outline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutlineItem {
    /// Section id (`3.1.2`), used in `?sec=` links and as the element id `sec-3.1.2`.
    pub id: String,
    /// The number as printed (`一、`, `(一)`, `1.`).
    pub label: String,
    /// The heading text as printed.
    pub title: String,
    pub children: Vec<OutlineItem>,
}

/// The outline of a document's sections.
pub fn outline(sections: &[Section]) -> Vec<OutlineItem> {
    sections
        .iter()
        .map(|s| OutlineItem {
            id: s.id.clone(),
            label: s.label.trim().to_owned(),
            title: s.title.trim().to_owned(),
            children: outline(&s.children),
        })
        .collect()
}

/// Number of headings in an outline.
pub fn heading_count(items: &[OutlineItem]) -> usize {
    items.iter().map(|i| 1 + heading_count(&i.children)).sum()
}

/// The element id of a section's heading in the page.
pub fn anchor_id(section_id: &str) -> String {
    format!("sec-{section_id}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(id: &str, label: &str, title: &str, children: Vec<Section>) -> Section {
        Section {
            id: id.into(),
            label: label.into(),
            title: title.into(),
            children,
            ..Section::default()
        }
    }

    #[test]
    fn keeps_headings_and_nesting() {
        let doc = vec![
            section("1", "一、", "发展基础", vec![]),
            section(
                "2",
                "二、",
                "总体要求",
                vec![
                    section("2.1", "(一)", "指导思想", vec![]),
                    section("2.2", "(二)", "基本原则", vec![]),
                ],
            ),
        ];
        let items = outline(&doc);
        assert_eq!(items.len(), 2);
        assert_eq!(items[1].children[1].title, "基本原则");
        assert_eq!(items[1].children[1].label, "(二)");
        assert_eq!(heading_count(&items), 4);
        assert_eq!(anchor_id("2.1"), "sec-2.1");
    }
}
