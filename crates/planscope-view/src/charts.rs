//! Chart options, built from the model as plain data. Every chart of the app goes through one
//! pipeline: an option is built here (or in [`crate::indicators`]) with charming (`charming::Chart`)
//! for a [`Frame`] (text size and width of the chart's container), turned into ECharts option
//! JSON by [`option_json`] — which adds the few options charming 0.6 cannot express as raw JSON,
//! each named where it is added — and drawn by the app's one chart component (`src/echarts.rs`),
//! which builds the option again when the text size or the container's width changes. Everything
//! here is pure and tested by looking at the option JSON.

use charming::component::{Axis, Grid, Legend};
use charming::element::{AxisLabel, AxisType, TextStyle, Tooltip, Trigger};
use charming::series::Bar;
use charming::Chart;
use planscope_model::{IndexEntry, PlanIndex};
use serde_json::{json, Value};

/// The root font size browsers use by default, in CSS px.
pub const DEFAULT_ROOT_PX: f64 = 16.0;

/// Chart text at [`DEFAULT_ROOT_PX`], in CSS px (ECharts' own default size).
pub const BASE_FONT_PX: f64 = 12.0;

/// What a chart is drawn for: the size of its text and the width of its container, both in CSS
/// px. Chart text follows the page's text size — the browser's font-size setting and the app's
/// 大字 setting both change the root font size — at 3/4 of it (12 px for the default 16 px),
/// between 10 and 40 px; heights grow with it, so larger labels keep their room.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    /// Chart text size, CSS px.
    pub font_px: f64,
    /// Width of the chart's container, CSS px (0 when unknown).
    pub width_px: f64,
}

impl Frame {
    /// The frame for a root font size (`getComputedStyle(<html>).fontSize`, CSS px; non-finite or
    /// non-positive means the default) and a container width (CSS px).
    pub fn new(root_px: f64, width_px: f64) -> Frame {
        let root = if root_px.is_finite() && root_px > 0.0 {
            root_px
        } else {
            DEFAULT_ROOT_PX
        };
        // Half pixels: sub-pixel changes of the root size do not redraw the chart.
        let font_px = ((root * 0.75) * 2.0).round() / 2.0;
        Frame {
            font_px: font_px.clamp(10.0, 40.0),
            width_px: if width_px.is_finite() {
                width_px.max(0.0)
            } else {
                0.0
            },
        }
    }

    /// How much larger than [`BASE_FONT_PX`] the text is (1.0 at the default size).
    pub fn scale(&self) -> f64 {
        self.font_px / BASE_FONT_PX
    }

    /// A height given in px at the default text size, grown with the text (never shrunk below
    /// `base`), at most 6000 px.
    pub fn height(&self, base: u32) -> u32 {
        ((f64::from(base) * self.scale().max(1.0)).round() as u32).clamp(base.min(6000), 6000)
    }

    /// `px` at the default text size, grown with the text, at most `share` of the container's
    /// width (when known): room for labels that must not push the plot off a 320 px screen.
    pub fn room(&self, px: f64, share: f64) -> f64 {
        let grown = (px * self.scale()).round();
        if self.width_px > 0.0 {
            grown.min((self.width_px * share).round())
        } else {
            grown
        }
    }
}

/// The container width, in CSS px, that charts on pages written at build time are drawn for as
/// SVG (`planscope-site`, ECharts' server-side renderer): a chart figure's width on a 360 px
/// phone screen, the narrowest common Android width (the page's 16 px padding on each side, the
/// figure's 8 px padding and 1 px border: 360 − 50; `style/main.css`).
pub const STATIC_WIDTH_PX: f64 = 310.0;

/// How much wider than [`STATIC_WIDTH_PX`] a container may be and still show the build-time
/// drawing (at its own size, never scaled up): up to 387 px, a 437 px screen, so the drawing
/// never leaves more than a fifth of the figure empty.
pub const STATIC_MAX_STRETCH: f64 = 1.25;

impl Frame {
    /// The frame of the charts drawn at build time: default text, [`STATIC_WIDTH_PX`].
    pub fn static_drawing() -> Frame {
        Frame::new(DEFAULT_ROOT_PX, STATIC_WIDTH_PX)
    }

