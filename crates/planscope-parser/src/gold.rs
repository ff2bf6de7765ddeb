//! `--format gold`: the document in the shape of the hand-checked gold files
//! (`tests/gold/README.md`, "How a parse is compared"). Absent values are written as `null`,
//! never omitted; comparators as `>=` `<=` `~` `=`.

use planscope_model::{PlanDocument, Quantity, RemovedKind};
use serde_json::{json, Map, Value};

fn quantity(q: &Quantity, with_comparator: bool) -> Value {
    let mut m = Map::new();
    m.insert("text".into(), json!(q.text));
    m.insert(
        if with_comparator { "metric" } else { "name" }.into(),
        json!(q.metric),
    );
    m.insert("value".into(), json!(q.value));
    m.insert("unit".into(), json!(q.unit));
    if with_comparator {
        m.insert("comparator".into(), json!(q.comparator.as_str()));
    }
    m.insert("year".into(), json!(q.year));
    Value::Object(m)
}

/// The gold-shaped JSON value of a parsed document.
pub fn to_gold(doc: &PlanDocument) -> Value {
    let md = &doc.metadata;
    let sections = doc.walk_sections();
    // counts per level 1..=deepest level present, zeros included (`{"1": 7, "2": 0, "3": 37}`)
    let max = sections.iter().map(|s| s.level).max().unwrap_or(0);
    let mut counts = Map::new();
    for level in 1..=max {
        counts.insert(
            level.to_string(),
            json!(sections.iter().filter(|s| s.level == level).count()),
        );
    }
    json!({
        "seed": doc.source.file_name,
        "title": md.title,
        "kind": md.kind.as_str(),
        "region": {"province": md.region.province, "city": md.region.city, "county": md.region.county},
        "issuer": md.issuer,
        "doc_number": md.doc_number,
        "issued_date": md.issued_date,
        "published_date": md.published_date,
        "period": md.period.map(|p| json!({"start": p.start, "end": p.end})),
        "outline": sections.iter().map(|s| {
            let mut e = json!({"level": s.level, "label": s.label, "title": s.title});
            if !s.kind.is_heading() {
                e["kind"] = json!(s.kind);
            }
            e
        }).collect::<Vec<_>>(),
        "outline_counts": counts,
        "key_projects": doc.key_projects.iter().map(|k| json!({"label": k.label, "title": k.title, "items": k.items.len()})).collect::<Vec<_>>(),
        "indicator_table": doc.indicator_tables.iter().flat_map(|t| t.rows.iter()).map(|r| json!({
            "name": r.name,
            "unit": r.unit,
            "baseline_year": r.baseline_year,
            "baseline": r.baseline.as_ref().map(|v| v.text.clone()),
            "target_year": r.target_year,
            "target": r.target.as_ref().map(|v| v.text.clone()),
            "attribute": r.attribute.map(|a| a.label_zh()),
        })).collect::<Vec<_>>(),
        "task_table": doc.task_tables.iter().flat_map(|t| t.rows.iter()).map(|r| json!({
            "no": r.no,
            "name": r.name,
            "departments_lead": r.lead,
            "departments_support": r.support,
        })).collect::<Vec<_>>(),
        "base_stats": doc.base_stats.iter().map(|q| quantity(q, false)).collect::<Vec<_>>(),
        "prose_targets": doc.targets.iter().map(|q| quantity(q, true)).collect::<Vec<_>>(),
        "boilerplate": doc.removed.iter().filter(|r| r.kind == RemovedKind::Chrome).map(|r| r.text.clone()).collect::<Vec<_>>(),
    })
}
