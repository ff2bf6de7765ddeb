//! The index and engine against the seeds: counts equal find-in-plan's over the displayed text
//! (the model's `text_units`), and, for the queries, the count of the string in the seed
//! file itself.

use std::path::PathBuf;

use planscope_model::search::{find, text_units};
use planscope_model::PlanDocument;
use planscope_search::build::{build, Built};
use planscope_search::engine::{run_in_memory, Order, Results, Search};
use planscope_search::report::metas;
use planscope_search::Query;

fn seeds_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../seeds")
}

/// (file name, decoded text, document) of every seed.
fn seeds() -> Vec<(String, String, PlanDocument)> {
    planscope_synth::seed_files(&seeds_dir())
        .unwrap()
        .iter()
        .map(|f| {
            let bytes = std::fs::read(f).unwrap();
            let name = f.file_name().unwrap().to_string_lossy().into_owned();
            let text = planscope_parser::decode(&bytes).unwrap().text;
            let doc = planscope_parser::parse_file(&name, &bytes).unwrap();
            (name, text, doc)
        })
        .collect()
}

fn search(built: &Built, docs: &[PlanDocument], q: &str, shown: usize) -> (Results, Vec<String>) {
    let mut s = Search::new(
        built.manifest.clone(),
        &metas(docs),
        Query::parse(q).unwrap(),
        Order::Relevance,
        shown,
    );
    run_in_memory(&mut s, &built.files).unwrap()
}

/// Find-in-plan's count of `q` in a document (the oracle).
fn oracle(doc: &PlanDocument, q: &str) -> u32 {
    find(&text_units(doc), q).len() as u32
}

#[test]
fn counts_match_the_seed_files_and_find_in_plan() {
    let seeds = seeds();
    let docs: Vec<PlanDocument> = seeds.iter().map(|s| s.2.clone()).collect();
    let built = build(&docs);
    // 展学前: 发展|学前教育, across a word boundary.
    for q in ["学前教育", "课后服务", "展学前"] {
        let (r, _) = search(&built, &docs, q, 100);
        let mut seen = 0;
        for (name, text, doc) in &seeds {
            let in_file = text.matches(q).count() as u32;
            let got = r
                .plans
                .iter()
                .find(|p| p.id == doc.id)
                .map_or(0, |p| p.count);
            assert_eq!(got, in_file, "{q} in {name}");
            assert_eq!(got, oracle(doc, q), "{q} in {name} (find in plan)");
            if got > 0 {
                seen += 1;
                let p = r.plans.iter().find(|p| p.id == doc.id).unwrap();
                assert_eq!(p.sections.iter().map(|s| s.count).sum::<u32>(), got);
            }
        }
        assert!(seen >= 1, "{q} occurs in no seed");
        assert_eq!(r.plans_matched, seen);
    }
}

#[test]
fn any_substring_is_found_exactly() {
    let docs: Vec<PlanDocument> = seeds().into_iter().map(|s| s.2).collect();
    let built = build(&docs);
    // Substrings of 1–7 characters at deterministic places in every plan's units, plus
    // full-width, case and odd queries.
    let mut queries: Vec<String> = vec![
        "教".into(),
        "。".into(),
        "（一）".into(),
        "(一)".into(),
        "%".into(),
        "ppp".into(),
        "PPP".into(),
        "2025".into(),
        "😀".into(),
        "<script>".into(),
        "育育".into(),
        "的".into(),
        "教育教育".into(),
        "学前教育普及普惠".into(),
    ];
    for d in &docs {
        let units = text_units(d);
        for (i, u) in units.iter().enumerate().step_by(13) {
            let chars: Vec<char> = u.text.chars().collect();
            for len in 1..=7usize {
                if chars.len() > len {
                    let at = (i * 7 + len) % (chars.len() - len);
                    let q: String = chars[at..at + len].iter().collect();
                    if !q.trim().is_empty() && !q.contains(char::is_whitespace) {
                        queries.push(q);
                    }
                }
            }
        }
    }
    assert!(queries.len() > 200);
    for q in &queries {
        let (r, _) = search(&built, &docs, q, 100);
        for d in &docs {
            let got = r.plans.iter().find(|p| p.id == d.id).map_or(0, |p| p.count);
            assert_eq!(got, oracle(d, q), "{q:?} in {}", d.id);
        }
    }
}

#[test]
fn several_words_must_share_a_section() {
    let docs: Vec<PlanDocument> = seeds().into_iter().map(|s| s.2).collect();
    let built = build(&docs);
    let (r, _) = search(&built, &docs, "学前教育 课后服务", 100);
    for p in &r.plans {
        let d = docs.iter().find(|d| d.id == p.id).unwrap();
        let units = text_units(d);
        for s in &p.sections {
            let in_sec: Vec<_> = units
                .iter()
                .filter(|u| u.section == s.id)
                .cloned()
                .collect();
            let a = find(&in_sec, "学前教育").len() as u32;
            let b = find(&in_sec, "课后服务").len() as u32;
            assert!(a > 0 && b > 0, "{} {}", p.id, s.id);
            assert_eq!(s.count, a + b);
        }
    }
    let (alone, _) = search(&built, &docs, "课后服务", 100);
    assert!(r.hits < alone.hits + search(&built, &docs, "学前教育", 100).0.hits);
    let (none, _) = search(&built, &docs, "学前教育 无此词语组合", 100);
    assert_eq!(none.plans_matched, 0);
}

