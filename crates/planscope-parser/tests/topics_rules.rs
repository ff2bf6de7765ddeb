//! Topic rules, one positive and one negative example per topic, every example quoted from the
//! seeds as printed (the test checks that each occurs in `seeds/*.txt`).

use std::path::PathBuf;

use planscope_model::catalog;
use planscope_parser::topics::{
    classify, classify_heading, explain, matching_copy, RULES, THRESHOLD,
};

/// `(topic, sentence from a seed that is about it, sentence from a seed that looks like it but
/// is not)`.
const EXAMPLES: &[(&str, &str, &str)] = &[
    ("preschool", "规范幼儿园办园行为,落实幼儿园保教质量规范,完善和实施公办幼儿园等级标准", "选优配强乡村校(园)长"),
    ("compulsory", "2018年9月顺利通过创建义务教育基本均衡发展县(区)国家级验收", "实施189所中小学校光网改造工程,完成“千兆到校、双百兆光纤进班”"),
    ("high_school", "完善高中课程体系,推行选课走班的教学模式和学分认定的教学管理制度", "保障小学、初中和高中学生每天睡眠时间分别不少于10小时、9小时和8小时"),
    ("vocational", "激励职业院校与行业、企业共建试验实训平台", "激励和支持一般中学有安排地开设职业体验、职业生涯规划等课程"),
    ("special", "加强课程开发,提高随班就读质量,促进随班就读学生的全面发展", "进一步加强对教育舆情特别是网络舆情的引导处置"),
    ("higher", "推动成立“广州市从化区高校联盟”,促进驻从高校之间沟通、联动", "丰富老年教化资源,大力发展老年高校"),
    ("lifelong", "推广学分银行平台,推行“市民终身学习卡”制度", "为幼儿终身发展奠定良好基础"),
    ("private", "健全对民办学校的差别化扶持政策,引导和支持社会力量参与教育事业发展", "大力发展公办幼儿园和普惠性民办幼儿园"),
    ("teachers", "健全师德状况定期调研和评议制度,完善师德重大问题报告、惩处和师德舆情快速反应机制", "全面提升师生信息素养"),
    ("moral", "健全家校合作机制,厘清合力育人目标,促进家校沟通常态化、制度化、规范化", "加强师德师风建设"),
    (
        "pe_arts_labour_health",
        "实现全区中小学校(中职学校)心理辅导室及专职心理健康教师配备全覆盖",
        "市公安局、民政局、住房城乡建设局、交通运输局、文化广电旅游体育局、卫生健康局、市场监管局、团市委",
    ),
    ("double_reduction", "巩固减轻中小学生课业负担成果,建立健全课业负担监测制度", "加大民办中小学教师培训力度"),
    ("curriculum", "推进社会大课堂建设和常态化应用,深化资源单位课程开发,丰富资源类型", "统筹推进大中小学思政课一体化建设"),
    ("evaluation", "推动中学阶段学校招生录用改革,深化高考改革", "强化督导评估"),
    ("digital", "扩大数字化教化资源供应", "全力打造世界级才智中心活力区"),
    ("groups", "以县(市、区)为单位制定未来五年教育集团发展规划", "铸牢中华民族共同体意识"),
    ("equity", "严格执行居住证管理方法,统筹支配符合条件的居住证持有人随迁子女在公办学校就读", "更加公允、更可持续"),
    ("facilities", "全面加大学校建设力度,增加热点地区学位(园位)数量", "紧紧围绕统筹推动“五位一体”总体布局和“四个全面”战略布局在我区的实施"),
    ("governance", "推动教育管办评分离、“放管服”改革,科学划分政府与学校的权责边界", "深化开展法制教化,引导学生尊崇宪法,树立社会主义法治理念"),
    ("inspection", "全面落实督学责任区制度,实现全区中小学、幼儿园责任区督学挂牌督导全覆盖", "强化监督检查"),
    ("funding", "优化教育经费支出结构,加大区级教育经费统筹力度", "新建住宅小区要与配套幼儿园同步规划、同步建设、同步交付使用"),
    ("safety", "建设好学校周边200米范围内的学生安全保护区,加强安全保护区域内企业、设施、门店、交通等管理", "坚决守好意识形态安全“南大门”"),
    ("party", "推进完善中小学校党组织和党的工作全覆盖", "全面贯彻党的教育方针"),
    ("openness", "扩大教育开放程度,推进教育国际化进程,建立开放多元融通机制", "具备国际视野"),
];

