//! # planscope-parser
//!
//! Turns the text of a Chinese local-government education plan, as scraped from a portal, into
//! a [`planscope_model::PlanDocument`]. Pure Rust, no I/O, builds for wasm32.
//!
//! Parsing never fails on content: [`parse`] always returns a document, plus diagnostics for
//! anything it was unsure of. Only decoding bytes ([`decode()`]) can fail, with a typed
//! [`DecodeError`].
//!
//! Passes (one module each):
//! [`decode`] bytes → text · [`chrome`] web-page chrome lines · [`structure`] segments, front
//! matter, outline ([`label`], [`heading`]), boxes, tables ([`table`], [`departments`]),
//! appendix, back matter, ids · [`metadata`] title, issuer, 文号, dates, period, kind, assembled
//! in one place ([`metadata::assemble()`]), with [`region_data`] for the region · [`quantity`]
//! numbers in prose · [`coverage`] the nothing-lost accounting · [`gold`] / [`tree`] /
//! [`report`] output forms. Diagnostics name their rule with [`diagnostics::Rule`].

pub mod canonical;
pub mod chrome;
pub mod coverage;
pub mod decode;
pub mod departments;
pub mod diagnostics;
pub mod gold;
pub mod heading;
pub mod label;
pub mod metadata;
pub mod quantity;
pub mod region_data;
pub mod report;
pub mod source;
pub mod structure;
pub mod table;
pub mod text;
pub mod topics;
pub mod tree;

pub use decode::{decode, DecodeError, Decoded};
pub use source::{Flattened, KnownTable, PlanSource, SourceBlock};

use planscope_model::{Anchor, Block, PlanDocument, PlanKind, Quantity, Section, SourceInfo};

/// The parser's passes, as [`parse_phased`] reports them (in the order they first run;
/// [`Phase::Tables`] interleaves with [`Phase::Structure`], one table at a time).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Phase {
    /// Lines, web-page chrome and page artefacts ([`chrome`], `structure::lines`).
    Lines,
    /// Front matter, outline, boxes, back matter (`structure::{front, outline, boxes, back}`).
    Structure,
    /// Flattened tables ([`table`], [`departments`], `structure::tables`).
    Tables,
    /// Section and paragraph ids, placements (`structure::ids`).
    Ids,
    /// Title, issuer, 文号, dates, kind, period, region ([`metadata::assemble()`]).
    Metadata,
    /// Base statistics and targets in prose ([`quantity`]).
    Quantities,
    /// Topic taxonomy ([`topics`]).
    Topics,
    /// Canonical indicators ([`canonical`]).
    Canonical,
    /// The nothing-lost accounting ([`coverage`]).
    Coverage,
}

impl Phase {
    /// Every phase, in pipeline order.
    pub const ALL: [Phase; 9] = [
        Phase::Lines,
        Phase::Structure,
        Phase::Tables,
        Phase::Ids,
        Phase::Metadata,
        Phase::Quantities,
        Phase::Topics,
        Phase::Canonical,
        Phase::Coverage,
    ];

    /// A short lower-case name (`lines`, `structure`, …) for reports.
    pub fn name(self) -> &'static str {
        match self {
            Phase::Lines => "lines/chrome",
            Phase::Structure => "structure",
            Phase::Tables => "tables",
            Phase::Ids => "ids",
            Phase::Metadata => "metadata",
            Phase::Quantities => "quantities/targets",
            Phase::Topics => "topics",
            Phase::Canonical => "canonical",
            Phase::Coverage => "coverage",
        }
    }
}

/// Parse decoded text. `id` becomes the plan id (the seed file's stem).
pub fn parse(id: &str, text: &str) -> PlanDocument {
    parse_phased(id, text, &mut |_| {})
}

/// [`parse`], calling `mark(p)` each time phase `p` starts and `mark(None)` at the end, so a
/// caller can time the passes (the time between two calls belongs to the phase the first one
/// names). The parser reads no clock itself, so this works on wasm32 too; `planscope bench`
/// uses it for its per-phase report. The document is the same as [`parse`]'s.
pub fn parse_phased(id: &str, text: &str, mark: &mut dyn FnMut(Option<Phase>)) -> PlanDocument {
    parse_known(id, text, &[], mark)
}

/// Parse a source whose paragraphs and tables are known (an HTML page, a Word document; see
/// [`source`]): its [`PlanSource::flatten`]ed text, with each known table read from its rows
/// and cells instead of guessed from lines. Source ranges in the document refer to
/// `source.flatten().text`; `doc.source.chars` is its length.
pub fn parse_source(id: &str, source: &PlanSource) -> PlanDocument {
    let flat = source.flatten();
    parse_flattened(id, &flat)
}

/// [`parse_source`] for an already flattened source.
pub fn parse_flattened(id: &str, flat: &Flattened) -> PlanDocument {
    parse_known(id, &flat.text, &flat.tables, &mut |_| {})
}

