//! # Numbers in prose: base statistics and numeric targets
//!
//! [`scan`] reads one paragraph of a Chinese education plan and returns every number that states
//! a quantity, classified as a base statistic ([`QuantityKind::BaseStat`], the current or past
//! state) or a target ([`QuantityKind::Target`], a commitment). [`parse_cell_number`] reads one
//! table cell, and [`governing_year`] finds the `到2025年,` lead that governs a paragraph.
//!
//! The scanner is hand-written character scanning over Unicode scalar values; every position
//! it reports is a `char` index into the paragraph. It never panics.
//!
//! ## The grammar of a quantity
//!
//! ```text
//! quantity  := [prefix-comparator …] value [spaces] [多|余] [spaces] [unit] [spaces] [suffix-comparator]
//!            | number unit range-sep number unit                 "0.15%-0.2%", both ends one unit
//! value     := number [range-sep number]
//! number    := digits [. digits] [万|亿|万亿]
//!            | cn-numeral [万|亿]                               see "Chinese numerals"
//! digits    := 0-9 { 0-9 | single-space 0-9 }          "32 00" is read as 3200
//! range-sep := - ~ ～ — – 至
//! unit      := [classifier] measure | unit-word                 "72个学时" = 72 学时
//! ```
//!
//! * **value** is the number token as printed, with a space inside removed (`32 00` → `3200`),
//!   the 万/亿 multiplier kept (`104.17亿`, `72835万`) and a range kept (`1-2`, `3至5`).
//!   `number` applies the multiplier (`2.34万` → 23400; the one reading of 万/亿 is
//!   [`planscope_model::number::magnitude_prefix`], shared with the app) and reads a range as
//!   its lower end; `upper` is the range's upper end. A range printed with the unit on both
//!   ends (`0.15%-0.2%`) is given once: value `0.15-0.2`, unit `%`, upper 0.2.
//! * **unit** is the longest entry of [`lexicon::UNITS`] right after the value (spaces allowed:
//!   `21 所`): `%`, `个`, `所`, `名`, `人`, `幢`, `平方米`, `元`, `对`, `项`, `分钟`, `个百分点` … A
//!   unit is not read when the next character makes it a longer word (`20万人口`, `家长`, `本科`;
//!   [`lexicon::UNIT_BREAKERS`]). `72835万元` is value `72835万` + unit `元`. A full-width `％`
//!   is given as `%`.
//! * **Classifiers are not units**: `个`, `名`, `位` ([`lexicon::CLASSIFIERS`]) followed by a unit
//!   that does not count things (`学时`, `小时`, `分钟`, `元` … — anything not in
//!   [`lexicon::ENTITY_UNITS`]) only count it: `不得低于72个学时` is ≥ 72 `学时`. Spellings that
//!   are one unit as printed (`个百分点`, `个月`) stay whole.
//! * A number with **no unit** is read only when it ends a clause (`保持100,`, `园位3000,`) or
//!   carries a comparator suffix, and follows a CJK character; a bare 4-digit year-like number
//!   is never read this way.
//! * **Lists share a unit**: in `提高23.58、9.89、8.92个百分点` and `分别达到93%和98%` a number
//!   with no unit followed by `、`/`和`/`及`/`与`/`或` and another number takes the unit of the
//!   list's last member (its `span` then covers the value only).
//!
//! ## Chinese numerals
//!
//! `一`…`九`, `两`, `零`, `十`, `百`, `千` compose the usual way (`十二`, `一百二十`, `两千`,
//! `三万`); two digits side by side with the second larger are a range (`一两` 1–2, `两三`,
//! `三五` 3–5). Since `一` and `两` are also words (`统一`, `一批`, `一岗双责`, `“五项管理”`),
//! a Chinese numeral is a quantity only when it is followed by a unit and
//!
//! * a comparison word stands right before it (`至少一项`, `不少于两次`, `不超过三门`) or before a
//!   verb of at most three characters that leads to it (`至少建有一所`); or it is in a rate
//!   frame: `每` and one to five characters of what the rate is per, with no punctuation between
//!   (`每天一小时`, `每周两节`, `每学期开展一次`, `每个年度考核一次`) — a numeral right after `每`
//!   is "every" (`每一所学校`), not a count; or
//! * a comparator suffix follows (`一所以上`), or it is a range (`一两项`), and it is not glued
//!   to a character that makes a word with it ([`lexicon::CN_NUMERAL_WORD_BEFORE`]: `第一`,
//!   `统一`, `唯一`, `之一`);
//!
//! and it is not inside `“”`/`‘’` (names) or `《》`, and it is not `一批`/`一支`
//! ([`lexicon::INDEFINITE_UNITS`]: `打造一支…队伍`, `建设一批…学校` are indefinite). `value` is the numeral as printed (`一`,
//! `一两`), `number` its reading. A percentage in words, `百分之` + numeral (`百分之百`,
//! `百分之九十五`), is always a quantity: value as printed, unit `%`.
//!
//! ## What is not a quantity
//!
//! * years: a 4-digit number (1900–2100) followed by `年` (`2025年`), year ranges
//!   (`2021—2025年`, `2022-2024`), two glued years (`20202022年`), and an ordinal glued to a
//!   year (`2.2035年` = `2.` + `2035年`);
//! * dates and times (`6月13日`, `2022-06-27`, `17:17`), anything with a leading zero;
//! * the **time frame of the policy** itself: a number of `年`/`个月`/`学年`/`天`/`周`/`小时`
//!   ([`lexicon::TIME_UNITS`]) right after `今后`/`未来`/`近`/`用`/`经过`…
//!   ([`lexicon::TIME_FRAME_BEFORE`]) or followed (after an optional `左右`/`多`/`余`) by
//!   `内`/`以内`/`来`/`后`/`时间`/`的时间`/`行动`… ([`lexicon::TIME_FRAME_AFTER`]): `今后5年内`,
//!   `用3年左右的时间`, `1年内有效减轻`, `三年行动计划`. A length that is itself the commitment
//!   (`人均受教育年限达到10.8年`, `每天1小时`) is read;
//! * a **criterion** or a **scope**: a threshold followed by `作为` (`将任教3年以上作为…优先条件`
//!   says what counts, not what to reach), and a distance followed by `范围`
//!   (`学校周边200米范围内`);
//! * **references to parts of a document**: a number right after `附件`/`附表`/`附录`/`附图`
//!   (`附表1`), or with no unit right after `表`/`图`/`条`/`款`/`章`/`节` (`见表1`); article
//!   ordinals (`第3条`, `第三条`) fall under ordinals;
//! * anything inside `《》` `〈〉` `〔〕` (document names, 文号 years);
//! * list labels (`1.`, `(1)`, `1、`), ordinals (`第3`), codes glued to Latin letters or
//!   symbols (`5G`, `3D`, `6+2+N`, `4+6`), quoted codes (`“5085”`), ratios (`6:1`);
//! * numbers followed by a CJK character that is not a unit (`45岁`, `5号`).
//!
//! **Glued years.** Scrapes lose the `年` between a year and a number: `2022100%` is
//! `2022年100%`, `202260项` is `2022年60项`. A digit run of 5–8 digits whose first four digits
//! are a year 1990–2049 and whose rest does not start with `0` is split when the unit is `%`
//! (a percentage above 1000 is implausible) or the run has 6+ digits; the value is the rest
//! and the year becomes the stated year. `20500个` stays 20500.
//!
//! ## Comparator
//!
//! The comparator comes from the words that govern the value:
//!
//! * a **suffix** wins: `以上`/`及以上` → `>=`, `以下`/`以内` → `<=` (so `控制在0.5%以下`,
//!   `控制在…以内` are `<=`), `左右`/`上下` → `~`;
//! * otherwise the nearest **prefix** word in the clause before the value
//!   ([`lexicon::PREFIX_COMPARATORS`]): `不少于`/`不低于`/`至少`/`最少`/`超过`/`≥` → `>=`,
//!   `不超过`/`不高于`/`低于`/`控制在`/`最多`/`≤` → `<=`; `约`/`近` right before the value →
//!   `~`. A **negation** right before a comparison word ([`lexicon::NEGATORS`]: `不得`, `不应`,
//!   `不能`, `严禁` …) turns it round: `不得超过8分钟` is `<= 8`, `不得低于72个学时` is `>= 72`
//!   (read as `超过`/`低于` alone, they would be inverted);
//! * `多`/`余` between value and unit (`2000多人次`) → `>=`;
//! * a **list** shares its first member's prefix word: in `不少于10小时、9小时和8小时` and
//!   `至少有1间智慧课室、1间录播室` every member is `>=` (a member with its own word or suffix
//!   keeps it);
//! * otherwise `=`: a plain count, and a bare `达到X`.
//!
//! **达到.** Issue 10 lists `达到` with the `>=` words; the hand-checked seed gold
//! (`tests/gold/README.md`, "comparator") writes a bare `达到X` as `=` (`小学教师专科以上学历
//! 比例达到90%` → `= 90`, `入学率均达到100%` → `= 100`). Where they collide the gold wins, for
//! two reasons: the seeds must keep matching their gold, and `达到` names the level to be
//! reached, not a bound — a plan that means a floor prints `以上`/`不低于` (`达到95%以上`, which
//! is `>=` by the suffix rule, as the issue wants). So `达到…以上` is `>=` and a bare `达到X` is
//! `=`.
//!
//! ## Year
//!
//! * A year stated in the same sentence (delimited by `。;!?` and line ends) before the value
//!   wins, the nearest one: `到2025年`, `至2025年`, `2025年底`, `2023年10月底前`, a `2022年,` lead
//!   or a glued year. Years after `较`/`比`/`与`/`同` (comparisons), year ranges
//!   (`2016年至2020年`) and years inside `《》` are not stated years.
//! * A **target** with no year in its sentence takes the year of a `到YYYY年` lead that opens the
//!   paragraph ([`governing_year`]), else [`Context::governing_year`].
//! * A **base statistic** takes only a year stated in its sentence, and none when the sentence
//!   before it speaks of a span (`累计`, `十三五`, `以来`, `目前`, `期间`, `共计`).
//!
//! ## Base statistic or target
//!
//! * In a baseline section ([`SectionHint::Baseline`]) every number is a base statistic.
//! * Elsewhere a number is a base statistic when
//!   * its sentence earlier names a past frame (`目前`, `截至`, `十三五`, `以来`, `累计` …), or
//!   * its clause before it has `现有`/`已有`/`共有`/`已`… or a past-aspect `了` (`建成了9个`), or
//!   * (entity units only — `个 所 名 人 项`…, not `% 次 年 元`; [`lexicon::ENTITY_UNITS`]) it
//!     names existing things: the cue nearest before it is a referent
//!     marker (`推动2所…学校探索`, `在全市8个实验镇…开展`, `对全区167所学校`, `我市承担的7项`)
//!     rather than a verb of creation (`打造`, `新增`, `建设` …; [`lexicon::TARGET_VERBS`]).
//! * Everything else is a target: in goal and task sections numbers are commitments
//!   (`到YYYY年`, `力争`, `确保`, `新增`, `建设`, `达到…以上`).
//!
//! [`section_hint_for_title`] maps a section title to its hint (a title that starts with an
//! imperative verb, like `巩固提升脱贫攻坚成效`, is a task, not a review).
//!
//! ## Text and metric
//!
//! `text` is the clause holding the number: the run between clause delimiters (`,;。:!?`),
//! trimmed. A `、`-list stays in one clause (`全市建设2个省级以上、10个市级以上优质特色教育集团`).
//! `metric` is a best-effort name: the words of the clause before the number, without lead
//! words (`确保`, `全市`, `到2025年` …) and the predicate (`达到`, `保持在` …); when the number
//! precedes its noun (`新增2600个以上公办普通高中学位`) the verb and the noun are joined
//! (`新增公办普通高中学位`). A number whose clause yields no name (`到2025年底达到100%`) takes
//! the metric of the previous number in its sentence.
//!
//! ## Known limits
//!
//! Chinese numerals are read only in the frames above (`建设一所` is not read: `一所`, `一批`,
//! `一支` are as often indefinite as counted); thousands
//! separators are not read (the scrapes use ASCII `,` as punctuation); `number` of `…万亿` is
//! approximate in f64.

