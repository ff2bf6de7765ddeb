//! Size report (native only): index bytes per MB of text and the bytes a cold query downloads,
//! brotli-compressed per file as a static host serves them (quality 11, window 22). Printed by
//! `planscope search-size`; the budgets are asserted by this crate's `tests/budgets.rs`.

use std::collections::HashMap;
use std::io::Write as _;

use planscope_model::search::text_units;
use planscope_model::PlanDocument;

use crate::build::{build, Built};
use crate::engine::{run_in_memory, Order, PlanMeta, Search, PAGE_PLANS};
use crate::{fold_search, Query};

/// Budget: a cold two-character query on the seeds, brotli bytes.
pub const BUDGET_SEEDS: usize = 50_000;
/// Budget: a cold two-character query on a 2,000-plan library, brotli bytes.
pub const BUDGET_2000: usize = 150_000;

/// Brotli size of `bytes` (quality 11, window 22).
pub fn brotli_len(bytes: &[u8]) -> usize {
    let mut out = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut out, 4096, 11, 22);
        let _ = w.write_all(bytes);
    }
    out.len()
}

/// What one cold query (empty cache) downloads from the index.
#[derive(Clone, Debug)]
pub struct ColdQuery {
    pub query: String,
    pub files: usize,
    pub raw: usize,
    pub brotli: usize,
    pub plans_matched: usize,
    pub hits: u64,
    /// Brotli bytes by kind of file: manifest, count shards, heads, position shards, chunks.
    pub by_kind: [usize; 5],
}

/// The `n` most frequent folded bigrams of the plans' displayed text (no spaces, no
/// punctuation-only pairs): the worst cases for a two-character query.
pub fn frequent_bigrams(docs: &[PlanDocument], n: usize) -> Vec<String> {
    let mut counts: HashMap<(char, char), usize> = HashMap::new();
    for d in docs {
        for u in text_units(d) {
            let cs: Vec<char> = u.text.chars().map(fold_search).collect();
            for w in cs.windows(2) {
                if w.iter().all(|c| c.is_alphanumeric()) {
                    *counts.entry((w[0], w[1])).or_default() += 1;
                }
            }
        }
    }
    let mut v: Vec<_> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    v.into_iter()
        .take(n)
        .map(|((a, b), _)| [a, b].iter().collect())
        .collect()
}

/// What the engine needs to know of each plan (id, title, 成文日期 for the by-date order).
pub fn metas(docs: &[PlanDocument]) -> Vec<PlanMeta> {
    docs.iter()
        .map(|d| PlanMeta {
            id: d.id.clone(),
            title: d.metadata.title.clone(),
            date: d.metadata.issued_date.clone(),
        })
        .collect()
}

/// Runs `q` against `built` with an empty cache, showing one page ([`PAGE_PLANS`] plans).
/// `cache` memoises brotli sizes by file name across queries.
pub fn cold_query(
    built: &Built,
    docs: &[PlanDocument],
    q: &str,
    cache: &mut HashMap<String, usize>,
) -> ColdQuery {
    let query = Query::parse(q).unwrap_or(Query {
        words: vec![q.chars().collect()],
        truncated: false,
    });
    let mut s = Search::new(
        built.manifest.clone(),
        &metas(docs),
        query,
        Order::Relevance,
        PAGE_PLANS,
    );
    let (r, fetched) = run_in_memory(&mut s, &built.files).unwrap_or_default();
    let mut out = ColdQuery {
        query: q.to_owned(),
        files: fetched.len() + 1,
        raw: 0,
        brotli: 0,
        plans_matched: r.plans_matched,
        hits: r.hits,
        by_kind: [0; 5],
    };
    for name in std::iter::once(&"manifest.json".to_owned()).chain(&fetched) {
        let bytes = &built.files[name];
        out.raw += bytes.len();
        let b = *cache
            .entry(name.clone())
            .or_insert_with(|| brotli_len(bytes));
        out.brotli += b;
        let kind = match name.as_bytes()[0] {
            b'c' => 1,
            b'h' => 2,
            b'p' => 3,
            b't' => 4,
            _ => 0,
        };
        out.by_kind[kind] += b;
    }
    out
}

/// The report of one library.
#[derive(Clone, Debug)]
pub struct SizeReport {
    pub plans: usize,
    pub text_chars: usize,
    pub text_bytes: usize,
    pub files: usize,
    pub index_raw: usize,
    /// Brotli bytes of every file (`None` when not computed: slow on large libraries).
    pub index_brotli: Option<usize>,
    pub manifest_brotli: usize,
    pub queries: Vec<ColdQuery>,
}

impl SizeReport {
    /// The largest cold two-character query, brotli bytes.
    pub fn worst_two_char(&self) -> usize {
        self.queries
            .iter()
            .filter(|q| q.query.chars().count() == 2)
            .map(|q| q.brotli)
            .max()
            .unwrap_or(0)
    }
}

/// Builds the index of `docs` and measures it: the five most frequent bigrams, 学前, 课后 and
/// the longer queries `extra`.
pub fn measure(docs: &[PlanDocument], compress_all: bool, extra: &[&str]) -> SizeReport {
    let built = build(docs);
    let mut cache = HashMap::new();
    let mut queries: Vec<String> = frequent_bigrams(docs, 5);
    for q in ["学前", "课后"].iter().chain(extra) {
        if !queries.iter().any(|x| x == q) {
            queries.push((*q).to_owned());
        }
    }
    let queries = queries
        .iter()
        .map(|q| cold_query(&built, docs, q, &mut cache))
        .collect();
    SizeReport {
        plans: docs.len(),
        text_chars: built.text_chars,
        text_bytes: built.text_bytes,
        files: built.files.len(),
        index_raw: built.total_bytes(),
        index_brotli: compress_all.then(|| built.files.values().map(|b| brotli_len(b)).sum()),
        manifest_brotli: brotli_len(&built.files["manifest.json"]),
        queries,
    }
}

/// The report as text.
pub fn render(r: &SizeReport) -> String {
    let mb = r.text_bytes as f64 / 1e6;
    let mut s = format!(
        "{} plans, {} characters ({} bytes UTF-8) of displayed text; index: {} files, {} bytes raw ({:.0} KB per MB of text)",
        r.plans,
        r.text_chars,
        r.text_bytes,
        r.files,
        r.index_raw,
        r.index_raw as f64 / 1e3 / mb
    );
    if let Some(b) = r.index_brotli {
        s += &format!(
            ", {b} bytes brotli ({:.0} KB per MB of text)",
            b as f64 / 1e3 / mb
        );
    }
    s += &format!("; manifest {} bytes brotli\n", r.manifest_brotli);
    s += &format!(
        "  {:<12} {:>6} {:>9} {:>9} {:>6} {:>8}   brotli: manifest/counts/heads/positions/text\n",
        "cold query", "files", "raw", "brotli", "plans", "hits"
    );
    for q in &r.queries {
        s += &format!(
            "  {:<12} {:>6} {:>9} {:>9} {:>6} {:>8}   {:?}\n",
            q.query, q.files, q.raw, q.brotli, q.plans_matched, q.hits, q.by_kind
        );
    }
    s
}
