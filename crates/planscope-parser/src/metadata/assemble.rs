//! The document's metadata, decided in one place from the roles the structure pass gave the
//! front and back matter and the chrome it removed ([`Evidence`]).
//!
//! | field | sources, in order |
//! |---|---|
//! | `title` | a notice carrying several documents: the document named in its headline; a wrapper notice (印发/转发): the first printed title block after the headline, else the title in the headline (《》, or after the carrying verb); otherwise the first printed title block (a headline that is not a wrapper is one); the info box's 标题; the first front line |
//! | `notice_title` | the wrapper headline (joined when printed over two lines) |
//! | `issuer` (发文机关) | the signature block (front, then a trailing one after the body); the issuer at the start of the notice headline or of a headline title (`X关于…`, `X转发…`); the info box's 发文机关/发布机构; the site's name in its header; a `来源:` naming an organisation |
//! | `issued_date` (成文日期) | the date under the signature block (front, then trailing); a lone or parenthesised date line in the front matter (`（2017年08月14日）` under the title, a date under the notice with no signer); the info box's 成文日期 |
//! | `doc_number` (文号) | a 文号 line of the front matter (bare or parenthesised); the info box's 文号; a 文号 in chrome or a short front line |
//! | `published_date` | a 发布时间/发布日期/生成日期 in chrome, else in the front matter |
//! | `kind` | [`kind_of`] the title, else of the title in the notice headline |
//! | `period` | the title's years or 十四五; a 2035 plan from its issue year to 2035; the preamble's; a single year in the title |
//! | `region` | [`crate::region_data::infer_region`] from title, issuer, 文号 and text |

use planscope_model::{Block, Paragraph, ParagraphRole, Period, PlanDocument, PlanKind};

use super::info_box::{self, Field};
use super::{
    date_after_key, date_line, find_doc_number, headline, headline_issuer, is_notice_title,
    is_org_name, kind_of, period_in, single_year, source_org, title_from_notice, unparenthesised,
};
use crate::chrome::Rule;
use crate::structure::Evidence;
use crate::text::fold_str;

fn folded(s: &str) -> Vec<char> {
    fold_str(s).chars().collect()
}

fn paragraphs(blocks: &[Block]) -> Vec<&Paragraph> {
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(p),
            _ => None,
        })
        .collect()
}

/// The date under a signature block among `ps`.
fn signed_date(ps: &[&Paragraph]) -> Option<String> {
    (1..ps.len())
        .find(|&i| {
            ps[i].role == Some(ParagraphRole::Date)
                && ps[i - 1].role == Some(ParagraphRole::Signature)
        })
        .and_then(|i| date_line(&folded(&ps[i].text)))
}

fn signature(ps: &[&Paragraph]) -> Option<String> {
    let sig: Vec<&str> = ps
        .iter()
        .filter(|p| p.role == Some(ParagraphRole::Signature))
        .map(|p| p.text.as_str())
        .collect();
    (!sig.is_empty()).then(|| sig.join(" "))
}

fn year_of(date: &Option<String>) -> Option<u16> {
    date.as_deref()
        .and_then(|d| d.get(..4))
        .and_then(|y| y.parse().ok())
}

