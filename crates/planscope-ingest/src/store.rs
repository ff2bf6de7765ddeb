//! What the 打开规划 page keeps and hands out, as plain tested Rust (the page only moves bytes):
//!
//! * [`export_json`] — a plan's JSON exactly as `planscope build` writes `data/<id>-<hash>.json`
//!   (the CLI calls it too), so an editor can publish an opened plan by dropping its source
//!   file into `seeds/` and rebuilding, and get the same file.
//! * [`StoredPlan`] — the record kept on the device (IndexedDB): the parsed plan with its file
//!   name, format, size and a device key. [`StoredPlan::from_json`] checks the record's
//!   [`RECORD_VERSION`] and the plan's `schema_version` before anything else, so a record
//!   written by an older version is refused with a clear message instead of breaking the
//!   library.
//! * [`Job`] — the parse in steps (read → parse → serialise), each reporting [`Progress`], so a
//!   worker can post progress between steps and be cancelled (terminated) between or during
//!   them; nothing is produced until the last step, so nothing half-parsed can be stored.

use serde::{Deserialize, Serialize};
use std::fmt;

use planscope_model::{PlanDocument, SCHEMA_VERSION};

use crate::{ingest, parse_ingested, ErrorKind, Format, IngestError, Ingested};
use planscope_model::local::LocalMeta;

/// A plan's JSON as `planscope build` writes it (compact, one line, `\n` at the end).
pub fn export_json(doc: &PlanDocument) -> String {
    let mut s = serde_json::to_string(doc).unwrap_or_default();
    s.push('\n');
    s
}

/// The version of [`StoredPlan`]'s own fields; bump it when they change. The same number as
/// [`planscope_model::local::RECORD_VERSION`], which the app checks.
pub const RECORD_VERSION: u32 = planscope_model::local::RECORD_VERSION;

/// The largest file the page opens: 5 MiB (5,242,880 bytes). The longest plan seen is under
/// 100 KB of text (the seeds: 18–68 KB) and a saved portal page with its markup a few hundred
/// KB, so anything larger is almost surely not one plan, and parsing it would hold the
/// device's memory for nothing. A [`Job`] refuses it before reading ([`ErrorKind::TooLarge`]);
/// the page checks the file's size before reading it at all.
pub const MAX_BYTES: u64 = 5 * 1024 * 1024;

/// A plan opened on this device.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredPlan {
    pub record_version: u32,
    /// The device key: `local-` + 16 hex digits of the file's FNV-1a 64 hash ([`local_key`]).
    /// Opening the same bytes again gives the same key. Valid as a plan id in URLs
    /// (`[A-Za-z0-9._-]`); it never equals a built plan's id (those come from file stems chosen
    /// by the editor, and no seed is named `local-…`).
    pub key: String,
    /// As opened (no directories).
    pub file_name: String,
    /// `text`, `html` or `docx`.
    pub format: String,
    /// Size of the file in bytes.
    pub bytes: u64,
    /// When it was opened, milliseconds since the Unix epoch (given by the page's clock).
    pub opened_ms: u64,
    /// The plan, parsed as `planscope build` parses the same file (its id is the file stem).
    pub doc: PlanDocument,
}

/// The device key of a file's bytes (see [`StoredPlan::key`]).
pub fn local_key(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("local-{h:016x}")
}

/// Why a stored record cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RecordError {
    /// Not a record at all (damaged storage): the serde message.
    Corrupt(String),
    /// Written by another version of the page: the record's version and the plan's schema
    /// version as found.
    OtherVersion {
        file_name: Option<String>,
        record_version: Option<u64>,
        schema_version: Option<u64>,
    },
}

impl RecordError {
    /// For the library (zh-CN): the record is skipped, the reader is told what to do.
    pub fn message_zh(&self) -> String {
        match self {
            RecordError::Corrupt(_) => {
                "本机保存的一份规划已损坏，无法打开。请删除它，再重新打开原文件。".into()
            }
            RecordError::OtherVersion { file_name, .. } => format!(
                "本机保存的「{}」来自旧版本，无法打开。请删除它，再重新打开原文件。",
                file_name.as_deref().unwrap_or("规划")
            ),
        }
    }
}

