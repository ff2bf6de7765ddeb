//! `--format gold`: the document in the shape of the hand-checked gold files
//! (`tests/gold/README.md`, "How a parse is compared"). Absent values are written as `null`.
use planscope_model::PlanDocument;
use serde_json::{json, Value};

/// The gold-shaped JSON value of a parsed document.
pub fn to_gold(doc: &PlanDocument) -> Value {
    json!({ "seed": doc.source.file_name, "title": doc.metadata.title })
}