    /// Whether a chart drawn for `drawn` (at build time) still fits this frame, so the app can
    /// keep that drawing instead of loading ECharts to draw it again: the same text size, and a
    /// container at least as wide as the drawing (it is never scaled down, so its text stays the
    /// reader's size) and at most [`STATIC_MAX_STRETCH`] times as wide.
    pub fn keeps_drawing(&self, drawn: Frame) -> bool {
        self.font_px == drawn.font_px
            && self.width_px >= drawn.width_px
            && self.width_px <= drawn.width_px * STATIC_MAX_STRETCH
    }
}

impl Default for Frame {
    /// Default text, a 360 px container.
    fn default() -> Frame {
        Frame::new(DEFAULT_ROOT_PX, 360.0)
    }
}

/// Text of `frame`'s size (charming's `TextStyle`).
pub fn text_style(frame: Frame) -> TextStyle {
    TextStyle::new().font_size(frame.font_px)
}

/// An axis label of `frame`'s size.
pub fn axis_label(frame: Frame) -> AxisLabel {
    AxisLabel::new().font_size(frame.font_px)
}

/// The ECharts option JSON of `chart`, with `raw` merged in: objects key by key (recursively),
/// arrays element by element (so `{"series": [{…}, {…}]}` adds to each series in order), other
/// values replacing. `raw` is for options charming 0.6 cannot express; every caller names them.
/// Always adds the global `textStyle.fontSize` of `frame` (charming's `Chart` has no
/// `textStyle`), which ECharts uses for any text not given a size.
pub fn option_json(chart: &Chart, frame: Frame, raw: Value) -> Value {
    let mut option = serde_json::to_value(chart).unwrap_or(Value::Null);
    merge(
        &mut option,
        json!({ "textStyle": { "fontSize": frame.font_px } }),
    );
    merge(&mut option, raw);
    option
}

fn merge(into: &mut Value, from: Value) {
    match (into, from) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in b {
                merge(a.entry(k).or_insert(Value::Null), v);
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            for (i, v) in b.into_iter().enumerate() {
                match a.get_mut(i) {
                    Some(slot) => merge(slot, v),
                    None => a.push(v),
                }
            }
        }
        (slot, v) => *slot = v,
    }
}

/// Reads one count of a library entry.
type Count = fn(&IndexEntry) -> u32;

/// One bar per plan for each of these counts.
const OVERVIEW_SERIES: [(&str, Count); 4] = [
    ("章节", |e| e.counts.sections),
    ("指标", |e| e.counts.indicators),
    ("数字目标", |e| e.counts.targets),
    ("重点工程", |e| e.counts.key_projects),
];

/// Series colours: distinguishable for common colour-vision deficiencies (Okabe–Ito).
const PALETTE: [&str; 4] = ["#0072B2", "#E69F00", "#009E73", "#CC79A7"];

/// The names of the overview's series, for the table that accompanies the chart.
pub fn overview_series_names() -> impl Iterator<Item = &'static str> {
    OVERVIEW_SERIES.iter().map(|(name, _)| *name)
}

/// The overview's numbers for one plan, in series order.
pub fn overview_values(entry: &IndexEntry) -> Vec<u32> {
    OVERVIEW_SERIES.iter().map(|(_, f)| f(entry)).collect()
}

/// A short category label for a plan: the most specific region name, else the title cut to
/// eight characters (axis labels must fit a 320 px screen).
pub fn plan_label(entry: &IndexEntry) -> String {
    if let Some(short) = entry.region.short().filter(|s| !s.is_empty()) {
        return short.to_owned();
    }
    let title = entry.title.trim();
    let source = if title.is_empty() {
        entry.id.as_str()
    } else {
        title
    };
    let mut chars = source.chars();
    let head: String = chars.by_ref().take(8).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}

/// Height in px for the overview chart at the default text size, so bars keep a tappable size
/// however many plans ([`Frame::height`] grows it with the text).
pub fn overview_height(plans: usize) -> u32 {
    let per_plan = OVERVIEW_SERIES.len() as u32 * 12 + 20;
    (90 + plans as u32 * per_plan).clamp(200, 2000)
}

