//! Metadata: line readers (文号, dates, headlines and the title inside them, period, kind,
//! organisation names), each working on one folded line and knowing nothing of structure;
//! [`info_box`] reads a portal's info box; [`assemble()`] decides the document's metadata from
//! what the structure pass found, in one place.

pub mod assemble;
pub mod info_box;

pub use assemble::assemble;

use crate::text::{contains, find_at, is_han, is_space, starts_with_at};
use planscope_model::{Period, PlanKind};

fn ends_with(chars: &[char], p: &str) -> bool {
    let n = p.chars().count();
    chars.len() >= n && starts_with_at(chars, chars.len() - n, p)
}

/// Find a 文号 (`揭府办函〔2023〕58号`, `区教发〔2021〕515号`, `津和党发202214号`) in `chars`;
/// returns its char range. The form is: 1–10 Han chars (the issuer code, ending in a
/// document-type char such as 发 办 函 字 …), a year (in 〔〕 [] () or bare), a serial number, `号`.
pub fn find_doc_number(chars: &[char]) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(h) = find_at(chars, from, "号") {
        from = h + 1;
        // serial digits
        let mut i = h;
        while i > 0 && chars[i - 1].is_ascii_digit() {
            i -= 1;
        }
        let digits_start = i;
        if digits_start == h {
            continue;
        }
        let mut year_ok = false;
        let mut bracketed = false;
        if i > 0 && matches!(chars[i - 1], '〕' | ']' | ')' | '】' | '〉') {
            // bracketed year
            let close = i - 1;
            if close >= 5
                && (0..4).all(|k| chars[close - 4 + k].is_ascii_digit())
                && matches!(chars[close - 5], '〔' | '[' | '(' | '【' | '〈')
            {
                let y: String = chars[close - 4..close].iter().collect();
                year_ok = y.starts_with("19") || y.starts_with("20");
                bracketed = true;
                i = close - 5;
            }
        } else if h - digits_start >= 5 && h - digits_start <= 8 {
            // bare: year glued to the serial (`202214`)
            let y: String = chars[digits_start..digits_start + 4].iter().collect();
            year_ok = y.starts_with("19") || y.starts_with("20");
        }
        if !year_ok {
            continue;
        }
        let code_end = i;
        while i > 0 && is_han(chars[i - 1]) && code_end - (i - 1) <= 10 {
            i -= 1;
        }
        if code_end - i < 2 {
            continue;
        }
        let code: String = chars[i..code_end].iter().collect();
        let last = chars[code_end - 1];
        if bracketed
            || matches!(
                last,
                '发' | '办'
                    | '函'
                    | '字'
                    | '文'
                    | '通'
                    | '规'
                    | '告'
                    | '令'
                    | '复'
                    | '报'
                    | '呈'
                    | '议'
                    | '纪'
                    | '电'
                    | '便'
            )
            || code.contains('发')
        {
            return Some((i, h + 1));
        }
    }
    None
}

/// The inside of a line wrapped in one pair of parentheses (`(某政办发〔2016〕1号)`), else the
/// line.
pub fn unparenthesised(chars: &[char]) -> &[char] {
    match chars {
        ['(', inner @ .., ')'] => inner,
        _ => chars,
    }
}

/// Is the whole (trimmed) line a 文号, bare or in parentheses (`（某政办发〔2016〕1号）`)?
pub fn is_doc_number_line(chars: &[char]) -> bool {
    let c = unparenthesised(chars);
    matches!(find_doc_number(c), Some((0, e)) if e == c.len())
}

fn valid_date(y: u32, m: u32, d: u32) -> bool {
    (1949..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d)
}

fn num(chars: &[char], i: &mut usize, max: usize) -> Option<u32> {
    let start = *i;
    let mut v = 0u32;
    while *i < chars.len() && chars[*i].is_ascii_digit() && *i - start < max {
        v = v * 10 + chars[*i].to_digit(10)?;
        *i += 1;
    }
    (*i > start).then_some(v)
}

