//! Indicator normalisation against the seeds and their gold files: the conghua indicator table,
//! the prose targets that state the same indicator in two plans, and well-formed ids.

mod common;
use common::{root, SEEDS};

use planscope_model::{catalog, PlanDocument};
use planscope_parser::canonical::{canonical_quantity, canonical_with_unit, unit_compatible};
use serde_json::Value;

fn parse(stem: &str) -> PlanDocument {
    let bytes = std::fs::read(root().join("seeds").join(format!("{stem}.txt"))).unwrap();
    planscope_parser::parse_file(&format!("{stem}.txt"), &bytes).unwrap()
}

fn gold(stem: &str) -> Value {
    serde_json::from_slice(
        &std::fs::read(root().join("tests/gold").join(format!("{stem}.gold.json"))).unwrap(),
    )
    .unwrap()
}

/// Gold indicator rows documented as having no canonical indicator: `(seed, name, why)`.
/// Empty: every conghua row maps.
const KNOWN_UNMAPPED_ROWS: &[(&str, &str, &str)] = &[];

#[test]
fn conghua_gold_rows_all_map() {
    let stem = "guangzhou-conghua-2021-2025";
    let g = gold(stem);
    let rows = g["indicator_table"].as_array().unwrap();
    assert_eq!(rows.len(), 10);
    let mut ids = Vec::new();
    for row in rows {
        let name = row["name"].as_str().unwrap();
        let unit = row["unit"].as_str();
        let id = canonical_with_unit(name, unit);
        if KNOWN_UNMAPPED_ROWS
            .iter()
            .any(|(s, n, _)| *s == stem && *n == name)
        {
            assert_eq!(id, None, "{name} is documented as unmapped");
            continue;
        }
        let id = id.unwrap_or_else(|| panic!("gold row {name} does not map"));
        ids.push(id);
    }
    // Ten rows, ten different indicators.
    let mut dedup = ids.clone();
    dedup.sort();
    dedup.dedup();
    assert_eq!(dedup.len(), ids.len(), "{ids:?}");
    assert_eq!(
        ids,
        [
            "preschool_gross_enrolment",
            "compulsory_retention",
            "teacher_degree_primary",
            "teacher_degree_junior",
            "teacher_degree_high_school",
            "special_enrolment",
            "high_school_gross_enrolment",
            "fitness_good_rate",
            "vocational_matched_employment",
            "new_public_places",
        ]
    );
}

#[test]
fn conghua_parsed_rows_get_canonical() {
    let doc = parse("guangzhou-conghua-2021-2025");
    let rows: Vec<_> = doc
        .indicator_tables
        .iter()
        .flat_map(|t| t.rows.iter())
        .collect();
    assert_eq!(rows.len(), 10);
    for r in rows {
        assert!(r.canonical.is_some(), "{}", r.name);
    }
}

fn gold_target<'a>(g: &'a Value, metric: &str) -> &'a Value {
    g["prose_targets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["metric"] == metric)
        .unwrap_or_else(|| panic!("no gold target {metric}"))
}

#[test]
fn preschool_enrolment_targets_share_an_id_across_plans() {
    let j = gold_target(&gold("jieyang-2023-2027"), "学前教育毛入学率").clone();
    let c = gold_target(&gold("guangzhou-conghua-2021-2025"), "学前教育毛入园率").clone();
    let id = |t: &Value| {
        canonical_quantity(
            t["metric"].as_str().unwrap(),
            t["text"].as_str().unwrap(),
            t["value"].as_str().unwrap(),
            t["unit"].as_str(),
            "",
        )
    };
    assert_eq!(id(&j), Some("preschool_gross_enrolment"));
    assert_eq!(id(&c), id(&j));
    // And in the parsed documents.
    for (stem, text) in [
        ("jieyang-2023-2027", "学前教育毛入学率"),
        ("guangzhou-conghua-2021-2025", "学前教育毛入园率"),
    ] {
        let doc = parse(stem);
        let q = doc.targets.iter().find(|q| q.text.contains(text)).unwrap();
        assert_eq!(
            q.canonical.as_deref(),
            Some("preschool_gross_enrolment"),
            "{stem}"
        );
    }
}