fn parse_known(
    id: &str,
    text: &str,
    known: &[KnownTable],
    mark: &mut dyn FnMut(Option<Phase>),
) -> PlanDocument {
    let (mut doc, evidence) = structure::build_known(id, text, known, mark);
    mark(Some(Phase::Metadata));
    metadata::assemble(&mut doc, &evidence);
    mark(Some(Phase::Quantities));
    extract_quantities(&mut doc);
    mark(Some(Phase::Topics));
    topics::assign(&mut doc);
    mark(Some(Phase::Canonical));
    canonical::assign(&mut doc);
    mark(Some(Phase::Coverage));
    let acc = coverage::account(&doc, text);
    if !acc.mismatched.is_empty() || !acc.doubled.is_empty() || !acc.missing.is_empty() {
        doc.diagnostics.push(diagnostics::Rule::InternalCoverage.diagnostic(
            format!(
                "text accounting is off: {} pieces differ from their source, {} chars doubled, {} missing",
                acc.mismatched.len(),
                acc.doubled.len(),
                acc.missing.len()
            ),
            None,
        ));
    }
    doc.coverage = acc.coverage;
    mark(None);
    doc
}

/// Decode and parse a file's bytes. `file_name` is used for the id (its stem) and in errors.
pub fn parse_file(file_name: &str, bytes: &[u8]) -> Result<PlanDocument, DecodeError> {
    let decoded = decode(bytes)?;
    let stem = file_stem(file_name);
    let mut doc = parse(stem, &decoded.text);
    doc.source = SourceInfo {
        file_name: file_name
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or(file_name)
            .to_string(),
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

/// The hint of the innermost of a section's titles (outermost first) that gives one.
fn hint_for(titles: &[&str]) -> quantity::SectionHint {
    titles
        .iter()
        .rev()
        .map(|t| quantity::section_hint_for_title(t))
        .find(|h| *h != quantity::SectionHint::Other)
        .unwrap_or(quantity::SectionHint::Other)
}

struct QState<'a> {
    annual_year: Option<u16>,
    stats: Vec<Quantity>,
    targets: Vec<Quantity>,
    _p: std::marker::PhantomData<&'a ()>,
}

impl QState<'_> {
    fn scan(&mut self, text: &str, para_id: &str, section_id: &str, ctx: &quantity::Context) {
        for f in quantity::scan(text, ctx) {
            let is_target = matches!(f.kind, quantity::QuantityKind::Target);
            let list = if is_target {
                &mut self.targets
            } else {
                &mut self.stats
            };
            let id = format!("{}{}", if is_target { "G" } else { "S" }, list.len() + 1);
            list.push(Quantity {
                id,
                text: f.text,
                metric: f.metric,
                value: f.value,
                number: f.number,
                upper: f.upper,
                unit: f.unit,
                comparator: f.comparator,
                year: f.year,
                anchor: Anchor {
                    paragraph: para_id.to_string(),
                    section: section_id.to_string(),
                    span: f.span,
                },
                topics: Vec::new(),
                canonical: None,
            });
        }
    }

    fn section(&mut self, doc: &PlanDocument, s: &Section, titles: &mut Vec<String>) {
        titles.push(s.title.clone());
        let refs: Vec<&str> = titles.iter().map(String::as_str).collect();
        let hint = hint_for(&refs);
        let mut governing = self.annual_year;
        for b in &s.blocks {
            match b {
                Block::Paragraph(p) => {
                    if hint == quantity::SectionHint::Goal {
                        if let Some(y) = quantity::governing_year(&p.text) {
                            governing = Some(y);
                        }
                    }
                    let ctx = quantity::Context {
                        governing_year: governing,
                        section_hint: hint,
                    };
                    self.scan(&p.text, &p.id, &s.id, &ctx);
                }
                Block::KeyProject { index } => {
                    if let Some(k) = doc.key_projects.get(*index as usize) {
                        let ctx = quantity::Context {
                            governing_year: self.annual_year,
                            section_hint: quantity::SectionHint::Other,
                        };
                        for it in &k.items {
                            self.scan(&it.text, &it.id, &s.id, &ctx);
                        }
                    }
                }
                _ => {}
            }
        }
        for c in &s.children {
            self.section(doc, c, titles);
        }
        titles.pop();
    }
}

/// Numbers in prose → base statistics and targets, anchored to their paragraphs.
fn extract_quantities(doc: &mut PlanDocument) {
    let annual_year = (doc.metadata.kind == PlanKind::AnnualWorkPoints)
        .then(|| doc.metadata.period.map(|p| p.start))
        .flatten();
    let mut st = QState {
        annual_year,
        stats: Vec::new(),
        targets: Vec::new(),
        _p: std::marker::PhantomData,
    };
    for b in &doc.front {
        if let Block::Paragraph(p) = b {
            if p.role.is_none() {
                let ctx = quantity::Context {
                    governing_year: annual_year,
                    section_hint: quantity::SectionHint::Other,
                };
                st.scan(&p.text, &p.id, "0", &ctx);
            }
        }
    }
    let mut titles = Vec::new();
    for s in &doc.sections {
        st.section(doc, s, &mut titles);
    }
    doc.base_stats = st.stats;
    doc.targets = st.targets;
}