/// Fill `doc.metadata` from the document's roles and the evidence.
pub fn assemble(doc: &mut PlanDocument, ev: &Evidence) {
    let front = paragraphs(&doc.front);
    let back = paragraphs(&doc.back);
    let info: Vec<(Field, String)> = ev
        .chrome
        .iter()
        .filter(|c| matches!(c.rule, Rule::InfoHeader | Rule::SourceLine))
        .flat_map(|c| info_box::fields(&c.printed, &c.folded))
        .collect();
    let info_field = |f: Field| info.iter().find(|(g, _)| *g == f).map(|(_, v)| v.clone());

    // the wrapper headline, joined when it spans two lines
    let notice: Option<String> = front
        .iter()
        .position(|p| p.role == Some(ParagraphRole::NoticeTitle))
        .map(|i| {
            let mut s = front[i].text.clone();
            if front
                .get(i + 1)
                .is_some_and(|n| n.role == Some(ParagraphRole::NoticeTitle))
                && !is_notice_title(&folded(&front[i].text))
            {
                s.push_str(&front[i + 1].text);
            }
            s
        });
    let notice_folded = notice.as_deref().map(folded);
    let from_notice: Option<String> = notice.as_ref().and_then(|n| {
        let f = notice_folded.as_deref().unwrap_or_default();
        let (a, b) = title_from_notice(f)?;
        Some(n.chars().skip(a).take(b - a).collect())
    });

    // title
    let first_block = ev.title_blocks.first().map(|(t, _)| t.clone());
    let after_notice = ev
        .title_blocks
        .iter()
        .find(|(_, after)| *after)
        .map(|(t, _)| t.clone());
    let title = if ev.part_titles.len() > 1 && from_notice.is_some() {
        from_notice.clone()
    } else if notice.is_some() {
        after_notice.or(from_notice.clone()).or(first_block)
    } else {
        first_block
    }
    .or_else(|| info_field(Field::Title))
    .or_else(|| front.first().map(|p| p.text.clone()))
    .unwrap_or_default();

    // issuer
    let headline_org = |text: &str| -> Option<String> {
        let f = folded(text);
        headline(&f)?;
        let (a, b) = headline_issuer(&f)?;
        Some(text.chars().skip(a).take(b - a).collect())
    };
    let site = || {
        ev.chrome
            .iter()
            .find(|c| c.rule == Rule::SiteHeader && is_org_name(&c.folded))
            .map(|c| c.printed.iter().collect::<String>())
            .or_else(|| {
                ev.chrome
                    .iter()
                    .find_map(|c| source_org(&c.printed, &c.folded))
            })
    };
    let issuer = signature(&front)
        .or_else(|| signature(&back))
        .or_else(|| notice.as_deref().and_then(headline_org))
        .or_else(|| headline_org(&title))
        .or_else(|| info_field(Field::Issuer))
        .or_else(site);

    // dates
    let issued_date = signed_date(&front)
        .or_else(|| signed_date(&back))
        .or_else(|| {
            front
                .iter()
                .filter(|p| p.role == Some(ParagraphRole::Date))
                .find_map(|p| date_line(&folded(&p.text)))
        })
        .or_else(|| {
            info_field(Field::Issued).and_then(|v| {
                let f = folded(&v);
                super::date_at(&f, 0).map(|(d, _)| d)
            })
        });
    let keys = ["发布时间", "发布日期", "生成日期", "发文日期"];
    let published_date = ev
        .chrome
        .iter()
        .find_map(|c| date_after_key(&c.folded, &keys))
        .or_else(|| {
            front
                .iter()
                .find_map(|p| date_after_key(&folded(&p.text), &keys))
        });

    // 文号
    let number_in = |text: &str| -> Option<String> {
        let f = folded(text);
        let (a, b) = find_doc_number(&f)?;
        Some(text.chars().skip(a).take(b - a).collect())
    };
    let doc_number = front
        .iter()
        .find(|p| p.role == Some(ParagraphRole::DocNumber))
        .and_then(|p| {
            let f = folded(&p.text);
            let inner = unparenthesised(&f);
            let skip = if inner.len() < f.len() { 1 } else { 0 };
            let printed: String = p.text.chars().skip(skip).take(inner.len()).collect();
            number_in(&printed)
        })
        .or_else(|| info_field(Field::DocNumber).and_then(|v| number_in(&v)))
        .or_else(|| {
            // chrome (an info header's 文号 field) and short front lines; a long paragraph
            // citing another document's 文号 is not this document's number
            ev.chrome
                .iter()
                .map(|c| c.printed.iter().collect::<String>())
                .chain(
                    front
                        .iter()
                        .filter(|p| p.text.chars().count() <= 40)
                        .map(|p| p.text.clone()),
                )
                .find_map(|t| number_in(&t))
        });
    let source_site = ev
        .chrome
        .iter()
        .find(|c| c.rule == Rule::Url)
        .map(|c| c.printed.iter().collect());

    // kind and period
    let title_chars = folded(&title);
    let mut kind = kind_of(&title_chars);
    if kind == PlanKind::Other {
        if let Some(t) = &from_notice {
            kind = kind_of(&folded(t));
        }
    }
    let mut period = period_in(&title_chars);
    if period.is_none() && kind == PlanKind::Modernization2035 {
        period = year_of(&issued_date)
            .or(year_of(&published_date))
            .or(single_year(&title_chars).filter(|&y| y != 2035))
            .map(|start| Period { start, end: 2035 });
    }
    if period.is_none() {
        // the preamble often states it: “十四五”时期(2021~2025年)
        let front_text: String = front
            .iter()
            .filter(|p| p.role.is_none())
            .map(|p| p.text.as_str())
            .collect();
        period = period_in(&folded(&front_text))
            .or_else(|| single_year(&title_chars).map(|y| Period { start: y, end: y }));
    }

    // region
    let mut sample = String::new();
    for b in doc
        .front
        .iter()
        .chain(doc.sections.iter().flat_map(|s| s.blocks.iter()))
    {
        if let Block::Paragraph(p) = b {
            sample.push_str(&p.text);
            if sample.len() > 20_000 {
                break;
            }
        }
    }
    let region =
        crate::region_data::infer_region(&title, issuer.as_deref(), doc_number.as_deref(), &sample);

    let md = &mut doc.metadata;
    md.title = title;
    md.notice_title = notice;
    md.kind = kind;
    md.region = region;
    md.issuer = issuer;
    md.doc_number = doc_number;
    md.issued_date = issued_date;
    md.published_date = published_date;
    md.period = period;
    md.source_site = source_site;
}
