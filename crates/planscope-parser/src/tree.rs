//! A readable tree dump of a parse (`planscope parse FILE --format tree`, insta snapshots).
use planscope_model::PlanDocument;

/// Outline, tables, projects and numbers as indented text.
pub fn dump(doc: &PlanDocument) -> String {
    format!("# {}\n", doc.metadata.title)
}
