//! Tables flattened to one cell per line, as scrapes of HTML tables come out.
//!
//! A table starts at a run of short **header cells** (≤ 12 chars, no sentence end, each naming
//! a column: 指标, 年, 属性, 序号, 项目, 任务, 部门 …). Two kinds are typed:
//!
//! * **indicator tables** — a header with an indicator-name column (…指标…) and at least one
//!   year column (`2020年`) or a 基期/目标 column. Rows end at an attribute cell (约束性/预期性)
//!   when there is an attribute column, else every `header.len()` cells. A unit in the name
//!   (`学前教育毛入园率(%)`) is moved to `unit`.
//! * **responsibility tables** — a header with 序号 and a 责任/牵头 column. A row starts at a
//!   bare integer equal to the next 序号; its cells run to the next 序号 (the last cell is the
//!   责任部门, the second the 项目名称, anything between is the 目标任务).
//!
//! Other headers are not read as tables here; their cells stay paragraphs.

use crate::text::{contains, is_sentence_end, Seg};
use planscope_model::{
    Attribute, Cell, Comparator, Indicator, IndicatorTable, IndicatorValue, TaskRow, TaskTable,
};

/// Words that make a short line a header cell.
const HEADER_WORDS: &[&str] = &[
    "指标", "年", "属性", "性质", "单位", "序号", "类别", "领域", "项目", "名称", "任务", "部门",
    "备注", "目标", "基期", "现状", "措施", "时限", "时间", "内容", "责任", "牵头", "数值", "现值",
];

pub fn cell(seg: &Seg) -> Cell {
    Cell {
        text: seg.text(),
        src: seg.ranges(),
    }
}

/// Is this segment a table header cell (short, names a column, not a heading)?
pub fn is_header_cell(seg: &Seg) -> bool {
    crate::label::scan(&seg.norm).is_none()
        && seg.len() <= 12
        && !seg.norm.iter().any(|&c| is_sentence_end(c) || c == ',')
        && HEADER_WORDS.iter().any(|w| contains(&seg.norm, w))
}

fn year_cell(seg: &Seg) -> Option<u16> {
    let t: String = seg.norm.iter().filter(|c| !c.is_whitespace()).collect();
    let t = t.trim_end_matches('年');
    let t = t.trim_end_matches(['底', '末']).trim_end_matches('年');
    let digits: String = t.chars().filter(|c| c.is_ascii_digit()).collect();
    if digits.len() == 4 && t.chars().take(4).all(|c| c.is_ascii_digit()) {
        let y: u16 = digits.parse().ok()?;
        (1990..=2100).contains(&y).then_some(y)
    } else {
        None
    }
}

/// Length of the header run starting at `segs[0]` (0 when none).
pub fn header_len(segs: &[Seg]) -> usize {
    segs.iter().take_while(|s| is_header_cell(s)).count()
}

/// What a header run announces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TableKind {
    Indicators,
    Tasks,
}

pub fn kind_of_header(header: &[Seg]) -> Option<TableKind> {
    if header.len() < 3 {
        return None;
    }
    let has = |w: &str| header.iter().any(|s| contains(&s.norm, w));
    if has("序号") && (has("责任") || has("牵头")) {
        return Some(TableKind::Tasks);
    }
    if has("指标")
        && (header.iter().any(|s| year_cell(s).is_some())
            || has("基期")
            || has("目标")
            || has("现状"))
    {
        return Some(TableKind::Indicators);
    }
    None
}

/// The most characters a table caption has ([`is_caption`]).
pub const CAPTION_MAX_CHARS: usize = 60;

/// Does a segment look like a table caption (short, no sentence end, names a table)?
pub fn is_caption(seg: &Seg) -> bool {
    let c = &seg.norm;
    seg.len() <= CAPTION_MAX_CHARS
        && !c.iter().any(|&x| is_sentence_end(x))
        && ["指标", "表", "任务", "清单", "一览"]
            .iter()
            .any(|w| contains(c, w))
}

fn is_cell_like(seg: &Seg) -> bool {
    seg.len() <= 40 && !seg.norm.contains(&'。')
}

fn attribute_of(seg: &Seg) -> Option<Attribute> {
    let t: String = seg.norm.iter().filter(|c| !c.is_whitespace()).collect();
    match t.as_str() {
        "约束性" | "约束" => Some(Attribute::Binding),
        "预期性" | "预期" => Some(Attribute::Expected),
        _ => None,
    }
}

/// Units that may close an indicator name in parentheses.
const UNITS: &[&str] = &[
    "%",
    "%",
    "‰",
    "个",
    "所",
    "人",
    "名",
    "万人",
    "万个",
    "年",
    "元",
    "万元",
    "亿元",
    "平方米",
    "岁",
    "小时",
    "分钟",
    "台",
    "项",
    "本",
    "册",
    "间",
    "班",
    "人次",
    "万人次",
    "座",
    "家",
    "张",
    "套",
    "次",
    "天",
    "学时",
    "分",
    "生均元",
    "倍",
];