impl fmt::Display for RecordError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RecordError::Corrupt(e) => write!(f, "stored plan is damaged: {e}"),
            RecordError::OtherVersion {
                record_version,
                schema_version,
                ..
            } => write!(
                f,
                "stored plan has record_version {record_version:?} / schema_version {schema_version:?}, expected {RECORD_VERSION} / {SCHEMA_VERSION}"
            ),
        }
    }
}

impl std::error::Error for RecordError {}

impl StoredPlan {
    /// The record of a parsed file.
    pub fn new(
        file_name: &str,
        bytes: &[u8],
        format: Format,
        opened_ms: u64,
        doc: PlanDocument,
    ) -> StoredPlan {
        StoredPlan {
            record_version: RECORD_VERSION,
            key: local_key(bytes),
            file_name: crate::base_name(file_name).to_string(),
            format: format.id().to_string(),
            bytes: bytes.len() as u64,
            opened_ms,
            doc,
        }
    }

    /// What the library lists (see [`planscope_model::local`]).
    pub fn meta(&self) -> LocalMeta {
        LocalMeta {
            record_version: self.record_version,
            schema_version: self.doc.schema_version,
            key: self.key.clone(),
            plan_id: self.doc.id.clone(),
            file_name: self.file_name.clone(),
            format: self.format.clone(),
            bytes: self.bytes,
            opened_ms: self.opened_ms,
            title: self.doc.metadata.title.clone(),
            outline_counts: planscope_model::local::outline_counts(&self.doc),
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Read a stored record: versions first (a record of another version is
    /// [`RecordError::OtherVersion`] whatever its shape), then the whole record.
    pub fn from_json(json: &str) -> Result<StoredPlan, RecordError> {
        #[derive(Deserialize)]
        struct Versions {
            record_version: Option<u64>,
            file_name: Option<String>,
            doc: Option<DocVersion>,
        }
        #[derive(Deserialize)]
        struct DocVersion {
            schema_version: Option<u64>,
        }
        let v: Versions =
            serde_json::from_str(json).map_err(|e| RecordError::Corrupt(e.to_string()))?;
        let schema = v.doc.as_ref().and_then(|d| d.schema_version);
        if v.record_version != Some(RECORD_VERSION as u64) || schema != Some(SCHEMA_VERSION as u64)
        {
            return Err(RecordError::OtherVersion {
                file_name: v.file_name,
                record_version: v.record_version,
                schema_version: schema,
            });
        }
        serde_json::from_str(json).map_err(|e| RecordError::Corrupt(e.to_string()))
    }
}

/// Where a [`Job`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Reading the file (decode, HTML/Word).
    Read,
    /// Parsing the plan.
    Parse,
    /// Writing the record's JSON.
    Serialize,
    Done,
}

/// A job's progress: its stage and the share of the work done (0.0–1.0, by the usual cost of
/// the stages: reading ≈ 10 %, parsing ≈ 80 %, writing ≈ 10 %).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Progress {
    pub stage: Stage,
    pub done: f32,
}

impl Progress {
    /// The zh-CN status line (`正在读取文件…`, `正在分析结构…`, `正在保存…`, `已完成`).
    pub fn label_zh(&self) -> &'static str {
        match self.stage {
            Stage::Read => "正在读取文件…",
            Stage::Parse => "正在分析结构…",
            Stage::Serialize => "正在保存…",
            Stage::Done => "已完成",
        }
    }
}

enum State {
    Read,
    Parse(Ingested),
    Serialize(Box<PlanDocument>, Format),
    Done(Box<StoredPlan>, String),
    Failed,
}

/// Opening a file in steps: call [`Job::step`] until it returns [`Stage::Done`], posting
/// [`Job::progress`] between steps; [`Job::finish`] gives the record and its JSON. An error ends
/// the job (later steps return it again), with nothing produced.
pub struct Job {
    file_name: String,
    bytes: Vec<u8>,
    opened_ms: u64,
    state: State,
    error: Option<IngestError>,
}

impl Job {
    pub fn new(file_name: &str, bytes: Vec<u8>, opened_ms: u64) -> Job {
        Job {
            file_name: file_name.to_string(),
            bytes,
            opened_ms,
            state: State::Read,
            error: None,
        }
    }

