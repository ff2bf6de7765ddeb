//! Build the index from the model (run by `planscope build`; pure, so tests and the size report
//! build it in memory too). See the crate docs for the file layout.

use std::collections::{BTreeMap, HashMap};

use planscope_model::search::{text_units, TextUnit};
use planscope_model::{PlanDocument, Section};

use crate::{
    codec, content_hash, file_name, fold_search, gram_hash, Chunk, Head, HeadSection, Manifest,
    CHUNK_CHARS, END, FORMAT_VERSION,
};

/// Position shards per plan (at most 64: [`Head::pos`] is a bit set). A two-character query
/// reads one of them per plan shown; 64 keeps it near the share of the query's first character
/// (about 1 KB brotli for 教 on a seed plan of 14,000 characters).
pub const POS_SHARDS: u32 = 64;

/// Aim for about this many (gram, plan) entries per count shard (≈ 3–4 KB before compression).
pub const COUNT_ENTRIES_PER_SHARD: usize = 1024;

/// The index: the manifest and every file by name (`manifest.json` included).
#[derive(Clone, Debug, Default)]
pub struct Built {
    pub manifest: Manifest,
    pub files: BTreeMap<String, Vec<u8>>,
    /// Characters of displayed text indexed (all units of all plans).
    pub text_chars: usize,
    /// UTF-8 bytes of that text.
    pub text_bytes: usize,
}

impl Built {
    /// Bytes of every file, manifest included.
    pub fn total_bytes(&self) -> usize {
        self.files.values().map(Vec::len).sum()
    }
}

/// Per (gram, plan): total and heading counts (non-overlapping, as find-in-plan counts).
type Counts = HashMap<Vec<char>, (u32, u32)>;

/// Whether a unit is a heading for relevance: a section's label or title (`h:<id>`, `h:<id>:t`).
fn is_heading(key: &str) -> bool {
    key.starts_with("h:")
}

/// Names of sections for breadcrumbs, and their parents, from the outline.
fn section_names(doc: &PlanDocument) -> HashMap<String, (Option<String>, String)> {
    fn walk(
        ss: &[Section],
        parent: Option<&str>,
        out: &mut HashMap<String, (Option<String>, String)>,
    ) {
        for s in ss {
            let name = format!("{}{}", s.label.trim(), s.title.trim());
            out.insert(s.id.clone(), (parent.map(str::to_owned), name));
            walk(&s.children, Some(&s.id), out);
        }
    }
    let mut out = HashMap::new();
    out.insert("0".to_owned(), (None, "文件信息".to_owned()));
    out.insert("B".to_owned(), (None, "版记".to_owned()));
    for (i, a) in doc.appendix.iter().enumerate() {
        let name = if a.title.trim().is_empty() {
            format!("附件{}", i + 1)
        } else {
            format!("附件{}：{}", i + 1, a.title.trim())
        };
        out.insert(a.id.clone(), (None, name));
    }
    walk(&doc.sections, None, &mut out);
    out
}

/// A plan's file before it is named: kind (`p`, `t`), number, bytes.
type PlanFile = (char, usize, Vec<u8>);

/// Writes `chunk` (when it has units) and starts the next one at `next_start`.
fn flush(chunk: &mut Chunk, next_start: u32, head: &mut Head, files: &mut Vec<PlanFile>) {
    if !chunk.units.is_empty() {
        let json = serde_json::to_vec(&*chunk).unwrap_or_default();
        files.push(('t', head.chunks.len(), json));
        head.chunks.push(chunk.start);
    }
    *chunk = Chunk {
        plan: std::mem::take(&mut chunk.plan),
        start: next_start,
        units: Vec::new(),
    };
}

/// One plan's head, chunks, position shards and counts.
struct PlanIndex {
    head: Head,
    files: Vec<PlanFile>,
    counts: Counts,
    chars: usize,
    bytes: usize,
}

