//! Size budgets of the search (issue 13), asserted on bytes: a cold two-character query
//! downloads ≤ 50 KB brotli on the seeds and ≤ 150 KB on a 2,000-plan library made from them.
//! The worst of the five most frequent bigrams (教育, 发展, …) and 学前, 课后 counts.

use std::path::PathBuf;

use planscope_model::PlanDocument;
use planscope_search::report::{measure, render, BUDGET_2000, BUDGET_SEEDS};

fn seeds_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../seeds")
}

fn seeds() -> Vec<PlanDocument> {
    planscope_synth::seed_files(&seeds_dir())
        .unwrap()
        .iter()
        .map(|f| {
            let name = f.file_name().unwrap().to_string_lossy().into_owned();
            planscope_parser::parse_file(&name, &std::fs::read(f).unwrap()).unwrap()
        })
        .collect()
}

/// The 2,000-plan library: synthetic plan texts made from the seeds (`planscope-synth`, the
/// project's one generator), parsed like real ones.
fn synthetic(n: usize) -> Vec<PlanDocument> {
    let seeds = planscope_synth::read_seeds(&seeds_dir()).unwrap();
    planscope_synth::library(&seeds, n, 0)
        .iter()
        .map(|p| planscope_parser::parse(planscope_parser::file_stem(&p.file_name), &p.text))
        .collect()
}

#[test]
fn cold_two_character_queries_stay_within_budget() {
    let docs = seeds();
    let r = measure(&docs, false, &[]);
    println!("{}", render(&r));
    assert!(r.queries.len() >= 5);
    assert!(
        r.worst_two_char() <= BUDGET_SEEDS,
        "seeds: {} bytes > {BUDGET_SEEDS}",
        r.worst_two_char()
    );
    let big = synthetic(2000);
    let r = measure(&big, false, &[]);
    println!("{}", render(&r));
    assert!(r.queries.iter().all(|q| q.plans_matched > 0));
    assert!(
        r.worst_two_char() <= BUDGET_2000,
        "2,000 plans: {} bytes > {BUDGET_2000}",
        r.worst_two_char()
    );
}
