//! The editor's sidecar file: `<stem>.toml` beside `<stem>.txt` corrects metadata the parser got
//! wrong, so a plan can be published right while the parser rule is fixed.
//!
//! ```toml
//! # seeds/guangzhou-conghua-2021-2025.toml — every key is optional
//! title = "广州市从化区教育事业发展“十四五”规划(2021—2025年)"
//! issuer = "广州市从化区人民政府办公室"        # 发文机关
//! doc_number = "从府办〔2022〕10号"            # 文号
//! issued_date = "2022-06-13"                  # 成文日期, YYYY-MM-DD (a TOML date works too)
//! published_date = 2022-06-27                 # 发布日期
//! kind = "five_year_plan"                     # a PlanKind wire spelling
//! period = { start = 2021, end = 2025 }       # first and last plan year
//! region = { province = "广东省", city = "广州市", county = "从化区" }
//! ```
//!
//! Rules (each broken rule is a build error naming the file, the line and the key):
//! * only the keys above (`deny_unknown_fields`; in `region` and `period` too);
//! * strings are not empty; dates are exactly `YYYY-MM-DD` and real days (read with the `time`
//!   crate: `2022-6-1` and `2022-02-30` are refused), given as a string or a TOML local date;
//! * `kind` is one of [`PlanKind::ALL`]'s wire spellings;
//! * `period` years are 1900–2100 and `end` is not before `start`;
//! * `region` replaces the parser's region as a whole (a part left out is empty).
//!
//! [`apply`] sets the fields after parsing, records them in `metadata.edited`, and returns what
//! the parser had for the build report. The sidecar corrects metadata only; it does not re-run
//! the parser's passes (for example the year given to targets of an annual plan).

use std::path::{Path, PathBuf};

use planscope_model::{EditedField, Period, PlanDocument, PlanKind, Region};
use serde::Deserialize;

/// A parsed, not yet validated sidecar file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    title: Option<String>,
    issuer: Option<String>,
    doc_number: Option<String>,
    issued_date: Option<toml::Value>,
    published_date: Option<toml::Value>,
    region: Option<RawRegion>,
    kind: Option<String>,
    period: Option<RawPeriod>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRegion {
    province: Option<String>,
    city: Option<String>,
    county: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPeriod {
    start: u16,
    end: u16,
}

/// A valid sidecar: the values to set.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sidecar {
    pub path: PathBuf,
    pub title: Option<String>,
    pub issuer: Option<String>,
    pub doc_number: Option<String>,
    /// ISO `YYYY-MM-DD`.
    pub issued_date: Option<String>,
    /// ISO `YYYY-MM-DD`.
    pub published_date: Option<String>,
    pub region: Option<Region>,
    pub kind: Option<PlanKind>,
    pub period: Option<Period>,
}

/// One field a sidecar set: its value before and after, as shown in the build report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Override {
    pub field: EditedField,
    pub parser_had: String,
    pub now: String,
}

/// The sidecar path for a plan text: `dir/x.txt` → `dir/x.toml`.
pub fn path_for(text: &Path) -> PathBuf {
    text.with_extension("toml")
}

/// Read the sidecar beside `text`, if there is one. The error is one line naming the file.
pub fn load(text: &Path) -> Result<Option<Sidecar>, String> {
    let path = path_for(text);
    if !path.exists() {
        return Ok(None);
    }
    let src = std::fs::read_to_string(&path)
        .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    parse(&path, &src).map(Some)
}