/// A date written in Chinese numerals: `二〇二二年三月十一日`.
fn cn_date_at(chars: &[char], at: usize) -> Option<(String, usize)> {
    let digit = |c: char| {
        "〇一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .or(if c == '零' { Some(0) } else { None })
    };
    let mut i = at;
    let mut y = 0u32;
    while i < chars.len() && i - at < 4 {
        y = y * 10 + digit(chars[i])? as u32;
        i += 1;
    }
    if i - at != 4 || chars.get(i) != Some(&'年') {
        return None;
    }
    i += 1;
    let mut part = |end: char| -> Option<u32> {
        let s = i;
        while i < chars.len() && chars[i] != end && i - s < 3 {
            i += 1;
        }
        if chars.get(i) != Some(&end) {
            return None;
        }
        let v = crate::label::chinese_numeral(&chars[s..i])?;
        i += 1;
        Some(v)
    };
    let m = part('月')?;
    let d = part('日')?;
    valid_date(y, m, d).then(|| (format!("{y:04}-{m:02}-{d:02}"), i - at))
}

/// A date at `chars[at..]`: `2022年6月13日`, `2022-06-27`, `2022/6/27`, `2022.6.27`, the
/// compact `20211011`, or Chinese numerals (`二〇二二年三月十一日`). Returns ISO `YYYY-MM-DD`
/// and the length consumed.
pub fn date_at(chars: &[char], at: usize) -> Option<(String, usize)> {
    if let Some(d) = cn_date_at(chars, at) {
        return Some(d);
    }
    let mut i = at;
    let y = num(chars, &mut i, 4)?;
    if i - at != 4 {
        return None;
    }
    let (m, d) = match chars.get(i) {
        Some('年') => {
            i += 1;
            let m = num(chars, &mut i, 2)?;
            if chars.get(i) != Some(&'月') {
                return None;
            }
            i += 1;
            let d = num(chars, &mut i, 2)?;
            if chars.get(i) != Some(&'日') {
                return None;
            }
            i += 1;
            (m, d)
        }
        Some(&sep) if matches!(sep, '-' | '/' | '.') => {
            i += 1;
            let m = num(chars, &mut i, 2)?;
            if chars.get(i) != Some(&sep) {
                return None;
            }
            i += 1;
            let d = num(chars, &mut i, 2)?;
            (m, d)
        }
        _ => {
            // compact YYYYMMDD
            let mut j = i;
            let md = num(chars, &mut j, 4)?;
            if j - i != 4 || chars.get(j).is_some_and(|c| c.is_ascii_digit()) {
                return None;
            }
            i = j;
            (md / 100, md % 100)
        }
    };
    valid_date(y, m, d).then(|| (format!("{y:04}-{m:02}-{d:02}"), i - at))
}

/// Is the whole trimmed line a date, bare or in parentheses (`（2017年08月14日）`)?
pub fn date_line(chars: &[char]) -> Option<String> {
    let c = unparenthesised(chars);
    let (d, n) = date_at(c, 0)?;
    (n == c.len()).then_some(d)
}

/// The first date after one of `keys` (`发布时间:2022-06-27 17:17` → `2022-06-27`).
pub fn date_after_key(chars: &[char], keys: &[&str]) -> Option<String> {
    for k in keys {
        if let Some(p) = find_at(chars, 0, k) {
            let mut i = p + k.chars().count();
            while i < chars.len() && (is_space(chars[i]) || matches!(chars[i], ':')) {
                i += 1;
            }
            if let Some((d, _)) = date_at(chars, i) {
                return Some(d);
            }
        }
    }
    None
}

/// Verbs of a notice that carries a document (印发 a plan, 转发/批转 another body's document,
/// 颁发/颁布/发布/公布/下发 rules or lists).
pub const WRAPPER_VERBS: &[&str] = &[
    "印发", "转发", "批转", "颁发", "颁布", "发布", "公布", "下发",
];

/// Document-type words that end a headline.
const HEADLINE_ENDS: &[&str] = &["通知", "决定", "意见", "通报", "批复", "函"];

/// What a headline line is (see [`headline`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Headline {
    /// `X关于印发《Y》的通知`, `X转发Z关于Y的通知`: a notice carrying the document Y.
    Wrapper,
    /// `X关于Y的意见`, `X关于Y的通知` with no carrying verb: the document itself.
    Document,
}