pub mod lexicon;

use crate::label::cn_digit;
use crate::text::is_han;
use lexicon::*;
use planscope_model::Comparator;

/// What kind of number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum QuantityKind {
    /// Current or past state (schools, teachers, students, rates achieved).
    BaseStat,
    /// A future commitment.
    Target,
}

/// Hint from the enclosing section titles.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum SectionHint {
    /// 发展基础 / 基本情况 / 现状 / 成效 / 回顾 / 发展背景.
    Baseline,
    /// 目标.
    Goal,
    #[default]
    Other,
}

/// What the caller knows about where the paragraph sits.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Context {
    /// Year of the governing 到YYYY年 of a 目标 section, or the plan year of an annual plan; used
    /// for targets whose sentence states no year.
    pub governing_year: Option<u16>,
    /// Hint from the enclosing section titles.
    pub section_hint: SectionHint,
}

/// One number found in a paragraph.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    pub kind: QuantityKind,
    /// The clause the number was read from, as printed (a substring of the paragraph).
    pub text: String,
    /// Char span of `text` in the paragraph.
    pub text_span: [u32; 2],
    /// Best-effort name of what is measured.
    pub metric: String,
    /// Number token as printed (`2.34万`, `1-2`, `104.17亿`); `32 00` is given as `3200`.
    pub value: String,
    /// Numeric reading, multipliers applied (2.34万 → 23400.0; range → lower end).
    pub number: Option<f64>,
    /// The upper end of a range, multipliers applied (`1-2` → 2.0, `0.15%-0.2%` → 0.2,
    /// `一两项` → 2.0); `None` for a single value.
    pub upper: Option<f64>,
    /// The unit as printed, except that a full-width `％` is given as `%`.
    pub unit: Option<String>,
    pub comparator: Comparator,
    pub year: Option<u16>,
    /// Char span of value+unit in the paragraph.
    pub span: [u32; 2],
}

/// The hint for a section title: [`SectionHint::Baseline`] for 发展基础 / 基本情况 / 现状 / 成效 /
/// 回顾 / 发展背景 / 成就 / 基础与形势, [`SectionHint::Goal`] for titles with 目标, else `Other`.
/// A caller walks titles from the innermost out and takes the first that is not `Other`.
pub fn section_hint_for_title(title: &str) -> SectionHint {
    const BASE: &[&str] = &[
        "发展基础",
        "基本情况",
        "现状",
        "成效",
        "回顾",
        "发展背景",
        "成就",
        "基础与形势",
        "发展环境",
        "基本状况",
        "工作基础",
    ];
    // a task title that starts with an imperative verb (巩固提升脱贫攻坚成效) is not a review
    const ACTION: &[&str] = &[
        "巩固", "提升", "提高", "扩大", "推进", "推动", "深化", "加强", "强化", "完善", "健全",
        "促进", "落实", "实施", "持续", "全面", "加快", "建立", "构建", "打造", "扎实",
    ];
    let t = title.trim_matches(|c: char| is_space(c));
    let imperative = ACTION.iter().any(|v| t.starts_with(v));
    const NOMINAL: &[&str] = &["发展基础", "基本情况", "现状", "发展背景", "基本状况"];
    if NOMINAL.iter().any(|k| t.contains(k)) || (!imperative && BASE.iter().any(|k| t.contains(k)))
    {
        SectionHint::Baseline
    } else if title.contains("目标") {
        SectionHint::Goal
    } else {
        SectionHint::Other
    }
}

// ---------------------------------------------------------------------------------------------
// small char helpers
// ---------------------------------------------------------------------------------------------

