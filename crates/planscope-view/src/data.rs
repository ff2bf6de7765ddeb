//! Loading the generated data: `data/index.json` (short-lived: its name never changes), the plan
//! files `data/<id>-<hash>.json`, their compare digests `data/cmp/<id>-<hash>.json` and the
//! indicator files `data/ind/<indicator>-<hash>.json` named in it (content-hashed, immutable:
//! `planscope_model::layout`).
//!
//! Releases and caches (issue 12): a hashed file that answers 404 was replaced by a newer
//! release while this page (or the index it read) is of the earlier one. The app then reloads
//! the page once with a cache-busting parameter, as the boot script does for its bundles
//! ([`stale_recovery`]: once per file and tab, so it never loops), and otherwise says so
//! ([`LoadError::Stale`]).
//!
//! URLs are relative to the document, so the app works wherever `dist/` is deployed. Decoding is
//! separate from fetching and pure, so the error cases are unit-tested natively.

use std::fmt;
use std::sync::Arc;

use planscope_model::layout::IndicatorFile;
use planscope_model::{PlanDocument, PlanIndex, SCHEMA_VERSION};
use serde::de::DeserializeOwned;
use serde::Deserialize;

/// The library file, relative to the document.
pub const INDEX_URL: &str = "data/index.json";

/// The data file of a plan the index does not name with a hash (an index written by hand or by
/// an earlier `planscope build`), relative to the document. `id` must have passed
/// [`crate::route::is_valid_id`].
pub fn plan_url(id: &str) -> String {
    format!("data/{id}.json")
}

/// The data file of the plan of index entry `e`, relative to the document:
/// `data/<id>-<hash>.json` ([`planscope_model::IndexEntry::data_file`]). `e.id` must have passed
/// [`crate::route::is_valid_id`]; `None` when `e.hash` is not hex (it becomes a fetch path).
pub fn plan_file_url(e: &planscope_model::IndexEntry) -> Option<String> {
    hex_hash(e).then(|| format!("data/{}", e.data_file()))
}

/// Whether index entry `e`'s hash is hex digits only (empty included), so the names made from
/// it stay fetch paths in `data/`.
fn hex_hash(e: &planscope_model::IndexEntry) -> bool {
    e.hash.bytes().all(|c| c.is_ascii_hexdigit())
}

/// The compare digest of the plan of index entry `e` (what the comparison of plans reads,
/// `planscope_model::layout::compare_digest`), relative to the document:
/// `data/cmp/<id>-<hash>.json` ([`planscope_model::IndexEntry::compare_file`]). `e.id` must have
/// passed [`crate::route::is_valid_id`]; `None` when the entry has no hash (no digest was
/// written: the comparison reads the plan file) or it is not hex.
pub fn compare_file_url(e: &planscope_model::IndexEntry) -> Option<String> {
    let file = e.compare_file()?;
    hex_hash(e).then(|| format!("data/{file}"))
}

/// Whether the last segment of a data URL is content-hashed (`<name>-<12 to 16 hex>.json`, a
/// search index file `data/search/c-<12 hex>-<n>.bin`, the 打开规划 page's worker
/// `planscope-worker_loader-<16 hex>.js`, or a file the app loads on demand,
/// `vendor/echarts-<16 hex>.js`, `compare-<16 hex>.css` and `search-<16 hex>.css`
/// (`crate::loader::LazyAsset`):
/// [`planscope_model::layout::is_hashed_stem`]):
/// such a file never changes, so a 404 means a newer release replaced it. The same rule as the
/// hosts' `Cache-Control` (README.md "Deploying").
pub fn is_hashed(url: &str) -> bool {
    let file = url.rsplit('/').next().unwrap_or(url);
    file.rsplit_once('.').is_some_and(|(stem, ext)| {
        matches!(ext, "json" | "bin" | "js" | "css")
            && planscope_model::layout::is_hashed_stem(stem)
    })
}

