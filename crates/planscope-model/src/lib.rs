//! # planscope document model — the JSON wire format
//!
//! This crate is the contract between the parser (`planscope-parser`, run at build time by the
//! `planscope` CLI) and the app (Leptos, compiled to wasm32). It holds plain serde types and
//! small pure helpers, nothing else: no regex, no I/O, so it builds for every target.
//!
//! ## Files
//!
//! * `data/index.json` — a [`PlanIndex`]: one [`IndexEntry`] per plan, enough for the library
//!   page (title, region, kind, period, issuer, counts).
//! * `data/<plan-id>.json` — a [`PlanDocument`]: one plan, complete.
//! * `data/ind/<indicator>.<hash>.json` — a [`layout::IndicatorFile`]: one canonical indicator
//!   in every plan stating it, named in `index.json` ([`PlanIndex::indicators`]); see [`layout`].
//!
//! Both carry `schema_version` ([`SCHEMA_VERSION`]); a reader must refuse a file whose version
//! it does not know.
//!
//! ## Text and positions
//!
//! * Every text field is **exactly as printed** in the source (trimmed of surrounding spaces and
//!   NBSP only). Nothing is normalised in the model; classification uses private copies.
//! * Positions are counted in **Unicode scalar values** (Rust `char`s), never bytes:
//!   * [`SrcRange`] `[start, end)` points into the decoded source text;
//!   * [`TextSpan`] `[start, end)` points into one paragraph's or cell's `text`.
//! * A piece of text may come from several source ranges (a heading split by a page-number
//!   artefact); its `src` then lists them in order. The pieces of the model together with
//!   [`PlanDocument::removed`] cover every non-whitespace source character exactly once.
//!
//! ## Ids
//!
//! Ids come from the document's own numbering so that a deep link survives parser changes:
//! * plan id: the seed file's stem (`guangzhou-conghua-2021-2025`);
//! * section id: the path of heading numbers, one component per level, `0` for a skipped level
//!   (三、→(一)→2. is `3.1.2`; 二、→5. with no (一) tier is `2.0.5`). A document that restarts
//!   its 一、 numbering gets a part prefix (`2_1.3`). A repeated number gets a `-2` suffix.
//!   第X章 → 第X节 → 第X条 rank above 一、 and take part in the same path: 第二章 → 第三条 with
//!   no 第X节 is `2.0.3`. In a notice carrying several documents each document is a section
//!   of kind [`SectionKind::Part`] with id `P1`, `P2`, … around its own sections.
//! * paragraph id: section id + `p` + ordinal in that section (`3.1.2p1`); paragraphs before the
//!   first heading use the section id `0`, the appendix uses `A1`, `A2`, … per attachment, the back matter `B`.

use serde::{Deserialize, Serialize};

pub mod catalog;
pub mod compare;
pub mod layout;
pub mod local;
pub mod nav;
pub mod number;
pub mod search;
pub mod text;

/// The version of this wire format. Bump it on any incompatible change.
pub const SCHEMA_VERSION: u32 = 1;

/// `[start, end)` in Unicode scalar values of the decoded source text.
pub type SrcRange = [u32; 2];

/// `[start, end)` in Unicode scalar values of one `text` field.
pub type TextSpan = [u32; 2];

// ---------------------------------------------------------------------------------------------
// index.json
// ---------------------------------------------------------------------------------------------

/// `data/index.json`: the plan library.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PlanIndex {
    pub schema_version: u32,
    pub plans: Vec<IndexEntry>,
    /// The canonical indicators some plan states, each with its content-hashed file
    /// (`ind/<id>.<hash>.json`, a [`layout::IndicatorFile`]) and how many plans state it, in
    /// catalogue order; empty in an index written before issue 15.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<layout::IndicatorRef>,
}

