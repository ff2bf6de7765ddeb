//! # planscope-ingest
//!
//! A file as a reader or the editor has it — bytes and a file name — to a plan: a
//! [`planscope_parser::PlanSource`] ([`ingest`]) and the parsed [`PlanDocument`]
//! ([`parse_file`]), or a typed [`IngestError`] that names the file and says what to do, in
//! zh-CN for the page ([`IngestError::message_zh`]) and English for the CLI (`Display`).
//! Pure Rust, no I/O; the CLI (`planscope build`/`parse`) and the browser's 打开规划 page use
//! this one code path. Builds for `wasm32-unknown-unknown`.
//!
//! ## What a file is (decided by its bytes first, then its name)
//!
//! | bytes | read as |
//! |---|---|
//! | `%PDF-` | refused: [`ErrorKind::Pdf`] |
//! | `D0 CF 11 E0 A1 B1 1A E1` (OLE compound file) | refused: [`ErrorKind::OldWord`] (.doc, .wps, encrypted .docx) |
//! | a MIME header with `multipart/related` (MHTML web archive, `.mht`/`.mhtml`) | its HTML page ([`mhtml`]), then as HTML; refused ([`ErrorKind::WebArchive`]) when it holds no readable page |
//! | `PK\x03\x04` (zip) | .docx ([`docx`]) when it has `word/document.xml`, else refused: [`ErrorKind::NotDocx`]; a zip that does not open is [`ErrorKind::BadDocx`] when named `.docx`, else judged as any other bytes |
//! | anything else | text, decoded by [`planscope_parser::decode()`] (UTF-8 ± BOM, UTF-16 BOM, GB18030); then HTML ([`html`]) when the name ends in `.html`/`.htm`/`.xhtml`/`.shtml` or the text starts like a page ([`html::looks_like_html`]), else plain text |
//!
//! A text that does not decode is refused with where it stops being readable
//! ([`ErrorKind::Undecodable`], from [`planscope_parser::decode::decode_lossy`]): nothing
//! half-read is parsed. A page or document with no text left is [`ErrorKind::Empty`].
//!
//! For the page: [`store`] — the plan's JSON as the build writes it ([`export_json`]), the
//! record kept on the device with its version check ([`StoredPlan`]), and the parse in steps
//! with progress ([`Job`]).

pub mod docx;
mod error;
pub mod html;
pub mod mhtml;
pub mod store;
pub mod tables;

pub use error::{base_name, BadSpot, ErrorKind, IngestError};
pub use store::{export_json, local_key, Job, Progress, RecordError, Stage, StoredPlan, MAX_BYTES};

use planscope_model::{PlanDocument, SourceInfo};
use planscope_parser::{DecodeError, PlanSource, SourceBlock};

/// What kind of file a plan came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Html,
    Docx,
}

impl Format {
    /// `text`, `html`, `docx`.
    pub fn id(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Docx => "docx",
        }
    }
}

/// A file read into blocks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ingested {
    pub format: Format,
    /// The text encoding (names as [`planscope_parser::Decoded::encoding`]; `utf-8` for .docx,
    /// whose XML is UTF-8).
    pub encoding: &'static str,
    pub source: PlanSource,
}

/// The extensions `planscope build` reads in `seeds/` (lower case, no dot).
pub const EXTENSIONS: &[&str] = &["txt", "html", "htm", "mhtml", "mht", "docx"];

const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

fn extension(file_name: &str) -> String {
    let name = base_name(file_name);
    match name.rfind('.') {
        Some(i) if i > 0 => name[i + 1..].to_ascii_lowercase(),
        _ => String::new(),
    }
}