/// Does the line contain a [`WRAPPER_VERBS`] verb?
pub fn has_wrapper_verb(chars: &[char]) -> bool {
    WRAPPER_VERBS.iter().any(|v| contains(chars, v))
}

/// Is this line a 公文 headline, and which kind? A headline has no sentence end, is at most
/// 120 chars, ends with a document type ([`HEADLINE_ENDS`]: 通知, 意见, 决定, …) and either
/// contains 关于 or a carrying verb. It is a [`Headline::Wrapper`] when it ends with `的通知`
/// (or `通知`) and a [`WRAPPER_VERBS`] verb comes before it; otherwise the headline is the
/// document's own title ([`Headline::Document`]). The verb must open the headline's matter
/// (`关于印发`, `关于转发`) or come before its 关于 (`X转发Z关于…的通知`, `X印发《…》的通知`): a verb
/// inside the matter (`关于做好信息发布工作的通知`) does not make a wrapper.
pub fn headline(chars: &[char]) -> Option<Headline> {
    if chars.len() > 120
        || chars.iter().any(|&c| crate::text::is_sentence_end(c))
        || !HEADLINE_ENDS.iter().any(|e| ends_with(chars, e))
    {
        return None;
    }
    let about = find_at(chars, 0, "关于");
    if about.is_none() && !has_wrapper_verb(chars) {
        return None;
    }
    // the verb carries a document when it opens the matter (`关于印发`) or comes before any
    // 关于 (`X转发Z关于…`, `X印发《…》`); `关于做好信息发布工作的通知` is the document itself
    let carrying = WRAPPER_VERBS
        .iter()
        .any(|v| match (about, find_at(chars, 0, v)) {
            (Some(a), Some(p)) => p < a || p == a + 2,
            (None, Some(_)) => true,
            _ => false,
        });
    if carrying && ends_with(chars, "通知") {
        Some(Headline::Wrapper)
    } else {
        Some(Headline::Document)
    }
}

/// Is this line a notice headline (关于…的通知/意见/决定/通报)? See [`headline`].
pub fn is_notice_title(chars: &[char]) -> bool {
    headline(chars).is_some()
}

/// The issuing body at the start of a headline: the text before its first 关于 or carrying verb
/// (`某区人民政府办公厅转发…` → `某区人民政府办公厅`), when it is an organisation name
/// ([`is_org_name`]). Returns its char range.
pub fn headline_issuer(chars: &[char]) -> Option<(usize, usize)> {
    let mut cut = find_at(chars, 0, "关于");
    for v in WRAPPER_VERBS {
        if let Some(p) = find_at(chars, 0, v) {
            cut = Some(cut.map_or(p, |c| c.min(p)));
        }
    }
    let end = cut?;
    let mut start = 0;
    while start < end && is_space(chars[start]) {
        start += 1;
    }
    let mut e = end;
    while e > start && is_space(chars[e - 1]) {
        e -= 1;
    }
    (e > start && is_org_name(&chars[start..e])).then_some((start, e))
}

/// The title of the document a wrapper headline carries: the text in its 《》, else what
/// follows the carrying verb up to `的通知` — from 关于 on when the verb is followed by another
/// body's 关于-document (`转发教育厅等部门关于加强…若干意见的通知` → `关于加强…若干意见`).
/// Without a carrying verb, the text between 关于 and 的通知/的决定/的意见.
pub fn title_from_notice(chars: &[char]) -> Option<(usize, usize)> {
    if let Some(a) = find_at(chars, 0, "《") {
        if let Some(b) = find_at(chars, a + 1, "》") {
            if b > a + 1 {
                return Some((a + 1, b));
            }
        }
    }
    let end_of = |start: usize| {
        ["的通知", "的决定", "的意见"]
            .iter()
            .find_map(|e| find_at(chars, start, e))
            .or_else(|| {
                (chars.len() >= start + 2 && ends_with(chars, "通知")).then(|| chars.len() - 2)
            })
    };
    let verb_at = WRAPPER_VERBS
        .iter()
        .filter_map(|v| find_at(chars, 0, v).map(|p| (p, v.chars().count())))
        .min();
    if let Some((p, n)) = verb_at {
        let mut start = p + n;
        if let Some(q) = find_at(chars, start, "关于") {
            if !contains(&chars[start..q], "的") {
                start = q;
            }
        }
        let end = end_of(start)?;
        if end > start {
            return Some((start, end));
        }
    }
    let a = find_at(chars, 0, "关于")?;
    let start = a + 2;
    let end = find_at(chars, start, "的通知")
        .or_else(|| find_at(chars, start, "的决定"))
        .or_else(|| find_at(chars, start, "的意见"))?;
    (end > start).then_some((start, end))
}