/// One plan in the library.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct IndexEntry {
    /// Plan id (the seed file's stem).
    pub id: String,
    /// 12 hex digits of the content hash of the plan's files ([`layout::plan_files_hash`] of
    /// its data file's and its compare digest's bytes): the files are `data/<id>-<hash>.json`
    /// ([`IndexEntry::data_file`]) and `data/cmp/<id>-<hash>.json`
    /// ([`IndexEntry::compare_file`]), immutable, so a new release that changes the plan gives
    /// them new names. Empty in an entry made from a document alone
    /// ([`PlanDocument::index_entry`]): the file is then `data/<id>.json`, with no digest.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub hash: String,
    pub title: String,
    pub kind: PlanKind,
    pub region: Region,
    pub issuer: Option<String>,
    pub doc_number: Option<String>,
    pub issued_date: Option<String>,
    pub published_date: Option<String>,
    pub period: Option<Period>,
    pub counts: Counts,
}

impl IndexEntry {
    /// The plan's data file, relative to the data directory: `<id>-<hash>.json`, or `<id>.json`
    /// when [`IndexEntry::hash`] is empty.
    pub fn data_file(&self) -> String {
        if self.hash.is_empty() {
            format!("{}.json", self.id)
        } else {
            format!("{}-{}.json", self.id, self.hash)
        }
    }

    /// The plan's compare digest ([`layout::compare_digest`]), relative to the data directory:
    /// `cmp/<id>-<hash>.json`; `None` when [`IndexEntry::hash`] is empty (no digest is written
    /// for such an entry: the comparison reads the plan file).
    pub fn compare_file(&self) -> Option<String> {
        (!self.hash.is_empty())
            .then(|| format!("{}/{}-{}.json", layout::COMPARE_DIR, self.id, self.hash))
    }
}

/// Sizes shown on a library card.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// Outline headings.
    pub sections: u32,
    /// Rows in indicator tables.
    pub indicators: u32,
    /// Numeric targets found in prose.
    pub targets: u32,
    /// 重点工程 boxes.
    pub key_projects: u32,
    /// Rows in responsibility tables.
    pub tasks: u32,
    /// Paragraphs.
    pub paragraphs: u32,
}

// ---------------------------------------------------------------------------------------------
// metadata
// ---------------------------------------------------------------------------------------------

/// What sort of plan a document is: its 文种 (document type), read from the last word of its
/// title (`…规划`, `…实施方案`, `…实施意见`, `…管理办法`, `…工作要点`, `…通知`).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum PlanKind {
    /// 五年规划 and 专项规划 (十四五规划, 发展规划, 规划纲要).
    FiveYearPlan,
    /// 行动方案 / 行动计划 / 实施方案 / 工作方案: a plan of action.
    ActionPlan,
    /// 年度工作要点.
    AnnualWorkPoints,
    /// 教育现代化2035.
    #[serde(rename = "modernization_2035")]
    Modernization2035,
    /// 意见 / 实施意见 / 若干意见 / 指导意见: a policy opinion.
    Opinion,
    /// 办法 / 规定 / 细则 / 规则: measures and rules, typically in 章 and 条.
    Measures,
    /// A 通知 (or 决定, 通报) that is itself the policy, not a wrapper around one.
    Notice,
    /// None of the above.
    #[default]
    Other,
}

impl PlanKind {
    /// Every kind, in the order the library lists them.
    pub const ALL: [PlanKind; 8] = [
        PlanKind::FiveYearPlan,
        PlanKind::ActionPlan,
        PlanKind::AnnualWorkPoints,
        PlanKind::Modernization2035,
        PlanKind::Opinion,
        PlanKind::Measures,
        PlanKind::Notice,
        PlanKind::Other,
    ];