fn digit_val(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

fn is_digit(c: char) -> bool {
    digit_val(c).is_some()
}

fn is_space(c: char) -> bool {
    c == ' ' || c == '\u{a0}' || c == '\u{3000}' || c == '\t'
}

/// Does `word` occur in `chars` starting at `i`?
fn at(chars: &[char], i: usize, word: &str) -> bool {
    // char by char, stopping at the first difference (most calls fail on the first char)
    if i > chars.len() {
        return false;
    }
    (i..)
        .zip(word.chars())
        .all(|(k, w)| chars.get(k) == Some(&w))
}

/// Does `word` end exactly at `end` (exclusive) in `chars`?
fn ends_at(chars: &[char], end: usize, word: &str) -> bool {
    // compared from the end backwards: most calls fail on the last char, and the word's
    // length is never counted
    if end > chars.len() {
        return false;
    }
    let mut k = end;
    for w in word.chars().rev() {
        if k == 0 || chars[k - 1] != w {
            return false;
        }
        k -= 1;
    }
    true
}

fn skip_spaces(chars: &[char], mut i: usize) -> usize {
    while i < chars.len() && is_space(chars[i]) {
        i += 1;
    }
    i
}

fn slice(chars: &[char], a: usize, b: usize) -> String {
    let b = b.min(chars.len());
    if a >= b {
        return String::new();
    }
    crate::text::string_of(&chars[a..b])
}

fn contains_word(chars: &[char], a: usize, b: usize, word: &str) -> bool {
    let n = word.chars().count();
    let b = b.min(chars.len());
    if n == 0 || b < a + n {
        return false;
    }
    crate::text::find_at(&chars[a..b], 0, word).is_some()
}

fn is_year_value(v: u64) -> bool {
    (1900..=2100).contains(&v)
}

// ---------------------------------------------------------------------------------------------
// number tokens
// ---------------------------------------------------------------------------------------------

/// One printed number (no range): `2.34万`, `3200` (from `32 00`).
#[derive(Clone, Debug)]
struct Num {
    start: usize,
    end: usize,
    /// As printed, spaces removed, multiplier kept.
    text: String,
    /// Integer digits as printed (no spaces).
    int_digits: String,
    has_fraction: bool,
    multiplier: f64,
    /// Value without multiplier.
    base: f64,
}

impl Num {
    fn value(&self) -> f64 {
        self.base * self.multiplier
    }
    fn int_value(&self) -> Option<u64> {
        if self.has_fraction || self.int_digits.len() > 18 {
            return None;
        }
        self.int_digits.parse().ok()
    }
    fn is_plain_year(&self) -> bool {
        !self.has_fraction
            && self.multiplier == 1.0
            && self.int_digits.len() == 4
            && self.int_value().is_some_and(is_year_value)
    }
}

/// Read a number starting at `i` (which must be a digit).
fn read_num(chars: &[char], i: usize) -> Option<Num> {
    let n = chars.len();
    if i >= n || !is_digit(chars[i]) {
        return None;
    }
    let mut k = i;
    let mut int_digits = String::new();
    let mut text = String::new();
    while k < n {
        let c = chars[k];
        if is_digit(c) {
            int_digits.push(char::from_digit(digit_val(c)?, 10)?);
            text.push(c);
            k += 1;
        } else if (c == ' ' || c == '\u{a0}')
            && k + 1 < n
            && is_digit(chars[k + 1])
            && k > i
            && int_digits.len() <= 3
        {
            // a number broken by one space: "32 00"
            k += 1;
        } else {
            break;
        }
    }
    let mut has_fraction = false;
    let mut frac = String::new();
    if k + 1 < n && (chars[k] == '.' || chars[k] == '．') && is_digit(chars[k + 1]) {
        has_fraction = true;
        text.push(chars[k]);
        k += 1;
        while k < n && is_digit(chars[k]) {
            frac.push(char::from_digit(digit_val(chars[k])?, 10)?);
            text.push(chars[k]);
            k += 1;
        }
    }
    let num_str = if has_fraction {
        format!("{int_digits}.{frac}")
    } else {
        int_digits.clone()
    };
    let base: f64 = num_str.parse().ok()?;
    let (multiplier, k) = read_magnitude(chars, k, &mut text);
    Some(Num {
        start: i,
        end: k,
        text,
        int_digits,
        has_fraction,
        multiplier,
        base,
    })
}

/// The 万/亿 magnitude at `k` ([`planscope_model::number::magnitude_prefix`]), pushed onto
/// `text`; returns the multiplier (1 when there is none) and the index after it.
fn read_magnitude(chars: &[char], k: usize, text: &mut String) -> (f64, usize) {
    let head: String = chars[k.min(chars.len())..(k + 2).min(chars.len())]
        .iter()
        .collect();
    match planscope_model::number::magnitude_prefix(&head) {
        Some((f, len)) => {
            text.extend(&chars[k..k + len]);
            (f, k + len)
        }
        None => (1.0, k),
    }
}

/// The value of a Chinese numeral place (`十` `百` `千`).
const fn cn_place(c: char) -> Option<u32> {
    Some(match c {
        '十' => 10,
        '百' => 100,
        '千' => 1000,
        _ => return None,
    })
}

/// A Chinese numeral digit ([`cn_digit`]) or place ([`cn_place`]). Asked of nearly every
/// character of a paragraph, so answered from a bitmap of the CJK block (U+3000–U+9FFF, where
/// all of them lie), built at compile time from those two functions.
#[inline]
fn is_cn_numeral(c: char) -> bool {
    let k = (c as u32).wrapping_sub(CN_NUMERAL_FROM);
    k < CN_NUMERAL_SPAN && CN_NUMERAL_BITS[(k >> 6) as usize] >> (k & 63) & 1 == 1
}

const CN_NUMERAL_FROM: u32 = 0x3000;
const CN_NUMERAL_SPAN: u32 = 0xA000 - CN_NUMERAL_FROM;
static CN_NUMERAL_BITS: [u64; (CN_NUMERAL_SPAN / 64) as usize] = {
    let mut bits = [0u64; (CN_NUMERAL_SPAN / 64) as usize];
    let mut k = 0;
    while k < CN_NUMERAL_SPAN {
        if let Some(c) = char::from_u32(CN_NUMERAL_FROM + k) {
            if cn_digit(c).is_some() || cn_place(c).is_some() {
                bits[(k >> 6) as usize] |= 1 << (k & 63);
            }
        }
        k += 1;
    }
    bits
};

/// Read a number written in Chinese numerals at `i` (see "Chinese numerals" in the module
/// docs): `一` 1, `十二` 12, `一百二十` 120, `两千` 2000, `三万` 30000; two digits side by side
/// with the second larger (`一两`, `两三`, `三五`) are a range. At most 8 numeral characters.
fn read_cn_value(chars: &[char], i: usize) -> Option<Value> {
    let n = chars.len();
    let mut k = i;
    while k < n && k - i < 8 && is_cn_numeral(chars[k]) {
        k += 1;
    }
    if k == i || (k < n && is_cn_numeral(chars[k])) {
        return None;
    }
    let run = &chars[i..k];
    let num = |start: usize, end: usize, v: u64| -> Num {
        let mut text: String = chars[start..end].iter().collect();
        let (multiplier, e) = read_magnitude(chars, end, &mut text);
        Num {
            start,
            end: e,
            text,
            int_digits: v.to_string(),
            has_fraction: false,
            multiplier,
            base: v as f64,
        }
    };
    // 一两, 两三, 三五: a range of two digits
    if run.len() == 2 {
        if let (Some(a), Some(b)) = (cn_digit(run[0]), cn_digit(run[1])) {
            if a == 0 || b <= a {
                return None;
            }
            let first = Num {
                start: i,
                end: i + 1,
                text: run[0].to_string(),
                int_digits: a.to_string(),
                has_fraction: false,
                multiplier: 1.0,
                base: a as f64,
            };
            return Some(Value {
                first,
                second: Some(('\0', num(i + 1, k, b as u64))),
            });
        }
    }
    let (mut total, mut digit): (u64, Option<u32>) = (0, None);
    for &c in run {
        if let Some(d) = cn_digit(c) {
            if digit.is_some_and(|x| x != 0) {
                return None; // 一二三: not a number
            }
            digit = Some(d);
        } else if let Some(p) = cn_place(c) {
            total += u64::from(digit.unwrap_or(1)) * u64::from(p);
            digit = None;
        }
    }
    total += u64::from(digit.unwrap_or(0));
    (total > 0).then(|| Value {
        first: num(i, k, total),
        second: None,
    })
}

fn is_range_sep(c: char) -> bool {
    matches!(c, '-' | '~' | '～' | '—' | '–' | '至' | '－')
}

/// A value: one number or a range (`1-2`, `3至5`).
#[derive(Clone, Debug)]
struct Value {
    first: Num,
    /// Separator and upper end of a range; the separator is `'\0'` for a Chinese-numeral
    /// range printed without one (`一两`).
    second: Option<(char, Num)>,
}

impl Value {
    fn start(&self) -> usize {
        self.first.start
    }
    fn end(&self) -> usize {
        self.second.as_ref().map_or(self.first.end, |(_, s)| s.end)
    }
    fn text(&self) -> String {
        match &self.second {
            None => self.first.text.clone(),
            // a Chinese-numeral range (一两) has no separator
            Some(('\0', s)) => format!("{}{}", self.first.text, s.text),
            Some((sep, s)) => format!("{}{}{}", self.first.text, sep, s.text),
        }
    }
    /// The upper end of a range, multipliers applied (`1-2万` → 20000).
    fn upper(&self) -> Option<f64> {
        self.second.as_ref().map(|(_, s)| s.value())
    }
    /// The lower end, with the upper end's multiplier when the lower has none (`1-2万`).
    fn number(&self) -> f64 {
        match &self.second {
            Some((_, s)) if self.first.multiplier == 1.0 => self.first.base * s.multiplier,
            _ => self.first.value(),
        }
    }
}

/// What the token reader decided about the digits at one position.
enum Token {
    /// Not a quantity; continue scanning at this index.
    Skip(usize),
    /// A quantity candidate.
    Quantity(Box<Candidate>),
}

#[derive(Clone, Debug)]
struct Candidate {
    value: Value,
    unit: Option<String>,
    /// End of value+unit.
    unit_end: usize,
    /// `多`/`余` between value and unit.
    approx_more: bool,
    suffix: Option<Comparator>,
    /// End of the suffix comparator (or `unit_end`).
    end: usize,
    /// Year split off a glued token (`2022100%`).
    glued_year: Option<u16>,
    /// Where the printed token starts (before a glued year).
    token_start: usize,
    /// The unit was taken from the last member of a list (`23.58、9.89、8.92个百分点`).
    shared_unit: bool,
}

fn match_unit(chars: &[char], p: usize) -> Option<&'static str> {
    // the longest unit of [`UNITS`] at `p` (ties: the first listed), looked for only among the
    // units that start with the char at `p`
    let first = *chars.get(p)?;
    let u = units_starting(first)
        .iter()
        .copied()
        .find(|u| at(chars, p, u))?;
    let after = p + u.chars().count();
    if let Some(&next) = chars.get(after) {
        for (unit, breakers) in UNIT_BREAKERS {
            if *unit == u && breakers.contains(next) {
                return None;
            }
        }
    }
    Some(u)
}

