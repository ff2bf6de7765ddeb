//! The plan reader's logic, without a DOM: element ids, the outline tree's keyboard model
//! (WAI-ARIA tree pattern), numbers marked in the text, find-in-plan hit maps, the department
//! filter of responsibility tables, and what a number's popover says. Unit-tested natively.

use std::collections::HashMap;

use planscope_model::nav::OutlineEntry;
use planscope_model::search::{split_hits, Hit, TextUnit};
use planscope_model::{
    Block, Indicator, ParagraphRole, PlanDocument, Quantity, TaskRow, TaskTable,
};

// ---------------------------------------------------------------------------------------------
// element ids
// ---------------------------------------------------------------------------------------------

/// Element id of a section, attachment (`A1`), key project (`K1`), table (`R1`) or the front
/// matter (`0`): `s-3.1.2`. Ids are `[A-Za-z0-9._-]` (checked by the route), so they need no
/// escaping in an id attribute; look them up with `getElementById`, not a CSS selector.
pub fn section_el(id: &str) -> String {
    format!("s-{id}")
}

/// Element id of a paragraph, box item or table row: `p-3.1.2p1`.
pub fn para_el(id: &str) -> String {
    format!("p-{id}")
}

/// Element id of an outline tree item: `ti-3.1.2`.
pub fn tree_el(id: &str) -> String {
    format!("ti-{id}")
}

/// Element id of the group of an outline entry's children: `tg-3.1` (the fold button's
/// `aria-controls`).
pub fn tree_group_el(id: &str) -> String {
    format!("tg-{id}")
}

/// Element id of a number button: `q-G3`, `q-T1r2-t`.
pub fn num_el(key: &str) -> String {
    format!("q-{key}")
}

/// The element a deep link points at: `&p=` wins over `&sec=`.
pub fn target_el(section: Option<&str>, para: Option<&str>) -> Option<String> {
    para.map(para_el).or_else(|| section.map(section_el))
}

// ---------------------------------------------------------------------------------------------
// front matter
// ---------------------------------------------------------------------------------------------

/// Where the preamble starts in `front`: after the last paragraph with a role (notice, title,
/// 目录, signature…). Everything before is the document's wrapper (文件信息); the trailing
/// plain paragraphs are the plan's own opening text.
pub fn preamble_start(front: &[Block]) -> usize {
    front
        .iter()
        .rposition(|b| !matches!(b, Block::Paragraph(p) if p.role.is_none()))
        .map_or(0, |i| i + 1)
}

/// Whether a front paragraph belongs to the collapsed 目录 copy.
pub fn is_toc(block: &Block) -> bool {
    matches!(block, Block::Paragraph(p) if p.role == Some(ParagraphRole::Toc))
}

// ---------------------------------------------------------------------------------------------
// outline tree (WAI-ARIA tree pattern)
// ---------------------------------------------------------------------------------------------

/// A key the tree handles.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TreeKey {
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    Activate,
}

impl TreeKey {
    /// `KeyboardEvent.key` → tree key.
    pub fn from_key(key: &str) -> Option<TreeKey> {
        Some(match key {
            "ArrowUp" => TreeKey::Up,
            "ArrowDown" => TreeKey::Down,
            "ArrowLeft" => TreeKey::Left,
            "ArrowRight" => TreeKey::Right,
            "Home" => TreeKey::Home,
            "End" => TreeKey::End,
            "Enter" | " " => TreeKey::Activate,
            _ => return None,
        })
    }
}

/// What a key does to the tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TreeAction {
    Focus(usize),
    Expand(usize),
    Collapse(usize),
    Activate(usize),
    Nothing,
}

/// The accessible name of an outline entry's fold button: `展开“第三章 主要任务”` while its
/// children are hidden, `收起“…”` while they are shown (the action a tap performs; the state
/// itself is also announced from `aria-expanded`). `label` is the entry's number (may be empty),
/// `title` its heading text; both are trimmed and joined by one space.
pub fn toggle_name(label: &str, title: &str, expanded: bool) -> String {
    let verb = if expanded { "收起" } else { "展开" };
    let (label, title) = (label.trim(), title.trim());
    let sep = if label.is_empty() || title.is_empty() {
        ""
    } else {
        " "
    };
    format!("{verb}\u{201C}{label}{sep}{title}\u{201D}")
}