    /// The wire spelling (`five_year_plan`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            PlanKind::FiveYearPlan => "five_year_plan",
            PlanKind::ActionPlan => "action_plan",
            PlanKind::AnnualWorkPoints => "annual_work_points",
            PlanKind::Modernization2035 => "modernization_2035",
            PlanKind::Opinion => "opinion",
            PlanKind::Measures => "measures",
            PlanKind::Notice => "notice",
            PlanKind::Other => "other",
        }
    }

    /// The zh-CN label shown to readers.
    pub fn label_zh(self) -> &'static str {
        match self {
            PlanKind::FiveYearPlan => "五年规划",
            PlanKind::ActionPlan => "行动方案",
            PlanKind::AnnualWorkPoints => "年度工作要点",
            PlanKind::Modernization2035 => "教育现代化2035",
            PlanKind::Opinion => "实施意见",
            PlanKind::Measures => "办法规定",
            PlanKind::Notice => "通知",
            PlanKind::Other => "其他",
        }
    }

    pub fn from_str_opt(s: &str) -> Option<PlanKind> {
        PlanKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Where a plan applies. For a province-level municipality (天津市) `province` and `city` are
/// both the municipality. `county` is a county-level unit (区/县/县级市).
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Region {
    pub province: Option<String>,
    pub city: Option<String>,
    pub county: Option<String>,
}

impl Region {
    /// The most specific name joined for display: `广东省 广州市 从化区`, with a municipality
    /// shown once (`天津市 和平区`).
    pub fn display(&self) -> String {
        let mut parts: Vec<&str> = Vec::new();
        for p in [&self.province, &self.city, &self.county]
            .into_iter()
            .flatten()
        {
            if parts.last() != Some(&p.as_str()) {
                parts.push(p);
            }
        }
        parts.join(" ")
    }

    /// The most specific name (`从化区`, `揭阳市`).
    pub fn short(&self) -> Option<&str> {
        self.county
            .as_deref()
            .or(self.city.as_deref())
            .or(self.province.as_deref())
    }
}

/// First and last plan year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Period {
    pub start: u16,
    pub end: u16,
}

/// Document metadata. Dates are ISO `YYYY-MM-DD`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Metadata {
    /// The plan's own title, without a 关于印发…的通知 wrapper, as printed.
    pub title: String,
    /// The notice wrapper's headline (关于印发…的通知), when there is one.
    pub notice_title: Option<String>,
    pub kind: PlanKind,
    pub region: Region,
    /// The issuing body as printed (signature line, or the site owner when nothing is signed).
    pub issuer: Option<String>,
    /// 文号 as printed (`揭府办函〔2023〕58号`).
    pub doc_number: Option<String>,
    /// 成文日期.
    pub issued_date: Option<String>,
    /// The web page's 发布时间.
    pub published_date: Option<String>,
    pub period: Option<Period>,
    /// The site the text was scraped from, when the page names it (`www.jieyang.gov.cn`).
    pub source_site: Option<String>,
    /// The fields above that an editor set in the plan's sidecar file (`seeds/<id>.toml`,
    /// applied by `planscope build`) instead of what the parser read, in [`EditedField`] order.
    /// Empty, and then absent from the JSON, when nothing was edited; files written before this
    /// field existed read as empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub edited: Vec<EditedField>,
}

/// A [`Metadata`] field that an editor's sidecar file can set. The wire spelling is the field's
/// name (`doc_number`, `issued_date`, …).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EditedField {
    /// The plan's title.
    Title,
    /// 发文机关.
    Issuer,
    /// 文号.
    DocNumber,
    /// 成文日期.
    IssuedDate,
    /// 发布日期.
    PublishedDate,
    Region,
    Kind,
    Period,
}

impl EditedField {
    pub const ALL: [EditedField; 8] = [
        EditedField::Title,
        EditedField::Issuer,
        EditedField::DocNumber,
        EditedField::IssuedDate,
        EditedField::PublishedDate,
        EditedField::Region,
        EditedField::Kind,
        EditedField::Period,
    ];