/// [`UNITS`] grouped by first char (sorted by it), each group longest first and in list order
/// among equal lengths; built once.
fn units_starting(c: char) -> &'static [&'static str] {
    static GROUPS: std::sync::OnceLock<Vec<(char, Vec<&'static str>)>> = std::sync::OnceLock::new();
    let groups = GROUPS.get_or_init(|| {
        let mut groups: Vec<(char, Vec<&'static str>)> = Vec::new();
        for &u in UNITS {
            let Some(f) = u.chars().next() else { continue };
            match groups.iter_mut().find(|(g, _)| *g == f) {
                Some((_, us)) => us.push(u),
                None => groups.push((f, vec![u])),
            }
        }
        for (_, us) in &mut groups {
            // stable: equal lengths keep their order in UNITS
            us.sort_by_key(|u| std::cmp::Reverse(u.chars().count()));
        }
        groups.sort_by_key(|(f, _)| *f);
        groups
    });
    match groups.binary_search_by_key(&c, |(f, _)| *f) {
        Ok(i) => &groups[i].1,
        Err(_) => &[],
    }
}

/// The unit at `p` with a classifier looked through: `72个学时` is 72 学时, since `个` (or
/// `名`, `位`) before a unit that does not count things ([`lexicon::ENTITY_UNITS`]) is a
/// classifier. Returns the unit and the index after it.
fn match_measure(chars: &[char], p: usize) -> Option<(&'static str, usize)> {
    let u = match_unit(chars, p)?;
    let e = p + u.chars().count();
    if CLASSIFIERS.contains(&u) {
        if let Some(m) = match_unit(chars, e).filter(|m| !ENTITY_UNITS.contains(m)) {
            return Some((m, e + m.chars().count()));
        }
    }
    Some((u, e))
}

/// The unit as given in the model: as printed, except a full-width `％` is `%`.
fn normalise_unit(u: &str) -> String {
    if u == "％" {
        "%".to_string()
    } else {
        u.to_string()
    }
}

/// Is the number at `start` with time unit `unit` (ending at `end`) the time frame of the policy
/// rather than a quantity (see "What is not a quantity")? `今后5年内`, `用3年左右的时间`,
/// `1年内有效减轻`, `3年来`, `近3年`.
fn is_time_frame(chars: &[char], start: usize, unit: &str, end: usize) -> bool {
    if !TIME_UNITS.contains(&unit) {
        return false;
    }
    let mut b = start;
    while b > 0 && is_space(chars[b - 1]) {
        b -= 1;
    }
    if TIME_FRAME_BEFORE.iter().any(|w| ends_at(chars, b, w)) {
        return true;
    }
    let mut q = skip_spaces(chars, end);
    for w in ["左右", "多", "余"] {
        if at(chars, q, w) {
            q = skip_spaces(chars, q + w.chars().count());
        }
    }
    TIME_FRAME_AFTER.iter().any(|w| at(chars, q, w))
}

/// Is a distance ending at `end` the extent of an area (`学校周边200米范围内`)?
fn is_scope(chars: &[char], unit: &str, end: usize) -> bool {
    DISTANCE_UNITS.contains(&unit) && at(chars, skip_spaces(chars, end), "范围")
}

/// Is a threshold ending at `end` (after its suffix) a criterion that something must meet
/// (`将…任教3年以上作为…优先条件`), not a quantity to reach?
fn is_criterion(chars: &[char], end: usize) -> bool {
    at(chars, skip_spaces(chars, end), "作为")
}

/// Is the number at `i` a reference to a document part: `附件1`, `附表2` (always), `表3`, `图1`
/// (when the number has no unit, `bare`; `发表1篇` is a count)?
fn is_doc_reference(chars: &[char], i: usize, bare: bool) -> bool {
    DOC_REFERENCE_BEFORE.iter().any(|w| ends_at(chars, i, w))
        || (bare && BARE_REFERENCE_BEFORE.iter().any(|w| ends_at(chars, i, w)))
}

fn match_suffix(chars: &[char], p: usize) -> Option<(Comparator, usize)> {
    SUFFIX_COMPARATORS
        .iter()
        .find(|(w, _)| at(chars, p, w))
        .map(|(w, c)| (*c, p + w.chars().count()))
}

fn is_percent_unit(u: &str) -> bool {
    matches!(u, "%" | "％" | "‰" | "个百分点" | "百分点")
}

/// Characters that may not directly precede a number token (codes, dates, list labels).
fn bad_before(chars: &[char], i: usize) -> bool {
    if i == 0 {
        return false;
    }
    let c = chars[i - 1];
    if c.is_ascii_alphanumeric() || is_digit(c) {
        return true;
    }
    if matches!(
        c,
        '.' | '．' | '-' | '－' | '/' | '+' | '_' | '#' | '第' | '&' | '@' | '*' | '×' | '='
    ) {
        return true;
    }
    if matches!(c, ':' | '：') && i >= 2 && is_digit(chars[i - 2]) {
        return true;
    }
    false
}

/// Read the token at digit position `i`.
fn read_token(chars: &[char], i: usize) -> Token {
    let n = chars.len();
    let Some(first) = read_num(chars, i) else {
        return Token::Skip(i + 1);
    };
    let mut skip_to = first.end.max(i + 1);
    // a range?
    let mut second = None;
    if first.end + 1 < n && is_range_sep(chars[first.end]) && is_digit(chars[first.end + 1]) {
        if let Some(s) = read_num(chars, first.end + 1) {
            skip_to = s.end;
            if first.is_plain_year() || s.is_plain_year() {
                // 2021—2025年, 2022-2024, 2022-06-27
                return Token::Skip(skip_to);
            }
            if s.int_digits.starts_with('0') && s.int_digits.len() > 1 {
                return Token::Skip(skip_to);
            }
            second = Some((chars[first.end], s));
        }
    } else if first.end < n && is_range_sep(chars[first.end]) && first.is_plain_year() {
        return Token::Skip(skip_to);
    }
    let value = Value { first, second };
    // a leading zero: dates, codes
    if value.first.int_digits.len() > 1 && value.first.int_digits.starts_with('0') {
        return Token::Skip(skip_to);
    }
    let end = value.end();
    let mut p = skip_spaces(chars, end);
    // years and year-like tokens
    if p < n && chars[p] == '年' && value.second.is_none() {
        let f = &value.first;
        if f.is_plain_year() {
            return Token::Skip(skip_to);
        }
        // 2.2035年 = list label "2." + 2035年
        if f.has_fraction && f.text.chars().rev().take_while(|c| is_digit(*c)).count() == 4 {
            return Token::Skip(skip_to);
        }
        // 20202022年: two glued years
        if !f.has_fraction && f.int_digits.len() >= 5 {
            return Token::Skip(skip_to);
        }
    }
    // ratios and times: 6:1, 17:17
    if p + 1 < n && matches!(chars[p], ':' | '：') && is_digit(chars[p + 1]) {
        return Token::Skip(skip_to);
    }
    // 多/余 before a unit
    let mut approx_more = false;
    if p < n && matches!(chars[p], '多' | '余') {
        let q = skip_spaces(chars, p + 1);
        if match_unit(chars, q).is_some() {
            approx_more = true;
            p = q;
        }
    }
    let (unit, unit_end) = match match_measure(chars, p) {
        Some((u, e)) => (Some(u), e),
        None => (None, end),
    };
    let mut value = value;
    let mut unit_end = unit_end;
    // 0.15%-0.2%: a range whose ends both carry the unit
    if let Some(u) = unit {
        if value.second.is_none()
            && unit_end + 1 < n
            && is_range_sep(chars[unit_end])
            && is_digit(chars[unit_end + 1])
        {
            if let Some(s) = read_num(chars, unit_end + 1) {
                let r = skip_spaces(chars, s.end);
                if let Some((_, e2)) = match_measure(chars, r).filter(|(u2, _)| *u2 == u) {
                    let sep = chars[unit_end];
                    value.second = Some((sep, s));
                    unit_end = e2;
                    skip_to = unit_end;
                }
            }
        }
        if is_time_frame(chars, value.start(), u, unit_end)
            || is_doc_reference(chars, i, false)
            || is_scope(chars, u, unit_end)
        {
            return Token::Skip(skip_to.max(unit_end));
        }
    }
    let q = skip_spaces(chars, unit_end);
    let suffix = match_suffix(chars, q);
    let cand_end = suffix.map_or(unit_end, |(_, e)| e);
    if is_criterion(chars, cand_end) {
        return Token::Skip(skip_to.max(cand_end));
    }
    let mut cand = Candidate {
        value,
        unit: unit.map(normalise_unit),
        unit_end,
        approx_more,
        suffix: suffix.map(|(c, _)| c),
        end: cand_end,
        glued_year: None,
        token_start: i,
        shared_unit: false,
    };
    if cand.unit.is_none() {
        if let Some(u) = list_unit(chars, q) {
            // 23.58、9.89、8.92个百分点 / 93%和98%: the unit of the list's last member
            cand.unit = Some(normalise_unit(&u));
            cand.shared_unit = true;
            split_glued_year(chars, &mut cand);
            return Token::Quantity(Box::new(cand));
        }
        // a bare number must end a clause or carry a comparator, and follow CJK text
        let ends_clause = q >= n || is_bare_value_end(chars[q]);
        if !(ends_clause || cand.suffix.is_some()) {
            return Token::Skip(skip_to);
        }
        let mut b = cand.value.start();
        while b > 0 && is_space(chars[b - 1]) {
            b -= 1;
        }
        if b == 0 || !is_han(chars[b - 1]) || is_doc_reference(chars, b, true) {
            return Token::Skip(skip_to);
        }
        if cand.value.second.is_none() {
            let f = &cand.value.first;
            if !f.has_fraction && f.multiplier == 1.0 && f.int_value().is_some_and(is_year_value) {
                return Token::Skip(skip_to);
            }
        }
    }
    split_glued_year(chars, &mut cand);
    Token::Quantity(Box::new(cand))
}

/// A quantity written in Chinese numerals at `i` (see "Chinese numerals" in the module docs):
/// a numeral and a unit, governed by a comparison word or a rate frame right before it
/// (`至少一项`, `不少于两次`, `每天一小时`), by a comparator suffix (`一所以上`), or a range
/// (`一两项`). Never inside quotes.
fn read_cn_token(chars: &[char], i: usize) -> Option<Candidate> {
    if at(chars, i, "百分之") {
        return read_cn_percent(chars, i);
    }
    // cheap check first (一 is everywhere): a unit must follow the numeral (and 万/亿, 多/余)
    let mut k = i;
    while k < chars.len() && is_cn_numeral(chars[k]) {
        k += 1;
    }
    while k < chars.len() && matches!(chars[k], '万' | '亿' | '多' | '余') {
        k += 1;
    }
    match_unit(chars, skip_spaces(chars, k))?;
    let value = read_cn_value(chars, i)?;
    let mut p = skip_spaces(chars, value.end());
    let mut approx_more = false;
    if p < chars.len() && matches!(chars[p], '多' | '余') {
        approx_more = true;
        p += 1;
    }
    let (unit, unit_end) = match_measure(chars, p)?;
    let one = value.second.is_none() && value.first.base == 1.0 && value.first.multiplier == 1.0;
    if is_time_frame(chars, i, unit, unit_end) || (one && INDEFINITE_UNITS.contains(&unit)) {
        return None;
    }
    let q = skip_spaces(chars, unit_end);
    let suffix = match_suffix(chars, q);
    let mut b = i;
    while b > 0 && is_space(chars[b - 1]) {
        b -= 1;
    }
    // a comparison word right before, or before a short verb (至少建有一所, 至少有一)
    let compared = (0..=3).any(|gap| {
        b >= gap
            && chars[b - gap..b].iter().all(|c| is_han(*c))
            && PREFIX_COMPARATORS
                .iter()
                .any(|(w, c)| *c != Comparator::Eq && ends_at(chars, b - gap, w))
    });
    // a rate frame: 每 + what the rate is per (+ a short verb): 每天一小时, 每学期开展一次;
    // a numeral right after 每 is "every" (每一所学校)
    let per = (2..=6).any(|k| {
        b >= k
            && chars[b - k] == '每'
            && chars[b - k + 1..b].iter().all(|c| is_han(*c) && *c != '每')
    });
    let framed = compared || per;
    let glued_word = b > 0 && CN_NUMERAL_WORD_BEFORE.contains(chars[b - 1]);
    let governed = framed || (!glued_word && (suffix.is_some() || value.second.is_some()));
    if !governed || in_quotes(chars, i) {
        return None;
    }
    Some(Candidate {
        value,
        unit: Some(normalise_unit(unit)),
        unit_end,
        approx_more,
        suffix: suffix.map(|(c, _)| c),
        end: suffix.map_or(unit_end, |(_, e)| e),
        glued_year: None,
        token_start: i,
        shared_unit: false,
    })
}

/// `百分之N` at `i` (`百分之百`, `百分之九十五`): a percentage in words, value as printed, unit
/// `%`. A suffix comparator may follow (`百分之九十以上`).
fn read_cn_percent(chars: &[char], i: usize) -> Option<Candidate> {
    let v = read_cn_value(chars, i + 3)?;
    if v.second.is_some() || v.first.multiplier != 1.0 {
        return None;
    }
    let end = v.end();
    let first = Num {
        start: i,
        end,
        text: slice(chars, i, end),
        ..v.first
    };
    let q = skip_spaces(chars, end);
    let suffix = match_suffix(chars, q);
    Some(Candidate {
        value: Value {
            first,
            second: None,
        },
        unit: Some("%".to_string()),
        unit_end: end,
        approx_more: false,
        suffix: suffix.map(|(c, _)| c),
        end: suffix.map_or(end, |(_, e)| e),
        glued_year: None,
        token_start: i,
        shared_unit: false,
    })
}

/// Is `i` inside `“…”` or `‘…’` (a name such as `“五项管理”`)?
fn in_quotes(chars: &[char], i: usize) -> bool {
    let mut depth = 0i32;
    for &c in &chars[..i] {
        match c {
            '“' | '‘' => depth += 1,
            '”' | '’' => depth -= 1,
            _ => {}
        }
    }
    depth > 0
}

/// The unit shared by a list of numbers: at `p` (after a number with no unit) a list joiner
/// (`、`, `和`, `及`, `与`, `或`) and a following number; follows the chain to its last member.
fn list_unit(chars: &[char], p: usize) -> Option<String> {
    let mut p = p;
    for _ in 0..16 {
        if p >= chars.len() || !matches!(chars[p], '、' | '和' | '及' | '与' | '或') {
            return None;
        }
        let q = skip_spaces(chars, p + 1);
        let num = read_num(chars, q)?;
        let mut e = num.end;
        if e + 1 < chars.len() && is_range_sep(chars[e]) && is_digit(chars[e + 1]) {
            e = read_num(chars, e + 1)?.end;
        }
        let r = skip_spaces(chars, e);
        if let Some((u, _)) = match_measure(chars, r) {
            return Some(u.to_string());
        }
        p = r;
    }
    None
}

/// `2022100%` → year 2022 + `100%`; `202260项` → 2022 + `60项` (see the module docs).
fn split_glued_year(chars: &[char], cand: &mut Candidate) {
    if cand.value.second.is_some() {
        return;
    }
    let f = &cand.value.first;
    let len = f.int_digits.len();
    if !(5..=8).contains(&len) || f.end - f.start != f.text.chars().count() {
        return;
    }
    let Ok(y) = f.int_digits[..4].parse::<u16>() else {
        return;
    };
    if !(1990..=2049).contains(&y) {
        return;
    }
    let rest_int = &f.int_digits[4..];
    if rest_int.starts_with('0') {
        return;
    }
    let pct = cand.unit.as_deref().is_some_and(is_percent_unit);
    if !(pct || len >= 6) {
        return;
    }
    let Some(rest) = read_num(chars, f.start + 4) else {
        return;
    };
    cand.value.first = rest;
    cand.glued_year = Some(y);
}

// ---------------------------------------------------------------------------------------------
// paragraph-level facts
// ---------------------------------------------------------------------------------------------

/// A printed `YYYY年` in the paragraph.
#[derive(Clone, Copy, Debug)]
struct YearMention {
    start: usize,
    /// End of `年` (and of 底/末/前/内 when printed).
    end: usize,
    year: u16,
    /// Preceded by 到/至/截至/截止.
    to: bool,
    /// Usable as a stated year (not a comparison, range or document name).
    usable: bool,
}

/// Nesting depth of 《》 〈〉 〔〕 at each char.
fn bracket_depth(chars: &[char]) -> Vec<u8> {
    let mut d: u8 = 0;
    let mut out = Vec::with_capacity(chars.len());
    for &c in chars {
        if matches!(c, '《' | '〈' | '〔' | '〖') {
            d = d.saturating_add(1);
        }
        out.push(d);
        if matches!(c, '》' | '〉' | '〕' | '〗') {
            d = d.saturating_sub(1);
        }
    }
    out
}

fn year_mentions(chars: &[char], depth: &[u8]) -> Vec<YearMention> {
    let n = chars.len();
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        if !is_digit(chars[i]) || (i > 0 && is_digit(chars[i - 1])) {
            i += 1;
            continue;
        }
        let mut k = i;
        while k < n && is_digit(chars[k]) {
            k += 1;
        }
        if k - i == 4 {
            let y: u16 = chars[i..k]
                .iter()
                .filter_map(|c| digit_val(*c))
                .fold(0u16, |a, d| a.saturating_mul(10).saturating_add(d as u16));
            let ys = skip_spaces(chars, k);
            let followed_by_year_char = ys < n && chars[ys] == '年';
            if is_year_value(y as u64) && followed_by_year_char {
                let mut end = ys + 1;
                if end < n && matches!(chars[end], '底' | '末' | '前' | '内') {
                    end += 1;
                }
                let before = |w: &str| ends_at(chars, i, w);
                let to = ["到", "至", "截至", "截止", "至迟"]
                    .iter()
                    .any(|w| before(w));
                let compare = ["较", "比", "与", "同", "和", "相比"]
                    .iter()
                    .any(|w| before(w));
                // 2016年至2020年 (both), 2021—2025年 (second)
                let range_second = i >= 2
                    && (is_range_sep(chars[i - 1])
                        && (chars[i - 2] == '年' || is_digit(chars[i - 2])));
                let range_first = chars.get(ys + 1).is_some_and(|c| is_range_sep(*c))
                    && chars.get(ys + 2).is_some_and(|c| is_digit(*c));
                let in_doc = depth.get(i).copied().unwrap_or(0) > 0;
                let edition = at(chars, ys + 1, "版");
                let usable = !compare && !range_second && !range_first && !in_doc && !edition;
                out.push(YearMention {
                    start: i,
                    end,
                    year: y,
                    to: to && !range_second,
                    usable,
                });
            }
        }
        i = k;
    }
    out
}

fn clause_bounds(chars: &[char], pos: usize) -> (usize, usize) {
    let n = chars.len();
    let mut a = pos.min(n);
    while a > 0 && !is_clause_delim(chars[a - 1]) {
        a -= 1;
    }
    let mut b = pos.min(n);
    while b < n && !is_clause_delim(chars[b]) {
        b += 1;
    }
    (a, b)
}

fn sentence_start(chars: &[char], pos: usize) -> usize {
    let mut a = pos.min(chars.len());
    while a > 0 && !is_sentence_delim(chars[a - 1]) {
        a -= 1;
    }
    a
}

/// Skip a list label at `i` (`1.`, `(一)`, `一、`, `——`, `一是`), returning the index after it.
fn skip_label(chars: &[char], i: usize) -> usize {
    let n = chars.len();
    let mut k = skip_spaces(chars, i);
    let start = k;
    if k < n && is_digit(chars[k]) {
        while k < n && is_digit(chars[k]) {
            k += 1;
        }
        if k < n && matches!(chars[k], '.' | '．' | '、') {
            return k + 1;
        }
        return start;
    }
    if k < n && matches!(chars[k], '(' | '（') {
        let mut j = k + 1;
        while j < n && j < k + 5 && !matches!(chars[j], ')' | '）') {
            j += 1;
        }
        if j < n && matches!(chars[j], ')' | '）') {
            return j + 1;
        }
        return start;
    }
    const CN: &str = "一二三四五六七八九十";
    if k < n && CN.contains(chars[k]) {
        let mut j = k;
        while j < n && CN.contains(chars[j]) {
            j += 1;
        }
        if j < n && matches!(chars[j], '、' | '是') {
            return j + 1;
        }
        return start;
    }
    while k < n && matches!(chars[k], '—' | '-') {
        k += 1;
    }
    k
}

/// Is position `i` the start of a clause (paragraph start, after a label or a delimiter)?
fn at_clause_start(chars: &[char], i: usize) -> bool {
    let mut b = i;
    while b > 0 && is_space(chars[b - 1]) {
        b -= 1;
    }
    b == 0 || is_clause_delim(chars[b - 1]) || skip_label(chars, 0) == b
}

/// The year of a `到YYYY年` lead: `到`/`至`/`截至` + year at a clause start, or a `YYYY年,`
/// opening the paragraph. With `only_opening`, the lead must open the paragraph.
fn lead_year(chars: &[char], years: &[YearMention], only_opening: bool) -> Option<u16> {
    let opening = skip_label(chars, 0);
    for y in years {
        if !y.usable {
            continue;
        }
        if y.to {
            let w = if ends_at(chars, y.start, "截至")
                || ends_at(chars, y.start, "截止")
                || ends_at(chars, y.start, "至迟")
            {
                2
            } else {
                1
            };
            let s = y.start.saturating_sub(w);
            let ok = if only_opening {
                s == opening
            } else {
                at_clause_start(chars, s)
            };
            if ok {
                return Some(y.year);
            }
        } else if y.start == opening {
            // "2022年," opening the paragraph
            let after = skip_spaces(chars, y.end);
            if after < chars.len() && matches!(chars[after], ',' | '，') {
                return Some(y.year);
            }
        }
    }
    None
}

/// The year of a governing "到2025年" / "到2025年底" / "2022年," lead in a paragraph, if any:
/// the first `到`/`至`/`截至` + `YYYY年` that starts a clause, or a `YYYY年,` opening the paragraph.
pub fn governing_year(paragraph: &str) -> Option<u16> {
    let chars: Vec<char> = paragraph.chars().collect();
    let depth = bracket_depth(&chars);
    let years = year_mentions(&chars, &depth);
    lead_year(&chars, &years, false)
}

// ---------------------------------------------------------------------------------------------
// scanning
// ---------------------------------------------------------------------------------------------

/// All quantity candidates of a paragraph, in order.
fn candidates(chars: &[char], depth: &[u8]) -> Vec<Candidate> {
    let n = chars.len();
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        if is_cn_numeral(chars[i]) && (i == 0 || !is_cn_numeral(chars[i - 1])) {
            if let Some(c) = read_cn_token(chars, i) {
                let next = c.end.max(i + 1);
                if depth.get(i).copied().unwrap_or(0) == 0 {
                    out.push(c);
                }
                i = next;
                continue;
            }
        }
        if !is_digit(chars[i]) || bad_before(chars, i) {
            i += 1;
            continue;
        }
        match read_token(chars, i) {
            Token::Skip(next) => i = next.max(i + 1),
            Token::Quantity(c) => {
                let next = c.end.max(i + 1);
                if depth.get(c.value.start()).copied().unwrap_or(0) == 0 {
                    out.push(*c);
                }
                i = next;
            }
        }
    }
    out
}

