//! Table-driven tests of the number grammar of `quantity` (one case per rule, with a message).

use planscope_model::Comparator;
use planscope_parser::quantity::{
    governing_year, parse_cell_number, scan, section_hint_for_title, Context, Found, QuantityKind,
    SectionHint,
};
use proptest::prelude::*;

const OTHER: Context = Context {
    governing_year: None,
    section_hint: SectionHint::Other,
};
const GOAL_2025: Context = Context {
    governing_year: Some(2025),
    section_hint: SectionHint::Goal,
};
const BASELINE: Context = Context {
    governing_year: None,
    section_hint: SectionHint::Baseline,
};

fn values(p: &str, ctx: &Context) -> Vec<String> {
    scan(p, ctx).into_iter().map(|f| f.value).collect()
}

fn one(p: &str, ctx: &Context, why: &str) -> Found {
    let f = scan(p, ctx);
    assert_eq!(
        f.len(),
        1,
        "{why}: expected one quantity in {p:?}, got {f:#?}"
    );
    f.into_iter().next().unwrap()
}

#[test]
fn value_and_unit() {
    // (paragraph, value, number, unit, why)
    let cases: &[(&str, &str, f64, Option<&str>, &str)] = &[
        (
            "新增公办基础教育学位2.34万个。",
            "2.34万",
            23400.0,
            Some("个"),
            "万 stays in value, multiplied in number",
        ),
        (
            "累计投入104.17亿元,",
            "104.17亿",
            1.0417e10,
            Some("元"),
            "亿 multiplier + 元",
        ),
        (
            "预算内教育经费拨款72835万元,",
            "72835万",
            728350000.0,
            Some("元"),
            "万元 = 万 value + 元 unit",
        ),
        (
            "增加32 00个以上公办幼儿园学位",
            "3200",
            3200.0,
            Some("个"),
            "a number broken by a space",
        ),
        (
            "建设21 所学校智慧图书馆",
            "21",
            21.0,
            Some("所"),
            "a space between number and unit",
        ),
        (
            "掌握1-2项运动技能",
            "1-2",
            1.0,
            Some("项"),
            "range with -, lower end",
        ),
        (
            "重点创建3至5个优质特色教育集团",
            "3至5",
            3.0,
            Some("个"),
            "range with 至",
        ),
        (
            "新增校舍建筑面积约13.78万平方米,",
            "13.78万",
            137800.0,
            Some("平方米"),
            "multi-char unit",
        ),
        (
            "较十二五末提高8.92个百分点。",
            "8.92",
            8.92,
            Some("个百分点"),
            "个百分点 beats 个",
        ),
        (
            "入学率、巩固率保持100,中学",
            "100",
            100.0,
            None,
            "bare number ending a clause",
        ),
        (
            "全区新增幼儿园园位3000,按省定标准",
            "3000",
            3000.0,
            None,
            "bare count ending a clause",
        ),
        (
            "书面作业平均完成时间不超过60分钟",
            "60",
            60.0,
            Some("分钟"),
            "分钟",
        ),
        (
            "人均受教育年限达到10.8年,",
            "10.8",
            10.8,
            Some("年"),
            "a duration in 年 is not a year",
        ),
        ("支教交流教师696名,", "696", 696.0, Some("名"), "名"),
        ("新建校舍24幢,", "24", 24.0, Some("幢"), "幢"),
    ];
    for (p, v, n, u, why) in cases {
        let f = one(p, &OTHER, why);
        assert_eq!(f.value, *v, "{why}: value of {p:?}");
        assert_eq!(f.number, Some(*n), "{why}: number of {p:?}");
        assert_eq!(f.unit.as_deref(), *u, "{why}: unit of {p:?}");
    }
}