/// Organisation-name endings (issuing bodies).
const ORG_ENDINGS: &[&str] = &[
    "人民政府办公室",
    "人民政府办公厅",
    "人民政府",
    "办公室",
    "办公厅",
    "委员会",
    "教育局",
    "教育厅",
    "教育委员会",
    "教委",
    "教育体育局",
    "教育和体育局",
    "局",
    "厅",
    "委",
    "政府",
    "党委",
    "党组",
    "中心",
    "学院",
];

/// Does this short line look like an organisation name (a signature line)?
pub fn is_org_name(chars: &[char]) -> bool {
    if chars.is_empty() || chars.len() > 30 {
        return false;
    }
    if chars
        .iter()
        .any(|&c| crate::text::is_sentence_end(c) || matches!(c, ',' | ':'))
    {
        return false;
    }
    ORG_ENDINGS.iter().any(|e| ends_with(chars, e))
}

/// The organisation in a `来源:X` page line, when X is one (`来源:清远市教育局 发布时间:…`).
pub fn source_org(printed: &[char], folded: &[char]) -> Option<String> {
    let start = find_at(folded, 0, "来源:")? + 3;
    let end = (start..folded.len())
        .find(|&k| is_space(folded[k]))
        .unwrap_or(folded.len());
    is_org_name(&folded[start..end]).then(|| printed[start..end].iter().collect())
}

/// Plan period from a title or a sentence: `(2021—2025年)`, `2023-2027年`, `2021~2025`,
/// `十四五` (2021–2025), a single `2022年` (annual plans).
pub fn period_in(chars: &[char]) -> Option<Period> {
    // YYYY[—–-~至到]YYYY
    for i in 0..chars.len() {
        if i + 9 <= chars.len()
            && chars[i..i + 4].iter().all(|c| c.is_ascii_digit())
            && (i == 0 || !chars[i - 1].is_ascii_digit())
        {
            let mut j = i + 4;
            if chars.get(j) == Some(&'年') {
                j += 1;
            }
            if matches!(
                chars.get(j),
                Some('—' | '–' | '-' | '~' | '至' | '到' | '－')
            ) {
                j += 1;
                if chars.get(j) == Some(&'—') {
                    j += 1;
                }
                if j + 4 <= chars.len()
                    && chars[j..j + 4].iter().all(|c| c.is_ascii_digit())
                    && !chars.get(j + 4).is_some_and(|c| c.is_ascii_digit())
                {
                    let a: u16 = chars[i..i + 4].iter().collect::<String>().parse().ok()?;
                    let b: u16 = chars[j..j + 4].iter().collect::<String>().parse().ok()?;
                    if (1949..=2100).contains(&a) && a <= b && b - a <= 20 {
                        return Some(Period { start: a, end: b });
                    }
                }
            }
        }
    }
    for (name, start) in [
        ("十一五", 2006),
        ("十二五", 2011),
        ("十三五", 2016),
        ("十四五", 2021),
        ("十五五", 2026),
        ("十六五", 2031),
        ("第十一个五年", 2006),
        ("第十二个五年", 2011),
        ("第十三个五年", 2016),
        ("第十四个五年", 2021),
        ("第十五个五年", 2026),
    ] {
        if contains(chars, name) {
            return Some(Period {
                start,
                end: start + 4,
            });
        }
    }
    None
}

/// A single year printed in a title (`清远市2022年教育工作要点` → 2022).
pub fn single_year(chars: &[char]) -> Option<u16> {
    for i in 0..chars.len().saturating_sub(3) {
        if chars[i..i + 4].iter().all(|c| c.is_ascii_digit())
            && (i == 0 || !chars[i - 1].is_ascii_digit())
            && !chars.get(i + 4).is_some_and(|c| c.is_ascii_digit())
        {
            let y: u16 = chars[i..i + 4].iter().collect::<String>().parse().ok()?;
            if (1990..=2100).contains(&y) {
                return Some(y);
            }
        }
    }
    None
}