#[test]
fn results_are_ordered_and_snippets_mark_hits() {
    let docs: Vec<PlanDocument> = seeds().into_iter().map(|s| s.2).collect();
    let built = build(&docs);
    let (r, _) = search(&built, &docs, "学前教育", 100);
    let key = |p: &planscope_search::engine::PlanResult| (p.title_hit, p.heading, p.count);
    for w in r.plans.windows(2) {
        assert!(key(&w[0]) >= key(&w[1]), "relevance order");
    }
    for p in &r.plans {
        for (k, s) in p.sections.iter().enumerate() {
            assert!(!s.crumbs.is_empty());
            assert_eq!(s.snippet.is_some(), k < 3, "{} {}", p.id, s.id);
            if let Some(sn) = &s.snippet {
                assert!(!sn.hits.is_empty());
                for &(a, b) in &sn.hits {
                    let t: String = sn.text.chars().skip(a).take(b - a).collect();
                    assert_eq!(t, "学前教育");
                }
                assert_eq!(sn.word, "学前教育");
                let d = docs.iter().find(|d| d.id == p.id).unwrap();
                let unit = text_units(d).into_iter().find(|u| u.key == sn.key).unwrap();
                assert_eq!(unit.section, s.id);
                assert!(unit.text.contains(&sn.text));
            }
        }
        for w in p.sections.windows(2) {
            assert!((w[0].in_heading, w[0].count) >= (w[1].in_heading, w[1].count));
        }
    }
    // By date: newest issued date first.
    let mut s = Search::new(
        built.manifest.clone(),
        &metas(&docs),
        Query::parse("学前教育").unwrap(),
        Order::Date,
        100,
    );
    let (by_date, _) = run_in_memory(&mut s, &built.files).unwrap();
    let dates: Vec<_> = by_date.plans.iter().map(|p| p.date.clone()).collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| match (a, b) {
        (Some(x), Some(y)) => y.cmp(x),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        _ => std::cmp::Ordering::Equal,
    });
    assert_eq!(dates, sorted);
    assert_eq!(by_date.plans.len(), r.plans.len());
    // Expanding a plan gives every section a snippet.
    let first = r.plans[0].id.clone();
    let mut s = Search::new(
        built.manifest.clone(),
        &metas(&docs),
        Query::parse("学前教育").unwrap(),
        Order::Relevance,
        100,
    );
    s.expand(&first);
    let (all, _) = run_in_memory(&mut s, &built.files).unwrap();
    assert!(all.plans[0].sections.iter().all(|s| s.snippet.is_some()));
}

#[test]
fn filters_and_a_cold_two_character_query_download_little() {
    let docs: Vec<PlanDocument> = seeds().into_iter().map(|s| s.2).collect();
    let built = build(&docs);
    // Only the eligible plans are returned.
    let one = &metas(&docs)[..1];
    let mut s = Search::new(
        built.manifest.clone(),
        one,
        Query::parse("教育").unwrap(),
        Order::Relevance,
        10,
    );
    let (r, fetched) = run_in_memory(&mut s, &built.files).unwrap();
    assert_eq!(r.plans.len(), 1);
    assert_eq!(r.plans[0].id, docs[0].id);
    // A two-character query reads one count shard, then the heads, one position shard each, and
    // chunks of the plans shown.
    let c = fetched.iter().filter(|n| n.starts_with("c-")).count();
    let p = fetched.iter().filter(|n| n.starts_with("p-")).count();
    assert_eq!((c, p), (1, 1), "{fetched:?}");
    assert!(fetched.iter().filter(|n| n.starts_with("t-")).count() <= 3);
    // Every file but the manifest is named by its content: a changed plan renames its files
    // and only those of the other plans stay.
    let mut changed = docs.clone();
    changed[0].sections[0].title.push('。');
    let rebuilt = build(&changed);
    assert_ne!(rebuilt.manifest.hashes[0], built.manifest.hashes[0]);
    assert_eq!(rebuilt.manifest.hashes[1..], built.manifest.hashes[1..]);
    assert_ne!(rebuilt.manifest.counts, built.manifest.counts);
    for (name, bytes) in &rebuilt.files {
        if let Some(old) = built.files.get(name) {
            assert!(
                name == "manifest.json" || old == bytes,
                "{name} changed but kept its name"
            );
        }
    }
    // Deterministic.
    assert_eq!(build(&docs).files, built.files);
}

#[test]
fn a_synthetic_library_varies_and_searches() {
    let texts: Vec<planscope_synth::Seed> = seeds()
        .into_iter()
        .map(|(name, text, _)| planscope_synth::Seed {
            stem: planscope_parser::file_stem(&name).to_string(),
            text,
        })
        .collect();
    let lib: Vec<PlanDocument> = planscope_synth::library(&texts, 40, 0)
        .iter()
        .map(|p| planscope_parser::parse(planscope_parser::file_stem(&p.file_name), &p.text))
        .collect();
    assert_eq!(lib.len(), 40);
    assert_ne!(oracle(&lib[0], "教育"), oracle(&lib[5], "教育"));
    let built = build(&lib);
    let (r, _) = search(&built, &lib, "学前教育", 10);
    assert_eq!(r.plans.len(), 10);
    let total: u32 = lib.iter().map(|d| oracle(d, "学前教育")).sum();
    assert_eq!(r.hits, u64::from(total));
    let (r2, _) = search(&built, &lib, "教育", 10);
    let total: u32 = lib.iter().map(|d| oracle(d, "教育")).sum();
    assert_eq!(r2.hits, u64::from(total));
}
