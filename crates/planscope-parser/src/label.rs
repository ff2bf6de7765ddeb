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

/// A label found at the start of a run of text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Label {
    pub level: u8,
    pub number: u32,
    /// Length of the label in chars (`(十二)` = 4).
    pub len: usize,
    /// The char right after the label is an ASCII digit (`2.2035年…`): the label may be
    /// the integer part of a decimal number.
    pub digit_follows: bool,
}

/// Value of a Chinese numeral 零/〇…九十九, 一百…九百九十九 (simple forms only).
pub fn chinese_numeral(s: &[char]) -> Option<u32> {
    fn digit(c: char) -> Option<u32> {
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
                let d = digit(c)?;
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
    // level 5: circled numbers
    if ('①'..='⑳').contains(&first) {
        return Some(Label {
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
    fn decimal_is_flagged() {
        let c: Vec<char> = "2.2035年主要发展目标".chars().collect();
        let l = scan(&c).unwrap();
        assert!(l.digit_follows);
        assert_eq!((l.level, l.number), (3, 2));
    }
}
