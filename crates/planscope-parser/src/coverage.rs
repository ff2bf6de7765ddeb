//! "Nothing lost": every non-whitespace source character is in exactly one place — a piece of
//! the model (front/back/appendix paragraph, heading label+title+tail, 重点工程 label+title or
//! item, table caption/header/cell) or a removed fragment (chrome line, page artefact). Copies
//! are not pieces: `metadata.title`, and the title of the first document part of a notice
//! carrying several documents (a `part` section with no `src`), which repeats the front
//! matter's title block.
//!
//! [`each_piece`] visits every piece as `(text, source ranges)`; for each, the text is exactly
//! the concatenation of its ranges. [`account`] marks every range and counts.

use planscope_model::{Block, Cell, Coverage, PlanDocument, Section, SectionKind, SrcRange};

use crate::text::is_space;

/// A piece of the model: its text as stored, borrowed from the model in up to three parts (a
/// heading's label, title and tail; a box's label and title; one part, the rest empty, for
/// anything else), and where it came from.
pub struct Piece<'a> {
    pub what: &'static str,
    pub parts: [&'a str; 3],
    pub src: &'a [SrcRange],
}

impl Piece<'_> {
    /// The piece's text: its parts joined.
    pub fn text(&self) -> String {
        self.parts.concat()
    }
}

fn one<'a>(what: &'static str, text: &'a str, src: &'a [SrcRange]) -> Piece<'a> {
    Piece {
        what,
        parts: [text, "", ""],
        src,
    }
}

/// Caption, header and the cells of every row of a typed table.
fn table<'a>(
    caption: &'a Option<Cell>,
    header: &'a [Cell],
    rows: impl Iterator<Item = &'a Vec<Cell>>,
    f: &mut dyn FnMut(Piece<'a>),
) {
    if let Some(c) = caption {
        f(one("caption", &c.text, &c.src));
    }
    for c in header {
        f(one("header", &c.text, &c.src));
    }
    for row in rows {
        for c in row {
            f(one("cell", &c.text, &c.src));
        }
    }
}

fn blocks<'a>(doc: &'a PlanDocument, bs: &'a [Block], f: &mut dyn FnMut(Piece<'a>)) {
    for b in bs {
        match b {
            Block::Paragraph(p) => f(one("paragraph", &p.text, &p.src)),
            Block::IndicatorTable { index } => {
                if let Some(t) = doc.indicator_tables.get(*index as usize) {
                    table(&t.caption, &t.header, t.rows.iter().map(|r| &r.cells), f);
                }
            }
            Block::TaskTable { index } => {
                if let Some(t) = doc.task_tables.get(*index as usize) {
                    table(&t.caption, &t.header, t.rows.iter().map(|r| &r.cells), f);
                }
            }
            Block::KeyProject { index } => {
                if let Some(k) = doc.key_projects.get(*index as usize) {
                    f(Piece {
                        what: "key-project",
                        parts: [&k.label, &k.title, ""],
                        src: &k.src,
                    });
                    for it in &k.items {
                        f(one("box-item", &it.text, &it.src));
                    }
                }
            }
            Block::Table(t) => table(&t.caption, &[], t.rows.iter(), f),
        }
    }
}

fn sections<'a>(doc: &'a PlanDocument, ss: &'a [Section], f: &mut dyn FnMut(Piece<'a>)) {
    for s in ss {
        // the first document part of a notice carrying several documents has no source of its
        // own: its title repeats the front matter's title block (like `metadata.title`)
        let copied = s.kind == SectionKind::Part && s.src.is_empty();
        if !copied {
            f(Piece {
                what: "heading",
                parts: [&s.label, &s.title, &s.title_tail],
                src: &s.src,
            });
        }
        blocks(doc, &s.blocks, f);
        sections(doc, &s.children, f);
    }
}

/// Call `f` with every piece of the model (not the removed fragments), in document order:
/// front matter, sections depth-first, attachments, back matter. Nothing is copied.
pub fn each_piece<'a>(doc: &'a PlanDocument, mut f: impl FnMut(Piece<'a>)) {
    blocks(doc, &doc.front, &mut f);
    sections(doc, &doc.sections, &mut f);
    for a in &doc.appendix {
        blocks(doc, &a.blocks, &mut f);
    }
    blocks(doc, &doc.back, &mut f);
}

/// Every piece of the model, collected ([`each_piece`]).
pub fn pieces(doc: &PlanDocument) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    each_piece(doc, |p| out.push(p));
    out
}

/// Whether `parts` joined equal `ranges` joined, compared as bytes (equal UTF-8 is equal
/// characters) without building either.
fn same_text<'t>(parts: &[&str], mut ranges: impl Iterator<Item = &'t str>) -> bool {
    let mut parts = parts.iter().map(|p| p.as_bytes());
    let (mut a, mut b): (&[u8], &[u8]) = (&[], &[]);
    loop {
        while a.is_empty() {
            match parts.next() {
                Some(p) => a = p,
                None => break,
            }
        }
        while b.is_empty() {
            match ranges.next() {
                Some(r) => b = r.as_bytes(),
                None => break,
            }
        }
        match (a.is_empty(), b.is_empty()) {
            (true, true) => return true,
            (true, false) | (false, true) => return false,
            (false, false) => {}
        }
        let n = a.len().min(b.len());
        if a[..n] != b[..n] {
            return false;
        }
        a = &a[n..];
        b = &b[n..];
    }
}

