//! # Topic taxonomy: which parts of a plan are about what
//!
//! Assigns the topics of [`planscope_model::catalog::TOPICS`] to paragraphs, box items,
//! sections and prose numbers, with transparent keyword rules ([`RULES`]).
//!
//! ## How a text is scored
//!
//! 1. **Matching copy.** The text is [`fold`](crate::text::fold)ed (full-width → ASCII) and the
//!    spelling variants of [`VARIANTS`] are applied (`教化`→`教育`, `老师`→`教师`: one
//!    machine-spun seed rewrites these everywhere). The copy is private; nothing stored changes.
//! 2. **Per topic, independently**, on that copy:
//!    * every occurrence of a *negative* phrase ([`TopicRule::negative`]) is masked first
//!      (`意识形态安全` is about the party, not campus safety; `老年大学` is not higher
//!      education). A negative phrase scores nothing, it only hides what it covers;
//!    * then keywords are matched **longest first**; an occurrence that overlaps a character
//!      already used (by a longer keyword or a negative phrase) does not count, so
//!      `学前教育` scores once as `学前教育`, not again as `学前`;
//!    * score = Σ weight × min(occurrences, [`REPEAT_CAP`]).
//! 3. A topic is assigned to a paragraph when its score is ≥ [`THRESHOLD`].
//!
//! Weights follow one scale: **5** for the topic's own name or an unambiguous term
//! (`学前教育`, `双减`, `督导`); **3–4** for strong, specific terms (`幼儿园`, `中职`,
//! `师德师风`, `校外培训`); **1–2** for loose words that only count together (`教师`, `安全`,
//! `评价`, `高中`). With [`THRESHOLD`] = 4 one name is enough, one strong term needs company,
//! and loose words need several mentions.
//!
//! ## Headings
//!
//! A heading scores a topic [`HEADING_NAME_SCORE`] when it names it outright (one of
//! [`TopicRule::heading`], after the same negative masking: `推进双减落地见效`,
//! `规范民办教育分类管理改革`), else [`HEADING_FACTOR`] × its keyword score (headings are
//! short, and what they say governs the whole section).
//!
//! ## What gets what ([`assign`])
//!
//! * every paragraph of a section, and every body paragraph (no role) of the front matter and
//!   the appendix: `Paragraph.topics` = ids from [`classify`];
//! * every 重点工程 box item: [`classify`] of its text, or, when that finds nothing, the topics
//!   its box title names ([`classify_heading`]);
//! * `Section.topics`: its heading score + the title tail's score + the scores of the topics
//!   assigned to its own paragraphs and box items (not its children's), kept when ≥
//!   [`THRESHOLD`], strongest first;
//! * `Quantity.topics` (base statistics and targets): [`classify`] of the clause text, or, when
//!   the clause is too short to say, the topics of the paragraph it was read from.

use std::collections::HashMap;

use planscope_model::{Block, Paragraph, PlanDocument, Section, TopicScore};

use crate::text::{fold_str, Hits, WordTable};

/// A paragraph (or clause) gets a topic when its score reaches this.
pub const THRESHOLD: f32 = 4.0;
/// Occurrences of one keyword counted at most this many times in one text.
pub const REPEAT_CAP: usize = 3;
/// Score of a topic that a heading names outright.
pub const HEADING_NAME_SCORE: f32 = 10.0;
/// Multiplier of a heading's keyword score.
pub const HEADING_FACTOR: f32 = 2.0;

/// Spelling variants folded before matching (same length, so nothing shifts): a machine-spun
/// seed writes 教化 for 教育 and 老师 for 教师 throughout. Other spun words (`一般中学` for
/// 普通高中, `才智校内` for 智慧校园, `平安` for 安全, `特别教育` for 特殊教育) are listed as
/// keywords of their topics, because the same rewrite would be wrong in ordinary text
/// (`特别是`, `校内外`).
pub const VARIANTS: &[(&str, &str)] = &[("教化", "教育"), ("老师", "教师")];

/// The keyword rule of one topic.
#[derive(Clone, Copy, Debug)]
pub struct TopicRule {
    /// Topic id ([`planscope_model::catalog::TOPICS`]).
    pub id: &'static str,
    /// `(keyword, weight)`; matched longest first, each character used once per topic.
    pub keywords: &'static [(&'static str, f32)],
    /// Phrases masked before matching (they hide the keywords they contain).
    pub negative: &'static [&'static str],
    /// Words that, in a heading, name the topic outright.
    pub heading: &'static [&'static str],
}