/// Whether `name` is a file name safe to put into a fetch path after its folder: not empty, no
/// `..`, only ASCII letters, digits, `.`, `_` and `-` (so no `/`: it stays in that folder).
fn is_data_name(name: &str) -> bool {
    !name.is_empty()
        && !name.contains("..")
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

/// The plan file a page written at build time names in its `data-src` (`data/<id>-<hash>.json`,
/// see `planscope-site`), when it is one: a hashed file directly in `data/` with a safe name;
/// `None` otherwise (the app then finds the file through the index).
pub fn page_plan_url(src: &str) -> Option<String> {
    let name = src.strip_prefix("data/")?;
    (is_data_name(name) && is_hashed(src)).then(|| src.to_owned())
}

/// The `sessionStorage` key that remembers which data file already caused a reload in this tab.
pub const STALE_RELOAD_KEY: &str = "ps-data-reloaded";

/// The query parameter of a cache-busting reload (the boot script's: it removes it from the
/// address before the app reads it).
pub const BUST_PARAM: &str = "ps-r";

/// What to do about a 404 on data file `url`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Recovery {
    /// An ordinary missing file (not hashed): report [`LoadError::NotFound`].
    NotFound,
    /// Reload the page at this address (cache-busting), after remembering `url` under
    /// [`STALE_RELOAD_KEY`].
    Reload(String),
    /// The reload already happened for this file (or storage is off): report
    /// [`LoadError::Stale`].
    Explain,
}

/// The decision for a 404 on data file `url` on the page at `path` + `query` (`?…` or empty) +
/// `hash` (`#…` or empty), `reloaded` being what [`STALE_RELOAD_KEY`] holds (`None`: nothing, or
/// no storage when `storage` is false) and `now` the cache-busting value (milliseconds).
pub fn stale_recovery(
    url: &str,
    reloaded: Option<&str>,
    storage: bool,
    (path, query, hash): (&str, &str, &str),
    now: u64,
) -> Recovery {
    if !is_hashed(url) {
        return Recovery::NotFound;
    }
    // Without storage a reload could not be told from the first load: it might loop.
    if !storage || reloaded == Some(url) {
        return Recovery::Explain;
    }
    let sep = if query.is_empty() { '?' } else { '&' };
    Recovery::Reload(format!("{path}{query}{sep}{BUST_PARAM}={now}{hash}"))
}

/// The URL of an indicator file named in the index (`ind/<id>-<hash>.json`), relative to the
/// document; `None` when the name is not of that shape (it becomes a fetch path).
pub fn indicator_url(file: &str) -> Option<String> {
    let name = file.strip_prefix("ind/")?;
    is_data_name(name).then(|| format!("data/{file}"))
}

/// Why data could not be shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadError {
    /// No response at all (offline, DNS, blocked).
    Network(String),
    /// The file does not exist (HTTP 404).
    NotFound { url: String },
    /// Any other HTTP error status.
    Http { url: String, status: u16 },
    /// The body is not the JSON we expect.
    Decode(String),
    /// The file was written by a different version of the parser.
    SchemaMismatch { found: Option<u32>, expected: u32 },
    /// A content-hashed file is gone (a newer release replaced it) and reloading the page did
    /// not bring its new name ([`stale_recovery`]).
    Stale { url: String },
}

impl LoadError {
    /// What the reader is told, in zh-CN.
    pub fn message_zh(&self) -> String {
        match self {
            LoadError::Network(_) => "网络连接失败，请检查网络后重试。".to_owned(),
            LoadError::NotFound { .. } => "找不到所需的数据文件。".to_owned(),
            LoadError::Http { status, .. } => {
                format!("服务器暂时无法提供数据（错误代码 {status}）。")
            }
            LoadError::Decode(_) => "数据格式有误，暂时无法显示。".to_owned(),
            LoadError::SchemaMismatch { .. } => {
                "数据版本与页面版本不一致，请刷新页面后重试。".to_owned()
            }
            LoadError::Stale { .. } => {
                "网站刚刚更新，本页要用的数据文件已被新版本替换，自动刷新未能恢复。请稍后重新打开本页，或返回规划库。"
                    .to_owned()
            }
        }
    }

