//! Front matter: the lines before the first body heading, each given a role.
//!
//! Grammar (roles in the order they are tried on each line; lines are folded, so `（` is `(`):
//!
//! | role | line | examples |
//! |---|---|---|
//! | `toc` | inside a 目录 copy (after `目录`, or a run of bare headings that recurs later; leader dots and page numbers ignored) | `一、发展基础……1` |
//! | `notice_title` | a *wrapper* headline: ends in 通知 and 印发/转发/批转/颁发/… a document ([`meta::headline`]); may span two lines | `X关于印发《Y》的通知`, `X转发Z关于Y的通知` |
//! | `doc_number` | a whole-line 文号, bare or in parentheses | `揭府办函〔2023〕58号`, `（某政办发〔2016〕1号）` |
//! | `date` | a whole-line date, bare or in parentheses | `2017年10月13日`, `（2017年08月14日）`, `二〇二二年三月十一日` |
//! | `addressee` | 主送机关: ends with `:`, names 各…/部门/单位, ≤ 120 chars | `各市、县(区)人民政府,省政府各部门:` |
//! | `signature` | organisation lines right above a date | `某市人民政府办公室` |
//! | `title` | the lines of a title block: a run of short lines (≤ 40 chars; a headline ≤ 80) without sentence end, not wholly in parentheses unless a period, that names a document, taken while the title is incomplete or the next line is its period (`(2021—2025年)`) | `广州市从化区教育事业` / `发展“十四五”规划` / `(2021—2025年)` |
//!
//! A headline that is *not* a wrapper (`某省人民政府办公厅关于加强学校美育工作的实施意见`,
//! `某市人民政府办公室关于…的通知` with no 印发) is the document's own title, so it is a `title`
//! line. The title is the run's lines up to the one that completes it (plus a period line);
//! later lines of the run (the title printed again, a subtitle) are `title` lines too. A line
//! wholly in parentheses that is not a period (the issuing departments under a forwarded
//! document's title, `（教育厅、财政厅）`; a note, `（此件公开发布）`) is not part of a title
//! block. Everything else (the notice's text, a preamble) is a plain paragraph.
//!
//! The title blocks are handed to [`crate::metadata::assemble`] with whether each comes after
//! the notice headline; the metadata is decided there.

use planscope_model::{Block, ParagraphRole, PlanKind};

use super::{has_sentence_end, para, squash, Builder, Item};
use crate::metadata as meta;
use crate::text::contains;

/// A 目录 entry and its body heading compared without spaces and without the leader dots and
/// page number a printed table of contents adds (`一、发展基础……………1`).
fn toc_key(chars: &[char]) -> String {
    let s = squash(chars);
    s.trim_end_matches(|c: char| {
        c.is_ascii_digit() || matches!(c, '.' | '…' | '·' | '-' | '—' | '_' | '・')
    })
    .to_string()
}

/// Is the line `目录` (spaces ignored)? Without building the squashed string: this is asked of
/// every line.
fn is_toc_marker(chars: &[char]) -> bool {
    let mut rest = chars.iter().filter(|&&c| !crate::text::is_space(c));
    rest.next() == Some(&'目') && rest.next() == Some(&'录') && rest.next().is_none()
}

/// `toc_key(chars) == key`, building the key only when the first non-space characters agree
/// (asked of every line after a candidate 目录 entry).
fn same_toc_key(chars: &[char], key: &str) -> bool {
    let first = chars.iter().find(|&&c| !crate::text::is_space(c));
    first == key.chars().next().as_ref() && toc_key(chars) == key
}

/// Where the 目录 copy is, if any: (first, end) item indices, marker included.
pub(super) fn find_toc(items: &[Item]) -> Option<(usize, usize)> {
    let heading_like =
        |it: &Item| it.label.is_some() && it.standalone() && !has_sentence_end(it.chars());
    if let Some(m) = items.iter().position(|it| is_toc_marker(it.chars())) {
        // the copy runs while lines are bare headings, and stops where its first entry
        // comes round again (the body starting right after the 目录)
        let first = items.get(m + 1).map(|it| toc_key(it.chars()));
        let mut e = m + 1;
        while e < items.len()
            && heading_like(&items[e])
            && (e == m + 1 || Some(toc_key(items[e].chars())) != first)
        {
            e += 1;
        }
        return Some((m, e));
    }
    // no marker: a run of bare headings whose first line recurs later
    for (i, it) in items.iter().enumerate() {
        if !matches!(it.label, Some(l) if l.rank() <= 4 && l.number == 1) || !heading_like(it) {
            continue;
        }
        let key = toc_key(it.chars());
        let j = items[i + 1..]
            .iter()
            .position(|x| same_toc_key(x.chars(), &key))
            .map(|p| p + i + 1)?;
        if j - i >= 3 && items[i..j].iter().all(heading_like) {
            return Some((i, j));
        }
        return None;
    }
    None
}