/// Split a name cell into (name, unit): `学前教育毛入园率(%)` → (`学前教育毛入园率`, `%`).
pub fn name_and_unit(name: &str) -> (String, Option<String>) {
    let chars: Vec<char> = name.chars().collect();
    let norm: Vec<char> = chars.iter().map(|&c| crate::text::fold(c)).collect();
    if norm.last() == Some(&')') {
        if let Some(open) = norm.iter().rposition(|&c| c == '(') {
            let inner: String = norm[open + 1..norm.len() - 1].iter().collect();
            if UNITS.contains(&inner.trim()) {
                let head: String = chars[..open].iter().collect();
                let unit: String = chars[open + 1..chars.len() - 1].iter().collect();
                return (head.trim_end().to_string(), Some(unit.trim().to_string()));
            }
        }
    }
    (name.to_string(), None)
}

/// Read a value cell.
pub fn value(seg: &Seg) -> IndicatorValue {
    let text = seg.text();
    let parsed = crate::quantity::parse_cell_number(&seg.norm.iter().collect::<String>());
    IndicatorValue {
        number: parsed.map(|(_, n)| n),
        comparator: parsed.map(|(c, _)| c).or(None::<Comparator>),
        text,
        src: seg.ranges(),
    }
}

/// The columns an indicator table's header names.
struct Columns {
    width: usize,
    attr_col: Option<usize>,
    unit_col: Option<usize>,
    name_col: usize,
    base_col: Option<usize>,
    target_col: Option<usize>,
    base_year: Option<u16>,
    target_year: Option<u16>,
}

fn columns(header: &[Seg]) -> Columns {
    let years: Vec<(usize, u16)> = header
        .iter()
        .enumerate()
        .filter_map(|(i, s)| year_cell(s).map(|y| (i, y)))
        .collect();
    let attr_col = header
        .iter()
        .position(|s| contains(&s.chars, "属性") || contains(&s.chars, "性质"));
    let unit_col = header.iter().position(|s| s.text().trim() == "单位");
    let name_col = header
        .iter()
        .position(|s| contains(&s.chars, "指标"))
        .unwrap_or(0);
    let base_col = header
        .iter()
        .position(|s| {
            contains(&s.chars, "基期") || contains(&s.chars, "现状") || contains(&s.chars, "现值")
        })
        .or(years.first().map(|y| y.0));
    let target_col = header
        .iter()
        .position(|s| contains(&s.chars, "目标"))
        .filter(|&i| i != name_col)
        .or(years
            .last()
            .filter(|_| years.len() >= 2 || base_col.is_none())
            .map(|y| y.0));
    let base_year = years.first().filter(|y| Some(y.0) == base_col).map(|y| y.1);
    let target_year = years
        .last()
        .filter(|y| Some(y.0) == target_col)
        .map(|y| y.1);
    Columns {
        width: header.len(),
        attr_col,
        unit_col,
        name_col,
        base_col,
        target_col,
        base_year,
        target_year,
    }
}

/// One indicator row (`row` non-empty). A row shorter than the header (a merged category cell)
/// is right-aligned against it; an empty cell gives no value.
fn indicator_row(cols: &Columns, row: &[&Seg], id: String) -> Indicator {
    let offset = cols.width.saturating_sub(row.len());
    let at = |col: Option<usize>| {
        col.and_then(|c| c.checked_sub(offset))
            .and_then(|c| row.get(c))
            .copied()
            .filter(|s| !s.is_empty())
    };
    let name_seg = at(Some(cols.name_col)).unwrap_or(row[0]);
    let (name, mut unit) = name_and_unit(&name_seg.text());
    if let Some(u) = at(cols.unit_col) {
        let t = u.text();
        if !t.trim().is_empty() {
            unit = Some(t.trim().to_string());
        }
    }
    Indicator {
        id,
        name,
        unit,
        baseline_year: cols.base_year,
        baseline: at(cols.base_col).map(value),
        target_year: cols.target_year,
        target: at(cols.target_col).map(value),
        attribute: at(cols.attr_col).and_then(attribute_of),
        cells: row.iter().map(|s| cell(s)).collect(),
        canonical: None,
    }
}

/// Parse an indicator table whose header starts at `segs[0]` (`hlen` header cells).
/// Returns the table and the number of segments consumed (header included).
pub fn indicator_table(
    segs: &[Seg],
    hlen: usize,
    id: &str,
    section_id: &str,
    caption: Option<Cell>,
) -> (IndicatorTable, usize) {
    let header = &segs[..hlen];
    let cols = columns(header);
    let mut table = IndicatorTable {
        id: id.to_string(),
        section_id: section_id.to_string(),
        caption,
        header: header.iter().map(cell).collect(),
        rows: Vec::new(),
    };
    let mut i = hlen;
    let width = hlen;
    loop {
        // gather one row
        let mut row: Vec<&Seg> = Vec::new();
        let mut j = i;
        while j < segs.len() && is_cell_like(&segs[j]) && row.len() < width {
            row.push(&segs[j]);
            j += 1;
            if cols.attr_col.is_some() && attribute_of(&segs[j - 1]).is_some() {
                break;
            }
        }
        let complete = match cols.attr_col {
            Some(_) => row.last().is_some_and(|s| attribute_of(s).is_some()) && row.len() >= 2,
            None => row.len() == width,
        };
        if !complete {
            break;
        }
        let n = table.rows.len() + 1;
        table
            .rows
            .push(indicator_row(&cols, &row, format!("{id}r{n}")));
        i = j;
    }
    (table, i)
}

