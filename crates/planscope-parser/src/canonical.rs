//! # Indicator normalisation: wordings → canonical indicators
//!
//! Plans name the same indicator in many ways (学前教育毛入园率, 学前三年毛入园率,
//! 学前教育毛入学率 …). This module maps an indicator-table row name, or a prose number's
//! metric/clause, to an id of [`planscope_model::catalog::INDICATORS`], and leaves anything it
//! does not recognise unmapped (`None`): a wrong link is worse than none.
//!
//! ## Rules ([`RULES`])
//!
//! All matching runs on a private copy of the text ([`crate::topics::matching_copy`]:
//! full-width folded, `教化`→`教育`, `老师`→`教师`). A rule has
//!
//! * `all_of`: groups of alternatives. The rule matches where one alternative of **every**
//!   group occurs inside one compact *window*: at most [`WINDOW_MAX`] characters, in any order,
//!   with no clause punctuation (`,;:。!?`), digit or `%` inside it (so a window never spans two
//!   clauses or two numbers). `普通高中研究生学历专任教师占比` and `高中教师研究生学历比率`
//!   both give {高中}{教师}{研究生}{占比/比率/学历}.
//! * `none_of`: vetoes. The window, extended up to [`LEFT_REACH`] characters to the left and
//!   [`RIGHT_REACH`] to the right (not across punctuation or digits), must contain none of them: `残疾儿童少年义务教育入学率` is
//!   not plain 义务教育入学率; `小学、初中…本科…比例` names two indicators and maps to neither.
//! * `context`: when non-empty, one of these words must occur somewhere in the input or the
//!   sentence before the number (`新增`/`增加` for counts of *new* places).
//! * `bare`: when non-empty, the rule is a plain count and the input, stripped of a leading
//!   [`BARE_PREFIXES`] filler and a trailing `总数`/`数`, must *equal* one of these words
//!   (`幼儿园` 168所 is the number of kindergartens; `每个乡镇建有规范化公办中心幼儿园` is not).
//!
//! When several rules match, the **longest window wins** (the most specific wording); ties go to
//! catalogue order.
//!
//! ## Units
//!
//! A match is kept only when the unit fits the indicator ([`unit_compatible`]): a `%` indicator
//! needs a `%` number, a count of places needs `个`, money needs `元` (`万元`, `亿元` fold to
//! `元`), persons accept `人` or `名`. A prose number with no unit is never mapped. A `%`
//! indicator read from a number that directly follows a change verb (`近视率下降0.5%`) is a
//! change in points, not the rate, and is not mapped. Indicator-table rows are checked only when
//! the row states a unit.
//!
//! [`normalised`] reads a printed value with its unit into a number in the normalised unit
//! (`2.34万` 个 → 23400 个, `104.17亿` 元 → 1.0417e10 元); the model keeps values as printed.

use std::collections::HashMap;

use planscope_model::{Block, PlanDocument};

use crate::text::{fold_str, Hits, WordTable};
use crate::topics::matching_copy;

/// Longest window (in chars) in which all groups of a rule must occur.
pub const WINDOW_MAX: usize = 24;
/// How far left of a window vetoes (`none_of`) are looked for.
pub const LEFT_REACH: usize = 6;
/// How far right of a window vetoes (`none_of`) are looked for.
pub const RIGHT_REACH: usize = 4;
/// How far (in chars) a clause's window may end before its number.
pub const VALUE_REACH: usize = 16;
/// Leading fillers stripped before a `bare` comparison.
pub const BARE_PREFIXES: &[&str] = &[
    "全区", "全市", "全县", "全省", "共有", "现有", "拥有", "其中", "共", "有",
];
/// Verbs that make the following number a change rather than a level.
pub const CHANGE_VERBS: &[&str] = &[
    "下降", "降低", "减少", "减小", "缩小", "增长", "增加", "提高", "提升", "上升",
];

