//! Chart options, built from the model as plain data (`charming::Chart`). Rendering happens in
//! `views/overview.rs`; here everything is pure and tested by looking at the option JSON.

use charming::component::{Axis, Grid, Legend};
use charming::element::{AxisType, Tooltip, Trigger};
use charming::series::Bar;
use charming::Chart;
use planscope_model::{IndexEntry, PlanIndex};

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

/// Height in px for the overview chart, so bars keep a tappable size however many plans.
pub fn overview_height(plans: usize) -> u32 {
    let per_plan = OVERVIEW_SERIES.len() as u32 * 12 + 20;
    (90 + plans as u32 * per_plan).clamp(200, 2000)
}

/// Grouped horizontal bars: one group per plan, one bar per count. Horizontal because the
/// category labels are Chinese place names that do not fit under narrow vertical bars.
pub fn overview_chart(index: &PlanIndex) -> Chart {
    let labels: Vec<String> = index.plans.iter().map(plan_label).collect();
    let mut chart = Chart::new()
        // Animation costs frames on older phones and says nothing here.
        .animation(false)
        .color(PALETTE.to_vec())
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .legend(Legend::new().top(0))
        .grid(
            Grid::new()
                .left(8)
                .right(16)
                .top(36)
                .bottom(8)
                .contain_label(true),
        )
        .x_axis(Axis::new().type_(AxisType::Value).min_interval(1))
        // Inverse, so the first plan is at the top, as in the list.
        .y_axis(
            Axis::new()
                .type_(AxisType::Category)
                .inverse(true)
                .data(labels),
        );
    for (name, value) in OVERVIEW_SERIES {
        let data: Vec<i64> = index.plans.iter().map(|e| i64::from(value(e))).collect();
        chart = chart.series(Bar::new().name(name).data(data));
    }
    chart
}

#[cfg(test)]
mod tests {
    use super::*;
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
        let json: serde_json::Value =
            serde_json::from_str(&overview_chart(&index).to_string()).unwrap();
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
    }

    #[test]
    fn height_grows_with_plans_within_limits() {
        assert_eq!(overview_height(0), 200);
        assert!(overview_height(5) > overview_height(4));
        assert_eq!(overview_height(10_000), 2000);
    }
}
