//! Static catalogues shared by the parser (which assigns ids) and the app (which shows names):
//! the education-plan topic taxonomy and the canonical indicators.

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

/// The topics, in display order.
pub const TOPICS: &[TopicInfo] = &[];

/// The canonical indicators, in display order.
pub const INDICATORS: &[IndicatorInfo] = &[];

/// Look a topic up by id.
pub fn topic(id: &str) -> Option<&'static TopicInfo> {
    TOPICS.iter().find(|t| t.id == id)
}

/// Look a canonical indicator up by id.
pub fn indicator(id: &str) -> Option<&'static IndicatorInfo> {
    INDICATORS.iter().find(|t| t.id == id)
}