/// Longest word of `words` ending at `end`.
fn word_ending_at<'a>(
    chars: &[char],
    end: usize,
    words: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    words
        .into_iter()
        .filter(|w| ends_at(chars, end, w))
        .max_by_key(|w| w.chars().count())
}

/// Comparator from the words before the value: the nearest prefix cue in `[from, start)`.
fn prefix_comparator(chars: &[char], from: usize, start: usize) -> Option<Comparator> {
    let mut s = start;
    while s > from && is_space(chars[s - 1]) {
        s -= 1;
    }
    if word_ending_at(chars, s, ABOUT_IMMEDIATE.iter().copied()).is_some() {
        return Some(Comparator::About);
    }
    let mut e = s;
    while e > from {
        if let Some(w) = word_ending_at(chars, e, PREFIX_COMPARATORS.iter().map(|(w, _)| *w)) {
            let ws = e - w.chars().count();
            if ws >= from {
                let c = PREFIX_COMPARATORS
                    .iter()
                    .find(|(x, _)| *x == w)
                    .map(|(_, c)| *c)?;
                // 不得超过 → <=, 不得低于 → >=: a negated comparison turns round
                let negated = NEGATORS.iter().any(|n| ends_at(chars, ws, n));
                return Some(match (c, negated && NEGATABLE.contains(&w)) {
                    (Comparator::Ge, true) => Comparator::Le,
                    (Comparator::Le, true) => Comparator::Ge,
                    (c, _) => c,
                });
            }
        }
        e -= 1;
    }
    None
}

