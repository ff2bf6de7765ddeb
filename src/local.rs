//! Plans opened on this device: IndexedDB (`planscope_view::local`: database, version, stores)
//! through web-sys, a few promises wide. Values are strings: the library entry's JSON
//! (`LocalMeta`) and the plan's JSON as `planscope build` writes it; the pure reading and the
//! version checks are `planscope_view::local`.
//!
//! Every function is `Err(())` when the browser keeps no data (no `indexedDB`, private mode) or
//! the database is of a newer version; callers word that (`NO_STORAGE_ZH`, `NEWER_DB_ZH`).

/// Why the device's plans cannot be read.
// Natively (the static build) nothing is stored, so nothing fails.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LocalError {
    /// No IndexedDB, or it refused (private mode, storage disabled, quota).
    NoStorage,
    /// The database was written by a newer version of the page (IndexedDB `VersionError`).
    Newer,
}

impl LocalError {
    pub fn message_zh(self) -> &'static str {
        match self {
            LocalError::NoStorage => crate::local_view::NO_STORAGE_ZH,
            LocalError::Newer => crate::local_view::NEWER_DB_ZH,
        }
    }
}

#[cfg(target_arch = "wasm32")]
mod idb {
    use super::LocalError;
    use crate::local_view::{DB_NAME, DB_VERSION, META_STORE, PLAN_STORE};
    use js_sys::{Array, Function, Promise};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{IdbDatabase, IdbOpenDbRequest, IdbRequest, IdbTransaction, IdbTransactionMode};

    async fn request(req: &IdbRequest) -> Result<JsValue, JsValue> {
        let p = Promise::new(&mut |resolve: Function, reject: Function| {
            req.set_onsuccess(Some(&resolve));
            req.set_onerror(Some(&reject));
        });
        JsFuture::from(p).await?;
        req.result()
    }

    async fn complete(tx: &IdbTransaction) -> Result<(), JsValue> {
        let p = Promise::new(&mut |resolve: Function, reject: Function| {
            tx.set_oncomplete(Some(&resolve));
            tx.set_onerror(Some(&reject));
            tx.set_onabort(Some(&reject));
        });
        JsFuture::from(p).await.map(|_| ())
    }

    pub async fn open() -> Result<IdbDatabase, LocalError> {
        let factory = web_sys::window()
            .and_then(|w| w.indexed_db().ok().flatten())
            .ok_or(LocalError::NoStorage)?;
        let req: IdbOpenDbRequest = factory
            .open_with_u32(DB_NAME, DB_VERSION)
            .map_err(|_| LocalError::NoStorage)?;
        // Version 1 creates both stores; a later version adds what it needs here.
        let upgrade = Closure::<dyn FnMut(web_sys::Event)>::new({
            let req = req.clone();
            move |_| {
                if let Ok(db) = req.result().and_then(|r| r.dyn_into::<IdbDatabase>()) {
                    let names = db.object_store_names();
                    for store in [META_STORE, PLAN_STORE] {
                        if !names.contains(store) {
                            let _ = db.create_object_store(store);
                        }
                    }
                }
            }
        });
        req.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
        let result = request(&req).await;
        req.set_onupgradeneeded(None);
        drop(upgrade);
        match result {
            Ok(db) => db
                .dyn_into::<IdbDatabase>()
                .map_err(|_| LocalError::NoStorage),
            Err(_) => {
                let newer = req
                    .error()
                    .ok()
                    .flatten()
                    .is_some_and(|e| e.name() == "VersionError");
                Err(if newer {
                    LocalError::Newer
                } else {
                    LocalError::NoStorage
                })
            }
        }
    }

    fn tx(db: &IdbDatabase, mode: IdbTransactionMode) -> Result<IdbTransaction, LocalError> {
        let stores = Array::of2(&META_STORE.into(), &PLAN_STORE.into());
        db.transaction_with_str_sequence_and_mode(&stores, mode)
            .map_err(|_| LocalError::NoStorage)
    }