#[test]
fn not_quantities() {
    // (paragraph, why) — nothing may be read
    let cases: &[(&str, &str)] = &[
        ("到2025年,全面建成。", "a year"),
        (
            "《规划(2021—2025年)》已印发",
            "a year range inside a document name",
        ),
        ("实施2022-2024三年提升计划", "a year range without 年"),
        ("2022年6月13日", "a date"),
        ("发布时间:2022-06-27 17:17", "ISO date and time"),
        ("揭府办函〔2023〕58号", "文号"),
        ("1.学前教育普惠优质发展", "list label"),
        ("(1)加强党建", "parenthesised label"),
        ("进一步巩固“5085”攻坚成果", "quoted code"),
        ("以“1+N”模式引领", "code with +"),
        ("实施5G网络进校园行动", "code glued to a Latin letter"),
        ("全区生机比达到6:1,", "a ratio"),
        (
            "落实《清远市乡村教育振兴三年行动计划(20202022年)》",
            "two glued years in a document name",
        ),
        ("行动计划(20202022年)攻坚", "two glued years"),
        ("2.2035年主要发展目标", "label glued to a year"),
        ("推动实施第3期特殊教育提升计划", "ordinal"),
        ("县域内45岁以下乡村校长", "a number before a non-unit word"),
        ("教化现代化2035", "a bare year-like number"),
        ("索引号 6208001028/2021-03060", "index codes"),
        (
            "今后5年内,开齐开足美育课程",
            "the policy's time frame (今后…内)",
        ),
        (
            "用3年左右的时间开齐开足美育课程",
            "the policy's time frame (用…的时间)",
        ),
        (
            "校外培训负担1年内有效减轻、2年内成效显著",
            "deadlines (…年内)",
        ),
        ("近3年,学校建设加快", "a time frame (近N年)"),
        ("通过5年努力,逐步形成", "a time frame (通过N年努力)"),
        ("实施三年行动计划", "a plan's duration in its name"),
        ("附表1", "a reference to a table"),
        ("详见附件2", "a reference to an attachment"),
        ("具体标准见表3", "a reference to a table with no unit"),
        ("落实“五项管理”", "a Chinese numeral in a quoted name"),
        ("加快建设一批优质学校", "一批 is indefinite"),
        ("落实一岗双责", "a Chinese numeral in a set phrase"),
        ("全市统一组织考试", "统一 is a word"),
        ("是重要内容之一", "之一"),
        ("着力打造一支高素质教师队伍", "一支 is indefinite"),
        ("办好每一所学校", "每一 is every, not a count"),
        (
            "将任教3年以上作为选任校长的优先条件",
            "a criterion (…作为…条件)",
        ),
        ("建设好学校周边200米范围内的安全保护区", "a scope (…米范围)"),
    ];
    for (p, why) in cases {
        let v = values(p, &OTHER);
        assert!(v.is_empty(), "{why}: nothing expected in {p:?}, got {v:?}");
    }
}

#[test]
fn glued_years() {
    // (paragraph, value, unit, year, why)
    let cases: &[(&str, &str, &str, u16, &str)] = &[
        (
            "确保2022100%完成建设改造",
            "100",
            "%",
            2022,
            "2022年100% lost its 年",
        ),
        (
            "推进202260项教育重点工作落地落实",
            "60",
            "项",
            2022,
            "2022年60项 lost its 年",
        ),
    ];
    for (p, v, u, y, why) in cases {
        let f = one(p, &OTHER, why);
        assert_eq!(f.value, *v, "{why}");
        assert_eq!(f.unit.as_deref(), Some(*u), "{why}");
        assert_eq!(f.year, Some(*y), "{why}");
    }
    let f = one("义务教育公办学位20500个;", &OTHER, "a real 5-digit count");
    assert_eq!(f.value, "20500", "20500个 is not 2050年0个");
}

