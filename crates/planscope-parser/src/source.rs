//! Plan sources whose block structure is known: paragraphs, and tables whose rows and cells
//! are known (an HTML `<table>`, a Word `w:tbl`), for [`crate::parse_source`].
//!
//! A plain text knows only its lines, so [`crate::table`] guesses tables from runs of short
//! lines. A source read from HTML or .docx knows its tables; [`PlanSource::flatten`] lays it out
//! as text the way a scrape would (one line per paragraph line, one line per table cell) and
//! records where each table's cells are in that text, as a [`KnownTable`]. The structure pass
//! then reads a known table from its rows and cells instead of guessing:
//!
//! * **Grammar of a known table.** Up to three leading *caption rows* (at most one non-empty
//!   cell each, e.g. `表1 主要指标` spanning the table), then a *header row*: at least three
//!   non-empty cells, each a header cell ([`crate::table::is_header_cell`]), that
//!   [`crate::table::kind_of_header`] types. An indicator header makes an indicator table
//!   (one [`planscope_model::Indicator`] per row with two or more non-empty cells; a short row —
//!   a merged category cell — is right-aligned against the header, as in the flattened reader); a
//!   responsibility header makes a task table (first cell 序号, second 项目名称, last 责任部门,
//!   between them 目标任务). A row with at most one non-empty cell after the header (a note
//!   `注：…`, a category line) is kept as a paragraph after the table.
//! * **Any other table** — no typed header, or rows before the header that are not caption
//!   rows — becomes a [`planscope_model::GenericTable`] (`X1`, `X2`, … in document order) with
//!   every cell as printed.
//! * Lines inside a known table are never chrome, page numbers or headings.
//! * A known table in the front matter (before the first body heading) is read as paragraphs,
//!   one per cell, like the flattened text.
//!
//! Nothing is lost: every cell is a model piece over its range of the flattened text, so
//! [`crate::coverage`] accounts for tables as for any text. [`crate::parse`] runs the same
//! passes with no known table, so a text parses exactly as before.
//!
//! Positions (`start`, `end`, cell ranges) are in Unicode scalar values of
//! [`Flattened::text`], like every [`planscope_model::SrcRange`].

/// One block of a plan source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SourceBlock {
    /// A paragraph as printed; a `\n` inside is a line break (kept as a line of the text).
    Paragraph(String),
    /// A table: rows of cells as printed (a cell may hold several lines). Merged cells appear
    /// once (an HTML `rowspan`/`colspan` or a Word vertical merge is not repeated).
    Table(Vec<Vec<String>>),
}

/// A plan as blocks: what an HTML page or a Word document gives ([`crate::parse_source`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PlanSource {
    pub blocks: Vec<SourceBlock>,
}

/// A table of [`Flattened::text`] whose rows and cells are known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KnownTable {
    /// Start of the first cell (characters).
    pub start: u32,
    /// End of the last cell (characters, exclusive).
    pub end: u32,
    /// Per row, per cell: `[start, end)` of the cell's text (empty cells have `start == end`).
    pub rows: Vec<Vec<(u32, u32)>>,
}

/// A [`PlanSource`] laid out as text, with its known tables.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Flattened {
    pub text: String,
    /// In text order, not overlapping.
    pub tables: Vec<KnownTable>,
}

impl PlanSource {
    /// A text as a source: one paragraph (its lines stay lines).
    pub fn from_text(text: &str) -> PlanSource {
        PlanSource {
            blocks: vec![SourceBlock::Paragraph(text.to_string())],
        }
    }

    /// Lay the blocks out as text: blocks separated by a blank line, each table cell on a line
    /// of its own (a cell's own line breaks kept). A table with no non-empty cell is left out
    /// (it has no text).
    pub fn flatten(&self) -> Flattened {
        let mut out = Flattened::default();
        let mut len = 0u32;
        let push = |out: &mut Flattened, len: &mut u32, s: &str| {
            out.text.push_str(s);
            *len += s.chars().count() as u32;
        };
        for b in &self.blocks {
            match b {
                SourceBlock::Paragraph(p) => {
                    if p.trim().is_empty() {
                        continue;
                    }
                    if !out.text.is_empty() {
                        push(&mut out, &mut len, "\n\n");
                    }
                    push(&mut out, &mut len, p);
                }
                SourceBlock::Table(rows) => {
                    if rows.iter().flatten().all(|c| c.trim().is_empty()) {
                        continue;
                    }
                    if !out.text.is_empty() {
                        push(&mut out, &mut len, "\n\n");
                    }
                    let mut table = KnownTable {
                        start: len,
                        end: len,
                        rows: Vec::new(),
                    };
                    let mut first = true;
                    for row in rows {
                        let mut cells = Vec::new();
                        for c in row {
                            if !first {
                                push(&mut out, &mut len, "\n");
                            }
                            first = false;
                            let t = c.trim();
                            let a = len;
                            push(&mut out, &mut len, t);
                            cells.push((a, len));
                        }
                        table.rows.push(cells);
                    }
                    table.end = len;
                    out.tables.push(table);
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flatten_lays_cells_on_lines() {
        let s = PlanSource {
            blocks: vec![
                SourceBlock::Paragraph("一、总则".into()),
                SourceBlock::Table(vec![
                    vec!["指标".into(), " 2020年".into()],
                    vec!["毛入园率".into(), String::new()],
                ]),
                SourceBlock::Table(vec![vec![" ".into()]]),
                SourceBlock::Paragraph("二、任务".into()),
            ],
        };
        let f = s.flatten();
        assert_eq!(f.text, "一、总则\n\n指标\n2020年\n毛入园率\n\n\n二、任务");
        assert_eq!(f.tables.len(), 1);
        let t = &f.tables[0];
        assert_eq!((t.start, t.end), (6, 20));
        assert_eq!(
            t.rows,
            vec![vec![(6, 8), (9, 14)], vec![(15, 19), (20, 20)]]
        );
        let chars: Vec<char> = f.text.chars().collect();
        let cell = |(a, b): (u32, u32)| chars[a as usize..b as usize].iter().collect::<String>();
        assert_eq!(cell(t.rows[0][1]), "2020年");
        assert_eq!(cell(t.rows[1][0]), "毛入园率");
    }

    #[test]
    fn text_source_is_the_text() {
        let f = PlanSource::from_text("a\nb").flatten();
        assert_eq!(f.text, "a\nb");
        assert!(f.tables.is_empty());
    }
}