/// 文种 endings and the kind each gives, longest first within a kind.
const KIND_ENDINGS: &[(&str, PlanKind)] = &[
    ("要点", PlanKind::AnnualWorkPoints),
    ("意见", PlanKind::Opinion),
    ("办法", PlanKind::Measures),
    ("细则", PlanKind::Measures),
    ("规定", PlanKind::Measures),
    ("规则", PlanKind::Measures),
    ("章程", PlanKind::Measures),
    ("方案", PlanKind::ActionPlan),
    ("计划", PlanKind::ActionPlan),
    ("规划", PlanKind::FiveYearPlan),
    ("纲要", PlanKind::FiveYearPlan),
    ("通知", PlanKind::Notice),
    ("决定", PlanKind::Notice),
    ("通报", PlanKind::Notice),
];

/// A title without what may follow its document type: trailing spaces, quotes and
/// parentheticals (`（2021—2025年）`, `（试行）`, `(修订)`).
fn title_core(title: &[char]) -> &[char] {
    let mut t = title;
    loop {
        while let [rest @ .., last] = t {
            if is_space(*last) || matches!(last, '”' | '"' | '》' | '」') {
                t = rest;
            } else {
                break;
            }
        }
        if t.last() == Some(&')') {
            if let Some(open) = t.iter().rposition(|&c| c == '(') {
                if open > 0 {
                    t = &t[..open];
                    continue;
                }
            }
        }
        return t;
    }
}

/// Kind of plan from its title (folded). The 文种 is the title's last word, after dropping
/// trailing parentheticals: `…工作要点` annual work points, `…意见` (实施意见, 若干意见) an
/// opinion, `…办法/细则/规定/规则/章程` measures, `…方案/计划` an action plan, `…规划/纲要` a
/// five-year or special plan, `…通知/决定/通报` a notice. A title containing 现代化 and 2035 is a
/// modernization plan whatever its last word. A title with none of these endings is read by
/// the words it contains (`三年行动`, `规划`, `五年`, `要点`), else `other`.
pub fn kind_of(title: &[char]) -> PlanKind {
    if contains(title, "现代化2035") || (contains(title, "2035") && contains(title, "现代化"))
    {
        return PlanKind::Modernization2035;
    }
    let core = title_core(title);
    if let Some((_, k)) = KIND_ENDINGS.iter().find(|(e, _)| ends_with(core, e)) {
        return *k;
    }
    if contains(title, "工作要点") || contains(title, "要点") {
        PlanKind::AnnualWorkPoints
    } else if contains(title, "行动方案")
        || contains(title, "行动计划")
        || contains(title, "实施方案")
        || contains(title, "工作方案")
        || contains(title, "三年行动")
    {
        PlanKind::ActionPlan
    } else if contains(title, "规划") || contains(title, "五年") {
        PlanKind::FiveYearPlan
    } else {
        PlanKind::Other
    }
}

/// Does a title line look complete (ends with a document-type word, or a period in
/// parentheses)? Used to decide how many title-block lines make the title.
pub fn title_complete(chars: &[char]) -> bool {
    const ENDS: &[&str] = &[
        "规划", "方案", "要点", "计划", "意见", "纲要", "办法", "细则", "2035", "通知", "规定",
        "决定", "报告",
    ];
    let last_close = chars.last() == Some(&')');
    ENDS.iter().any(|e| ends_with(chars, e))
        || (last_close && chars.iter().filter(|c| c.is_ascii_digit()).count() >= 4)
}