    /// The wire spelling, which is also the sidecar key (`doc_number`).
    pub fn as_str(self) -> &'static str {
        match self {
            EditedField::Title => "title",
            EditedField::Issuer => "issuer",
            EditedField::DocNumber => "doc_number",
            EditedField::IssuedDate => "issued_date",
            EditedField::PublishedDate => "published_date",
            EditedField::Region => "region",
            EditedField::Kind => "kind",
            EditedField::Period => "period",
        }
    }

    /// The zh-CN label shown to readers (`文号`).
    pub fn label_zh(self) -> &'static str {
        match self {
            EditedField::Title => "标题",
            EditedField::Issuer => "发布机关",
            EditedField::DocNumber => "文号",
            EditedField::IssuedDate => "成文日期",
            EditedField::PublishedDate => "发布日期",
            EditedField::Region => "地区",
            EditedField::Kind => "类型",
            EditedField::Period => "规划期",
        }
    }
}

// ---------------------------------------------------------------------------------------------
// the document
// ---------------------------------------------------------------------------------------------

/// One parsed plan: `data/<id>-<hash>.json` (`IndexEntry::data_file`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PlanDocument {
    pub schema_version: u32,
    /// Plan id (seed file stem).
    pub id: String,
    pub source: SourceInfo,
    pub metadata: Metadata,
    /// Everything before the first body heading: notice wrapper, title block, 目录, preamble.
    pub front: Vec<Block>,
    /// The outline tree (一、/(一)/1./(1)/①).
    pub sections: Vec<Section>,
    /// Attachments (附件) after the body, each a titled group of blocks.
    pub appendix: Vec<Attachment>,
    /// Closing matter after the body: a trailing signature and date, the 版记 (公开方式, 抄送,
    /// …印发). Paragraph ids `Bp<n>`.
    pub back: Vec<Block>,
    pub indicator_tables: Vec<IndicatorTable>,
    pub key_projects: Vec<KeyProject>,
    pub task_tables: Vec<TaskTable>,
    /// Current-state figures stated in prose (schools, teachers, students, rates).
    pub base_stats: Vec<Quantity>,
    /// Future numeric targets stated in prose.
    pub targets: Vec<Quantity>,
    /// Source fragments that are not document text (web-page chrome, page-number artefacts).
    pub removed: Vec<Removed>,
    pub diagnostics: Vec<Diagnostic>,
    pub coverage: Coverage,
}

/// Where the text came from.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SourceInfo {
    pub file_name: String,
    /// Size of the file in bytes.
    pub bytes: u64,
    /// `utf-8`, `utf-8-bom`, `gb18030`, `utf-16le`, `utf-16be`.
    pub encoding: String,
    /// Length of the decoded text in Unicode scalar values.
    pub chars: u32,
}

/// Characters accounted for; `model + removed == non_whitespace` always holds.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coverage {
    /// Non-whitespace characters of the source.
    pub non_whitespace: u32,
    /// Non-whitespace characters that ended up in the model.
    pub model: u32,
    /// Non-whitespace characters in [`PlanDocument::removed`].
    pub removed: u32,
}

impl Coverage {
    /// Characters in the model divided by non-chrome characters (1.0 = nothing lost).
    pub fn ratio(&self) -> f64 {
        let denom = self.non_whitespace.saturating_sub(self.removed);
        if denom == 0 {
            1.0
        } else {
            self.model as f64 / denom as f64
        }
    }
}

/// What numbering a section's label belongs to.
///
/// Plans number their outline with the GB/T 9704 heading labels (一、 (一) 1. (1) ①);
/// measures and rules (办法, 规定, 细则) with 第X章 / 第X节 / 第X条, which rank above them (a
/// 第X章 may hold 一、 headings; the （一） items inside a 第X条 are list items of the article).
/// A notice that carries several documents gets one `part` per document.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SectionKind {
    /// A GB/T 9704 heading: 一、 (一) 1. (1) ①.
    #[default]
    Heading,
    /// One of several documents carried by one notice; `title` is its printed title, `label`
    /// is empty, `level` is 0. Its sections are its children.
    Part,
    /// 第X章.
    Chapter,
    /// 第X节 (a subdivision of a chapter).
    Section,
    /// 第X条: no title of its own (`title` is empty); the article's text is its body.
    Article,
}

