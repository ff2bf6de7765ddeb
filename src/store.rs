//! Loaded data shared between views: one store, one way to load, a cache by plan id.
//!
//! `data/index.json`, every plan file, compare digest and indicator file
//! (`data/<id>-<hash>.json`, `data/cmp/<id>-<hash>.json`, `data/ind/<id>-<hash>.json`, named in
//! the index; a plan's own static page names its file too) are fetched at most once per session (again
//! only when the reader presses 重试 after a failure), whichever page asks first: moving from a
//! plan to its indicators, to a comparison and back downloads nothing twice. The static-site
//! build seeds the same store with every document (`Store::provide_seeded`), so the page
//! components render their ready state synchronously, without a fetch.

use std::collections::HashMap;
use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use planscope_model::layout::IndicatorFile;
use planscope_model::{PlanDocument, PlanIndex};

use crate::data::{self, LoadError, LoadState};

/// The data store, provided as context by the app's root (`crate::shell`).
#[derive(Clone, Copy)]
pub struct Store {
    inner: StoredValue<Inner>,
}

struct Inner {
    /// The root owner: the cache's signals outlive the page that first asked for them.
    owner: Owner,
    index: RwSignal<LoadState<PlanIndex>>,
    index_started: bool,
    plans: HashMap<String, RwSignal<LoadState<PlanDocument>>>,
    /// Compare digests by plan id (`data/cmp/<id>-<hash>.json`, [`Store::compare_plan`]).
    digests: HashMap<String, RwSignal<LoadState<PlanDocument>>>,
    /// Indicator files by URL (`data/ind/<id>-<hash>.json`).
    indicators: HashMap<String, RwSignal<LoadState<IndicatorFile>>>,
}

impl Store {
    /// Creates the store and provides it as context. Nothing is fetched until a view asks.
    pub fn provide() -> Store {
        let store = Store {
            inner: StoredValue::new(Inner {
                owner: Owner::current().unwrap_or_default(),
                index: RwSignal::new(LoadState::Loading),
                index_started: false,
                plans: HashMap::new(),
                digests: HashMap::new(),
                indicators: HashMap::new(),
            }),
        };
        provide_context(store);
        store
    }

    /// Like [`Store::provide`], with the index and these documents already loaded (the static
    /// build: pages render their ready state at once and nothing is fetched).
    #[cfg(feature = "ssr")]
    pub fn provide_seeded(index: Arc<PlanIndex>, docs: &[Arc<PlanDocument>]) -> Store {
        let store = Store::provide();
        store.inner.update_value(|i| {
            i.index.set(LoadState::Ready(index));
            i.index_started = true;
            for d in docs {
                i.plans
                    .insert(d.id.clone(), RwSignal::new(LoadState::Ready(d.clone())));
            }
        });
        store
    }

    /// Seeds indicator files (the static build of the explorer's pages), keyed as
    /// [`Store::indicator`] looks them up: by the file named in the index.
    #[cfg(feature = "ssr")]
    pub fn seed_indicators(self, files: &[(String, Arc<IndicatorFile>)]) {
        self.inner.update_value(|i| {
            for (file, f) in files {
                if let Some(url) = data::indicator_url(file) {
                    i.indicators
                        .insert(url, RwSignal::new(LoadState::Ready(f.clone())));
                }
            }
        });
    }

    /// The state of the indicator file `file` as named in the index (`ind/<id>-<hash>.json`);
    /// starts the fetch on first use. `None` when the name is not a valid data path.
    pub fn indicator(self, file: &str) -> Option<RwSignal<LoadState<IndicatorFile>>> {
        let url = data::indicator_url(file)?;
        let (signal, start) = self
            .inner
            .try_update_value(|i| slot(&i.owner, &mut i.indicators, &url))
            .expect("the store lives as long as the app");
        if start {
            load_into(signal, url, data::decode_indicator);
        }
        Some(signal)
    }

    /// Fetches indicator file `file` again if its last load failed (the retry button).
    pub fn retry_indicator(self, file: &str) {
        if let (Some(signal), Some(url)) = (self.indicator(file), data::indicator_url(file)) {
            if matches!(signal.get_untracked(), LoadState::Failed(_)) {
                load_into(signal, url, data::decode_indicator);
            }
        }
    }

    /// The store provided by the app's root.
    pub fn expect() -> Store {
        expect_context::<Store>()
    }

    /// The library index (tracked); starts the fetch on first use.
    pub fn index(self) -> LoadState<PlanIndex> {
        let (signal, start) = self
            .inner
            .try_update_value(|i| {
                let start = !i.index_started;
                i.index_started = true;
                (i.index, start)
            })
            .expect("the store lives as long as the app");
        if start {
            load_into(signal, data::INDEX_URL.to_owned(), data::decode_index);
        }
        signal.get()
    }

    /// Fetches the index again (the retry button).
    pub fn reload_index(self) {
        let signal = self.inner.with_value(|i| i.index);
        load_into(signal, data::INDEX_URL.to_owned(), data::decode_index);
    }