/// A canonical indicator's matching rule (see the module documentation).
#[derive(Clone, Copy, Debug)]
pub struct IndicatorRule {
    /// Indicator id ([`planscope_model::catalog::INDICATORS`]).
    pub id: &'static str,
    pub all_of: &'static [&'static [&'static str]],
    pub none_of: &'static [&'static str],
    pub context: &'static [&'static str],
    pub bare: &'static [&'static str],
}

const NEW: &[&str] = &["新增", "增加", "新建", "增设", "扩增", "扩充"];
const RATIO: &[&str] = &["比例", "占比", "比率"];
const DEGREE_SHARE: &[&str] = &["比例", "占比", "比率", "学历"];
const VOC_SCHOOL: &[&str] = &["职业学校", "职业院校", "中职", "职校", "中等职业"];

const fn r(
    id: &'static str,
    all_of: &'static [&'static [&'static str]],
    none_of: &'static [&'static str],
) -> IndicatorRule {
    IndicatorRule {
        id,
        all_of,
        none_of,
        context: &[],
        bare: &[],
    }
}

const fn new_places(
    id: &'static str,
    all_of: &'static [&'static [&'static str]],
    none_of: &'static [&'static str],
) -> IndicatorRule {
    IndicatorRule {
        id,
        all_of,
        none_of,
        context: NEW,
        bare: &[],
    }
}

const fn count(id: &'static str, bare: &'static [&'static str]) -> IndicatorRule {
    IndicatorRule {
        id,
        all_of: &[],
        none_of: &[],
        context: &[],
        bare,
    }
}

/// The rules, one per canonical indicator, in catalogue order.
pub const RULES: &[IndicatorRule] = &[
    r(
        "preschool_gross_enrolment",
        &[&["学前"], &["毛入园率", "毛入学率", "入园率"]],
        &["普惠", "公办"],
    ),
    r(
        "inclusive_kindergarten_coverage",
        &[
            &["普惠"],
            &["幼儿园", "普惠园"],
            &["覆盖率", "占比", "比例", "比率"],
        ],
        &[],
    ),
    r(
        "public_kindergarten_share",
        &[&["公办"], &["幼儿园", "公办园"], &["在园"], RATIO],
        &["普惠"],
    ),
    r(
        "compulsory_enrolment",
        &[&["义务教育", "小学、初中", "小学和初中"], &["入学率"]],
        &["残疾", "特殊", "毛入学率", "随迁"],
    ),
    r(
        "compulsory_retention",
        &[&["义务教育"], &["巩固率"]],
        &["残疾", "特殊", "入学巩固率"],
    ),
    r(
        "compulsory_dropout",
        &[&["义务教育", "初中", "小学"], &["辍学率"]],
        &[],
    ),
    r(
        "migrant_children_public_share",
        &[&["随迁子女"], &["公办"], RATIO],
        &[],
    ),
    r(
        "high_school_gross_enrolment",
        &[
            &["高中阶段", "高中教育", "普通高中", "中学阶段"],
            &["毛入学率"],
        ],
        &[],
    ),
    r(
        "special_enrolment",
        &[
            &["残疾儿童", "残疾学生", "特殊儿童", "特殊教育", "适龄残疾"],
            &["入学率", "入学巩固率"],
        ],
        &[],
    ),
    r(
        "teacher_degree_kindergarten",
        &[
            &["幼儿园", "学前教育", "幼儿"],
            &["教师"],
            &["专科", "大专"],
            DEGREE_SHARE,
        ],
        &["小学", "初中", "高中", "合格率"],
    ),
    r(
        "teacher_degree_primary",
        &[&["小学"], &["教师"], &["本科"], DEGREE_SHARE],
        &["初中", "幼儿园", "高中", "合格率"],
    ),
    r(
        "teacher_degree_junior",
        &[&["初中"], &["教师"], &["本科"], DEGREE_SHARE],
        &["小学", "幼儿园", "高中", "合格率"],
    ),
    r(
        "teacher_degree_high_school",
        &[&["高中"], &["教师"], &["研究生", "硕士"], DEGREE_SHARE],
        &["小学", "初中", "幼儿园", "合格率"],
    ),
    r("dual_qualified_teachers", &[&["双师型"], RATIO], &[]),
    r(
        "fitness_good_rate",
        &[&["体质健康", "体质测试", "体质"], &["优良率"]],
        &[],
    ),
    r(
        "fitness_pass_rate",
        &[&["体质健康", "体质测试", "体质"], &["达标率", "合格率"]],
        &[],
    ),
    r("myopia_rate", &[&["近视率"]], &[]),
    r(
        "vocational_employment",
        &[VOC_SCHOOL, &["就业率"]],
        &["对口"],
    ),
    r(
        "vocational_matched_employment",
        &[VOC_SCHOOL, &["对口就业率"]],
        &[],
    ),
    new_places(
        "new_public_places",
        &[&["公办"], &["学位"]],
        &[
            "幼儿园",
            "学前",
            "义务教育",
            "小学",
            "初中",
            "高中",
            "中职",
            "购买",
        ],
    ),
    new_places(
        "new_public_preschool_places",
        &[&["公办"], &["幼儿园", "学前", "公办园"], &["学位"]],
        &[],
    ),
    new_places(
        "new_public_compulsory_places",
        &[&["公办"], &["义务教育"], &["学位"]],
        &[],
    ),
    new_places(
        "new_public_high_school_places",
        &[&["公办"], &["高中"], &["学位"]],
        &[],
    ),
    r(
        "education_expenditure",
        &[&["教育经费", "教育支出", "教育投入", "教育事业费"]],
        // Shares, growth rates, per-pupil amounts and explicitly cumulative sums are other measures.
        &["占", "比例", "增长", "增幅", "生均", "累计"],
    ),
    r(
        "education_expenditure_share",
        &[
            &["教育经费", "教育支出"],
            &["占"],
            &["财政支出", "一般公共预算支出", "财政总支出", "公共财政支出"],
        ],
        &[],
    ),
    r(
        "working_age_schooling_years",
        &[&["劳动年龄人口", "新增劳动力"], &["受教育年限"]],
        &[],
    ),
    r(
        "population_schooling_years",
        &[&["人均受教育年限", "平均受教育年限"]],
        &["劳动"],
    ),
    count("schools_total", &["各级各类学校", "各类学校"]),
    count("kindergartens_total", &["幼儿园"]),
    count("full_time_teachers_total", &["专任教师"]),
    count("students_total", &["在校生", "在校学生", "各级各类在校生"]),
];

/// The rule of an indicator id.
pub fn rule(id: &str) -> Option<&'static IndicatorRule> {
    RULES.iter().find(|r| r.id == id)
}

