//! The query engine, sans IO: [`Search::step`] either names the files it still needs or returns
//! the [`Results`]. The caller fetches the named files (any order, any cache), hands them over
//! with [`Search::supply`], and steps again. The same code runs in the app (files from `fetch`),
//! in the CLI's size report and in the tests (files from memory), so what the size report counts
//! is what the app downloads.
//!
//! Semantics: every word of the [`Query`] is a substring, matched on folded text, counted without
//! overlaps per unit as find-in-plan counts (`planscope_model::search::find_in`). With one word,
//! a plan's count is that word's count; with several, only sections where *every* word occurs
//! count, and a plan's count is the sum over those sections of every word's hits.
//!
//! Order of plans ([`Order::Relevance`]): all words in the plan's title first, then more hits in
//! headings (section and box labels/titles), then more hits, then library order.
//! [`Order::Date`]: newest 成文日期 (issued date) first, plans without a date last, then relevance.
//! Sections of a plan: hits in the section's heading first, then more hits, then reading order.

use std::collections::{BTreeSet, HashMap};

use crate::{
    codec, cover, file_name, fold_search, gram_hash, word_grams, Chunk, Head, Manifest, Query,
};

/// Plans on one page of results (the app shows more on request).
pub const PAGE_PLANS: usize = 10;

/// How many sections of a plan get a snippet before the reader asks for all of them.
pub const SNIPPETS_PER_PLAN: usize = 3;

/// Characters of context before the first hit of a snippet.
pub const SNIPPET_BEFORE: usize = 24;

/// Longest snippet, in characters.
pub const SNIPPET_CHARS: usize = 96;

/// A plan the search may return (the library's filters are applied by the caller).
#[derive(Clone, Debug, PartialEq)]
pub struct PlanMeta {
    pub id: String,
    pub title: String,
    /// 成文日期 as in the index (`2022-06-13`), for [`Order::Date`].
    pub date: Option<String>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Order {
    #[default]
    Relevance,
    Date,
}

/// What went wrong with a supplied file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadFile(pub String);

impl std::fmt::Display for BadFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "索引文件 {} 已损坏", self.0)
    }
}