/// The rules, one per topic, in catalogue order.
pub const RULES: &[TopicRule] = &[
    TopicRule {
        id: "preschool",
        keywords: &[
            ("学前教育", 5.0),
            ("学前", 3.0),
            ("幼儿园", 3.0),
            ("入园", 3.0),
            ("在园幼儿", 3.0),
            ("保教", 3.0),
            ("普惠性幼儿园", 4.0),
            ("公办园", 3.0),
            ("办园", 2.0),
            ("托育", 2.0),
            ("幼儿", 2.0),
            ("园长", 1.0),
        ],
        negative: &[],
        heading: &["学前", "幼儿园", "托育"],
    },
    TopicRule {
        id: "compulsory",
        keywords: &[
            ("义务教育", 5.0),
            ("义教", 3.0),
            ("九年一贯制", 2.0),
            ("优质均衡", 3.0),
            ("均衡发展", 2.0),
            ("就近入学", 3.0),
            ("大班额", 2.0),
            ("小学", 1.0),
            ("初中", 1.0),
        ],
        // 中小学 is every level of basic education, not a sign of 义务教育 by itself.
        negative: &["中小学"],
        heading: &["义务教育", "九年一贯"],
    },
    TopicRule {
        id: "high_school",
        keywords: &[
            ("普通高中", 5.0),
            ("一般中学", 4.0),
            ("高中阶段", 3.0),
            ("高级中学", 3.0),
            ("县中", 3.0),
            ("选课走班", 3.0),
            ("完全中学", 2.0),
            ("高中", 2.0),
            ("中学阶段", 1.0),
        ],
        negative: &[],
        heading: &["普通高中", "一般中学", "高中", "县中"],
    },
    TopicRule {
        id: "vocational",
        keywords: &[
            ("职业教育", 5.0),
            ("中等职业", 5.0),
            ("职业学校", 5.0),
            ("职业院校", 5.0),
            ("中职", 4.0),
            ("产教融合", 4.0),
            ("校企合作", 4.0),
            ("现代学徒制", 4.0),
            ("职校", 3.0),
            ("技工", 3.0),
            ("工学结合", 3.0),
            ("高职", 3.0),
            ("职普", 3.0),
            ("普职", 3.0),
            ("1+X", 3.0),
            ("双师型", 3.0),
            ("专业群", 2.0),
            ("实训", 2.0),
            ("职业技能", 2.0),
            ("技能", 1.0),
        ],
        // Career guidance in general schools is not vocational education.
        negative: &["职业体验", "职业生涯", "职业规划"],
        heading: &[
            "职业教育",
            "中等职业",
            "职业学校",
            "职业院校",
            "中职",
            "产教融合",
        ],
    },
    TopicRule {
        id: "special",
        keywords: &[
            ("特殊教育", 5.0),
            ("特别教育", 4.0),
            ("特教", 4.0),
            ("残疾儿童", 4.0),
            ("随班就读", 4.0),
            ("送教上门", 4.0),
            ("融合教育", 4.0),
            ("残疾", 3.0),
            ("资源教室", 3.0),
            ("特殊儿童", 3.0),
            ("特殊学生", 3.0),
            ("孤独症", 3.0),
            ("医教结合", 3.0),
        ],
        negative: &[],
        heading: &["特殊教育", "特别教育", "特教", "残疾", "融合教育"],
    },
    TopicRule {
        id: "higher",
        keywords: &[
            ("高等教育", 5.0),
            ("高等院校", 4.0),
            ("高校", 3.0),
            ("大学城", 3.0),
            ("大学", 2.0),
            ("高职", 2.0),
            ("产学研", 2.0),
            ("校地合作", 2.0),
        ],
        // Institutions for older adults and open learning are lifelong education (老年高校 is the
        // spun 老年大学); a university's affiliated school is a school.
        negative: &[
            "老年大学",
            "老年高校",
            "开放大学",
            "社区大学",
            "大学附属",
            "附属中学",
            "附属小学",
        ],
        heading: &["高等教育", "高校", "大学"],
    },
    TopicRule {
        id: "lifelong",
        keywords: &[
            ("终身教育", 5.0),
            ("终身学习", 5.0),
            ("社区教育", 5.0),
            ("老年教育", 5.0),
            ("继续教育", 4.0),
            ("开放大学", 4.0),
            ("社区学院", 4.0),
            ("成人教育", 4.0),
            ("老年", 3.0),
            ("学习型", 3.0),
            ("市民学习", 3.0),
            ("非学历", 2.0),
            ("全民阅读", 2.0),
            ("社区", 1.0),
        ],
        negative: &[],
        heading: &["终身", "社区教育", "老年", "继续教育", "学习型"],
    },
    TopicRule {
        id: "private",
        keywords: &[
            ("民办教育", 5.0),
            ("民办学校", 5.0),
            ("非营利性", 3.0),
            ("民办幼儿园", 2.0),
            ("民办", 2.0),
            ("社会力量", 2.0),
            ("分类管理", 2.0),
            ("营利性", 2.0),
        ],
        negative: &[],
        heading: &["民办"],
    },
    TopicRule {
        id: "teachers",
        keywords: &[
            ("教师队伍", 5.0),
            ("师资队伍", 5.0),
            ("师德师风", 5.0),
            ("县管校聘", 4.0),
            ("交流轮岗", 4.0),
            ("强师", 4.0),
            ("师资", 3.0),
            ("师德", 3.0),
            ("骨干教师", 3.0),
            ("教师培训", 3.0),
            ("乡村教师", 3.0),
            ("临聘", 3.0),
            ("教育家型", 3.0),
            ("绩效工资", 3.0),
            ("教师地位", 3.0),
            ("教师权益", 3.0),
            ("专任教师", 2.0),
            ("班主任", 2.0),
            ("名师", 2.0),
            ("工作室", 2.0),
            ("编制", 2.0),
            ("职称", 2.0),
            ("待遇", 2.0),
            ("支教", 2.0),
            ("招聘", 2.0),
            ("师范", 2.0),
            ("人事制度", 2.0),
            ("校(园)长", 2.0),
            ("教师", 1.0),
            ("校长", 1.0),
            ("教职工", 1.0),
        ],
        // A normal university is a university.
        negative: &["师范大学"],
        heading: &["教师", "师资", "师德", "强师", "校长", "校(园)长", "班主任"],
    },
    TopicRule {
        id: "moral",
        keywords: &[
            ("德育", 5.0),
            ("立德树人", 5.0),
            ("思政", 4.0),
            ("思想政治", 4.0),
            ("思想道德", 4.0),
            ("核心价值观", 4.0),
            ("理想信念", 3.0),
            ("爱国主义", 3.0),
            ("家庭教育", 3.0),
            ("家校", 3.0),
            ("协同育人", 3.0),
            ("铸魂育人", 3.0),
            ("法治教育", 3.0),
            ("法制教育", 3.0),
            ("少先队", 3.0),
            ("生涯教育", 3.0),
            ("中华优秀传统文化", 3.0),
            ("红色", 2.0),
            ("品德", 2.0),
            ("道德", 2.0),
            ("生态文明", 2.0),
            ("国家安全教育", 2.0),
            ("国家平安", 2.0),
            ("民族团结", 2.0),
            ("志愿服务", 2.0),
            ("社会实践", 2.0),
            ("生涯规划", 2.0),
            ("行为习惯", 2.0),
            ("共青团", 2.0),
            ("育人", 1.0),
        ],
        // Teacher ethics belong to the teachers topic.
        negative: &["师德"],
        heading: &[
            "德育",
            "立德树人",
            "思政",
            "思想政治",
            "思想道德",
            "核心价值观",
            "协同育人",
            "实践活动育人",
            "铸魂育人",
            "家庭教育",
            "红色教育",
        ],
    },
    TopicRule {
        id: "pe_arts_labour_health",
        keywords: &[
            ("美育", 5.0),
            ("劳动教育", 5.0),
            ("心理健康", 5.0),
            ("体育", 4.0),
            ("健康教育", 4.0),
            ("体质", 4.0),
            ("近视", 4.0),
            ("艺术", 3.0),
            ("研学", 3.0),
            ("心理", 3.0),
            ("运动", 2.0),
            ("足球", 2.0),
            ("篮球", 2.0),
            ("劳动", 2.0),
            ("卫生", 2.0),
            ("审美", 2.0),
            ("音乐", 2.0),
            ("美术", 2.0),
            ("书法", 2.0),
            ("国防教育", 2.0),
            ("德智体美劳", 2.0),
            ("五育", 2.0),
            ("疾病防控", 2.0),
            ("健康", 1.0),
        ],
        // A ministry's name, and labour as in the labour force, are not school PE or labour.
        negative: &["体育局", "劳动年龄", "劳动力", "劳动者", "劳动就业"],
        heading: &[
            "体育",
            "美育",
            "劳动",
            "心理健康",
            "健康教育",
            "艺术",
            "研学",
        ],
    },
    TopicRule {
        id: "double_reduction",
        keywords: &[
            ("双减", 5.0),
            ("校外培训", 5.0),
            ("减负", 4.0),
            ("培训机构", 4.0),
            ("课后服务", 4.0),
            ("课业负担", 4.0),
            ("学业负担", 4.0),
            ("作业负担", 4.0),
            ("五项管理", 4.0),
            ("线上培训", 4.0),
            ("在线培训", 4.0),
            ("学科类培训", 4.0),
            ("作业", 3.0),
            ("延时服务", 3.0),
            ("睡眠", 2.0),
            ("手机", 2.0),
            ("托管", 1.0),
        ],
        negative: &[],
        heading: &["双减", "减负", "校外培训", "课后服务", "作业"],
    },
    TopicRule {
        id: "curriculum",
        keywords: &[
            ("课程改革", 5.0),
            ("语言文字", 5.0),
            ("新课程", 4.0),
            ("教研", 4.0),
            ("教学改革", 4.0),
            ("教学成果", 4.0),
            ("普通话", 4.0),
            ("双新", 4.0),
            ("课堂教学", 3.0),
            ("教学质量", 3.0),
            ("教学模式", 3.0),
            ("教学方式", 3.0),
            ("教科研", 3.0),
            ("实验教学", 3.0),
            ("科学教育", 3.0),
            ("科技教育", 3.0),
            ("拔尖创新", 3.0),
            ("课程", 2.0),
            ("课堂", 2.0),
            ("教材", 2.0),
            ("校本", 2.0),
            ("科研", 2.0),
            ("核心素养", 2.0),
            ("阅读", 2.0),
            ("学科", 1.0),
        ],
        // Courses named after another topic belong to it.
        negative: &["思政课程", "劳动课程", "美育课程"],
        heading: &[
            "课程",
            "教研",
            "教学改革",
            "科研",
            "语言文字",
            "教学成果",
            "双新",
        ],
    },
    TopicRule {
        id: "evaluation",
        keywords: &[
            ("教育评价", 5.0),
            ("评价改革", 5.0),
            ("考试招生", 5.0),
            ("综合素质评价", 5.0),
            ("中考", 4.0),
            ("高考", 4.0),
            ("五唯", 4.0),
            ("唯分数", 4.0),
            ("评价体系", 3.0),
            ("增值评价", 3.0),
            ("招生", 3.0),
            ("升学率", 3.0),
            ("指标到校", 3.0),
            ("评价", 2.0),
            ("考试", 2.0),
            ("录取", 2.0),
        ],
        // Inspection's own evaluations belong to inspection.
        negative: &["督导评价", "督导评估"],
        heading: &["评价", "考试", "招生", "中考", "高考"],
    },
    TopicRule {
        id: "digital",
        keywords: &[
            ("信息化", 5.0),
            ("智慧教育", 5.0),
            ("智慧校园", 5.0),
            ("才智校内", 5.0),
            ("数字校园", 5.0),
            ("数字化", 4.0),
            ("互联网+", 4.0),
            ("信息技术", 4.0),
            ("信息素养", 4.0),
            ("班班通", 4.0),
            ("三个课堂", 4.0),
            ("专递课堂", 4.0),
            ("教育云", 4.0),
            ("大数据", 3.0),
            ("人工智能", 3.0),
            ("多媒体", 3.0),
            ("录播", 3.0),
            ("网课", 3.0),
            ("宽带", 3.0),
            ("光网", 3.0),
            ("资源平台", 3.0),
            ("智慧", 2.0),
            ("互联网", 2.0),
            ("网络", 2.0),
            ("在线", 2.0),
            ("线上", 2.0),
            ("计算机", 2.0),
            ("创客", 2.0),
            ("智能", 2.0),
            ("平台", 1.0),
            ("数据", 1.0),
        ],
        // A ministry's name, and the spun slogan 才智中心 (智慧中心), are not school IT.
        negative: &["工业和信息化", "政务数据", "才智中心", "网络舆情"],
        heading: &[
            "信息化",
            "智慧",
            "才智校内",
            "数字",
            "互联网",
            "信息技术",
            "信息素养",
        ],
    },
    TopicRule {
        id: "groups",
        keywords: &[
            ("集团化", 5.0),
            ("教育集团", 5.0),
            ("城乡教育共同体", 5.0),
            ("教育共同体", 5.0),
            ("教育联盟", 4.0),
            ("学区化", 4.0),
            ("共同体", 3.0),
            ("结对帮扶", 3.0),
            ("委托管理", 3.0),
            ("核心校", 3.0),
            ("办学联合体", 3.0),
            ("以强带弱", 3.0),
            ("一体化管理", 2.0),
            ("组团式", 2.0),
            ("学区", 2.0),
            ("帮扶", 1.0),
        ],
        // Other communities (of mankind, of the nation, of educators in a broad sense).
        negative: &["命运共同体", "民族共同体", "共同体意识", "育人共同体"],
        heading: &[
            "集团化",
            "教育集团",
            "共同体",
            "结对帮扶",
            "教育联盟",
            "学区",
        ],
    },
    TopicRule {
        id: "equity",
        keywords: &[
            ("控辍保学", 5.0),
            ("民族教育", 5.0),
            ("教育公平", 4.0),
            ("资助", 4.0),
            ("脱贫", 4.0),
            ("营养改善", 4.0),
            ("两免一补", 4.0),
            ("随迁子女", 4.0),
            ("留守儿童", 4.0),
            ("困境儿童", 4.0),
            ("特殊群体", 4.0),
            ("特别群体", 4.0),
            ("家庭经济困难", 4.0),
            ("教育扶贫", 4.0),
            ("助学", 3.0),
            ("辍学", 3.0),
            ("乡村振兴", 3.0),
            ("少数民族", 3.0),
            ("均等化", 3.0),
            ("惠民", 3.0),
            ("孤儿", 3.0),
            ("寄宿制", 2.0),
            ("公平", 1.0),
            ("公允", 1.0),
            ("薄弱", 1.0),
            ("农村", 1.0),
            ("乡村", 1.0),
        ],
        negative: &[],
        heading: &[
            "公平",
            "资助",
            "控辍保学",
            "脱贫",
            "特殊群体",
            "特别群体",
            "民族教育",
            "惠民",
            "随迁子女",
            "留守",
            "均等化",
            "乡村振兴",
        ],
    },
    TopicRule {
        id: "facilities",
        keywords: &[
            ("办学条件", 5.0),
            ("校舍", 4.0),
            ("新改扩建", 4.0),
            ("后勤", 4.0),
            ("全面改薄", 4.0),
            ("学位", 3.0),
            ("布局", 3.0),
            ("改扩建", 3.0),
            ("装备", 3.0),
            ("园舍", 3.0),
            ("设施设备", 3.0),
            ("建筑面积", 3.0),
            ("学校建设", 3.0),
            ("学校规划", 3.0),
            ("建设用地", 3.0),
            ("扩优提质", 3.0),
            ("大班额", 2.0),
            ("新建", 2.0),
            ("扩建", 2.0),
            ("改建", 2.0),
            ("标准化", 2.0),
            ("运动场", 2.0),
            ("食堂", 2.0),
            ("宿舍", 2.0),
            ("实验室", 2.0),
            ("功能室", 2.0),
            ("用地", 2.0),
            ("配套", 2.0),
            ("资源配置", 2.0),
            ("厕所", 2.0),
            ("图书馆", 1.0),
        ],
        // Strategic "layouts" of the preamble, and campus culture, are not buildings.
        negative: &[
            "总体布局",
            "战略布局",
            "超前布局",
            "布局合理",
            "校园文化",
            "标准化考场",
        ],
        heading: &[
            "学位",
            "布局",
            "办学条件",
            "教育资源配置",
            "配置教育资源",
            "后勤",
            "校舍",
        ],
    },
    TopicRule {
        id: "governance",
        keywords: &[
            ("教育治理", 5.0),
            ("依法治教", 5.0),
            ("依法治校", 5.0),
            ("现代学校制度", 5.0),
            ("治理体系", 4.0),
            ("治理能力", 4.0),
            ("放管服", 4.0),
            ("管办评", 4.0),
            ("办学自主权", 4.0),
            ("综合改革", 3.0),
            ("依法办学", 3.0),
            ("学校章程", 3.0),
            ("学校管理", 3.0),
            ("校长负责制", 3.0),
            ("法律顾问", 3.0),
            ("治理", 2.0),
            ("章程", 2.0),
            ("法治", 2.0),
            ("管理体制", 2.0),
            ("管理模式", 2.0),
            ("政务公开", 2.0),
        ],
        // Exam reforms are evaluation; legal education of pupils is moral education.
        negative: &[
            "中考综合改革",
            "高考综合改革",
            "法治教育",
            "法制教育",
            "法治意识",
            "法制意识",
            "法治理念",
        ],
        heading: &[
            "治理",
            "依法治",
            "综合改革",
            "管理体系",
            "管理模式",
            "学校制度",
        ],
    },
    TopicRule {
        id: "inspection",
        keywords: &[
            ("督导", 5.0),
            ("督学", 5.0),
            ("督政", 4.0),
            ("督查", 2.0),
            ("督办", 2.0),
            ("问责", 2.0),
        ],
        negative: &[],
        heading: &["督导", "督学", "督政"],
    },
    TopicRule {
        id: "funding",
        keywords: &[
            ("教育经费", 5.0),
            ("教育支出", 5.0),
            ("经费", 4.0),
            ("只增不减", 4.0),
            ("拨款", 3.0),
            ("生均", 3.0),
            ("筹措", 3.0),
            ("成本分担", 3.0),
            ("投入", 2.0),
            ("财政", 2.0),
            ("预算", 2.0),
            ("资金", 2.0),
            ("投资", 2.0),
            ("债券", 2.0),
            ("收费", 2.0),
        ],
        negative: &["投入使用"],
        heading: &["经费", "投入", "财政", "资金"],
    },
    TopicRule {
        id: "safety",
        keywords: &[
            ("校园安全", 5.0),
            ("平安校园", 5.0),
            ("平安校内", 5.0),
            ("校内平安", 4.0),
            ("防溺水", 4.0),
            ("欺凌", 4.0),
            ("食品安全", 4.0),
            ("安全隐患", 4.0),
            ("安保", 4.0),
            ("安全教育", 3.0),
            ("安全稳定", 3.0),
            ("消防", 3.0),
            ("交通安全", 3.0),
            ("突发事件", 3.0),
            ("校车", 3.0),
            ("安防", 3.0),
            ("技防", 3.0),
            ("护学岗", 3.0),
            ("校园周边", 3.0),
            ("学校周边", 3.0),
            ("维稳", 3.0),
            ("疫情防控", 3.0),
            ("安全", 2.0),
            ("应急", 2.0),
            ("人脸识别", 2.0),
            ("平安", 1.0),
            ("稳定", 1.0),
        ],
        // Political and national security are the party's and moral education's concern; 安全感
        // is a stock phrase (获得感、幸福感、安全感).
        negative: &["意识形态安全", "政治安全", "国家安全", "国家平安", "安全感"],
        heading: &["安全", "平安校园", "平安校内", "欺凌", "防溺水"],
    },
    TopicRule {
        id: "party",
        keywords: &[
            ("党的建设", 5.0),
            ("党建", 5.0),
            ("党的领导", 5.0),
            ("从严治党", 5.0),
            ("党风廉政", 5.0),
            ("党组织", 4.0),
            ("意识形态", 4.0),
            ("全面领导", 3.0),
            ("党员", 3.0),
            ("支部", 3.0),
            ("政治建设", 3.0),
            ("政治纪律", 3.0),
            ("廉政", 3.0),
            ("廉洁", 3.0),
            ("腐败", 3.0),
            ("党史", 3.0),
            ("统战", 3.0),
            ("习近平新时代中国特色社会主义思想", 3.0),
            ("党委", 2.0),
            ("主题教育", 2.0),
            ("四个意识", 2.0),
            ("两个维护", 2.0),
        ],
        negative: &[],
        heading: &["党", "意识形态", "习近平新时代中国特色社会主义思想", "廉政"],
    },
    TopicRule {
        id: "openness",
        keywords: &[
            ("对外开放", 5.0),
            ("对外交流", 5.0),
            ("国际交流", 5.0),
            ("京津冀", 5.0),
            ("国际化", 4.0),
            ("港澳台", 4.0),
            ("粤港澳", 4.0),
            ("姊妹学校", 4.0),
            ("友好学校", 4.0),
            ("东西部协作", 4.0),
            ("一带一路", 4.0),
            ("港澳", 3.0),
            ("境外", 3.0),
            ("留学", 3.0),
            ("外籍", 3.0),
            ("国际理解", 3.0),
            ("交流合作", 3.0),
            ("中外", 3.0),
            ("合作办学", 3.0),
            ("区域合作", 3.0),
            ("国际", 2.0),
            ("国际视野", 2.0),
            ("协同发展", 2.0),
        ],
        negative: &[],
        heading: &["对外", "国际", "京津冀", "港澳", "交流合作"],
    },
];

