//! "Nothing lost": every non-whitespace source character is in exactly one place — a piece of
//! the model (front/back/appendix paragraph, heading label+title+tail, 重点工程 label+title or
//! item, table caption/header/cell) or a removed fragment (chrome line, page artefact). Copies
//! are not pieces: `metadata.title`, and the title of the first document part of a notice
//! carrying several documents (a `part` section with no `src`), which repeats the front
//! matter's title block.
//!
//! [`pieces`] lists every piece as `(text, source ranges)`; for each, the text is exactly the
//! concatenation of its ranges. [`account`] marks every range and counts.

use std::borrow::Cow;

use planscope_model::{Block, Cell, Coverage, PlanDocument, Section, SectionKind, SrcRange};

use crate::text::is_space;

/// A piece of the model: its text as stored (borrowed from the model; built only for a heading
/// or a box title, whose text is its parts joined) and where it came from.
pub struct Piece<'a> {
    pub what: &'static str,
    pub text: Cow<'a, str>,
    pub src: &'a [SrcRange],
}

fn cell<'a>(what: &'static str, c: &'a Cell, out: &mut Vec<Piece<'a>>) {
    out.push(Piece {
        what,
        text: Cow::Borrowed(&c.text),
        src: &c.src,
    });
}

/// Caption, header and the cells of every row of a typed table.
fn table<'a>(
    caption: &'a Option<Cell>,
    header: &'a [Cell],
    rows: impl Iterator<Item = &'a Vec<Cell>>,
    out: &mut Vec<Piece<'a>>,
) {
    if let Some(c) = caption {
        cell("caption", c, out);
    }
    for c in header {
        cell("header", c, out);
    }
    for row in rows {
        for c in row {
            cell("cell", c, out);
        }
    }
}

fn blocks<'a>(doc: &'a PlanDocument, bs: &'a [Block], out: &mut Vec<Piece<'a>>) {
    for b in bs {
        match b {
            Block::Paragraph(p) => out.push(Piece {
                what: "paragraph",
                text: Cow::Borrowed(&p.text),
                src: &p.src,
            }),
            Block::IndicatorTable { index } => {
                if let Some(t) = doc.indicator_tables.get(*index as usize) {
                    table(&t.caption, &t.header, t.rows.iter().map(|r| &r.cells), out);
                }
            }
            Block::TaskTable { index } => {
                if let Some(t) = doc.task_tables.get(*index as usize) {
                    table(&t.caption, &t.header, t.rows.iter().map(|r| &r.cells), out);
                }
            }
            Block::KeyProject { index } => {
                if let Some(k) = doc.key_projects.get(*index as usize) {
                    out.push(Piece {
                        what: "key-project",
                        text: Cow::Owned(format!("{}{}", k.label, k.title)),
                        src: &k.src,
                    });
                    for it in &k.items {
                        out.push(Piece {
                            what: "box-item",
                            text: Cow::Borrowed(&it.text),
                            src: &it.src,
                        });
                    }
                }
            }
            Block::Table(t) => table(&t.caption, &[], t.rows.iter(), out),
        }
    }
}

fn sections<'a>(doc: &'a PlanDocument, ss: &'a [Section], out: &mut Vec<Piece<'a>>) {
    for s in ss {
        // the first document part of a notice carrying several documents has no source of its
        // own: its title repeats the front matter's title block (like `metadata.title`)
        let copied = s.kind == SectionKind::Part && s.src.is_empty();
        if !copied {
            out.push(Piece {
                what: "heading",
                text: Cow::Owned(format!("{}{}{}", s.label, s.title, s.title_tail)),
                src: &s.src,
            });
        }
        blocks(doc, &s.blocks, out);
        sections(doc, &s.children, out);
    }
}

/// Every piece of the model (not the removed fragments).
pub fn pieces(doc: &PlanDocument) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    blocks(doc, &doc.front, &mut out);
    sections(doc, &doc.sections, &mut out);
    for a in &doc.appendix {
        blocks(doc, &a.blocks, &mut out);
    }
    blocks(doc, &doc.back, &mut out);
    out
}

/// Problems found while accounting (empty when the invariant holds).
#[derive(Debug, Default)]
pub struct Accounting {
    pub coverage: Coverage,
    /// Pieces whose text differs from their source ranges: (what, text, source text).
    pub mismatched: Vec<(String, String, String)>,
    /// Non-whitespace source positions covered twice or never.
    pub doubled: Vec<u32>,
    pub missing: Vec<u32>,
}

/// Mark every range of the model and of the removed list over `source`.
pub fn account(doc: &PlanDocument, source: &str) -> Accounting {
    // one pass: the byte offset of each char and whether it is whitespace (a byte a char, not
    // the four of a `Vec<char>`)
    let mut offsets: Vec<u32> = Vec::with_capacity(source.len() / 2 + 1);
    let mut space: Vec<bool> = Vec::with_capacity(source.len() / 2 + 1);
    for (b, c) in source.char_indices() {
        offsets.push(b as u32);
        space.push(is_space(c));
    }
    let n = space.len();
    offsets.push(source.len() as u32);
    let mut marks = vec![0u8; n];
    let mut acc = Accounting::default();
    let text_of = |r: &SrcRange| -> &str {
        let a = (r[0] as usize).min(n);
        let b = (r[1] as usize).min(n).max(a);
        &source[offsets[a] as usize..offsets[b] as usize]
    };
    let slice = |r: &SrcRange| -> String { text_of(r).to_string() };
    let mut model = 0u32;
    for p in pieces(doc) {
        // compared range by range as bytes (equal UTF-8 is equal chars); the source text is
        // only built for a report
        let mut rest = p.text.as_bytes();
        let same = p.src.iter().all(|r| {
            let t = text_of(r).as_bytes();
            match rest.strip_prefix(t) {
                Some(after) => {
                    rest = after;
                    true
                }
                None => false,
            }
        }) && rest.is_empty();
        if !same {
            let from_src: String = p.src.iter().map(slice).collect();
            acc.mismatched
                .push((p.what.to_string(), p.text.into_owned(), from_src));
        }
        for r in p.src {
            for k in r[0]..r[1].min(n as u32) {
                if !space[k as usize] {
                    marks[k as usize] = marks[k as usize].saturating_add(1);
                    model += 1;
                }
            }
        }
    }
    let mut removed = 0u32;
    for r in &doc.removed {
        if r.text != text_of(&r.src) {
            acc.mismatched
                .push(("removed".into(), r.text.clone(), slice(&r.src)));
        }
        for k in r.src[0]..r.src[1].min(n as u32) {
            if !space[k as usize] {
                marks[k as usize] = marks[k as usize].saturating_add(1);
                removed += 1;
            }
        }
    }
    let mut non_ws = 0u32;
    for (k, &sp) in space.iter().enumerate() {
        if sp {
            continue;
        }
        non_ws += 1;
        match marks[k] {
            0 => acc.missing.push(k as u32),
            1 => {}
            _ => acc.doubled.push(k as u32),
        }
    }
    acc.coverage = Coverage {
        non_whitespace: non_ws,
        model,
        removed,
    };
    acc
}