/// One step of a search.
#[derive(Clone, Debug, PartialEq)]
pub enum Step {
    /// Fetch these files (names under `data/search/`) and [`Search::supply`] them.
    Need(Vec<String>),
    Done(Results),
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Results {
    /// Plans with at least one hit (among the eligible ones).
    pub plans_matched: usize,
    /// Hits in all of them.
    pub hits: u64,
    /// The first `shown` plans with hits, in order.
    pub plans: Vec<PlanResult>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PlanResult {
    pub id: String,
    pub title: String,
    pub date: Option<String>,
    /// Hits in the plan (see the module docs for several words).
    pub count: u32,
    /// Of which in headings.
    pub heading: u32,
    /// Every word occurs in the plan's title.
    pub title_hit: bool,
    pub sections: Vec<SectionResult>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SectionResult {
    /// The section id as in the model (`3.1.2`, `0`, `A1`, `B`).
    pub id: String,
    /// Names from the outermost section down to this one.
    pub crumbs: Vec<String>,
    pub count: u32,
    /// A hit is in the section's own heading.
    pub in_heading: bool,
    /// For the first [`SNIPPETS_PER_PLAN`] sections (all when the plan is expanded).
    pub snippet: Option<Snippet>,
}

/// A piece of one unit around its first hit, as printed.
#[derive(Clone, Debug, PartialEq)]
pub struct Snippet {
    /// The unit's key (`text_units`): a paragraph id, or `h:`/`k:`/`t:` for headings, boxes, cells.
    pub key: String,
    pub text: String,
    /// Hits as char ranges `[start, end)` in `text`, sorted, not overlapping.
    pub hits: Vec<(usize, usize)>,
    /// A word with hits in this unit (folded), for the reader's find bar (`&find=`).
    pub word: String,
    /// `text` starts after / ends before the unit does (show an ellipsis).
    pub cut_before: bool,
    pub cut_after: bool,
}

impl Snippet {
    /// The unit's paragraph id when the reader can scroll to it (`&p=`): paragraph and box-item
    /// ids, not headings or table cells.
    pub fn paragraph(&self) -> Option<&str> {
        (!self.key.contains(':')).then_some(self.key.as_str())
    }
}

/// One search over one manifest.
pub struct Search {
    query: Query,
    manifest: Manifest,
    plans: Vec<(usize, PlanMeta)>,
    order: Order,
    shown: usize,
    expanded: BTreeSet<String>,
    files: HashMap<String, Vec<u8>>,
}

/// Hits of one plan: per word, sorted non-overlapping start offsets.
struct PlanHits {
    hash: String,
    head: Head,
    words: Vec<Vec<u32>>,
}

impl Search {
    /// A search for `query` over `plans` (the eligible ones, in library order; plans missing
    /// from the manifest are skipped), showing the first `shown` plans with hits.
    pub fn new(
        manifest: Manifest,
        plans: &[PlanMeta],
        query: Query,
        order: Order,
        shown: usize,
    ) -> Search {
        let pos: HashMap<&str, usize> = manifest
            .plans
            .iter()
            .enumerate()
            .filter(|(i, _)| *i < manifest.hashes.len())
            .map(|(i, p)| (p.as_str(), i))
            .collect();
        let plans = plans
            .iter()
            .filter_map(|m| pos.get(m.id.as_str()).map(|&i| (i, m.clone())))
            .collect();
        Search {
            query,
            manifest,
            plans,
            order,
            shown,
            expanded: BTreeSet::new(),
            files: HashMap::new(),
        }
    }

    /// Show snippets for every section of this plan.
    pub fn expand(&mut self, plan: &str) {
        self.expanded.insert(plan.to_owned());
    }

    /// Hands over a fetched file (name as returned in [`Step::Need`]).
    pub fn supply(&mut self, name: &str, bytes: Vec<u8>) {
        self.files.insert(name.to_owned(), bytes);
    }

    fn file(&self, name: &str, need: &mut Vec<String>) -> Option<&[u8]> {
        match self.files.get(name) {
            Some(b) => Some(b),
            None => {
                if !need.iter().any(|n| n == name) {
                    need.push(name.to_owned());
                }
                None
            }
        }
    }

    /// Runs the search as far as the supplied files allow.
    pub fn step(&self) -> Result<Step, BadFile> {
        let mut need = Vec::new();
        // 1. Count shards of every gram.
        let mut grams: Vec<Vec<Vec<char>>> = Vec::new();
        for w in &self.query.words {
            grams.push(word_grams(w));
        }
        let mut lists: HashMap<Vec<char>, Vec<(u32, u32, u32)>> = HashMap::new();
        for g in grams.iter().flatten() {
            let shard = (gram_hash(g) % self.manifest.count_shards.max(1)) as usize;
            let name = file_name('c', &self.manifest.counts, Some(shard));
            if let Some(bytes) = self.file(&name, &mut need) {
                let list = find_gram(bytes, g).ok_or_else(|| BadFile(name.clone()))?;
                lists.insert(g.clone(), list);
            }
        }
        if !need.is_empty() {
            return Ok(Step::Need(need));
        }
        // 2. Candidates: plans with every gram; exact counts for a single word of ≤ 2 chars.
        let per_plan = |g: &Vec<char>| -> HashMap<u32, (u32, u32)> {
            lists[g].iter().map(|&(p, t, h)| (p, (t, h))).collect()
        };
        let maps: Vec<Vec<HashMap<u32, (u32, u32)>>> = grams
            .iter()
            .map(|gs| gs.iter().map(per_plan).collect())
            .collect();
        let candidates: Vec<&(usize, PlanMeta)> = self
            .plans
            .iter()
            .filter(|(n, _)| maps.iter().flatten().all(|m| m.contains_key(&(*n as u32))))
            .collect();
        let exact = self.query.words.len() == 1 && self.query.words[0].len() <= 2;
        let title_hit = |m: &PlanMeta| {
            let t: String = m.title.chars().map(fold_search).collect();
            self.query
                .words
                .iter()
                .all(|w| t.contains(&w.iter().collect::<String>()))
        };
        // (manifest index, meta, count, heading)
        let mut ranked: Vec<(usize, &PlanMeta, u32, u32)> = Vec::new();
        let mut resolved: HashMap<usize, PlanHits> = HashMap::new();
        if exact {
            for (n, m) in &candidates {
                let (t, h) = maps[0][0][&(*n as u32)];
                ranked.push((*n, m, t, h));
            }
        } else {
            for (n, m) in &candidates {
                if let Some(hits) = self.resolve(*n, &mut need)? {
                    let (t, h, _) = sections_of(&hits, &self.query);
                    if t > 0 {
                        ranked.push((*n, m, t, h));
                    }
                    resolved.insert(*n, hits);
                }
            }
            if !need.is_empty() {
                return Ok(Step::Need(need));
            }
        }
        let key = |r: &(usize, &PlanMeta, u32, u32)| (title_hit(r.1), r.3, r.2);
        ranked.sort_by(|a, b| {
            let date = match self.order {
                Order::Relevance => std::cmp::Ordering::Equal,
                Order::Date => match (&a.1.date, &b.1.date) {
                    (Some(x), Some(y)) => y.cmp(x),
                    (Some(_), None) => std::cmp::Ordering::Less,
                    (None, Some(_)) => std::cmp::Ordering::Greater,
                    (None, None) => std::cmp::Ordering::Equal,
                },
            };
            date.then_with(|| key(b).cmp(&key(a))).then(a.0.cmp(&b.0))
        });
        let mut results = Results {
            plans_matched: ranked.len(),
            hits: ranked.iter().map(|r| u64::from(r.2)).sum(),
            plans: Vec::new(),
        };
        // 3. The plans shown: their sections (positions) and snippets (chunks).
        let page: Vec<_> = ranked.iter().take(self.shown).collect();
        for r in &page {
            if let std::collections::hash_map::Entry::Vacant(e) = resolved.entry(r.0) {
                if let Some(h) = self.resolve(r.0, &mut need)? {
                    e.insert(h);
                }
            }
        }
        if !need.is_empty() {
            return Ok(Step::Need(need));
        }
        for &&(n, meta, count, heading) in &page {
            let hits = &resolved[&n];
            let (_, _, mut sections) = sections_of(hits, &self.query);
            sections.sort_by(|a, b| {
                (b.in_heading, b.count)
                    .cmp(&(a.in_heading, a.count))
                    .then(a.index.cmp(&b.index))
            });
            let all = self.expanded.contains(&meta.id);
            let mut out = Vec::new();
            for (k, s) in sections.iter().enumerate() {
                let snippet = if all || k < SNIPPETS_PER_PLAN {
                    self.snippet(hits, s.first, &mut need)?
                } else {
                    None
                };
                out.push(SectionResult {
                    id: hits.head.sections[s.index].id.clone(),
                    crumbs: crumbs(&hits.head, s.index),
                    count: s.count,
                    in_heading: s.in_heading,
                    snippet,
                });
            }
            results.plans.push(PlanResult {
                id: meta.id.clone(),
                title: meta.title.clone(),
                date: meta.date.clone(),
                count,
                heading,
                title_hit: title_hit(meta),
                sections: out,
            });
        }
        if !need.is_empty() {
            return Ok(Step::Need(need));
        }
        Ok(Step::Done(results))
    }

    /// The hits of every word in plan `n`, or `None` while files are missing.
    fn resolve(&self, n: usize, need: &mut Vec<String>) -> Result<Option<PlanHits>, BadFile> {
        let plan_hash = &self.manifest.hashes[n];
        let name = file_name('h', plan_hash, None);
        let Some(bytes) = self.file(&name, need) else {
            return Ok(None);
        };
        let head: Head = serde_json::from_slice(bytes).map_err(|_| BadFile(name.clone()))?;
        let p = self.manifest.pos_shards.max(1);
        let mut chars: BTreeSet<char> = BTreeSet::new();
        for w in &self.query.words {
            if w.len() == 1 {
                chars.insert(w[0]);
            }
            for i in cover(w) {
                chars.insert(w[i]);
            }
        }
        let mut lists: HashMap<(char, char), Vec<u32>> = HashMap::new();
        let mut missing = false;
        for c in &chars {
            let shard = (gram_hash(&[*c]) % p) as usize;
            if head.pos & (1 << shard) == 0 {
                continue;
            }
            let name = file_name('p', plan_hash, Some(shard));
            match self.file(&name, need) {
                Some(bytes) => {
                    decode_positions(bytes, *c, &mut lists).ok_or_else(|| BadFile(name.clone()))?
                }
                None => missing = true,
            }
        }
        if missing {
            return Ok(None);
        }
        let words = self
            .query
            .words
            .iter()
            .map(|w| word_hits(w, &lists))
            .collect();
        Ok(Some(PlanHits {
            hash: plan_hash.clone(),
            head,
            words,
        }))
    }

    fn snippet(
        &self,
        hits: &PlanHits,
        first: u32,
        need: &mut Vec<String>,
    ) -> Result<Option<Snippet>, BadFile> {
        let i = hits.head.chunks.partition_point(|s| *s <= first);
        let Some(i) = i.checked_sub(1) else {
            return Ok(None);
        };
        let name = file_name('t', &hits.hash, Some(i));
        let Some(bytes) = self.file(&name, need) else {
            return Ok(None);
        };
        let chunk: Chunk = serde_json::from_slice(bytes).map_err(|_| BadFile(name.clone()))?;
        let mut at = chunk.start;
        for (key, text) in &chunk.units {
            let len = text.chars().count() as u32;
            if first < at + len.max(1) {
                return Ok(Some(make_snippet(key, text, at, hits, &self.query)));
            }
            at += len + 1;
        }
        Err(BadFile(name))
    }
}

/// The list of `gram` in a count shard: (plan, total, heading); empty when absent.
fn find_gram(bytes: &[u8], gram: &[char]) -> Option<Vec<(u32, u32, u32)>> {
    let mut r = codec::Reader::new(bytes);
    while !r.done() {
        let len = r.get()? as usize;
        if len == 0 || len > 2 {
            return None;
        }
        let mut g = Vec::with_capacity(len);
        for _ in 0..len {
            g.push(r.char()?);
        }
        let n = r.get()? as usize;
        let mut list = Vec::with_capacity(if g == gram { n } else { 0 });
        let mut plan = 0u32;
        for _ in 0..n {
            plan = plan.checked_add(r.get()?)?;
            let (t, h) = (r.get()?, r.get()?);
            if g == gram {
                list.push((plan, t, h));
            }
        }
        if g == gram {
            return Some(list);
        }
    }
    Some(Vec::new())
}

/// Adds every bigram starting with `c` of a position shard to `out`.
fn decode_positions(
    bytes: &[u8],
    c: char,
    out: &mut HashMap<(char, char), Vec<u32>>,
) -> Option<()> {
    let mut r = codec::Reader::new(bytes);
    while !r.done() {
        let (a, b, n) = (r.char()?, r.char()?, r.get()? as usize);
        let keep = a == c;
        let mut list = Vec::with_capacity(if keep { n } else { 0 });
        let mut p = 0u32;
        for _ in 0..n {
            p = p.checked_add(r.get()?)?;
            if keep {
                list.push(p);
            }
        }
        if keep {
            out.insert((a, b), list);
        }
    }
    Some(())
}

/// Non-overlapping start offsets of `word`, from the bigram lists.
fn word_hits(word: &[char], lists: &HashMap<(char, char), Vec<u32>>) -> Vec<u32> {
    if word.len() == 1 {
        let mut all: Vec<u32> = lists
            .iter()
            .filter(|((a, _), _)| *a == word[0])
            .flat_map(|(_, l)| l.iter().copied())
            .collect();
        all.sort_unstable();
        return all;
    }
    let parts: Vec<(usize, &Vec<u32>)> = match cover(word)
        .into_iter()
        .map(|i| lists.get(&(word[i], word[i + 1])).map(|l| (i, l)))
        .collect::<Option<Vec<_>>>()
    {
        Some(p) => p,
        None => return Vec::new(),
    };
    let Some(&(j, rare)) = parts.iter().min_by_key(|(_, l)| l.len()) else {
        return Vec::new();
    };
    let mut starts: Vec<u32> = rare
        .iter()
        .filter_map(|&p| p.checked_sub(j as u32))
        .filter(|&s| {
            parts
                .iter()
                .all(|(i, l)| l.binary_search(&(s + *i as u32)).is_ok())
        })
        .collect();
    starts.sort_unstable();
    let mut out = Vec::with_capacity(starts.len());
    let mut end = 0u32;
    for s in starts {
        if out.is_empty() || s >= end {
            out.push(s);
            end = s + word.len() as u32;
        }
    }
    out
}

struct SectionHits {
    index: usize,
    count: u32,
    in_heading: bool,
    first: u32,
}

/// The sections that count (every word occurs), with the plan's total and heading hits.
fn sections_of(hits: &PlanHits, q: &Query) -> (u32, u32, Vec<SectionHits>) {
    let secs = &hits.head.sections;
    let section = |p: u32| secs.partition_point(|s| s.start <= p).saturating_sub(1);
    let in_heading = |i: usize, p: u32| hits.head.heading_end(i).is_some_and(|end| p < end);
    // per section: per word count, hits in the heading, first hit
    let mut per: HashMap<usize, (Vec<u32>, u32, u32)> = HashMap::new();
    for (w, list) in hits.words.iter().enumerate() {
        for &p in list {
            let i = section(p);
            let e = per
                .entry(i)
                .or_insert_with(|| (vec![0; q.words.len()], 0, p));
            e.0[w] += 1;
            e.1 += u32::from(in_heading(i, p));
            e.2 = e.2.min(p);
        }
    }
    let mut out = Vec::new();
    let (mut total, mut heading) = (0, 0);
    for (index, (counts, in_head, first)) in per {
        if counts.contains(&0) {
            continue;
        }
        let count: u32 = counts.iter().sum();
        total += count;
        heading += in_head;
        out.push(SectionHits {
            index,
            count,
            in_heading: in_head > 0,
            first,
        });
    }
    out.sort_by_key(|s| s.index);
    (total, heading, out)
}

fn crumbs(head: &Head, mut i: usize) -> Vec<String> {
    let mut out = vec![head.sections[i].name.clone()];
    while let Some(p) = head.sections[i].parent {
        i = p as usize;
        out.push(head.sections[i].name.clone());
    }
    out.reverse();
    out
}

fn make_snippet(key: &str, text: &str, start: u32, hits: &PlanHits, q: &Query) -> Snippet {
    let chars: Vec<char> = text.chars().collect();
    let len = chars.len() as u32;
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    let mut word = String::new();
    for (w, list) in hits.words.iter().enumerate() {
        let from = list.partition_point(|&p| p < start);
        for &p in list[from..].iter().take_while(|&&p| p < start + len) {
            if word.is_empty() {
                word = q.words[w].iter().collect();
            }
            let s = (p - start) as usize;
            ranges.push((s, (s + q.words[w].len()).min(chars.len())));
        }
    }
    ranges.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (s, e) in ranges {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    let first = merged.first().map_or(0, |r| r.0);
    let from = first.saturating_sub(SNIPPET_BEFORE);
    let to = (from + SNIPPET_CHARS)
        .min(chars.len())
        .max(merged.first().map_or(0, |r| r.1));
    let hits = merged
        .into_iter()
        .filter(|&(s, _)| s < to)
        .map(|(s, e)| (s - from, e.min(to) - from))
        .collect();
    Snippet {
        key: key.to_owned(),
        text: chars[from..to].iter().collect(),
        hits,
        word,
        cut_before: from > 0,
        cut_after: to < chars.len(),
    }
}

impl Head {
    /// Where section `i`'s heading run (its label and title units) ends, when it has one.
    pub fn heading_end(&self, i: usize) -> Option<u32> {
        self.sections.get(i)?.heading_end
    }
}

/// Runs `search` to the end with files from `files` (the built index in memory), as the app
/// would with `fetch`. Returns the results and the names fetched, in order (each once).
pub fn run_in_memory(
    search: &mut Search,
    files: &std::collections::BTreeMap<String, Vec<u8>>,
) -> Result<(Results, Vec<String>), BadFile> {
    let mut fetched = Vec::new();
    loop {
        match search.step()? {
            Step::Done(r) => return Ok((r, fetched)),
            Step::Need(names) => {
                for n in names {
                    let bytes = files.get(&n).cloned().ok_or_else(|| BadFile(n.clone()))?;
                    search.supply(&n, bytes);
                    fetched.push(n);
                }
            }
        }
    }
}