/// The rule of a topic id.
pub fn rule(id: &str) -> Option<&'static TopicRule> {
    RULES.iter().find(|r| r.id == id)
}

/// The private matching copy of a text: folded, with [`VARIANTS`] applied.
pub fn matching_copy(text: &str) -> String {
    // One `memmem` finder per variant, built once: `str::contains` set up a searcher on every
    // call, and this runs for every paragraph, clause and heading.
    static FINDERS: std::sync::OnceLock<Vec<memchr::memmem::Finder<'static>>> =
        std::sync::OnceLock::new();
    let finders = FINDERS.get_or_init(|| {
        VARIANTS
            .iter()
            .map(|(from, _)| memchr::memmem::Finder::new(from.as_bytes()))
            .collect()
    });
    let mut s = fold_str(text);
    for ((from, to), finder) in VARIANTS.iter().zip(finders) {
        if finder.find(s.as_bytes()).is_some() {
            s = s.replace(from, to);
        }
    }
    s
}

/// One keyword that counted towards a topic's score.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    pub keyword: &'static str,
    pub weight: f32,
    /// Occurrences counted (at most [`REPEAT_CAP`]).
    pub count: usize,
}

/// Byte mask of a matching copy: a byte is used when its stamp is the current one. Clearing
/// the mask for the next rule is one increment of the stamp, not a pass over the copy.
struct Mask {
    stamps: Vec<u32>,
    current: u32,
}