impl SectionKind {
    /// `true` for [`SectionKind::Heading`] (the kind omitted on the wire).
    pub fn is_heading(&self) -> bool {
        *self == SectionKind::Heading
    }
}

/// One heading and what it governs.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Section {
    /// Stable id (`3.1.2`), usable in URLs.
    pub id: String,
    /// What numbering the label belongs to; omitted on the wire for GB/T headings.
    #[serde(default, skip_serializing_if = "SectionKind::is_heading")]
    pub kind: SectionKind,
    /// Numbering level within the label's family. Headings: 1 = 一、, 2 = (一), 3 = 1.,
    /// 4 = (1), 5 = ①. Chapters 1 (第X章), sections 2 (第X节), articles 3 (第X条). Parts 0.
    pub level: u8,
    /// The number as printed, with its punctuation (`一、`, `(一)`, `1.`, `第三条`).
    pub label: String,
    /// The numeric value of the label (三 → 3).
    pub number: u32,
    /// Heading text only, as printed.
    pub title: String,
    /// Text that followed the title on the same line up to the end of the title sentence
    /// (the `。` ending an inline heading); empty when none.
    pub title_tail: String,
    /// Source ranges of label + title (+ tail).
    pub src: Vec<SrcRange>,
    pub blocks: Vec<Block>,
    pub children: Vec<Section>,
    /// Topics this section is about (ids from [`catalog::TOPICS`]), strongest first, with the
    /// score that put them there (its own heading and paragraphs, not its children).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<TopicScore>,
}

/// A topic assigned to a section, with its score (sum of matched keyword weights).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TopicScore {
    pub topic: String,
    pub score: f32,
}

/// A unit of body content.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    Paragraph(Paragraph),
    /// Index into [`PlanDocument::indicator_tables`].
    IndicatorTable {
        index: u32,
    },
    /// Index into [`PlanDocument::key_projects`].
    KeyProject {
        index: u32,
    },
    /// Index into [`PlanDocument::task_tables`].
    TaskTable {
        index: u32,
    },
    /// A table the parser could not type: rows of cells as printed.
    Table(GenericTable),
}

/// What a front-matter or appendix paragraph is, when it is not body text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ParagraphRole {
    /// The notice wrapper's headline (关于印发…的通知).
    NoticeTitle,
    /// 文号 line.
    DocNumber,
    /// 主送机关 (各镇人民政府…:).
    Addressee,
    /// Signature (issuing body).
    Signature,
    /// Date line.
    Date,
    /// The plan's title block.
    Title,
    /// A 目录 (table of contents) line.
    Toc,
    /// Page metadata kept as document text (发布时间 lines that are not chrome, 信息名称 …).
    PageMeta,
    /// 版记: 公开方式, 抄送, 印发 lines.
    Imprint,
    /// Caption of a table or attachment.
    Caption,
    /// A `——` bullet.
    Bullet,
    /// An item of a list inside an article (第X条's （一）（二）…, 1. 2. …): numbered like a
    /// heading, but part of the article's text.
    ListItem,
    /// An item inside a 重点工程 box (kept in the box, listed here only for completeness).
    BoxItem,
}

/// A paragraph, exactly as printed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Paragraph {
    /// `<section id>p<n>`.
    pub id: String,
    pub text: String,
    pub src: Vec<SrcRange>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<ParagraphRole>,
    /// Topic ids of this paragraph ([`catalog::TOPICS`]), strongest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<String>,
}