fn index_plan(doc: &PlanDocument) -> PlanIndex {
    let units: Vec<TextUnit<'_>> = text_units(doc);
    let names = section_names(doc);
    let mut head = Head::default();
    let mut files = Vec::new();
    let mut positions: HashMap<(char, char), Vec<u32>> = HashMap::new();
    let mut heading_units: Vec<(u32, u32)> = Vec::new();
    let mut chunk = Chunk {
        plan: doc.id.clone(),
        ..Chunk::default()
    };
    let mut chunk_chars = 0usize;
    let (mut chars, mut bytes) = (0usize, 0usize);
    let mut at: u32 = 0;
    for u in &units {
        if head.sections.last().map(|s| s.id.as_str()) != Some(u.section.as_str()) {
            let (parent, name) = names
                .get(&u.section)
                .cloned()
                .unwrap_or((None, u.section.clone()));
            let parent = parent.and_then(|p| {
                head.sections
                    .iter()
                    .rposition(|s| s.id == p)
                    .map(|i| i as u32)
            });
            head.sections.push(HeadSection {
                id: u.section.clone(),
                parent,
                name,
                start: at,
                heading_end: None,
            });
        }
        let folded: Vec<char> = u.text.chars().map(fold_search).collect();
        let n = folded.len() as u32;
        if chunk_chars >= CHUNK_CHARS {
            flush(&mut chunk, at, &mut head, &mut files);
            chunk_chars = 0;
        }
        chunk.units.push((u.key.clone(), u.text.to_owned()));
        chunk_chars += folded.len();
        for (i, &c) in folded.iter().enumerate() {
            let next = folded.get(i + 1).copied().unwrap_or(END);
            positions.entry((c, next)).or_default().push(at + i as u32);
        }
        if is_heading(&u.key) {
            heading_units.push((at, at + n));
            if let Some(s) = head.sections.last_mut() {
                s.heading_end = Some(at + n);
            }
        }
        chars += folded.len();
        bytes += u.text.len();
        at += n + 1;
    }
    flush(&mut chunk, at, &mut head, &mut files);

    // Counts: one-character grams count every occurrence; bigrams count non-overlapping ones.
    let in_heading = |p: u32| {
        let i = heading_units.partition_point(|&(s, _)| s <= p);
        i > 0 && p < heading_units[i - 1].1
    };
    let mut counts: Counts = HashMap::new();
    for (&(a, b), list) in &positions {
        let uni = counts.entry(vec![a]).or_default();
        uni.0 += list.len() as u32;
        uni.1 += list.iter().filter(|&&p| in_heading(p)).count() as u32;
        if b == END {
            continue;
        }
        let (mut total, mut heading, mut last_end) = (0u32, 0u32, 0u32);
        for &p in list {
            if total > 0 && p < last_end {
                continue;
            }
            total += 1;
            heading += u32::from(in_heading(p));
            last_end = p + 2;
        }
        counts.insert(vec![a, b], (total, heading));
    }

    // Position shards.
    type Shard<'a> = Vec<((char, char), &'a Vec<u32>)>;
    let mut shards: Vec<Shard<'_>> = vec![Vec::new(); POS_SHARDS as usize];
    for (k, list) in &positions {
        shards[(gram_hash(&[k.0]) % POS_SHARDS) as usize].push((*k, list));
    }
    for (n, shard) in shards.iter_mut().enumerate() {
        if shard.is_empty() {
            continue;
        }
        shard.sort_by_key(|(k, _)| *k);
        let mut out = Vec::new();
        for ((a, b), list) in shard.iter() {
            codec::put(&mut out, *a as u32);
            codec::put(&mut out, *b as u32);
            codec::put(&mut out, list.len() as u32);
            let mut prev = 0;
            for &p in list.iter() {
                codec::put(&mut out, p - prev);
                prev = p;
            }
        }
        head.pos |= 1 << n;
        files.push(('p', n, out));
    }
    PlanIndex {
        head,
        files,
        counts,
        chars,
        bytes,
    }
}

/// Builds the index of `docs` (in the order of `index.json`; owned or borrowed documents, so the
/// app can index plans it holds in `Arc`s without copying them: `crate::memory`).
pub fn build<D: std::borrow::Borrow<PlanDocument>>(docs: &[D]) -> Built {
    let mut built = Built::default();
    let mut all: BTreeMap<Vec<char>, Vec<(u32, u32, u32)>> = BTreeMap::new();
    let mut plans = Vec::new();
    let mut hashes = Vec::new();
    for (n, doc) in docs.iter().enumerate() {
        let doc: &PlanDocument = doc.borrow();
        let p = index_plan(doc);
        let json = serde_json::to_vec(&p.head).unwrap_or_default();
        let mut all_bytes = json.clone();
        for (kind, n, bytes) in &p.files {
            all_bytes.extend_from_slice(format!("\n{kind}{n}\n").as_bytes());
            all_bytes.extend_from_slice(bytes);
        }
        let hash = content_hash(&all_bytes);
        built.files.insert(file_name('h', &hash, None), json);
        for (kind, n, bytes) in p.files {
            built.files.insert(file_name(kind, &hash, Some(n)), bytes);
        }
        for (gram, (total, heading)) in p.counts {
            all.entry(gram)
                .or_default()
                .push((n as u32, total, heading));
        }
        built.text_chars += p.chars;
        built.text_bytes += p.bytes;
        plans.push(doc.id.clone());
        hashes.push(hash);
    }
    let entries: usize = all.values().map(Vec::len).sum();
    let count_shards = entries
        .div_ceil(COUNT_ENTRIES_PER_SHARD)
        .max(1)
        .next_power_of_two() as u32;
    let mut shards: Vec<Vec<u8>> = vec![Vec::new(); count_shards as usize];
    for (gram, list) in &all {
        let out = &mut shards[(gram_hash(gram) % count_shards) as usize];
        codec::put(out, gram.len() as u32);
        for &c in gram {
            codec::put(out, c as u32);
        }
        codec::put(out, list.len() as u32);
        let mut prev = 0;
        for &(plan, total, heading) in list {
            codec::put(out, plan - prev);
            codec::put(out, total);
            codec::put(out, heading);
            prev = plan;
        }
    }
    // Every shard is written, empty or not, so the engine never needs a list of them.
    let mut joined = Vec::new();
    for (n, shard) in shards.iter().enumerate() {
        joined.extend_from_slice(format!("\n{n}\n").as_bytes());
        joined.extend_from_slice(shard);
    }
    let counts = content_hash(&joined);
    for (n, shard) in shards.into_iter().enumerate() {
        built.files.insert(file_name('c', &counts, Some(n)), shard);
    }
    built.manifest = Manifest {
        version: FORMAT_VERSION,
        count_shards,
        pos_shards: POS_SHARDS,
        counts,
        plans,
        hashes,
    };
    let json = serde_json::to_vec(&built.manifest).unwrap_or_default();
    built.files.insert("manifest.json".to_owned(), json);
    built
}