/// A rule matched at `[start, end)` (chars of the matching copy).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Window {
    rule: usize,
    start: usize,
    end: usize,
}

impl Window {
    fn len(&self) -> usize {
        self.end - self.start
    }
}

fn breaks(c: char) -> bool {
    matches!(c, ',' | ';' | ':' | '!' | '?' | '。' | '%') || c.is_ascii_digit()
}

fn find_all(hay: &[char], needle: &str) -> Vec<usize> {
    let n: Vec<char> = needle.chars().collect();
    if n.is_empty() || n.len() > hay.len() {
        return Vec::new();
    }
    (0..=hay.len() - n.len())
        .filter(|&i| hay[i] == n[0] && hay[i..i + n.len()] == n[..])
        .collect()
}

/// Every word of every rule (`all_of` alternatives, `none_of`, `context`), found in one pass
/// over the text ([`WordTable`]) instead of one scan per word and rule. Matching is the same as
/// looking for each word on its own: every occurrence counts, overlapping ones too.
struct Compiled {
    /// Each word's length in chars.
    lens: Vec<usize>,
    table: WordTable,
    /// Per rule (catalogue order): its `all_of` groups, `none_of` and `context` as word ids.
    rules: Vec<RuleWords>,
}

struct RuleWords {
    all_of: Vec<Vec<usize>>,
    none_of: Vec<usize>,
    context: Vec<usize>,
}

