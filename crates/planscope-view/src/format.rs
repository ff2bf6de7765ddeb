//! How model values are shown to readers (zh-CN). Pure functions, unit-tested natively.

use planscope_model::{Counts, IndexEntry, Metadata, Period};

/// The app's name, used in page titles.
pub const APP_NAME: &str = "规划透视";

/// `2021—2025年`; a single year is `2022年`.
pub fn period_zh(period: Option<Period>) -> Option<String> {
    let p = period?;
    Some(if p.start == p.end {
        format!("{}年", p.start)
    } else {
        format!("{}—{}年", p.start, p.end)
    })
}

/// `2022-06-13` → `2022年6月13日`. Anything that is not an ISO date is shown as it is.
pub fn date_zh(iso: &str) -> String {
    let mut parts = iso.splitn(3, '-');
    let (Some(y), Some(m), Some(d)) = (parts.next(), parts.next(), parts.next()) else {
        return iso.to_owned();
    };
    match (y.parse::<u16>(), m.parse::<u8>(), d.parse::<u8>()) {
        (Ok(y), Ok(m @ 1..=12), Ok(d @ 1..=31)) if y >= 1000 => format!("{y}年{m}月{d}日"),
        _ => iso.to_owned(),
    }
}

/// A labelled fact about a plan (`发布机关` → `揭阳市人民政府办公室`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fact {
    pub label: &'static str,
    pub value: String,
}

fn fact(label: &'static str, value: Option<String>) -> Option<Fact> {
    value
        .filter(|v| !v.trim().is_empty())
        .map(|value| Fact { label, value })
}