/// The role a front line has on its own (before runs are looked at).
fn line_role(c: &[char]) -> Option<ParagraphRole> {
    if meta::headline(c) == Some(meta::Headline::Wrapper) {
        Some(ParagraphRole::NoticeTitle)
    } else if meta::is_doc_number_line(c) {
        Some(ParagraphRole::DocNumber)
    } else if meta::date_line(c).is_some() {
        Some(ParagraphRole::Date)
    } else if matches!(c.last(), Some(':'))
        && c.len() <= 120
        && (contains(c, "各") || contains(c, "部门") || contains(c, "单位"))
    {
        Some(ParagraphRole::Addressee)
    } else {
        None
    }
}

impl Builder<'_> {
    /// Roles of the front matter; records its title blocks as evidence.
    pub(super) fn front(&mut self, items: &[Item], toc: Option<(usize, usize)>) {
        let n = items.len();
        let in_toc = |i: usize| toc.is_some_and(|(a, b)| i >= a && i < b);
        let mut roles: Vec<Option<ParagraphRole>> = (0..n)
            .map(|i| {
                if in_toc(i) {
                    Some(ParagraphRole::Toc)
                } else {
                    line_role(items[i].chars())
                }
            })
            .collect();
        // a wrapper headline broken over two lines (`…关于印发《…` / `…》的通知`)
        for i in 0..n.saturating_sub(1) {
            if roles[i].is_none()
                && roles[i + 1].is_none()
                && (contains(items[i].chars(), "关于") || meta::has_wrapper_verb(items[i].chars()))
                && !has_sentence_end(items[i].chars())
            {
                let mut joined = items[i].chars().to_vec();
                joined.extend_from_slice(items[i + 1].chars());
                if meta::headline(&joined) == Some(meta::Headline::Wrapper)
                    && items[i + 1].seg.len() <= 60
                {
                    roles[i] = Some(ParagraphRole::NoticeTitle);
                    roles[i + 1] = Some(ParagraphRole::NoticeTitle);
                }
            }
        }
        // signatures: organisation lines right before a date
        for i in 0..n {
            if roles[i] == Some(ParagraphRole::Date) {
                let mut j = i;
                while j > 0 && roles[j - 1].is_none() && meta::is_org_name(items[j - 1].chars()) {
                    roles[j - 1] = Some(ParagraphRole::Signature);
                    j -= 1;
                }
            }
        }
        // title blocks: runs of short lines without sentence end that name a document
        let title_like = |i: usize, roles: &[Option<ParagraphRole>]| {
            let c = items[i].chars();
            let max = if meta::headline(c).is_some() { 80 } else { 40 };
            let parenthetical = c.first() == Some(&'(') && c.last() == Some(&')');
            roles[i].is_none()
                && c.len() <= max
                && !has_sentence_end(c)
                && squash(c) != "目录"
                && !matches!(c.last(), Some(':' | ','))
                && (!parenthetical || meta::is_period_line(c))
        };
        let first_notice = roles
            .iter()
            .position(|r| *r == Some(ParagraphRole::NoticeTitle));
        let mut i = 0;
        while i < n {
            if !title_like(i, &roles) {
                i += 1;
                continue;
            }
            let mut j = i;
            while j < n && title_like(j, &roles) {
                j += 1;
            }
            let joined: String = items[i..j].iter().map(|it| it.seg.text()).collect();
            let jc: Vec<char> = crate::text::fold_str(&joined).chars().collect();
            if meta::kind_of(&jc) != PlanKind::Other
                || contains(&jc, "规划")
                || contains(&jc, "2035")
            {
                // the title: lines while it is incomplete, and its period line (the rest of
                // the run is the title printed again, or a subtitle)
                let mut title = String::new();
                for (k, it) in items[i..j].iter().enumerate() {
                    let c = it.chars();
                    let done: Vec<char> = crate::text::fold_str(&title).chars().collect();
                    if k > 0 && meta::title_complete(&done) && !meta::is_period_line(c) {
                        break;
                    }
                    title.push_str(&it.seg.text());
                }
                for r in roles.iter_mut().take(j).skip(i) {
                    *r = Some(ParagraphRole::Title);
                }
                let after_notice = first_notice.is_some_and(|f| f < i);
                self.evidence.title_blocks.push((title, after_notice));
            }
            i = j;
        }
        for (i, it) in items.iter().enumerate() {
            self.doc
                .front
                .push(Block::Paragraph(para(&it.seg, roles[i])));
        }
    }
}
