//! The body's outline: which labelled lines are headings, what their titles are, and where
//! a new document part begins.
//!
//! **Ranks.** A label ([`crate::label`]) has a rank: 第X章 1, 第X节 2, 第X条 3, then the GB/T
//! levels 一、 4, (一) 5, 1. 6, (1) 7, ① 8. A heading opens under the nearest open heading of a
//! smaller rank, so a 第X章 may hold 第X条 or 一、 headings, and 一、 may hold 1. directly.
//!
//! **Acceptance by numbering.** A label is a heading only when its number continues the
//! numbering of its rank: one more than the last number under the current parent (`Normal`),
//! or, first under a new parent, one more than the last number anywhere (`Continuous`: plans
//! that number `1.`–`37.`, or articles 第一条…第五十条, across parents). A standalone 一、
//! restarting at one after the outline has begun starts a new part (`NewPart`); a standalone
//! label one number ahead is taken with a `heading-number-gap` warning. Everything else is
//! text: `一、二年级`, a mid-paragraph `(2)`, a `2.` that starts a decimal.
//!
//! A 第X章 or 第X节 is a heading only as a standalone line (its title is short, with no sentence
//! end): `第一节课后服务…。` is text.
//!
//! **Articles.** A 第X条 has no title: its label is the heading and the text after it is its
//! first paragraph. Inside an article, GB/T labels are not headings but the article's list
//! items (`ParagraphRole::ListItem`), so `（一）…（二）…` in 第三条 and a list restarting at
//! `（一）` in 第四条 stay whole and in order.
//!
//! **Titles.** A chapter's, section's or heading's title is split from its body by
//! [`crate::heading::split_title`] (standalone, inline to the first `。`, or run-on).
//!
//! **Glued headings.** A label right after a sentence end inside a paragraph that continues
//! the numbering exactly (`Normal` or `Continuous`) is split out (`glued-heading`).
//!
//! **Document parts.** In a notice that carries several documents, each document prints its
//! own title and restarts 一、. A line that names a document (short, no sentence end, its last
//! word a document type: `…实施方案`, `…办法`, `…意见`; see [`crate::metadata::kind_of`])
//! directly followed by a standalone `一、` that restarts the numbering opens a new part: a
//! section of kind `part` titled with that line, holding the new document's sections. The first
//! document becomes part 1, titled with the front matter's printed title. An attachment opened
//! inside a part belongs to it.

use planscope_model::{Block, ParagraphRole, PlanKind, SectionKind, SrcRange};

use super::{has_sentence_end, para, range, Builder, Item, Phase};
use crate::diagnostics::Rule;
use crate::heading::split_title;
use crate::label::{self, rank_of, Label, RANKS};
use crate::metadata as meta;
use crate::text::{is_space, Seg};

/// A heading while the tree is flat.
pub(super) struct Flat {
    pub kind: SectionKind,
    pub level: u8,
    pub number: u32,
    pub part: u32,
    pub label: String,
    pub title: String,
    pub tail: String,
    pub src: Vec<SrcRange>,
    pub parent: Option<usize>,
    pub blocks: Vec<Block>,
}

impl Flat {
    pub fn rank(&self) -> usize {
        rank_of(self.kind, self.level)
    }
}

/// How a heading's number fits the numbering so far.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Accept {
    Normal,
    Continuous,
    NewPart,
    Gap,
}

/// Rank of the first GB/T level (一、).
const TOP_HEADING: usize = 4;

/// Where the body starts: the first 第一章 / 第一节 / 第一条 / 一、 after the 目录 copy, else the
/// first label numbered one that is not the integer part of a decimal.
pub(super) fn body_start(items: &[Item], after_toc: usize) -> usize {
    items
        .iter()
        .enumerate()
        .skip(after_toc)
        .find(|(_, it)| matches!(it.label, Some(l) if l.rank() <= TOP_HEADING && l.number == 1))
        .or_else(|| {
            items
                .iter()
                .enumerate()
                .skip(after_toc)
                .find(|(_, it)| matches!(it.label, Some(l) if l.number == 1 && !l.digit_follows))
        })
        .map(|(i, _)| i)
        .unwrap_or(items.len())
}

/// Does this line name a document (a part's title)? Short, no label, no sentence end, and a
/// document type at its end.
pub(super) fn names_document(it: &Item) -> bool {
    let c = it.chars();
    it.label.is_none()
        && c.len() <= 40
        && !has_sentence_end(c)
        && !matches!(c.last(), Some(':' | ','))
        && meta::kind_of(c) != PlanKind::Other
}