    pub fn progress(&self) -> Progress {
        let (stage, done) = match self.state {
            State::Read | State::Failed => (Stage::Read, 0.0),
            State::Parse(_) => (Stage::Parse, 0.1),
            State::Serialize(..) => (Stage::Serialize, 0.9),
            State::Done(..) => (Stage::Done, 1.0),
        };
        Progress { stage, done }
    }

    /// Do the next stage; returns the stage the job is in afterwards.
    pub fn step(&mut self) -> Result<Stage, IngestError> {
        if let Some(e) = &self.error {
            return Err(e.clone());
        }
        let fail = |job: &mut Job, e: IngestError| {
            job.error = Some(e.clone());
            Err(e)
        };
        self.state = match std::mem::replace(&mut self.state, State::Failed) {
            State::Read if self.bytes.len() as u64 > MAX_BYTES => {
                let kind = ErrorKind::TooLarge {
                    bytes: self.bytes.len() as u64,
                    limit: MAX_BYTES,
                };
                return fail(self, IngestError::new(&self.file_name, kind));
            }
            State::Read => match ingest(&self.file_name, &self.bytes) {
                Ok(i) => State::Parse(i),
                Err(e) => return fail(self, e),
            },
            State::Parse(i) => {
                let doc = parse_ingested(&self.file_name, self.bytes.len(), &i);
                if doc.walk_sections().is_empty() {
                    return fail(
                        self,
                        IngestError::new(&self.file_name, ErrorKind::NoStructure),
                    );
                }
                State::Serialize(Box::new(doc), i.format)
            }
            State::Serialize(doc, format) => {
                let rec =
                    StoredPlan::new(&self.file_name, &self.bytes, format, self.opened_ms, *doc);
                let json = rec.to_json();
                State::Done(Box::new(rec), json)
            }
            s @ (State::Done(..) | State::Failed) => s,
        };
        Ok(self.progress().stage)
    }

    /// Run every remaining step.
    pub fn run(&mut self) -> Result<(), IngestError> {
        while self.step()? != Stage::Done {}
        Ok(())
    }

