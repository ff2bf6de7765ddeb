//! The structure pass: source text → segments → front matter, outline, boxes, tables, appendix,
//! back matter, metadata. See `ARCHITECTURE.md` ("Parser passes") for the order of the rules.
//!
//! 1. **Lines and chrome.** Each physical line is trimmed; whole lines of web-page chrome
//!    ([`crate::chrome`]) are removed and recorded.
//! 2. **Paging.** When most lines start with a strictly sequential `N、` (a document-sharing
//!    preview: one line per page, cut mid-word), the artefacts are removed, the pages are
//!    concatenated with no separator, and the stream is split at whitespace (the scrape turned
//!    paragraph breaks into spaces). Otherwise every line is a segment.
//! 3. **Front matter.** Everything before the first body heading: notice headline, 文号,
//!    addressees, notice text, signature and date, the title block, a 目录 copy of the headings
//!    (after a 目录 line, or a run of bare headings that recurs later), preamble.
//! 4. **Body.** Headings are accepted by label *and* numbering: a label must continue the
//!    numbering of its level under the current parent (or continue it across parents, as in
//!    plans that number `1.`–`37.` continuously), so mid-text enumerations and `一、二年级`
//!    are not headings. A heading glued after a sentence end inside a paragraph is split out
//!    when it continues the numbering exactly. 重点工程 boxes take the numbered items that
//!    follow them. Flattened tables are read by [`crate::table`].
//! 5. **Appendix and back matter.** A line starting with 附件 after the body opens the
//!    appendix; 公开方式/抄送/…印发 lines and a trailing signature and date are back matter.

use std::collections::BTreeSet;

use planscope_model::{
    Attachment, Block, Diagnostic, KeyProject, Paragraph, ParagraphRole, PlanDocument, Removed,
    RemovedKind, Section, Severity, SrcRange, SCHEMA_VERSION,
};

use crate::chrome;
use crate::heading::{split_title, MAX_STANDALONE};
use crate::label::{self, Label};
use crate::metadata as meta;
use crate::table::{self, TableKind};
use crate::text::{contains, is_sentence_end, is_space, starts_with_at, Seg, Source};

/// A segment with what the scanners found at its start.
struct Item {
    seg: Seg,
    label: Option<Label>,
}

impl Item {
    fn new(seg: Seg) -> Item {
        let label = label::scan(&seg.norm);
        Item { seg, label }
    }
    /// The folded text (for scanners).
    #[allow(clippy::misnamed_getters)]
    fn chars(&self) -> &[char] {
        &self.seg.norm
    }
    /// Short, no sentence end: a bare heading line.
    fn standalone(&self) -> bool {
        let n = self.label.map(|l| l.len).unwrap_or(0);
        !self.seg.norm.contains(&'。') && self.seg.len() <= MAX_STANDALONE + n
    }
}

fn squash(chars: &[char]) -> String {
    chars.iter().filter(|&&c| !is_space(c)).collect()
}

/// A 目录 entry and its body heading compared without spaces and without the leader dots and
/// page number a printed table of contents adds (`一、发展基础……………1`).
fn toc_key(chars: &[char]) -> String {
    let s = squash(chars);
    s.trim_end_matches(|c: char| {
        c.is_ascii_digit() || matches!(c, '.' | '…' | '·' | '-' | '—' | '_' | '・')
    })
    .to_string()
}

fn has_sentence_end(chars: &[char]) -> bool {
    chars.iter().any(|&c| is_sentence_end(c))
}

/// A heading while the tree is flat.
struct Flat {
    level: u8,
    number: u32,
    part: u32,
    label: String,
    title: String,
    tail: String,
    src: Vec<SrcRange>,
    parent: Option<usize>,
    blocks: Vec<Block>,
}

