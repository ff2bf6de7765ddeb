//! # planscope-search: search across every plan, from static files
//!
//! Substring search over the displayed text of every plan (the units of
//! [`planscope_model::search::text_units`]: titles, headings, paragraphs, table cells, task rows),
//! folded as find-in-plan folds ([`planscope_model::text::fold_search`]: full-width → ASCII, ASCII
//! case), with exact counts, from files a static host can serve and cache forever.
//!
//! ## The index (written by `planscope build` to `data/search/`)
//!
//! Every plan's units are laid end to end in one *flat text* with one empty position between two
//! units, so a match never spans units. Offsets are Unicode scalar values (characters).
//!
//! | file | what | key |
//! |---|---|---|
//! | `manifest.json` | [`Manifest`]: shard counts, the count shards' hash, plan ids and their hashes | the one mutable name |
//! | `c-<all>-<n>.bin` | count shard: for each *gram* (one folded character, or a folded bigram) the plans that contain it with their count and count in headings (section label and title) | `fnv(gram) % count_shards` |
//! | `h-<plan>.json` | [`Head`] of one plan: sections (id, parent, name, start offset, heading end), text chunk starts, which position shards exist | one per plan |
//! | `p-<plan>-<n>.bin` | position shard of one plan: for each bigram whose first character falls in the shard, the flat-text offsets where it starts (a unit's last character pairs with [`END`]) | `fnv(first char) % pos_shards`, per plan |
//! | `t-<plan>-<n>.json` | [`Chunk`]: consecutive units of one plan (key, text as printed), about [`CHUNK_CHARS`] characters, for snippets | per plan |
//!
//! `<plan>` is 12 hex digits of the FNV-1a 64 hash of all of one plan's files together; `<all>` the
//! same over all count shards. A changed file gets a new name, so every file but the
//! manifest is immutable and can be cached forever.
//!
//! ## What a query downloads
//!
//! The manifest; the count shards of the query's grams (a word of 1 or 2 characters has exact
//! per-plan counts there, so a cold two-character query needs one count shard); then, for the
//! plans shown (or, for longer or several words, every plan that has all grams), the plan's head
//! and the position shards of the word's characters; then the chunks holding the snippets shown.
//! The engine is sans-IO ([`engine::Search`]): it says which files it wants, the caller fetches
//! them (the app with `fetch`, the CLI's size report and the tests from memory).
//!
//! ## Plans opened on this device
//!
//! The static index cannot hold plans a reader opened in the browser (issue 14). The app builds
//! the same index of those plans in memory and runs the same engine over it ([`memory`]), then
//! merges the two result lists in the engine's order ([`memory::merge`]).

pub mod build;
pub mod codec;
pub mod engine;
pub mod memory;
#[cfg(not(target_arch = "wasm32"))]
pub mod report;

use serde::{Deserialize, Serialize};

pub use planscope_model::text::fold_search;

/// Version of the index files; the app refuses a manifest of another version.
pub const FORMAT_VERSION: u32 = 1;

/// The second character of the bigram that records a unit's last character (so a one-character
/// query finds it): U+0000, which never occurs in plan text.
pub const END: char = '\0';

/// Target size of a text chunk, in characters (a unit longer than this is a chunk of its own).
pub const CHUNK_CHARS: usize = 320;

/// Longest query, in characters after folding and dropping spaces; the rest is ignored.
pub const MAX_QUERY_CHARS: usize = 64;

/// At most this many space-separated words count; later words are ignored.
pub const MAX_WORDS: usize = 6;