/// Is the line only a period in parentheses (`(2021—2025年)`)?
pub fn is_period_line(chars: &[char]) -> bool {
    chars.len() <= 16
        && matches!(chars.first(), Some('('))
        && matches!(chars.last(), Some(')'))
        && period_in(chars).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn doc_numbers() {
        let f =
            |s: &str| find_doc_number(&c(s)).map(|(a, b)| c(s)[a..b].iter().collect::<String>());
        assert_eq!(
            f("揭府办函〔2023〕58号").as_deref(),
            Some("揭府办函〔2023〕58号")
        );
        assert_eq!(
            f("索引号 6208001028/2021-03060 文号 区教发〔2021〕515号").as_deref(),
            Some("区教发〔2021〕515号")
        );
        assert_eq!(
            f("2022年和平教育现代化2035 津和党发202214号 关于").as_deref(),
            Some("津和党发202214号")
        );
        assert_eq!(f("粤教基〔2022〕3号").as_deref(), Some("粤教基〔2022〕3号"));
        assert_eq!(f("全市202260项"), None);
        assert_eq!(f("索引号"), None);
        assert_eq!(f("第3号"), None);
        assert!(is_doc_number_line(&c("揭府办函〔2023〕58号")));
    }

    #[test]
    fn dates() {
        assert_eq!(
            date_line(&c("2022年6月13日")).as_deref(),
            Some("2022-06-13")
        );
        assert_eq!(date_line(&c("20211011")).as_deref(), Some("2021-10-11"));
        assert_eq!(date_line(&c("2022-05-10")).as_deref(), Some("2022-05-10"));
        assert_eq!(date_line(&c("20221311")), None);
        assert_eq!(
            date_line(&c("二〇二二年三月十一日")).as_deref(),
            Some("2022-03-11")
        );
        assert_eq!(
            date_line(&c("二〇二一年十二月三十一日")).as_deref(),
            Some("2021-12-31")
        );
        assert_eq!(
            date_after_key(&c("来源:本网 发布时间:2022-06-27 17:17"), &["发布时间"]).as_deref(),
            Some("2022-06-27")
        );
    }

    #[test]
    fn notice_titles() {
        let t = c("广州市从化区人民政府办公室关于印发《广州市从化区教育事业发展“十四五”规划(2021—2025年)》的通知");
        assert!(is_notice_title(&t));
        let tn = |t: &[char]| title_from_notice(t).map(|(a, b)| t[a..b].iter().collect::<String>());
        assert_eq!(
            tn(&t).as_deref(),
            Some("广州市从化区教育事业发展“十四五”规划(2021—2025年)")
        );
        let t = c("揭阳市人民政府办公室关于印发揭阳市“百县千镇万村高质量发展工程”教育行动方案(2023-2027年)的通知");
        assert_eq!(
            tn(&t).as_deref(),
            Some("揭阳市“百县千镇万村高质量发展工程”教育行动方案(2023-2027年)")
        );
        assert_eq!(
            tn(&c("关于印发*教化现代化2035的通知")).as_deref(),
            Some("*教化现代化2035")
        );
        assert_eq!(
            tn(&c(
                "某区人民政府办公厅转发教育厅等部门关于加强学校美育工作若干意见的通知"
            ))
            .as_deref(),
            Some("关于加强学校美育工作若干意见")
        );
        assert_eq!(
            tn(&c(
                "市教育委员会办公室关于印发两项学校美育实践活动实施方案的通知"
            ))
            .as_deref(),
            Some("两项学校美育实践活动实施方案")
        );
    }

    #[test]
    fn headlines() {
        use Headline::*;
        let h = |s: &str| headline(&c(s));
        assert_eq!(
            h("某市人民政府办公厅关于印发某市学校美育工作实施方案的通知"),
            Some(Wrapper)
        );
        assert_eq!(
            h("某区人民政府办公厅转发教育厅等部门关于加强学校美育工作若干意见的通知"),
            Some(Wrapper)
        );
        assert_eq!(
            h("中共中央办公厅 国务院办公厅印发《关于全面加强新时代大中小学劳动教育的意见》的通知"),
            Some(Wrapper)
        );
        assert_eq!(
            h("某省人民政府办公厅关于加强学校美育工作的实施意见"),
            Some(Document)
        );
        assert_eq!(
            h("某市人民政府办公室关于加强学校美育工作的通知"),
            Some(Document)
        );
        assert_eq!(h("某市学校美育工作实施方案"), None);
        assert_eq!(
            h("某市教育局关于做好2022年高考信息发布工作的通知"),
            Some(Document)
        );
        assert_eq!(
            h("某县教育局关于公布2021年优秀教师名单的通知"),
            Some(Wrapper)
        );
        assert_eq!(h("关于做好工作的通知。"), None);
        let hi = |s: &str| {
            let v = c(s);
            headline_issuer(&v).map(|(a, b)| v[a..b].iter().collect::<String>())
        };
        assert_eq!(
            hi("某区人民政府办公厅转发教育厅等部门关于加强学校美育工作若干意见的通知").as_deref(),
            Some("某区人民政府办公厅")
        );
        assert_eq!(
            hi("某市人民政府办公厅关于印发某市学校美育工作实施方案的通知").as_deref(),
            Some("某市人民政府办公厅")
        );
        assert_eq!(hi("关于印发某市学校美育工作实施方案的通知"), None);
        assert!(is_doc_number_line(&c("(某政办发〔2016〕1号)")));
        assert_eq!(
            date_line(&c("(2017年08月14日)")).as_deref(),
            Some("2017-08-14")
        );
    }

    #[test]
    fn periods_and_kinds() {
        assert_eq!(
            period_in(&c("规划(2021—2025年)")),
            Some(Period {
                start: 2021,
                end: 2025
            })
        );
        assert_eq!(
            period_in(&c("方案(2023-2027年)")),
            Some(Period {
                start: 2023,
                end: 2027
            })
        );
        assert_eq!(
            period_in(&c("“十四五”时期(2021~2025年)")),
            Some(Period {
                start: 2021,
                end: 2025
            })
        );
        assert_eq!(
            period_in(&c("平凉市崆峒区“十四五”教育事业发展专项规划")),
            Some(Period {
                start: 2021,
                end: 2025
            })
        );
        assert_eq!(period_in(&c("清远市2022年教育工作要点")), None);
        assert_eq!(
            period_in(&c("某市教育事业发展第十四个五年规划")),
            Some(Period {
                start: 2021,
                end: 2025
            })
        );
        assert_eq!(single_year(&c("清远市2022年教育工作要点")), Some(2022));
        assert_eq!(
            kind_of(&c("清远市2022年教育工作要点")),
            PlanKind::AnnualWorkPoints
        );
        assert_eq!(kind_of(&c("*教化现代化2035")), PlanKind::Modernization2035);
        assert_eq!(
            kind_of(&c(
                "揭阳市“百县千镇万村高质量发展工程”教育行动方案(2023-2027年)"
            )),
            PlanKind::ActionPlan
        );
        assert_eq!(
            kind_of(&c("平凉市崆峒区“十四五”教育事业发展专项规划")),
            PlanKind::FiveYearPlan
        );
        for (t, k) in [
            (
                "某省人民政府办公厅关于加强学校美育工作的实施意见",
                PlanKind::Opinion,
            ),
            ("关于加强学校美育工作的若干意见", PlanKind::Opinion),
            ("某区学校兼职教师管理办法", PlanKind::Measures),
            ("某省中小学教师培训管理办法(试行)", PlanKind::Measures),
            ("某市学生资助工作实施细则", PlanKind::Measures),
            (
                "某市人民政府办公室关于加强学校美育工作的通知",
                PlanKind::Notice,
            ),
            ("某市学校美育工作方案", PlanKind::ActionPlan),
            (
                "某县义务教育优质均衡发展三年行动计划(2021-2023年)",
                PlanKind::ActionPlan,
            ),
            ("某市教育事业发展规划纲要", PlanKind::FiveYearPlan),
            (
                "某市推进教育现代化2035实施方案",
                PlanKind::Modernization2035,
            ),
            ("某市教育三年行动", PlanKind::ActionPlan),
            ("学校美育", PlanKind::Other),
        ] {
            assert_eq!(kind_of(&c(t)), k, "{t}");
        }
        assert!(is_period_line(&c("(2021—2025年)")));
        assert!(title_complete(&c("发展“十四五”规划")));
        assert!(!title_complete(&c("广州市从化区教育事业")));
    }

    #[test]
    fn orgs() {
        assert!(is_org_name(&c("广州市从化区人民政府办公室")));
        assert!(is_org_name(&c("中共*市*区委员会")));
        assert!(is_org_name(&c("平凉市崆峒区教育局")));
        assert!(!is_org_name(&c("各镇人民政府、街道办事处,区政府各部门:")));
    }
}