impl Mask {
    fn new(len: usize) -> Mask {
        Mask {
            stamps: vec![0; len],
            current: 1,
        }
    }
    /// All free again, for a text of `len` bytes (the buffer is reused).
    fn reset(&mut self, len: usize) {
        if self.stamps.len() != len || self.current == u32::MAX {
            self.stamps.clear();
            self.stamps.resize(len, 0);
            self.current = 1;
        } else {
            self.current += 1;
        }
    }
    fn free(&self, at: usize, len: usize) -> bool {
        !self.stamps[at..at + len].contains(&self.current)
    }
    fn take(&mut self, at: usize, len: usize) {
        let current = self.current;
        self.stamps[at..at + len]
            .iter_mut()
            .for_each(|b| *b = current);
    }
}

/// Keywords of a rule, longest first (ties in table order).
fn by_length(rule: &TopicRule) -> Vec<(&'static str, f32)> {
    let mut k = rule.keywords.to_vec();
    k.sort_by_key(|(w, _)| std::cmp::Reverse(w.chars().count()));
    k
}

/// The rules compiled once: every distinct phrase (keyword, negative or heading word) with an id, an
/// index of all phrases ([`WordTable`]), and per rule its negative ids and its keywords longest
/// first. A text is then scanned once for all phrases instead of once per keyword (every
/// occurrence is found, overlapping ones too, as when each phrase is looked for on its own).
struct Compiled {
    phrases: Vec<&'static str>,
    table: WordTable,
    /// Per rule: negative phrase ids, and (phrase id, keyword, weight) longest first.
    rules: Vec<RuleIds>,
    /// Per phrase id: the rules it is a keyword of (bit k for rule k).
    keyword_of: Vec<u64>,
}