fn compiled() -> &'static Compiled {
    static C: std::sync::OnceLock<Compiled> = std::sync::OnceLock::new();
    C.get_or_init(|| {
        let mut words: Vec<&'static str> = Vec::new();
        let mut id = |w: &'static str| match words.iter().position(|&x| x == w) {
            Some(i) => i,
            None => {
                words.push(w);
                words.len() - 1
            }
        };
        let mut rules = Vec::new();
        for r in RULES {
            rules.push(RuleWords {
                all_of: r
                    .all_of
                    .iter()
                    .map(|alts| alts.iter().map(|&a| id(a)).collect())
                    .collect(),
                none_of: r.none_of.iter().map(|&w| id(w)).collect(),
                context: r.context.iter().map(|&w| id(w)).collect(),
            });
        }
        Compiled {
            lens: words.iter().map(|w| w.chars().count()).collect(),
            table: WordTable::new(&words),
            rules,
        }
    })
}

/// Where each word of [`Compiled`] occurs in a text: per word id, its start positions in
/// chars, ascending.
struct Found {
    starts: Hits,
}

impl Found {
    fn of(text: &str) -> Found {
        Found {
            starts: compiled().table.hits(text, true),
        }
    }
    fn any(&self, word: usize) -> bool {
        self.starts.has(word)
    }
    /// Does `word` occur inside chars `[left, right)`?
    fn within(&self, word: usize, left: usize, right: usize) -> bool {
        let len = compiled().lens[word];
        self.starts.get(word).any(|s| s >= left && s + len <= right)
    }
}

/// Every window where rule `index` matches `copy` (`found` = the words found in `copy`;
/// the words of `context_text` are found into `in_context` when a rule first needs them).
fn windows(
    index: usize,
    copy: &[char],
    found: &Found,
    context_text: &str,
    in_context: &std::cell::OnceCell<Found>,
) -> Vec<Window> {
    let c = compiled();
    let rule = &c.rules[index];
    // Every group needs an occurrence: checked on the found words before anything is gathered
    // (most rules have none in a given text).
    if rule.all_of.is_empty()
        || rule
            .all_of
            .iter()
            .any(|alts| alts.iter().all(|&a| !found.any(a)))
    {
        return Vec::new();
    }
    if !rule.context.is_empty() {
        let ctx = in_context.get_or_init(|| Found::of(context_text));
        if !rule.context.iter().any(|&w| found.any(w) || ctx.any(w)) {
            return Vec::new();
        }
    }
    // Occurrences per group: (start, end).
    let occ: Vec<Vec<(usize, usize)>> = rule
        .all_of
        .iter()
        .map(|alts| {
            let mut v: Vec<(usize, usize)> = alts
                .iter()
                .flat_map(|&a| found.starts.get(a).map(move |s| (s, s + c.lens[a])))
                .collect();
            v.sort();
            v
        })
        .collect();
    let mut starts: Vec<usize> = occ.iter().flatten().map(|o| o.0).collect();
    starts.sort();
    starts.dedup();
    let mut out: Vec<Window> = Vec::new();
    for s in starts {
        // For each group, the occurrence at or after `s` that ends first.
        let mut end = 0;
        let mut ok = true;
        for g in &occ {
            match g.iter().filter(|o| o.0 >= s).min_by_key(|o| o.1) {
                Some(o) => end = end.max(o.1),
                None => {
                    ok = false;
                    break;
                }
            }
        }
        if !ok || end - s > WINDOW_MAX || copy[s..end].iter().any(|&c| breaks(c)) {
            continue;
        }
        let mut left = s;
        while left > 0 && s - left < LEFT_REACH && !breaks(copy[left - 1]) {
            left -= 1;
        }
        let mut right = end;
        while right < copy.len() && right - end < RIGHT_REACH && !breaks(copy[right]) {
            right += 1;
        }
        if rule.none_of.iter().any(|&w| found.within(w, left, right)) {
            continue;
        }
        let w = Window {
            rule: index,
            start: s,
            end,
        };
        if !out.iter().any(|o| o.start <= w.start && w.end <= o.end) {
            out.retain(|o| !(w.start <= o.start && o.end <= w.end));
            out.push(w);
        }
    }
    out
}

