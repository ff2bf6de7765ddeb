//! Recall of `quantity::scan` against the gold `base_stats` and `prose_targets` of every seed,
//! with the recall rule of `tests/gold/README.md` ("Curated lists").
//!
//! The real paragraphs and section context will come from the outline parser; this test uses a
//! simple stand-in: one paragraph per line (003: page artefacts `N、` stripped, lines joined with
//! no separator, then split on spaces), section titles from lines that start with `一、`, `(一)`
//! or a short `1.` heading, and a governing year from the `到YYYY年` leads of 目标 sections
//! (every paragraph of the annual plan 004 gets its plan year 2022).

mod common;
use common::{root, SEEDS};

use planscope_parser::quantity::{
    governing_year, scan, section_hint_for_title, Context, Found, QuantityKind, SectionHint,
};
use serde_json::Value;

fn read_seed(stem: &str) -> String {
    let bytes = std::fs::read(root().join("seeds").join(format!("{stem}.txt"))).expect("seed");
    planscope_parser::decode(&bytes).expect("decode").text
}

fn read_gold(stem: &str) -> Value {
    let s = std::fs::read_to_string(root().join("tests/gold").join(format!("{stem}.gold.json")))
        .expect("gold");
    serde_json::from_str(&s).expect("gold json")
}

fn trim(s: &str) -> &str {
    s.trim_matches(|c: char| c == ' ' || c == '\u{a0}' || c == '\u{3000}' || c == '\t' || c == '\r')
}

/// Strip a leading page artefact `N、` (seed 003).
fn strip_page_artefact(line: &str) -> &str {
    let digits = line.chars().take_while(|c| c.is_ascii_digit()).count();
    if digits > 0 && line[digits..].starts_with('、') {
        &line[digits + '、'.len_utf8()..]
    } else {
        line
    }
}

fn paragraphs(stem: &str, text: &str) -> Vec<String> {
    if stem == "tianjin-heping-2035" {
        let joined: String = text.lines().map(strip_page_artefact).collect();
        joined
            .split([' ', '\u{a0}'])
            .map(trim)
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect()
    } else {
        text.lines()
            .map(trim)
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect()
    }
}

const CN: &str = "一二三四五六七八九十";

/// (level, title) of a heading line in the stand-in outline.
fn heading(p: &str) -> Option<(usize, String)> {
    let title_of = |rest: &str| -> String { rest.split('。').next().unwrap_or("").to_string() };
    let cn = p.chars().take_while(|c| CN.contains(*c)).count();
    if cn > 0 {
        let rest: String = p.chars().skip(cn).collect();
        if let Some(r) = rest.strip_prefix('、') {
            let t = title_of(r);
            if t.chars().count() <= 30 {
                return Some((1, t));
            }
        }
        return None;
    }
    if let Some(r) = p.strip_prefix('(').or_else(|| p.strip_prefix('（')) {
        let cn = r.chars().take_while(|c| CN.contains(*c)).count();
        let rest: String = r.chars().skip(cn).collect();
        if cn > 0 {
            if let Some(r2) = rest.strip_prefix(')').or_else(|| rest.strip_prefix('）')) {
                return Some((2, title_of(r2)));
            }
        }
        return None;
    }
    let d = p.chars().take_while(|c| c.is_ascii_digit()).count();
    if d > 0 {
        let rest: String = p.chars().skip(d).collect();
        if let Some(r) = rest.strip_prefix('.') {
            if !r.starts_with(|c: char| c.is_ascii_digit()) || r.contains("目标") {
                let t = title_of(r);
                if t.chars().count() <= 25 {
                    return Some((3, t));
                }
            }
        }
    }
    None
}

/// Every paragraph of a seed with its stand-in context, scanned.
fn scan_seed(stem: &str) -> Vec<(String, Found)> {
    let text = read_seed(stem);
    let mut titles: [Option<String>; 3] = [None, None, None];
    let mut gov: Option<u16> = None;
    let mut out = Vec::new();
    for p in paragraphs(stem, &text) {
        if let Some((level, title)) = heading(&p) {
            titles[level - 1] = Some(title);
            for t in titles.iter_mut().skip(level) {
                *t = None;
            }
            gov = None;
        }
        let hint = titles
            .iter()
            .rev()
            .flatten()
            .map(|t| section_hint_for_title(t))
            .find(|h| *h != SectionHint::Other)
            .unwrap_or(SectionHint::Other);
        if hint == SectionHint::Goal {
            if let Some(y) = governing_year(&p) {
                gov = Some(y);
            }
        }
        let ctx = Context {
            governing_year: if stem == "qingyuan-2022" {
                Some(2022)
            } else if hint == SectionHint::Goal {
                gov
            } else {
                None
            },
            section_hint: hint,
        };
        for f in scan(&p, &ctx) {
            out.push((p.clone(), f));
        }
    }
    out
}

