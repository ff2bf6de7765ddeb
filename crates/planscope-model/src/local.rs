//! Plans opened on this device (the 打开规划 page, issue 14): what the library lists about each.
//!
//! A plan opened in the browser is kept in IndexedDB as two values under its device key
//! ([`is_local_id`]): the plan's JSON exactly as `planscope build` writes it (so the reader
//! decodes it as any `data/<id>.json`, and the export is that string), and a [`LocalMeta`] — the
//! few fields the library shows, so listing the plans on the device never reads whole plans.
//! Both are written by the parse worker (`planscope-ingest`'s `StoredPlan::meta`), read by the
//! app; the version fields are checked before anything else, so a record written by another
//! version is skipped with a message, never breaking the library.

use serde::{Deserialize, Serialize};

/// The prefix of a device key (`local-` + 16 hex digits of the file's FNV-1a 64 hash). No plan
/// of the built library has an id starting with it (ids are the editor's file stems).
pub const LOCAL_PREFIX: &str = "local-";

/// The version of the record's own fields ([`LocalMeta`] and how the two values are kept); bump
/// it when they change. A record of another version is refused on load.
pub const RECORD_VERSION: u32 = 1;

/// Whether a plan id names a plan opened on this device (it has no static page and no entry
/// in `data/index.json`; its data is in IndexedDB).
pub fn is_local_id(id: &str) -> bool {
    id.starts_with(LOCAL_PREFIX)
}

/// What the library shows of a plan opened on this device.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalMeta {
    /// [`RECORD_VERSION`] of the page that wrote it.
    pub record_version: u32,
    /// The plan's `schema_version` ([`crate::SCHEMA_VERSION`] of the parser that wrote it).
    pub schema_version: u32,
    /// The device key, also the plan's id in addresses (`./?plan=<key>`).
    pub key: String,
    /// The plan's own id in its JSON (the file stem, as `planscope build` names `data/<id>.json`):
    /// the export's file name. The app shows the plan under [`LocalMeta::key`].
    pub plan_id: String,
    /// The file as opened (no directories).
    pub file_name: String,
    /// `text`, `html` or `docx`.
    pub format: String,
    /// Size of the file in bytes.
    pub bytes: u64,
    /// When it was opened, milliseconds since the Unix epoch (the page's clock).
    pub opened_ms: u64,
    /// The plan's title as parsed (may be empty).
    pub title: String,
    /// Outline entries per level, 1 to the deepest level present, zeros included (what
    /// `planscope parse --format gold` reports as `outline_counts`): [`outline_counts`].
    pub outline_counts: Vec<u32>,
}

/// Outline entries (sections of every kind) per level `1..=deepest`, zeros included.
pub fn outline_counts(doc: &crate::PlanDocument) -> Vec<u32> {
    let sections = doc.walk_sections();
    let max = sections.iter().map(|s| s.level).max().unwrap_or(0) as usize;
    let mut counts = vec![0u32; max];
    for s in sections {
        if s.level >= 1 {
            counts[s.level as usize - 1] += 1;
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_ids() {
        assert!(is_local_id("local-cbf29ce484222325"));
        assert!(!is_local_id("shanghai-2021"));
        assert!(!is_local_id("mylocal-1"));
    }
}
