//! The indicator view (`?plan=<id>&view=indicators`) and the cross-plan indicator explorer
//! (`?view=indicator&ind=<canonical id>`), without a DOM: table rows, prose targets grouped by
//! year and topic, base statistics, ECharts options (as JSON), text summaries of the charts and
//! CSV/JSON downloads. Pure and unit-tested natively; the views only arrange what this computes.
//!
//! Every value keeps the id of the paragraph (or indicator-table row) it was read from, so each
//! one links to `?plan=<id>&p=<paragraph id>` in the reader.
//!
//! Plan text handed to ECharts goes through [`chart_text`]: tooltips are drawn on the canvas
//! ([`charts::tooltip_raw`]), but ECharts still reads `{…}` in labels as templates, and `<>&"'`
//! are replaced too (by their full-width forms, which read the same), so no text can form markup
//! should a tooltip ever be rendered as HTML again.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use planscope_model::catalog;
use planscope_model::{Attribute, Comparator, IndicatorValue, PlanDocument, Quantity};
use serde::Serialize;
use serde_json::{json, Value};

use crate::charts::{self, Frame};

/// One row of a plan's 主要指标 table, ready to show.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct IndRow {
    /// Row id (`T1r3`): the element id of the row in the reader (`p-T1r3`) and the deep link
    /// `?plan=<id>&p=T1r3`.
    pub id: String,
    pub name: String,
    pub unit: String,
    pub baseline_year: Option<u16>,
    /// As printed (`1.5万`), empty when the table has none.
    pub baseline: String,
    /// Multipliers applied (`1.5万` → 15000).
    pub baseline_number: Option<f64>,
    pub target_year: Option<u16>,
    /// As printed (`≥100`, `保持高水平`).
    pub target: String,
    pub target_number: Option<f64>,
    /// The target's comparator (`>=` …) when the target is numeric.
    pub comparator: Option<String>,
    /// `约束性` / `预期性` / empty.
    pub attribute: String,
    /// Canonical indicator id ([`catalog::INDICATORS`]), when recognised.
    pub canonical: Option<String>,
}

impl IndRow {
    pub fn binding(&self) -> bool {
        self.attribute == Attribute::Binding.label_zh()
    }
    /// A target that is words, not a number (`保持高水平`).
    pub fn target_is_text(&self) -> bool {
        !self.target.is_empty() && self.target_number.is_none()
    }
}

fn value_parts(v: &Option<IndicatorValue>) -> (String, Option<f64>, Option<Comparator>) {
    match v {
        Some(v) => (v.text.clone(), v.number, v.comparator),
        None => (String::new(), None, None),
    }
}

/// The rows of every indicator table of `doc`, in order.
pub fn rows(doc: &PlanDocument) -> Vec<IndRow> {
    doc.indicator_tables
        .iter()
        .flat_map(|t| &t.rows)
        .map(|r| {
            let (baseline, baseline_number, _) = value_parts(&r.baseline);
            let (target, target_number, cmp) = value_parts(&r.target);
            IndRow {
                id: r.id.clone(),
                name: r.name.clone(),
                unit: r.unit.clone().unwrap_or_default(),
                baseline_year: r.baseline_year,
                baseline,
                baseline_number,
                target_year: r.target_year,
                target,
                target_number,
                comparator: target_number.and(cmp).map(|c| c.as_str().to_owned()),
                attribute: r
                    .attribute
                    .map(|a| a.label_zh().to_owned())
                    .unwrap_or_default(),
                canonical: r.canonical.clone(),
            }
        })
        .collect()
}

/// A number stated in prose (a target or a base statistic), ready to show.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProseItem {
    /// `G3` / `S2`.
    pub id: String,
    /// The paragraph it was read from: the deep link `?plan=<id>&p=<paragraph>`.
    pub paragraph: String,
    pub metric: String,
    /// Comparator, value and unit as readers see them (`≥95%`).
    pub value: String,
    /// Multipliers applied.
    pub number: Option<f64>,
    pub unit: String,
    pub year: Option<u16>,
    /// Topic name of the first topic (`学前教育`), or `其他`.
    pub topic: String,
    pub canonical: Option<String>,
    /// The clause, as printed.
    pub text: String,
}

/// `≥95%`: comparator symbol (none for `=`), the value as printed, the unit.
pub fn shown_value(comparator: Comparator, value: &str, unit: Option<&str>) -> String {
    let c = if comparator == Comparator::Eq {
        ""
    } else {
        comparator.symbol()
    };
    format!("{c}{value}{}", unit.unwrap_or(""))
}

/// What a prose number measures: its metric, else its clause.
fn metric_of(q: &Quantity) -> String {
    if q.metric.trim().is_empty() {
        q.text.clone()
    } else {
        q.metric.clone()
    }
}

pub fn prose_item(q: &Quantity) -> ProseItem {
    ProseItem {
        id: q.id.clone(),
        paragraph: q.anchor.paragraph.clone(),
        metric: metric_of(q),
        value: shown_value(q.comparator, &q.value, q.unit.as_deref()),
        number: q.number,
        unit: q.unit.clone().unwrap_or_default(),
        year: q.year,
        topic: q
            .topics
            .first()
            .and_then(|t| catalog::topic(t))
            .map_or("其他", |t| t.name)
            .to_owned(),
        canonical: q.canonical.clone(),
        text: q.text.clone(),
    }
}

/// Prose targets of one topic.
pub type TopicGroup = (String, Vec<ProseItem>);
/// Prose targets of one year (`None`: no year stated), by topic.
pub type YearGroup = (Option<u16>, Vec<TopicGroup>);