/// Entries shown (all ancestors expanded), in order.
pub fn visible(entries: &[OutlineEntry], expanded: &[bool]) -> Vec<usize> {
    (0..entries.len())
        .filter(|&i| {
            let mut p = entries[i].parent;
            while let Some(k) = p {
                if !expanded.get(k).copied().unwrap_or(false) {
                    return false;
                }
                p = entries[k].parent;
            }
            true
        })
        .collect()
}

/// The tree pattern: Up/Down move between visible items; Right expands a closed parent or
/// moves to its first child; Left collapses an open parent or moves to the parent; Home/End go
/// to the first/last visible item; Enter/Space activate.
pub fn tree_action(
    entries: &[OutlineEntry],
    expanded: &[bool],
    current: usize,
    key: TreeKey,
) -> TreeAction {
    if entries.is_empty() {
        return TreeAction::Nothing;
    }
    let shown = visible(entries, expanded);
    let pos = shown.iter().position(|&i| i == current);
    let has_children = entries.get(current).is_some_and(|e| e.children > 0);
    let open = expanded.get(current).copied().unwrap_or(false);
    let focus = |i: Option<&usize>| i.map_or(TreeAction::Nothing, |&i| TreeAction::Focus(i));
    match key {
        TreeKey::Down => match pos {
            Some(p) => focus(shown.get(p + 1)),
            None => focus(shown.first()),
        },
        TreeKey::Up => match pos {
            Some(p) => focus(p.checked_sub(1).and_then(|q| shown.get(q))),
            None => focus(shown.first()),
        },
        TreeKey::Home => focus(shown.first()),
        TreeKey::End => focus(shown.last()),
        TreeKey::Right if has_children && !open => TreeAction::Expand(current),
        TreeKey::Right if has_children => TreeAction::Focus(current + 1),
        TreeKey::Right => TreeAction::Nothing,
        TreeKey::Left if has_children && open => TreeAction::Collapse(current),
        TreeKey::Left => entries
            .get(current)
            .and_then(|e| e.parent)
            .map_or(TreeAction::Nothing, TreeAction::Focus),
        TreeKey::Activate => TreeAction::Activate(current),
    }
}

/// Initial expansion: top-level headings open (their children shown), and every ancestor of
/// `current` open so the current heading is visible.
pub fn initial_expanded(entries: &[OutlineEntry], current: Option<&str>) -> Vec<bool> {
    let mut open: Vec<bool> = entries
        .iter()
        .map(|e| e.depth == 1 && e.children > 0)
        .collect();
    if let Some(i) = current.and_then(|c| entries.iter().position(|e| e.id == c)) {
        expand_to(entries, &mut open, i);
    }
    open
}

/// Opens every ancestor of entry `i`.
pub fn expand_to(entries: &[OutlineEntry], open: &mut [bool], i: usize) {
    let mut p = entries.get(i).and_then(|e| e.parent);
    while let Some(k) = p {
        if let Some(o) = open.get_mut(k) {
            *o = true;
        }
        p = entries[k].parent;
    }
}

// ---------------------------------------------------------------------------------------------
// numbers in the text
// ---------------------------------------------------------------------------------------------

/// Which number a marked span is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumRef {
    /// `base_stats[i]`.
    Base(usize),
    /// `targets[i]`.
    Target(usize),
    /// A value cell of an indicator table row: table, row, `true` for the target cell.
    Indicator(usize, usize, bool),
}

/// A marked span `[start, end)` (chars) of a text unit.
pub type NumSpan = (usize, usize, NumRef);

/// Spans of `base_stats` and `targets` per paragraph id, sorted, without overlaps (the first
/// one wins) and within the paragraph's text.
pub fn number_spans(doc: &PlanDocument) -> HashMap<String, Vec<NumSpan>> {
    let mut out: HashMap<String, Vec<NumSpan>> = HashMap::new();
    let quantities = doc
        .base_stats
        .iter()
        .enumerate()
        .map(|(i, q)| (q, NumRef::Base(i)))
        .chain(
            doc.targets
                .iter()
                .enumerate()
                .map(|(i, q)| (q, NumRef::Target(i))),
        );
    for (q, r) in quantities {
        let [s, e] = q.anchor.span;
        if s < e {
            out.entry(q.anchor.paragraph.clone())
                .or_default()
                .push((s as usize, e as usize, r));
        }
    }
    for spans in out.values_mut() {
        spans.sort_by_key(|s| (s.0, s.1));
        let mut end = 0;
        spans.retain(|s| {
            let keep = s.0 >= end;
            if keep {
                end = s.1;
            }
            keep
        });
    }
    out
}

