//! A 10 MB text opens (the largest input): decoded, read and parsed with nothing lost.
//! Times are printed (1 MB and 10 MB, as text and as a page), not asserted; the ratio shows
//! whether the path is linear (≈ 10 for ten times the input).

mod common;
use common::{seed_bytes, SEEDS};

use std::time::Instant;

/// The seeds laid end to end until `bytes` is reached.
fn text_of(bytes: usize) -> String {
    let seeds: Vec<String> = SEEDS
        .iter()
        .map(|s| String::from_utf8(seed_bytes(s)).unwrap())
        .collect();
    let mut out = String::with_capacity(bytes + 100_000);
    let mut i = 0;
    while out.len() < bytes {
        out.push_str(&seeds[i % seeds.len()]);
        out.push('\n');
        i += 1;
    }
    out
}

fn page_of(text: &str) -> String {
    let mut h = String::from("<!DOCTYPE html><html><body><div class=\"article\">");
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        h.push_str("<p>");
        h.push_str(&line.replace('&', "&amp;").replace('<', "&lt;"));
        h.push_str("</p>\n");
    }
    h.push_str("</div></body></html>");
    h
}

fn timed(name: &str, bytes: &[u8]) -> f64 {
    let t = Instant::now();
    let ingested = planscope_ingest::ingest(name, bytes).unwrap();
    let read = t.elapsed().as_secs_f64();
    let doc = planscope_ingest::parse_ingested(name, bytes.len(), &ingested);
    let secs = t.elapsed().as_secs_f64();
    let c = &doc.coverage;
    assert_eq!(c.model + c.removed, c.non_whitespace, "{name}");
    assert!(!doc
        .diagnostics
        .iter()
        .any(|d| d.rule == "internal-coverage"));
    assert!(doc.walk_sections().len() > 100, "{name}: headings read");
    println!(
        "{name}: {:.1} MB in {secs:.2} s ({:.2} MB/s; reading the file {:.0}% of it)",
        bytes.len() as f64 / 1e6,
        bytes.len() as f64 / 1e6 / secs,
        read / secs * 100.0
    );
    secs
}

#[test]
fn ten_megabytes_of_text() {
    let one = text_of(1_000_000);
    let ten = text_of(10_000_000);
    let t1 = timed("1mb.txt", one.as_bytes());
    let t10 = timed("10mb.txt", ten.as_bytes());
    println!("text: 10 MB / 1 MB time ratio {:.1}", t10 / t1);
}

/// The same as saved pages (≈ 1 min unoptimised, so not in every run):
/// `cargo test --profile native -p planscope-ingest --test large -- --ignored --nocapture`.
#[test]
#[ignore]
fn ten_megabytes_as_a_page() {
    let one = text_of(1_000_000);
    let ten = text_of(10_000_000);
    let p1 = page_of(&one);
    let p10 = page_of(&ten);
    let h1 = timed("1mb.html", p1.as_bytes());
    let h10 = timed("10mb.html", p10.as_bytes());
    println!("html: 10 MB / 1 MB time ratio {:.1}", h10 / h1);
}
