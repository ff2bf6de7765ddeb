//! Appendix and back matter: what follows the body.
//!
//! Grammar (only once the outline has begun):
//!
//! * **Attachment**: a line starting with 附件, 附表 or 附录, alone or followed by `:`, a space,
//!   a number (`附件2`, `附表1`, `附件一`) and an optional title, opens an attachment (`A1`,
//!   `A2`, …). Its short lines without sentence end are captions (form fields, a form's
//!   name); a table is read as in the body. A standalone `一、` that restarts the numbering
//!   ends it (an attached document with its own outline), as does a document part's title
//!   ([`super::outline`]).
//! * **Back matter** (版记): a line starting with 公开方式, 抄送 or 主题词; a parenthetical
//!   note (`（此件公开发布）`, `（联系人：…）`); a line ending in 印发 with a date
//!   (`某市人民政府办公室 2022年6月13日印发`). From there on everything is back matter, until
//!   a heading continues the outline (版记 lines between two parts).
//! * **Trailing signature**: an organisation line and a date line after the body, followed only
//!   by back matter or attachments: roles `signature` and `date` in the back matter (the
//!   metadata reads them in [`crate::metadata::assemble`]).

use planscope_model::{Attachment, Block, ParagraphRole};

use super::outline::Accept;
use super::{para, Builder, Item, Phase};
use crate::metadata as meta;
use crate::text::{contains, starts_with_at};

fn is_imprint(c: &[char]) -> bool {
    let parenthetical = c.first() == Some(&'(') && c.last() == Some(&')') && c.len() <= 40;
    (parenthetical
        && ["此件", "此文", "联系人", "公开", "发布"]
            .iter()
            .any(|w| contains(c, w)))
        || starts_with_at(c, 0, "公开方式")
        || starts_with_at(c, 0, "抄送")
        || starts_with_at(c, 0, "主题词")
        || (c.len() <= 60
            && c.ends_with(&['印', '发'])
            && c.iter().filter(|x| x.is_ascii_digit()).count() >= 4)
}

/// Attachment markers.
const ATTACHMENT_MARKERS: &[&str] = &["附件", "附表", "附录"];

fn is_appendix_start(c: &[char]) -> bool {
    ATTACHMENT_MARKERS.iter().any(|m| starts_with_at(c, 0, m))
        && (c.len() == 2
            || matches!(
                c.get(2),
                Some(':' | ' ' | '\u{a0}' | '0'..='9' | '一' | '二' | '三' | '四' | '五')
            ))
}

impl Builder<'_> {
    /// Phase changes at `items[i]` and the lines of the appendix and back matter; `None` when
    /// the line is left to the body's rules.
    pub(super) fn back_matter(&mut self, items: &[Item], i: usize) -> Option<usize> {
        let it = &items[i];
        let c = it.chars();
        // a heading that continues the outline ends back matter (版记 lines between two parts),
        // and a fresh `一、` ends an attachment (an attached document with its own outline)
        if let Some(l) = it.label {
            let resumes = match self.phase {
                Phase::Back => self.accept(&l, it.standalone(), false).is_some(),
                Phase::Appendix => {
                    l.is_heading(1)
                        && l.number == 1
                        && it.standalone()
                        && self.accept(&l, true, false) == Some(Accept::NewPart)
                }
                Phase::Body => false,
            };
            if resumes {
                self.phase = Phase::Body;
            }
        }
        if self.phase != Phase::Back && !self.flat.is_empty() {
            if is_imprint(c) {
                self.phase = Phase::Back;
            } else if self.phase == Phase::Body
                && meta::is_org_name(c)
                && i + 1 < items.len()
                && meta::date_line(items[i + 1].chars()).is_some()
                && items[i + 2..]
                    .iter()
                    .all(|x| is_imprint(x.chars()) || is_appendix_start(x.chars()))
            {
                // trailing signature and date
                self.phase = Phase::Back;
                self.doc.back.push(Block::Paragraph(para(
                    &it.seg,
                    Some(ParagraphRole::Signature),
                )));
                self.doc.back.push(Block::Paragraph(para(
                    &items[i + 1].seg,
                    Some(ParagraphRole::Date),
                )));
                return Some(2);
            } else if self.phase == Phase::Body && is_appendix_start(c) {
                self.phase = Phase::Appendix;
            }
            if self.phase == Phase::Appendix && is_appendix_start(c) {
                let k = self.doc.appendix.len() + 1;
                let t: String = it
                    .seg
                    .text_of(2, c.len())
                    .trim_start_matches([':', '：', ' ', '\u{a0}', '\u{3000}'])
                    .trim_start_matches(|x: char| x.is_ascii_digit())
                    .trim_start_matches([':', '：', ' ', '\u{3000}'])
                    .to_string();
                self.doc.appendix.push(Attachment {
                    id: format!("A{k}"),
                    title: t,
                    blocks: Vec::new(),
                    part: None,
                });
                self.attachment_parts.push(self.part);
                self.push_block(Block::Paragraph(para(
                    &it.seg,
                    Some(ParagraphRole::Caption),
                )));
                return Some(1);
            }
        }
        if self.phase == Phase::Back {
            self.push_block(Block::Paragraph(para(
                &it.seg,
                Some(ParagraphRole::Imprint),
            )));
            return Some(1);
        }
        None
    }
}