/// `data/search/manifest.json`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub version: u32,
    /// Number of count shards (`c-*.bin`); a gram lives in `fnv(gram) % count_shards`.
    pub count_shards: u32,
    /// Position shards per plan (`p-*.bin`); a bigram lives in `fnv(first char) % pos_shards`.
    pub pos_shards: u32,
    /// Hash of all count shards together: shard `n` is `c-<counts>-<n>.bin` (one hash instead of
    /// one per shard keeps the manifest small: a 2,000-plan library has 16,384 shards).
    pub counts: String,
    /// Plan ids, in the order of `index.json`; a count shard's plan numbers index this list.
    pub plans: Vec<String>,
    /// Each plan's content hash, parallel to `plans` (two lists compress better than a list of
    /// pairs): the plan's files are `h-<hash>.json`, `p-<hash>-<n>.bin` and `t-<hash>-<n>.json`.
    pub hashes: Vec<String>,
}

/// `h-<hash>.json`: what the engine needs to place a plan's hits.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Head {
    /// Sections that have text, in reading order; each is one run of the flat text from `start`
    /// to the next section's `start`.
    pub sections: Vec<HeadSection>,
    /// First flat-text offset of each text chunk (`t-<plan hash>-<n>.json`), in order.
    pub chunks: Vec<u32>,
    /// Bit `n` set: position shard `n` (`p-<plan hash>-<n>.bin`) exists (the plan has a bigram
    /// there).
    pub pos: u64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct HeadSection {
    /// The section id as in the model (`3.1.2`; `0` front matter, `A1` attachment, `B` back matter).
    pub id: String,
    /// Index of the enclosing section in [`Head::sections`] (for breadcrumbs).
    pub parent: Option<u32>,
    /// How the section is named in breadcrumbs: label and title as printed (`（一）加强师资`),
    /// `文件信息` for the front matter, the attachment's title, `版记` for the back matter.
    pub name: String,
    pub start: u32,
    /// Where the section's heading (label and title units) ends in the flat text; hits before
    /// it are hits in a heading. `None` for the front matter, attachments and back matter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heading_end: Option<u32>,
}

/// `t-<hash>.json`: consecutive units of one plan.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Chunk {
    /// The plan's id (so two plans never share a chunk file, and a chunk says whose it is).
    pub plan: String,
    /// Flat-text offset of the first unit; unit `k + 1` starts one position after unit `k` ends.
    pub start: u32,
    /// (unit key as in `text_units`, text as printed).
    pub units: Vec<(String, String)>,
}

/// A file's name: `c-<hash>-<n>.bin` (count shard `n`), `h-<plan hash>.json` (head),
/// `p-<plan hash>-<n>.bin` (position shard `n`), `t-<plan hash>-<n>.json` (chunk `n`).
pub fn file_name(kind: char, hash: &str, n: Option<usize>) -> String {
    let ext = if matches!(kind, 'c' | 'p') {
        "bin"
    } else {
        "json"
    };
    match n {
        Some(n) => format!("{kind}-{hash}-{n}.{ext}"),
        None => format!("{kind}-{hash}.{ext}"),
    }
}

/// FNV-1a 64 of `bytes`, the content hash behind file names (12 hex digits).
pub fn content_hash(bytes: &[u8]) -> String {
    format!("{:012x}", fnv64(bytes) >> 16)
}

pub(crate) fn fnv64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// The shard key of a gram (its folded characters): FNV-1a 32 over the code points, then
/// MurmurHash3's finaliser (FNV's low bits depend only on the inputs' low bits, and shard numbers
/// are the low bits).
pub fn gram_hash(gram: &[char]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for c in gram {
        for b in (*c as u32).to_le_bytes() {
            h ^= u32::from(b);
            h = h.wrapping_mul(0x0100_0193);
        }
    }
    h ^= h >> 16;
    h = h.wrapping_mul(0x85eb_ca6b);
    h ^= h >> 13;
    h = h.wrapping_mul(0xc2b2_ae35);
    h ^ (h >> 16)
}

/// A query as the engine runs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Query {
    /// Folded words, each at least one character, without duplicates, in the order typed.
    pub words: Vec<Vec<char>>,
    /// Whether the input was cut to [`MAX_QUERY_CHARS`] / [`MAX_WORDS`].
    pub truncated: bool,
}