#[test]
fn comparators() {
    let cases: &[(&str, Comparator, &str)] = &[
        ("新改扩建48所以上学校", Comparator::Ge, "以上"),
        ("招聘至少600名高素质教师", Comparator::Ge, "至少"),
        ("全市接收支教校长教师不少于135名", Comparator::Ge, "不少于"),
        (
            "交流轮岗的比例不低于符合条件教师总数的10%",
            Comparator::Ge,
            "不低于, with words between",
        ),
        ("总时长原则上不超过60分钟", Comparator::Le, "不超过"),
        (
            "全市义务教育辍学率控制在0.5%以下",
            Comparator::Le,
            "控制在…以下",
        ),
        ("建设100个左右区级名师工作室", Comparator::About, "左右"),
        (
            "新增校舍建筑面积约13.78万平方米",
            Comparator::About,
            "约 right before",
        ),
        (
            "幼儿园专任教师大专以上学历比例达到98%",
            Comparator::Eq,
            "达到X (大专以上 is not the number's)",
        ),
        ("建设22所市级信息化中心学校", Comparator::Eq, "plain count"),
        (
            "培训教职工累计2000多人次",
            Comparator::Ge,
            "多 between value and unit",
        ),
        (
            "两个参赛作品总时间不得超过8分钟",
            Comparator::Le,
            "不得 turns 超过 round: ≤, not ≥",
        ),
        (
            "中等职业学校美育课程不得低于72个学时",
            Comparator::Ge,
            "不得 turns 低于 round: ≥, not ≤",
        ),
        ("每班学生人数不应超过45人", Comparator::Le, "不应超过"),
        ("教研时间不宜少于2小时", Comparator::Ge, "不宜少于"),
        ("每天作业时间最多90分钟", Comparator::Le, "最多"),
        ("课外活动时间不高于1小时", Comparator::Le, "不高于"),
        ("办学规模控制在3000人以内", Comparator::Le, "控制在…以内"),
        (
            "学前三年毛入园率达到95%以上",
            Comparator::Ge,
            "达到…以上: the suffix (issue 10's 达到 → ≥)",
        ),
        (
            "人均受教育年限达到10.8年",
            Comparator::Eq,
            "a bare 达到X is = (the seed gold wins over issue 10; see the module docs)",
        ),
    ];
    for (p, c, why) in cases {
        let f = one(p, &OTHER, why);
        assert_eq!(f.comparator, *c, "{why}: {p:?}");
    }
}

#[test]
fn lists_share_the_prefix_comparator() {
    let f = scan(
        "保障学生每天睡眠时间分别不少于10小时、9小时和8小时。",
        &OTHER,
    );
    let got: Vec<_> = f.iter().map(|f| (f.value.as_str(), f.comparator)).collect();
    assert_eq!(
        got,
        [
            ("10", Comparator::Ge),
            ("9", Comparator::Ge),
            ("8", Comparator::Ge)
        ],
        "不少于 governs every member"
    );
    let f = scan("创建1个广东省“双新”实验区、8所示范校。", &OTHER);
    assert!(
        f.iter().all(|f| f.comparator == Comparator::Eq),
        "no word, nothing to share: {f:?}"
    );
    let f = scan(
        "至少有1间智慧课室、1套智慧安防,建设10间未来实验室。",
        &OTHER,
    );
    let got: Vec<_> = f.iter().map(|f| f.comparator).collect();
    assert_eq!(
        got,
        [Comparator::Ge, Comparator::Ge, Comparator::Eq],
        "the list ends at the clause"
    );
}

