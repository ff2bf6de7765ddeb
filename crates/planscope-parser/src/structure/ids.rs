//! Ids and nesting: the flat list of headings becomes the section tree.
//!
//! * **Section id** = the numbering path from the top rank used in the document down to the
//!   heading, one component per rank, `0` for a skipped rank: 三、→(一)→2. is `3.1.2`, 二、→5.
//!   is `2.0.5`, 第二章→第三条 is `2.0.3`. A part after the first (numbering restarted) gets a
//!   prefix `2_`; a repeated id gets `-2`, `-3`, …
//! * **Document part** sections (a notice carrying several documents) are `P1`, `P2`, … and
//!   are not part of their sections' paths.
//! * **Paragraph id** = section id + `p` + ordinal in that section; the front matter is `0`,
//!   attachments `A1`, `A2`, …, the back matter `B`; box items `K1i1`, ….
//! * Tables and boxes get the id of the section (or `0`, `A1`, `B`) they were placed in.

use std::collections::HashMap;

use planscope_model::{Block, PlanDocument, Section, SectionKind};

use super::{Builder, Evidence, Placed, Placement};

/// Paragraph ids `<sec>p1`, `<sec>p2`, … over `blocks`, each written with [`itoa`] into a
/// string of its exact size.
fn number_paras(blocks: &mut [Block], sec: &str) {
    let mut digits = itoa::Buffer::new();
    let mut k = 0u32;
    for b in blocks {
        if let Block::Paragraph(p) = b {
            k += 1;
            let n = digits.format(k);
            let mut id = String::with_capacity(sec.len() + 1 + n.len());
            id.push_str(sec);
            id.push('p');
            id.push_str(n);
            p.id = id;
        }
    }
}

