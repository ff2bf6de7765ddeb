//! Splitting the 责任部门 (responsible departments) cell of a responsibility table.
//!
//! A typical cell (Jieyang 2023–2027, appendix row 1):
//!
//! ```text
//! 市教育局、各县(市、区)人民政府牵头,市委编办,市发展改革局、财政局、科技局按职责分工负责
//! ```
//!
//! gives lead `["市教育局", "各县(市、区)人民政府"]` and support
//! `["市委编办", "市发展改革局", "财政局", "科技局"]`.
//!
//! # Rules
//!
//! These follow the hand-checked gold (`tests/gold/README.md`, "Task table").
//!
//! 1. **Clean-up.** Leading/trailing whitespace is ignored, including U+00A0 (NBSP) and U+3000
//!    (ideographic space), both for the whole cell and for every name.
//! 2. **Lead** = the text before the first `牵头`.
//! 3. **Support** = the text after `牵头`, with leading separators skipped (`,` `;` `:` in ASCII
//!    and full-width U+FF0C/U+FF1B/U+FF1A, `、`, `。`, and whitespace), up to the earliest *ending marker*. The accepted ending
//!    markers are listed in [`SUPPORT_ENDINGS`]: `按职责分工负责` and its variants
//!    (`按照职责分工负责`, `根据职责分工负责`, `按职能分工负责`, `按职责分工`, `分工负责`),
//!    `共同负责`, `配合`, `参与`, `协助`, `负责`. When several start at the same place the longest
//!    wins. Whatever follows the marker is ignored. When no marker is present the whole rest of
//!    the cell is the support list (`市教育局牵头,市财政局` → support `["市财政局"]`). Nothing
//!    after `牵头` → empty support list.
//! 4. **Splitting** ([`split_names`]) is on `、`, `,`, `;` (ASCII and full-width U+FF0C/U+FF1B), but
//!    only outside balanced brackets — ASCII `()`, full-width U+FF08/U+FF09, `[]`, `【】`, `〔〕`, `〈〉`, `《》` — so
//!    `各县(市、区)人民政府` stays one name. Nesting is allowed. An opening bracket that is never
//!    closed protects nothing (the text is then split as if it were not there).
//! 5. **Names as printed.** No prefix is propagated: in `市发展改革局、财政局` the second name is
//!    `财政局`, not `市财政局`.
//! 6. **Trailing `等…` dropped.** A name ending in `等单位`, `等部门`, `等有关单位`, `等有关部门`,
//!    `等相关单位`, `等相关部门`, `等单位和部门` or a bare `等` loses that ending (`团市委等单位` →
//!    `团市委`). Empty names are dropped.
//! 7. **No `牵头` at all** → every name is a lead (the cell lists who is responsible, with no
//!    lead/support distinction); a trailing ending marker (`…按职责分工负责`) is removed first. The
//!    support list is then empty.
//! 8. **Parenthesised markers.** The style `市教育局(牵头)、市财政局` — `(牵头)` or `(牵头单位)`,
//!    with ASCII or full-width parentheses, attached to a name — is also understood: the cell is split as a whole, names
//!    carrying the marker are leads (marker removed), all other names are support.
//!
//! The functions never panic, whatever the input.

/// Lead and support departments of one 责任部门 cell.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Departments {
    /// Departments before `牵头`.
    pub lead: Vec<String>,
    /// Departments in the `…按职责分工负责` (or `配合` / `参与` / `协助` / `共同负责`) list.
    pub support: Vec<String>,
}

/// Phrases that end the support list, longest variants first among those sharing a start.
pub const SUPPORT_ENDINGS: &[&str] = &[
    "按照职责分工负责",
    "根据职责分工负责",
    "按职责分工负责",
    "按职能分工负责",
    "按职责分工",
    "分工负责",
    "共同负责",
    "配合",
    "参与",
    "协助",
    "负责",
];

/// Name endings that are dropped (`团市委等单位` → `团市委`). Longest first.
const ETC_ENDINGS: &[&str] = &[
    "等单位和部门",
    "等有关单位",
    "等有关部门",
    "等相关单位",
    "等相关部门",
    "等单位",
    "等部门",
    "等",
];