/// The input with a leading filler and a trailing `总数`/`数` stripped, for `bare` rules.
fn bare_form(copy: &str) -> &str {
    let mut s = copy.trim();
    for p in BARE_PREFIXES {
        if let Some(rest) = s.strip_prefix(p) {
            s = rest;
            break;
        }
    }
    s.strip_suffix("总数")
        .or_else(|| s.strip_suffix('数'))
        .unwrap_or(s)
}

/// All matches of all rules in a matching copy.
fn matches(copy: &str, context_text: &str) -> Vec<Window> {
    let chars: Vec<char> = copy.chars().collect();
    let found = Found::of(copy);
    // the context is only searched when a rule with `context` words gets that far
    let in_context = std::cell::OnceCell::new();
    let bare = bare_form(copy);
    let mut out = Vec::new();
    for (i, r) in RULES.iter().enumerate() {
        if !r.bare.is_empty() {
            if r.bare.contains(&bare) {
                out.push(Window {
                    rule: i,
                    start: 0,
                    end: chars.len(),
                });
            }
            continue;
        }
        out.extend(windows(i, &chars, &found, context_text, &in_context));
    }
    out
}

/// The most specific match: longest window, ties in catalogue order.
fn most_specific(ws: impl IntoIterator<Item = Window>) -> Option<Window> {
    ws.into_iter()
        .fold(None, |best: Option<Window>, w| match best {
            Some(b) if b.len() > w.len() || (b.len() == w.len() && b.rule <= w.rule) => Some(b),
            _ => Some(w),
        })
}

/// Normalise a unit: folded, trimmed, a 万/亿/千 multiplier prefix removed
/// ([`planscope_model::number::unit_magnitude`]). Returns the unit and the multiplier it carried.
fn unit_parts(unit: &str) -> (String, f64) {
    let u = fold_str(unit);
    let (factor, rest) = planscope_model::number::unit_magnitude(&u);
    (rest.to_string(), factor)
}

/// Does a number printed with unit `unit` fit an indicator measured in `indicator_unit`?
/// `None` (no unit printed) never fits.
pub fn unit_compatible(indicator_unit: &str, unit: Option<&str>) -> bool {
    let Some(unit) = unit else { return false };
    let (u, _) = unit_parts(unit);
    match indicator_unit {
        "人" => u == "人" || u == "名",
        other => u == other,
    }
}

fn indicator_unit(rule: usize) -> &'static str {
    planscope_model::catalog::indicator(RULES[rule].id)
        .map(|i| i.unit)
        .unwrap_or("")
}

/// The canonical indicator an indicator-table name or a prose metric/clause states, if any
/// (no unit check; see [`canonical_quantity`] for prose numbers).
pub fn canonical_indicator(name: &str) -> Option<&'static str> {
    most_specific(matches(&matching_copy(name), "")).map(|w| RULES[w.rule].id)
}

/// Like [`canonical_indicator`], keeping only indicators whose unit fits `unit`.
pub fn canonical_with_unit(name: &str, unit: Option<&str>) -> Option<&'static str> {
    most_specific(
        matches(&matching_copy(name), "")
            .into_iter()
            .filter(|w| unit_compatible(indicator_unit(w.rule), unit)),
    )
    .map(|w| RULES[w.rule].id)
}

/// Where the printed value starts in a matching copy (chars), if it can be found.
fn value_position(copy: &[char], value: &str) -> Option<usize> {
    let v = fold_str(value);
    let v = v.trim_start_matches(|c: char| !c.is_ascii_digit());
    let head: String = v
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    if head.is_empty() {
        return None;
    }
    // The first occurrence that is a whole number (so `5` is not found inside `2025` or `50`).
    let n = head.chars().count();
    let digit_at = |i: usize| copy.get(i).is_some_and(|c| c.is_ascii_digit());
    find_all(copy, &head).into_iter().find(|&i| {
        let before = i > 0 && (digit_at(i - 1) || (copy[i - 1] == '.' && i > 1 && digit_at(i - 2)));
        let after = digit_at(i + n) || (copy.get(i + n) == Some(&'.') && digit_at(i + n + 1));
        !before && !after
    })
}

