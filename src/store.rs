//! Loaded data shared between views.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use planscope_model::{PlanDocument, PlanIndex};

use crate::data::{self, LoadError, LoadState};

/// `data/index.json`, fetched once on first use and kept for the session.
#[derive(Clone, Copy)]
pub struct IndexStore {
    state: RwSignal<LoadState<PlanIndex>>,
    started: StoredValue<bool>,
}

impl IndexStore {
    /// Creates the store and provides it as context. Nothing is fetched until a view asks.
    pub fn provide() {
        provide_context(IndexStore {
            state: RwSignal::new(LoadState::Loading),
            started: StoredValue::new(false),
        });
    }

    /// The store provided by [`App`](crate::App); starts the fetch on first use.
    pub fn expect() -> IndexStore {
        let store = expect_context::<IndexStore>();
        if !store.started.get_value() {
            store.started.set_value(true);
            store.reload();
        }
        store
    }

    /// The current state (tracked).
    pub fn state(self) -> LoadState<PlanIndex> {
        self.state.get()
    }

    /// Fetches again (the retry button).
    pub fn reload(self) {
        load_into(self.state, data::INDEX_URL.to_owned(), data::decode_index);
    }
}

/// A plan document, fetched by the plan page that owns the signal.
pub fn load_plan(state: RwSignal<LoadState<PlanDocument>>, id: &str) {
    load_into(state, data::plan_url(id), data::decode_plan);
}

fn load_into<T: Send + Sync + 'static>(
    state: RwSignal<LoadState<T>>,
    url: String,
    decode: fn(&str) -> Result<T, LoadError>,
) {
    state.set(LoadState::Loading);
    spawn_local(async move {
        let next = match data::fetch(&url, decode).await {
            Ok(value) => LoadState::Ready(Arc::new(value)),
            Err(error) => LoadState::Failed(error),
        };
        // The view may be gone by now (the reader navigated away): then this is a no-op.
        let _ = state.try_set(next);
    });
}