/// Parenthesised lead markers (rule 8).
const PAREN_LEAD_MARKERS: &[&str] = &[
    "(牵头单位)",
    "\u{ff08}牵头单位\u{ff09}",
    "(牵头)",
    "\u{ff08}牵头\u{ff09}",
];

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{a0}' || c == '\u{3000}' || c == '\u{feff}'
}

fn trim(s: &str) -> &str {
    s.trim_matches(is_space)
}

fn is_separator(c: char) -> bool {
    matches!(c, '、' | ',' | '\u{ff0c}' | ';' | '\u{ff1b}')
}

fn closing_for(c: char) -> Option<char> {
    Some(match c {
        '(' => ')',
        '\u{ff08}' => '\u{ff09}',
        '[' => ']',
        '【' => '】',
        '〔' => '〕',
        '〈' => '〉',
        '《' => '》',
        _ => return None,
    })
}

fn is_closing(c: char) -> bool {
    matches!(c, ')' | '\u{ff09}' | ']' | '】' | '〕' | '〉' | '》')
}

/// Clean one name: trim spaces and drop a trailing `等单位` / `等部门` / `等`.
fn clean_name(raw: &str) -> Option<String> {
    let mut s = trim(raw);
    for end in ETC_ENDINGS {
        if let Some(rest) = s.strip_suffix(end) {
            s = trim(rest);
            break;
        }
    }
    if s.is_empty() {
        None
    } else {
        Some(s.to_string())
    }
}

/// Split a list of department names on `、` `,` `,` `;` `;` outside brackets (see module
/// rules 4–6). Names are trimmed, a trailing `等单位`/`等部门` is dropped, empty names vanish.
///
/// ```
/// use planscope_parser::departments::split_names;
/// assert_eq!(
///     split_names("市发展改革局、各县(市、区)人民政府,团市委等单位"),
///     vec!["市发展改革局", "各县(市、区)人民政府", "团市委"]
/// );
/// ```
pub fn split_names(list: &str) -> Vec<String> {
    let chars: Vec<char> = list.chars().collect();
    // Mark every char that lies inside a balanced bracket pair.
    let mut protected = vec![false; chars.len()];
    let mut stack: Vec<(usize, char)> = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        if let Some(close) = closing_for(c) {
            stack.push((i, close));
        } else if is_closing(c) {
            // Pop to the matching opener if there is one; a stray closer is ignored.
            if let Some(pos) = stack.iter().rposition(|&(_, close)| close == c) {
                let (start, _) = stack[pos];
                stack.truncate(pos);
                for p in protected.iter_mut().take(i + 1).skip(start) {
                    *p = true;
                }
            }
        }
    }
    let mut out = Vec::new();
    let mut cur = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if is_separator(c) && !protected[i] {
            if let Some(n) = clean_name(&cur) {
                out.push(n);
            }
            cur.clear();
        } else {
            cur.push(c);
        }
    }
    if let Some(n) = clean_name(&cur) {
        out.push(n);
    }
    out
}

/// Earliest support-ending marker in `s`: (byte start, byte end). Longest wins at equal starts.
fn find_ending(s: &str) -> Option<(usize, usize)> {
    let mut best: Option<(usize, usize)> = None;
    for m in SUPPORT_ENDINGS {
        if let Some(i) = s.find(m) {
            let cand = (i, i + m.len());
            best = match best {
                None => Some(cand),
                Some(b) if cand.0 < b.0 || (cand.0 == b.0 && cand.1 > b.1) => Some(cand),
                b => b,
            };
        }
    }
    best
}