    /// Technical detail for a bug report (shown small, below the message).
    pub fn detail(&self) -> String {
        self.to_string()
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Network(e) => write!(f, "network error: {e}"),
            LoadError::NotFound { url } => write!(f, "not found: {url}"),
            LoadError::Stale { url } => write!(f, "replaced by a newer release: {url}"),
            LoadError::Http { url, status } => write!(f, "HTTP {status}: {url}"),
            LoadError::Decode(e) => write!(f, "invalid data: {e}"),
            LoadError::SchemaMismatch {
                found: Some(found),
                expected,
            } => {
                write!(f, "schema_version {found}, expected {expected}")
            }
            LoadError::SchemaMismatch {
                found: None,
                expected,
            } => {
                write!(f, "no schema_version, expected {expected}")
            }
        }
    }
}

impl std::error::Error for LoadError {}

/// The state of one load, as a view sees it.
#[derive(Clone, Debug)]
pub enum LoadState<T> {
    Loading,
    Ready(Arc<T>),
    Failed(LoadError),
}

/// Decodes `data/index.json`.
pub fn decode_index(json: &str) -> Result<PlanIndex, LoadError> {
    decode(json)
}

/// Decodes a plan file (`data/<id>-<hash>.json`).
pub fn decode_plan(json: &str) -> Result<PlanDocument, LoadError> {
    decode(json)
}

/// Decodes an indicator file (`data/ind/<indicator>-<hash>.json`).
pub fn decode_indicator(json: &str) -> Result<IndicatorFile, LoadError> {
    decode(json)
}

