//! Word lists of the number grammar (see the module documentation of [`super`]).
//!
//! Every list is plain data; the scanner in [`super`] matches them against the characters
//! around a number. Multi-character entries are always tried longest first.

use planscope_model::Comparator;

/// Units that may follow a number (after an optional 万/亿 multiplier and spaces).
/// Longer spellings come first so that `个百分点` wins over `个`.
pub const UNITS: &[&str] = &[
    "个百分点",
    "百分点",
    "批次",
    "平方公里",
    "平方米",
    "立方米",
    "人次",
    "课时",
    "学时",
    "学分",
    "分钟",
    "小时",
    "公里",
    "千米",
    "公顷",
    "个月",
    "%",
    "％",
    "‰",
    "个",
    "所",
    "名",
    "人",
    "位",
    "幢",
    "栋",
    "座",
    "间",
    "套",
    "台",
    "张",
    "册",
    "部",
    "件",
    "项",
    "对",
    "班",
    "支",
    "处",
    "条",
    "门",
    "节",
    "次",
    "场",
    "批",
    "家",
    "元",
    "亩",
    "米",
    "天",
    "周",
    "年",
    "倍",
    "届",
    "类",
    "种",
    "本",
    "篇",
    "枚",
    "份",
    "辆",
    "户",
];

/// A unit is not read when the next character makes it part of a longer word
/// (`20万人口`, `家长`, `支持`, `条件`, `本科`, `部门` …).
pub const UNIT_BREAKERS: &[(&str, &str)] = &[
    ("人", "口员才民群数均力"),
    ("名", "校师园优家牌额单称次列录"),
    ("家", "长庭乡"),
    ("支", "持出付撑"),
    ("条", "件例款"),
    ("本", "科土地校质"),
    ("部", "门分署"),
    ("处", "理置室长"),
    ("班", "主级子额"),
    ("节", "能日点约"),
    ("场", "所地馆景"),
    ("周", "年边期"),
    ("门", "类槛户"),
    ("年", "级代度轻龄均"),
    ("次", "数序"),
    ("项", "目"),
    ("位", "置于"),
    ("米", "饭"),
    ("台", "账阶"),
    ("间", "隔"),
    ("种", "植类子"),
    ("类", "型别"),
    ("天", "然地"),
    ("份", "额"),
];

/// Units that count things (schools, people, projects) rather than time, money or events;
/// only these can name an existing referent (`推动2所…学校`).
pub const ENTITY_UNITS: &[&str] = &[
    "个", "所", "名", "人", "位", "幢", "栋", "座", "间", "套", "台", "张", "册", "部", "件", "项",
    "对", "班", "支", "处", "条", "门", "家", "类", "种", "本", "篇", "枚", "份", "辆", "户", "批",
];

/// Suffixes after value (+unit) that set the comparator.
pub const SUFFIX_COMPARATORS: &[(&str, Comparator)] = &[
    ("及以上", Comparator::Ge),
    ("以上", Comparator::Ge),
    ("之上", Comparator::Ge),
    ("及以下", Comparator::Le),
    ("以下", Comparator::Le),
    ("以内", Comparator::Le),
    ("之内", Comparator::Le),
    ("左右", Comparator::About),
    ("上下", Comparator::About),
];

/// Words before the value (within the clause) that set the comparator. The nearest one wins;
/// at one position the longest spelling wins (`不低于` over `低于`).
pub const PREFIX_COMPARATORS: &[(&str, Comparator)] = &[
    ("不少于", Comparator::Ge),
    ("不低于", Comparator::Ge),
    ("不小于", Comparator::Ge),
    ("至少", Comparator::Ge),
    ("超过", Comparator::Ge),
    ("高于", Comparator::Ge),
    ("大于", Comparator::Ge),
    ("多于", Comparator::Ge),
    ("≥", Comparator::Ge),
    (">=", Comparator::Ge),
    ("不超过", Comparator::Le),
    ("不高于", Comparator::Le),
    ("不大于", Comparator::Le),
    ("不多于", Comparator::Le),
    ("低于", Comparator::Le),
    ("少于", Comparator::Le),
    ("控制在", Comparator::Le),
    ("最多", Comparator::Le),
    ("至多", Comparator::Le),
    ("最少", Comparator::Ge),
    ("≤", Comparator::Le),
    ("<=", Comparator::Le),
    ("达到", Comparator::Eq),
];