/// Parse and validate the text of a sidecar file (see the module docs).
pub fn parse(path: &Path, src: &str) -> Result<Sidecar, String> {
    let raw: Raw = toml::from_str(src).map_err(|e| toml_error(path, src, &e))?;
    let err = |key: &str, msg: String| format!("{}: {key}: {msg}", path.display());
    let text = |key: &str, v: Option<String>| -> Result<Option<String>, String> {
        match v {
            Some(s) if s.trim().is_empty() => Err(err(key, "is empty".into())),
            Some(s) => Ok(Some(s.trim().to_string())),
            None => Ok(None),
        }
    };
    let date = |key: &str, v: Option<toml::Value>| -> Result<Option<String>, String> {
        let Some(v) = v else { return Ok(None) };
        let s = match &v {
            toml::Value::String(s) => s.trim().to_string(),
            toml::Value::Datetime(d) => d.to_string(),
            other => {
                return Err(err(
                    key,
                    format!("{other} is not a date (write YYYY-MM-DD, e.g. 2022-06-13)"),
                ))
            }
        };
        strict_date(&s).map(Some).ok_or_else(|| {
            err(
                key,
                format!("`{s}` is not a date (write YYYY-MM-DD, e.g. 2022-06-13)"),
            )
        })
    };
    let kind = match raw.kind {
        None => None,
        Some(k) => Some(PlanKind::from_str_opt(k.trim()).ok_or_else(|| {
            let known: Vec<&str> = PlanKind::ALL.iter().map(|k| k.as_str()).collect();
            err(
                "kind",
                format!("unknown kind `{k}` (one of {})", known.join(", ")),
            )
        })?),
    };
    let period = match raw.period {
        None => None,
        Some(p) => {
            for (k, y) in [("period.start", p.start), ("period.end", p.end)] {
                if !(1900..=2100).contains(&y) {
                    return Err(err(k, format!("{y} is not a plan year (1900–2100)")));
                }
            }
            if p.end < p.start {
                return Err(err(
                    "period",
                    format!("end {} is before start {}", p.end, p.start),
                ));
            }
            Some(Period {
                start: p.start,
                end: p.end,
            })
        }
    };
    let region = match raw.region {
        None => None,
        Some(r) => {
            let r = Region {
                province: text("region.province", r.province)?,
                city: text("region.city", r.city)?,
                county: text("region.county", r.county)?,
            };
            if r == Region::default() {
                return Err(err("region", "names no province, city or county".into()));
            }
            Some(r)
        }
    };
    Ok(Sidecar {
        path: path.to_path_buf(),
        title: text("title", raw.title)?,
        issuer: text("issuer", raw.issuer)?,
        doc_number: text("doc_number", raw.doc_number)?,
        issued_date: date("issued_date", raw.issued_date)?,
        published_date: date("published_date", raw.published_date)?,
        region,
        kind,
        period,
    })
}

/// `YYYY-MM-DD`, a real day, exactly (the `time` crate's `[year]-[month]-[day]`, with a
/// four-digit year and two-digit month and day); returned as given.
fn strict_date(s: &str) -> Option<String> {
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    let ok =
        s.len() == 10 && s.as_bytes()[0].is_ascii_digit() && time::Date::parse(s, &fmt).is_ok();
    ok.then(|| s.to_string())
}

/// A TOML error as one line: `file:line: message (key `k`)`.
fn toml_error(path: &Path, src: &str, e: &toml::de::Error) -> String {
    let msg = e.message().replace('\n', " ");
    match e.span() {
        Some(span) => {
            let start = span.start.min(src.len());
            let line_no = src[..start].matches('\n').count() + 1;
            let line = src.lines().nth(line_no - 1).unwrap_or("");
            let key = line
                .split_once('=')
                .map(|(k, _)| k.trim().trim_matches(['[', ']']))
                .filter(|k| !k.is_empty() && !msg.contains(&format!("`{k}`")));
            match key {
                Some(k) => format!("{}:{line_no}: {msg} (key `{k}`)", path.display()),
                None => format!("{}:{line_no}: {msg}", path.display()),
            }
        }
        None => format!("{}: {msg}", path.display()),
    }
}

fn show(v: Option<&str>) -> String {
    v.map_or_else(|| "—".to_string(), |s| format!("“{s}”"))
}

fn show_region(r: &Region) -> String {
    let d = r.display();
    if d.is_empty() {
        "—".into()
    } else {
        d
    }
}

fn show_period(p: Option<Period>) -> String {
    p.map_or_else(|| "—".into(), |p| format!("{}–{}", p.start, p.end))
}