/// Gold prose targets and base statistics that name a canonical indicator map to it through the
/// gold's own metric, text, value and unit (a regression net over all five gold files).
#[test]
fn gold_prose_numbers() {
    let expect: &[(&str, &str, Option<&str>)] = &[
        (
            "pingliang-kongtong-2021-2025",
            "学前三年毛入园率",
            Some("preschool_gross_enrolment"),
        ),
        (
            "pingliang-kongtong-2021-2025",
            "九年义务教育巩固率",
            Some("compulsory_retention"),
        ),
        (
            "pingliang-kongtong-2021-2025",
            "高中阶段毛入学率",
            Some("high_school_gross_enrolment"),
        ),
        (
            "pingliang-kongtong-2021-2025",
            "残疾儿童少年入学率",
            Some("special_enrolment"),
        ),
        (
            "pingliang-kongtong-2021-2025",
            "普惠性幼儿园占比",
            Some("inclusive_kindergarten_coverage"),
        ),
        (
            "pingliang-kongtong-2021-2025",
            "人均受教育年限",
            Some("population_schooling_years"),
        ),
        (
            "pingliang-kongtong-2021-2025",
            "高中教师研究生学历比率",
            Some("teacher_degree_high_school"),
        ),
        (
            "pingliang-kongtong-2021-2025",
            "小学教师专科以上学历比例",
            None,
        ),
        ("pingliang-kongtong-2021-2025", "新增幼儿园园位", None),
        (
            "jieyang-2023-2027",
            "九年义务教育巩固率",
            Some("compulsory_retention"),
        ),
        (
            "jieyang-2023-2027",
            "高中阶段教育毛入学率",
            Some("high_school_gross_enrolment"),
        ),
        (
            "jieyang-2023-2027",
            "义务教育阶段特殊儿童少年入学率",
            Some("special_enrolment"),
        ),
        (
            "jieyang-2023-2027",
            "达到国家学前教育普及普惠督导评估标准的县(市、区)占比",
            None,
        ),
        (
            "qingyuan-2022",
            "公办幼儿园在园幼儿比例",
            Some("public_kindergarten_share"),
        ),
        (
            "qingyuan-2022",
            "公办和普惠性民办幼儿园在园幼儿比例",
            Some("inclusive_kindergarten_coverage"),
        ),
        (
            "qingyuan-2022",
            "义务教育辍学率",
            Some("compulsory_dropout"),
        ),
        (
            "qingyuan-2022",
            "新增普通高中公办学位",
            Some("new_public_high_school_places"),
        ),
        ("qingyuan-2022", "儿童青少年总体近视率下降幅度", None),
        (
            "guangzhou-conghua-2021-2025",
            "新增公办基础教育学位",
            Some("new_public_places"),
        ),
        (
            "guangzhou-conghua-2021-2025",
            "新增公办幼儿园学位",
            Some("new_public_preschool_places"),
        ),
        (
            "guangzhou-conghua-2021-2025",
            "学生体质健康达标率",
            Some("fitness_pass_rate"),
        ),
        (
            "guangzhou-conghua-2021-2025",
            "幼儿园专任教师大专以上学历比例",
            Some("teacher_degree_kindergarten"),
        ),
        (
            "guangzhou-conghua-2021-2025",
            "职业院校专业课教师中双师型教师比例",
            Some("dual_qualified_teachers"),
        ),
    ];
    for (stem, metric, want) in expect {
        let g = gold(stem);
        let t = gold_target(&g, metric);
        let got = canonical_quantity(
            metric,
            t["text"].as_str().unwrap(),
            t["value"].as_str().unwrap(),
            t["unit"].as_str(),
            "",
        );
        assert_eq!(got, *want, "{stem}: {metric}");
    }
}

#[test]
fn assigned_ids_are_known_and_units_fit() {
    let mut mapped = 0;
    for stem in SEEDS {
        let doc = parse(stem);
        for r in doc.indicator_tables.iter().flat_map(|t| t.rows.iter()) {
            if let Some(id) = &r.canonical {
                let info = catalog::indicator(id).unwrap();
                assert!(
                    r.unit.is_none() || unit_compatible(info.unit, r.unit.as_deref()),
                    "{stem} {}",
                    r.name
                );
            }
        }
        for q in doc.base_stats.iter().chain(&doc.targets) {
            if let Some(id) = &q.canonical {
                mapped += 1;
                let info = catalog::indicator(id)
                    .unwrap_or_else(|| panic!("{stem} {}: unknown {id}", q.id));
                assert!(
                    unit_compatible(info.unit, q.unit.as_deref()),
                    "{stem} {}: {id} with unit {:?}",
                    q.id,
                    q.unit
                );
            }
        }
    }
    assert!(mapped >= 40, "only {mapped} prose numbers mapped");
}