/// Byte offsets of the characters of a text, to slice it by character positions (the unit of
/// every [`SrcRange`]): the byte offset of every [`CharOffsets::STEP`]th character is stored (a
/// `u32` per 8 characters instead of one per character, which for a 10 MB text was 13 MB of
/// fresh memory), and the rest are found by stepping over at most 7 characters from it.
struct CharOffsets<'s> {
    text: &'s str,
    /// Byte offset of characters 0, 8, 16, … up to and including the text's length.
    checkpoints: Vec<u32>,
    /// Number of characters.
    len: usize,
}

impl<'s> CharOffsets<'s> {
    const STEP: usize = 8;

    /// The offsets of `text`, and per character whether it is whitespace ([`is_space`]).
    fn new(text: &'s str) -> (CharOffsets<'s>, Vec<bool>) {
        let mut checkpoints = Vec::with_capacity(text.len() / (2 * Self::STEP) + 2);
        let mut space = Vec::with_capacity(text.len() / 2 + 1);
        for (b, c) in text.char_indices() {
            if space.len() % Self::STEP == 0 {
                checkpoints.push(b as u32);
            }
            space.push(is_space(c));
        }
        let len = space.len();
        if len % Self::STEP == 0 {
            checkpoints.push(text.len() as u32);
        }
        (
            CharOffsets {
                text,
                checkpoints,
                len,
            },
            space,
        )
    }

    /// Byte offset of character `k` (`k` is clamped to the text's length).
    fn byte(&self, k: usize) -> usize {
        let k = k.min(self.len);
        let bytes = self.text.as_bytes();
        let mut b = self.checkpoints[k / Self::STEP] as usize;
        for _ in 0..k % Self::STEP {
            // the length of a UTF-8 sequence, from its first byte
            b += match bytes[b] {
                0x00..=0x7f => 1,
                0x80..=0xdf => 2,
                0xe0..=0xef => 3,
                _ => 4,
            };
        }
        b
    }

    /// The text of characters `[r[0], r[1])`, clamped to the text.
    fn slice(&self, r: &SrcRange) -> &'s str {
        let a = self.byte(r[0] as usize);
        let b = self.byte(r[1] as usize).max(a);
        &self.text[a..b]
    }
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

/// Count one more use of every non-whitespace character of `r` in `marks` (`space`: per
/// character, whether it is whitespace; a range past the text is cut at its end); returns how
/// many characters were marked.
fn mark(r: &SrcRange, space: &[bool], marks: &mut [u8]) -> u32 {
    let mut n = 0;
    for k in r[0] as usize..(r[1] as usize).min(space.len()) {
        if !space[k] {
            marks[k] = marks[k].saturating_add(1);
            n += 1;
        }
    }
    n
}

/// Mark every range of the model and of the removed list over `source`.
pub fn account(doc: &PlanDocument, source: &str) -> Accounting {
    let (offsets, space) = CharOffsets::new(source);
    let mut marks = vec![0u8; space.len()];
    let mut acc = Accounting::default();
    let slice = |r: &SrcRange| -> String { offsets.slice(r).to_string() };
    let mut model = 0u32;
    each_piece(doc, |p| {
        // the source text is only built for a report
        if !same_text(&p.parts, p.src.iter().map(|r| offsets.slice(r))) {
            let from_src: String = p.src.iter().map(slice).collect();
            acc.mismatched
                .push((p.what.to_string(), p.text(), from_src));
        }
        for r in p.src {
            model += mark(r, &space, &mut marks);
        }
    });
    let mut removed = 0u32;
    for r in &doc.removed {
        if r.text != offsets.slice(&r.src) {
            acc.mismatched
                .push(("removed".into(), r.text.clone(), slice(&r.src)));
        }
        removed += mark(&r.src, &space, &mut marks);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_are_the_byte_offsets_of_every_char() {
        for text in [
            "",
            "a",
            "十四五规划",
            "ab 教育\n𠀀x　2025年，达到95%以上。",
            "12345678",
            "一二三四五六七八九",
        ] {
            let (o, space) = CharOffsets::new(text);
            let mut expected: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
            expected.push(text.len());
            assert_eq!(o.len, expected.len() - 1, "{text}");
            assert_eq!(space.len(), o.len);
            for (k, &b) in expected.iter().enumerate() {
                assert_eq!(o.byte(k), b, "{text:?} char {k}");
            }
            assert_eq!(o.byte(o.len + 5), text.len(), "clamped");
            let chars: Vec<char> = text.chars().collect();
            for a in 0..=chars.len() {
                for b in a..=chars.len() {
                    let want: String = chars[a..b].iter().collect();
                    assert_eq!(o.slice(&[a as u32, b as u32]), want);
                }
            }
        }
    }

    #[test]
    fn same_text_compares_parts_with_ranges_whatever_the_cuts() {
        let t = |parts: &[&str], ranges: &[&str]| same_text(parts, ranges.iter().copied());
        assert!(t(&["一、", "总体要求", ""], &["一、总体", "要求"]));
        assert!(t(&["一、总体要求", "", ""], &["一", "、", "总体要求"]));
        assert!(t(&["", "", ""], &[]));
        assert!(t(&["", "", ""], &["", ""]));
        assert!(!t(&["一、", "总体", ""], &["一、总体要求"]));
        assert!(!t(&["一、总体要求", "", ""], &["一、总体"]));
        assert!(!t(&["一、", "总体要求", ""], &["一、", "总体要术"]));
        assert!(!t(&["a", "", ""], &[]));
        assert!(!t(&["", "", ""], &["a"]));
    }
}