impl Builder<'_> {
    /// Ids, placements and the tree; the finished document and the evidence.
    pub(super) fn finish(mut self) -> (PlanDocument, Evidence) {
        let is_part = |k: usize, flat: &[super::outline::Flat]| flat[k].kind == SectionKind::Part;
        let min_rank = self
            .flat
            .iter()
            .filter(|f| f.kind != SectionKind::Part)
            .map(|f| f.rank())
            .min()
            .unwrap_or(1);
        let mut ids: Vec<String> = Vec::with_capacity(self.flat.len());
        // how many sections had each id so far: a repeated id gets `-<count + 1>` at once (a
        // suffixed id has a `-`, which no numbering path has, so it never meets another id),
        // instead of trying `-2`, `-3`, … in turn, which grew with the square of the repeats
        let mut used: HashMap<String, u32> = HashMap::new();
        for i in 0..self.flat.len() {
            let f = &self.flat[i];
            if is_part(i, &self.flat) {
                ids.push(format!("P{}", f.number));
                continue;
            }
            let mut path = vec![0u32; f.rank() - min_rank + 1];
            let mut cur = Some(i);
            while let Some(k) = cur {
                let g = &self.flat[k];
                if !is_part(k, &self.flat) {
                    path[g.rank() - min_rank] = g.number;
                }
                cur = g.parent;
            }
            let mut id = path
                .iter()
                .map(|n| n.to_string())
                .collect::<Vec<_>>()
                .join(".");
            if f.part > 1 {
                id = format!("{}_{id}", f.part);
            }
            let seen = used.entry(id.clone()).or_insert(0);
            *seen += 1;
            if *seen > 1 {
                id = format!("{id}-{seen}");
            }
            ids.push(id);
        }
        // tables and boxes: the id of the section they were placed in
        for (what, place) in std::mem::take(&mut self.placed) {
            let sid = match place {
                Placement::Front => "0".to_string(),
                Placement::Back => "B".to_string(),
                Placement::Section(k) => ids.get(k).cloned().unwrap_or_default(),
                Placement::Attachment(k) => self
                    .doc
                    .appendix
                    .get(k)
                    .map(|a| a.id.clone())
                    .unwrap_or_default(),
            };
            match what {
                Placed::KeyProject(k) => self.doc.key_projects[k].section_id = sid,
                Placed::IndicatorTable(k) => self.doc.indicator_tables[k].section_id = sid,
                Placed::TaskTable(k) => self.doc.task_tables[k].section_id = sid,
            }
        }
        // attachments of a document part
        if !self.parts.is_empty() {
            for (a, part) in self.doc.appendix.iter_mut().zip(&self.attachment_parts) {
                if self.parts.iter().any(|(p, _)| p == part) {
                    a.part = Some(format!("P{part}"));
                }
            }
        }
        // an attachment with no title after 附件 takes its first table caption, else its first
        // caption line after the marker, else the marker
        for a in &mut self.doc.appendix {
            if a.title.is_empty() {
                let cap = a.blocks.iter().find_map(|b| match b {
                    Block::TaskTable { index } => self
                        .doc
                        .task_tables
                        .get(*index as usize)
                        .and_then(|t| t.caption.as_ref())
                        .map(|c| c.text.clone()),
                    Block::IndicatorTable { index } => self
                        .doc
                        .indicator_tables
                        .get(*index as usize)
                        .and_then(|t| t.caption.as_ref())
                        .map(|c| c.text.clone()),
                    _ => None,
                });
                let marker = a.blocks.iter().find_map(|b| match b {
                    Block::Paragraph(p) => Some(p.text.trim().to_string()),
                    _ => None,
                });
                let line = a.blocks.iter().skip(1).find_map(|b| match b {
                    Block::Paragraph(p)
                        if p.role == Some(planscope_model::ParagraphRole::Caption) =>
                    {
                        Some(p.text.clone())
                    }
                    _ => None,
                });
                a.title = cap
                    .or(line)
                    .or(marker.filter(|m| m.chars().count() <= 4))
                    .unwrap_or_else(|| "附件".into());
            }
        }
        // paragraph ids
        number_paras(&mut self.doc.front, "0");
        number_paras(&mut self.doc.back, "B");
        for a in &mut self.doc.appendix {
            let id = a.id.clone();
            number_paras(&mut a.blocks, &id);
        }
        for kp in &mut self.doc.key_projects {
            for (m, it) in kp.items.iter_mut().enumerate() {
                it.id = format!("{}i{}", kp.id, m + 1);
            }
        }
        // nest: children are inserted before their parent is moved (a part is appended after
        // the sections it wraps, and has no parent itself)
        let mut nodes: Vec<Option<Section>> = Vec::with_capacity(self.flat.len());
        let parents: Vec<Option<usize>> = self.flat.iter().map(|f| f.parent).collect();
        for (i, f) in self.flat.drain(..).enumerate() {
            let mut blocks = f.blocks;
            number_paras(&mut blocks, &ids[i]);
            nodes.push(Some(Section {
                id: ids[i].clone(),
                kind: f.kind,
                level: f.level,
                label: f.label,
                number: f.number,
                title: f.title,
                title_tail: f.tail,
                src: f.src,
                blocks,
                children: Vec::new(),
                topics: Vec::new(),
            }));
        }
        // (children are pushed last-first, and every list is turned round once at the end, not
        // inserted at the front one by one, which grew with the square of a section's children)
        for i in (0..nodes.len()).rev() {
            if let Some(p) = parents[i] {
                if let Some(child) = nodes[i].take() {
                    if let Some(parent) = nodes[p].as_mut() {
                        parent.children.push(child);
                    }
                }
            }
        }
        self.doc.sections = nodes.into_iter().flatten().collect();
        reading_order(&mut self.doc.sections);
        (self.doc, self.evidence)
    }
}

/// Turns every section's children (pushed last-first by [`Builder::finish`]) round.
fn reading_order(sections: &mut [Section]) {
    for s in sections {
        s.children.reverse();
        reading_order(&mut s.children);
    }
}