/// The short line under a title in the library: region · kind · period.
pub fn card_tags(entry: &IndexEntry) -> Vec<String> {
    let region = entry.region.display();
    [
        Some(region).filter(|r| !r.is_empty()),
        Some(entry.kind.label_zh().to_owned()),
        period_zh(entry.period).map(|p| format!("规划期 {p}")),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// The facts listed on a library card.
pub fn card_facts(entry: &IndexEntry) -> Vec<Fact> {
    [
        fact("发布机关", entry.issuer.clone()),
        fact("文号", entry.doc_number.clone()),
        // The library sorts by publication date, else date of issue: show whichever it used.
        fact("发布日期", entry.published_date.as_deref().map(date_zh))
            .or_else(|| fact("成文日期", entry.issued_date.as_deref().map(date_zh))),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// The facts listed at the top of a plan page.
pub fn plan_facts(meta: &Metadata) -> Vec<Fact> {
    let region = meta.region.display();
    [
        fact("地区", Some(region)),
        fact("类型", Some(meta.kind.label_zh().to_owned())),
        fact("规划期", period_zh(meta.period)),
        fact("发布机关", meta.issuer.clone()),
        fact("文号", meta.doc_number.clone()),
        fact("成文日期", meta.issued_date.as_deref().map(date_zh)),
        fact("发布日期", meta.published_date.as_deref().map(date_zh)),
        fact("来源网站", meta.source_site.clone()),
        fact("编辑校订", edited_zh(meta)),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// The fields an editor corrected in the plan's sidecar file (`标题、文号`), so a reader knows
/// they were not read from the text; `None` when nothing was edited.
pub fn edited_zh(meta: &Metadata) -> Option<String> {
    let labels: Vec<&str> = meta.edited.iter().map(|f| f.label_zh()).collect();
    (!labels.is_empty()).then(|| labels.join("、"))
}

/// `36 个章节 · 12 项指标 · 7 个重点工程`; counts of zero are left out. Empty when all are zero.
pub fn counts_zh(counts: &Counts) -> String {
    [
        (counts.sections, "个章节"),
        (counts.indicators, "项指标"),
        (counts.targets, "个数字目标"),
        (counts.key_projects, "个重点工程"),
        (counts.tasks, "项任务分工"),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, unit)| format!("{n} {unit}"))
    .collect::<Vec<_>>()
    .join(" · ")
}

/// `<page> · 规划透视`, or just the app name.
pub fn page_title(page: Option<&str>) -> String {
    match page.map(str::trim).filter(|p| !p.is_empty()) {
        Some(p) => format!("{p} · {APP_NAME}"),
        None => APP_NAME.to_owned(),
    }
}

/// A plan's title as shown, or a placeholder when the parser found none (`（未识别标题）`).
pub fn display_title(title: &str) -> String {
    if title.trim().is_empty() {
        "（未识别标题）".to_owned()
    } else {
        title.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use planscope_model::{EditedField, PlanKind, Region};

    #[test]
    fn periods() {
        assert_eq!(
            period_zh(Some(Period {
                start: 2021,
                end: 2025
            }))
            .unwrap(),
            "2021—2025年"
        );
        assert_eq!(
            period_zh(Some(Period {
                start: 2022,
                end: 2022
            }))
            .unwrap(),
            "2022年"
        );
        assert_eq!(period_zh(None), None);
    }

    #[test]
    fn dates() {
        assert_eq!(date_zh("2022-06-13"), "2022年6月13日");
        assert_eq!(date_zh("2023-10-27"), "2023年10月27日");
        for kept in [
            "",
            "2022",
            "2022-13-01",
            "20211011",
            "2022-06-13T10:00",
            "明天",
        ] {
            assert_eq!(date_zh(kept), kept, "{kept:?}");
        }
    }

    fn jieyang() -> IndexEntry {
        IndexEntry {
            id: "jieyang-2023-2027".into(),
            hash: String::new(),
            title: "揭阳市“百县千镇万村高质量发展工程”教育行动方案(2023-2027年)".into(),
            kind: PlanKind::ActionPlan,
            region: Region {
                province: Some("广东省".into()),
                city: Some("揭阳市".into()),
                county: None,
            },
            issuer: Some("揭阳市人民政府办公室".into()),
            doc_number: Some("揭府办函〔2023〕58号".into()),
            issued_date: Some("2023-09-04".into()),
            published_date: Some("2023-10-27".into()),
            period: Some(Period {
                start: 2023,
                end: 2027,
            }),
            counts: Counts {
                sections: 30,
                tasks: 22,
                ..Counts::default()
            },
        }
    }

    #[test]
    fn library_card() {
        let e = jieyang();
        assert_eq!(
            card_tags(&e),
            ["广东省 揭阳市", "行动方案", "规划期 2023—2027年"]
        );
        let facts: Vec<_> = card_facts(&e)
            .into_iter()
            .map(|f| (f.label, f.value))
            .collect();
        assert_eq!(
            facts,
            [
                ("发布机关", "揭阳市人民政府办公室".to_owned()),
                ("文号", "揭府办函〔2023〕58号".to_owned()),
                ("发布日期", "2023年10月27日".to_owned()),
            ]
        );
        assert_eq!(counts_zh(&e.counts), "30 个章节 · 22 项任务分工");
    }

    #[test]
    fn a_card_with_nothing_known_still_has_a_kind() {
        let e = IndexEntry {
            id: "x".into(),
            ..IndexEntry::default()
        };
        assert_eq!(card_tags(&e), ["其他"]);
        let issued_only = IndexEntry {
            issued_date: Some("2022-07-03".into()),
            ..e.clone()
        };
        let facts: Vec<_> = card_facts(&issued_only)
            .into_iter()
            .map(|f| (f.label, f.value))
            .collect();
        assert_eq!(facts, [("成文日期", "2022年7月3日".to_owned())]);
        assert!(card_facts(&e).is_empty());
        assert_eq!(counts_zh(&e.counts), "");
    }

    #[test]
    fn plan_page_facts_skip_unknown_values() {
        let meta = Metadata {
            title: "清远市2022年教育工作要点".into(),
            kind: PlanKind::AnnualWorkPoints,
            region: Region {
                province: Some("广东省".into()),
                city: Some("清远市".into()),
                county: None,
            },
            issuer: Some("清远市教育局".into()),
            published_date: Some("2022-03-28".into()),
            period: Some(Period {
                start: 2022,
                end: 2022,
            }),
            doc_number: Some("  ".into()),
            ..Metadata::default()
        };
        let labels: Vec<_> = plan_facts(&meta).into_iter().map(|f| f.label).collect();
        assert_eq!(labels, ["地区", "类型", "规划期", "发布机关", "发布日期"]);
    }

    #[test]
    fn edited_fields_are_named() {
        let mut meta = Metadata::default();
        assert_eq!(edited_zh(&meta), None);
        meta.edited = vec![EditedField::Title, EditedField::DocNumber];
        assert_eq!(edited_zh(&meta).as_deref(), Some("标题、文号"));
        let last = plan_facts(&meta).pop().unwrap();
        assert_eq!(
            (last.label, last.value.as_str()),
            ("编辑校订", "标题、文号")
        );
    }

    #[test]
    fn titles() {
        assert_eq!(page_title(None), "规划透视");
        assert_eq!(page_title(Some(" ")), "规划透视");
        assert_eq!(page_title(Some("规划概览")), "规划概览 · 规划透视");
    }
}