/// An attachment (附件, 附表, 附录) after the body.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Attachment {
    /// `A1`, `A2`, …
    pub id: String,
    pub title: String,
    pub blocks: Vec<Block>,
    /// In a notice carrying several documents: the id of the part (a [`SectionKind::Part`]
    /// section) whose attachment this is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part: Option<String>,
}

/// A cell of a table, as printed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    pub text: String,
    pub src: Vec<SrcRange>,
}

/// A table whose columns the parser did not recognise.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GenericTable {
    pub id: String,
    pub caption: Option<Cell>,
    pub rows: Vec<Vec<Cell>>,
}

/// Comparator of a target: `>=` (以上, 至少, 不少于, 不低于, ≥), `<=` (以下, 不超过, ≤),
/// `~` (左右, 约), `=` (达到, plain counts).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Comparator {
    #[serde(rename = ">=")]
    Ge,
    #[serde(rename = "<=")]
    Le,
    #[serde(rename = "~")]
    About,
    #[default]
    #[serde(rename = "=")]
    Eq,
}

impl Comparator {
    pub fn as_str(self) -> &'static str {
        match self {
            Comparator::Ge => ">=",
            Comparator::Le => "<=",
            Comparator::About => "~",
            Comparator::Eq => "=",
        }
    }
    /// The symbol shown to readers (≥ ≤ ≈ =).
    pub fn symbol(self) -> &'static str {
        match self {
            Comparator::Ge => "≥",
            Comparator::Le => "≤",
            Comparator::About => "≈",
            Comparator::Eq => "=",
        }
    }
}

/// 约束性 (binding) or 预期性 (expected).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Attribute {
    /// 约束性.
    Binding,
    /// 预期性.
    Expected,
}

impl Attribute {
    pub fn label_zh(self) -> &'static str {
        match self {
            Attribute::Binding => "约束性",
            Attribute::Expected => "预期性",
        }
    }
}

/// A value cell of an indicator table, as printed, with its reading when it is numeric.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct IndicatorValue {
    /// As printed (`≥100`, `保持高水平`, `1.5万`).
    pub text: String,
    /// The number, multipliers applied (`1.5万` → 15000), when the cell is numeric.
    pub number: Option<f64>,
    /// The comparator printed in the cell (`≥100` → `>=`); `=` for a bare number.
    pub comparator: Option<Comparator>,
    pub src: Vec<SrcRange>,
}

/// One row of a 主要指标 table.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    /// `<table id>r<n>`.
    pub id: String,
    /// Name as printed, with the unit suffix `(%)` removed.
    pub name: String,
    /// Unit (`%`, `个`), taken from the name or the header.
    pub unit: Option<String>,
    pub baseline_year: Option<u16>,
    pub baseline: Option<IndicatorValue>,
    pub target_year: Option<u16>,
    pub target: Option<IndicatorValue>,
    pub attribute: Option<Attribute>,
    /// Every printed cell of the row, in order.
    pub cells: Vec<Cell>,
    /// The canonical indicator this row states ([`catalog::INDICATORS`]), when recognised.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub canonical: Option<String>,
}

/// A 主要指标 table.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct IndicatorTable {
    /// `T1`, `T2`, …
    pub id: String,
    /// Section that holds the table (`0` for the front matter).
    pub section_id: String,
    pub caption: Option<Cell>,
    /// Header cells as printed.
    pub header: Vec<Cell>,
    pub rows: Vec<Indicator>,
}

/// A boxed 重点工程 (or 专栏) block.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct KeyProject {
    /// `K1`, `K2`, …
    pub id: String,
    pub section_id: String,
    /// `重点工程一`.
    pub label: String,
    pub title: String,
    pub src: Vec<SrcRange>,
    /// Numbered items; each is a paragraph with id `<project id>i<n>`.
    pub items: Vec<Paragraph>,
}