/// Is the number at `pos` a change (`下降0.5%`) rather than a level?
fn is_change(copy: &[char], pos: usize) -> bool {
    let before: String = copy[..pos].iter().collect();
    let before = before.trim_end();
    CHANGE_VERBS
        .iter()
        .any(|v| before.ends_with(v) || before.ends_with(&format!("{v}了")))
}

/// The canonical indicator of a prose number: its `metric` first, else the clause `text` (the
/// match whose window ends nearest before the number, within [`VALUE_REACH`]); the unit must
/// fit, and a `%` indicator is not read from a change. `sentence_before` is the text of the
/// sentence before the number, searched for `context` words (`新增`).
pub fn canonical_quantity(
    metric: &str,
    text: &str,
    value: &str,
    unit: Option<&str>,
    sentence_before: &str,
) -> Option<&'static str> {
    let text_copy = matching_copy(text);
    let context = format!("{}{}", text_copy, matching_copy(sentence_before));
    let fits = |w: &Window| unit_compatible(indicator_unit(w.rule), unit);
    let chars: Vec<char> = text_copy.chars().collect();
    let pos = value_position(&chars, value);
    let chosen = most_specific(
        matches(&matching_copy(metric), &context)
            .into_iter()
            .filter(fits),
    )
    .or_else(|| {
        let p = pos?;
        let near = matches(&text_copy, &context).into_iter().filter(|w| {
            fits(w)
                && w.end <= p
                && p - w.end <= VALUE_REACH
                && !chars[w.end..p]
                    .iter()
                    .any(|&c| matches!(c, ',' | ';' | '。'))
        });
        let best_end = near.clone().map(|w| w.end).max()?;
        most_specific(near.filter(|w| w.end == best_end))
    })?;
    if indicator_unit(chosen.rule) == "%" {
        if let Some(p) = pos {
            if is_change(&chars, p) {
                return None;
            }
        }
    }
    Some(RULES[chosen.rule].id)
}

/// A printed value and unit as a number in the normalised unit: 万/亿 in the value and 万/亿/千
/// as the unit's prefix applied ([`planscope_model::number`]), comparators (`≥`, `约` …)
/// dropped, a range read as its lower end.
/// `None` when the value does not start with a number (`保持高水平`).
///
/// `("2.34万", Some("个"))` → `(23400.0, "个")`; `("104.17亿", Some("元"))` →
/// `(1.0417e10, "元")`; `("≥100", Some("%"))` → `(100.0, "%")`; `("5", Some("万元"))` →
/// `(50000.0, "元")`.
pub fn normalised(value: &str, unit: Option<&str>) -> Option<(f64, String)> {
    let v = fold_str(value);
    let v = v
        .trim()
        .trim_start_matches(['≥', '≤', '>', '<', '=', '~', '≈', '约', '+', ' ']);
    let mut num = String::new();
    let mut rest = v;
    for (i, c) in v.char_indices() {
        if c.is_ascii_digit() || c == '.' {
            num.push(c);
        } else if c == ',' && !num.is_empty() {
            // thousands separator
        } else {
            rest = &v[i..];
            break;
        }
        rest = &v[i + c.len_utf8()..];
    }
    let mut n: f64 = num.parse().ok()?;
    if let Some((f, _)) = planscope_model::number::magnitude_prefix(rest) {
        n *= f;
    }
    let (u, factor) = unit.map(unit_parts).unwrap_or_default();
    let factor = if unit.is_some() { factor } else { 1.0 };
    Some((n * factor, u))
}

/// The sentence of `paragraph` before char offset `at` (from the last `。;` before it).
fn sentence_before(paragraph: &str, at: u32) -> String {
    // byte offset of char `at` (the end when the paragraph is shorter), then back to the
    // sentence end before it: no char copy of the paragraph per number
    let end = paragraph
        .char_indices()
        .nth(at as usize)
        .map_or(paragraph.len(), |(b, _)| b);
    let start = paragraph[..end]
        .char_indices()
        .rev()
        .find(|&(_, c)| matches!(fold_char(c), '。' | ';'))
        .map_or(0, |(b, c)| b + c.len_utf8());
    paragraph[start..end].to_string()
}

