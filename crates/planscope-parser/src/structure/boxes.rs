//! 重点工程 boxes: a plan's boxed list of key projects inside a section.
//!
//! Grammar: a line starting with 重点工程 / 重大工程 / 重点项目 / 重大项目 / 专栏 followed by a
//! number (Arabic or Chinese: `重点工程一`, `专栏3`), an optional `:` or `、`, and the box's
//! title, opens a box (`K1`, `K2`, …). The box takes the numbered lines that follow it while
//! their labels have the rank of the first one and count 1, 2, 3 … and each is a sentence
//! (has a sentence end, or is longer than a standalone heading). Anything else closes the box.
//! A `:` between the box's label and title belongs to the label (`专栏1:` …).

use planscope_model::{Block, KeyProject, ParagraphRole};

use super::{has_sentence_end, para, Builder, Item, Phase, Placed};
use crate::heading::MAX_STANDALONE;
use crate::label::rank_of;
use crate::text::{is_space, starts_with_at};

/// An open box: the key-project index, the next item number expected, the items' rank.
pub(super) struct OpenBox {
    index: usize,
    next: u32,
    rank: usize,
}

/// The length of a box label (`重点工程一`) at the start of `c`.
fn box_header(c: &[char]) -> Option<usize> {
    for p in ["重点工程", "重大工程", "重点项目", "重大项目", "专栏"] {
        if starts_with_at(c, 0, p) {
            let n = p.chars().count();
            let k = c[n..]
                .iter()
                .take_while(|&&x| x.is_ascii_digit() || "一二三四五六七八九十".contains(x))
                .count();
            if k > 0 {
                return Some(n + k);
            }
        }
    }
    None
}

impl Builder<'_> {
    /// `items[i]` as the next item of the open box, or as the header of a new box.
    pub(super) fn box_item(&mut self, items: &[Item], i: usize) -> Option<usize> {
        let it = &items[i];
        let c = it.chars();
        if let Some(b) = &self.open_box {
            if let Some(l) = it.label {
                if l.rank() == b.rank
                    && l.number == b.next
                    && (has_sentence_end(c) || c.len() > MAX_STANDALONE)
                {
                    let index = b.index;
                    if let Some(b) = self.open_box.as_mut() {
                        b.next += 1;
                    }
                    let kp = &mut self.doc.key_projects[index];
                    kp.items.push(para(&it.seg, Some(ParagraphRole::BoxItem)));
                    return Some(1);
                }
            }
            self.open_box = None;
        }
        if self.phase != Phase::Body {
            return None;
        }
        let n = box_header(c)?;
        let label_seg = it.seg.slice(0, n);
        let mut k = n;
        while k < c.len() && (is_space(c[k]) || matches!(c[k], ':' | '、')) {
            k += 1;
        }
        let title_seg = it.seg.slice(k, c.len());
        let mut src = label_seg.ranges();
        let mut sep = it.seg.slice(n, k);
        sep.norm.to_mut().retain(|&x| !is_space(x));
        sep.chars = sep.norm.clone();
        // a `:` between label and title belongs to the label
        let label_text = if sep.chars.is_empty() {
            label_seg.text()
        } else {
            it.seg.slice(0, k).text().trim_end().to_string()
        };
        if !sep.chars.is_empty() {
            src = it.seg.slice(0, k).trim().ranges();
        }
        src.extend(title_seg.ranges());
        let index = self.doc.key_projects.len();
        self.doc.key_projects.push(KeyProject {
            id: format!("K{}", index + 1),
            section_id: String::new(),
            label: label_text,
            title: title_seg.text(),
            src,
            items: Vec::new(),
        });
        self.placed
            .push((Placed::KeyProject(index), self.placement()));
        let rank = items
            .get(i + 1)
            .and_then(|x| x.label)
            .map(|l| l.rank())
            .unwrap_or(rank_of(planscope_model::SectionKind::Heading, 3));
        self.open_box = Some(OpenBox {
            index,
            next: 1,
            rank,
        });
        self.push_block(Block::KeyProject {
            index: index as u32,
        });
        Some(1)
    }
}
