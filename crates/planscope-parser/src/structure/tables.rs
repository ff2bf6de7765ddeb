//! Flattened tables in the body: where they start.
//!
//! A table starts at a line that begins a run of at least three header cells
//! ([`table::is_header_cell`]) whose header [`table::kind_of_header`] recognises (indicator
//! table: 指标 / years / 属性; responsibility table: 序号 / 项目名称 / 目标任务 / 责任部门),
//! optionally after a caption of one or two short lines without label or sentence end that
//! name a table ([`table::is_caption`]). [`crate::table`] reads the rows; a table with no row is
//! not a table.
//!
//! A table whose rows and cells are known (from HTML or Word, [`crate::source`]) is read from
//! them by [`Builder::known_table`] (grammar in [`crate::source`]), after the same optional
//! caption lines.

use planscope_model::{Block, GenericTable};

use super::{has_sentence_end, para, Builder, Item, Placed};
use crate::table::{self, TableKind};
use crate::text::Seg;

impl Builder<'_> {
    /// A table (with its caption) starting at `items[i]`; returns the items it used.
    pub(super) fn table(&mut self, items: &[Item], i: usize) -> Option<usize> {
        // tables (optionally after a one- or two-line caption)
        for cap in 0..=2usize {
            let h = i + cap;
            if h >= items.len() {
                break;
            }
            if cap > 0 {
                // the caption lines, joined, must name a table; each must be short (the cheap
                // tests first: most lines fail them, and are then not joined)
                if items[i..h]
                    .iter()
                    .any(|x| x.label.is_some() || has_sentence_end(x.chars()))
                {
                    continue;
                }
                let caption = if cap == 1 {
                    table::is_caption(&items[i].seg)
                } else if items[i..h].iter().map(|x| x.seg.len()).sum::<usize>()
                    > table::CAPTION_MAX_CHARS
                {
                    false
                } else {
                    let mut joined = items[i].seg.clone();
                    for x in &items[i + 1..h] {
                        for &(a, b) in &x.seg.parts {
                            joined.push(self.src, a, b);
                        }
                    }
                    table::is_caption(&joined)
                };
                if !caption {
                    continue;
                }
            }
            if cap > 0 {
                if let Some(k) = self.known_at(items[h].seg.start()) {
                    let mut s = items[i].seg.clone();
                    for x in &items[i + 1..h] {
                        for &(a, b) in &x.seg.parts {
                            s.push(self.src, a, b);
                        }
                    }
                    return Some(cap + self.known_table(items, h, k, Some(s)));
                }
            }
            // a guessed table never reaches into a known one
            let free = if self.known.is_empty() {
                &items[h..]
            } else {
                let n = items[h..]
                    .iter()
                    .position(|x| self.known_at(x.seg.start()).is_some())
                    .unwrap_or(items.len() - h);
                &items[h..h + n]
            };
            // cheap check first: most lines are not the start of a table header
            let hlen = free
                .iter()
                .take_while(|x| table::is_header_cell(&x.seg))
                .count();
            if hlen < 3 {
                continue;
            }
            let segs: Vec<Seg> = free.iter().take(400).map(|x| x.seg.clone()).collect();
            let Some(kind) = table::kind_of_header(&segs[..hlen]) else {
                continue;
            };
            let caption = (cap > 0).then(|| {
                let mut s = items[i].seg.clone();
                for x in &items[i + 1..h] {
                    for &(a, b) in &x.seg.parts {
                        s.push(self.src, a, b);
                    }
                }
                table::cell(&s)
            });
            let placement = self.placement();
            let used = match kind {
                TableKind::Indicators => {
                    let id = format!("T{}", self.doc.indicator_tables.len() + 1);
                    let (t, used) = table::indicator_table(&segs, hlen, &id, "", caption);
                    if t.rows.is_empty() {
                        continue;
                    }
                    let index = self.doc.indicator_tables.len() as u32;
                    self.doc.indicator_tables.push(t);
                    self.placed
                        .push((Placed::IndicatorTable(index as usize), placement));
                    self.push_block(Block::IndicatorTable { index });
                    used
                }
                TableKind::Tasks => {
                    let id = format!("R{}", self.doc.task_tables.len() + 1);
                    let (t, used) = table::task_table(&segs, hlen, &id, "", caption);
                    if t.rows.is_empty() {
                        continue;
                    }
                    let index = self.doc.task_tables.len() as u32;
                    self.doc.task_tables.push(t);
                    self.placed
                        .push((Placed::TaskTable(index as usize), placement));
                    self.push_block(Block::TaskTable { index });
                    used
                }
            };
            return Some(cap + used);
        }
        None
    }

    /// The known table `k` ([`crate::source`]) from `items[i]` on (a table the front matter
    /// began is read from the first cell it left), with the caption lines before it; returns
    /// the items it used.
    pub(super) fn known_table(
        &mut self,
        items: &[Item],
        i: usize,
        k: usize,
        caption: Option<Seg>,
    ) -> usize {
        let known = self.known;
        let t = &known[k];
        let from = items[i].seg.start();
        let used = items[i..]
            .iter()
            .take_while(|x| x.seg.start() < t.end)
            .count();
        let line = items[i].seg.line;
        let rows: Vec<Vec<Seg>> = t
            .rows
            .iter()
            .map(|r| {
                // What lies before `from` was read already (caption lines before the table); a
                // cell that begins there keeps its rest (a cell `表1\n指标` whose first line was
                // the caption keeps `指标`), so no character is lost.
                r.iter()
                    .filter(|c| c.0 >= from || c.1 > from)
                    .map(|&(a, b)| Seg::from_range(self.src, a.max(from), b, line, 0).into_trim())
                    .collect::<Vec<Seg>>()
            })
            .filter(|r| r.iter().any(|c| !c.is_empty()))
            .collect();
        let filled = |r: &[Seg]| r.iter().filter(|c| !c.is_empty()).count();
        // the header: the first row of at least three header cells that a table kind names,
        // after caption rows only
        let header_at = (0..rows.len().min(4)).find(|&h| {
            let cells: Vec<Seg> = rows[h].iter().filter(|c| !c.is_empty()).cloned().collect();
            cells.len() >= 3
                && cells.iter().all(table::is_header_cell)
                && table::kind_of_header(&cells).is_some()
        });
        // typed when only caption rows come before the header and a row follows it
        let typed = header_at.filter(|&h| {
            rows[..h].iter().all(|r| filled(r) <= 1) && rows[h + 1..].iter().any(|r| filled(r) >= 2)
        });
        // the caption: caption lines before the table, then caption rows
        let mut cap = caption;
        for r in &rows[..typed.unwrap_or(0)] {
            for c in r.iter().filter(|c| !c.is_empty()) {
                match &mut cap {
                    Some(s) => {
                        for &(a, b) in &c.parts {
                            s.push(self.src, a, b);
                        }
                    }
                    None => cap = Some(c.clone()),
                }
            }
        }
        let caption = cap.as_ref().map(table::cell);
        let placement = self.placement();
        let Some(h) = typed else {
            self.generic_tables += 1;
            self.push_block(Block::Table(GenericTable {
                id: format!("X{}", self.generic_tables),
                caption,
                rows: rows
                    .iter()
                    .map(|r| r.iter().map(table::cell).collect())
                    .collect(),
            }));
            return used;
        };
        let header = &rows[h];
        let cells: Vec<Seg> = header.iter().filter(|c| !c.is_empty()).cloned().collect();
        let (body, notes): (Vec<&Vec<Seg>>, Vec<&Vec<Seg>>) =
            rows[h + 1..].iter().partition(|r| filled(r) >= 2);
        let body: Vec<Vec<Seg>> = body.into_iter().cloned().collect();
        match table::kind_of_header(&cells) {
            Some(TableKind::Tasks) => {
                let id = format!("R{}", self.doc.task_tables.len() + 1);
                let t = table::task_table_known(header, &body, &id, caption);
                let index = self.doc.task_tables.len() as u32;
                self.doc.task_tables.push(t);
                self.placed
                    .push((Placed::TaskTable(index as usize), placement));
                self.push_block(Block::TaskTable { index });
            }
            _ => {
                let id = format!("T{}", self.doc.indicator_tables.len() + 1);
                let t = table::indicator_table_known(header, &body, &id, caption);
                let index = self.doc.indicator_tables.len() as u32;
                self.doc.indicator_tables.push(t);
                self.placed
                    .push((Placed::IndicatorTable(index as usize), placement));
                self.push_block(Block::IndicatorTable { index });
            }
        }
        // notes and category lines (at most one cell) follow the table as paragraphs
        for r in notes {
            for c in r.iter().filter(|c| !c.is_empty()) {
                self.push_block(Block::Paragraph(para(c, None)));
            }
        }
        used
    }
}
