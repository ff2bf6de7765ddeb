//! Indicator normalisation: wordings → canonical indicators (in progress).
use planscope_model::PlanDocument;

/// Set `canonical` on every indicator row and quantity of `doc` that states a known indicator.
pub fn assign(_doc: &mut PlanDocument) {}