/// An open 重点工程 box: the key-project index and the next item number expected.
struct OpenBox {
    index: usize,
    next: u32,
    level: u8,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Phase {
    Body,
    Appendix,
    Back,
}

enum Accept {
    Normal,
    Continuous,
    NewPart,
    Gap,
}

struct Builder<'a> {
    src: &'a Source,
    doc: PlanDocument,
    flat: Vec<Flat>,
    stack: Vec<usize>,
    last_child: [u32; 6],
    last_global: [u32; 6],
    part: u32,
    open_box: Option<OpenBox>,
    phase: Phase,
    /// Chrome lines: (printed, folded, rule).
    chrome_lines: Vec<(Vec<char>, Vec<char>, &'static str)>,
}

fn para(seg: &Seg, role: Option<ParagraphRole>) -> Paragraph {
    Paragraph {
        id: String::new(),
        text: seg.text(),
        src: seg.ranges(),
        role,
        topics: Vec::new(),
    }
}

/// Parse decoded text into a document (ids, metadata, structure, coverage; no quantities).
pub fn build(id: &str, text: &str) -> PlanDocument {
    let src = Source::new(text);
    let mut b = Builder {
        src: &src,
        doc: PlanDocument {
            schema_version: SCHEMA_VERSION,
            id: id.to_string(),
            ..Default::default()
        },
        flat: Vec::new(),
        stack: Vec::new(),
        last_child: [0; 6],
        last_global: [0; 6],
        part: 1,
        open_box: None,
        phase: Phase::Body,
        chrome_lines: Vec::new(),
    };
    b.doc.source.chars = src.len();
    let items = b.segments();
    b.assemble(&items);
    b.finish()
}

impl<'a> Builder<'a> {
    fn diag(&mut self, rule: &str, severity: Severity, message: String, src: Option<SrcRange>) {
        self.doc.diagnostics.push(Diagnostic {
            rule: rule.to_string(),
            severity,
            message,
            src,
        });
    }

    /// Passes 1 and 2: chrome lines out, page artefacts out, segments in.
    fn segments(&mut self) -> Vec<Item> {
        let src = self.src;
        let mut kept: Vec<Seg> = Vec::new();
        let mut started = false;
        let lines = src.lines();
        for (n, &(s, e)) in lines.iter().enumerate() {
            let raw = Seg::from_range(src, s, e, n as u32 + 1, 0);
            let indent = raw.chars.iter().take_while(|&&c| is_space(c)).count() as u32;
            let mut seg = raw.trim();
            seg.indent = indent;
            if seg.is_empty() {
                continue;
            }
            let rule = chrome::classify(&seg.norm).or_else(|| {
                if started {
                    None
                } else if chrome::is_site_header(&seg.norm) {
                    Some("site-header")
                } else {
                    started = true;
                    None
                }
            });
            if let Some(rule) = rule {
                self.doc.removed.push(Removed {
                    kind: RemovedKind::Chrome,
                    text: seg.text(),
                    src: [seg.start(), seg.parts.last().map(|p| p.1).unwrap_or(0)],
                });
                self.chrome_lines
                    .push((seg.chars.clone(), seg.norm.clone(), rule));
                continue;
            }
            kept.push(seg);
        }

        // paging: strictly sequential `N、` at the start of most lines
        let page_no = |seg: &Seg| -> Option<(u32, usize)> {
            let digits = seg.norm.iter().take_while(|c| c.is_ascii_digit()).count();
            if (1..=4).contains(&digits) && seg.norm.get(digits) == Some(&'、') {
                let n: u32 = seg.norm[..digits].iter().collect::<String>().parse().ok()?;
                Some((n, digits + 1))
            } else {
                None
            }
        };
        let mut expected = 1;
        let mut sequential = 0usize;
        for seg in &kept {
            if let Some((n, _)) = page_no(seg) {
                if n == expected {
                    sequential += 1;
                    expected += 1;
                }
            }
        }
        // pages are cut anywhere, so most of them end mid-sentence; a numbered list does not
        let cut_mid = kept
            .iter()
            .filter(|s| page_no(s).is_some())
            .filter(|s| {
                !s.norm.last().is_some_and(|&c| {
                    crate::text::is_sentence_end(c) || matches!(c, ':' | '”' | ')' | '》')
                })
            })
            .count();
        let paged = sequential >= 3
            && sequential * 10 >= kept.len() * 8
            && cut_mid * 2 >= sequential.saturating_sub(1);
        if !paged {
            return kept.into_iter().map(Item::new).collect();
        }
        self.diag(
            "page-artefacts",
            Severity::Info,
            format!("{sequential} lines start with a sequential page number `N、`: removed them and joined the pages"),
            None,
        );
        let mut out = Vec::new();
        let mut stream: Option<Seg> = None;
        let mut expected = 1;
        for seg in kept {
            match page_no(&seg) {
                Some((n, len)) if n == expected => {
                    expected += 1;
                    let (s0, _) = seg.parts[0];
                    self.doc.removed.push(Removed {
                        kind: RemovedKind::PageNumber,
                        text: seg.chars[..len].iter().collect(),
                        src: [s0, s0 + len as u32],
                    });
                    // the rest of the physical line, untrimmed at its end (a trailing space is a paragraph break)
                    // (a CR of a CRLF line end is not part of the page)
                    let mut line_end = lines[seg.line as usize - 1].1;
                    while line_end > s0 && self.src.chars[line_end as usize - 1] == '\r' {
                        line_end -= 1;
                    }
                    let st = stream.get_or_insert_with(|| Seg {
                        line: seg.line,
                        ..Default::default()
                    });
                    st.push(self.src, s0 + len as u32, line_end);
                }
                _ => {
                    if let Some(st) = stream.take() {
                        out.extend(st.split_ws().into_iter().map(Item::new));
                    }
                    out.push(Item::new(seg));
                }
            }
        }
        if let Some(st) = stream.take() {
            out.extend(st.split_ws().into_iter().map(Item::new));
        }
        out
    }