/// Prose targets grouped by year (earliest first, no year last), then by topic (catalogue
/// order, `其他` last); document order inside a group.
pub fn targets_by_year(doc: &PlanDocument) -> Vec<YearGroup> {
    let topic_rank = |name: &str| {
        catalog::TOPICS
            .iter()
            .position(|t| t.name == name)
            .unwrap_or(usize::MAX)
    };
    type Topics = BTreeMap<(usize, String), Vec<ProseItem>>;
    let mut years: BTreeMap<(bool, u16), Topics> = BTreeMap::new();
    for q in &doc.targets {
        let item = prose_item(q);
        let y = (q.year.is_none(), q.year.unwrap_or(0));
        years
            .entry(y)
            .or_default()
            .entry((topic_rank(&item.topic), item.topic.clone()))
            .or_default()
            .push(item);
    }
    years
        .into_iter()
        .map(|((none, y), topics)| {
            (
                (!none).then_some(y),
                topics.into_iter().map(|((_, t), v)| (t, v)).collect(),
            )
        })
        .collect()
}

/// The base statistics (schools, teachers, students, rates), in document order.
pub fn base_stats(doc: &PlanDocument) -> Vec<ProseItem> {
    doc.base_stats.iter().map(prose_item).collect()
}

/// `年份未注明` for a missing year, else `2025年`.
pub fn year_zh(year: Option<u16>) -> String {
    year.map_or_else(|| "年份未注明".to_owned(), |y| format!("{y}年"))
}

/// The highlight key of the reader's number dialog (`q-<key>` buttons): `T1r2-t` → `T1r2`,
/// `G3` → `G3`, `S1` → `S1`.
pub fn highlight_key(num_key: &str) -> String {
    num_key
        .strip_suffix("-t")
        .or_else(|| num_key.strip_suffix("-b"))
        .unwrap_or(num_key)
        .to_owned()
}

/// Element id of a row or list item in the indicator view: `ind-T1r3`, `ind-G2`.
pub fn item_el(id: &str) -> String {
    format!("ind-{id}")
}

// ---------------------------------------------------------------------------------------------
// numbers and chart text
// ---------------------------------------------------------------------------------------------

/// A number without needless decimals: `100`, `99.66`, `23400`.
pub fn fmt_num(n: f64) -> String {
    if n.is_finite() && n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        let s = format!("{n:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}

/// Plan text made safe to hand to ECharts, which reads `{…}` in labels as templates (and would
/// render HTML tooltips as markup): `<>&"'{}` become their full-width forms (＜＞＆＂＇｛｝), which read the same.
pub fn chart_text(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '<' => '\u{FF1C}',
            '>' => '\u{FF1E}',
            '&' => '\u{FF06}',
            '"' => '\u{FF02}',
            '\'' => '\u{FF07}',
            '{' => '\u{FF5B}',
            '}' => '\u{FF5D}',
            c => c,
        })
        .collect()
}

/// Rows of a bar chart: a label, two values, what to print at each bar, and the paragraph each
/// bar links to.
#[derive(Clone, Debug, PartialEq)]
pub struct Bars {
    /// `%`, `个` …
    pub unit: String,
    pub labels: Vec<String>,
    pub baseline: Vec<Option<f64>>,
    pub target: Vec<Option<f64>>,
    pub baseline_label: Vec<String>,
    pub target_label: Vec<String>,
    /// Binding target (solid bar) or not (hatched/dashed outline).
    pub binding: Vec<bool>,
    /// Paragraph (or table row) id per row: a click on either bar opens it.
    pub links: Vec<String>,
    /// For the explorer: the plan of each row.
    pub plans: Vec<String>,
}

/// One chart per unit for the numeric rows of a plan's table (a `%` and a `个` on one axis
/// would say nothing), in first-appearance order. Rows with neither number are left to the
/// table.
pub fn plan_bars(rows: &[IndRow], plan: &str) -> Vec<Bars> {
    let mut out: Vec<Bars> = Vec::new();
    for r in rows {
        if r.baseline_number.is_none() && r.target_number.is_none() {
            continue;
        }
        let i = match out.iter().position(|b| b.unit == r.unit) {
            Some(i) => i,
            None => {
                out.push(Bars {
                    unit: r.unit.clone(),
                    labels: vec![],
                    baseline: vec![],
                    target: vec![],
                    baseline_label: vec![],
                    target_label: vec![],
                    binding: vec![],
                    links: vec![],
                    plans: vec![],
                });
                out.len() - 1
            }
        };
        let b = &mut out[i];
        let attr = if r.attribute.is_empty() {
            String::new()
        } else {
            format!(" {}", r.attribute)
        };
        b.labels.push(r.name.clone());
        b.baseline.push(r.baseline_number);
        b.target.push(r.target_number);
        b.baseline_label.push(if r.target_is_text() {
            format!("{}（目标：{}）", r.baseline, r.target)
        } else {
            r.baseline.clone()
        });
        b.target_label.push(format!("{}{attr}", r.target));
        b.binding.push(r.binding());
        b.links.push(r.id.clone());
        b.plans.push(plan.to_owned());
    }
    out
}

/// Height in px for a bar chart of `rows` categories (two bars and a wrapped label each).
pub fn bars_height(rows: usize) -> u32 {
    (70 + rows as u32 * 58).clamp(160, 2400)
}

const BASE_COLOR: &str = "#8c8c8c";
const TARGET_COLOR: &str = "#0072B2";