/// Grouped horizontal bars: one group per plan, one bar per count. Horizontal because the
/// category labels are Chinese place names that do not fit under narrow vertical bars. All text
/// is `frame`'s size.
///
/// Raw JSON (charming 0.6 cannot express it): the tooltip settings of [`tooltip_raw`].
pub fn overview_chart(index: &PlanIndex, frame: Frame) -> Value {
    let labels: Vec<String> = index.plans.iter().map(plan_label).collect();
    let mut chart = Chart::new()
        // Animation costs frames on older phones and says nothing here.
        .animation(false)
        .color(PALETTE.to_vec())
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .legend(Legend::new().top(0).text_style(text_style(frame)))
        .grid(
            Grid::new()
                .left(8)
                .right(16)
                .top(frame.room(36.0, 0.5))
                .bottom(8)
                .contain_label(true),
        )
        .x_axis(
            Axis::new()
                .type_(AxisType::Value)
                .min_interval(1)
                .axis_label(axis_label(frame)),
        )
        // Inverse, so the first plan is at the top, as in the list.
        .y_axis(
            Axis::new()
                .type_(AxisType::Category)
                .inverse(true)
                .axis_label(axis_label(frame))
                .data(labels),
        );
    for (name, value) in OVERVIEW_SERIES {
        let data: Vec<i64> = index.plans.iter().map(|e| i64::from(value(e))).collect();
        chart = chart.series(Bar::new().name(name).data(data));
    }
    option_json(&chart, frame, json!({ "tooltip": tooltip_raw(frame) }))
}