/// A run of text: plain or part of find hit number `hit` (0-based, in reading order).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Run {
    pub text: String,
    pub hit: Option<usize>,
}

/// A piece of a text unit: plain runs, or runs inside a marked number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    Plain(Vec<Run>),
    Number(NumRef, Vec<Run>),
}

/// A find hit in one unit: `[start, end)` chars and its ordinal among all hits.
pub type UnitHit = (usize, usize, usize);

/// Cuts `text` at marked numbers, then each piece at find hits (with
/// [`split_hits`]), so the view renders only text nodes, `<mark>`s and number buttons.
pub fn pieces(text: &str, numbers: &[NumSpan], hits: &[UnitHit]) -> Vec<Piece> {
    let len = text.chars().count();
    let mut bounds: Vec<(usize, usize, Option<NumRef>)> = Vec::new();
    let mut at = 0;
    for &(s, e, r) in numbers {
        let (s, e) = (s.min(len), e.min(len));
        if s < at || s >= e {
            continue;
        }
        if s > at {
            bounds.push((at, s, None));
        }
        bounds.push((s, e, Some(r)));
        at = e;
    }
    if at < len || bounds.is_empty() {
        bounds.push((at, len, None));
    }
    let chars: Vec<char> = text.chars().collect();
    bounds
        .into_iter()
        .map(|(a, b, r)| {
            let piece: String = chars[a..b].iter().collect();
            let local: Vec<(usize, usize, usize)> = hits
                .iter()
                .filter(|h| h.0 < b && h.1 > a)
                .map(|h| (h.0.max(a) - a, h.1.min(b) - a, h.2))
                .collect();
            let spans: Vec<(usize, usize)> = local.iter().map(|h| (h.0, h.1)).collect();
            let mut ordinals = local.iter().map(|h| h.2);
            let runs = split_hits(&piece, &spans)
                .into_iter()
                .map(|(text, hit)| Run {
                    text,
                    hit: if hit { ordinals.next() } else { None },
                })
                .collect();
            match r {
                Some(r) => Piece::Number(r, runs),
                None => Piece::Plain(runs),
            }
        })
        .collect()
}

/// Find hits grouped by text-unit key, each with its ordinal.
pub fn hit_map(units: &[TextUnit<'_>], hits: &[Hit]) -> HashMap<String, Vec<UnitHit>> {
    let mut out: HashMap<String, Vec<UnitHit>> = HashMap::new();
    for (n, h) in hits.iter().enumerate() {
        if let Some(u) = units.get(h.unit) {
            out.entry(u.key.clone())
                .or_default()
                .push((h.start, h.end, n));
        }
    }
    out
}

/// `共 12 处`, `没有找到`, or nothing for an empty query.
pub fn hit_count_zh(query: &str, total: usize) -> String {
    if query.trim().is_empty() {
        String::new()
    } else if total == 0 {
        "没有找到".to_owned()
    } else {
        format!("共 {total} 处")
    }
}

/// The next hit after `current` (wrapping), or the previous one when `back`.
pub fn step_hit(current: Option<usize>, total: usize, back: bool) -> Option<usize> {
    if total == 0 {
        return None;
    }
    Some(match (current, back) {
        (None, false) => 0,
        (None, true) => total - 1,
        (Some(c), false) => (c + 1) % total,
        (Some(c), true) => (c + total - 1) % total,
    })
}

// ---------------------------------------------------------------------------------------------
// number popover
// ---------------------------------------------------------------------------------------------

/// What the popover of a marked number says.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NumInfo {
    /// `目标` / `基数` / `指标`.
    pub kind: String,
    /// What is measured.
    pub title: String,
    /// Label/value lines.
    pub facts: Vec<(String, String)>,
    /// The sentence the number was read from.
    pub quote: Option<String>,
}