impl Builder<'_> {
    pub(super) fn accept(&self, l: &Label, standalone: bool, strict: bool) -> Option<Accept> {
        let r = l.rank();
        let lc = self.last_child[r];
        let lg = self.last_global[r];
        // a chapter or section title is a line of its own (`第一节课后…` is text)
        if matches!(l.kind, SectionKind::Chapter | SectionKind::Section) && !standalone {
            return None;
        }
        if l.number == lc + 1 {
            return Some(Accept::Normal);
        }
        if lc == 0 && lg > 0 && l.number == lg + 1 {
            return Some(Accept::Continuous);
        }
        if strict || l.digit_follows || !standalone {
            return None;
        }
        if l.is_heading(1) && l.number == 1 && self.last_global[r] > 0 {
            return Some(Accept::NewPart);
        }
        if lc > 0 && l.number == lc + 2 {
            return Some(Accept::Gap);
        }
        None
    }

    /// Is an article open (the innermost open section, or one above it)?
    fn in_article(&self) -> bool {
        self.stack
            .iter()
            .any(|&i| self.flat[i].kind == SectionKind::Article)
    }

    /// A GB/T label inside an article: a list item, not a heading.
    fn is_list_item(&self, l: &Label) -> bool {
        l.rank() > rank_of(SectionKind::Article, 3) && self.in_article()
    }

    /// `items[i]` as a heading, a list item of an article, or a document part's title.
    pub(super) fn heading(&mut self, items: &[Item], i: usize) -> Option<usize> {
        if self.phase != Phase::Body {
            return None;
        }
        let it = &items[i];
        let l = it.label?;
        if self.is_list_item(&l) {
            self.emit_text(it.seg.clone(), Some(ParagraphRole::ListItem));
            return Some(1);
        }
        let how = self.accept(&l, it.standalone(), false)?;
        let body = self.open_heading(&it.seg, l, how);
        self.emit_text(body, None);
        Some(1)
    }

    /// A document title right before a restarting `一、`: opens a new part (in any phase; the
    /// part's title ends an attachment or back matter of the part before).
    pub(super) fn part_title(&mut self, items: &[Item], i: usize) -> Option<usize> {
        let it = &items[i];
        let next = items.get(i + 1)?;
        let l = next.label?;
        if self.flat.is_empty()
            || !names_document(it)
            || !next.standalone()
            || self.accept(&l, true, false) != Some(Accept::NewPart)
        {
            return None;
        }
        if self.parts.is_empty() {
            // the first document becomes part 1, titled like the front matter's title block
            let title = self
                .evidence
                .title_blocks
                .iter()
                .find(|(_, after_notice)| *after_notice)
                .or(self.evidence.title_blocks.first())
                .map(|(t, _)| t.clone())
                .unwrap_or_default();
            let p1 = self.flat.len();
            for f in self.flat.iter_mut().filter(|f| f.parent.is_none()) {
                f.parent = Some(p1);
            }
            self.flat.push(Flat {
                kind: SectionKind::Part,
                level: 0,
                number: 1,
                part: 1,
                label: String::new(),
                title: title.clone(),
                tail: String::new(),
                src: Vec::new(),
                parent: None,
                blocks: Vec::new(),
            });
            self.parts.push((1, p1));
            self.evidence.part_titles.push(title);
        }
        self.part += 1;
        self.last_child = [0; RANKS];
        self.last_global = [0; RANKS];
        self.stack.clear();
        self.open_box = None;
        self.phase = Phase::Body;
        self.diag(
            Rule::HeadingNewPart,
            format!("a new document begins: `{}`", it.seg.text()),
            Some(range(&it.seg)),
        );
        self.flat.push(Flat {
            kind: SectionKind::Part,
            level: 0,
            number: self.part,
            part: self.part,
            label: String::new(),
            title: it.seg.text(),
            tail: String::new(),
            src: it.seg.ranges(),
            parent: None,
            blocks: Vec::new(),
        });
        let k = self.flat.len() - 1;
        self.parts.push((self.part, k));
        self.stack.push(k);
        self.evidence.part_titles.push(it.seg.text());
        Some(1)
    }

    /// Open a heading from `seg` (which starts with `l`); returns the body text that followed
    /// the title on the same run.
    pub(super) fn open_heading<'s>(&mut self, seg: &Seg<'s>, l: Label, how: Accept) -> Seg<'s> {
        let r = l.rank();
        if let Accept::NewPart = how {
            self.part += 1;
            self.last_child = [0; RANKS];
            self.last_global = [0; RANKS];
            self.stack.clear();
            self.diag(
                Rule::HeadingNewPart,
                format!("numbering restarts at `{}`: a new part begins", seg.text()),
                Some(range(seg)),
            );
        }
        if let Accept::Gap = how {
            self.diag(
                Rule::HeadingNumberGap,
                format!(
                    "expected heading number {} at level {}, found {}",
                    self.last_child[r] + 1,
                    l.level,
                    l.number
                ),
                Some(range(seg)),
            );
        }
        let label_seg = seg.slice(0, l.len);
        let mut k = l.len;
        while k < seg.len() && is_space(seg.chars[k]) {
            k += 1;
        }
        let run = seg.slice(k, seg.len());
        let (title_seg, tail_seg, body) = if l.kind == SectionKind::Article {
            // an article has no title: its text is its body
            (run.slice(0, 0), run.slice(0, 0), run.clone())
        } else {
            let split = split_title(&run.norm);
            if split.run_on {
                let title = run.text_of(0, split.title_end);
                if split.unsure {
                    self.diag(Rule::HeadingRunOnUnsure, format!("heading runs into its body and no clause opener was found; title taken as `{title}`"), Some(range(seg)));
                } else {
                    self.diag(Rule::HeadingRunOn, format!("heading runs into its body without punctuation; title ends before a clause opener: `{title}`"), Some(range(seg)));
                }
            }
            (
                run.slice(0, split.title_end),
                run.slice(split.title_end, split.tail_end),
                run.slice(split.body_start, run.len()),
            )
        };
        let mut src = label_seg.ranges();
        // title and tail are contiguous with each other; merge their ranges
        let mut tt = title_seg.clone();
        for &(s, e) in &tail_seg.parts {
            tt.push(self.src, s, e);
        }
        src.extend(tt.ranges());
        while self.stack.last().is_some_and(|&i| self.flat[i].rank() >= r) {
            self.stack.pop();
        }
        let parent = self.stack.last().copied();
        self.flat.push(Flat {
            kind: l.kind,
            level: l.level,
            number: l.number,
            part: self.part,
            label: label_seg.text(),
            title: title_seg.text(),
            tail: tail_seg.text(),
            src,
            parent,
            blocks: Vec::new(),
        });
        self.stack.push(self.flat.len() - 1);
        for x in r + 1..RANKS {
            self.last_child[x] = 0;
        }
        self.last_child[r] = l.number;
        self.last_global[r] = l.number;
        self.open_box = None;
        body
    }

    /// Emit body text as paragraphs, splitting out headings glued after a sentence end. The
    /// first paragraph gets `role` (a `——` line is a bullet).
    pub(super) fn emit_text(&mut self, seg: Seg, role: Option<ParagraphRole>) {
        let mut seg = seg.into_trim();
        let mut role = role;
        while !seg.is_empty() {
            let glued = if self.phase == Phase::Body {
                self.find_glued(&seg)
            } else {
                None
            };
            match glued {
                None => {
                    let role = if seg.starts_with("——") || seg.starts_with("—") {
                        Some(ParagraphRole::Bullet)
                    } else {
                        role
                    };
                    self.push_block(Block::Paragraph(para(&seg, role)));
                    return;
                }
                Some((end_para, at, l, how)) => {
                    let before = seg.slice(0, end_para).into_trim();
                    if !before.is_empty() {
                        self.push_block(Block::Paragraph(para(&before, role)));
                    }
                    role = None;
                    let rest = seg.slice(at, seg.len());
                    self.diag(
                        Rule::GluedHeading,
                        format!(
                            "heading `{}` was glued to the end of a paragraph",
                            rest.slice(0, l.len + 8.min(rest.len() - l.len)).text()
                        ),
                        Some(range(&rest)),
                    );
                    seg = self.open_heading(&rest, l, how).into_trim();
                }
            }
        }
    }

    /// A heading label right after a sentence end (and optional whitespace) that continues the
    /// numbering exactly (not a list item of an open article).
    fn find_glued(&self, seg: &Seg) -> Option<(usize, usize, Label, Accept)> {
        let c = &seg.norm;
        for k in 1..c.len() {
            if !matches!(c[k - 1], '。' | '!' | '?') {
                continue;
            }
            let mut at = k;
            while at < c.len() && is_space(c[at]) {
                at += 1;
            }
            if at >= c.len() {
                break;
            }
            if let Some(l) = label::scan(&c[at..]) {
                if self.is_list_item(&l) {
                    continue;
                }
                if let Some(how) = self.accept(&l, true, true) {
                    return Some((k, at, l, how));
                }
            }
        }
        None
    }
}