fn fold_char(c: char) -> char {
    crate::text::fold(c)
}

/// Set `canonical` on every indicator-table row and every prose base statistic and target of
/// `doc` that states a known indicator.
pub fn assign(doc: &mut PlanDocument) {
    for t in &mut doc.indicator_tables {
        for row in &mut t.rows {
            let found = match row.unit.as_deref() {
                Some(u) => canonical_with_unit(&row.name, Some(u)),
                None => canonical_indicator(&row.name),
            };
            row.canonical = found.map(str::to_string);
        }
    }
    // the sentence before each number, read while the paragraphs are borrowed (no copies)
    let befores: Vec<String> = {
        fn collect<'a>(blocks: &'a [Block], texts: &mut HashMap<&'a str, &'a str>) {
            for b in blocks {
                if let Block::Paragraph(p) = b {
                    texts.insert(&p.id, &p.text);
                }
            }
        }
        let mut texts: HashMap<&str, &str> = HashMap::new();
        collect(&doc.front, &mut texts);
        for s in doc.walk_sections() {
            collect(&s.blocks, &mut texts);
        }
        for k in &doc.key_projects {
            for it in &k.items {
                texts.insert(&it.id, &it.text);
            }
        }
        doc.base_stats
            .iter()
            .chain(doc.targets.iter())
            .map(|q| {
                texts
                    .get(q.anchor.paragraph.as_str())
                    .map(|p| sentence_before(p, q.anchor.span[0]))
                    .unwrap_or_default()
            })
            .collect()
    };
    for (q, before) in doc
        .base_stats
        .iter_mut()
        .chain(doc.targets.iter_mut())
        .zip(befores)
    {
        q.canonical = canonical_quantity(&q.metric, &q.text, &q.value, q.unit.as_deref(), &before)
            .map(str::to_string);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_match_catalogue() {
        let cat: Vec<&str> = planscope_model::catalog::INDICATORS
            .iter()
            .map(|t| t.id)
            .collect();
        let rules: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        assert_eq!(cat, rules);
    }

    #[test]
    fn rules_are_well_formed() {
        for r in RULES {
            assert!(
                r.all_of.is_empty() != r.bare.is_empty(),
                "{}: a rule is either windowed or bare",
                r.id
            );
            for w in r
                .all_of
                .iter()
                .flat_map(|g| g.iter())
                .chain(r.bare)
                .chain(r.none_of)
                .chain(r.context)
            {
                assert_eq!(
                    matching_copy(w),
                    *w,
                    "{}: {w} is not in matching spelling",
                    r.id
                );
                assert!(w.chars().count() <= WINDOW_MAX);
            }
        }
    }

    #[test]
    fn windows_do_not_cross_clauses() {
        assert_eq!(canonical_indicator("学前教育普及,毛入园率"), None);
        assert_eq!(
            canonical_indicator("学前教育毛入园率"),
            Some("preschool_gross_enrolment")
        );
    }

    #[test]
    fn change_is_not_a_level() {
        let c = canonical_quantity(
            "儿童青少年总体近视率",
            "全市儿童青少年总体近视率下降0.5%以上",
            "0.5",
            Some("%"),
            "",
        );
        assert_eq!(c, None);
        let c = canonical_quantity(
            "学生体质健康优良率",
            "着力提高学生体质健康优良率达58%以上",
            "58",
            Some("%"),
            "",
        );
        assert_eq!(c, Some("fitness_good_rate"));
    }

    #[test]
    fn sentence_before_number() {
        assert_eq!(
            sentence_before(
                "甲。新增学前教育公办学位2000个、义务教育公办学位20500个",
                26
            ),
            "新增学前教育公办学位2000个、义务教育公办学位"
        );
    }
}