#[test]
fn units_ranges_and_numerals() {
    // (paragraph, value, number, upper, unit, comparator, why)
    #[allow(clippy::type_complexity)]
    let cases: &[(&str, &str, f64, Option<f64>, &str, Comparator, &str)] = &[
        (
            "美育课程不得低于72个学时。",
            "72",
            72.0,
            None,
            "学时",
            Comparator::Ge,
            "个 is a classifier before 学时",
        ),
        (
            "每年不少于3个小时。",
            "3",
            3.0,
            None,
            "小时",
            Comparator::Ge,
            "个 before 小时",
        ),
        (
            "艺术教师应占在校学生总数的0.15%-0.2%。",
            "0.15-0.2",
            0.15,
            Some(0.2),
            "%",
            Comparator::Eq,
            "a range with the unit on both ends keeps both ends",
        ),
        (
            "掌握1-2项运动技能",
            "1-2",
            1.0,
            Some(2.0),
            "项",
            Comparator::Eq,
            "a range's upper end",
        ),
        (
            "新增学位1-2万个",
            "1-2万",
            10000.0,
            Some(20000.0),
            "个",
            Comparator::Eq,
            "the upper end's 万 applies to both",
        ),
        (
            "普及率达到95％以上",
            "95",
            95.0,
            None,
            "%",
            Comparator::Ge,
            "a full-width ％ is %",
        ),
        (
            "每个学生至少掌握一项运动技能",
            "一",
            1.0,
            None,
            "项",
            Comparator::Ge,
            "至少 + a Chinese numeral",
        ),
        (
            "保证学生每天一小时校园体育活动",
            "一",
            1.0,
            None,
            "小时",
            Comparator::Eq,
            "每天 + a Chinese numeral",
        ),
        (
            "帮助学生掌握一两项运动技能",
            "一两",
            1.0,
            Some(2.0),
            "项",
            Comparator::Eq,
            "a Chinese-numeral range",
        ),
        (
            "每个乡镇至少建有一所公办寄宿制学校",
            "一",
            1.0,
            None,
            "所",
            Comparator::Ge,
            "至少 before a short verb",
        ),
        (
            "每学期开展不少于十二次教研活动",
            "十二",
            12.0,
            None,
            "次",
            Comparator::Ge,
            "composed numeral",
        ),
        (
            "课后托管百分之百兜底保障",
            "百分之百",
            100.0,
            None,
            "%",
            Comparator::Eq,
            "a percentage in words",
        ),
        (
            "以区域为中心每学期开展一次成果展示活动",
            "一",
            1.0,
            None,
            "次",
            Comparator::Eq,
            "每学期 + a short verb + a Chinese numeral",
        ),
        (
            "建设一所以上示范学校",
            "一",
            1.0,
            None,
            "所",
            Comparator::Ge,
            "a numeral with a comparator suffix",
        ),
    ];
    for (p, v, n, up, u, c, why) in cases {
        let f = one(p, &OTHER, why);
        assert_eq!(f.value, *v, "{why}: value");
        assert_eq!(f.number, Some(*n), "{why}: number");
        assert_eq!(f.upper, *up, "{why}: upper");
        assert_eq!(f.unit.as_deref(), Some(*u), "{why}: unit");
        assert_eq!(f.comparator, *c, "{why}: comparator");
    }
}

#[test]
fn years() {
    // (paragraph, ctx, expected years of all quantities, why)
    let cases: &[(&str, Context, &[Option<u16>], &str)] = &[
        (
            "学校比例到2023年底达到80%以上,到2025年底达到100%。",
            OTHER,
            &[Some(2023), Some(2025)],
            "the nearest stated year in the sentence",
        ),
        (
            "建成1个省级实验区。",
            GOAL_2025,
            &[Some(2025)],
            "a target takes the governing year",
        ),
        (
            "到2025年,统筹机制建立。建成1个省级实验区。",
            OTHER,
            &[Some(2025)],
            "a paragraph-opening 到YYYY年 governs",
        ),
        (
            "建设22所市级信息化中心学校",
            OTHER,
            &[None],
            "no year anywhere",
        ),
        (
            "2020年,学前教育毛入园率达到94.08%。",
            BASELINE,
            &[Some(2020)],
            "a base statistic explicitly tied to a year",
        ),
        (
            "目前,全区共有各级各类学校357所。",
            BASELINE,
            &[None],
            "目前 counts have no year",
        ),
        (
            "2016年至2020年累计拨付资金24177.05万元。",
            BASELINE,
            &[None],
            "a cumulative figure over a year range",
        ),
        (
            "2020年高考上线率达到了29.3%,较2015年翻了一番。",
            BASELINE,
            &[Some(2020)],
            "较YYYY年 is a comparison",
        ),
    ];
    for (p, ctx, ys, why) in cases {
        let got: Vec<Option<u16>> = scan(p, ctx).into_iter().map(|f| f.year).collect();
        assert_eq!(got, ys.to_vec(), "{why}: {p:?}");
    }
}

