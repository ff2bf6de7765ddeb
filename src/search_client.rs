//! Fetching the search index (`data/search/…`) for the search page, and keeping every file for
//! the session: the shard and chunk files are content-hashed, so a copy never goes stale, and a
//! query typed after another reuses what that one fetched. The engine (`planscope-search`)
//! decides what to fetch; this module only fetches, in parallel.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use futures::future::join_all;
use planscope_search::engine::{Results, Search, Step};
use planscope_search::{Manifest, FORMAT_VERSION};

use crate::data::LoadError;

/// Where the index lives, relative to the page.
pub const SEARCH_DIR: &str = "data/search/";

thread_local! {
    static FILES: RefCell<HashMap<String, Rc<Vec<u8>>>> = RefCell::new(HashMap::new());
    static MANIFEST: RefCell<Option<Rc<Manifest>>> = const { RefCell::new(None) };
}

/// Fetches one index file. A 404 on a content-hashed one (every file but the manifest) means a
/// newer release replaced the index since this page read its manifest: the page reloads once
/// (`dom::on_data_not_found`, as for plan files; this future then never ends) or the error says
/// so ([`LoadError::Stale`]).
async fn fetch_bytes(url: &str) -> Result<Vec<u8>, LoadError> {
    let response = match crate::store::get(url).await {
        Err(LoadError::NotFound { url }) => match crate::dom::on_data_not_found(&url) {
            Some(error) => return Err(error),
            None => return std::future::pending().await,
        },
        other => other?,
    };
    response
        .binary()
        .await
        .map_err(|e| LoadError::Network(e.to_string()))
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
                for (name, bytes) in fetched {
                    let bytes = bytes?;
                    FILES.with(|f| f.borrow_mut().insert(name, Rc::new(bytes)));
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