/// An indicator table whose header and rows are known ([`crate::source`]): one indicator per
/// row, cells in their columns (a short row right-aligned, as in [`indicator_table`]).
pub fn indicator_table_known(
    header: &[Seg],
    rows: &[Vec<Seg>],
    id: &str,
    caption: Option<Cell>,
) -> IndicatorTable {
    let cols = columns(header);
    IndicatorTable {
        id: id.to_string(),
        section_id: String::new(),
        caption,
        header: header.iter().map(cell).collect(),
        rows: rows
            .iter()
            .filter(|r| !r.is_empty())
            .enumerate()
            .map(|(n, r)| {
                let row: Vec<&Seg> = r.iter().collect();
                indicator_row(&cols, &row, format!("{id}r{}", n + 1))
            })
            .collect(),
    }
}

fn bare_int(seg: &Seg) -> Option<u32> {
    let t: String = seg.norm.iter().collect();
    let t = t.trim();
    if !t.is_empty() && t.len() <= 3 && t.chars().all(|c| c.is_ascii_digit()) {
        t.parse().ok()
    } else {
        None
    }
}

/// Parse a responsibility table whose header starts at `segs[0]`.
pub fn task_table(
    segs: &[Seg],
    hlen: usize,
    id: &str,
    section_id: &str,
    caption: Option<Cell>,
) -> (TaskTable, usize) {
    let header = &segs[..hlen];
    let mut table = TaskTable {
        id: id.to_string(),
        section_id: section_id.to_string(),
        caption,
        header: header.iter().map(cell).collect(),
        rows: Vec::new(),
    };
    let mut i = hlen;
    let mut next = 1u32;
    while i < segs.len() && bare_int(&segs[i]) == Some(next) {
        let mut j = i + 1;
        let limit = i + hlen; // at most one cell per column
        while j < segs.len() && j < limit && bare_int(&segs[j]) != Some(next + 1) {
            j += 1;
        }
        let cells: Vec<&Seg> = segs[i + 1..j].iter().collect();
        if cells.is_empty() {
            break;
        }
        let n = table.rows.len() + 1;
        table
            .rows
            .push(task_row(format!("{id}r{n}"), next, &segs[i], &cells));
        next += 1;
        i = j;
    }
    (table, i)
}

/// One responsibility row: `no_cell` (序号) and the cells after it — 项目名称 first, 责任部门
/// last, 目标任务 between (joined by line breaks).
fn task_row(id: String, no: u32, no_cell: &Seg, cells: &[&Seg]) -> TaskRow {
    let name = cells.first().map(|c| c.text()).unwrap_or_default();
    let departments = if cells.len() >= 2 {
        cells[cells.len() - 1].text()
    } else {
        String::new()
    };
    let goal = if cells.len() >= 3 {
        cells[1..cells.len() - 1]
            .iter()
            .map(|s| s.text())
            .collect::<Vec<_>>()
            .join("\n")
    } else {
        String::new()
    };
    let split = crate::departments::split_departments(&departments);
    let mut all = vec![cell(no_cell)];
    all.extend(cells.iter().map(|s| cell(s)));
    TaskRow {
        id,
        no,
        name,
        goal,
        departments,
        lead: split.lead,
        support: split.support,
        cells: all,
    }
}

/// A responsibility table whose header and rows are known ([`crate::source`]). A row's first
/// cell is its 序号 (a bare number; otherwise the row's position is used), the rest as in
/// [`task_table`].
pub fn task_table_known(
    header: &[Seg],
    rows: &[Vec<Seg>],
    id: &str,
    caption: Option<Cell>,
) -> TaskTable {
    TaskTable {
        id: id.to_string(),
        section_id: String::new(),
        caption,
        header: header.iter().map(cell).collect(),
        rows: rows
            .iter()
            .filter(|r| !r.is_empty())
            .enumerate()
            .map(|(n, r)| {
                let no = bare_int(&r[0]).unwrap_or(n as u32 + 1);
                let rest: Vec<&Seg> = r[1..].iter().collect();
                task_row(format!("{id}r{}", n + 1), no, &r[0], &rest)
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_units() {
        assert_eq!(
            name_and_unit("学前教育毛入园率(%)"),
            ("学前教育毛入园率".into(), Some("%".into()))
        );
        assert_eq!(
            name_and_unit("新增公办基础教育学位(含国际及港澳台学生)(个)"),
            (
                "新增公办基础教育学位(含国际及港澳台学生)".into(),
                Some("个".into())
            )
        );
        assert_eq!(
            name_and_unit("义务教育巩固率"),
            ("义务教育巩固率".into(), None)
        );
        assert_eq!(
            name_and_unit("学位(含国际学生)"),
            ("学位(含国际学生)".into(), None)
        );
    }
}