    /// Stores a plan: both values in one transaction, so a plan is kept whole or not at all.
    pub async fn put(key: &str, meta: &str, doc: &JsValue) -> Result<(), LocalError> {
        let db = open().await?;
        let tx = tx(&db, IdbTransactionMode::Readwrite)?;
        let store = |name| tx.object_store(name).map_err(|_| LocalError::NoStorage);
        store(PLAN_STORE)?
            .put_with_key(doc, &key.into())
            .map_err(|_| LocalError::NoStorage)?;
        store(META_STORE)?
            .put_with_key(&meta.into(), &key.into())
            .map_err(|_| LocalError::NoStorage)?;
        let done = complete(&tx).await.map_err(|_| LocalError::NoStorage);
        db.close();
        done
    }

    /// Every library entry as (key, JSON string).
    pub async fn list() -> Result<Vec<(String, String)>, LocalError> {
        let db = open().await?;
        let tx = tx(&db, IdbTransactionMode::Readonly)?;
        let store = tx
            .object_store(META_STORE)
            .map_err(|_| LocalError::NoStorage)?;
        let keys = request(&store.get_all_keys().map_err(|_| LocalError::NoStorage)?)
            .await
            .map_err(|_| LocalError::NoStorage)?;
        let values = request(&store.get_all().map_err(|_| LocalError::NoStorage)?)
            .await
            .map_err(|_| LocalError::NoStorage)?;
        db.close();
        let keys = Array::from(&keys);
        let values = Array::from(&values);
        Ok((0..keys.length().min(values.length()))
            .map(|i| {
                let k = keys.get(i).as_string().unwrap_or_default();
                let v = values.get(i).as_string().unwrap_or_default();
                (k, v)
            })
            .collect())
    }

    /// The plan's JSON, `None` when there is no such plan.
    pub async fn get_doc(key: &str) -> Result<Option<String>, LocalError> {
        let db = open().await?;
        let tx = tx(&db, IdbTransactionMode::Readonly)?;
        let store = tx
            .object_store(PLAN_STORE)
            .map_err(|_| LocalError::NoStorage)?;
        let v = request(&store.get(&key.into()).map_err(|_| LocalError::NoStorage)?)
            .await
            .map_err(|_| LocalError::NoStorage)?;
        db.close();
        Ok(v.as_string())
    }

    /// Removes a plan (both values).
    pub async fn remove(key: &str) -> Result<(), LocalError> {
        let db = open().await?;
        let tx = tx(&db, IdbTransactionMode::Readwrite)?;
        for name in [META_STORE, PLAN_STORE] {
            tx.object_store(name)
                .and_then(|s| s.delete(&key.into()))
                .map_err(|_| LocalError::NoStorage)?;
        }
        let done = complete(&tx).await.map_err(|_| LocalError::NoStorage);
        db.close();
        done
    }
}

#[cfg(target_arch = "wasm32")]
pub use idb::{get_doc, list, put, remove};

// Natively (the static build) there is no device storage: nothing is listed or found.
#[cfg(not(target_arch = "wasm32"))]
pub async fn list() -> Result<Vec<(String, String)>, LocalError> {
    Ok(Vec::new())
}

#[cfg(not(target_arch = "wasm32"))]
pub async fn get_doc(_key: &str) -> Result<Option<String>, LocalError> {
    Ok(None)
}

#[cfg(not(target_arch = "wasm32"))]
pub async fn remove(_key: &str) -> Result<(), LocalError> {
    Ok(())
}

/// The library entries of the plans on this device that this version can read, newest first
/// (entries of another version are left out: the library lists them with 删除).
pub async fn metas() -> Result<Vec<planscope_model::local::LocalMeta>, LocalError> {
    let mut ok: Vec<_> = list()
        .await?
        .into_iter()
        .filter_map(|(key, json)| crate::local_view::read_meta(&key, &json).ok())
        .collect();
    crate::local_view::sort_newest_first(&mut ok);
    Ok(ok)
}

/// The plan stored under `key`, decoded as `Store::plan` decodes it and shown under its key;
/// `None` when it is gone or cannot be read.
pub async fn doc(key: &str) -> Option<planscope_model::PlanDocument> {
    let json = get_doc(key).await.ok()??;
    let mut doc = crate::data::decode_plan(&json).ok()?;
    doc.id = key.to_owned();
    Some(doc)
}