/// One row of a responsibility table (序号/项目名称/目标任务/责任部门).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TaskRow {
    /// `<table id>r<n>`.
    pub id: String,
    /// 序号.
    pub no: u32,
    /// 项目名称 as printed.
    pub name: String,
    /// 目标任务 as printed (may be empty).
    pub goal: String,
    /// 责任部门 as printed.
    pub departments: String,
    /// Departments before 牵头.
    pub lead: Vec<String>,
    /// Departments listed before 按职责分工负责.
    pub support: Vec<String>,
    /// The printed cells (序号, 项目名称, 目标任务, 责任部门).
    pub cells: Vec<Cell>,
}

/// A responsibility table.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TaskTable {
    /// `R1`, `R2`, …
    pub id: String,
    /// Section or attachment that holds the table.
    pub section_id: String,
    pub caption: Option<Cell>,
    pub header: Vec<Cell>,
    pub rows: Vec<TaskRow>,
}

/// Where a number was read: a paragraph (or box item) and a span in its text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Anchor {
    /// Paragraph id (`3.1.1p2`, `K1i1`).
    pub paragraph: String,
    /// The section that holds the paragraph (`3.1.1`, `0`).
    pub section: String,
    /// Span of the value (number + unit) in the paragraph text.
    pub span: TextSpan,
}

/// A number stated in prose: a base statistic or a target.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    /// `S<n>` for base statistics, `G<n>` for targets.
    pub id: String,
    /// The clause the number was read from, as printed.
    pub text: String,
    /// What is counted or measured, as read from the clause (a best effort).
    pub metric: String,
    /// The number token as printed (`2.34万`, `1-2`, `3200` for a printed `32 00`).
    pub value: String,
    /// The number with multipliers applied, for charts (`2.34万` → 23400; a range → its lower end).
    pub number: Option<f64>,
    /// The upper end of a range, multipliers applied (`1-2` → 2, `0.15%-0.2%` → 0.2, `一两项` →
    /// 2); absent for a single value. A range keeps both ends: `number` ..= `upper`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upper: Option<f64>,
    /// The unit as printed (`%`, `所`, `学时`), with a full-width `％` given as `%`; a classifier
    /// before a unit of measure is not the unit (`72个学时` → `学时`).
    pub unit: Option<String>,
    pub comparator: Comparator,
    pub year: Option<u16>,
    pub anchor: Anchor,
    /// Topic ids this number is about (filled by classification; may be empty).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<String>,
    /// The canonical indicator this number states ([`catalog::INDICATORS`]), when recognised.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub canonical: Option<String>,
}

/// A fragment of the source that is not document text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Removed {
    pub kind: RemovedKind,
    /// As printed.
    pub text: String,
    pub src: SrcRange,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RemovedKind {
    /// A whole line of web-page chrome (breadcrumbs, 扫一扫…, 返回顶部, share widgets).
    Chrome,
    /// A page-number artefact glued to a line start (`12、`).
    PageNumber,
}

/// Severity of a diagnostic.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Something the parser decided on a heuristic; worth a look.
    Info,
    /// Something probably wrong in the source or the parse.
    Warning,
}

/// Something the parser was unsure of. `rule` is stable; `message` is for people.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    pub src: Option<SrcRange>,
}

// ---------------------------------------------------------------------------------------------
// helpers
// ---------------------------------------------------------------------------------------------