    /// The state of plan `id` (a signal owned by the store); starts the fetch on first use. `id`
    /// must have passed [`crate::route::is_valid_id`]. Its file is the one the page written at
    /// build time names for it (`dom::page_plan_src`) or else the one the index names
    /// (`data/<id>-<hash>.json`; the index is loaded first), `data/<id>.json` for an id the index
    /// does not know (which then reads as not found).
    pub fn plan(self, id: &str) -> RwSignal<LoadState<PlanDocument>> {
        let (signal, start) = self
            .inner
            .try_update_value(|i| slot(&i.owner, &mut i.plans, id))
            .expect("the store lives as long as the app");
        if start {
            self.start_plan(id.to_owned(), signal);
        }
        signal
    }

    /// What the comparison of plans reads of plan `id` (a signal owned by the store; `id` must
    /// have passed [`crate::route::is_valid_id`]):
    ///
    /// - the plan itself ([`Store::plan`]) when it is loaded or loading already (a plan read
    ///   before comparing it is not downloaded again), when it was opened on this device, or
    ///   when the index names no digest for it;
    /// - else its compare digest, `data/cmp/<id>-<hash>.json` named by the index
    ///   (`planscope_model::layout::compare_digest`: the outline's text and topics and the
    ///   canonical figures, without the 目录 copy, attachments, 重点工程, responsibility tables
    ///   and other figures), fetched once per session like a plan file and recovered the same
    ///   way when a newer release replaced it.
    ///
    /// The index must be loaded: the comparison asks only after it is.
    pub fn compare_plan(self, id: &str) -> RwSignal<LoadState<PlanDocument>> {
        let known = self.inner.with_value(|i| {
            let plan = i.plans.get(id).copied().filter(|s| {
                s.with_untracked(|st| matches!(st, LoadState::Ready(_) | LoadState::Loading))
            });
            plan.or_else(|| i.digests.get(id).copied())
        });
        if let Some(signal) = known {
            return signal;
        }
        if planscope_model::local::is_local_id(id) {
            return self.plan(id);
        }
        let Some(url) = self.compare_url(id) else {
            return self.plan(id);
        };
        let (signal, start) = self
            .inner
            .try_update_value(|i| slot(&i.owner, &mut i.digests, id))
            .expect("the store lives as long as the app");
        if start {
            load_into(signal, url, data::decode_plan);
        }
        signal
    }

    /// The compare digest of plan `id` as the loaded index names it (`data::compare_file_url`);
    /// `None` while the index is not loaded or names none.
    fn compare_url(self, id: &str) -> Option<String> {
        self.inner.with_value(|i| {
            i.index.with_untracked(|index| match index {
                LoadState::Ready(index) => index
                    .plans
                    .iter()
                    .find(|e| e.id == id)
                    .and_then(data::compare_file_url),
                _ => None,
            })
        })
    }

    /// Fetches what [`Store::compare_plan`] gave for `id` again if its last load failed (the
    /// retry button).
    pub fn retry_compare_plan(self, id: &str) {
        match self.inner.with_value(|i| i.digests.get(id).copied()) {
            Some(signal) => {
                if matches!(signal.get_untracked(), LoadState::Failed(_)) {
                    if let Some(url) = self.compare_url(id) {
                        load_into(signal, url, data::decode_plan);
                    }
                }
            }
            None => self.retry_plan(id),
        }
    }

    /// Finds plan `id`'s file (see [`Store::plan`]) and loads it into `signal`.
    fn start_plan(self, id: String, signal: RwSignal<LoadState<PlanDocument>>) {
        if planscope_model::local::is_local_id(&id) {
            load_local(signal, id);
            return;
        }
        if let Some(url) = crate::dom::page_plan_src(&id) {
            load_into(signal, url, data::decode_plan);
            return;
        }
        signal.set(LoadState::Loading);
        let owner = self.inner.with_value(|i| i.owner.clone());
        owner.with(|| {
            let done = StoredValue::new(false);
            Effect::new(move |_| {
                if done.get_value() {
                    return;
                }
                let url = match self.index() {
                    LoadState::Loading => return,
                    LoadState::Failed(error) => {
                        done.set_value(true);
                        signal.set(LoadState::Failed(error));
                        return;
                    }
                    LoadState::Ready(index) => index
                        .plans
                        .iter()
                        .find(|e| e.id == id)
                        .map_or_else(|| Some(data::plan_url(&id)), data::plan_file_url),
                };
                done.set_value(true);
                match url {
                    Some(url) => load_into(signal, url, data::decode_plan),
                    None => signal.set(LoadState::Failed(LoadError::Decode(format!(
                        "index: plan {id}: the hash is not hex"
                    )))),
                }
            });
        });
    }

    /// Fetches plan `id` again if its last load failed (the retry button).
    pub fn retry_plan(self, id: &str) {
        let signal = self.plan(id);
        if matches!(signal.get_untracked(), LoadState::Failed(_)) {
            if matches!(
                self.inner.with_value(|i| i.index.get_untracked()),
                LoadState::Failed(_)
            ) {
                self.reload_index();
            }
            self.start_plan(id.to_owned(), signal);
        }
    }