/// Comparison words that a negation before them turns round (`不得超过` = `<=`, `不得低于` =
/// `>=`, `不应少于` = `>=`).
pub const NEGATABLE: &[&str] = &["超过", "高于", "大于", "多于", "低于", "少于", "小于"];

/// Negations that turn a [`NEGATABLE`] comparison round when they stand right before it.
/// `不` itself is already part of the spellings in [`PREFIX_COMPARATORS`] (`不超过`).
pub const NEGATORS: &[&str] = &[
    "不得",
    "不应",
    "不能",
    "不宜",
    "不可",
    "不准",
    "不要",
    "不会",
    "严禁",
    "禁止",
    "不应当",
    "不能够",
];

/// Words that count before a unit that does not count things: `72个学时` is 72 学时.
pub const CLASSIFIERS: &[&str] = &["个", "名", "位"];

/// Units of time: a number with one of these can be the time frame of the policy.
pub const TIME_UNITS: &[&str] = &["年", "个月", "学年", "天", "周", "小时"];

/// Words right before a time number that make it the policy's time frame (`今后5年内`,
/// `用3年左右的时间`, `近3年`, `经过2年努力`).
pub const TIME_FRAME_BEFORE: &[&str] = &[
    "今后", "未来", "近", "用", "经过", "通过", "历时", "再用", "花", "最近", "再过",
];

/// Words right after a time number (and an optional `左右`/`多`/`余`) that make it a time frame
/// or a deadline (`5年内`, `3年左右的时间`, `3年来`, `2年后`, `三年行动`).
pub const TIME_FRAME_AFTER: &[&str] = &[
    "内",
    "之内",
    "以内",
    "来",
    "间",
    "后",
    "时间",
    "的时间",
    "期间",
    "行动",
    "计划",
    "规划",
    "攻坚",
];

/// Words right before a number that make it a reference to a part of a document (`附件1`,
/// `附表2`), whether or not a unit follows.
pub const DOC_REFERENCE_BEFORE: &[&str] = &["附件", "附表", "附录", "附图"];

/// Words right before a number with no unit that make it a reference (`见表1`, `图2`).
pub const BARE_REFERENCE_BEFORE: &[&str] = &["表", "图", "条", "款", "章", "节"];

/// Units that make `一` + unit indefinite (`一批学校` "a number of schools", `一支队伍` "a
/// team"): a Chinese numeral `一` with these is not a count.
pub const INDEFINITE_UNITS: &[&str] = &["批", "支"];

/// Units of distance: a distance followed by `范围` is the extent of an area, not a quantity.
pub const DISTANCE_UNITS: &[&str] = &["米", "公里", "千米"];

/// Approximation words that must stand right before the value (`约13.78万`, `近3000`).
pub const ABOUT_IMMEDIATE: &[&str] = &["大约", "约", "近"];

/// Cues that a number states the current or past state, valid anywhere earlier in the
/// sentence: a time frame that lies in the past.
pub const BASE_SENTENCE_CUES: &[&str] = &[
    "目前",
    "截至",
    "截止",
    "十三五",
    "以来",
    "近年来",
    "过去",
    "累计",
    "历年",
    "先后",
    "至今",
    "现阶段",
];

/// Cues of the current state valid within the clause (`现有10所`, `已建成`, `建成了9个`).
pub const BASE_CLAUSE_CUES: &[&str] = &["现有", "已有", "共有", "拥有", "已经", "已", "现辖"];

/// `了` after these is not the past aspect (`为了`, `除了`).
pub const NOT_PAST_LE: &[&str] = &["为了", "除了", "了解", "了然"];

