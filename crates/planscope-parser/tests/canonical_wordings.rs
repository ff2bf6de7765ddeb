//! Indicator wordings → canonical ids, table-driven: the ways the seeds (and plans like them)
//! word each indicator, wordings that must stay unmapped, units, and `normalised`.

use planscope_model::catalog;
use planscope_parser::canonical::{
    canonical_indicator, canonical_quantity, canonical_with_unit, normalised, unit_compatible,
};

/// `(wording, expected id)`. Wordings from the seeds' tables and prose, plus common variants.
const MAPS: &[(&str, &str)] = &[
    // 学前教育毛入园率 and its variants
    ("学前教育毛入园率", "preschool_gross_enrolment"),
    ("学前三年毛入园率", "preschool_gross_enrolment"),
    ("学前教育毛入学率", "preschool_gross_enrolment"),
    ("学前教育毛入园率(%)", "preschool_gross_enrolment"),
    ("学前教化毛入园率", "preschool_gross_enrolment"),
    ("学前三年毛入园率", "preschool_gross_enrolment"),
    ("普惠性幼儿园覆盖率", "inclusive_kindergarten_coverage"),
    ("普惠性幼儿园占比", "inclusive_kindergarten_coverage"),
    (
        "公办和普惠性民办幼儿园在园幼儿比例",
        "inclusive_kindergarten_coverage",
    ),
    ("公办幼儿园在园幼儿占比", "public_kindergarten_share"),
    ("公办幼儿园在园幼儿比例", "public_kindergarten_share"),
    ("义务教育入学率", "compulsory_enrolment"),
    ("小学、初中入学率", "compulsory_enrolment"),
    ("九年义务教育巩固率", "compulsory_retention"),
    ("义务教育巩固率", "compulsory_retention"),
    ("义务教化巩固率", "compulsory_retention"),
    ("义务教育辍学率", "compulsory_dropout"),
    (
        "随迁子女入读公办学校的比例",
        "migrant_children_public_share",
    ),
    ("高中阶段教育毛入学率", "high_school_gross_enrolment"),
    ("高中阶段毛入学率", "high_school_gross_enrolment"),
    ("高中教育毛入学率", "high_school_gross_enrolment"),
    ("残疾儿童少年义务教育入学率", "special_enrolment"),
    ("残疾儿童少年入学率", "special_enrolment"),
    ("残疾儿童少年义务教育入学巩固率", "special_enrolment"),
    ("义务教育阶段特殊儿童少年入学率", "special_enrolment"),
    ("特殊教育入学率", "special_enrolment"),
    // teacher qualifications
    (
        "幼儿园专任教师大专以上学历比例",
        "teacher_degree_kindergarten",
    ),
    (
        "幼儿园专任教师专科及以上学历占比",
        "teacher_degree_kindergarten",
    ),
    ("小学本科及以上学历专任教师占比", "teacher_degree_primary"),
    ("小学专任教师本科及以上学历比例", "teacher_degree_primary"),
    ("初中本科及以上学历专任教师占比", "teacher_degree_junior"),
    ("初中教师本科以上学历比例", "teacher_degree_junior"),
    ("初中教师本科以上学历", "teacher_degree_junior"),
    (
        "普通高中研究生学历专任教师占比",
        "teacher_degree_high_school",
    ),
    (
        "高中阶段学校教师硕士研究生以上学历比例",
        "teacher_degree_high_school",
    ),
    ("高中教师研究生学历比率", "teacher_degree_high_school"),
    (
        "职业院校专业课教师中双师型教师比例",
        "dual_qualified_teachers",
    ),
    ("双师型教师占比", "dual_qualified_teachers"),
    // health
    ("中小学生体质健康优良率", "fitness_good_rate"),
    ("学生体质健康优良率", "fitness_good_rate"),
    ("学生体质健康达标率", "fitness_pass_rate"),
    ("国家学生体质健康标准合格率", "fitness_pass_rate"),
    ("儿童青少年总体近视率", "myopia_rate"),
    // vocational
    ("职业学校毕业生对口就业率", "vocational_matched_employment"),
    ("中职学校毕业生就业率", "vocational_employment"),
    ("职业院校毕业生就业率", "vocational_employment"),
    // places
    (
        "新增公办基础教育学位(含国际及港澳台学生)",
        "new_public_places",
    ),
    ("新增公办基础教育学位", "new_public_places"),
    ("新增公办学位", "new_public_places"),
    ("新增公办幼儿园学位", "new_public_preschool_places"),
    ("增加公办幼儿园学位", "new_public_preschool_places"),
    (
        "新增学前教育公办学位(不含购买学位)",
        "new_public_preschool_places",
    ),
    ("新增公办义务教育学位", "new_public_compulsory_places"),
    ("新增义务教育公办学位", "new_public_compulsory_places"),
    ("新增公办普通高中学位", "new_public_high_school_places"),
    ("新增普通高中公办学位", "new_public_high_school_places"),
    // money, attainment, counts
    ("一般公共预算教育支出", "education_expenditure"),
    ("预算内教育经费拨款", "education_expenditure"),
    (
        "地方预算内教育经费支出占财政支出",
        "education_expenditure_share",
    ),
    ("劳动年龄人口平均受教育年限", "working_age_schooling_years"),
    ("新增劳动力平均受教育年限", "working_age_schooling_years"),
    ("人均受教育年限", "population_schooling_years"),
    ("共有各级各类学校", "schools_total"),
    ("幼儿园", "kindergartens_total"),
    ("全区幼儿园总数", "kindergartens_total"),
    ("专任教师", "full_time_teachers_total"),
    ("在校生", "students_total"),
];