/// Checks `schema_version` first, so that a file from a newer parser reports a version mismatch
/// rather than whatever field happens to fail to deserialize.
fn decode<T: DeserializeOwned>(json: &str) -> Result<T, LoadError> {
    #[derive(Deserialize)]
    struct Version {
        schema_version: Option<u32>,
    }
    let version: Version =
        serde_json::from_str(json).map_err(|e| LoadError::Decode(e.to_string()))?;
    if version.schema_version != Some(SCHEMA_VERSION) {
        return Err(LoadError::SchemaMismatch {
            found: version.schema_version,
            expected: SCHEMA_VERSION,
        });
    }
    serde_json::from_str(json).map_err(|e| LoadError::Decode(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_a_current_index() {
        let json = format!(r#"{{"schema_version":{SCHEMA_VERSION},"plans":[]}}"#);
        assert_eq!(decode_index(&json).unwrap().plans.len(), 0);
    }

    #[test]
    fn refuses_another_schema_version() {
        let json = r#"{"schema_version":999,"plans":"a shape this app does not know"}"#;
        assert_eq!(
            decode_index(json),
            Err(LoadError::SchemaMismatch {
                found: Some(999),
                expected: SCHEMA_VERSION
            })
        );
        assert_eq!(
            decode_plan(r#"{"id":"x"}"#).unwrap_err(),
            LoadError::SchemaMismatch {
                found: None,
                expected: SCHEMA_VERSION
            }
        );
    }

    #[test]
    fn reports_broken_json_as_decode_error() {
        for bad in [
            "",
            "<!DOCTYPE html><html>",
            "{\"schema_version\":1,\"plans\":[{}]}",
            "[]",
        ] {
            match decode_index(bad) {
                Err(LoadError::Decode(_)) => {}
                other => panic!("{bad:?}: expected a decode error, got {other:?}"),
            }
        }
    }

    #[test]
    fn every_error_has_a_chinese_message() {
        let errors = [
            LoadError::Network("x".into()),
            LoadError::NotFound {
                url: INDEX_URL.into(),
            },
            LoadError::Http {
                url: INDEX_URL.into(),
                status: 503,
            },
            LoadError::Decode("x".into()),
            LoadError::SchemaMismatch {
                found: Some(2),
                expected: 1,
            },
            LoadError::Stale {
                url: "data/a-0123456789ab.json".into(),
            },
        ];
        for e in errors {
            let m = e.message_zh();
            assert!(m.ends_with('。'), "{m}");
            assert!(!e.detail().is_empty());
        }
        assert!(LoadError::Http {
            url: String::new(),
            status: 503
        }
        .message_zh()
        .contains("503"));
    }

    #[test]
    fn plan_urls_are_relative() {
        assert_eq!(plan_url("qingyuan-2022"), "data/qingyuan-2022.json");
        assert_eq!(
            page_plan_url("data/qingyuan-2022-0123456789ab.json").as_deref(),
            Some("data/qingyuan-2022-0123456789ab.json")
        );
        for bad in [
            "data/qingyuan-2022.json",
            "data/ind/a-0123456789ab.json",
            "data/..-0123456789ab.json",
            "/data/a-0123456789ab.json",
            "data/a b-0123456789ab.json",
        ] {
            assert_eq!(page_plan_url(bad), None, "{bad}");
        }
        assert!(!INDEX_URL.starts_with('/'));
        assert_eq!(
            indicator_url("ind/preschool_gross_enrolment-0123456789abcdef.json").as_deref(),
            Some("data/ind/preschool_gross_enrolment-0123456789abcdef.json")
        );
        let mut e = planscope_model::IndexEntry {
            id: "qingyuan-2022".into(),
            hash: "0123456789ab".into(),
            ..Default::default()
        };
        assert_eq!(
            plan_file_url(&e).as_deref(),
            Some("data/qingyuan-2022-0123456789ab.json")
        );
        assert_eq!(
            compare_file_url(&e).as_deref(),
            Some("data/cmp/qingyuan-2022-0123456789ab.json")
        );
        assert!(is_hashed(&compare_file_url(&e).unwrap()));
        e.hash = String::new();
        assert_eq!(
            plan_file_url(&e).as_deref(),
            Some("data/qingyuan-2022.json")
        );
        assert_eq!(compare_file_url(&e), None, "no hash, no digest");
        e.hash = "../x".into();
        assert_eq!(plan_file_url(&e), None);
        assert_eq!(compare_file_url(&e), None);
        for bad in [
            "ind/../x.json",
            "x.json",
            "ind/",
            "ind/a/b.json",
            "ind/a?b.json",
        ] {
            assert_eq!(indicator_url(bad), None, "{bad}");
        }
    }

    #[test]
    fn hashed_names_are_told_from_fixed_ones() {
        for hashed in [
            "data/qingyuan-2022-0123456789ab.json",
            "data/ind/preschool_gross_enrolment-0123456789abcdef.json",
            "https://example.org/plans/data/a-ABCDEF012345.json",
            "data/search/c-0123456789ab-3.bin",
            "data/search/p-0123456789ab-40.bin",
            "data/search/h-0123456789ab.json",
            "data/search/t-0123456789ab-7.json",
            "./planscope-worker_loader-0123456789abcdef.js",
            "./vendor/echarts-0123456789abcdef.js",
            "./search-0123456789abcdef.css",
        ] {
            assert!(is_hashed(hashed), "{hashed}");
        }
        for fixed in [
            "data/index.json",
            "data/qingyuan-2022.json",
            "data/search/manifest.json",
            "data/a-0123456789a.json",
            "data/a-0123456789abcdef0.json",
            "data/-0123456789ab.json",
            "data/a-0123456789ab.txt",
            "./planscope-worker_loader.js",
            "vendor/echarts.min.js",
            "search.css",
            "data/search/c-0123456789ab-.bin",
        ] {
            assert!(!is_hashed(fixed), "{fixed}");
        }
    }

    #[test]
    fn a_replaced_file_reloads_the_page_once_then_explains() {
        let gone = "data/a-0123456789ab.json";
        let at = ("/plans/plan-a.html", "", "#p-3");
        assert_eq!(
            stale_recovery(gone, None, true, at, 42),
            Recovery::Reload("/plans/plan-a.html?ps-r=42#p-3".into())
        );
        assert_eq!(
            stale_recovery(
                gone,
                Some("data/b-0123456789ab.json"),
                true,
                ("/", "?view=indicator&ind=x", ""),
                7
            ),
            Recovery::Reload("/?view=indicator&ind=x&ps-r=7".into()),
            "another file's reload does not count"
        );
        assert_eq!(
            stale_recovery(gone, Some(gone), true, at, 43),
            Recovery::Explain
        );
        assert_eq!(stale_recovery(gone, None, false, at, 43), Recovery::Explain);
        assert_eq!(
            stale_recovery("data/no-such-plan.json", None, true, at, 1),
            Recovery::NotFound
        );
    }
}