#[test]
fn classification() {
    use QuantityKind::*;
    let cases: &[(&str, Context, QuantityKind, &str)] = &[
        (
            "新建校舍24幢,",
            BASELINE,
            BaseStat,
            "everything in a baseline section",
        ),
        ("目前,全区共有学校357所。", OTHER, BaseStat, "目前"),
        ("“十三五”期间公开招聘教师839名", OTHER, BaseStat, "十三五"),
        (
            "推动现有10所省级示范校的研究工作再上新台阶",
            OTHER,
            BaseStat,
            "现有",
        ),
        ("建成了9个乡村少年宫", OTHER, BaseStat, "past aspect 了"),
        (
            "推动2所国家级重点中职学校探索建设实训基地",
            OTHER,
            BaseStat,
            "existing referent after 推动",
        ),
        (
            "在全市8个实验镇开展实验工作",
            OTHER,
            BaseStat,
            "existing referent after 在",
        ),
        (
            "高标准开展好我市承担的7项试点项目",
            OTHER,
            BaseStat,
            "referent after 的",
        ),
        (
            "在各镇打造2所以上乡村品牌学校",
            OTHER,
            Target,
            "a creation verb is nearer than 在",
        ),
        (
            "新增公办义务教育学位1.76万个以上",
            OTHER,
            Target,
            "新增 in a task section",
        ),
        (
            "确保全市学前教育毛入学率保持在99%以上",
            OTHER,
            Target,
            "保持在 is not 在",
        ),
        (
            "学前三年毛入园率达到95%以上",
            GOAL_2025,
            Target,
            "goal section",
        ),
        (
            "教研员每学期对乡村教师进行专项培训2次以上",
            OTHER,
            Target,
            "次 is not an entity",
        ),
    ];
    for (p, ctx, k, why) in cases {
        let f = one(p, ctx, why);
        assert_eq!(f.kind, *k, "{why}: {p:?}");
    }
}

#[test]
fn text_metric_and_spans() {
    let p = "扩大学位供给,新增2600个以上公办普通高中学位。";
    let f = one(p, &OTHER, "span");
    assert_eq!(
        f.text, "新增2600个以上公办普通高中学位",
        "text is the clause"
    );
    let chars: Vec<char> = p.chars().collect();
    let span: String = chars[f.span[0] as usize..f.span[1] as usize]
        .iter()
        .collect();
    assert_eq!(span, "2600个", "span covers value + unit in chars");
    let text: String = chars[f.text_span[0] as usize..f.text_span[1] as usize]
        .iter()
        .collect();
    assert_eq!(text, f.text, "text_span points at text");
    assert_eq!(
        f.metric, "新增公办普通高中学位",
        "verb + noun after the number"
    );

    let f = one("学前教育毛入园率达到100%以上,", &OTHER, "metric before");
    assert_eq!(f.metric, "学前教育毛入园率", "predicate stripped");

    let all = scan(
        "全市建设2个省级以上、10个市级以上优质特色教育集团。",
        &OTHER,
    );
    assert_eq!(all.len(), 2, "two numbers in a 、-list");
    assert_eq!(
        all[1].metric, "市级以上优质特色教育集团",
        "metric after the 、"
    );
    assert!(all
        .iter()
        .all(|f| f.text == "全市建设2个省级以上、10个市级以上优质特色教育集团"));

    let all = scan("较十二五末分别提高23.58、9.89、8.92个百分点。", &BASELINE);
    let units: Vec<Option<&str>> = all.iter().map(|f| f.unit.as_deref()).collect();
    assert_eq!(
        units,
        vec![Some("个百分点"); 3],
        "a list shares the unit of its last member"
    );
}

type CellCase = (&'static str, Option<(Comparator, f64)>, &'static str);

#[test]
fn cells() {
    let cases: &[CellCase] = &[
        ("≥100", Some((Comparator::Ge, 100.0)), "≥ prefix"),
        ("≤ 5", Some((Comparator::Le, 5.0)), "≤ prefix with a space"),
        ("1.5万", Some((Comparator::Eq, 15000.0)), "万 multiplier"),
        ("95%", Some((Comparator::Eq, 95.0)), "percent"),
        ("100以上", Some((Comparator::Ge, 100.0)), "suffix"),
        ("98%以上", Some((Comparator::Ge, 98.0)), "unit + suffix"),
        ("1-2", Some((Comparator::Eq, 1.0)), "range → lower end"),
        ("12.12", Some((Comparator::Eq, 12.12)), "decimal"),
        ("保持高水平", None, "words"),
        ("", None, "empty"),
        ("100 左右", Some((Comparator::About, 100.0)), "左右"),
        (
            "2020年",
            Some((Comparator::Eq, 2020.0)),
            "a cell is read as printed",
        ),
        ("约3000人", Some((Comparator::About, 3000.0)), "约 + unit"),
        ("100(含)", None, "trailing words"),
    ];
    for (c, want, why) in cases {
        assert_eq!(parse_cell_number(c), *want, "{why}: {c:?}");
    }
}