    // ---------------------------------------------------------------------------------------
    // headings
    // ---------------------------------------------------------------------------------------

    fn accept(&self, l: &Label, standalone: bool, strict: bool) -> Option<Accept> {
        let lv = l.level as usize;
        let lc = self.last_child[lv];
        let lg = self.last_global[lv];
        if l.number == lc + 1 {
            return Some(Accept::Normal);
        }
        if lc == 0 && lg > 0 && l.number == lg + 1 {
            return Some(Accept::Continuous);
        }
        if strict || l.digit_follows || !standalone {
            return None;
        }
        if lv == 1 && l.number == 1 && self.last_global[1] > 0 {
            return Some(Accept::NewPart);
        }
        if lc > 0 && l.number == lc + 2 {
            return Some(Accept::Gap);
        }
        None
    }

    /// Open a heading from `seg` (which starts with `l`); returns the body text that followed
    /// the title on the same run.
    fn open_heading(&mut self, seg: &Seg, l: Label, how: Accept) -> Seg {
        let lv = l.level as usize;
        if let Accept::NewPart = how {
            self.part += 1;
            self.last_child = [0; 6];
            self.last_global = [0; 6];
            self.stack.clear();
            self.diag(
                "heading-new-part",
                Severity::Info,
                format!("numbering restarts at `{}`: a new part begins", seg.text()),
                Some(range(seg)),
            );
        }
        if let Accept::Gap = how {
            self.diag(
                "heading-number-gap",
                Severity::Warning,
                format!(
                    "expected heading number {} at level {}, found {}",
                    self.last_child[lv] + 1,
                    lv,
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
        let split = split_title(&run.norm);
        if split.run_on {
            let title = run.text_of(0, split.title_end);
            if split.unsure {
                self.diag("heading-run-on-unsure", Severity::Warning, format!("heading runs into its body and no clause opener was found; title taken as `{title}`"), Some(range(seg)));
            } else {
                self.diag("heading-run-on", Severity::Info, format!("heading runs into its body without punctuation; title ends before a clause opener: `{title}`"), Some(range(seg)));
            }
        }
        let title_seg = run.slice(0, split.title_end);
        let tail_seg = run.slice(split.title_end, split.tail_end);
        let mut src = label_seg.ranges();
        // title and tail are contiguous with each other; merge their ranges
        let mut tt = title_seg.clone();
        for &(s, e) in &tail_seg.parts {
            tt.push(self.src, s, e);
        }
        src.extend(tt.ranges());
        while self
            .stack
            .last()
            .is_some_and(|&i| self.flat[i].level >= l.level)
        {
            self.stack.pop();
        }
        let parent = self.stack.last().copied();
        self.flat.push(Flat {
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
        for x in lv + 1..6 {
            self.last_child[x] = 0;
        }
        self.last_child[lv] = l.number;
        self.last_global[lv] = l.number;
        self.open_box = None;
        run.slice(split.body_start, run.len())
    }

    fn push_block(&mut self, block: Block) {
        match self.phase {
            Phase::Back => self.doc.back.push(block),
            Phase::Appendix => {
                if let Some(a) = self.doc.appendix.last_mut() {
                    a.blocks.push(block);
                }
            }
            Phase::Body => match self.stack.last() {
                Some(&i) => self.flat[i].blocks.push(block),
                None => self.doc.front.push(block),
            },
        }
    }

    fn current_section_marker(&self) -> String {
        match (self.phase, self.stack.last()) {
            (Phase::Appendix, _) => format!("#A{}", self.doc.appendix.len()),
            (Phase::Back, _) => "#B".into(),
            (Phase::Body, Some(&i)) => format!("#{i}"),
            (Phase::Body, None) => "#front".into(),
        }
    }

    /// Emit body text as paragraphs, splitting out headings glued after a sentence end.
    fn emit_text(&mut self, seg: Seg) {
        let mut seg = seg.trim();
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
                        None
                    };
                    self.push_block(Block::Paragraph(para(&seg, role)));
                    return;
                }
                Some((end_para, at, l, how)) => {
                    let before = seg.slice(0, end_para).trim();
                    if !before.is_empty() {
                        self.push_block(Block::Paragraph(para(&before, None)));
                    }
                    let rest = seg.slice(at, seg.len());
                    self.diag(
                        "glued-heading",
                        Severity::Info,
                        format!(
                            "heading `{}` was glued to the end of a paragraph",
                            rest.slice(0, l.len + 8.min(rest.len() - l.len)).text()
                        ),
                        Some(range(&rest)),
                    );
                    seg = self.open_heading(&rest, l, how).trim();
                }
            }
        }
    }

    /// A heading label right after a sentence end (and optional whitespace) that continues the
    /// numbering exactly.
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
                if let Some(how) = self.accept(&l, true, true) {
                    return Some((k, at, l, how));
                }
            }
        }
        None
    }

    // ---------------------------------------------------------------------------------------
    // assembly
    // ---------------------------------------------------------------------------------------

    /// Where the 目录 copy is, if any: (first, end) item indices, marker included.
    fn find_toc(items: &[Item]) -> Option<(usize, usize)> {
        let heading_like =
            |it: &Item| it.label.is_some() && it.standalone() && !has_sentence_end(it.chars());
        if let Some(m) = items.iter().position(|it| squash(it.chars()) == "目录") {
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
            if !matches!(it.label, Some(l) if l.level == 1 && l.number == 1) || !heading_like(it) {
                continue;
            }
            let key = toc_key(it.chars());
            let j = items[i + 1..]
                .iter()
                .position(|x| toc_key(x.chars()) == key)
                .map(|p| p + i + 1)?;
            if j - i >= 3 && items[i..j].iter().all(heading_like) {
                return Some((i, j));
            }
            return None;
        }
        None
    }

    fn assemble(&mut self, items: &[Item]) {
        let toc = Self::find_toc(items);
        let after_toc = toc.map(|t| t.1).unwrap_or(0);
        let body_start = items
            .iter()
            .enumerate()
            .skip(after_toc)
            .find(|(_, it)| matches!(it.label, Some(l) if l.level == 1 && l.number == 1))
            .or_else(|| {
                items.iter().enumerate().skip(after_toc).find(
                    |(_, it)| matches!(it.label, Some(l) if l.number == 1 && !l.digit_follows),
                )
            })
            .map(|(i, _)| i)
            .unwrap_or(items.len());
        if let Some((a, b)) = toc {
            self.diag(
                "toc-skipped",
                Severity::Info,
                format!("{} lines of a 目录 copy are not headings", b - a),
                None,
            );
        }
        self.front(&items[..body_start], toc);
        if body_start == items.len() {
            self.diag(
                "no-headings",
                Severity::Warning,
                "no numbered body heading (一、 (一) 1.) was found".into(),
                None,
            );
        }
        let mut i = body_start;
        while i < items.len() {
            i += self.body_item(items, i);
        }
    }

    /// Roles and metadata of the front matter.
    fn front(&mut self, items: &[Item], toc: Option<(usize, usize)>) {
        let n = items.len();
        let mut roles: Vec<Option<ParagraphRole>> = vec![None; n];
        let in_toc = |i: usize| toc.is_some_and(|(a, b)| i >= a && i < b);
        for i in 0..n {
            let c = items[i].chars();
            roles[i] = if in_toc(i) {
                Some(ParagraphRole::Toc)
            } else if meta::is_notice_title(c) {
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
            };
        }
        // a notice headline broken over two lines (`…关于印发《…` / `…》的通知`)
        for i in 0..n.saturating_sub(1) {
            if roles[i].is_none()
                && roles[i + 1].is_none()
                && contains(items[i].chars(), "关于")
                && !has_sentence_end(items[i].chars())
            {
                let mut joined = items[i].chars().to_vec();
                joined.extend_from_slice(items[i + 1].chars());
                if meta::is_notice_title(&joined) && items[i + 1].seg.len() <= 60 {
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
            roles[i].is_none()
                && c.len() <= 40
                && !has_sentence_end(c)
                && squash(c) != "目录"
                && !matches!(c.last(), Some(':' | ','))
        };
        let mut title_runs: Vec<(usize, usize)> = Vec::new();
        let mut i = 0;
        while i < n {
            if title_like(i, &roles) {
                let mut j = i;
                while j < n && title_like(j, &roles) {
                    j += 1;
                }
                let joined: String = items[i..j].iter().map(|it| it.seg.text()).collect();
                let jc: Vec<char> = joined.chars().collect();
                if meta::kind_of(&jc) != planscope_model::PlanKind::Other
                    || contains(&jc, "规划")
                    || contains(&jc, "2035")
                {
                    for r in roles.iter_mut().take(j).skip(i) {
                        *r = Some(ParagraphRole::Title);
                    }
                    title_runs.push((i, j));
                }
                i = j;
            } else {
                i += 1;
            }
        }

        // metadata
        let md = &mut self.doc.metadata;
        // the notice headline, joined when it spans two lines
        let notice: Option<Seg> = (0..n)
            .find(|&i| roles[i] == Some(ParagraphRole::NoticeTitle))
            .map(|i| {
                let mut s = items[i].seg.clone();
                if i + 1 < n
                    && roles[i + 1] == Some(ParagraphRole::NoticeTitle)
                    && !meta::is_notice_title(items[i].chars())
                {
                    for &(a, b) in &items[i + 1].seg.parts {
                        s.push(self.src, a, b);
                    }
                }
                s
            });
        md.notice_title = notice.as_ref().map(|s| s.text());
        let block_title = title_runs.first().map(|&(a, b)| {
            let mut t = String::new();
            for (k, it) in items[a..b].iter().enumerate() {
                let c = it.chars();
                if k > 0
                    && meta::title_complete(&t.chars().collect::<Vec<_>>())
                    && !meta::is_period_line(c)
                {
                    break;
                }
                t.push_str(&it.seg.text());
            }
            t
        });
        md.title = notice
            .as_ref()
            .and_then(|s| meta::title_from_notice(&s.norm).map(|(a, b)| s.text_of(a, b)))
            .or(block_title)
            .or_else(|| items.first().map(|it| it.seg.text()))
            .unwrap_or_default();
        let sig: Vec<String> = (0..n)
            .filter(|&i| roles[i] == Some(ParagraphRole::Signature))
            .map(|i| items[i].seg.text())
            .collect();
        md.issuer = if sig.is_empty() {
            // the site that published it: its header, else a `来源:X` naming an organisation
            self.chrome_lines
                .iter()
                .find(|(_, n, rule)| *rule == "site-header" && meta::is_org_name(n))
                .map(|(c, _, _)| c.iter().collect())
                .or_else(|| {
                    self.chrome_lines
                        .iter()
                        .find_map(|(c, n, _)| meta::source_org(c, n))
                })
        } else {
            Some(sig.join(" "))
        };
        md.issued_date = (0..n)
            .find(|&i| {
                roles[i] == Some(ParagraphRole::Date)
                    && i > 0
                    && roles[i - 1] == Some(ParagraphRole::Signature)
            })
            .and_then(|i| meta::date_line(items[i].chars()));
        md.doc_number = (0..n)
            .find(|&i| roles[i] == Some(ParagraphRole::DocNumber))
            .map(|i| items[i].seg.text())
            .or_else(|| {
                // chrome (an info header's 文号 field) and short front lines; a long paragraph
                // citing another document's 文号 is not this document's number
                let short = items
                    .iter()
                    .filter(|it| it.seg.len() <= 40)
                    .map(|it| (&it.seg.chars, &it.seg.norm));
                let lines = self
                    .chrome_lines
                    .iter()
                    .map(|(c, n, _)| (c, n))
                    .chain(short);
                lines.into_iter().find_map(|(c, n)| {
                    meta::find_doc_number(n).map(|(a, b)| c[a..b].iter().collect())
                })
            });
        let keys = ["发布时间", "发布日期", "生成日期", "发文日期"];
        md.published_date = self
            .chrome_lines
            .iter()
            .find_map(|(_, n, _)| meta::date_after_key(n, &keys))
            .or_else(|| {
                items
                    .iter()
                    .find_map(|it| meta::date_after_key(it.chars(), &keys))
            });
        md.source_site = self
            .chrome_lines
            .iter()
            .find(|(_, _, r)| *r == "url")
            .map(|(c, _, _)| c.iter().collect());

        for (i, it) in items.iter().enumerate() {
            self.doc
                .front
                .push(Block::Paragraph(para(&it.seg, roles[i])));
        }
    }

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

    fn is_appendix_start(c: &[char]) -> bool {
        starts_with_at(c, 0, "附件")
            && (c.len() == 2
                || matches!(
                    c.get(2),
                    Some(':' | ' ' | '\u{a0}' | '0'..='9' | '一' | '二' | '三' | '四' | '五')
                ))
    }

    /// Handle `items[i]` in the body; returns how many items were consumed.
    fn body_item(&mut self, items: &[Item], i: usize) -> usize {
        let it = &items[i];
        let c = it.chars();
        // a heading that continues the outline ends back matter (版记 lines between two parts),
        // and a fresh `一、` ends an attachment (an attached document with its own outline)
        if let Some(l) = it.label {
            let resumes = match self.phase {
                Phase::Back => self.accept(&l, it.standalone(), false).is_some(),
                Phase::Appendix => {
                    l.level == 1
                        && l.number == 1
                        && it.standalone()
                        && matches!(self.accept(&l, true, false), Some(Accept::NewPart))
                }
                Phase::Body => false,
            };
            if resumes {
                self.phase = Phase::Body;
            }
        }
        if self.phase != Phase::Back && !self.flat.is_empty() {
            if Self::is_imprint(c) {
                self.phase = Phase::Back;
            } else if self.phase == Phase::Body
                && meta::is_org_name(c)
                && i + 1 < items.len()
                && meta::date_line(items[i + 1].chars()).is_some()
                && items[i + 2..]
                    .iter()
                    .all(|x| Self::is_imprint(x.chars()) || Self::is_appendix_start(x.chars()))
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
                if self.doc.metadata.issuer.is_none() {
                    self.doc.metadata.issuer = Some(it.seg.text());
                }
                if self.doc.metadata.issued_date.is_none() {
                    self.doc.metadata.issued_date = meta::date_line(items[i + 1].chars());
                }
                return 2;
            } else if self.phase == Phase::Body && Self::is_appendix_start(c) {
                self.phase = Phase::Appendix;
            }
            if self.phase == Phase::Appendix && Self::is_appendix_start(c) {
                let k = self.doc.appendix.len() + 1;
                let mut t: String = it.seg.text_of(2, c.len());
                t = t
                    .trim_start_matches([':', ':', ' ', '\u{a0}'])
                    .trim_start_matches(|x: char| x.is_ascii_digit())
                    .trim_start_matches([':', ':', ' '])
                    .to_string();
                self.doc.appendix.push(Attachment {
                    id: format!("A{k}"),
                    title: t,
                    blocks: Vec::new(),
                });
                self.push_block(Block::Paragraph(para(
                    &it.seg,
                    Some(ParagraphRole::Caption),
                )));
                return 1;
            }
        }
        if self.phase == Phase::Back {
            self.push_block(Block::Paragraph(para(
                &it.seg,
                Some(ParagraphRole::Imprint),
            )));
            return 1;
        }
        // 重点工程 box items
        if let Some(b) = &self.open_box {
            if let Some(l) = it.label {
                if l.level == b.level
                    && l.number == b.next
                    && (has_sentence_end(c) || c.len() > MAX_STANDALONE)
                {
                    let index = b.index;
                    self.open_box.as_mut().unwrap().next += 1;
                    let kp = &mut self.doc.key_projects[index];
                    kp.items.push(para(&it.seg, Some(ParagraphRole::BoxItem)));
                    return 1;
                }
            }
            self.open_box = None;
        }
        if self.phase == Phase::Body {
            if let Some(n) = Self::box_header(c) {
                let label_seg = it.seg.slice(0, n);
                let mut k = n;
                while k < c.len() && (is_space(c[k]) || matches!(c[k], ':' | '、')) {
                    k += 1;
                }
                let title_seg = it.seg.slice(k, c.len());
                let mut src = label_seg.ranges();
                let mut sep = it.seg.slice(n, k);
                sep.norm.retain(|&x| !is_space(x));
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
                    section_id: self.current_section_marker(),
                    label: label_text,
                    title: title_seg.text(),
                    src,
                    items: Vec::new(),
                });
                let item_level = items
                    .get(i + 1)
                    .and_then(|x| x.label)
                    .map(|l| l.level)
                    .unwrap_or(3);
                self.open_box = Some(OpenBox {
                    index,
                    next: 1,
                    level: item_level,
                });
                self.push_block(Block::KeyProject {
                    index: index as u32,
                });
                return 1;
            }
        }
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
            let marker = self.current_section_marker();
            let used = match kind {
                TableKind::Indicators => {
                    let id = format!("T{}", self.doc.indicator_tables.len() + 1);
                    let (t, used) = table::indicator_table(&segs, hlen, &id, &marker, caption);
                    if t.rows.is_empty() {
                        continue;
                    }
                    let index = self.doc.indicator_tables.len() as u32;
                    self.doc.indicator_tables.push(t);
                    self.push_block(Block::IndicatorTable { index });
                    used
                }
                TableKind::Tasks => {
                    let id = format!("R{}", self.doc.task_tables.len() + 1);
                    let (t, used) = table::task_table(&segs, hlen, &id, &marker, caption);
                    if t.rows.is_empty() {
                        continue;
                    }
                    let index = self.doc.task_tables.len() as u32;
                    self.doc.task_tables.push(t);
                    self.push_block(Block::TaskTable { index });
                    used
                }
            };
            return cap + used;
        }
        // headings
        if self.phase == Phase::Body {
            if let Some(l) = it.label {
                if let Some(how) = self.accept(&l, it.standalone(), false) {
                    let body = self.open_heading(&it.seg, l, how);
                    self.emit_text(body);
                    return 1;
                }
            }
        }
        let role = if self.phase == Phase::Appendix && c.len() <= 40 && !has_sentence_end(c) {
            Some(ParagraphRole::Caption)
        } else {
            None
        };
        if role.is_some() {
            self.push_block(Block::Paragraph(para(&it.seg, role)));
        } else {
            self.emit_text(it.seg.clone());
        }
        1
    }

    // ---------------------------------------------------------------------------------------
    // ids, tree, coverage
    // ---------------------------------------------------------------------------------------

    fn finish(mut self) -> PlanDocument {
        // section ids from numbering paths
        let min_level = self.flat.iter().map(|f| f.level).min().unwrap_or(1);
        let mut ids: Vec<String> = Vec::with_capacity(self.flat.len());
        let mut used = BTreeSet::new();
        for i in 0..self.flat.len() {
            let f = &self.flat[i];
            let mut path = vec![0u32; (f.level - min_level + 1) as usize];
            let mut cur = Some(i);
            while let Some(k) = cur {
                let g = &self.flat[k];
                path[(g.level - min_level) as usize] = g.number;
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
            if used.contains(&id) {
                let mut k = 2;
                while used.contains(&format!("{id}-{k}")) {
                    k += 1;
                }
                id = format!("{id}-{k}");
            }
            used.insert(id.clone());
            ids.push(id);
        }
        let resolve = |m: &str, doc: &PlanDocument| -> String {
            match m {
                "#front" => "0".into(),
                "#B" => "B".into(),
                _ if m.starts_with("#A") => doc
                    .appendix
                    .get(m[2..].parse::<usize>().unwrap_or(1).saturating_sub(1))
                    .map(|a| a.id.clone())
                    .unwrap_or_default(),
                _ => m[1..]
                    .parse::<usize>()
                    .ok()
                    .and_then(|k| ids.get(k).cloned())
                    .unwrap_or_default(),
            }
        };
        let doc_snapshot_appendix = self
            .doc
            .appendix
            .iter()
            .map(|a| a.id.clone())
            .collect::<Vec<_>>();
        let _ = doc_snapshot_appendix;
        for k in 0..self.doc.key_projects.len() {
            let m = self.doc.key_projects[k].section_id.clone();
            self.doc.key_projects[k].section_id = resolve(&m, &self.doc);
        }
        for k in 0..self.doc.indicator_tables.len() {
            let m = self.doc.indicator_tables[k].section_id.clone();
            self.doc.indicator_tables[k].section_id = resolve(&m, &self.doc);
        }
        for k in 0..self.doc.task_tables.len() {
            let m = self.doc.task_tables[k].section_id.clone();
            self.doc.task_tables[k].section_id = resolve(&m, &self.doc);
        }
        // an attachment with no title after 附件 takes its first table caption or line
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
                a.title = cap.unwrap_or_else(|| "附件".into());
            }
        }
        // paragraph ids
        fn number_paras(blocks: &mut [Block], sec: &str) {
            let mut k = 0;
            for b in blocks {
                if let Block::Paragraph(p) = b {
                    k += 1;
                    p.id = format!("{sec}p{k}");
                }
            }
        }
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
        // nest
        let mut nodes: Vec<Option<Section>> = Vec::with_capacity(self.flat.len());
        let parents: Vec<Option<usize>> = self.flat.iter().map(|f| f.parent).collect();
        for (i, f) in self.flat.drain(..).enumerate() {
            let mut blocks = f.blocks;
            number_paras(&mut blocks, &ids[i]);
            nodes.push(Some(Section {
                id: ids[i].clone(),
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
        for i in (0..nodes.len()).rev() {
            if let Some(p) = parents[i] {
                let child = nodes[i].take().unwrap();
                nodes[p].as_mut().unwrap().children.insert(0, child);
            }
        }
        self.doc.sections = nodes.into_iter().flatten().collect();
        self.doc
    }
}

fn range(seg: &Seg) -> SrcRange {
    [seg.start(), seg.parts.last().map(|p| p.1).unwrap_or(0)]
}