/// Is `在`/`为`/`对` at `end-1` a real marker and not part of a word (存在, 成为, 在校 …)?
fn marker_is_word(chars: &[char], end: usize, w: &str) -> bool {
    let before = if end > w.chars().count() {
        chars.get(end - w.chars().count() - 1).copied()
    } else {
        None
    };
    let after = chars.get(end).copied();
    match w {
        "在" => {
            !before.is_some_and(|c| "存现正所实自内外模率例量数度".contains(c))
                && !after.is_some_and(|c| "校园岗职读编册线".contains(c))
        }
        "为" => !before.is_some_and(|c| "成作认视列改因以称更".contains(c)),
        "对" => !before.is_some_and(|c| "相绝面针核".contains(c)),
        "向" => !before.is_some_and(|c| "方导取面倾".contains(c)),
        _ => true,
    }
}

/// Does the clause before `start` name an existing referent (`推动2所…`, `在全市8个…`)?
fn names_referent(chars: &[char], clause_start: usize, start: usize) -> bool {
    let mut s = start;
    while s > clause_start && is_space(chars[s - 1]) {
        s -= 1;
    }
    if s > clause_start && chars[s - 1] == '的' {
        return true;
    }
    let mut e = s;
    while e > clause_start {
        let verb = word_ending_at(chars, e, TARGET_VERBS.iter().copied());
        let marker = word_ending_at(chars, e, REFERENT_MARKERS.iter().copied())
            .filter(|w| marker_is_word(chars, e, w));
        match (verb, marker) {
            (Some(v), Some(m)) => return m.chars().count() > v.chars().count(),
            (Some(_), None) => return false,
            (None, Some(_)) => return true,
            (None, None) => {}
        }
        e -= 1;
    }
    false
}

