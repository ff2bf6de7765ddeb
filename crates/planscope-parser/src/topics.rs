//! Topic taxonomy: assigns sections and paragraphs to topics (in progress).
use planscope_model::PlanDocument;

/// Assign topics to every section, paragraph and quantity of `doc`.
pub fn assign(_doc: &mut PlanDocument) {}
