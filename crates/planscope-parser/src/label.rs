//! Heading labels of Chinese official documents (GB/T 9704—2012 §7.3.3: 一、 → (一) → 1. → (1)),
//! plus the circled ① level that many plans add below (1).
//!
//! | level | form | accepted variants |
//! |---|---|---|
//! | 1 | `一、` | Chinese numeral 一…九十九 + `、` (also `,` `.`-less) |
//! | 2 | `(一)` | ASCII or full-width parentheses, optional space inside |
//! | 3 | `1.` | ASCII or full-width digits + `.` `.` `、` |
//! | 4 | `(1)` | ASCII or full-width parentheses |
//! | 5 | `①` | circled numbers ①…⑳ |
//!
//! The level is the label *type*, not the depth in the tree: items `1.` directly under `一、`
//! are level 3.
//!
//! Measures and rules (办法, 规定, 细则) number their text in the legal style, which ranks above
//! the GB/T levels ([`Label::rank`]):
//!
//! | kind | form | examples |
//! |---|---|---|
//! | chapter | `第` + numeral + `章` | `第一章 总则`, `第十二章`, `第3章` |
//! | section | `第` + numeral + `节` | `第一节 学前教育` |
//! | article | `第` + numeral + `条` | `第一条　为加强…`, `第二十一条` |
//!
//! The numeral is Chinese (一…九百九十九) or 1–3 ASCII digits. A chapter or section label must be
//! followed by a space, the end of the line or a title; an article label by a space, or by text
//! that does not continue a reference (`第三条规定的…`, `第五条所列` are not labels).

use planscope_model::SectionKind;

/// A label found at the start of a run of text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Label {
    /// GB/T heading, chapter, section or article.
    pub kind: SectionKind,
    /// Level within the kind (GB/T: 1–5; chapter 1, section 2, article 3).
    pub level: u8,
    pub number: u32,
    /// Length of the label in chars (`(十二)` = 4).
    pub len: usize,
    /// The char right after the label is an ASCII digit (`2.2035年…`): the label may be
    /// the integer part of a decimal number.
    pub digit_follows: bool,
}

impl Label {
    /// Where the label sits in the outline, top = 1: 第X章 1, 第X节 2, 第X条 3, then the GB/T
    /// levels 一、 4 … ① 8 (a document part is 0). A label opens a section under the nearest
    /// open section of a smaller rank.
    pub fn rank(&self) -> usize {
        rank_of(self.kind, self.level)
    }

    /// A GB/T heading label of this level (`heading(1)`: 一、).
    pub fn is_heading(&self, level: u8) -> bool {
        self.kind == SectionKind::Heading && self.level == level
    }
}

/// [`Label::rank`] for a kind and level.
pub fn rank_of(kind: SectionKind, level: u8) -> usize {
    match kind {
        SectionKind::Part => 0,
        SectionKind::Chapter => 1,
        SectionKind::Section => 2,
        SectionKind::Article => 3,
        SectionKind::Heading => 3 + level as usize,
    }
}

/// Number of ranks ([`Label::rank`] is below this).
pub const RANKS: usize = 9;

/// Words that continue a reference to an article rather than start its text
/// (`第三条规定的`, `第五条所列`, `第二条中`).
const ARTICLE_REFERENCE: &[&str] = &[
    "规定", "所", "中", "的", "之", "至", "和", "及", "或", "、", ",", "第", "款", "项",
];

/// `第X章` / `第X节` / `第X条` at the start of `chars`.
fn scan_legal(chars: &[char]) -> Option<Label> {
    if chars.first() != Some(&'第') {
        return None;
    }
    let mut i = 1;
    let digits = chars[1..].iter().take_while(|c| c.is_ascii_digit()).count();
    let number = if digits > 0 {
        if digits > 3 {
            return None;
        }
        i += digits;
        chars[1..i].iter().collect::<String>().parse::<u32>().ok()?
    } else {
        while chars.get(i).is_some_and(|&c| is_cn_digit(c) && c != '两') {
            i += 1;
        }
        chinese_numeral(&chars[1..i])?
    };
    let (kind, level) = match chars.get(i)? {
        '章' => (SectionKind::Chapter, 1),
        '节' => (SectionKind::Section, 2),
        '条' => (SectionKind::Article, 3),
        _ => return None,
    };
    if number == 0 {
        return None;
    }
    let len = i + 1;
    let rest = &chars[len..];
    let spaced = rest.first().is_none_or(|&c| crate::text::is_space(c));
    if !spaced {
        let reference = ARTICLE_REFERENCE
            .iter()
            .any(|w| crate::text::starts_with_at(rest, 0, w));
        if reference
            || rest
                .first()
                .is_some_and(|&c| crate::text::is_sentence_end(c))
        {
            return None;
        }
    }
    Some(Label {
        kind,
        level,
        number,
        len,
        digit_follows: false,
    })
}

