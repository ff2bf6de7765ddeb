//! Where a heading's title ends.
//!
//! After the label (`1.`), a heading is one of:
//!
//! * **standalone** — the run has no sentence end (`。` `!` `?`) and is at most
//!   [`MAX_STANDALONE`] chars: the whole run is the title (`(一)指导思想`);
//! * **inline** — the title runs to the first sentence end, which is kept as the title's
//!   *tail*, and the rest is the section's first paragraph
//!   (`1.推动教育高质量发展三年提升行动。全面实施…`);
//! * **run-on** — the text up to the first sentence end is longer than [`RUN_ON_MIN`] chars:
//!   the scrape lost the punctuation between title and body
//!   (`5.建立现代学校管理体系建立依法办学…`). The title then ends before the first
//!   *clause-opening verb* ([`CLAUSE_OPENERS`]: 坚持, 建立, 出台, 运用, 整合, 落实, 推动, …) found at
//!   least [`MIN_TITLE`] chars in and outside quotes/brackets. Headings of official documents
//!   are verb–object phrases of typically 6–25 chars, and a body sentence starts a new clause
//!   with one of these verbs, so the first such verb after a minimal title marks the boundary.
//!   When no opener is found, the title runs to the sentence end and a diagnostic is raised.

use crate::text::{is_sentence_end, is_space, starts_with_at};

/// Longest run without a sentence end that is still taken as a whole standalone title.
pub const MAX_STANDALONE: usize = 40;
/// A title candidate longer than this is treated as a run-on.
pub const RUN_ON_MIN: usize = 30;
/// Minimal title length before a clause opener may end a run-on title.
pub const MIN_TITLE: usize = 6;

/// Verbs and adverbials that open a body clause in plan texts (two chars or more only:
/// single characters like 以 are too ambiguous). `建设` is deliberately absent: it ends
/// titles (`加强党的建设`) as often as it opens clauses.
pub const CLAUSE_OPENERS: &[&str] = &[
    "坚持",
    "建立",
    "出台",
    "运用",
    "整合",
    "落实",
    "推动",
    "推进",
    "实施",
    "开展",
    "制定",
    "完善",
    "加强",
    "加快",
    "加大",
    "深化",
    "健全",
    "强化",
    "提高",
    "提升",
    "全面",
    "积极",
    "进一步",
    "按照",
    "根据",
    "围绕",
    "依托",
    "鼓励",
    "支持",
    "引导",
    "统筹",
    "优化",
    "构建",
    "打造",
    "创新",
    "扩大",
    "探索",
    "严格",
    "规范",
    "切实",
    "着力",
    "大力",
    "持续",
    "继续",
    "确保",
    "力争",
    "组织",
    "指导",
    "督促",
    "利用",
    "发挥",
    "聚焦",
    "通过",
    "各地",
    "全市",
    "全区",
    "全县",
    "全省",
    "认真",
    "贯彻",
    "做好",
    "抓好",
    "巩固",
    "召开",
    "印发",
    "启动",
    "配齐",
    "落细",
    "筹建",
    "新建",
    "改建",
    "扩建",
    "修订",
    "出台",
];

/// The split of a run (after the label) into title, tail and body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TitleSplit {
    /// Title is `[0, title_end)`.
    pub title_end: usize,
    /// Tail (the sentence end closing an inline title) is `[title_end, tail_end)`.
    pub tail_end: usize,
    /// The body starts here (`== len` when there is none).
    pub body_start: usize,
    /// The title was cut by the run-on rule.
    pub run_on: bool,
    /// A run-on title for which no clause opener was found.
    pub unsure: bool,
}

fn is_open_quote(c: char) -> bool {
    matches!(c, '“' | '‘' | '《' | '〈' | '(' | '「' | '『' | '【' | '"')
}
fn is_close_quote(c: char) -> bool {
    matches!(c, '”' | '’' | '》' | '〉' | ')' | '」' | '』' | '】')
}