/// Read a file's bytes into a [`PlanSource`] (see the crate docs for how the kind is decided).
pub fn ingest(file_name: &str, bytes: &[u8]) -> Result<Ingested, IngestError> {
    let err = |kind| IngestError::new(file_name, kind);
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(err(ErrorKind::Empty));
    }
    if bytes.starts_with(b"%PDF-") {
        return Err(err(ErrorKind::Pdf));
    }
    if bytes.starts_with(OLE_MAGIC) {
        return Err(err(ErrorKind::OldWord));
    }
    if mhtml::is_web_archive(bytes) {
        let page = mhtml::page_bytes(bytes).ok_or_else(|| err(ErrorKind::WebArchive))?;
        let decoded = planscope_parser::decode(&page).map_err(|_| err(ErrorKind::WebArchive))?;
        let source = html::read(&decoded.text);
        return non_empty(file_name, Format::Html, decoded.encoding, source);
    }
    if docx::is_zip(bytes) {
        match docx::read(bytes) {
            Ok(source) => return non_empty(file_name, Format::Docx, "utf-8", source),
            Err(docx::DocxError::NotDocx) => return Err(err(ErrorKind::NotDocx)),
            Err(docx::DocxError::Broken(reason)) if extension(file_name) == "docx" => {
                return Err(err(ErrorKind::BadDocx { reason }))
            }
            // a zip that does not open, not named .docx: judged as bytes below (binary)
            Err(docx::DocxError::Broken(_)) => {}
        }
    }
    let decoded = planscope_parser::decode(bytes).map_err(|e| {
        err(match e {
            DecodeError::Empty => ErrorKind::Empty,
            DecodeError::Binary { offset } => ErrorKind::Binary { offset },
            DecodeError::Undecodable { .. } => {
                let (d, invalid) = planscope_parser::decode::decode_lossy(bytes);
                ErrorKind::Undecodable {
                    encoding: d.encoding,
                    count: invalid.len().max(1),
                    first: invalid
                        .iter()
                        .take(3)
                        .map(|i| BadSpot {
                            line: i.line,
                            offset: i.offset,
                        })
                        .collect(),
                }
            }
        })
    })?;
    let ext = extension(file_name);
    let is_html = matches!(ext.as_str(), "html" | "htm" | "xhtml" | "shtml")
        || html::looks_like_html(&decoded.text);
    if is_html {
        let source = html::read(&decoded.text);
        return non_empty(file_name, Format::Html, decoded.encoding, source);
    }
    Ok(Ingested {
        format: Format::Text,
        encoding: decoded.encoding,
        source: PlanSource::from_text(&decoded.text),
    })
}

fn non_empty(
    file_name: &str,
    format: Format,
    encoding: &'static str,
    source: PlanSource,
) -> Result<Ingested, IngestError> {
    let has_text = source.blocks.iter().any(|b| match b {
        SourceBlock::Paragraph(p) => !p.trim().is_empty(),
        SourceBlock::Table(rows) => rows.iter().flatten().any(|c| !c.trim().is_empty()),
    });
    if !has_text {
        return Err(IngestError::new(file_name, ErrorKind::Empty));
    }
    Ok(Ingested {
        format,
        encoding,
        source,
    })
}

/// Read and parse a file: the plan id is the file name's stem
/// ([`planscope_parser::file_stem`]); `doc.source` records the file name (no directories), its
/// size in bytes, its encoding and the parsed text's length in characters.
pub fn parse_file(file_name: &str, bytes: &[u8]) -> Result<PlanDocument, IngestError> {
    let ingested = ingest(file_name, bytes)?;
    Ok(parse_ingested(file_name, bytes.len(), &ingested))
}

/// Parse an [`Ingested`] file (`bytes`: the file's size).
pub fn parse_ingested(file_name: &str, bytes: usize, ingested: &Ingested) -> PlanDocument {
    let stem = planscope_parser::file_stem(file_name);
    let mut doc = planscope_parser::parse_source(stem, &ingested.source);
    doc.source = SourceInfo {
        file_name: base_name(file_name).to_string(),
        bytes: bytes as u64,
        encoding: ingested.encoding.to_string(),
        chars: doc.source.chars,
    };
    doc
}