    /// Forgets a plan opened on this device (removed from the device), so a later visit to its
    /// address reads the device again and finds nothing.
    pub fn forget_plan(self, id: &str) {
        self.inner.update_value(|i| {
            i.plans.remove(id);
        });
    }
}

/// A plan opened on this device (`planscope_model::local::is_local_id`; a built plan is fetched,
/// see `Store::start_plan`) is read from IndexedDB (`crate::local`), decoded by the same
/// `data::decode_plan` (so its schema version is checked the same way), and shown under its
/// device key: its `id` becomes the key, so every link the reader makes stays on it.
fn load_local(signal: RwSignal<LoadState<PlanDocument>>, id: String) {
    signal.set(LoadState::Loading);
    spawn_local(async move {
        let next = match crate::local::get_doc(&id).await {
            Ok(Some(json)) => match data::decode_plan(&json) {
                Ok(mut doc) => {
                    doc.id = id.clone();
                    LoadState::Ready(Arc::new(doc))
                }
                Err(e) => LoadState::Failed(e),
            },
            Ok(None) => LoadState::Failed(LoadError::NotFound {
                url: format!("本机:{id}"),
            }),
            Err(e) => LoadState::Failed(LoadError::Network(e.message_zh().to_owned())),
        };
        let _ = signal.try_set(next);
    });
}

/// The state under `key` in `map`, created `Loading` (owned by the store's `owner`, so it lives as
/// long as the app) when missing; true when it was created, and its fetch should start.
fn slot<T: Send + Sync + 'static>(
    owner: &Owner,
    map: &mut HashMap<String, RwSignal<LoadState<T>>>,
    key: &str,
) -> (RwSignal<LoadState<T>>, bool) {
    if let Some(s) = map.get(key) {
        return (*s, false);
    }
    let s = owner.with(|| RwSignal::new(LoadState::Loading));
    map.insert(key.to_owned(), s);
    (s, true)
}

fn load_into<T: Send + Sync + 'static>(
    state: RwSignal<LoadState<T>>,
    url: String,
    decode: fn(&str) -> Result<T, LoadError>,
) {
    state.set(LoadState::Loading);
    spawn_local(async move {
        crate::dom::mark(&format!("fetch {url}"));
        let next = match fetch(&url, decode).await {
            Ok(value) => LoadState::Ready(Arc::new(value)),
            // A hashed file gone: a newer release (the page reloads once, or this says so).
            Err(LoadError::NotFound { url }) => match crate::dom::on_data_not_found(&url) {
                Some(error) => LoadState::Failed(error),
                None => return,
            },
            Err(error) => LoadState::Failed(error),
        };
        crate::dom::mark(&format!("decoded {url}"));
        // Decoding a large plan is one task; the views that draw it run in the next one.
        crate::dom::next_task().await;
        // Signals of the store live as long as the app; `try_set` only guards shutdown.
        let _ = state.try_set(next);
    });
}

/// Sends a GET for a data file and checks the status: a 2xx response, or `LoadError::NotFound`
/// for 404, `LoadError::Http` for any other status, `LoadError::Network` when nothing came back.
/// The one request path of the app's data files (plans, index, search shards).
pub async fn get(url: &str) -> Result<gloo_net::http::Response, LoadError> {
    checked(url, gloo_net::http::Request::get(url).send().await)
}

/// Asks for `url`'s status only: a `HEAD`, never answered from the browser's cache, checked as
/// [`get`] checks. For a file a `<script>` or `<link>` failed to load, where only the status
/// says why (a 404: a newer release replaced it), so its body is not downloaded again; the same
/// question `boot.js` asks for the bundle's files.
pub async fn head(url: &str) -> Result<gloo_net::http::Response, LoadError> {
    let sent = gloo_net::http::RequestBuilder::new(url)
        .method(gloo_net::http::Method::HEAD)
        .cache(web_sys::RequestCache::NoStore)
        .build()
        .map_err(|e| LoadError::Network(e.to_string()))?
        .send()
        .await;
    checked(url, sent)
}

/// The status check of [`get`] and [`head`].
fn checked(
    url: &str,
    sent: Result<gloo_net::http::Response, gloo_net::Error>,
) -> Result<gloo_net::http::Response, LoadError> {
    let response = sent.map_err(|e| LoadError::Network(e.to_string()))?;
    match response.status() {
        200..=299 => Ok(response),
        404 => Err(LoadError::NotFound {
            url: url.to_owned(),
        }),
        status => Err(LoadError::Http {
            url: url.to_owned(),
            status,
        }),
    }
}

/// Fetches a data file and decodes it.
pub async fn fetch<T>(url: &str, decode: fn(&str) -> Result<T, LoadError>) -> Result<T, LoadError> {
    let text = get(url)
        .await?
        .text()
        .await
        .map_err(|e| LoadError::Network(e.to_string()))?;
    decode(&text)
}
