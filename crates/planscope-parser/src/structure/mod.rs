//! The structure pass: source text → segments → front matter, outline, boxes, tables, appendix,
//! back matter, ids. One module per construct; each module's docs are its grammar.
//!
//! 1. **Lines and chrome** ([`lines`]). Each physical line is trimmed; whole lines of web-page
//!    chrome ([`crate::chrome`]) are removed and recorded — `key：value` chrome only at the
//!    edges of the page.
//! 2. **Paging** ([`lines`]). When most lines start with a strictly sequential `N、` (a
//!    document-sharing preview: one line per page, cut mid-word), the artefacts are removed,
//!    the pages are concatenated with no separator, and the stream is split at whitespace.
//!    Otherwise every line is a segment.
//! 3. **Front matter** ([`front`]). Everything before the first body heading: notice headline,
//!    文号, addressees, notice text, signature and date, the title block, a 目录 copy of the
//!    headings, preamble. Roles only; the metadata they give is assembled in
//!    [`crate::metadata::assemble`].
//! 4. **Body** ([`outline`]). Headings are accepted by label *and* numbering: a label must
//!    continue the numbering of its rank under the current parent (or continue it across
//!    parents), so mid-text enumerations are not headings. 第X章/第X节/第X条 rank above 一、;
//!    numbered items inside an article are its list items. A heading glued after a sentence
//!    end is split out when it continues the numbering exactly. A document title right before
//!    a restarting 一、 opens a new document part.
//! 5. **Boxes and tables** ([`boxes`], [`tables`]). 重点工程 boxes take the numbered items that
//!    follow them; flattened tables are read by [`crate::table`].
//! 6. **Appendix and back matter** ([`back`]). A line starting with 附件/附表/附录 after the body
//!    opens an attachment; 公开方式/抄送/…印发 lines and a trailing signature and date are back
//!    matter.
//! 7. **Ids and nesting** ([`ids`]).

mod back;
mod boxes;
mod front;
mod ids;
mod lines;
mod outline;
mod tables;

use planscope_model::{Block, Paragraph, ParagraphRole, PlanDocument, SrcRange, SCHEMA_VERSION};

use crate::chrome;
use crate::diagnostics::Rule;
use crate::heading::MAX_STANDALONE;
use crate::label::{self, Label, RANKS};
use crate::source::KnownTable;
use crate::text::{is_sentence_end, is_space, Seg, Source};

/// A segment with what the scanners found at its start.
struct Item<'s> {
    seg: Seg<'s>,
    label: Option<Label>,
}

impl<'s> Item<'s> {
    fn new(seg: Seg<'s>) -> Item<'s> {
        let label = label::scan(&seg.norm);
        Item { seg, label }
    }
    /// The folded text (for scanners).
    #[allow(clippy::misnamed_getters)]
    fn chars(&self) -> &[char] {
        &self.seg.norm
    }
    /// Short, no sentence end: a bare heading line.
    fn standalone(&self) -> bool {
        let n = self.label.map(|l| l.len).unwrap_or(0);
        !self.seg.norm.contains(&'。') && self.seg.len() <= MAX_STANDALONE + n
    }
}

/// A line of web-page chrome that was removed, kept for the metadata it gives (site header,
/// 来源, info box fields, the page's address).
#[derive(Clone, Debug)]
pub struct ChromeLine {
    /// As printed (trimmed).
    pub printed: Vec<char>,
    /// Folded.
    pub folded: Vec<char>,
    pub rule: chrome::Rule,
}

/// What the structure pass found besides the document itself: the inputs of
/// [`crate::metadata::assemble`].
#[derive(Clone, Debug, Default)]
pub struct Evidence {
    /// Removed chrome lines, in source order.
    pub chrome: Vec<ChromeLine>,
    /// Printed title blocks of the front matter (lines joined), in order, each with whether it
    /// comes after the notice headline.
    pub title_blocks: Vec<(String, bool)>,
    /// Titles of the document parts when a notice carries several documents.
    pub part_titles: Vec<String>,
}

/// The table of `known` (in text order) whose region holds source position `pos`.
fn known_index(known: &[KnownTable], pos: u32) -> Option<usize> {
    let k = known.partition_point(|t| t.end <= pos);
    known
        .get(k)
        .filter(|t| t.start <= pos && pos < t.end)
        .map(|_| k)
}

fn squash(chars: &[char]) -> String {
    chars.iter().filter(|&&c| !is_space(c)).collect()
}

fn has_sentence_end(chars: &[char]) -> bool {
    chars.iter().any(|&c| is_sentence_end(c))
}

fn para(seg: &Seg, role: Option<ParagraphRole>) -> Paragraph {
    Paragraph {
        id: String::new(),
        text: seg.text(),
        src: seg.ranges(),
        role,
        topics: Vec::new(),
    }
}

fn range(seg: &Seg) -> SrcRange {
    [seg.start(), seg.parts.last().map(|p| p.1).unwrap_or(0)]
}

/// Where a block was put while the tree is flat (resolved to a section id by [`ids`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Placement {
    /// Before the first body heading: section id `0`.
    Front,
    /// Under the heading at this index of [`Builder::flat`].
    Section(usize),
    /// In the attachment at this index of [`PlanDocument::appendix`].
    Attachment(usize),
    /// Back matter: `B`.
    Back,
}

/// A model object that records the section it sits in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Placed {
    KeyProject(usize),
    IndicatorTable(usize),
    TaskTable(usize),
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Phase {
    Body,
    Appendix,
    Back,
}

