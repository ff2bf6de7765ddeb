//! # planscope-parser
//!
//! Turns the text of a Chinese local-government education plan, as scraped from a portal, into
//! a [`planscope_model::PlanDocument`]. Pure Rust, no I/O, builds for wasm32.
//!
//! Parsing never fails on content: [`parse`] always returns a document, plus diagnostics for
//! anything it was unsure of. Only decoding bytes ([`decode`]) can fail, with a typed
//! [`DecodeError`].

pub mod decode;
pub mod departments;
pub mod gold;
pub mod quantity;
pub mod region_data;
pub mod report;
pub mod tree;

pub use decode::{decode, DecodeError, Decoded};

use planscope_model::{PlanDocument, SourceInfo, SCHEMA_VERSION};

/// Parse decoded text. `id` becomes the plan id (the seed file's stem).
pub fn parse(id: &str, text: &str) -> PlanDocument {
    let mut doc = PlanDocument {
        schema_version: SCHEMA_VERSION,
        id: id.to_string(),
        ..Default::default()
    };
    doc.metadata.title = text
        .lines()
        .map(|l| l.trim_matches(|c: char| c.is_whitespace()))
        .find(|l| !l.is_empty())
        .unwrap_or_default()
        .to_string();
    doc.source.chars = text.chars().count() as u32;
    doc
}

/// Decode and parse a file's bytes. `file_name` is used for the id (its stem) and in errors.
pub fn parse_file(file_name: &str, bytes: &[u8]) -> Result<PlanDocument, DecodeError> {
    let decoded = decode(bytes)?;
    let stem = file_stem(file_name);
    let mut doc = parse(stem, &decoded.text);
    doc.source = SourceInfo {
        file_name: file_name.rsplit(['/', '\\']).next().unwrap_or(file_name).to_string(),
        bytes: bytes.len() as u64,
        encoding: decoded.encoding.to_string(),
        chars: doc.source.chars,
    };
    Ok(doc)
}

/// The stem of a path's file name (`seeds/a.b.txt` → `a.b`).
pub fn file_stem(path: &str) -> &str {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    match name.rfind('.') {
        Some(i) if i > 0 => &name[..i],
        _ => name,
    }
}