fn has_past_le(chars: &[char], a: usize, b: usize) -> bool {
    (a..b.min(chars.len())).any(|i| {
        chars[i] == '了'
            && !NOT_PAST_LE.iter().any(|w| {
                let wl = w.chars().count();
                // the word may start before or at i
                (0..wl).any(|off| i >= off && at(chars, i - off, w))
            })
    })
}

fn any_word(chars: &[char], a: usize, b: usize, words: &[&str]) -> bool {
    words.iter().any(|w| contains_word(chars, a, b, w))
}

/// Base statistic or target (see "Base statistic or target" in the module docs).
fn classify(
    chars: &[char],
    ctx: &Context,
    cand: &Candidate,
    years: &[YearMention],
    clause: (usize, usize),
    sent: usize,
) -> QuantityKind {
    let start = cand.value.start();
    if ctx.section_hint == SectionHint::Baseline {
        return QuantityKind::BaseStat;
    }
    // 截至2025年 is a future frame when the year is not before the governing year
    let future_cutoff = |w: &str| -> bool {
        (sent..start).any(|i| {
            at(chars, i, w)
                && years
                    .iter()
                    .any(|y| y.start == i + 2 && ctx.governing_year.is_some_and(|g| y.year >= g))
        })
    };
    let strong: &[&str] = &["目前", "十三五", "以来", "近年来", "过去", "至今", "现阶段"];
    let mut base = any_word(chars, sent, start, strong)
        || ((contains_word(chars, sent, start, "截至") && !future_cutoff("截至"))
            || (contains_word(chars, sent, start, "截止") && !future_cutoff("截止")))
        || any_word(chars, clause.0, start, &["现有", "已有", "已经"]);
    if ctx.section_hint == SectionHint::Other && !base {
        let counting = cand
            .unit
            .as_deref()
            .is_some_and(|u| ENTITY_UNITS.contains(&u));
        base = any_word(chars, sent, start, BASE_SENTENCE_CUES)
            || any_word(chars, clause.0, start, BASE_CLAUSE_CUES)
            || has_past_le(chars, clause.0, start)
            || (counting && names_referent(chars, clause.0, start));
    }
    if base {
        QuantityKind::BaseStat
    } else {
        QuantityKind::Target
    }
}

/// The nearest usable year stated before `start` in the sentence starting at `sent`.
fn stated_year(years: &[YearMention], sent: usize, start: usize) -> Option<u16> {
    years
        .iter()
        .filter(|y| y.usable && y.start >= sent && y.end <= start)
        .max_by_key(|y| y.start)
        .map(|y| y.year)
}

fn strip_lead(s: &str) -> &str {
    let mut s = s;
    loop {
        let before = s;
        s = s.trim_start_matches(|c: char| is_space(c) || matches!(c, '、' | '—' | '-'));
        // 到2025年(底), 2022年
        let cs: Vec<char> = s.chars().collect();
        let mut k = 0;
        if k < cs.len() && matches!(cs[k], '到' | '至') {
            k += 1;
        }
        let d0 = k;
        while k < cs.len() && is_digit(cs[k]) {
            k += 1;
        }
        if k - d0 == 4 && k < cs.len() && cs[k] == '年' {
            k += 1;
            if k < cs.len() && matches!(cs[k], '底' | '末' | '前' | '内') {
                k += 1;
            }
            let byte = cs[..k].iter().map(|c| c.len_utf8()).sum::<usize>();
            s = &s[byte..];
        }
        for w in METRIC_LEAD_JUNK {
            if let Some(r) = s.strip_prefix(w) {
                s = r;
                break;
            }
        }
        if s == before {
            return s;
        }
    }
}

fn strip_tail(s: &str) -> &str {
    let mut s = s.trim_end_matches(is_space);
    loop {
        let before = s;
        let mut best: Option<&str> = None;
        for w in METRIC_TAIL_JUNK {
            if s.ends_with(w) && best.is_none_or(|b: &str| w.len() > b.len()) {
                best = Some(w);
            }
        }
        if let Some(w) = best {
            s = &s[..s.len() - w.len()];
        }
        // a trailing 到2025年底 / 2025年
        for suf in ["年底", "年末", "年前", "年"] {
            if let Some(r) = s.strip_suffix(suf) {
                let digits = r.chars().rev().take_while(|c| is_digit(*c)).count();
                if digits == 4 {
                    let cut = r.len() - digits; // ASCII digits (fullwidth are 3 bytes; rare)
                    let r2 = r.get(..cut).unwrap_or(r);
                    s = r2.trim_end_matches(['到', '至']);
                }
                break;
            }
        }
        s = s.trim_end_matches(|c: char| is_space(c) || matches!(c, '、' | '的'));
        if s == before {
            return s;
        }
    }
}

/// Best-effort metric name (see "Text and metric" in the module docs).
fn metric_of(chars: &[char], clause: (usize, usize), prev_end: usize, cand: &Candidate) -> String {
    let start = cand.token_start.min(cand.value.start());
    let from = clause.0.max(prev_end).min(start);
    // within a 、-list of numbers the name starts after the last 、 (outside parentheses)
    let mut a = skip_label(chars, from).min(start);
    let mut paren = 0i32;
    for k in (a..start).rev() {
        match chars[k] {
            ')' | '）' => paren += 1,
            '(' | '（' => paren -= 1,
            '、' if paren == 0 => {
                if (clause.0..k).any(|j| is_digit(chars[j])) {
                    a = k + 1;
                }
                break;
            }
            _ => {}
        }
    }
    let pre_raw = slice(chars, a, start);
    let pre_lead = strip_lead(&pre_raw)
        .trim_start_matches([')', '）', '、', '—'])
        .to_string();
    // an unbalanced "(" at the start (a parenthesised aside)
    let pre_lead = match pre_lead.strip_prefix(['(', '（']) {
        Some(r) if !r.contains([')', '）']) => r.to_string(),
        _ => pre_lead,
    };
    let pre = strip_tail(&pre_lead);
    let pre_is_verb = pre.chars().count() <= 2 || TARGET_VERBS.iter().any(|v| pre.ends_with(v));
    // the noun after the number
    let post = noun_after(chars, cand.end, clause.1);
    if !post.is_empty() && pre_is_verb {
        format!("{pre}{post}")
    } else if pre.is_empty() {
        post
    } else {
        pre.to_string()
    }
}