fn value_text(comparator: &str, value: &str, unit: Option<&str>) -> String {
    let c = if comparator == "=" { "" } else { comparator };
    format!("{c}{value}{}", unit.unwrap_or(""))
}

fn comparator_zh(symbol: &str) -> &'static str {
    match symbol {
        "≥" => "不低于（≥）",
        "≤" => "不高于（≤）",
        "≈" => "约（≈）",
        _ => "等于（=）",
    }
}

/// Popover text of a base statistic or a target.
pub fn quantity_info(q: &Quantity, target: bool) -> NumInfo {
    let sym = q.comparator.symbol();
    let mut facts = vec![
        (
            "数值".to_owned(),
            value_text(sym, &q.value, q.unit.as_deref()),
        ),
        ("比较".to_owned(), comparator_zh(sym).to_owned()),
    ];
    if let Some(y) = q.year {
        facts.push(("年份".to_owned(), format!("{y}年")));
    }
    NumInfo {
        kind: if target {
            "目标"
        } else {
            "基数（现状）"
        }
        .to_owned(),
        title: if q.metric.trim().is_empty() {
            q.text.clone()
        } else {
            q.metric.clone()
        },
        facts,
        quote: Some(q.text.clone()).filter(|t| !t.trim().is_empty()),
    }
}

/// Popover text of an indicator table row (either value cell).
pub fn indicator_info(row: &Indicator) -> NumInfo {
    let unit = row.unit.as_deref();
    let mut facts = Vec::new();
    let value = |v: &planscope_model::IndicatorValue| match (v.number, v.comparator) {
        (Some(_), Some(c)) => {
            let printed = v
                .text
                .trim_start_matches(['≥', '≤', '≈', '>', '<', '=', '~']);
            value_text(c.symbol(), printed, unit)
        }
        _ => v.text.clone(),
    };
    if let Some(b) = &row.baseline {
        let year = row
            .baseline_year
            .map(|y| format!("（{y}年）"))
            .unwrap_or_default();
        facts.push((format!("基数{year}"), value(b)));
    }
    if let Some(t) = &row.target {
        let year = row
            .target_year
            .map(|y| format!("（{y}年）"))
            .unwrap_or_default();
        facts.push((format!("目标{year}"), value(t)));
        if let Some(c) = t.comparator {
            facts.push(("比较".to_owned(), comparator_zh(c.symbol()).to_owned()));
        }
    }
    if let Some(a) = row.attribute {
        facts.push(("指标属性".to_owned(), a.label_zh().to_owned()));
    }
    NumInfo {
        kind: "主要指标".to_owned(),
        title: row.name.clone(),
        facts,
        quote: None,
    }
}

/// The popover of any marked number.
pub fn num_info(doc: &PlanDocument, r: NumRef) -> Option<NumInfo> {
    match r {
        NumRef::Base(i) => doc.base_stats.get(i).map(|q| quantity_info(q, false)),
        NumRef::Target(i) => doc.targets.get(i).map(|q| quantity_info(q, true)),
        NumRef::Indicator(t, r, _) => doc.indicator_tables.get(t)?.rows.get(r).map(indicator_info),
    }
}

/// The element-id key of a marked number.
pub fn num_key(doc: &PlanDocument, r: NumRef) -> String {
    match r {
        NumRef::Base(i) => doc
            .base_stats
            .get(i)
            .map(|q| q.id.clone())
            .unwrap_or_else(|| format!("S{i}")),
        NumRef::Target(i) => doc
            .targets
            .get(i)
            .map(|q| q.id.clone())
            .unwrap_or_else(|| format!("G{i}")),
        NumRef::Indicator(t, r, target) => {
            let id = doc
                .indicator_tables
                .get(t)
                .and_then(|x| x.rows.get(r))
                .map(|x| x.id.clone())
                .unwrap_or_default();
            format!("{id}-{}", if target { "t" } else { "b" })
        }
    }
}