#[test]
fn governing_years() {
    let cases: &[(&str, Option<u16>, &str)] = &[
        (
            "到2025年,全区各级各类学校办学条件显著改善",
            Some(2025),
            "opening lead",
        ),
        ("到2025年底建成省级高水平中职学校2所", Some(2025), "年底"),
        (
            "2022年,全市教育工作的总体思路是",
            Some(2022),
            "annual-plan lead",
        ),
        (
            "以构建高质量教育体系为中心,到2025年,全国义务教育优质均衡发展区基本建成",
            Some(2025),
            "lead after a comma",
        ),
        (
            "2.到2024年,全区30%以上的学校",
            Some(2024),
            "after a list label",
        ),
        (
            "至2025年,全区学前教育教师接受专业教育比例达到60%以上",
            Some(2025),
            "至",
        ),
        ("较2015年翻了一番", None, "a comparison is not a lead"),
        ("全面实施《行动方案(2022-2024年)》", None, "document name"),
        ("", None, "empty"),
    ];
    for (p, want, why) in cases {
        assert_eq!(governing_year(p), *want, "{why}: {p:?}");
    }
}

#[test]
fn section_hints() {
    let cases: &[(&str, SectionHint)] = &[
        ("发展基础", SectionHint::Baseline),
        ("“十三五”时期发展成效", SectionHint::Baseline),
        ("基本情况", SectionHint::Baseline),
        ("发展背景", SectionHint::Baseline),
        ("主要目标", SectionHint::Goal),
        ("2035年主要发展目标", SectionHint::Goal),
        ("巩固提升脱贫攻坚成效", SectionHint::Other),
        ("主要任务", SectionHint::Other),
    ];
    for (t, h) in cases {
        assert_eq!(section_hint_for_title(t), *h, "title {t:?}");
    }
}

fn arb_text() -> impl Strategy<Value = String> {
    let pieces = prop::collection::vec(
        prop_oneof![
            Just("到".to_string()),
            Just("2025年".to_string()),
            Just("年".to_string()),
            Just("万".to_string()),
            Just("亿".to_string()),
            Just("%".to_string()),
            Just("个".to_string()),
            Just("所以上".to_string()),
            Just("左右".to_string()),
            Just("不少于".to_string()),
            Just("、".to_string()),
            Just(",".to_string()),
            Just("。".to_string()),
            Just("《".to_string()),
            Just("》".to_string()),
            Just("(".to_string()),
            Just(")".to_string()),
            Just(" ".to_string()),
            Just("\u{a0}".to_string()),
            Just("-".to_string()),
            Just("至".to_string()),
            Just(".".to_string()),
            Just("现有".to_string()),
            Just("推动".to_string()),
            Just("在".to_string()),
            Just("的".to_string()),
            Just("１２".to_string()),
            "[0-9]{1,9}",
            "\\PC{0,4}",
        ],
        0..40,
    );
    pieces.prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_and_spans_are_valid(p in arb_text(), gy in prop::option::of(1990u16..2100), h in 0u8..3) {
        let hint = [SectionHint::Baseline, SectionHint::Goal, SectionHint::Other][h as usize];
        let ctx = Context { governing_year: gy, section_hint: hint };
        let n = p.chars().count() as u32;
        for f in scan(&p, &ctx) {
            prop_assert!(f.span[0] < f.span[1] && f.span[1] <= n);
            prop_assert!(f.text_span[0] <= f.span[0] && f.span[1] <= f.text_span[1].max(f.span[1]));
            prop_assert!(f.text_span[1] <= n);
            let text: String = p.chars().skip(f.text_span[0] as usize)
                .take((f.text_span[1] - f.text_span[0]) as usize).collect();
            prop_assert_eq!(&text, &f.text);
            prop_assert!(!f.value.is_empty());
        }
        let _ = governing_year(&p);
        let _ = parse_cell_number(&p);
        let _ = section_hint_for_title(&p);
    }

    #[test]
    fn arbitrary_unicode_never_panics(p in "\\PC{0,80}") {
        let _ = scan(&p, &OTHER);
        let _ = parse_cell_number(&p);
        let _ = governing_year(&p);
    }
}
