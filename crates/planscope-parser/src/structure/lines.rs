//! Lines, chrome and paging: the source as segments.
//!
//! * Every physical line is trimmed of whitespace (its leading whitespace is kept as an
//!   indentation cue); blank lines are dropped.
//! * A line of web-page chrome ([`crate::chrome`]) is removed and recorded (as a removed
//!   fragment, and in [`Evidence::chrome`] for the metadata). The site's name counts as chrome
//!   only before the document starts. `key：value` chrome ([`chrome::Rule::edge_only`]:
//!   info boxes, footer fields) is chrome only at the page's edges: footer fields before the
//!   first line of document text, info box fields (`索引号`, `发文机关：`, `成文日期：`) anywhere
//!   before the body's first heading (`第一章`, `第一条`, `一、`; some portals print the box under
//!   the title), and both after the last line of document text. `主办单位：市教育委员会` between
//!   two headings is document text.
//! * **Paging.** When at least 80% of the kept lines start with a strictly sequential `N、`
//!   (1、 2、 3、 …, at least three) and at least half of those lines are cut mid-sentence (a
//!   document-sharing preview: one line per page), the numbers are removed (as page-number
//!   fragments), the pages are joined with no separator, and the stream is split at
//!   whitespace (the scrape turned paragraph breaks into spaces). A numbered list of whole
//!   sentences is not paging.
//! * Lines inside a known table ([`crate::source`]) are cells: never chrome, never page
//!   numbers, and their labels are not read (a cell `1.` is not a heading).

use planscope_model::{Removed, RemovedKind};

use super::{range, Builder, ChromeLine, Item};
use crate::chrome;
use crate::diagnostics::Rule;
use crate::text::{is_space, Seg};

impl<'a> Builder<'a> {
    /// Passes 1 and 2: chrome lines out, page artefacts out, segments in.
    pub(super) fn segments(&mut self) -> Vec<Item<'a>> {
        let src = self.src;
        let lines = src.lines();
        // every non-blank line with its chrome rule, if any
        let mut classified: Vec<(Seg, Option<chrome::Rule>)> = Vec::with_capacity(lines.len());
        let mut started = false;
        for (n, &(s, e)) in lines.iter().enumerate() {
            // the line trimmed, taken from the source as one range (not copied, then trimmed)
            let line = &src.chars[s as usize..e as usize];
            let Some(a) = line.iter().position(|&c| !is_space(c)) else {
                continue;
            };
            let b = line
                .iter()
                .rposition(|&c| !is_space(c))
                .map_or(a, |k| k + 1);
            let seg = Seg::from_range(src, s + a as u32, s + b as u32, n as u32 + 1, a as u32);
            if self.known_at(s).is_some() {
                classified.push((seg, None));
                continue;
            }
            let rule = chrome::classify(&seg.norm).or_else(|| {
                if started {
                    None
                } else if chrome::is_site_header(&seg.norm) {
                    Some(chrome::Rule::SiteHeader)
                } else {
                    started = true;
                    None
                }
            });
            classified.push((seg, rule));
        }
        // `key：value` chrome only in the edge runs: before the first (an info box: before the
        // body's first heading) and after the last line of document text
        let first_text = classified.iter().position(|(_, r)| r.is_none());
        let first_heading = classified.iter().position(|(s, r)| {
            r.is_none()
                && crate::label::scan(&s.norm).is_some_and(|l| l.rank() <= 4 && l.number == 1)
        });
        let last_text = classified.iter().rposition(|(_, r)| r.is_none());
        let mut kept: Vec<Seg> = Vec::with_capacity(classified.len());
        for (k, (seg, rule)) in classified.into_iter().enumerate() {
            let top = match rule {
                Some(chrome::Rule::InfoHeader) => first_heading.or(first_text),
                _ => first_text,
            };
            let inside = top.is_some_and(|f| k > f) && last_text.is_some_and(|l| k < l);
            match rule {
                Some(rule) if !(inside && rule.edge_only()) => {
                    self.doc.removed.push(Removed {
                        kind: RemovedKind::Chrome,
                        text: seg.text(),
                        src: range(&seg),
                    });
                    self.evidence.chrome.push(ChromeLine {
                        printed: seg.chars.to_vec(),
                        folded: seg.norm.to_vec(),
                        rule,
                    });
                }
                _ => kept.push(seg),
            }
        }

        // paging: strictly sequential `N、` at the start of most lines
        let known = self.known;
        let page_no = |seg: &Seg| -> Option<(u32, usize)> {
            if super::known_index(known, seg.start()).is_some() {
                return None;
            }
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
            return kept.into_iter().map(|s| self.item(s)).collect();
        }
        self.diag(
            Rule::PageArtefacts,
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
                    out.push(self.item(seg));
                }
            }
        }
        if let Some(st) = stream.take() {
            out.extend(st.split_ws().into_iter().map(Item::new));
        }
        out
    }

    /// An item; a cell of a known table has no label.
    fn item(&self, seg: Seg<'a>) -> Item<'a> {
        if self.known_at(seg.start()).is_some() {
            Item { seg, label: None }
        } else {
            Item::new(seg)
        }
    }
}