/// Split `run` (the text after the label).
pub fn split_title(run: &[char]) -> TitleSplit {
    let end = run.iter().position(|&c| c == '。' || c == '!' || c == '?');
    let body_after = |k: usize| {
        let mut b = k;
        while b < run.len() && is_space(run[b]) {
            b += 1;
        }
        b
    };
    // a space before the sentence end: line breaks of the original became spaces, and the
    // title ends at the first one (`一、总体要求 坚持以…`)
    let limit = end.unwrap_or(run.len());
    if let Some(ws) = run[..limit]
        .iter()
        .position(|&c| is_space(c))
        .filter(|&w| w >= 2)
    {
        return TitleSplit {
            title_end: ws,
            tail_end: ws,
            body_start: body_after(ws),
            run_on: false,
            unsure: false,
        };
    }
    match end {
        None if run.len() <= MAX_STANDALONE => TitleSplit {
            title_end: run.len(),
            tail_end: run.len(),
            body_start: run.len(),
            run_on: false,
            unsure: false,
        },
        Some(e) if e <= RUN_ON_MIN => TitleSplit {
            title_end: e,
            tail_end: e + 1,
            body_start: body_after(e + 1),
            run_on: false,
            unsure: false,
        },
        _ => {
            let limit = end.unwrap_or(run.len());
            if let Some(p) = clause_opener(run, limit) {
                return TitleSplit {
                    title_end: p,
                    tail_end: p,
                    body_start: p,
                    run_on: true,
                    unsure: false,
                };
            }
            match end {
                Some(e) => TitleSplit {
                    title_end: e,
                    tail_end: e + 1,
                    body_start: body_after(e + 1),
                    run_on: true,
                    unsure: true,
                },
                None => {
                    // no sentence end at all: a long line; take up to the first space or comma-free prefix
                    let cut = run.iter().position(|&c| is_space(c)).unwrap_or(run.len());
                    TitleSplit {
                        title_end: cut,
                        tail_end: cut,
                        body_start: body_after(cut),
                        run_on: true,
                        unsure: true,
                    }
                }
            }
        }
    }
}

/// First clause opener at or after [`MIN_TITLE`] and before `limit`, outside quotes.
fn clause_opener(run: &[char], limit: usize) -> Option<usize> {
    let mut depth = 0i32;
    for i in 0..limit.min(run.len()) {
        let c = run[i];
        if i >= MIN_TITLE && depth == 0 && CLAUSE_OPENERS.iter().any(|w| starts_with_at(run, i, w))
        {
            // do not cut right after a punctuation mark or inside a number
            let prev = run[i - 1];
            if !matches!(prev, '、' | ',' | ':') && !is_sentence_end(prev) {
                return Some(i);
            }
        }
        if is_open_quote(c) {
            depth += 1;
        } else if is_close_quote(c) {
            depth = (depth - 1).max(0);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn title(s: &str) -> (String, String) {
        let c: Vec<char> = s.chars().collect();
        let t = split_title(&c);
        (
            c[..t.title_end].iter().collect(),
            c[t.body_start..].iter().collect(),
        )
    }

    #[test]
    fn standalone_and_inline() {
        assert_eq!(title("指导思想").0, "指导思想");
        assert_eq!(
            title("聚焦内涵提升,聚力高质量教育体系建设").0,
            "聚焦内涵提升,聚力高质量教育体系建设"
        );
        let (t, b) = title("推动教育高质量发展三年提升行动。全面实施《方案》。");
        assert_eq!(t, "推动教育高质量发展三年提升行动");
        assert_eq!(b, "全面实施《方案》。");
        assert_eq!(title("强化组织领导。 各地要…").1, "各地要…");
    }

    #[test]
    fn a_space_ends_the_title() {
        let (t, b) =
            title("总体要求 坚持以习近平新时代中国特色社会主义思想为指导,全面贯彻党的教育方针。");
        assert_eq!(t, "总体要求");
        assert!(b.starts_with("坚持"));
        assert_eq!(title("发展基础 “十三五”期间成效显著。").0, "发展基础");
    }

    #[test]
    fn run_on_titles_split_at_clause_openers() {
        let cases = [
            ("完善终身学习教育体系整合教育、文化、体育等资源,构建覆盖城乡的终身学习网络,满足群众多样化学习需求。", "完善终身学习教育体系"),
            ("建立现代学校管理体系建立依法办学、自主管理、民主监督、社会参与的现代学校制度,推进学校章程建设。", "建立现代学校管理体系"),
            ("巩固控辍保学成果运用甘肃省控辍保学考勤系统,加强学籍管理,落实控辍保学责任,确保义务教育巩固率。", "巩固控辍保学成果"),
            ("坚定不移用习近平新时代中国特色社会主义思想铸魂育人坚持把学习宣传贯彻习近平新时代中国特色社会主义思想作为首要政治任务。", "坚定不移用习近平新时代中国特色社会主义思想铸魂育人"),
            ("持之以恒加强党的建设出台基层党组织建设三年行动计划重点任务清单。", "持之以恒加强党的建设"),
        ];
        for (run, want) in cases {
            assert_eq!(title(run).0, want, "{run}");
        }
    }

    #[test]
    fn quoted_openers_do_not_cut() {
        let (t, _) =
            title("实施“三所学校”“建立健全”质量提升工作方案落实到位的长效机制建设行动计划工程。");
        assert!(t.starts_with("实施“三所学校”“建立健全”"), "{t}");
    }
}
