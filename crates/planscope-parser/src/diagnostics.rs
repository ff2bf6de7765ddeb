//! Diagnostic rule ids: what the parser decided on a heuristic or found suspicious.
//!
//! The ids are stable (tests, the CLI's reports and readers of the JSON match on them); the
//! model carries them as strings ([`planscope_model::Diagnostic::rule`]), the parser only ever
//! names them through [`Rule`].

use planscope_model::{Diagnostic, Severity, SrcRange};

/// A diagnostic rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Rule {
    /// `page-artefacts`: sequential `N、` page numbers of a sharing-site preview were removed.
    PageArtefacts,
    /// `toc-skipped`: lines of a 目录 copy are not headings.
    TocSkipped,
    /// `glued-heading`: a heading glued to the end of a paragraph was split out.
    GluedHeading,
    /// `heading-run-on`: a heading ran into its body; the title ends before a clause opener.
    HeadingRunOn,
    /// `heading-run-on-unsure`: the same, with no clause opener found.
    HeadingRunOnUnsure,
    /// `heading-number-gap`: a heading number skips one.
    HeadingNumberGap,
    /// `heading-new-part`: 一、 restarts, a new part begins.
    HeadingNewPart,
    /// `no-headings`: no numbered body heading was found.
    NoHeadings,
    /// `internal-coverage`: the text accounting is off (a bug if ever seen).
    InternalCoverage,
}

impl Rule {
    /// Every rule.
    pub const ALL: [Rule; 9] = [
        Rule::PageArtefacts,
        Rule::TocSkipped,
        Rule::GluedHeading,
        Rule::HeadingRunOn,
        Rule::HeadingRunOnUnsure,
        Rule::HeadingNumberGap,
        Rule::HeadingNewPart,
        Rule::NoHeadings,
        Rule::InternalCoverage,
    ];

    /// The stable id (`page-artefacts`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::PageArtefacts => "page-artefacts",
            Rule::TocSkipped => "toc-skipped",
            Rule::GluedHeading => "glued-heading",
            Rule::HeadingRunOn => "heading-run-on",
            Rule::HeadingRunOnUnsure => "heading-run-on-unsure",
            Rule::HeadingNumberGap => "heading-number-gap",
            Rule::HeadingNewPart => "heading-new-part",
            Rule::NoHeadings => "no-headings",
            Rule::InternalCoverage => "internal-coverage",
        }
    }

    /// How serious a finding of this rule is.
    pub fn severity(self) -> Severity {
        match self {
            Rule::HeadingRunOnUnsure
            | Rule::HeadingNumberGap
            | Rule::NoHeadings
            | Rule::InternalCoverage => Severity::Warning,
            _ => Severity::Info,
        }
    }

    /// A diagnostic of this rule.
    pub fn diagnostic(self, message: String, src: Option<SrcRange>) -> Diagnostic {
        Diagnostic {
            rule: self.as_str().to_string(),
            severity: self.severity(),
            message,
            src,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_distinct_kebab_case() {
        let ids: std::collections::BTreeSet<_> = Rule::ALL.iter().map(|r| r.as_str()).collect();
        assert_eq!(ids.len(), Rule::ALL.len());
        assert!(ids
            .iter()
            .all(|s| s.chars().all(|c| c.is_ascii_lowercase() || c == '-')));
    }
}