/// The noun phrase after a number (`2600个以上公办普通高中学位` → `公办普通高中学位`), up to a
/// `、`/`的`/`并` or digit outside quotes and parentheses; after a `、`-list of attributes
/// ending in `的`, the head noun (`…、办学质量优良的乡村品牌学校` → `乡村品牌学校`).
fn noun_after(chars: &[char], from: usize, clause_end: usize) -> String {
    let mut i = from;
    while i < clause_end && (chars[i] == '的' || is_space(chars[i])) {
        i += 1;
    }
    let mut depth = 0i32;
    let mut last_de = None;
    let mut list_before_de = false;
    let mut first_stop = None;
    let mut k = i;
    while k < clause_end {
        let c = chars[k];
        match c {
            '(' | '（' | '“' | '‘' => depth += 1,
            ')' | '）' | '”' | '’' => depth -= 1,
            _ if depth > 0 => {}
            _ if is_digit(c) => break,
            '的' => {
                first_stop.get_or_insert(k);
                last_de = Some(k);
            }
            '、' => {
                first_stop.get_or_insert(k);
                list_before_de = true;
            }
            '并' => {
                first_stop.get_or_insert(k);
            }
            _ => {}
        }
        k += 1;
    }
    if let (Some(d), true) = (last_de, list_before_de) {
        if last_de > first_stop.filter(|&f| chars[f] == '、') {
            let mut e = d + 1;
            while e < k && !matches!(chars[e], '、' | '并') {
                e += 1;
            }
            return slice(chars, d + 1, e);
        }
    }
    slice(chars, i, first_stop.unwrap_or(k))
}

/// Read every base statistic and numeric target stated in one paragraph.
pub fn scan(paragraph: &str, ctx: &Context) -> Vec<Found> {
    // every candidate starts at a digit or a Chinese numeral: a paragraph with neither has
    // none, and is not read further
    if !paragraph.chars().any(|c| is_digit(c) || is_cn_numeral(c)) {
        return Vec::new();
    }
    let chars: Vec<char> = paragraph.chars().collect();
    let depth = bracket_depth(&chars);
    let cands = candidates(&chars, &depth);
    if cands.is_empty() {
        return Vec::new();
    }
    let years = year_mentions(&chars, &depth);
    let opening_year = lead_year(&chars, &years, true);
    let mut out = Vec::with_capacity(cands.len());
    let mut prev_end = 0usize;
    // the prefix comparator of the previous number and where that number ended
    let mut prev_prefix: Option<(Comparator, usize)> = None;
    for cand in &cands {
        let start = cand.value.start();
        let clause = clause_bounds(&chars, start);
        let sent = sentence_start(&chars, start);
        let kind = classify(&chars, ctx, cand, &years, clause, sent);
        // comparator
        let from = clause.0.max(if prev_end > clause.0 && prev_end <= start {
            prev_end
        } else {
            clause.0
        });
        let prefix = prefix_comparator(&chars, from, start);
        // 不少于10小时、9小时和8小时: a list member takes the prefix word of the first member
        let listed = prev_prefix.filter(|(c, e)| {
            prefix.is_none()
                && *c != Comparator::Eq
                && *e >= clause.0
                && *e <= start
                && chars[*e..start]
                    .iter()
                    .any(|c| matches!(c, '、' | '和' | '及' | '与' | '或'))
        });
        let comparator = cand
            .suffix
            .or_else(|| cand.approx_more.then_some(Comparator::Ge))
            .or(prefix)
            .or(listed.map(|(c, _)| c))
            .unwrap_or(Comparator::Eq);
        prev_prefix = match (prefix, listed) {
            (Some(c), _) | (None, Some((c, _))) if cand.suffix.is_none() => Some((c, cand.end)),
            _ => None,
        };
        // year
        let stated = cand.glued_year.or_else(|| stated_year(&years, sent, start));
        let year = match kind {
            QuantityKind::Target => stated.or(opening_year).or(ctx.governing_year),
            QuantityKind::BaseStat => {
                let span_cue = any_word(
                    &chars,
                    sent,
                    start,
                    &["累计", "十三五", "以来", "目前", "期间", "共计"],
                );
                if span_cue {
                    None
                } else {
                    stated
                }
            }
        };
        // text: the clause, trimmed
        let (mut ta, mut tb) = clause;
        while ta < tb && is_space(chars[ta]) {
            ta += 1;
        }
        while tb > ta && is_space(chars[tb - 1]) {
            tb -= 1;
        }
        let mut metric = metric_of(
            &chars,
            clause,
            if prev_end >= clause.0 {
                prev_end
            } else {
                clause.0
            },
            cand,
        );
        if metric.is_empty() {
            // 到2025年底达到100% / 93%和98%: the metric of the previous number in the sentence
            if let Some(prev) = out.last().filter(|p: &&Found| p.span[1] as usize >= sent) {
                metric = prev.metric.clone();
            }
        }
        out.push(Found {
            kind,
            text: slice(&chars, ta, tb),
            text_span: [ta as u32, tb as u32],
            metric,
            value: cand.value.text(),
            number: Some(cand.value.number()).filter(|x| x.is_finite()),
            upper: cand.value.upper().filter(|x| x.is_finite()),
            unit: cand.unit.clone(),
            comparator,
            year,
            span: [start as u32, cand.unit_end as u32],
        });
        prev_end = cand.end;
    }
    out
}

/// Parse a table cell or token: `≥100` → (`>=`, 100.0), `1.5万` → 15000, `95%` → 95,
/// `100以上` → (`>=`, 100), `1-2` → 1; `保持高水平` → `None`. The whole cell must be a quantity
/// (comparator words, one value, an optional unit and suffix).
pub fn parse_cell_number(cell: &str) -> Option<(Comparator, f64)> {
    let chars: Vec<char> = cell.chars().collect();
    let n = chars.len();
    let mut i = skip_spaces(&chars, 0);
    let mut prefix = None;
    const PREFIXES: &[(&str, Comparator)] = &[
        ("≥", Comparator::Ge),
        (">=", Comparator::Ge),
        ("＞", Comparator::Ge),
        (">", Comparator::Ge),
        ("≤", Comparator::Le),
        ("<=", Comparator::Le),
        ("＜", Comparator::Le),
        ("<", Comparator::Le),
        ("≈", Comparator::About),
        ("~", Comparator::About),
        ("约", Comparator::About),
        ("不低于", Comparator::Ge),
        ("不少于", Comparator::Ge),
        ("至少", Comparator::Ge),
        ("超过", Comparator::Ge),
        ("高于", Comparator::Ge),
        ("大于", Comparator::Ge),
        ("不超过", Comparator::Le),
        ("不高于", Comparator::Le),
        ("低于", Comparator::Le),
        ("小于", Comparator::Le),
        ("控制在", Comparator::Le),
        ("达到", Comparator::Eq),
        ("保持", Comparator::Eq),
        ("=", Comparator::Eq),
    ];
    if let Some((w, c)) = PREFIXES.iter().find(|(w, _)| at(&chars, i, w)) {
        prefix = Some(*c);
        i = skip_spaces(&chars, i + w.chars().count());
    }
    if i >= n || !is_digit(chars[i]) {
        return None;
    }
    let first = read_num(&chars, i)?;
    let mut end = first.end;
    let mut second = None;
    if end + 1 < n && is_range_sep(chars[end]) && is_digit(chars[end + 1]) {
        let s = read_num(&chars, end + 1)?;
        end = s.end;
        second = Some((chars[first.end], s));
    }
    let value = Value { first, second };
    let mut p = skip_spaces(&chars, end);
    let mut approx_more = false;
    if p < n && matches!(chars[p], '多' | '余') {
        approx_more = true;
        p += 1;
    }
    if let Some(u) = UNITS
        .iter()
        .filter(|u| at(&chars, p, u))
        .max_by_key(|u| u.chars().count())
    {
        p += u.chars().count();
    }
    p = skip_spaces(&chars, p);
    let mut suffix = None;
    if let Some((c, e)) = match_suffix(&chars, p) {
        suffix = Some(c);
        p = skip_spaces(&chars, e);
    }
    if p != n {
        return None;
    }
    let cmp = suffix
        .or(prefix)
        .or_else(|| approx_more.then_some(Comparator::Ge))
        .unwrap_or(Comparator::Eq);
    let v = value.number();
    v.is_finite().then_some((cmp, v))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeral_bitmap_is_the_two_tables() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(
                is_cn_numeral(c),
                cn_digit(c).is_some() || cn_place(c).is_some(),
                "U+{:04X}",
                c as u32
            );
        }
    }
}