    /// The record and its JSON once the job is done; `None` before (nothing half-done).
    pub fn finish(self) -> Option<(StoredPlan, String)> {
        match self.state {
            State::Done(rec, json) => Some((*rec, json)),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAN: &str = "某区教育事业发展规划\n一、发展目标\n到2025年，学前教育毛入园率达到95%以上。\n二、保障措施\n加强领导。\n";

    #[test]
    fn a_job_reports_progress_and_yields_only_when_done() {
        let mut job = Job::new(
            "dir/某区规划.txt",
            PLAN.as_bytes().to_vec(),
            1_700_000_000_000,
        );
        let mut seen = vec![job.progress()];
        while job.step().unwrap() != Stage::Done {
            seen.push(job.progress());
        }
        seen.push(job.progress());
        let stages: Vec<Stage> = seen.iter().map(|p| p.stage).collect();
        assert_eq!(
            stages,
            [Stage::Read, Stage::Parse, Stage::Serialize, Stage::Done]
        );
        assert!(seen.windows(2).all(|w| w[0].done < w[1].done));
        assert_eq!(seen[1].label_zh(), "正在分析结构…");
        let (rec, json) = job.finish().unwrap();
        assert_eq!(rec.file_name, "某区规划.txt");
        assert_eq!(rec.format, "text");
        assert_eq!(rec.doc.id, "某区规划");
        assert_eq!(rec.doc.sections.len(), 2);
        assert_eq!(rec.key, local_key(PLAN.as_bytes()));
        assert_eq!(StoredPlan::from_json(&json).unwrap(), rec);
        // the record's plan is what the build writes for the same file
        let built = crate::parse_file("某区规划.txt", PLAN.as_bytes()).unwrap();
        assert_eq!(export_json(&rec.doc), export_json(&built));
    }

    #[test]
    fn a_failed_job_produces_nothing() {
        let mut job = Job::new("a.pdf", b"%PDF-1.4".to_vec(), 0);
        let e = job.step().unwrap_err();
        assert_eq!(e.kind, crate::ErrorKind::Pdf);
        assert_eq!(job.step().unwrap_err(), e);
        assert!(job.finish().is_none());
        // and a job stopped half-way has nothing to store
        let mut job = Job::new("a.txt", PLAN.as_bytes().to_vec(), 0);
        job.step().unwrap();
        job.step().unwrap();
        assert!(job.finish().is_none());
    }

    #[test]
    fn the_page_refuses_files_too_large_and_texts_without_headings() {
        let big = vec![b'a'; MAX_BYTES as usize + 1];
        let mut job = Job::new("big.txt", big, 0);
        let e = job.step().unwrap_err();
        assert!(matches!(e.kind, ErrorKind::TooLarge { bytes, .. } if bytes == MAX_BYTES + 1));
        assert!(
            e.message_zh().contains("「big.txt」有 5.0 MB"),
            "{}",
            e.message_zh()
        );
        assert!(job.finish().is_none());
        // readable prose without one heading: refused after parsing, nothing kept
        let prose =
            "这是一段没有任何编号的文字，讲了很多事情。\n第二段也没有标题，只是普通的叙述。\n";
        let mut job = Job::new("prose.txt", prose.as_bytes().to_vec(), 0);
        let e = job.run().unwrap_err();
        assert_eq!(e.kind, ErrorKind::NoStructure);
        assert!(e
            .message_zh()
            .starts_with("「prose.txt」中没有找到任何标题"));
        assert!(job.finish().is_none());
        // the CLI still parses it (its diagnostics say why)
        assert!(crate::parse_file("prose.txt", prose.as_bytes()).is_ok());
    }

    #[test]
    fn meta_is_what_the_library_lists() {
        let mut job = Job::new("a.txt", PLAN.as_bytes().to_vec(), 7);
        job.run().unwrap();
        let (rec, _) = job.finish().unwrap();
        let m = rec.meta();
        assert_eq!(m.key, rec.key);
        assert_eq!(
            (m.record_version, m.schema_version),
            (RECORD_VERSION, SCHEMA_VERSION)
        );
        assert_eq!(m.outline_counts, vec![2]);
        assert_eq!(m.title, rec.doc.metadata.title);
        assert_eq!(m.opened_ms, 7);
    }

    #[test]
    fn keys_are_stable_and_valid_ids() {
        let k = local_key(b"abc");
        assert_eq!(k, local_key(b"abc"));
        assert_ne!(k, local_key(b"abd"));
        assert_eq!(k.len(), "local-".len() + 16);
        assert!(k
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')));
        // FNV-1a 64 of the empty input is its offset basis
        assert_eq!(local_key(b""), "local-cbf29ce484222325");
    }

    #[test]
    fn records_of_other_versions_and_damaged_ones_are_refused_first() {
        let doc = crate::parse_file("a.txt", PLAN.as_bytes()).unwrap();
        let rec = StoredPlan::new("a.txt", PLAN.as_bytes(), Format::Text, 5, doc);
        let mut v: serde_json::Value = serde_json::from_str(&rec.to_json()).unwrap();
        v["doc"]["schema_version"] = serde_json::json!(SCHEMA_VERSION + 1);
        v["doc"]["sections"] = serde_json::json!("a shape this version does not know");
        let e = StoredPlan::from_json(&v.to_string()).unwrap_err();
        assert!(matches!(e, RecordError::OtherVersion { .. }), "{e:?}");
        assert!(e.message_zh().contains("「a.txt」来自旧版本"));
        let mut v: serde_json::Value = serde_json::from_str(&rec.to_json()).unwrap();
        v.as_object_mut().unwrap().remove("record_version");
        assert!(matches!(
            StoredPlan::from_json(&v.to_string()),
            Err(RecordError::OtherVersion {
                record_version: None,
                ..
            })
        ));
        for bad in ["", "[]", "{\"record_version\":1", "null"] {
            let e = StoredPlan::from_json(bad).unwrap_err();
            assert!(matches!(e, RecordError::Corrupt(_)), "{bad}: {e:?}");
            assert!(e.message_zh().contains("已损坏"));
        }
    }

    #[test]
    fn export_is_one_line_of_json() {
        let doc = crate::parse_file("a.txt", PLAN.as_bytes()).unwrap();
        let s = export_json(&doc);
        assert!(s.ends_with('\n') && s.matches('\n').count() == 1);
        let back: PlanDocument = serde_json::from_str(&s).unwrap();
        assert_eq!(back, doc);
    }
}
