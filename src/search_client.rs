//! Fetching the search index (`data/search/…`) for the search page, and keeping every file for
//! the session: the shard and chunk files are content-hashed, so a copy never goes stale, and a
//! query typed after another reuses what that one fetched. The engine (`planscope-search`)
//! decides what to fetch; this module only fetches, in parallel.
//!
//! Plans opened on this device are not in that index: [`run_device`] reads them from IndexedDB
//! (`crate::local`), indexes them in memory with the same build and engine
//! (`planscope_search::memory`) and keeps that index until the device's plans change.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use futures::future::join_all;
use std::collections::BTreeSet;
use std::sync::Arc;

use planscope_model::PlanDocument;
use planscope_search::engine::{Results, Search, Step};
use planscope_search::memory::MemoryIndex;
use planscope_search::{Manifest, Query, FORMAT_VERSION};

use crate::data::LoadError;
use crate::search::SearchParams;

/// Where the index lives, relative to the page.
pub const SEARCH_DIR: &str = "data/search/";

/// The device's plans as last indexed: (key, opened) of each, their documents, their index.
struct DeviceIndex {
    stamp: Vec<(String, u64)>,
    docs: Vec<Arc<PlanDocument>>,
    index: Rc<MemoryIndex>,
}

thread_local! {
    static DEVICE: RefCell<Option<Rc<DeviceIndex>>> = const { RefCell::new(None) };
    static FILES: RefCell<HashMap<String, Rc<Vec<u8>>>> = RefCell::new(HashMap::new());
    static MANIFEST: RefCell<Option<Rc<Manifest>>> = const { RefCell::new(None) };
}

/// Fetches one index file.
async fn fetch_bytes(url: &str) -> Result<Vec<u8>, LoadError> {
    crate::store::get(url)
        .await?
        .binary()
        .await
        .map_err(|e| LoadError::Network(e.to_string()))
}

/// The error of a step whose files did not all arrive. A 404 on a content-hashed file (every
/// file but the manifest) means a newer release replaced the index since this page read its
/// manifest: the page reloads once (`dom::on_data_not_found`, as for plan files; this future
/// then never ends) or the error says so ([`LoadError::Stale`]). The reload is asked for once,
/// for the first missing name in order, however many of a step's files answered 404: the
/// reloaded page asks for the same files again, so its guard (once per file and tab) sees the
/// same name and cannot loop.
async fn step_error(failed: Vec<LoadError>) -> LoadError {
    let gone = failed
        .iter()
        .filter_map(|e| match e {
            LoadError::NotFound { url } => Some(url.as_str()),
            _ => None,
        })
        .min()
        .map(str::to_owned);
    match gone {
        Some(url) => match crate::dom::on_data_not_found(&url) {
            Some(error) => error,
            None => std::future::pending().await,
        },
        None => failed
            .into_iter()
            .next()
            .unwrap_or_else(|| LoadError::Network(String::new())),
    }
}

/// The manifest, fetched once per session.
pub async fn manifest() -> Result<Rc<Manifest>, LoadError> {
    if let Some(m) = MANIFEST.with(|m| m.borrow().clone()) {
        return Ok(m);
    }
    let bytes = fetch_bytes(&format!("{SEARCH_DIR}manifest.json")).await?;
    let m: Manifest =
        serde_json::from_slice(&bytes).map_err(|e| LoadError::Decode(e.to_string()))?;
    if m.version != FORMAT_VERSION {
        return Err(LoadError::SchemaMismatch {
            found: Some(m.version),
            expected: FORMAT_VERSION,
        });
    }
    let m = Rc::new(m);
    MANIFEST.with(|c| *c.borrow_mut() = Some(m.clone()));
    Ok(m)
}

/// Runs `search` to the end, fetching what it asks for (all files of a step at once).
pub async fn run(mut search: Search) -> Result<Results, LoadError> {
    loop {
        match search.step() {
            Err(bad) => return Err(LoadError::Decode(bad.to_string())),
            Ok(Step::Done(results)) => return Ok(results),
            Ok(Step::Need(names)) => {
                let missing: Vec<&String> = names
                    .iter()
                    .filter(|n| !FILES.with(|f| f.borrow().contains_key(*n)))
                    .collect();
                let fetched = join_all(missing.iter().map(|n| async move {
                    let bytes = fetch_bytes(&format!("{SEARCH_DIR}{n}")).await;
                    (n.to_string(), bytes)
                }))
                .await;
                let mut failed = Vec::new();
                for (name, bytes) in fetched {
                    match bytes {
                        Ok(bytes) => {
                            FILES.with(|f| f.borrow_mut().insert(name, Rc::new(bytes)));
                        }
                        Err(e) => failed.push(e),
                    }
                }
                if !failed.is_empty() {
                    return Err(step_error(failed).await);
                }
                for n in &names {
                    let Some(bytes) = FILES.with(|f| f.borrow().get(n).cloned()) else {
                        return Err(LoadError::Decode(format!("{n} missing")));
                    };
                    search.supply(n, bytes.as_ref().clone());
                }
            }
        }
    }
}

/// The device's plans and their in-memory index, read again only when the plans changed.
async fn device_index() -> Option<Rc<DeviceIndex>> {
    let metas = crate::local::metas().await.ok()?;
    let stamp: Vec<(String, u64)> = metas.iter().map(|m| (m.key.clone(), m.opened_ms)).collect();
    if let Some(d) = DEVICE
        .with(|d| d.borrow().clone())
        .filter(|d| d.stamp == stamp)
    {
        return Some(d);
    }
    let mut docs = Vec::new();
    for m in &metas {
        if let Some(doc) = crate::local::doc(&m.key).await {
            docs.push(Arc::new(doc));
        }
    }
    let index = Rc::new(MemoryIndex::new(&docs));
    let d = Rc::new(DeviceIndex { stamp, docs, index });
    DEVICE.with(|c| *c.borrow_mut() = Some(d.clone()));
    Some(d)
}

/// The query over the plans opened on this device that pass `params`' filters (empty results
/// when there are none, or the browser keeps no data: the static index's results stand alone).
pub async fn run_device(
    params: &SearchParams,
    query: Query,
    shown: usize,
    expanded: &BTreeSet<String>,
) -> Results {
    let Some(d) = device_index().await else {
        return Results::default();
    };
    let refs: Vec<&PlanDocument> = d.docs.iter().map(|d| d.as_ref()).collect();
    let plans = params.device_plans(&refs);
    if plans.is_empty() {
        return Results::default();
    }
    let open: Vec<&str> = expanded.iter().map(String::as_str).collect();
    d.index
        .search(&plans, query, params.order(), shown, &open)
        .unwrap_or_default()
}
