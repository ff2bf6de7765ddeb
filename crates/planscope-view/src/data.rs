//! Loading the generated data: `data/index.json`, `data/<id>.json` and the indicator files
//! `data/ind/<indicator>.<hash>.json` named in the index (`planscope_model::layout`).
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

/// The data file of one plan, relative to the document. `id` must have passed
/// [`crate::route::is_valid_id`].
pub fn plan_url(id: &str) -> String {
    format!("data/{id}.json")
}

/// The URL of an indicator file named in the index (`ind/<id>.<hash>.json`), relative to the
/// document; `None` when the name is not of that shape (it becomes a fetch path).
pub fn indicator_url(file: &str) -> Option<String> {
    let name = file.strip_prefix("ind/")?;
    let ok = !name.is_empty()
        && !name.contains("..")
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    ok.then(|| format!("data/{file}"))
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

/// Decodes `data/<id>.json`.
pub fn decode_plan(json: &str) -> Result<PlanDocument, LoadError> {
    decode(json)
}

/// Decodes `data/ind/<indicator>.<hash>.json`.
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
        assert!(!INDEX_URL.starts_with('/'));
        assert_eq!(
            indicator_url("ind/preschool_gross_enrolment.0123456789abcdef.json").as_deref(),
            Some("data/ind/preschool_gross_enrolment.0123456789abcdef.json")
        );
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
}