/// The tooltip settings every chart shares that charming 0.6 cannot express (raw JSON, merged
/// into `tooltip` by [`option_json`]):
/// - `renderMode: "richText"`: ECharts draws the tooltip on the chart's canvas instead of as
///   HTML. Its HTML tooltip writes `style="…"` attributes through `innerHTML`, which a strict
///   Content-Security-Policy (`style-src 'self'`, no `'unsafe-inline'`) refuses — the tooltip
///   then shows unstyled and the console reports a violation per hover; and canvas text can never
///   become markup, whatever a plan's text holds.
/// - `confine: true`: the tooltip stays inside the chart, so it never widens a 320 px screen.
/// - `textStyle.fontSize`: `frame`'s text size (charming's `Tooltip` has no text style).
pub fn tooltip_raw(frame: Frame) -> Value {
    json!({
        "renderMode": "richText",
        "confine": true,
        "textStyle": { "fontSize": frame.font_px },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_drawing_is_kept_at_its_text_size_from_its_width_to_a_quarter_wider() {
        let drawn = Frame::static_drawing();
        assert_eq!(drawn.font_px, BASE_FONT_PX);
        // 360, 390 and 412 px phones: figures of 310, 340 and 362 px
        for width in [310.0, 340.0, 362.0, 387.5] {
            assert!(Frame::new(16.0, width).keeps_drawing(drawn), "{width}");
        }
        // a 320 px phone (270 px) and a desktop column: drawn again for their width
        for width in [270.0, 309.5, 388.0, 760.0] {
            assert!(!Frame::new(16.0, width).keeps_drawing(drawn), "{width}");
        }
        // larger text (大字, a browser's font setting): drawn again with larger text
        assert!(!Frame::new(20.0, 340.0).keeps_drawing(drawn));
        // a sub-pixel root size is the same text size
        assert!(Frame::new(16.2, 340.0).keeps_drawing(drawn));
    }

    use planscope_model::{Counts, Region, SCHEMA_VERSION};

    fn entry(id: &str, county: Option<&str>, sections: u32) -> IndexEntry {
        IndexEntry {
            id: id.into(),
            title: "清远市2022年教育工作要点".into(),
            region: Region {
                county: county.map(Into::into),
                ..Region::default()
            },
            counts: Counts {
                sections,
                key_projects: 2,
                ..Counts::default()
            },
            ..IndexEntry::default()
        }
    }

    #[test]
    fn labels_are_short() {
        assert_eq!(plan_label(&entry("a", Some("从化区"), 0)), "从化区");
        assert_eq!(plan_label(&entry("a", None, 0)), "清远市2022年…");
        let untitled = IndexEntry {
            id: "qingyuan-2022".into(),
            ..IndexEntry::default()
        };
        assert_eq!(plan_label(&untitled), "qingyuan…");
    }

    #[test]
    fn overview_has_one_bar_per_plan_and_count() {
        let index = PlanIndex {
            schema_version: SCHEMA_VERSION,
            plans: vec![
                entry("a", Some("从化区"), 41),
                entry("b", Some("和平区"), 7),
            ],
            ..PlanIndex::default()
        };
        let json = overview_chart(&index, Frame::default());
        assert_eq!(json["animation"], false);
        assert_eq!(json["yAxis"]["type"], "category");
        assert_eq!(
            json["yAxis"]["data"],
            serde_json::json!(["从化区", "和平区"])
        );
        let series = json["series"].as_array().unwrap();
        let names: Vec<_> = series.iter().map(|s| s["name"].as_str().unwrap()).collect();
        assert_eq!(names, overview_series_names().collect::<Vec<_>>());
        assert!(series.iter().all(|s| s["type"] == "bar"));
        assert_eq!(series[0]["data"], serde_json::json!([41, 7]));
        assert_eq!(series[3]["data"], serde_json::json!([2, 2]));
        assert_eq!(overview_values(&index.plans[0]), [41, 0, 0, 2]);
        assert_eq!(json["yAxis"]["axisLabel"]["fontSize"], 12.0);
        assert_eq!(json["tooltip"]["trigger"], "axis");
        assert_eq!(json["tooltip"]["confine"], true);
        assert_eq!(json["tooltip"]["renderMode"], "richText");
    }

    #[test]
    fn chart_text_follows_the_root_font_size() {
        assert_eq!(Frame::new(16.0, 320.0).font_px, 12.0);
        assert_eq!(Frame::new(32.0, 320.0).font_px, 24.0);
        assert_eq!(Frame::new(18.0, 320.0).font_px, 13.5);
        assert_eq!(Frame::new(f64::NAN, 320.0), Frame::new(16.0, 320.0));
        assert_eq!(Frame::new(200.0, 320.0).font_px, 40.0);
        let index = PlanIndex {
            schema_version: SCHEMA_VERSION,
            plans: vec![entry("a", Some("从化区"), 41)],
            ..PlanIndex::default()
        };
        let big = overview_chart(&index, Frame::new(32.0, 320.0));
        for text in [
            &big["textStyle"],
            &big["legend"]["textStyle"],
            &big["xAxis"]["axisLabel"],
            &big["yAxis"]["axisLabel"],
            &big["tooltip"]["textStyle"],
        ] {
            assert_eq!(text["fontSize"], 24.0, "{big}");
        }
        let (small, large) = (Frame::new(16.0, 320.0), Frame::new(32.0, 320.0));
        assert_eq!(small.height(300), 300);
        assert_eq!(large.height(300), 600);
        assert_eq!(Frame::new(12.0, 320.0).height(300), 300);
        assert_eq!(large.height(5000), 6000);
        // Room for labels grows with the text but never past its share of a narrow screen.
        assert_eq!(small.room(88.0, 0.3), 88.0);
        assert_eq!(large.room(88.0, 0.3), 96.0);
        assert_eq!(Frame::new(32.0, 0.0).room(88.0, 0.3), 176.0);
    }

    #[test]
    fn raw_options_merge_into_charming_ones() {
        let chart = Chart::new()
            .animation(false)
            .series(Bar::new().name("a"))
            .series(Bar::new().name("b"));
        let o = option_json(
            &chart,
            Frame::default(),
            json!({ "series": [{ "barMaxWidth": 18 }, { "cursor": "pointer" }], "animation": true }),
        );
        assert_eq!(o["series"][0]["name"], "a");
        assert_eq!(o["series"][0]["barMaxWidth"], 18);
        assert_eq!(o["series"][1]["type"], "bar");
        assert_eq!(o["series"][1]["cursor"], "pointer");
        assert_eq!(o["animation"], true);
        assert_eq!(o["textStyle"]["fontSize"], 12.0);
    }

    #[test]
    fn height_grows_with_plans_within_limits() {
        assert_eq!(overview_height(0), 200);
        assert!(overview_height(5) > overview_height(4));
        assert_eq!(overview_height(10_000), 2000);
    }
}
