//! Flattened tables in the body: where they start.
//!
//! A table starts at a line that begins a run of at least three header cells
//! ([`table::is_header_cell`]) whose header [`table::kind_of_header`] recognises (indicator
//! table: 指标 / years / 属性; responsibility table: 序号 / 项目名称 / 目标任务 / 责任部门),
//! optionally after a caption of one or two short lines without label or sentence end that
//! name a table ([`table::is_caption`]). [`crate::table`] reads the rows; a table with no row is
//! not a table.

use planscope_model::Block;

use super::{has_sentence_end, Builder, Item, Placed};
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
                // the caption lines, joined, must name a table; each must be short
                let mut joined = items[i].seg.clone();
                for x in &items[i + 1..h] {
                    for &(a, b) in &x.seg.parts {
                        joined.push(self.src, a, b);
                    }
                }
                if !table::is_caption(&joined)
                    || items[i..h]
                        .iter()
                        .any(|x| x.label.is_some() || has_sentence_end(x.chars()))
                {
                    continue;
                }
            }
            // cheap check first: most lines are not the start of a table header
            let hlen = items[h..]
                .iter()
                .take_while(|x| table::is_header_cell(&x.seg))
                .count();
            if hlen < 3 {
                continue;
            }
            let segs: Vec<Seg> = items[h..].iter().take(400).map(|x| x.seg.clone()).collect();
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
}