/// The value of one Chinese numeral digit (`零`/`〇`…`九`, `两` = 2); the parser's one table.
pub const fn cn_digit(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// Value of a Chinese numeral 零/〇…九十九, 一百…九百九十九 (simple forms only).
pub fn chinese_numeral(s: &[char]) -> Option<u32> {
    if s.is_empty() || s.len() > 5 {
        return None;
    }
    let mut total = 0u32;
    let mut cur: Option<u32> = None;
    let mut seen_unit = false;
    for &c in s {
        match c {
            '百' => {
                total += cur.unwrap_or(1) * 100;
                cur = None;
                seen_unit = true;
            }
            '十' => {
                total += cur.unwrap_or(1) * 10;
                cur = None;
                seen_unit = true;
            }
            '零' | '〇' if seen_unit => {} // placeholder: 一百零五
            _ => {
                let d = cn_digit(c)?;
                if cur.is_some() {
                    return None; // 二三 is not a numeral
                }
                cur = Some(d);
            }
        }
    }
    let v = total + cur.unwrap_or(0);
    if v == 0 && !seen_unit && s != ['零'] && s != ['〇'] {
        return None;
    }
    (v > 0).then_some(v)
}

fn is_cn_digit(c: char) -> bool {
    matches!(
        c,
        '零' | '〇'
            | '一'
            | '二'
            | '两'
            | '三'
            | '四'
            | '五'
            | '六'
            | '七'
            | '八'
            | '九'
            | '十'
            | '百'
    )
}

fn ascii_digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        _ => None,
    }
}

fn is_open(c: char) -> bool {
    c == '('
}

fn is_close(c: char) -> bool {
    c == ')'
}

/// Recognise a label at `chars[0..]`.
pub fn scan(chars: &[char]) -> Option<Label> {
    let first = *chars.first()?;
    if first == '第' {
        return scan_legal(chars);
    }
    // level 5: circled numbers
    if ('①'..='⑳').contains(&first) {
        return Some(Label {
            kind: SectionKind::Heading,
            level: 5,
            number: first as u32 - '①' as u32 + 1,
            len: 1,
            digit_follows: false,
        });
    }
    // levels 2 and 4: parenthesised
    if is_open(first) {
        let mut i = 1;
        while chars.get(i) == Some(&' ') {
            i += 1;
        }
        let start = i;
        while chars.get(i).is_some_and(|&c| is_cn_digit(c)) {
            i += 1;
        }
        if i > start {
            let n = chinese_numeral(&chars[start..i])?;
            while chars.get(i) == Some(&' ') {
                i += 1;
            }
            return chars.get(i).filter(|&&c| is_close(c)).map(|_| Label {
                kind: SectionKind::Heading,
                level: 2,
                number: n,
                len: i + 1,
                digit_follows: false,
            });
        }
        let mut n = 0u32;
        while let Some(d) = chars.get(i).and_then(|&c| ascii_digit(c)) {
            n = n.checked_mul(10)?.checked_add(d)?;
            i += 1;
        }
        if i > start && i - start <= 3 && n > 0 {
            while chars.get(i) == Some(&' ') {
                i += 1;
            }
            return chars.get(i).filter(|&&c| is_close(c)).map(|_| Label {
                kind: SectionKind::Heading,
                level: 4,
                number: n,
                len: i + 1,
                digit_follows: false,
            });
        }
        return None;
    }
    // level 1: 一、
    if is_cn_digit(first) {
        let mut i = 0;
        while chars.get(i).is_some_and(|&c| is_cn_digit(c)) {
            i += 1;
        }
        if chars.get(i) == Some(&'、') {
            let n = chinese_numeral(&chars[..i])?;
            return Some(Label {
                kind: SectionKind::Heading,
                level: 1,
                number: n,
                len: i + 1,
                digit_follows: false,
            });
        }
        return None;
    }
    // level 3: 1.  1.  1、
    if ascii_digit(first).is_some() {
        let mut i = 0;
        let mut n = 0u32;
        while let Some(d) = chars.get(i).and_then(|&c| ascii_digit(c)) {
            n = n.checked_mul(10)?.checked_add(d)?;
            i += 1;
        }
        if i > 3 || n == 0 {
            return None;
        }
        let sep = *chars.get(i)?;
        if matches!(sep, '.' | '、') {
            // `1.` followed by nothing is not a label; followed by a digit (`2.2035年`) it may be
            let next = chars.get(i + 1).copied()?;
            let digit_follows = ascii_digit(next).is_some();
            // `1..` or `1.、`: not a label
            if matches!(next, '.' | '、' | '%') {
                return None;
            }
            return Some(Label {
                kind: SectionKind::Heading,
                level: 3,
                number: n,
                len: i + 1,
                digit_follows,
            });
        }
    }
    None
}