/// Verbs and phrases that make the following number a commitment (a target), used to decide
/// which cue is nearest to a number. Sorted by nothing; matching is longest-at-position.
pub const TARGET_VERBS: &[&str] = &[
    "新增",
    "增加",
    "新建",
    "改建",
    "扩建",
    "改扩建",
    "新改扩建",
    "建设",
    "建成",
    "建有",
    "打造",
    "培育",
    "培养",
    "创建",
    "争创",
    "遴选",
    "评选",
    "认定",
    "招聘",
    "引进",
    "开发",
    "组建",
    "设立",
    "完成",
    "达到",
    "达",
    "实现",
    "保持",
    "保持在",
    "稳定在",
    "控制在",
    "提高到",
    "提升到",
    "提高",
    "提升",
    "降低",
    "下降",
    "减少",
    "不少于",
    "不低于",
    "至少",
    "不超过",
    "超过",
    "帮扶",
    "举办",
    "开展",
    "建立",
    "争取",
    "力争",
    "确保",
    "覆盖",
    "配备",
    "选派",
    "派出",
    "接收",
    "资助",
    "扶持",
    "新改",
    "增至",
    "达至",
    "突破",
    "缔结",
    "布局",
    "安排",
    "驾驭",
    "掌握",
    "学会",
];

/// Markers after which a counted thing is an existing referent rather than something to be
/// created: `推动2所国家级重点中职学校探索…`, `在全市8个实验镇…开展`, `对全区167所学校…`.
/// They apply to counting units only (not `%`).
pub const REFERENT_MARKERS: &[&str] = &[
    "推动", "依托", "带动", "支持", "指导", "组织", "对", "在", "向", "为", "现有", "已有", "共有",
    "拥有", "其中",
];

/// Words stripped from the start of a metric name.
pub const METRIC_LEAD_JUNK: &[&str] = &[
    "确保",
    "力争",
    "争取",
    "实现",
    "推动",
    "进一步",
    "全面",
    "其中",
    "同时",
    "分别",
    "全市",
    "全区",
    "全县",
    "全省",
    "我市",
    "我区",
    "我县",
    "累计",
    "目前",
    "年内",
    "逐步",
    "积极",
    "着力",
    "重点",
    "每年",
    "并",
    "及",
    "和",
    "与",
    "以及",
    "使",
    "让",
    "将",
    "有",
];

/// Words stripped from the end of a metric name (the predicate before the number).
pub const METRIC_TAIL_JUNK: &[&str] = &[
    "均达到",
    "达到了",
    "达到",
    "达",
    "保持在",
    "保持",
    "稳定在",
    "控制在",
    "提升到",
    "提高到",
    "增至",
    "为",
    "不低于",
    "不少于",
    "不超过",
    "超过",
    "至少",
    "共计",
    "共有",
    "现有",
    "约",
    "分别",
    "均",
    "至少有",
    "了",
    "是",
    "达至",
    "大约",
    "近",
    "下降",
    "减少",
    "提高",
    "提升",
    "完成",
    "及",
    "和",
    "与",
    "或",
    "以上的",
    "不高于",
    "低于",
    "高于",
];

/// Characters that end a clause (the `text` of a found number).
pub fn is_clause_delim(c: char) -> bool {
    matches!(
        c,
        ',' | '，' | ';' | '；' | '。' | ':' | '：' | '!' | '！' | '?' | '？' | '\n' | '\r'
    )
}

/// Characters that end a sentence (the scope of a stated year).
pub fn is_sentence_delim(c: char) -> bool {
    matches!(c, ';' | '；' | '。' | '!' | '！' | '?' | '？' | '\n' | '\r')
}

/// Characters after which a number with no unit still reads as a value (`保持100,`).
pub fn is_bare_value_end(c: char) -> bool {
    matches!(
        c,
        ',' | '，' | ';' | '；' | '。' | '!' | '！' | '?' | '？' | '\n' | '\r'
    )
}

/// Characters that glue to a following Chinese numeral into a word (`第一`, `统一`, `唯一`,
/// `之一`, `逐一`, `同一`, `单一`, `万一`, `专一`, `某一`), so the numeral is no quantity.
pub const CN_NUMERAL_WORD_BEFORE: &str = "第统唯之逐同单万专某任初周星礼";