/// Split a 责任部门 cell into lead and support departments (see the module rules).
///
/// ```
/// use planscope_parser::departments::split_departments;
/// let d = split_departments("市教育局、各县(市、区)人民政府牵头,市委编办,市财政局按职责分工负责");
/// assert_eq!(d.lead, vec!["市教育局", "各县(市、区)人民政府"]);
/// assert_eq!(d.support, vec!["市委编办", "市财政局"]);
/// ```
pub fn split_departments(cell: &str) -> Departments {
    let cell = trim(cell);

    // Rule 8: `市教育局(牵头)、市财政局`.
    if PAREN_LEAD_MARKERS.iter().any(|m| cell.contains(m)) {
        let mut d = Departments::default();
        for name in split_names(cell) {
            let mut marked = None;
            for m in PAREN_LEAD_MARKERS {
                if name.contains(m) {
                    marked = Some(name.replacen(m, "", 1));
                    break;
                }
            }
            match marked {
                Some(n) => {
                    if let Some(n) = clean_name(&n) {
                        d.lead.push(n);
                    }
                }
                None => d.support.push(name),
            }
        }
        return d;
    }

    match cell.find("牵头") {
        Some(i) => {
            let lead = split_names(&cell[..i]);
            let rest = cell[i + "牵头".len()..].trim_start_matches(|c: char| {
                is_space(c)
                    || matches!(
                        c,
                        ',' | '\u{ff0c}' | ';' | '\u{ff1b}' | '、' | '。' | ':' | '\u{ff1a}'
                    )
            });
            let support_text = match find_ending(rest) {
                Some((s, _)) => &rest[..s],
                None => rest.trim_end_matches(|c: char| is_space(c) || matches!(c, '。' | '.')),
            };
            Departments {
                lead,
                support: split_names(support_text),
            }
        }
        None => {
            let mut text = cell.trim_end_matches(|c: char| is_space(c) || matches!(c, '。' | '.'));
            // Remove a trailing ending marker (`…按职责分工负责`).
            for m in SUPPORT_ENDINGS {
                if let Some(rest) = text.strip_suffix(m) {
                    text = rest;
                    break;
                }
            }
            Departments {
                lead: split_names(text),
                support: Vec::new(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn v(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    /// Rows of the Jieyang appendix table: (序号, 项目名称, 目标任务, 责任部门). The seed prints one
    /// cell per line after the header `序号 / 项目名称 / 目标任务 / 责任部门`.
    fn jieyang_rows() -> Vec<[String; 4]> {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../seeds/jieyang-2023-2027.txt"
        );
        let text = std::fs::read_to_string(path).expect("read Jieyang seed");
        let lines: Vec<&str> = text.lines().map(trim).collect();
        let header = lines
            .iter()
            .position(|l| *l == "责任部门")
            .expect("table header");
        let cells: Vec<&str> = lines[header + 1..]
            .iter()
            .copied()
            .filter(|l| !l.is_empty())
            .collect();
        let mut rows = Vec::new();
        for chunk in cells.chunks(4) {
            // Rows start with their 序号; the page chrome after the table does not.
            if chunk.len() < 4 || chunk[0].parse::<u32>().is_err() {
                break;
            }
            rows.push([0, 1, 2, 3].map(|k| chunk[k].to_string()));
        }
        rows
    }

    #[test]
    fn jieyang_gold_task_table() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/gold/jieyang-2023-2027.gold.json"
        );
        let gold: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).expect("read gold")).expect("json");
        let gold_rows = gold["task_table"].as_array().expect("task_table");
        let rows = jieyang_rows();
        assert_eq!(rows.len(), 22);
        assert_eq!(gold_rows.len(), rows.len());
        let strings = |v: &serde_json::Value| -> Vec<String> {
            v.as_array()
                .unwrap()
                .iter()
                .map(|s| s.as_str().unwrap().to_string())
                .collect()
        };
        for (row, g) in rows.iter().zip(gold_rows) {
            assert_eq!(row[0].parse::<u64>().unwrap(), g["no"].as_u64().unwrap());
            assert_eq!(row[1], g["name"].as_str().unwrap());
            let d = split_departments(&row[3]);
            assert_eq!(
                d.lead,
                strings(&g["departments_lead"]),
                "lead of row {}",
                row[0]
            );
            assert_eq!(
                d.support,
                strings(&g["departments_support"]),
                "support of row {}",
                row[0]
            );
        }
    }

    #[test]
    fn full_width_punctuation() {
        let d = split_departments(
            "市教育局\u{ff0c}各县\u{ff08}市、区\u{ff09}人民政府牵头\u{ff0c}市财政局\u{ff1b}市委编办按职责分工负责",
        );
        assert_eq!(
            d.lead,
            v(&["市教育局", "各县\u{ff08}市、区\u{ff09}人民政府"])
        );
        assert_eq!(d.support, v(&["市财政局", "市委编办"]));
    }

    #[test]
    fn nested_parentheses() {
        assert_eq!(
            split_names("各县(市、区(含开发区、新区))人民政府、市财政局"),
            v(&["各县(市、区(含开发区、新区))人民政府", "市财政局"])
        );
        assert_eq!(
            split_names(
                "各县\u{ff08}市、区〔含功能区、园区〕\u{ff09}政府\u{ff0c}【市委、市政府】办公室"
            ),
            v(&[
                "各县\u{ff08}市、区〔含功能区、园区〕\u{ff09}政府",
                "【市委、市政府】办公室"
            ])
        );
    }

    #[test]
    fn unbalanced_parentheses_do_not_swallow_the_list() {
        assert_eq!(
            split_names("各县(市、区人民政府、财政局"),
            v(&["各县(市", "区人民政府", "财政局"])
        );
        assert_eq!(split_names("财政局)、教育局"), v(&["财政局)", "教育局"]));
    }

    #[test]
    fn missing_qiantou_means_all_lead() {
        let d = split_departments("市教育局、市财政局");
        assert_eq!(d.lead, v(&["市教育局", "市财政局"]));
        assert!(d.support.is_empty());
        let d = split_departments("市教育局、市财政局等部门按职责分工负责");
        assert_eq!(d.lead, v(&["市教育局", "市财政局"]));
        assert!(d.support.is_empty());
    }

    #[test]
    fn etc_endings_dropped() {
        let d = split_departments("市教育局牵头,市财政局、市人社局等部门配合");
        assert_eq!(d.lead, v(&["市教育局"]));
        assert_eq!(d.support, v(&["市财政局", "市人社局"]));
        assert_eq!(split_names("团市委等单位"), v(&["团市委"]));
        assert_eq!(split_names("市直有关单位等有关部门"), v(&["市直有关单位"]));
    }

    #[test]
    fn other_support_endings() {
        for ending in [
            "参与",
            "协助",
            "共同负责",
            "配合",
            "按照职责分工负责",
            "负责",
        ] {
            let d = split_departments(&format!("区教育局牵头,区财政局、区卫健局{ending}"));
            assert_eq!(d.lead, v(&["区教育局"]), "{ending}");
            assert_eq!(d.support, v(&["区财政局", "区卫健局"]), "{ending}");
        }
        // No ending marker: the rest is the support list.
        let d = split_departments("区教育局牵头,区财政局。");
        assert_eq!(d.support, v(&["区财政局"]));
        // Text after the marker is ignored.
        let d = split_departments("区教育局牵头,区财政局配合;各镇街落实");
        assert_eq!(d.support, v(&["区财政局"]));
    }

    #[test]
    fn spaces_and_nbsp() {
        let d = split_departments("\u{a0} 市教育局 、\u{a0}各县(市、区)人民政府 牵头, 市财政局\u{3000}按职责分工负责 \u{a0}");
        assert_eq!(d.lead, v(&["市教育局", "各县(市、区)人民政府"]));
        assert_eq!(d.support, v(&["市财政局"]));
    }

    #[test]
    fn parenthesised_lead_marker() {
        let d = split_departments("市教育局\u{ff08}牵头\u{ff09}、市财政局、市人社局");
        assert_eq!(d.lead, v(&["市教育局"]));
        assert_eq!(d.support, v(&["市财政局", "市人社局"]));
    }

    #[test]
    fn empty_and_degenerate() {
        assert_eq!(split_departments(""), Departments::default());
        assert_eq!(split_departments("牵头"), Departments::default());
        assert_eq!(split_departments("、,,"), Departments::default());
        let d = split_departments("牵头,按职责分工负责");
        assert!(d.lead.is_empty() && d.support.is_empty());
    }

    proptest! {
        #[test]
        fn never_panics(s in "[市教育局牵头按职责分工负责等单位部门配合参与、,\u{ff0c};\u{ff1b}()\u{ff08}\u{ff09}〔〕【】a-z \u{a0}\u{3000}]{0,40}") {
            let d = split_departments(&s);
            for n in d.lead.iter().chain(d.support.iter()) {
                prop_assert!(!n.is_empty());
                prop_assert_eq!(n.as_str(), trim(n));
            }
            let _ = split_names(&s);
        }

        #[test]
        fn never_panics_any_string(s in any::<String>()) {
            let _ = split_departments(&s);
            let _ = split_names(&s);
        }
    }
}