/// Headings quoted from the seeds: `(heading, topic it names)`; the spun seed's included.
const HEADINGS: &[(&str, &str)] = &[
    ("学前教育普惠优质发展", "preschool"),
    ("构建完善高质量的学前教化体系", "preschool"),
    ("优化农村义务教育教师资源配置", "compulsory"),
    ("优化农村义务教育教师资源配置", "teachers"),
    ("促进一般中学多样化特色发展", "high_school"),
    ("深化中职学校产教融合校企合作", "vocational"),
    ("促进特殊教育公平融合发展", "special"),
    ("增强高等教育创新发展能力", "higher"),
    ("推进终身教育优质便民发展", "lifelong"),
    ("规范民办教育分类管理改革", "private"),
    ("建设高素养专业化老师队伍", "teachers"),
    ("统筹推进大中小学思政课一体化建设", "moral"),
    ("加强学生劳动教育和研学实践工作", "pe_arts_labour_health"),
    ("持续打好“双减”攻坚落实战", "double_reduction"),
    ("实施基础教育课程教学改革", "curriculum"),
    ("推进新时代教育评价改革", "evaluation"),
    ("大力推动*才智校内建设", "digital"),
    ("创建城乡教育共同体", "groups"),
    ("巩固控辍保学成果", "equity"),
    ("全面保障学位供给", "facilities"),
    ("推进依法治校", "governance"),
    ("健全现代化教育督导体系", "inspection"),
    ("完善多渠道教化经费筹措体制", "funding"),
    ("全力维护校园安全稳定", "safety"),
    ("切实加强基层党组织建设", "party"),
    ("促进京津冀教化协同发展", "openness"),
];

fn seeds_text() -> String {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../seeds");
    let mut all = String::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "txt") {
            all.push_str(&std::fs::read_to_string(p).unwrap());
            all.push('\n');
        }
    }
    all
}

fn ids(v: &[(&'static str, f32)]) -> Vec<&'static str> {
    v.iter().map(|(t, _)| *t).collect()
}

#[test]
fn examples_are_quoted_from_the_seeds() {
    let seeds = seeds_text();
    for (topic, pos, neg) in EXAMPLES {
        assert!(seeds.contains(pos), "{topic}: not in the seeds: {pos}");
        assert!(seeds.contains(neg), "{topic}: not in the seeds: {neg}");
    }
    for (h, _) in HEADINGS {
        assert!(seeds.contains(h), "heading not in the seeds: {h}");
    }
}

#[test]
fn every_topic_has_examples() {
    for t in catalog::TOPICS {
        assert!(
            EXAMPLES.iter().any(|(id, _, _)| *id == t.id),
            "no example for {}",
            t.id
        );
        assert!(
            HEADINGS.iter().any(|(_, id)| *id == t.id),
            "no heading for {}",
            t.id
        );
    }
}

#[test]
fn positive_examples() {
    let mut bad = Vec::new();
    for (topic, pos, _) in EXAMPLES {
        let c = classify(pos);
        if !ids(&c).contains(topic) {
            bad.push(format!("{topic}: {pos} → {c:?}; {:?}", explain(pos)));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn negative_examples() {
    let mut bad = Vec::new();
    for (topic, _, neg) in EXAMPLES {
        let c = classify(neg);
        if ids(&c).contains(topic) {
            bad.push(format!("{topic}: {neg} → {c:?}; {:?}", explain(neg)));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn headings_name_topics() {
    let mut bad = Vec::new();
    for (h, topic) in HEADINGS {
        let c = classify_heading(h);
        if !ids(&c).contains(topic) {
            bad.push(format!("{h}: {topic} not in {c:?}"));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn headings_without_a_topic() {
    // Generic headings name nothing.
    for h in [
        "发展基础",
        "机遇和挑战",
        "指导思想",
        "主要目标",
        "强化组织领导",
        "营造良好氛围",
        "(一)“十三五”时期发展成效",
    ] {
        assert!(
            classify_heading(h).is_empty(),
            "{h}: {:?}",
            classify_heading(h)
        );
    }
}

#[test]
fn scores_are_sorted_and_above_threshold() {
    let text = "推动教育管办评分离、“放管服”改革,完善督政、督学、评估监测三位一体的教育督导体系,全链条系统推进“双减”工作";
    let c = classify(text);
    assert!(c.len() >= 3, "{c:?}");
    assert!(c.windows(2).all(|w| w[0].1 >= w[1].1));
    assert!(c.iter().all(|(_, s)| *s >= THRESHOLD));
}

#[test]
fn full_width_text_classifies_like_ascii() {
    let ascii = "加强校园周边综合治理,建设好学校周边200米范围内的学生安全保护区";
    let full: String = ascii
        .chars()
        .map(|c| if c == ',' { ',' } else { c })
        .collect();
    assert_eq!(classify(ascii), classify(&full));
    assert_eq!(matching_copy("（三）督导"), "(三)督导");
}

#[test]
fn rules_cover_the_catalogue() {
    assert_eq!(RULES.len(), catalog::TOPICS.len());
}