impl PlanDocument {
    /// Visit every section depth-first in document order.
    pub fn walk_sections(&self) -> Vec<&Section> {
        fn rec<'a>(s: &'a [Section], out: &mut Vec<&'a Section>) {
            for x in s {
                out.push(x);
                rec(&x.children, out);
            }
        }
        let mut out = Vec::new();
        rec(&self.sections, &mut out);
        out
    }

    /// Find a section by id.
    pub fn section(&self, id: &str) -> Option<&Section> {
        self.walk_sections().into_iter().find(|s| s.id == id)
    }

    /// The library card for this plan.
    pub fn index_entry(&self) -> IndexEntry {
        let sections = self.walk_sections();
        let mut paragraphs = 0u32;
        let count_paras = |blocks: &[Block]| {
            blocks
                .iter()
                .filter(|b| matches!(b, Block::Paragraph(_)))
                .count() as u32
        };
        paragraphs += count_paras(&self.front);
        for s in &sections {
            paragraphs += count_paras(&s.blocks);
        }
        for a in &self.appendix {
            paragraphs += count_paras(&a.blocks);
        }
        IndexEntry {
            id: self.id.clone(),
            hash: String::new(),
            title: self.metadata.title.clone(),
            kind: self.metadata.kind,
            region: self.metadata.region.clone(),
            issuer: self.metadata.issuer.clone(),
            doc_number: self.metadata.doc_number.clone(),
            issued_date: self.metadata.issued_date.clone(),
            published_date: self.metadata.published_date.clone(),
            period: self.metadata.period,
            counts: Counts {
                sections: sections.len() as u32,
                indicators: self
                    .indicator_tables
                    .iter()
                    .map(|t| t.rows.len() as u32)
                    .sum(),
                targets: self.targets.len() as u32,
                key_projects: self.key_projects.len() as u32,
                tasks: self.task_tables.iter().map(|t| t.rows.len() as u32).sum(),
                paragraphs,
            },
        }
    }
}

/// The section id that owns a paragraph id (`3.1.2p4` → `3.1.2`, `K1i2` → `K1`).
pub fn paragraph_section(paragraph_id: &str) -> &str {
    match paragraph_id.rfind(['p', 'i']) {
        Some(i) if i > 0 => &paragraph_id[..i],
        _ => paragraph_id,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_display_collapses_municipality() {
        let r = Region {
            province: Some("天津市".into()),
            city: Some("天津市".into()),
            county: Some("和平区".into()),
        };
        assert_eq!(r.display(), "天津市 和平区");
        assert_eq!(r.short(), Some("和平区"));
    }

    #[test]
    fn comparator_wire_spelling() {
        assert_eq!(serde_json::to_string(&Comparator::Ge).unwrap(), "\">=\"");
        assert_eq!(
            serde_json::from_str::<Comparator>("\"~\"").unwrap(),
            Comparator::About
        );
    }

    #[test]
    fn kind_round_trip() {
        for k in PlanKind::ALL {
            assert_eq!(PlanKind::from_str_opt(k.as_str()), Some(k));
            let json = serde_json::to_string(&k).unwrap();
            assert_eq!(json, format!("\"{}\"", k.as_str()));
        }
    }

    #[test]
    fn edited_fields_wire_spelling_and_absence() {
        for f in EditedField::ALL {
            assert_eq!(
                serde_json::to_string(&f).unwrap(),
                format!("\"{}\"", f.as_str())
            );
        }
        let m = Metadata::default();
        let json = serde_json::to_string(&m).unwrap();
        assert!(!json.contains("edited"), "absent when empty: {json}");
        let back: Metadata = serde_json::from_str(&json).unwrap();
        assert!(back.edited.is_empty(), "older files read as not edited");
        let m = Metadata {
            edited: vec![EditedField::DocNumber, EditedField::IssuedDate],
            ..Metadata::default()
        };
        let json = serde_json::to_string(&m).unwrap();
        assert!(
            json.contains(r#""edited":["doc_number","issued_date"]"#),
            "{json}"
        );
    }

    #[test]
    fn paragraph_section_of_ids() {
        assert_eq!(paragraph_section("3.1.2p4"), "3.1.2");
        assert_eq!(paragraph_section("0p1"), "0");
        assert_eq!(paragraph_section("K1i2"), "K1");
    }

    #[test]
    fn block_tagging() {
        let b = Block::KeyProject { index: 2 };
        assert_eq!(
            serde_json::to_string(&b).unwrap(),
            r#"{"type":"key_project","index":2}"#
        );
    }
}
