//! The plan reader: outline tree, reading pane, find, share, numbers, reading settings.
//! Layout and page wiring are in `views/plan.rs`; the logic is in `crate::reader`.

pub mod body;
pub mod dom;
pub mod tools;
pub mod tree;

use std::collections::HashMap;
use std::sync::Arc;

use leptos::prelude::*;
use planscope_model::PlanDocument;

use crate::reader::{NumInfo, NumSpan, UnitHit};

/// Find hits per text-unit key, and their total.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Hits {
    pub by_unit: HashMap<String, Vec<UnitHit>>,
    pub total: usize,
}

/// What the reader's components share.
#[derive(Clone, Copy)]
pub struct Ctx {
    pub doc: StoredValue<Arc<PlanDocument>>,
    /// Marked numbers per paragraph id.
    pub numbers: StoredValue<Arc<HashMap<String, Vec<NumSpan>>>>,
    pub hits: Memo<Arc<Hits>>,
    /// The number popover: its text and the id of the button that opened it.
    pub info: RwSignal<Option<(NumInfo, String)>>,
    /// The section the reader is in (scroll-spy), for the tree, breadcrumbs, previous/next.
    pub spy: RwSignal<Option<String>>,
}

impl Ctx {
    pub fn plan_id(&self) -> String {
        self.doc.with_value(|d| d.id.clone())
    }
}