/// Wordings that must stay unmapped: other indicators, two indicators at once, or not an
/// indicator at all.
const UNMAPPED: &[&str] = &[
    "学前教育普及普惠督导评估",
    "县(市、区)达到国家学前教育普及普惠督导评估标准",
    "学前教育教师接受专业教育比例",
    // two stages in one name (the numbers follow with 分别)
    "小学、初中专任教师本科以上学历比例",
    // a different bar (专科 for primary teachers) and a different measure (合格率)
    "小学教师专科以上学历比例",
    "幼儿园、小学、初中专任教师学历合格率",
    "普通高中教师学历合格率",
    // not public, not new, purchased
    "增加中、小、幼学位",
    "义务教育标准化学校覆盖率",
    "多媒体教室普及率",
    "普通高考一本上线率",
    "营养改善计划食堂自主供餐比率",
    "省抽测县(市、区)优良率",
    "一般公共预算教育经费累计投入",
    "生均公用经费",
    "每个乡镇建有规范化公办中心幼儿园",
    "特殊教育学校",
    "教育集团",
    "职业学校毕业生",
    "学前教育,毛入园率",
];

#[test]
fn wordings_map() {
    let mut bad = Vec::new();
    for (w, id) in MAPS {
        assert!(
            catalog::indicator(id).is_some(),
            "{id} not in the catalogue"
        );
        let got = canonical_indicator(w);
        if got != Some(id) {
            bad.push(format!("{w}: expected {id}, got {got:?}"));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn wordings_stay_unmapped() {
    let bad: Vec<String> = UNMAPPED
        .iter()
        .filter_map(|w| canonical_indicator(w).map(|id| format!("{w} → {id}")))
        .collect();
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn every_indicator_has_a_wording() {
    for i in catalog::INDICATORS {
        assert!(
            MAPS.iter().any(|(_, id)| *id == i.id),
            "no test wording for {}",
            i.id
        );
    }
}

#[test]
fn full_width_punctuation_is_folded() {
    assert_eq!(
        canonical_indicator("新增公办基础教育学位（含国际及港澳台学生）"),
        Some("new_public_places")
    );
    assert_eq!(canonical_indicator("学前教育，毛入园率"), None);
}

#[test]
fn units_must_fit() {
    assert!(unit_compatible("%", Some("%")));
    assert!(unit_compatible("%", Some("％")));
    assert!(!unit_compatible("%", None));
    assert!(!unit_compatible("%", Some("个百分点")));
    assert!(unit_compatible("元", Some("万元")));
    assert!(unit_compatible("元", Some("亿元")));
    assert!(unit_compatible("人", Some("名")));
    assert!(!unit_compatible("所", Some("名")));
    // 幼儿园 168所 is a count of kindergartens; 幼儿园 17909名 is not.
    assert_eq!(
        canonical_with_unit("幼儿园", Some("所")),
        Some("kindergartens_total")
    );
    assert_eq!(canonical_with_unit("幼儿园", Some("名")), None);
    // The share of spending is a %, the spending itself is money.
    assert_eq!(
        canonical_with_unit("预算内教育经费支出占财政支出", Some("%")),
        Some("education_expenditure_share")
    );
    assert_eq!(
        canonical_with_unit("预算内教育经费支出", Some("万元")),
        Some("education_expenditure")
    );
    assert_eq!(canonical_with_unit("学前教育毛入园率", Some("个")), None);
}

/// `(metric, clause, value, unit, sentence before the number, expected)`, from the seeds.
#[allow(clippy::type_complexity)]
const QUANTITIES: &[(&str, &str, &str, Option<&str>, &str, Option<&str>)] = &[
    (
        "学前教育毛入园率",
        "学前教育毛入园率达到100%以上",
        "100",
        Some("%"),
        "",
        Some("preschool_gross_enrolment"),
    ),
    (
        "学前教育毛入学率",
        "确保全市学前教育毛入学率保持在99%以上",
        "99",
        Some("%"),
        "",
        Some("preschool_gross_enrolment"),
    ),
    // the metric is unhelpful; the clause's nearest wording before the number decides
    (
        "和",
        "九年义务教育巩固率保持在96%以上",
        "96",
        Some("%"),
        "",
        Some("compulsory_retention"),
    ),
    (
        "购买学位总数比上一年度",
        "确保公办幼儿园在园幼儿比例达50%以上(购买学位总数比上一年度减少5%以上)",
        "5",
        Some("%"),
        "",
        None,
    ),
    // a change is not a level
    (
        "儿童青少年总体近视率",
        "全市儿童青少年总体近视率下降0.5%以上",
        "0.5",
        Some("%"),
        "",
        None,
    ),
    // no unit printed: never mapped
    (
        "义务教化入学率、巩固率",
        "义务教化入学率、巩固率保持100",
        "100",
        None,
        "",
        None,
    ),
    // 新增 is in the sentence before the clause
    (
        "义务教育公办学位",
        "义务教育公办学位20500个",
        "20500",
        Some("个"),
        "新增学前教育公办学位(不含购买学位)2000个、",
        Some("new_public_compulsory_places"),
    ),
    (
        "义务教育公办学位",
        "义务教育公办学位20500个",
        "20500",
        Some("个"),
        "",
        None,
    ),
    (
        "增加公办幼儿园学位",
        "进一步增加3200个以上公办幼儿园学位",
        "3200",
        Some("个"),
        "",
        Some("new_public_preschool_places"),
    ),
    (
        "预算内教育经费拨款",
        "全区预算内教育经费拨款72835万元",
        "72835万",
        Some("元"),
        "",
        Some("education_expenditure"),
    ),
    (
        "较“十二五”期间增长",
        "分别较“十二五”期间增长33.5%和30.97%",
        "33.5",
        Some("%"),
        "",
        None,
    ),
];

#[test]
fn prose_quantities() {
    for (metric, text, value, unit, before, want) in QUANTITIES {
        assert_eq!(
            canonical_quantity(metric, text, value, *unit, before),
            *want,
            "{text}"
        );
    }
}

type NormCase = (
    &'static str,
    Option<&'static str>,
    Option<(f64, &'static str)>,
);

#[test]
fn normalised_values() {
    let cases: &[NormCase] = &[
        ("2.34万", Some("个"), Some((23400.0, "个"))),
        ("104.17亿", Some("元"), Some((1.0417e10, "元"))),
        ("≥100", Some("%"), Some((100.0, "%"))),
        ("≥100", Some("％"), Some((100.0, "%"))),
        ("1.5万", Some("个"), Some((15000.0, "个"))),
        ("72835", Some("万元"), Some((728_350_000.0, "元"))),
        ("3", Some("亿元"), Some((3e8, "元"))),
        ("13.78万", Some("平方米"), Some((137_800.0, "平方米"))),
        ("2.3万", Some("人次"), Some((23000.0, "人次"))),
        ("1-2", Some("项"), Some((1.0, "项"))),
        ("3至5", Some("个"), Some((3.0, "个"))),
        ("约13.78万", Some("平方米"), Some((137_800.0, "平方米"))),
        ("1,200", Some("人"), Some((1200.0, "人"))),
        ("100", None, Some((100.0, ""))),
        ("保持高水平", Some("%"), None),
        ("", Some("%"), None),
    ];
    for (v, u, want) in cases {
        let got = normalised(v, *u);
        match (got, want) {
            (Some((n, unit)), Some((wn, wu))) => {
                assert!((n - wn).abs() <= wn.abs() * 1e-12, "{v} {u:?}: {n} != {wn}");
                assert_eq!(unit, *wu, "{v} {u:?}");
            }
            (None, None) => {}
            (g, w) => panic!("{v} {u:?}: got {g:?}, want {w:?}"),
        }
    }
}
