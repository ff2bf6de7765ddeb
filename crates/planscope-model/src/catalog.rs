//! Static catalogues shared by the parser (which assigns ids) and the app (which shows names):
//! the education-plan topic taxonomy and the canonical indicators.
//!
//! The parser's rules that assign these ids live next to the code that applies them
//! (`planscope_parser::topics::RULES`, `planscope_parser::canonical::RULES`); both are kept in
//! the same order as the lists here, and the parser's tests check that every id here has
//! exactly one rule and every rule an entry here.

/// A topic of the taxonomy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TopicInfo {
    /// Stable id used in JSON and URLs (`preschool`).
    pub id: &'static str,
    /// zh-CN name shown to readers (`学前教育`).
    pub name: &'static str,
}

/// A canonical indicator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IndicatorInfo {
    /// Stable id used in JSON and URLs (`preschool_gross_enrolment`).
    pub id: &'static str,
    /// zh-CN canonical name (`学前教育毛入园率`).
    pub name: &'static str,
    /// Normalised unit: `%`, `个`, `所`, `人`, `元` … (counts after 万/亿 are applied).
    pub unit: &'static str,
}

const fn t(id: &'static str, name: &'static str) -> TopicInfo {
    TopicInfo { id, name }
}

const fn i(id: &'static str, name: &'static str, unit: &'static str) -> IndicatorInfo {
    IndicatorInfo { id, name, unit }
}

/// The topics, in display order: stages of education first, then cross-cutting themes, then
/// the conditions and safeguards (保障) that close most plans.
pub const TOPICS: &[TopicInfo] = &[
    t("preschool", "学前教育"),
    t("compulsory", "义务教育"),
    t("high_school", "普通高中"),
    t("vocational", "职业教育"),
    t("special", "特殊教育"),
    t("higher", "高等教育"),
    t("lifelong", "终身/社区/老年教育"),
    t("private", "民办教育"),
    t("teachers", "教师队伍"),
    t("moral", "德育与思政"),
    t("pe_arts_labour_health", "体育/美育/劳动/心理健康"),
    t("double_reduction", "双减"),
    t("curriculum", "课程教学与教研"),
    t("evaluation", "评价与考试招生改革"),
    t("digital", "教育信息化/智慧教育"),
    t("groups", "集团化办学与城乡共同体"),
    t("equity", "教育公平与学生资助"),
    t("facilities", "学位与办学条件"),
    t("governance", "教育治理与依法治教"),
    t("inspection", "教育督导"),
    t("funding", "经费保障"),
    t("safety", "校园安全"),
    t("party", "党的建设"),
    t("openness", "对外开放与合作"),
];

/// The canonical indicators, in display order (by stage, then teachers, health, vocational,
/// places, money, attainment, counts).
pub const INDICATORS: &[IndicatorInfo] = &[
    i("preschool_gross_enrolment", "学前教育毛入园率", "%"),
    i("inclusive_kindergarten_coverage", "普惠性幼儿园覆盖率", "%"),
    i("public_kindergarten_share", "公办幼儿园在园幼儿占比", "%"),
    i("compulsory_enrolment", "义务教育入学率", "%"),
    i("compulsory_retention", "九年义务教育巩固率", "%"),
    i("compulsory_dropout", "义务教育辍学率", "%"),
    i(
        "migrant_children_public_share",
        "随迁子女在公办学校就读比例",
        "%",
    ),
    i("high_school_gross_enrolment", "高中阶段教育毛入学率", "%"),
    i("special_enrolment", "残疾儿童少年义务教育入学率", "%"),
    i(
        "teacher_degree_kindergarten",
        "幼儿园专任教师专科及以上学历比例",
        "%",
    ),
    i(
        "teacher_degree_primary",
        "小学专任教师本科及以上学历比例",
        "%",
    ),
    i(
        "teacher_degree_junior",
        "初中专任教师本科及以上学历比例",
        "%",
    ),
    i(
        "teacher_degree_high_school",
        "普通高中专任教师研究生学历比例",
        "%",
    ),
    i("dual_qualified_teachers", "职业院校双师型教师比例", "%"),
    i("fitness_good_rate", "学生体质健康优良率", "%"),
    i("fitness_pass_rate", "学生体质健康达标率", "%"),
    i("myopia_rate", "儿童青少年总体近视率", "%"),
    i("vocational_employment", "职业学校毕业生就业率", "%"),
    i(
        "vocational_matched_employment",
        "职业学校毕业生对口就业率",
        "%",
    ),
    i("new_public_places", "新增公办基础教育学位", "个"),
    i("new_public_preschool_places", "新增公办幼儿园学位", "个"),
    i("new_public_compulsory_places", "新增公办义务教育学位", "个"),
    i(
        "new_public_high_school_places",
        "新增公办普通高中学位",
        "个",
    ),
    i(
        "education_expenditure",
        "教育经费投入(一般公共预算教育支出)",
        "元",
    ),
    i(
        "education_expenditure_share",
        "教育支出占一般公共预算支出比例",
        "%",
    ),
    i(
        "working_age_schooling_years",
        "劳动年龄人口平均受教育年限",
        "年",
    ),
    i("population_schooling_years", "人均受教育年限", "年"),
    i("schools_total", "各级各类学校数", "所"),
    i("kindergartens_total", "幼儿园数", "所"),
    i("full_time_teachers_total", "专任教师数", "人"),
    i("students_total", "在校生数", "人"),
];

/// Look a topic up by id.
pub fn topic(id: &str) -> Option<&'static TopicInfo> {
    TOPICS.iter().find(|t| t.id == id)
}

/// Look a canonical indicator up by id.
pub fn indicator(id: &str) -> Option<&'static IndicatorInfo> {
    INDICATORS.iter().find(|t| t.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_snake_case() {
        for (list, ids) in [
            ("topics", TOPICS.iter().map(|t| t.id).collect::<Vec<_>>()),
            (
                "indicators",
                INDICATORS.iter().map(|t| t.id).collect::<Vec<_>>(),
            ),
        ] {
            for (n, id) in ids.iter().enumerate() {
                assert!(!ids[..n].contains(id), "{list}: duplicate id {id}");
                assert!(
                    id.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
                    "{list}: {id}"
                );
            }
        }
        assert!(TOPICS.len() <= 24);
    }

    #[test]
    fn lookups() {
        assert_eq!(topic("preschool").map(|t| t.name), Some("学前教育"));
        assert_eq!(indicator("compulsory_retention").map(|t| t.unit), Some("%"));
        assert!(topic("nope").is_none());
    }
}