/// The ECharts option of a [`Bars`] chart: horizontal bars (category labels wrap on phones),
/// baseline in grey, target in blue; binding targets solid, expected ones white with a dashed
/// outline, and every target bar labelled with its attribute, so colour is never the only cue.
/// All plan text goes through [`chart_text`].
///
/// Built with charming; raw JSON (charming 0.6 cannot express it) only for: each bar's own
/// `label.formatter` and the expected targets' dashed `itemStyle` (its `DataPointItem` has no
/// `label`, and a missing value must stay `null`), the series' `barMaxWidth` and `cursor`, the
/// category labels' `width` / `overflow: "break"` / `lineHeight` and the value labels'
/// `hideOverlap` (its `AxisLabel` has none of them), and the shared tooltip settings of [`charts::tooltip_raw`] (drawn on the canvas, confined,
/// text of `frame`'s size). Text is `frame`'s size; the room for
/// category labels (88 px at the default size) and for the value labels right of the bars
/// (118 px) grows with it but stays within 30% and 35% of the container's width.
pub fn bars_option(b: &Bars, baseline_name: &str, target_name: &str, frame: Frame) -> Value {
    use charming::component::{Axis, Grid, Legend};
    use charming::element::{
        AxisPointer, AxisPointerType, AxisType, Label, LabelPosition, NameLocation, Tooltip,
        Trigger,
    };
    use charming::series::Bar;

    let unit = chart_text(&b.unit);
    let base: Vec<Value> = b
        .baseline
        .iter()
        .zip(&b.baseline_label)
        .map(|(v, l)| {
            json!({
                "value": v,
                "label": { "formatter": chart_text(l) },
            })
        })
        .collect();
    let target: Vec<Value> = b
        .target
        .iter()
        .zip(&b.target_label)
        .zip(&b.binding)
        .map(|((v, l), binding)| {
            let style = if *binding {
                json!({ "color": TARGET_COLOR })
            } else {
                json!({ "color": "#ffffff", "borderColor": TARGET_COLOR, "borderWidth": 2, "borderType": "dashed" })
            };
            json!({
                "value": v,
                "itemStyle": style,
                "label": { "formatter": chart_text(l) },
            })
        })
        .collect();
    let labels: Vec<String> = b.labels.iter().map(|l| chart_text(l)).collect();
    let baseline_name = chart_text(baseline_name);
    let target_name = chart_text(target_name);
    let bar_label = || {
        Label::new()
            .show(true)
            .position(LabelPosition::Right)
            .font_size(frame.font_px)
    };
    let chart = charming::Chart::new()
        .animation(false)
        .tooltip(
            Tooltip::new()
                .trigger(Trigger::Axis)
                .axis_pointer(AxisPointer::new().type_(AxisPointerType::Shadow)),
        )
        .legend(
            Legend::new()
                .top(0)
                .data(vec![baseline_name.clone(), target_name.clone()])
                .text_style(charts::text_style(frame)),
        )
        .grid(
            Grid::new()
                .left(4)
                .right(frame.room(118.0, 0.35))
                .top(frame.room(32.0, 0.5))
                .bottom(8)
                .contain_label(true),
        )
        .x_axis(
            Axis::new()
                .type_(AxisType::Value)
                .name(unit)
                .name_location(NameLocation::End)
                .name_text_style(charts::text_style(frame))
                .split_number(3)
                .axis_label(charts::axis_label(frame)),
        )
        .y_axis(
            Axis::new()
                .type_(AxisType::Category)
                .inverse(true)
                .data(labels)
                .axis_label(charts::axis_label(frame).interval(0)),
        )
        .series(
            Bar::new()
                .name(baseline_name)
                .item_style(charming::element::ItemStyle::new().color(BASE_COLOR))
                .label(bar_label()),
        )
        .series(
            Bar::new()
                .name(target_name)
                .item_style(charming::element::ItemStyle::new().color(TARGET_COLOR))
                .label(bar_label()),
        );
    let bar = |data: Vec<Value>| json!({ "data": data, "barMaxWidth": 18, "cursor": "pointer" });
    charts::option_json(
        &chart,
        frame,
        json!({
            "tooltip": charts::tooltip_raw(frame),
            "yAxis": { "axisLabel": {
                "width": frame.room(88.0, 0.3),
                "overflow": "break",
                "lineHeight": (frame.font_px * 7.0 / 6.0).round(),
            } },
            // Large values (10,000 个) on a phone's narrow plot: labels that would overlap are
            // left out rather than printed over each other.
            "xAxis": { "axisLabel": { "hideOverlap": true } },
            "series": [bar(base), bar(target)],
        }),
    )
}

/// The text summary of a plan's indicator chart (read by screen readers in place of the canvas).
pub fn plan_summary(rows: &[IndRow], b: &Bars) -> String {
    let mut s = format!(
        "图表列出{}项以“{}”计的指标的基数和目标：",
        b.labels.len(),
        b.unit
    );
    let parts: Vec<String> = rows
        .iter()
        .filter(|r| b.links.contains(&r.id))
        .map(|r| {
            let mut p = r.name.clone();
            if !r.baseline.is_empty() {
                let _ = write!(p, "基数{}{}", r.baseline, r.unit);
                if let Some(y) = r.baseline_year {
                    let _ = write!(p, "（{y}年）");
                }
            }
            if !r.target.is_empty() {
                if !r.baseline.is_empty() {
                    p.push('，');
                }
                if r.target_is_text() {
                    let _ = write!(p, "目标为“{}”", r.target);
                } else {
                    let _ = write!(p, "目标{}{}", r.target, r.unit);
                }
                if let Some(y) = r.target_year {
                    let _ = write!(p, "（{y}年）");
                }
            }
            if !r.attribute.is_empty() {
                let _ = write!(p, "，{}", r.attribute);
            }
            p
        })
        .collect();
    s.push_str(&parts.join("；"));
    s.push('。');
    let binding = rows
        .iter()
        .filter(|r| b.links.contains(&r.id) && r.binding())
        .count();
    let _ = write!(
        s,
        "其中约束性指标{}项，预期性或未标注{}项。",
        binding,
        b.labels.len() - binding
    );
    s
}

// ---------------------------------------------------------------------------------------------
// the cross-plan explorer
// ---------------------------------------------------------------------------------------------