struct Builder<'a> {
    src: &'a Source,
    /// Phase marks for [`crate::parse_phased`].
    mark: &'a mut dyn FnMut(Option<crate::Phase>),
    /// Tables whose rows and cells are known ([`crate::source`]), in text order.
    known: &'a [KnownTable],
    /// Generic tables made so far (their ids are `X1`, `X2`, …).
    generic_tables: u32,
    doc: PlanDocument,
    flat: Vec<outline::Flat>,
    stack: Vec<usize>,
    /// Per rank: the last number under the current parent, and the last number anywhere.
    last_child: [u32; RANKS],
    last_global: [u32; RANKS],
    part: u32,
    open_box: Option<boxes::OpenBox>,
    phase: Phase,
    placed: Vec<(Placed, Placement)>,
    /// The part each attachment was opened in.
    attachment_parts: Vec<u32>,
    /// Flat index of each titled document part (see [`outline`]).
    parts: Vec<(u32, usize)>,
    evidence: Evidence,
}

/// Parse decoded text into a document (structure, roles and ids; no metadata, no quantities),
/// plus the [`Evidence`] the metadata is assembled from.
pub fn build(id: &str, text: &str) -> (PlanDocument, Evidence) {
    build_known(id, text, &[], &mut |_| {})
}

/// [`build`] with tables whose rows and cells are known ([`crate::source`]), in text order,
/// marking its phases (lines, structure, tables, ids) as [`crate::parse_phased`].
pub fn build_known(
    id: &str,
    text: &str,
    known: &[KnownTable],
    mark: &mut dyn FnMut(Option<crate::Phase>),
) -> (PlanDocument, Evidence) {
    mark(Some(crate::Phase::Lines));
    let src = Source::new(text);
    let mut b = Builder {
        src: &src,
        mark,
        known,
        generic_tables: 0,
        doc: PlanDocument {
            schema_version: SCHEMA_VERSION,
            id: id.to_string(),
            ..Default::default()
        },
        flat: Vec::new(),
        stack: Vec::new(),
        last_child: [0; RANKS],
        last_global: [0; RANKS],
        part: 1,
        open_box: None,
        phase: Phase::Body,
        placed: Vec::new(),
        attachment_parts: Vec::new(),
        parts: Vec::new(),
        evidence: Evidence::default(),
    };
    b.doc.source.chars = src.len();
    let items = b.segments();
    (b.mark)(Some(crate::Phase::Structure));
    b.assemble(&items);
    (b.mark)(Some(crate::Phase::Ids));
    b.finish()
}

impl Builder<'_> {
    fn diag(&mut self, rule: Rule, message: String, src: Option<SrcRange>) {
        self.doc.diagnostics.push(rule.diagnostic(message, src));
    }

    fn push_block(&mut self, block: Block) {
        match self.phase {
            Phase::Back => self.doc.back.push(block),
            Phase::Appendix => {
                if let Some(a) = self.doc.appendix.last_mut() {
                    a.blocks.push(block);
                }
            }
            Phase::Body => match self.stack.last() {
                Some(&i) => self.flat[i].blocks.push(block),
                None => self.doc.front.push(block),
            },
        }
    }

    /// Where a block pushed now goes.
    fn placement(&self) -> Placement {
        match (self.phase, self.stack.last()) {
            (Phase::Appendix, _) => {
                Placement::Attachment(self.doc.appendix.len().saturating_sub(1))
            }
            (Phase::Back, _) => Placement::Back,
            (Phase::Body, Some(&i)) => Placement::Section(i),
            (Phase::Body, None) => Placement::Front,
        }
    }

    /// Front matter up to the first body heading, then the body item by item.
    fn assemble(&mut self, items: &[Item]) {
        let toc = front::find_toc(items);
        let after_toc = toc.map(|t| t.1).unwrap_or(0);
        let body_start = outline::body_start(items, after_toc);
        if let Some((a, b)) = toc {
            self.diag(
                Rule::TocSkipped,
                format!("{} lines of a 目录 copy are not headings", b - a),
                None,
            );
        }
        self.front(&items[..body_start], toc);
        if body_start == items.len() {
            self.diag(
                Rule::NoHeadings,
                "no numbered body heading (一、 (一) 1. 第一章 第一条) was found".into(),
                None,
            );
        }
        let mut i = body_start;
        while i < items.len() {
            i += self.body_item(items, i);
        }
    }

    /// The known table whose region holds source position `pos`.
    fn known_at(&self, pos: u32) -> Option<usize> {
        known_index(self.known, pos)
    }

    /// Handle `items[i]` in the body; returns how many items were consumed.
    fn body_item(&mut self, items: &[Item], i: usize) -> usize {
        if let Some(k) = self.known_at(items[i].seg.start()) {
            return self.known_table(items, i, k, None);
        }
        if let Some(n) = self.part_title(items, i) {
            return n;
        }
        if let Some(n) = self.back_matter(items, i) {
            return n;
        }
        if let Some(n) = self.box_item(items, i) {
            return n;
        }
        (self.mark)(Some(crate::Phase::Tables));
        let table = self.table(items, i);
        (self.mark)(Some(crate::Phase::Structure));
        if let Some(n) = table {
            return n;
        }
        if let Some(n) = self.heading(items, i) {
            return n;
        }
        let it = &items[i];
        let c = it.chars();
        if self.phase == Phase::Appendix && c.len() <= 40 && !has_sentence_end(c) {
            self.push_block(Block::Paragraph(para(
                &it.seg,
                Some(ParagraphRole::Caption),
            )));
        } else {
            self.emit_text(it.seg.clone(), None);
        }
        1
    }
}