/// Set the sidecar's fields on `doc`, record them in `doc.metadata.edited`, and return each
/// override with what the parser had, in [`EditedField`] order.
pub fn apply(doc: &mut PlanDocument, sc: &Sidecar) -> Vec<Override> {
    let m = &mut doc.metadata;
    let mut out = Vec::new();
    let mut note = |field, parser_had: String, now: String| {
        out.push(Override {
            field,
            parser_had,
            now,
        })
    };
    if let Some(v) = &sc.title {
        note(EditedField::Title, show(Some(&m.title)), show(Some(v)));
        m.title = v.clone();
    }
    for (field, slot, v) in [
        (EditedField::Issuer, &mut m.issuer, &sc.issuer),
        (EditedField::DocNumber, &mut m.doc_number, &sc.doc_number),
        (EditedField::IssuedDate, &mut m.issued_date, &sc.issued_date),
        (
            EditedField::PublishedDate,
            &mut m.published_date,
            &sc.published_date,
        ),
    ] {
        if let Some(v) = v {
            note(field, show(slot.as_deref()), show(Some(v)));
            *slot = Some(v.clone());
        }
    }
    if let Some(r) = &sc.region {
        note(EditedField::Region, show_region(&m.region), show_region(r));
        m.region = r.clone();
    }
    if let Some(k) = sc.kind {
        note(EditedField::Kind, m.kind.as_str().into(), k.as_str().into());
        m.kind = k;
    }
    if let Some(p) = sc.period {
        note(
            EditedField::Period,
            show_period(m.period),
            show_period(Some(p)),
        );
        m.period = Some(p);
    }
    for o in &out {
        if !m.edited.contains(&o.field) {
            m.edited.push(o.field);
        }
    }
    m.edited.sort();
    out
}

/// The report lines for a plan's overrides: one per field, with what the parser had.
pub fn report(sc: &Sidecar, overrides: &[Override]) -> String {
    let mut s = format!("  edited by {}:", sc.path.display());
    for o in overrides {
        s.push_str(&format!(
            "\n    {} = {} (parser had {})",
            o.field.as_str(),
            o.now,
            o.parser_had
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(src: &str) -> Result<Sidecar, String> {
        parse(Path::new("seeds/x.toml"), src)
    }

    #[test]
    fn reads_every_key() {
        let sc = p(r#"
title = "某市教育事业发展规划"
issuer = "某市人民政府办公室"
doc_number = "某府办〔2022〕1号"
issued_date = "2022-06-13"
published_date = 2022-06-27
kind = "five_year_plan"
period = { start = 2021, end = 2025 }
region = { province = "广东省", city = "广州市" }
"#)
        .unwrap();
        assert_eq!(sc.issued_date.as_deref(), Some("2022-06-13"));
        assert_eq!(sc.published_date.as_deref(), Some("2022-06-27"));
        assert_eq!(sc.kind, Some(PlanKind::FiveYearPlan));
        assert_eq!(
            sc.period,
            Some(Period {
                start: 2021,
                end: 2025
            })
        );
        assert_eq!(sc.region.unwrap().county, None);
    }

    #[test]
    fn refuses_bad_input_naming_the_key() {
        for (src, needle) in [
            ("titel = \"x\"", "titel"),
            ("issued_date = \"2022-6-13\"", "issued_date"),
            ("issued_date = \"2022-02-30\"", "issued_date"),
            ("published_date = 20220613", "published_date"),
            ("kind = \"plan\"", "kind"),
            ("period = { start = 2025, end = 2021 }", "period"),
            ("period = { start = 2021 }", "end"),
            ("period = { start = 21, end = 25 }", "period.start"),
            ("region = { town = \"x\" }", "town"),
            ("title = \" \"", "title"),
            ("title = 3", "title"),
            ("title = ", "x.toml:1"),
        ] {
            let e = p(src).expect_err(src);
            assert!(e.starts_with("seeds/x.toml"), "names the file: {e}");
            assert!(e.contains(needle), "{src}: names {needle}: {e}");
            assert_eq!(e.lines().count(), 1, "one line: {e}");
        }
    }

    #[test]
    fn apply_marks_fields_and_reports_the_parser_value() {
        let mut doc = PlanDocument::default();
        doc.metadata.title = "错标题".into();
        doc.metadata.issuer = None;
        let sc = p("title = \"对的标题\"\nissuer = \"某局\"\nkind = \"action_plan\"").unwrap();
        let o = apply(&mut doc, &sc);
        assert_eq!(doc.metadata.title, "对的标题");
        assert_eq!(doc.metadata.issuer.as_deref(), Some("某局"));
        assert_eq!(
            doc.metadata.edited,
            [EditedField::Title, EditedField::Issuer, EditedField::Kind]
        );
        assert_eq!(o[0].parser_had, "“错标题”");
        assert_eq!(o[1].parser_had, "—");
        assert_eq!(o[2].parser_had, "other");
        let r = report(&sc, &o);
        assert!(
            r.contains("title = “对的标题” (parser had “错标题”)"),
            "{r}"
        );
    }
}