/// A plan as the explorer names it.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanRef<'a> {
    pub id: &'a str,
    /// Short label (`从化区`).
    pub label: String,
    pub doc: &'a PlanDocument,
}

/// One statement of a canonical indicator in one plan.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Statement {
    pub plan: String,
    pub plan_label: String,
    /// `指标表` / `正文目标` / `正文现状`.
    pub source: String,
    /// The wording as printed.
    pub name: String,
    pub baseline: String,
    pub baseline_year: Option<u16>,
    pub baseline_number: Option<f64>,
    pub target: String,
    pub target_year: Option<u16>,
    pub target_number: Option<f64>,
    pub attribute: String,
    /// Paragraph (or table row) id: the deep link.
    pub paragraph: String,
}

/// The multiplier a unit carries (`万元` → 1e4, `亿元` → 1e8, `千人` → 1e3, `元` → 1), so numbers
/// compare in the catalogue's unit. The model applies 万/亿 written in the value (`2.34万`), not
/// in the unit. The reading is [`planscope_model::number::unit_magnitude`], shared with the parser.
pub fn unit_factor(unit: &str) -> f64 {
    planscope_model::number::unit_magnitude(unit).0
}

/// Every statement of canonical indicator `ind` in `plans`: table rows first, then prose
/// targets, then prose base statistics, plan by plan. Numbers are in the canonical unit
/// (万 applied).
pub fn statements(ind: &str, plans: &[PlanRef<'_>]) -> Vec<Statement> {
    let mut out = Vec::new();
    for p in plans {
        let st = |source: &str, name: String, paragraph: String| Statement {
            plan: p.id.to_owned(),
            plan_label: p.label.clone(),
            source: source.to_owned(),
            name,
            baseline: String::new(),
            baseline_year: None,
            baseline_number: None,
            target: String::new(),
            target_year: None,
            target_number: None,
            attribute: String::new(),
            paragraph,
        };
        for r in rows(p.doc)
            .into_iter()
            .filter(|r| r.canonical.as_deref() == Some(ind))
        {
            let unit = r.unit.clone();
            let with_unit = |v: &str, n: Option<f64>| {
                if n.is_some() {
                    format!("{v}{unit}")
                } else {
                    v.to_owned()
                }
            };
            let f = unit_factor(&r.unit);
            let mut s = st("指标表", r.name.clone(), r.id.clone());
            s.baseline = with_unit(&r.baseline, r.baseline_number);
            s.baseline_year = r.baseline_year;
            s.baseline_number = r.baseline_number.map(|n| n * f);
            s.target = with_unit(&r.target, r.target_number);
            s.target_year = r.target_year;
            s.target_number = r.target_number.map(|n| n * f);
            s.attribute = r.attribute.clone();
            out.push(s);
        }
        for (q, target) in p
            .doc
            .targets
            .iter()
            .map(|q| (q, true))
            .chain(p.doc.base_stats.iter().map(|q| (q, false)))
        {
            if q.canonical.as_deref() != Some(ind) {
                continue;
            }
            let item = prose_item(q);
            let mut s = st(
                if target {
                    "正文目标"
                } else {
                    "正文现状"
                },
                item.metric.clone(),
                item.paragraph.clone(),
            );
            let number = q.number.map(|n| n * unit_factor(&item.unit));
            if target {
                s.target = item.value;
                s.target_year = q.year;
                s.target_number = number;
            } else {
                s.baseline = item.value;
                s.baseline_year = q.year;
                s.baseline_number = number;
            }
            out.push(s);
        }
    }
    out
}

/// The canonical indicators any of `plans` states, in catalogue order, with how many plans state
/// each.
pub fn stated_indicators(plans: &[PlanRef<'_>]) -> Vec<(&'static catalog::IndicatorInfo, usize)> {
    catalog::INDICATORS
        .iter()
        .filter_map(|info| {
            let n = plans
                .iter()
                .filter(|p| !statements(info.id, std::slice::from_ref(*p)).is_empty())
                .count();
            (n > 0).then_some((info, n))
        })
        .collect()
}

/// One row per plan for the explorer's chart: the plan's table row when it has one, else its
/// first prose target and its latest prose base statistic.
pub fn explorer_bars(ind: &str, statements: &[Statement]) -> Bars {
    let unit = catalog::indicator(ind).map_or("", |i| i.unit).to_owned();
    let mut b = Bars {
        unit,
        labels: vec![],
        baseline: vec![],
        target: vec![],
        baseline_label: vec![],
        target_label: vec![],
        binding: vec![],
        links: vec![],
        plans: vec![],
    };
    let mut plans: Vec<&str> = statements.iter().map(|s| s.plan.as_str()).collect();
    plans.dedup();
    for plan in plans {
        let mine: Vec<&Statement> = statements.iter().filter(|s| s.plan == plan).collect();
        let table = mine.iter().find(|s| s.source == "指标表");
        let (base, target) = match table {
            Some(t) => (Some(*t), Some(*t)),
            None => (
                mine.iter()
                    .filter(|s| s.baseline_number.is_some())
                    .max_by_key(|s| s.baseline_year)
                    .copied(),
                mine.iter().find(|s| s.target_number.is_some()).copied(),
            ),
        };
        let label = |v: &str, y: Option<u16>| match y {
            Some(y) if !v.is_empty() => format!("{v}（{y}）"),
            _ => v.to_owned(),
        };
        b.labels.push(mine[0].plan_label.clone());
        b.baseline.push(base.and_then(|s| s.baseline_number));
        b.baseline_label.push(
            base.map(|s| label(&s.baseline, s.baseline_year))
                .unwrap_or_default(),
        );
        b.target.push(target.and_then(|s| s.target_number));
        let attr = target
            .map(|s| s.attribute.clone())
            .filter(|a| !a.is_empty())
            .map(|a| format!(" {a}"))
            .unwrap_or_default();
        b.target_label.push(
            target
                // The target year is in the table and the summary; the bar label stays short.
                .map(|s| format!("{}{attr}", s.target))
                .unwrap_or_default(),
        );
        b.binding
            .push(target.is_some_and(|s| s.attribute == "约束性"));
        b.links.push(
            target
                .or(base)
                .map(|s| s.paragraph.clone())
                .unwrap_or_default(),
        );
        b.plans.push(plan.to_owned());
    }
    b
}

/// The text summary of the explorer's chart.
pub fn explorer_summary(ind: &str, statements: &[Statement]) -> String {
    let name = catalog::indicator(ind).map_or(ind, |i| i.name);
    let mut plans: Vec<&str> = statements.iter().map(|s| s.plan_label.as_str()).collect();
    plans.dedup();
    if plans.is_empty() {
        return format!("没有规划提出“{name}”。");
    }
    let parts: Vec<String> = statements
        .iter()
        .map(|s| {
            let mut p = format!("{}（{}）", s.plan_label, s.source);
            if !s.baseline.is_empty() {
                let _ = write!(p, "现状{}{}", year_zh_opt(s.baseline_year), s.baseline);
            }
            if !s.target.is_empty() {
                if !s.baseline.is_empty() {
                    p.push('，');
                }
                let _ = write!(p, "目标{}{}", year_zh_opt(s.target_year), s.target);
            }
            p
        })
        .collect();
    let mut s = format!("{}份规划提出“{name}”：{}。", plans.len(), parts.join("；"));
    let targets: Vec<(f64, &str)> = statements
        .iter()
        .filter_map(|s| s.target_number.map(|n| (n, s.plan_label.as_str())))
        .collect();
    if let Some(max) = targets.iter().max_by(|a, b| a.0.total_cmp(&b.0)) {
        if targets.len() > 1 {
            let min = targets
                .iter()
                .min_by(|a, b| a.0.total_cmp(&b.0))
                .unwrap_or(max);
            let unit = catalog::indicator(ind).map_or("", |i| i.unit);
            let _ = write!(
                s,
                "数字目标最高为{}（{}{}），最低为{}（{}{}）。",
                max.1,
                fmt_num(max.0),
                unit,
                min.1,
                fmt_num(min.0),
                unit
            );
        }
    }
    s
}

fn year_zh_opt(y: Option<u16>) -> String {
    y.map(|y| format!("{y}年")).unwrap_or_default()
}

// ---------------------------------------------------------------------------------------------
// downloads
// ---------------------------------------------------------------------------------------------

/// The byte-order mark that makes Excel on Chinese Windows read a CSV as UTF-8.
pub const BOM: char = '\u{FEFF}';

/// A field as written to a download: a field starting with `=`, `+`, `@` or a tab gets a leading
/// `'` so a spreadsheet shows it as text instead of running it as a formula (OWASP, "CSV
/// Injection"). `-` is left alone: it starts every negative number.
pub fn spreadsheet_text(s: &str) -> String {
    if s.starts_with(['=', '+', '@', '\t']) {
        format!("'{s}")
    } else {
        s.to_owned()
    }
}

/// A CSV document (RFC 4180, written by the `csv` crate): a UTF-8 byte-order mark, then one
/// record per row, CRLF line ends, a field quoted only when it holds `,` `"` CR or LF (quotes
/// doubled); every field passed through [`spreadsheet_text`].
pub fn csv(rows: &[Vec<String>]) -> String {
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .flexible(true)
        .from_writer(BOM.to_string().into_bytes());
    for r in rows {
        // Writing to a Vec<u8> cannot fail (no I/O; fields are &str).
        let _ = w.write_record(r.iter().map(|f| spreadsheet_text(f)));
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

fn opt_year(y: Option<u16>) -> String {
    y.map(|y| y.to_string()).unwrap_or_default()
}

fn opt_num(n: Option<f64>) -> String {
    n.map(fmt_num).unwrap_or_default()
}

/// The header of a plan's CSV.
pub const PLAN_CSV_HEADER: [&str; 14] = [
    "类别",
    "编号",
    "指标",
    "单位",
    "基数年份",
    "基数",
    "基数数值",
    "目标年份",
    "目标",
    "目标数值",
    "比较",
    "属性",
    "规范指标",
    "原文段落",
];

/// A plan's indicators, prose targets and base statistics as CSV: one line per value, values as
/// printed plus the number with multipliers applied, and the paragraph id of the source.
pub fn plan_csv(doc: &PlanDocument) -> String {
    let mut lines = vec![PLAN_CSV_HEADER.iter().map(|s| s.to_string()).collect()];
    for r in rows(doc) {
        lines.push(vec![
            "主要指标".to_owned(),
            r.id.clone(),
            r.name.clone(),
            r.unit.clone(),
            opt_year(r.baseline_year),
            r.baseline.clone(),
            opt_num(r.baseline_number),
            opt_year(r.target_year),
            r.target.clone(),
            opt_num(r.target_number),
            r.comparator.clone().unwrap_or_default(),
            r.attribute.clone(),
            r.canonical.clone().unwrap_or_default(),
            r.id.clone(),
        ]);
    }
    for (target, q) in doc
        .targets
        .iter()
        .map(|q| (true, q))
        .chain(doc.base_stats.iter().map(|q| (false, q)))
    {
        let i = prose_item(q);
        let printed = shown_value(q.comparator, &q.value, None);
        let (by, b, bn, ty, t, tn) = if target {
            (
                String::new(),
                String::new(),
                String::new(),
                opt_year(q.year),
                printed,
                opt_num(q.number),
            )
        } else {
            (
                opt_year(q.year),
                printed,
                opt_num(q.number),
                String::new(),
                String::new(),
                String::new(),
            )
        };
        lines.push(vec![
            if target {
                "正文目标"
            } else {
                "正文现状"
            }
            .to_owned(),
            i.id,
            i.metric,
            i.unit,
            by,
            b,
            bn,
            ty,
            t,
            tn,
            q.comparator.as_str().to_owned(),
            String::new(),
            i.canonical.unwrap_or_default(),
            i.paragraph,
        ]);
    }
    csv(&lines)
}

/// A plan's indicators, targets and base statistics as JSON.
pub fn plan_json(doc: &PlanDocument) -> String {
    let targets: Vec<ProseItem> = doc.targets.iter().map(prose_item).collect();
    let v = json!({
        "plan": doc.id,
        "title": doc.metadata.title,
        "indicators": rows(doc),
        "targets": targets,
        "base_stats": base_stats(doc),
    });
    serde_json::to_string_pretty(&v).unwrap_or_default()
}

/// The explorer's table as CSV.
pub fn explorer_csv(ind: &str, statements: &[Statement]) -> String {
    let name = catalog::indicator(ind).map_or(ind, |i| i.name);
    let mut lines: Vec<Vec<String>> = vec![[
        "规范指标",
        "规划",
        "规划编号",
        "来源",
        "原文表述",
        "基数年份",
        "基数",
        "基数数值",
        "目标年份",
        "目标",
        "目标数值",
        "属性",
        "原文段落",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()];
    for s in statements {
        lines.push(vec![
            name.to_owned(),
            s.plan_label.clone(),
            s.plan.clone(),
            s.source.clone(),
            s.name.clone(),
            opt_year(s.baseline_year),
            s.baseline.clone(),
            opt_num(s.baseline_number),
            opt_year(s.target_year),
            s.target.clone(),
            opt_num(s.target_number),
            s.attribute.clone(),
            s.paragraph.clone(),
        ]);
    }
    csv(&lines)
}

/// The explorer's table as JSON.
pub fn explorer_json(ind: &str, statements: &[Statement]) -> String {
    let info = catalog::indicator(ind);
    let v = json!({
        "indicator": ind,
        "name": info.map(|i| i.name),
        "unit": info.map(|i| i.unit),
        "statements": statements,
    });
    serde_json::to_string_pretty(&v).unwrap_or_default()
}

/// Download file names: `<plan>-indicators.csv`, `indicator-<id>.json`.
pub fn file_name(stem: &str, ext: &str) -> String {
    format!("{stem}.{ext}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use planscope_model::{Anchor, Indicator, IndicatorTable};

    fn value(text: &str, number: Option<f64>, c: Option<Comparator>) -> Option<IndicatorValue> {
        Some(IndicatorValue {
            text: text.into(),
            number,
            comparator: c,
            src: vec![],
        })
    }

    fn doc() -> PlanDocument {
        let row = |id: &str, name: &str, unit: &str, b: Option<IndicatorValue>, t, a| Indicator {
            id: id.into(),
            name: name.into(),
            unit: Some(unit.into()),
            baseline_year: Some(2020),
            baseline: b,
            target_year: Some(2025),
            target: t,
            attribute: Some(a),
            canonical: None,
            ..Default::default()
        };
        let mut r1 = row(
            "T1r1",
            "学前教育毛入园率",
            "%",
            value("100.23", Some(100.23), Some(Comparator::Eq)),
            value("≥100", Some(100.0), Some(Comparator::Ge)),
            Attribute::Binding,
        );
        r1.canonical = Some("preschool_gross_enrolment".into());
        let r2 = row(
            "T1r2",
            "义务教育巩固率",
            "%",
            value("99.66", Some(99.66), Some(Comparator::Eq)),
            value("保持高水平", None, None),
            Attribute::Binding,
        );
        let r3 = row(
            "T1r3",
            "新增公办学位(含<b>\"港澳\"</b>)",
            "个",
            value("1.5万", Some(15000.0), Some(Comparator::Eq)),
            value("2.34万", Some(23400.0), Some(Comparator::Eq)),
            Attribute::Expected,
        );
        let q =
            |id: &str, para: &str, metric: &str, v: &str, n: f64, y: Option<u16>, topic: &str| {
                Quantity {
                    id: id.into(),
                    text: format!("{metric}达到{v}%"),
                    metric: metric.into(),
                    value: v.into(),
                    number: Some(n),
                    upper: None,
                    unit: Some("%".into()),
                    comparator: Comparator::Ge,
                    year: y,
                    anchor: Anchor {
                        paragraph: para.into(),
                        section: "1".into(),
                        span: [0, 1],
                    },
                    topics: if topic.is_empty() {
                        vec![]
                    } else {
                        vec![topic.into()]
                    },
                    canonical: (metric == "学前三年毛入园率")
                        .then(|| "preschool_gross_enrolment".into()),
                }
            };
        PlanDocument {
            id: "p".into(),
            indicator_tables: vec![IndicatorTable {
                id: "T1".into(),
                rows: vec![r1, r2, r3],
                ..Default::default()
            }],
            targets: vec![
                q(
                    "G1",
                    "2.1p1",
                    "学前三年毛入园率",
                    "95",
                    95.0,
                    Some(2025),
                    "preschool",
                ),
                q("G2", "2.1p2", "体质健康优良率", "60", 60.0, None, ""),
                q(
                    "G3",
                    "2.1p3",
                    "高中阶段毛入学率",
                    "98",
                    98.0,
                    Some(2022),
                    "high_school",
                ),
                q(
                    "G4",
                    "2.1p4",
                    "幼儿园专任教师学历",
                    "90",
                    90.0,
                    Some(2025),
                    "teachers",
                ),
            ],
            base_stats: vec![q(
                "S1",
                "0p3",
                "学前三年毛入园率",
                "90",
                90.0,
                Some(2020),
                "preschool",
            )],
            ..Default::default()
        }
    }

    #[test]
    fn rows_keep_values_as_printed_and_numbers_normalised() {
        let r = rows(&doc());
        assert_eq!(r.len(), 3);
        assert_eq!(r[0].target, "≥100");
        assert_eq!(r[0].comparator.as_deref(), Some(">="));
        assert!(r[0].binding());
        assert!(r[1].target_is_text());
        assert_eq!(r[1].comparator, None);
        assert_eq!(r[2].baseline, "1.5万");
        assert_eq!(r[2].target_number, Some(23400.0));
        assert_eq!(r[2].attribute, "预期性");
    }

    #[test]
    fn targets_group_by_year_then_topic() {
        let g = targets_by_year(&doc());
        let years: Vec<Option<u16>> = g.iter().map(|x| x.0).collect();
        assert_eq!(years, [Some(2022), Some(2025), None]);
        let topics: Vec<&str> = g[1].1.iter().map(|t| t.0.as_str()).collect();
        assert_eq!(topics, ["学前教育", "教师队伍"]);
        assert_eq!(g[2].1[0].0, "其他");
        assert_eq!(g[1].1[0].1[0].value, "≥95%");
        assert_eq!(g[1].1[0].1[0].paragraph, "2.1p1");
        assert_eq!(year_zh(None), "年份未注明");
    }

    #[test]
    fn highlight_keys_from_number_buttons() {
        assert_eq!(highlight_key("T1r2-t"), "T1r2");
        assert_eq!(highlight_key("T1r2-b"), "T1r2");
        assert_eq!(highlight_key("G3"), "G3");
        assert_eq!(item_el("G3"), "ind-G3");
    }

    #[test]
    fn chart_text_cannot_form_markup() {
        let s = chart_text("<img src=x onerror='a'>&\"{b}\"");
        assert!(!s.contains(['<', '>', '&', '"', '\'', '{', '}']), "{s}");
        assert_eq!(chart_text("学前教育"), "学前教育");
    }

    #[test]
    fn one_chart_per_unit_with_escaped_text_and_attribute_labels() {
        let d = doc();
        let r = rows(&d);
        let bars = plan_bars(&r, "p");
        assert_eq!(bars.len(), 2);
        assert_eq!(bars[0].unit, "%");
        assert_eq!(bars[0].labels.len(), 2);
        assert_eq!(bars[0].baseline_label[1], "99.66（目标：保持高水平）");
        assert_eq!(bars[0].target[1], None);
        assert_eq!(bars[0].target_label[0], "≥100 约束性");
        assert_eq!(bars[1].links, ["T1r3"]);
        let o = bars_option(&bars[1], "基数", "目标", Frame::default());
        let text = o.to_string();
        assert!(!text.contains("<b>"), "{text}");
        assert_eq!(o["series"][1]["data"][0]["value"], 23400.0);
        assert_eq!(
            o["series"][1]["data"][0]["itemStyle"]["borderType"],
            "dashed"
        );
        assert_eq!(
            o["series"][1]["data"][0]["label"]["formatter"],
            "2.34万 预期性"
        );
        assert_eq!(o["yAxis"]["type"], "category");
        assert_eq!(
            o["legend"]["data"],
            serde_json::json!([{ "name": "基数" }, { "name": "目标" }])
        );
        assert_eq!(o["series"][1]["barMaxWidth"], 18);
        assert_eq!(o["series"][1]["label"]["position"], "right");
        assert_eq!(o["series"][1]["itemStyle"]["color"], TARGET_COLOR);
        assert_eq!(o["yAxis"]["axisLabel"]["width"], 88.0);
        assert_eq!(o["yAxis"]["axisLabel"]["overflow"], "break");
        assert_eq!(o["xAxis"]["axisLabel"]["fontSize"], 12.0);
        assert_eq!(o["xAxis"]["axisLabel"]["hideOverlap"], true);
        assert_eq!(o["tooltip"]["axisPointer"]["type"], "shadow");
        assert_eq!(o["tooltip"]["renderMode"], "richText");
        let o = bars_option(&bars[0], "基数", "目标", Frame::default());
        assert_eq!(o["series"][0]["data"][0]["value"], 100.23);
        assert!(o["series"][1]["data"][1]["value"].is_null());
        assert!(bars_height(10) > bars_height(2));
        // 200% text on a 320 px screen: larger text, label room capped by the width.
        let big = bars_option(&bars[0], "基数", "目标", Frame::new(32.0, 320.0));
        assert_eq!(big["series"][0]["label"]["fontSize"], 24.0);
        assert_eq!(big["yAxis"]["axisLabel"]["fontSize"], 24.0);
        assert_eq!(big["yAxis"]["axisLabel"]["width"], 96.0);
        assert_eq!(big["grid"][0]["right"], 112.0);
        assert_eq!(
            big["series"][1]["data"][1]["label"]["formatter"],
            o["series"][1]["data"][1]["label"]["formatter"]
        );
    }

    #[test]
    fn summaries_say_what_the_chart_shows() {
        let d = doc();
        let r = rows(&d);
        let bars = plan_bars(&r, "p");
        let s = plan_summary(&r, &bars[0]);
        assert!(s.starts_with("图表列出2项以“%”计的指标"), "{s}");
        assert!(
            s.contains("学前教育毛入园率基数100.23%（2020年），目标≥100%（2025年），约束性"),
            "{s}"
        );
        assert!(s.contains("目标为“保持高水平”"), "{s}");
        assert!(s.ends_with("其中约束性指标2项，预期性或未标注0项。"), "{s}");

        let plans = [
            PlanRef {
                id: "p",
                label: "从化区".into(),
                doc: &d,
            },
            PlanRef {
                id: "q",
                label: "和平区".into(),
                doc: &PlanDocument::default(),
            },
        ];
        let st = statements("preschool_gross_enrolment", &plans);
        assert_eq!(st.len(), 3);
        assert_eq!(st[0].source, "指标表");
        assert_eq!(st[0].target, "≥100%");
        assert_eq!(st[1].source, "正文目标");
        assert_eq!(st[1].paragraph, "2.1p1");
        assert_eq!(st[2].source, "正文现状");
        let s = explorer_summary("preschool_gross_enrolment", &st);
        assert!(
            s.starts_with(
                "1份规划提出“学前教育毛入园率”：从化区（指标表）现状2020年100.23%，目标2025年≥100%"
            ),
            "{s}"
        );
        assert!(
            s.contains("数字目标最高为从化区（100%），最低为从化区（95%）"),
            "{s}"
        );
        assert_eq!(
            explorer_summary("myopia_rate", &[]),
            "没有规划提出“儿童青少年总体近视率”。"
        );
        let b = explorer_bars("preschool_gross_enrolment", &st);
        assert_eq!(b.labels, ["从化区"]);
        assert_eq!(b.target, [Some(100.0)]);
        assert_eq!(b.links, ["T1r1"]);
        let stated = stated_indicators(&plans);
        assert_eq!(stated.len(), 1);
        assert_eq!(stated[0].0.id, "preschool_gross_enrolment");
        assert_eq!(stated[0].1, 1);
    }

    #[test]
    fn csv_quotes_and_starts_with_a_bom() {
        let one = |f: &str| csv(&[vec![f.to_owned()]]);
        assert_eq!(one("a,b"), "\u{FEFF}\"a,b\"\r\n");
        assert_eq!(one("say \"hi\""), "\u{FEFF}\"say \"\"hi\"\"\"\r\n");
        assert_eq!(one("x\ny"), "\u{FEFF}\"x\ny\"\r\n");
        assert_eq!(one("=1+1"), "\u{FEFF}'=1+1\r\n");
        assert_eq!(one("≥100"), "\u{FEFF}≥100\r\n");
        assert_eq!(spreadsheet_text("-3"), "-3");
        let c = csv(&[
            vec!["a".into(), "b,c".into()],
            vec![String::new(), "d".into()],
        ]);
        assert_eq!(c, "\u{FEFF}a,\"b,c\"\r\n,d\r\n");
        assert!(c.as_bytes().starts_with(&[0xEF, 0xBB, 0xBF]));
    }

    /// Reads a CSV document back with the `csv` crate (the BOM first, no header row).
    fn parse_csv(s: &str) -> Vec<Vec<String>> {
        let s = s.strip_prefix(BOM).unwrap();
        ::csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(s.as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(str::to_owned).collect())
            .collect()
    }

    #[test]
    fn plan_csv_reads_back() {
        let d = doc();
        let rows = parse_csv(&plan_csv(&d));
        assert_eq!(rows[0], PLAN_CSV_HEADER);
        assert_eq!(rows.len(), 1 + 3 + 4 + 1);
        assert_eq!(rows[1][2], "学前教育毛入园率");
        assert_eq!(rows[1][5], "100.23");
        assert_eq!(rows[1][8], "≥100");
        assert_eq!(rows[1][11], "约束性");
        assert_eq!(rows[3][2], "新增公办学位(含<b>\"港澳\"</b>)");
        assert_eq!(rows[3][6], "15000");
        assert_eq!(rows[4][0], "正文目标");
        assert_eq!(rows[4][8], "≥95");
        assert_eq!(rows[4][13], "2.1p1");
        assert_eq!(rows[8][0], "正文现状");
        assert_eq!(rows[8][5], "≥90");
        let j: Value = serde_json::from_str(&plan_json(&d)).unwrap();
        assert_eq!(j["indicators"][2]["target_number"], 23400.0);
        assert_eq!(j["targets"][0]["paragraph"], "2.1p1");
        let plans = [PlanRef {
            id: "p",
            label: "从化区".into(),
            doc: &d,
        }];
        let st = statements("preschool_gross_enrolment", &plans);
        let e = parse_csv(&explorer_csv("preschool_gross_enrolment", &st));
        assert_eq!(e.len(), 4);
        assert_eq!(e[1][1], "从化区");
        assert_eq!(e[1][9], "≥100%");
        let j: Value =
            serde_json::from_str(&explorer_json("preschool_gross_enrolment", &st)).unwrap();
        assert_eq!(j["statements"].as_array().unwrap().len(), 3);
    }

    #[test]
    fn explorer_numbers_are_in_the_catalogue_unit() {
        assert_eq!(unit_factor("万元"), 1e4);
        assert_eq!(unit_factor("亿元"), 1e8);
        assert_eq!(unit_factor("元"), 1.0);
        assert_eq!(unit_factor("万"), 1.0);
        assert_eq!(unit_factor("%"), 1.0);
        let mut d = PlanDocument::default();
        d.targets.push(Quantity {
            id: "G1".into(),
            metric: "一般公共预算教育支出".into(),
            value: "72835".into(),
            number: Some(72835.0),
            unit: Some("万元".into()),
            canonical: Some("education_expenditure".into()),
            anchor: Anchor {
                paragraph: "1p1".into(),
                ..Default::default()
            },
            ..Default::default()
        });
        let plans = [PlanRef {
            id: "p",
            label: "甲".into(),
            doc: &d,
        }];
        let st = statements("education_expenditure", &plans);
        assert_eq!(st[0].target, "72835万元");
        assert_eq!(st[0].target_number, Some(728_350_000.0));
    }

    #[test]
    fn numbers_read_plainly() {
        assert_eq!(fmt_num(100.0), "100");
        assert_eq!(fmt_num(99.66), "99.66");
        assert_eq!(fmt_num(1.0417e10), "10417000000");
        assert_eq!(fmt_num(0.125), "0.125");
    }
}