/// Every marked number of `doc` by its key ([`num_key`]; the button's id is [`num_el`] of it):
/// base statistics, targets, and the baseline and target cells of indicator-table rows. The
/// reader's one click listener on the text finds a number's [`NumRef`] here, so the buttons of a
/// page written at build time need no handler of their own.
pub fn num_refs(doc: &PlanDocument) -> HashMap<String, NumRef> {
    let base = (0..doc.base_stats.len()).map(NumRef::Base);
    let targets = (0..doc.targets.len()).map(NumRef::Target);
    let cells = doc.indicator_tables.iter().enumerate().flat_map(|(t, x)| {
        (0..x.rows.len()).flat_map(move |r| {
            [
                NumRef::Indicator(t, r, false),
                NumRef::Indicator(t, r, true),
            ]
        })
    });
    base.chain(targets)
        .chain(cells)
        .map(|r| (num_key(doc, r), r))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// text units in the page
// ---------------------------------------------------------------------------------------------

/// Where the text of a find unit (`planscope_model::search::text_units`, key `key`) is in the
/// reader's page, so find hits can be marked in the HTML that is there (the page written at
/// build time) instead of rendering the text again. The unit's text starts at the start of that
/// element's text (a heading title's 附注 tail and a task row's department badge come after it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UnitPlace {
    /// `#p-<id>`: a paragraph or a box item (the key is the paragraph id).
    Element(String),
    /// `.ps-sec__label` / `.ps-sec__title` of heading `#h-<section>`.
    HeadingLabel(String),
    HeadingTitle(String),
    /// `.ps-box__label` of box `#s-<id>`; its title is the element `kt-<id>` ([`UnitPlace::Element`]).
    BoxLabel(String),
    /// The `<caption>` of the table in `#s-<table>`.
    Caption(String),
    /// Row `row` (0: the header row; data rows from 1), column `col` of the table in `#s-<table>`.
    Cell {
        table: String,
        row: usize,
        col: usize,
    },
}

/// The place of unit `key`: `h:<section>` and `h:<section>:t` (heading label and title),
/// `k:<box>` and `k:<box>:t` (box label and title), `t:<table>:cap` (caption),
/// `t:<table>:<row>:<col>` (cell), anything else a paragraph id.
pub fn unit_place(key: &str) -> UnitPlace {
    if let Some(rest) = key.strip_prefix("h:") {
        return match rest.strip_suffix(":t") {
            Some(s) => UnitPlace::HeadingTitle(s.to_owned()),
            None => UnitPlace::HeadingLabel(rest.to_owned()),
        };
    }
    if let Some(rest) = key.strip_prefix("k:") {
        return match rest.strip_suffix(":t") {
            Some(s) => UnitPlace::Element(format!("kt-{s}")),
            None => UnitPlace::BoxLabel(rest.to_owned()),
        };
    }
    if let Some(rest) = key.strip_prefix("t:") {
        if let Some(t) = rest.strip_suffix(":cap") {
            return UnitPlace::Caption(t.to_owned());
        }
        // Table ids may hold `:`-free dots only; row and column are the last two fields.
        let mut it = rest.rsplitn(3, ':');
        if let (Some(col), Some(row), Some(table)) = (it.next(), it.next(), it.next()) {
            if let (Ok(row), Ok(col)) = (row.parse(), col.parse()) {
                return UnitPlace::Cell {
                    table: table.to_owned(),
                    row,
                    col,
                };
            }
        }
    }
    UnitPlace::Element(para_el(key))
}

/// Length of the first `chars` characters of `text` in UTF-16 code units (DOM text offsets).
pub fn utf16_offset(text: &str, chars: usize) -> usize {
    text.chars().take(chars).map(char::len_utf16).sum()
}

// ---------------------------------------------------------------------------------------------
// responsibility tables
// ---------------------------------------------------------------------------------------------

/// Every department named in a table, most often named first (ties: first named first).
pub fn departments(table: &TaskTable) -> Vec<String> {
    let mut seen: Vec<(String, usize, usize)> = Vec::new();
    for row in &table.rows {
        for d in row.lead.iter().chain(&row.support) {
            let d = d.trim();
            if d.is_empty() {
                continue;
            }
            match seen.iter_mut().find(|s| s.0 == d) {
                Some(s) => s.1 += 1,
                None => {
                    let order = seen.len();
                    seen.push((d.to_owned(), 1, order));
                }
            }
        }
    }
    seen.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
    seen.into_iter().map(|s| s.0).collect()
}

/// A department's part in a row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeptRole {
    /// 牵头.
    Lead,
    /// 配合 (按职责分工负责).
    Support,
}