fn chars(s: &str) -> Vec<char> {
    s.chars().collect()
}

/// Do `a` and `b` share a run of at least `n` characters?
fn share_run(a: &str, b: &str, n: usize) -> bool {
    let (a, b) = (chars(a), chars(b));
    if a.len() < n || b.len() < n {
        return false;
    }
    a.windows(n).any(|w| b.windows(n).any(|x| x == w))
}

fn texts_overlap(gold: &str, parsed: &str) -> bool {
    gold.contains(parsed) || parsed.contains(gold) || share_run(gold, parsed, 8)
}

fn year_ok(g: &Value, f: &Found) -> bool {
    match g.get("year").and_then(Value::as_u64) {
        None => true,
        Some(y) => f.year == Some(y as u16),
    }
}

fn matches_target(g: &Value, f: &Found) -> bool {
    f.kind == QuantityKind::Target
        && g["value"].as_str() == Some(f.value.as_str())
        && texts_overlap(g["text"].as_str().unwrap_or(""), &f.text)
        && year_ok(g, f)
}

fn matches_base(g: &Value, f: &Found) -> bool {
    let name = g["name"].as_str().unwrap_or("");
    f.kind == QuantityKind::BaseStat
        && g["value"].as_str() == Some(f.value.as_str())
        && (share_run(name, &f.text, 2) || share_run(name, &f.metric, 2))
        && year_ok(g, f)
}

struct Report {
    base_found: usize,
    base_total: usize,
    target_found: usize,
    target_total: usize,
    extra_base: usize,
    extra_target: usize,
    missing: Vec<String>,
}

fn recall(stem: &str) -> Report {
    let gold = read_gold(stem);
    let found = scan_seed(stem);
    let empty = Vec::new();
    let base = gold["base_stats"].as_array().unwrap_or(&empty);
    let targets = gold["prose_targets"].as_array().unwrap_or(&empty);
    let mut used = vec![false; found.len()];
    let mut missing = Vec::new();
    let mut check = |g: &Value, is_target: bool, missing: &mut Vec<String>| -> bool {
        let mut hit = false;
        for (k, (_, f)) in found.iter().enumerate() {
            let m = if is_target {
                matches_target(g, f)
            } else {
                matches_base(g, f)
            };
            if m {
                used[k] = true;
                hit = true;
            }
        }
        if !hit {
            let near: Vec<String> = found
                .iter()
                .filter(|(_, f)| g["value"].as_str() == Some(f.value.as_str()))
                .map(|(_, f)| {
                    format!(
                        "    near: {:?} {:?} year={:?} text={}",
                        f.kind, f.value, f.year, f.text
                    )
                })
                .collect();
            missing.push(format!(
                "  MISSING {} {}\n{}",
                if is_target { "target" } else { "base" },
                g,
                near.join("\n")
            ));
        }
        hit
    };
    let base_found = base
        .iter()
        .filter(|g| check(g, false, &mut missing))
        .count();
    let target_found = targets
        .iter()
        .filter(|g| check(g, true, &mut missing))
        .count();
    let extra_base = found
        .iter()
        .zip(&used)
        .filter(|((_, f), u)| !**u && f.kind == QuantityKind::BaseStat)
        .count();
    let extra_target = found
        .iter()
        .zip(&used)
        .filter(|((_, f), u)| !**u && f.kind == QuantityKind::Target)
        .count();
    Report {
        base_found,
        base_total: base.len(),
        target_found,
        target_total: targets.len(),
        extra_base,
        extra_target,
        missing,
    }
}

#[test]
fn recall_is_complete_on_every_seed() {
    let mut failed = Vec::new();
    for stem in SEEDS {
        let r = recall(stem);
        println!(
            "{stem}: base {}/{}  targets {}/{}  extra: {} base, {} targets",
            r.base_found,
            r.base_total,
            r.target_found,
            r.target_total,
            r.extra_base,
            r.extra_target
        );
        for m in &r.missing {
            println!("{m}");
        }
        if r.base_found != r.base_total || r.target_found != r.target_total {
            failed.push(*stem);
        }
    }
    assert!(
        failed.is_empty(),
        "incomplete recall on {failed:?} (run with --nocapture)"
    );
}

#[test]
fn glued_years_never_become_values() {
    for stem in SEEDS {
        for (_, f) in scan_seed(stem) {
            assert!(
                !["2022100", "202260", "20202022"].contains(&f.value.as_str()),
                "{stem}: glued value {f:?}"
            );
        }
    }
}