/// The text of a label as printed.
pub fn label_text(chars: &[char], l: &Label) -> String {
    chars[..l.len].iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(x: &str) -> Option<(u8, u32, usize)> {
        let c: Vec<char> = x.chars().collect();
        scan(&c).map(|l| (l.level, l.number, l.len))
    }

    #[test]
    fn numerals() {
        let c = |x: &str| chinese_numeral(&x.chars().collect::<Vec<_>>());
        assert_eq!(c("一"), Some(1));
        assert_eq!(c("十"), Some(10));
        assert_eq!(c("十二"), Some(12));
        assert_eq!(c("二十"), Some(20));
        assert_eq!(c("二十三"), Some(23));
        assert_eq!(c("一百零五"), Some(105));
        assert_eq!(c("二三"), None);
        assert_eq!(c(""), None);
    }

    #[test]
    fn labels() {
        assert_eq!(s("一、发展基础"), Some((1, 1, 2)));
        assert_eq!(s("十二、其他"), Some((1, 12, 3)));
        assert_eq!(s("(一)指导思想"), Some((2, 1, 3)));
        assert_eq!(s("(十一)健全"), Some((2, 11, 4)));
        assert_eq!(s("( 三 )保障"), Some((2, 3, 5)));
        assert_eq!(s("1.坚持党的领导"), Some((3, 1, 2)));
        assert_eq!(s("22.深化"), Some((3, 22, 3)));
        assert_eq!(s("3.加强"), Some((3, 3, 2)));
        assert_eq!(s("4、推进"), Some((3, 4, 2)));
        assert_eq!(s("(1)加强"), Some((4, 1, 3)));
        assert_eq!(s("(12)加强"), Some((4, 12, 4)));
        assert_eq!(s("③推进"), Some((5, 3, 1)));
    }

    #[test]
    fn not_labels() {
        for x in [
            "一是党的领导",
            "一二年级",
            "2020年",
            "100%",
            "(含国际)",
            "(2021—2025年)",
            "1..",
            "2022100%",
            "((一)",
            "一",
            "1.",
        ] {
            assert_eq!(s(x), None, "{x}");
        }
    }

    #[test]
    fn legal_labels() {
        let k = |x: &str| {
            let c: Vec<char> = x.chars().collect();
            scan(&c).map(|l| (l.kind, l.level, l.number, l.len, l.rank()))
        };
        use SectionKind::*;
        assert_eq!(k("第一章　总则"), Some((Chapter, 1, 1, 3, 1)));
        assert_eq!(k("第十二章"), Some((Chapter, 1, 12, 4, 1)));
        assert_eq!(k("第3章 保障"), Some((Chapter, 1, 3, 3, 1)));
        assert_eq!(k("第二节 学前教育"), Some((Section, 2, 2, 3, 2)));
        assert_eq!(k("第一条　为加强"), Some((Article, 3, 1, 3, 3)));
        assert_eq!(k("第二十一条 本办法"), Some((Article, 3, 21, 5, 3)));
        assert_eq!(
            k("第五条本办法自公布之日起施行。"),
            Some((Article, 3, 5, 3, 3))
        );
        for x in [
            "第三条规定的情形",
            "第五条所列",
            "第一",
            "第一批",
            "第二条、第三条",
            "第二十条。",
            "第0条",
        ] {
            assert_eq!(k(x), None, "{x}");
        }
        assert_eq!(k("一、总则").map(|l| l.4), Some(4));
        assert_eq!(k("①").map(|l| l.4), Some(8));
    }

    #[test]
    fn decimal_is_flagged() {
        let c: Vec<char> = "2.2035年主要发展目标".chars().collect();
        let l = scan(&c).unwrap();
        assert!(l.digit_follows);
        assert_eq!((l.level, l.number), (3, 2));
    }
}