/// Per rule: negative phrase ids; (phrase id, keyword, weight) longest first; heading word ids
/// longest first.
type RuleIds = (Vec<usize>, Vec<(usize, &'static str, f32)>, Vec<usize>);

fn compiled() -> &'static Compiled {
    static C: std::sync::OnceLock<Compiled> = std::sync::OnceLock::new();
    C.get_or_init(|| {
        let mut phrases: Vec<&'static str> = Vec::new();
        let id = |p: &'static str, phrases: &mut Vec<&'static str>| match phrases
            .iter()
            .position(|&x| x == p)
        {
            Some(i) => i,
            None => {
                phrases.push(p);
                phrases.len() - 1
            }
        };
        let mut rules = Vec::new();
        for r in RULES {
            let neg: Vec<usize> = r.negative.iter().map(|&p| id(p, &mut phrases)).collect();
            let kw: Vec<(usize, &'static str, f32)> = by_length(r)
                .into_iter()
                .map(|(k, w)| (id(k, &mut phrases), k, w))
                .collect();
            let mut names = r.heading.to_vec();
            names.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
            let names: Vec<usize> = names.into_iter().map(|n| id(n, &mut phrases)).collect();
            rules.push((neg, kw, names));
        }
        let mut keyword_of = vec![0u64; phrases.len()];
        for (k, (_, kws, _)) in rules.iter().enumerate() {
            for &(id, _, _) in kws {
                keyword_of[id] |= 1 << k;
            }
        }
        Compiled {
            table: WordTable::new(&phrases),
            phrases,
            rules,
            keyword_of,
        }
    })
}

/// Byte offsets of every occurrence of every phrase in `copy`, per phrase id.
fn occurrences(copy: &str) -> Hits {
    compiled().table.hits(copy, false)
}

/// The rules (bit k for rule k) with at least one keyword among the occurrences: the others
/// score 0 without being looked at.
fn live_rules(occ: &Hits) -> u64 {
    let c = compiled();
    occ.ids().fold(0, |live, id| live | c.keyword_of[id])
}

/// Score rule `k` from the occurrences (`live`: [`live_rules`] of them): negatives masked
/// first, then keywords longest first, each taking the occurrences still free (at most
/// [`REPEAT_CAP`] count). `hit` is told each keyword that counted (for [`explain`]; scoring
/// alone gathers nothing).
fn score_rule(
    k: usize,
    copy: &str,
    occ: &Hits,
    live: u64,
    mask: &mut Mask,
    mut hit: impl FnMut(Hit),
) -> f32 {
    let c = compiled();
    let (neg, kws, _) = &c.rules[k];
    if live >> k & 1 == 0 {
        return 0.0;
    }
    mask.reset(copy.len());
    for &n in neg {
        for at in occ.get(n) {
            mask.take(at, c.phrases[n].len());
        }
    }
    let mut score = 0.0;
    for &(id, keyword, weight) in kws {
        let len = keyword.len();
        let mut count = 0;
        for at in occ.get(id) {
            if mask.free(at, len) {
                mask.take(at, len);
                count += 1;
            }
        }
        let count = count.min(REPEAT_CAP);
        if count > 0 {
            score += weight * count as f32;
            hit(Hit {
                keyword,
                weight,
                count,
            });
        }
    }
    score
}

/// Does a heading (matching copy) name the rule's topic outright? The rule's negative phrases
/// are masked, then its heading words are tried longest first; each is found left to right
/// without overlaps (as `str::match_indices`), and one free occurrence names the topic.
fn names(k: usize, copy: &str, occ: &Hits, mask: &mut Mask) -> bool {
    let c = compiled();
    let (neg, _, names) = &c.rules[k];
    if names.iter().all(|&n| !occ.has(n)) {
        return false;
    }
    mask.reset(copy.len());
    for &n in neg {
        for at in non_overlapping(occ.get(n), c.phrases[n].len()) {
            mask.take(at, c.phrases[n].len());
        }
    }
    names.iter().any(|&n| {
        let len = c.phrases[n].len();
        let mut found = false;
        for at in non_overlapping(occ.get(n), len) {
            if mask.free(at, len) {
                mask.take(at, len);
                found = true;
            }
        }
        found
    })
}

/// The occurrences `str::match_indices` reports (leftmost, non-overlapping) out of all
/// occurrences `starts` (ascending) of a phrase of `len` bytes.
fn non_overlapping(starts: impl Iterator<Item = usize>, len: usize) -> impl Iterator<Item = usize> {
    let mut next_free = 0;
    starts.filter(move |&at| {
        let keep = at >= next_free;
        if keep {
            next_free = at + len;
        }
        keep
    })
}

/// Raw keyword scores of a text, one per rule (catalogue order).
fn raw_scores(text: &str) -> Vec<f32> {
    let copy = matching_copy(text);
    let occ = occurrences(&copy);
    let live = live_rules(&occ);
    let mut mask = Mask::new(0);
    (0..RULES.len())
        .map(|k| score_rule(k, &copy, &occ, live, &mut mask, |_| {}))
        .collect()
}

fn heading_scores(title: &str) -> Vec<f32> {
    let copy = matching_copy(title);
    let occ = occurrences(&copy);
    let live = live_rules(&occ);
    let mut mask = Mask::new(0);
    (0..RULES.len())
        .map(|k| {
            let kw = HEADING_FACTOR * score_rule(k, &copy, &occ, live, &mut mask, |_| {});
            if names(k, &copy, &occ, &mut mask) {
                kw.max(HEADING_NAME_SCORE)
            } else {
                kw
            }
        })
        .collect()
}

/// Scores ≥ [`THRESHOLD`], strongest first (ties in catalogue order).
fn ranked(scores: &[f32]) -> Vec<(&'static str, f32)> {
    let mut out: Vec<(&'static str, f32)> = RULES
        .iter()
        .zip(scores)
        .filter(|(_, &s)| s >= THRESHOLD)
        .map(|(r, &s)| (r.id, s))
        .collect();
    out.sort_by(|a, b| b.1.total_cmp(&a.1));
    out
}

/// Topics of a paragraph or clause: `(topic id, score)`, strongest first, those ≥ [`THRESHOLD`].
pub fn classify(text: &str) -> Vec<(&'static str, f32)> {
    ranked(&raw_scores(text))
}

/// Topics of a heading: [`HEADING_NAME_SCORE`] for a topic it names outright, else
/// [`HEADING_FACTOR`] × its keyword score; those ≥ [`THRESHOLD`], strongest first.
pub fn classify_heading(title: &str) -> Vec<(&'static str, f32)> {
    ranked(&heading_scores(title))
}

/// Why a text scores what it does: per topic with a non-zero score, the score and the keywords
/// that counted (for a "why this topic?" view and for tuning the rules).
pub fn explain(text: &str) -> Vec<(&'static str, f32, Vec<Hit>)> {
    let copy = matching_copy(text);
    let occ = occurrences(&copy);
    let live = live_rules(&occ);
    let mut mask = Mask::new(0);
    let mut out: Vec<_> = RULES
        .iter()
        .enumerate()
        .map(|(k, r)| {
            let mut hits = Vec::new();
            let s = score_rule(k, &copy, &occ, live, &mut mask, |h| hits.push(h));
            (r.id, s, hits)
        })
        .filter(|(_, s, _)| *s > 0.0)
        .collect();
    out.sort_by(|a, b| b.1.total_cmp(&a.1));
    out
}

fn ids(ranked: &[(&'static str, f32)]) -> Vec<String> {
    ranked.iter().map(|(id, _)| id.to_string()).collect()
}

fn add(totals: &mut [f32], ranked: &[(&'static str, f32)]) {
    for (id, s) in ranked {
        if let Some(i) = RULES.iter().position(|r| r.id == *id) {
            totals[i] += s;
        }
    }
}

/// The topics of the paragraphs and box items that quantities are anchored in: the topics a
/// quantity whose own text names none takes. Only those ids are kept (a map of every
/// paragraph's topics copied every id and topic list of the plan for the few that are asked).
struct TopicsOf {
    /// Anchor id → the topics assigned to it (empty until it is classified).
    anchors: HashMap<String, Vec<String>>,
}

impl TopicsOf {
    fn new(doc: &PlanDocument) -> TopicsOf {
        let anchors = doc
            .base_stats
            .iter()
            .chain(&doc.targets)
            .map(|q| (q.anchor.paragraph.clone(), Vec::new()))
            .collect();
        TopicsOf { anchors }
    }

    /// Record the topics of paragraph or box item `id`, if a quantity is anchored in it.
    fn keep(&mut self, id: &str, topics: &[String]) {
        if let Some(slot) = self.anchors.get_mut(id) {
            *slot = topics.to_vec();
        }
    }

    /// The topics of anchor `id` (empty when it was not classified).
    fn get(&self, id: &str) -> Vec<String> {
        self.anchors.get(id).cloned().unwrap_or_default()
    }
}

/// Classify a paragraph in place; returns its assigned topics with scores.
fn paragraph(p: &mut Paragraph, topics_of: &mut TopicsOf) -> Vec<(&'static str, f32)> {
    let c = classify(&p.text);
    p.topics = ids(&c);
    topics_of.keep(&p.id, &p.topics);
    c
}

fn section(s: &mut Section, boxes: &[Vec<(&'static str, f32)>], topics_of: &mut TopicsOf) {
    let mut totals = heading_scores(&s.title)
        .into_iter()
        .map(|x| if x >= THRESHOLD { x } else { 0.0 })
        .collect::<Vec<_>>();
    if !s.title_tail.is_empty() {
        add(&mut totals, &classify(&s.title_tail));
    }
    for b in &mut s.blocks {
        match b {
            Block::Paragraph(p) => {
                let c = paragraph(p, topics_of);
                add(&mut totals, &c);
            }
            Block::KeyProject { index } => {
                if let Some(c) = boxes.get(*index as usize) {
                    add(&mut totals, c);
                }
            }
            _ => {}
        }
    }
    s.topics = ranked(&totals)
        .into_iter()
        .map(|(id, score)| TopicScore {
            topic: id.to_string(),
            score,
        })
        .collect();
    for c in &mut s.children {
        section(c, boxes, topics_of);
    }
}

/// Assign topics to every paragraph, box item, section and quantity of `doc` (see the module
/// documentation for what each gets).
pub fn assign(doc: &mut PlanDocument) {
    let mut topics_of = TopicsOf::new(doc);
    for b in doc
        .front
        .iter_mut()
        .chain(doc.appendix.iter_mut().flat_map(|a| a.blocks.iter_mut()))
    {
        if let Block::Paragraph(p) = b {
            if p.role.is_none() {
                paragraph(p, &mut topics_of);
            }
        }
    }
    // Box items first: their scores count towards the section that holds the box.
    let mut boxes = Vec::with_capacity(doc.key_projects.len());
    for k in &mut doc.key_projects {
        let title = classify_heading(&k.title);
        let mut total = vec![0.0; RULES.len()];
        for it in &mut k.items {
            let c = classify(&it.text);
            let c = if c.is_empty() { title.clone() } else { c };
            it.topics = ids(&c);
            topics_of.keep(&it.id, &it.topics);
            add(&mut total, &c);
        }
        boxes.push(ranked(&total));
    }
    for s in &mut doc.sections {
        section(s, &boxes, &mut topics_of);
    }
    for q in doc.base_stats.iter_mut().chain(doc.targets.iter_mut()) {
        let c = classify(&q.text);
        q.topics = if c.is_empty() {
            topics_of.get(&q.anchor.paragraph)
        } else {
            ids(&c)
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_match_catalogue() {
        let cat: Vec<&str> = planscope_model::catalog::TOPICS
            .iter()
            .map(|t| t.id)
            .collect();
        let rules: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        assert_eq!(cat, rules);
    }

    #[test]
    fn rules_are_well_formed() {
        assert!(
            RULES.len() <= 64,
            "live_rules keeps one bit per rule in a u64"
        );
        for r in RULES {
            assert!(!r.keywords.is_empty() && !r.heading.is_empty(), "{}", r.id);
            for (k, w) in r.keywords {
                assert!(*w > 0.0 && *w <= 5.0, "{}: {k}", r.id);
                assert_eq!(fold_str(k), *k, "{}: keywords are written folded", r.id);
                assert_eq!(
                    matching_copy(k),
                    *k,
                    "{}: keywords use the variant-folded spelling: {k}",
                    r.id
                );
                assert_eq!(
                    r.keywords.iter().filter(|(x, _)| x == k).count(),
                    1,
                    "{}: duplicate {k}",
                    r.id
                );
            }
        }
    }

    #[test]
    fn longest_keyword_wins_and_counts_once() {
        let e = explain("学前教育");
        let (_, s, hits) = e.iter().find(|(id, _, _)| *id == "preschool").unwrap();
        assert_eq!(*s, 5.0);
        assert_eq!(hits.len(), 1);
    }

    #[test]
    fn repeats_are_capped() {
        let s = raw_scores(&"督导".repeat(10));
        let i = RULES.iter().position(|r| r.id == "inspection").unwrap();
        assert_eq!(s[i], 5.0 * REPEAT_CAP as f32);
    }

    #[test]
    fn negative_phrases_mask() {
        assert!(!classify("坚决守好意识形态安全")
            .iter()
            .any(|(t, _)| *t == "safety"));
        assert!(classify_heading("坚决守好意识形态安全“南大门”")
            .iter()
            .all(|(t, _)| *t != "safety"));
    }

    #[test]
    fn full_width_and_variants_fold() {
        assert_eq!(matching_copy("（一）学前教化"), "(一)学前教育");
        assert_eq!(
            classify_heading("建设高素养专业化老师队伍")[0].0,
            "teachers"
        );
    }
}