impl Query {
    /// Splits `input` at whitespace (after folding, so the ideographic space splits too) into
    /// words. `None` when nothing is left (empty or only spaces).
    pub fn parse(input: &str) -> Option<Query> {
        let folded: String = input.chars().map(fold_search).collect();
        let mut words: Vec<Vec<char>> = Vec::new();
        let mut budget = MAX_QUERY_CHARS;
        let mut truncated = false;
        for w in folded.split(|c: char| c.is_whitespace() || c.is_control()) {
            let w: Vec<char> = w.chars().collect();
            if w.is_empty() || words.contains(&w) {
                continue;
            }
            if words.len() == MAX_WORDS || budget == 0 {
                truncated = true;
                break;
            }
            let take = w.len().min(budget);
            truncated |= take < w.len();
            budget -= take;
            words.push(w[..take].to_vec());
        }
        (!words.is_empty()).then_some(Query { words, truncated })
    }

    /// The words as text (folded), for display and for the reader's `find=`.
    pub fn word_strings(&self) -> Vec<String> {
        self.words.iter().map(|w| w.iter().collect()).collect()
    }
}

/// The bigram offsets `i` (into `word`) whose bigrams together cover every character:
/// `0, 2, 4, …` and `len − 2`. A word matches at `p` iff each `word[i..i + 2]` starts at `p + i`.
pub fn cover(word: &[char]) -> Vec<usize> {
    if word.len() < 2 {
        return Vec::new();
    }
    let mut out: Vec<usize> = (0..word.len() - 1).step_by(2).collect();
    if *out.last().unwrap_or(&0) != word.len() - 2 {
        out.push(word.len() - 2);
    }
    out
}

/// The grams a word is looked up by in the count shards: itself when it has one or two
/// characters, else its cover bigrams.
pub fn word_grams(word: &[char]) -> Vec<Vec<char>> {
    if word.len() <= 2 {
        return vec![word.to_vec()];
    }
    let mut out: Vec<Vec<char>> = cover(word)
        .into_iter()
        .map(|i| word[i..i + 2].to_vec())
        .collect();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_fold_split_and_cap() {
        let q = Query::parse("  学前教育\u{3000}ＰＰＰ 学前教育 ").unwrap();
        assert_eq!(q.word_strings(), ["学前教育", "ppp"]);
        assert!(!q.truncated);
        assert_eq!(Query::parse(""), None);
        assert_eq!(Query::parse(" \u{3000}\t"), None);
        let long: String = "教".repeat(200);
        let q = Query::parse(&long).unwrap();
        assert_eq!(q.words[0].len(), MAX_QUERY_CHARS);
        assert!(q.truncated);
        assert_eq!(
            Query::parse("<script> % 😀").unwrap().word_strings(),
            ["<script>", "%", "😀"]
        );
        assert_eq!(
            Query::parse("a b c d e f g h").unwrap().words.len(),
            MAX_WORDS
        );
    }

    #[test]
    fn covers_every_character() {
        assert_eq!(cover(&['a']), Vec::<usize>::new());
        assert_eq!(cover(&['a', 'b']), [0]);
        assert_eq!(cover(&['a', 'b', 'c']), [0, 1]);
        assert_eq!(cover(&['a', 'b', 'c', 'd']), [0, 2]);
        assert_eq!(cover(&['a', 'b', 'c', 'd', 'e']), [0, 2, 3]);
        assert_eq!(word_grams(&['学', '前', '学', '前']), [vec!['学', '前']]);
    }

    #[test]
    fn names_are_content_hashed() {
        assert_eq!(content_hash(b"a"), content_hash(b"a"));
        assert_ne!(content_hash(b"a"), content_hash(b"b"));
        assert_eq!(content_hash(b"a").len(), 12);
        assert_eq!(file_name('c', "00ff", Some(0)), "c-00ff-0.bin");
        assert_eq!(file_name('h', "00ff", None), "h-00ff.json");
        assert_eq!(file_name('t', "00ff", Some(3)), "t-00ff-3.json");
    }
}