impl DeptRole {
    pub fn label_zh(self) -> &'static str {
        match self {
            DeptRole::Lead => "牵头",
            DeptRole::Support => "配合",
        }
    }
}

/// What `dept` does in `row` (`None` when not named).
pub fn dept_role(row: &TaskRow, dept: &str) -> Option<DeptRole> {
    if row.lead.iter().any(|d| d.trim() == dept) {
        Some(DeptRole::Lead)
    } else if row.support.iter().any(|d| d.trim() == dept) {
        Some(DeptRole::Support)
    } else {
        None
    }
}

// ---------------------------------------------------------------------------------------------
// reading settings
// ---------------------------------------------------------------------------------------------

/// localStorage key and `<html>` class of large-text mode (also read by the inline script in
/// index.html before first paint).
pub const LARGE_KEY: &str = "ps-text";
pub const LARGE_CLASS: &str = "ps-large";
/// localStorage key of the theme; the `<html>` class is `ps-theme-<value>`.
pub const THEME_KEY: &str = "ps-theme";
/// Themes: `""` follows the system (prefers-color-scheme).
pub const THEMES: [(&str, &str); 4] = [
    ("", "跟随系统"),
    ("light", "浅色"),
    ("dark", "深色"),
    ("contrast", "高对比"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::seeds::seed_docs;
    use planscope_model::search::{find, text_units};
    use planscope_model::{Anchor, Paragraph, Section};

    fn entry(id: &str, depth: u8, parent: Option<usize>, children: usize) -> OutlineEntry {
        OutlineEntry {
            id: id.into(),
            kind: Default::default(),
            level: depth,
            depth,
            label: String::new(),
            title: String::new(),
            parent,
            children,
        }
    }

    /// 1 (1.1, 1.2 (1.2.1)), 2
    fn tree() -> Vec<OutlineEntry> {
        vec![
            entry("1", 1, None, 2),
            entry("1.1", 2, Some(0), 0),
            entry("1.2", 2, Some(0), 1),
            entry("1.2.1", 3, Some(2), 0),
            entry("2", 1, None, 0),
        ]
    }

    #[test]
    fn toggle_names_say_the_action_and_the_heading() {
        assert_eq!(
            toggle_name("第三章", "主要任务", false),
            "展开“第三章 主要任务”"
        );
        assert_eq!(
            toggle_name(" （一）", "总体要求 ", true),
            "收起“（一） 总体要求”"
        );
        assert_eq!(toggle_name("", "附件", false), "展开“附件”");
    }
    #[test]
    fn ids_are_prefixed() {
        assert_eq!(section_el("3.1.2"), "s-3.1.2");
        assert_eq!(para_el("3.1.2p1"), "p-3.1.2p1");
        assert_eq!(target_el(Some("1"), Some("1p2")).as_deref(), Some("p-1p2"));
        assert_eq!(target_el(Some("1"), None).as_deref(), Some("s-1"));
        assert_eq!(target_el(None, None), None);
    }

    #[test]
    fn tree_keyboard_follows_the_aria_pattern() {
        let t = tree();
        let open = initial_expanded(&t, None);
        assert_eq!(open, [true, false, false, false, false]);
        assert_eq!(visible(&t, &open), [0, 1, 2, 4]);
        use TreeAction::*;
        assert_eq!(tree_action(&t, &open, 0, TreeKey::Down), Focus(1));
        assert_eq!(tree_action(&t, &open, 2, TreeKey::Down), Focus(4));
        assert_eq!(tree_action(&t, &open, 4, TreeKey::Down), Nothing);
        assert_eq!(tree_action(&t, &open, 4, TreeKey::Up), Focus(2));
        assert_eq!(tree_action(&t, &open, 0, TreeKey::Up), Nothing);
        assert_eq!(tree_action(&t, &open, 2, TreeKey::Right), Expand(2));
        assert_eq!(tree_action(&t, &open, 0, TreeKey::Right), Focus(1));
        assert_eq!(tree_action(&t, &open, 1, TreeKey::Right), Nothing);
        assert_eq!(tree_action(&t, &open, 0, TreeKey::Left), Collapse(0));
        assert_eq!(tree_action(&t, &open, 1, TreeKey::Left), Focus(0));
        assert_eq!(tree_action(&t, &open, 2, TreeKey::End), Focus(4));
        assert_eq!(tree_action(&t, &open, 4, TreeKey::Home), Focus(0));
        assert_eq!(tree_action(&t, &open, 1, TreeKey::Activate), Activate(1));
        let deep = initial_expanded(&t, Some("1.2.1"));
        assert_eq!(visible(&t, &deep), [0, 1, 2, 3, 4]);
        assert_eq!(TreeKey::from_key(" "), Some(TreeKey::Activate));
        assert_eq!(TreeKey::from_key("a"), None);
    }

    fn para(id: &str, text: &str) -> Block {
        Block::Paragraph(Paragraph {
            id: id.into(),
            text: text.into(),
            ..Default::default()
        })
    }

    #[test]
    fn pieces_mark_numbers_and_hits_as_separate_runs() {
        let nums = [(2, 5, NumRef::Target(0))];
        let hits = [(0, 3, 7)];
        let p = pieces("新增300所学校", &nums, &hits);
        assert_eq!(
            p,
            [
                Piece::Plain(vec![Run {
                    text: "新增".into(),
                    hit: Some(7)
                }]),
                Piece::Number(
                    NumRef::Target(0),
                    vec![
                        Run {
                            text: "3".into(),
                            hit: Some(7)
                        },
                        Run {
                            text: "00".into(),
                            hit: None
                        }
                    ]
                ),
                Piece::Plain(vec![Run {
                    text: "所学校".into(),
                    hit: None
                }]),
            ]
        );
        assert_eq!(
            pieces("", &[], &[]),
            [Piece::Plain(vec![Run {
                text: String::new(),
                hit: None
            }])]
        );
        // Spans past the end are clipped, never a panic.
        assert_eq!(pieces("ab", &[(1, 9, NumRef::Base(0))], &[]).len(), 2);
    }

    #[test]
    fn number_spans_drop_overlaps() {
        let q = |p: &str, s: u32, e: u32| Quantity {
            anchor: Anchor {
                paragraph: p.into(),
                section: "1".into(),
                span: [s, e],
            },
            ..Default::default()
        };
        let doc = PlanDocument {
            base_stats: vec![q("1p1", 4, 8)],
            targets: vec![q("1p1", 0, 3), q("1p1", 2, 5)],
            ..Default::default()
        };
        let spans = number_spans(&doc);
        assert_eq!(
            spans["1p1"],
            [(0, 3, NumRef::Target(0)), (4, 8, NumRef::Base(0))]
        );
    }

    #[test]
    fn hits_are_numbered_in_reading_order() {
        let doc = PlanDocument {
            front: vec![para("0p1", "学前教育")],
            sections: vec![Section {
                id: "1".into(),
                label: "一、".into(),
                title: "学前教育和学前教育".into(),
                ..Default::default()
            }],
            ..Default::default()
        };
        let units = text_units(&doc);
        let hits = find(&units, "学前教育");
        let map = hit_map(&units, &hits);
        assert_eq!(map["0p1"], [(0, 4, 0)]);
        assert_eq!(map["h:1:t"], [(0, 4, 1), (5, 9, 2)]);
        assert_eq!(hit_count_zh("学前教育", 3), "共 3 处");
        assert_eq!(hit_count_zh("x", 0), "没有找到");
        assert_eq!(hit_count_zh(" ", 0), "");
        assert_eq!(step_hit(None, 3, false), Some(0));
        assert_eq!(step_hit(Some(2), 3, false), Some(0));
        assert_eq!(step_hit(Some(0), 3, true), Some(2));
        assert_eq!(step_hit(None, 0, false), None);
    }

    #[test]
    fn preamble_follows_the_wrapper() {
        let mut title = Paragraph {
            id: "0p2".into(),
            text: "标题".into(),
            ..Default::default()
        };
        title.role = Some(ParagraphRole::Title);
        let front = vec![
            para("0p1", "通知"),
            Block::Paragraph(title),
            para("0p3", "为了"),
            para("0p4", "现"),
        ];
        assert_eq!(preamble_start(&front), 2);
        assert_eq!(preamble_start(&[para("0p1", "x")]), 0);
        assert_eq!(preamble_start(&[]), 0);
    }

    #[test]
    fn departments_by_frequency_and_roles() {
        let row = |lead: &[&str], support: &[&str]| TaskRow {
            lead: lead.iter().map(|s| s.to_string()).collect(),
            support: support.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        };
        let t = TaskTable {
            rows: vec![
                row(&["市教育局"], &["财政局"]),
                row(&["财政局"], &["市教育局", "公安局"]),
                row(&["市教育局"], &[]),
            ],
            ..Default::default()
        };
        assert_eq!(departments(&t), ["市教育局", "财政局", "公安局"]);
        assert_eq!(dept_role(&t.rows[1], "财政局"), Some(DeptRole::Lead));
        assert_eq!(dept_role(&t.rows[1], "公安局"), Some(DeptRole::Support));
        assert_eq!(dept_role(&t.rows[2], "公安局"), None);
    }

    #[test]
    fn popover_text() {
        let q = Quantity {
            metric: "学前教育毛入园率".into(),
            text: "学前教育毛入园率达到100%以上".into(),
            value: "100".into(),
            unit: Some("%".into()),
            comparator: planscope_model::Comparator::Ge,
            year: Some(2025),
            ..Default::default()
        };
        let info = quantity_info(&q, true);
        assert_eq!(info.kind, "目标");
        assert_eq!(info.facts[0], ("数值".to_owned(), "≥100%".to_owned()));
        assert_eq!(info.facts[2], ("年份".to_owned(), "2025年".to_owned()));
        let row = Indicator {
            name: "学前教育毛入园率".into(),
            unit: Some("%".into()),
            baseline_year: Some(2020),
            baseline: Some(planscope_model::IndicatorValue {
                text: "100.23".into(),
                number: Some(100.23),
                comparator: Some(planscope_model::Comparator::Eq),
                src: vec![],
            }),
            target_year: Some(2025),
            target: Some(planscope_model::IndicatorValue {
                text: "≥100".into(),
                number: Some(100.0),
                comparator: Some(planscope_model::Comparator::Ge),
                src: vec![],
            }),
            attribute: Some(planscope_model::Attribute::Binding),
            ..Default::default()
        };
        let info = indicator_info(&row);
        assert_eq!(
            info.facts,
            [
                ("基数（2020年）".to_owned(), "100.23%".to_owned()),
                ("目标（2025年）".to_owned(), "≥100%".to_owned()),
                ("比较".to_owned(), "不低于（≥）".to_owned()),
                ("指标属性".to_owned(), "约束性".to_owned()),
            ]
        );
    }

    #[test]
    fn unit_keys_name_their_place_in_the_page() {
        assert_eq!(unit_place("3.1p2"), UnitPlace::Element("p-3.1p2".into()));
        assert_eq!(unit_place("h:3.1"), UnitPlace::HeadingLabel("3.1".into()));
        assert_eq!(unit_place("h:3.1:t"), UnitPlace::HeadingTitle("3.1".into()));
        assert_eq!(unit_place("k:K1"), UnitPlace::BoxLabel("K1".into()));
        assert_eq!(unit_place("k:K1:t"), UnitPlace::Element("kt-K1".into()));
        assert_eq!(unit_place("t:T1:cap"), UnitPlace::Caption("T1".into()));
        assert_eq!(
            unit_place("t:T1:0:2"),
            UnitPlace::Cell {
                table: "T1".into(),
                row: 0,
                col: 2
            }
        );
        assert_eq!(
            unit_place("t:A1.T2:12:3"),
            UnitPlace::Cell {
                table: "A1.T2".into(),
                row: 12,
                col: 3
            }
        );
        assert_eq!(
            unit_place("t:T1:x:3"),
            UnitPlace::Element("p-t:T1:x:3".into())
        );
        assert_eq!(utf16_offset("学前😀a", 3), 4);
        assert_eq!(utf16_offset("ab", 9), 2);
    }

    #[test]
    fn every_marked_number_has_a_key() {
        for doc in seed_docs() {
            let refs = num_refs(&doc);
            for spans in number_spans(&doc).values() {
                for (_, _, r) in spans {
                    assert_eq!(refs.get(&num_key(&doc, *r)), Some(r), "{}", doc.id);
                }
            }
        }
    }
}
