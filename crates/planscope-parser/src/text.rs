//! Char-indexed source text and *segments*: runs of source characters that the parser treats
//! as one unit of text (a line, or in a paged scrape a space-delimited run that may cross a
//! removed page-number artefact).
//!
//! All positions are Unicode scalar values (chars) into the decoded source.

use std::borrow::Cow;

use planscope_model::SrcRange;

/// Whitespace for the parser and for the "nothing lost" accounting: Unicode `White_Space`
/// (which includes U+00A0 NBSP and U+3000 ideographic space) plus the invisible
/// format characters that scrapes leave behind (BOM, zero-width space/joiners, word joiner).
///
/// Spelled out as one `match` (the `White_Space` list of Unicode 16, `char::is_whitespace`'s
/// table, plus the five format characters) because it is asked of every character several
/// times; the test `is_space_is_white_space_plus_format` checks it against `char::is_whitespace`
/// over every char.
#[inline]
pub fn is_space(c: char) -> bool {
    matches!(
        c,
        '\t'..='\r'
            | ' '
            | '\u{85}'
            | '\u{a0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200d}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202f}'
            | '\u{205f}'
            | '\u{2060}'
            | '\u{3000}'
            | '\u{feff}'
    )
}

/// Fold a character for classification (full-width ASCII forms → ASCII, ideographic space →
/// space; one char for one char, so folded positions are original positions). The model never
/// stores folded text; scanners read the folded copy and slice the original.
pub use planscope_model::text::{fold, fold_str};

/// The text of `chars` as a `String`, allocated once at its exact length in bytes (`collect`
/// reserves one byte per char and grows again and again on CJK text, three bytes a char).
pub fn string_of(chars: &[char]) -> String {
    let mut s = String::with_capacity(chars.iter().map(|c| c.len_utf8()).sum());
    s.extend(chars);
    s
}

/// The decoded source as chars, and the same chars [`fold`]ed. Segments borrow both
/// ([`Seg`]), so each is made once per text, not once per segment.
#[derive(Debug)]
pub struct Source {
    pub chars: Vec<char>,
    /// `chars` [`fold`]ed (same length and positions).
    pub norm: Vec<char>,
}

impl Source {
    pub fn new(text: &str) -> Source {
        // counted first, so each vector is allocated once at its exact length (a `collect`
        // from `chars()` guesses a quarter of the bytes and grows, copying, on CJK text)
        let n = text.chars().count();
        let mut chars = Vec::with_capacity(n);
        chars.extend(text.chars());
        let norm = chars.iter().map(|&c| fold(c)).collect();
        Source { chars, norm }
    }

    pub fn len(&self) -> u32 {
        self.chars.len() as u32
    }

    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// Text of a range.
    pub fn slice(&self, start: u32, end: u32) -> String {
        string_of(&self.chars[start as usize..end as usize])
    }

    /// Physical lines: `(start, end)` without the line terminator (`\n`; a `\r` before it is
    /// whitespace and stays in the range).
    pub fn lines(&self) -> Vec<(u32, u32)> {
        let mut out = Vec::new();
        let mut start = 0u32;
        for (i, &c) in self.chars.iter().enumerate() {
            if c == '\n' {
                out.push((start, i as u32));
                start = i as u32 + 1;
            }
        }
        if start < self.len() {
            out.push((start, self.len()));
        }
        out
    }
}

/// `c[a..b]`: borrowed from the same place when `c` is borrowed, else a copy.
fn sub<'s>(c: &Cow<'s, [char]>, a: usize, b: usize) -> Cow<'s, [char]> {
    match c {
        Cow::Borrowed(c) => Cow::Borrowed(&c[a..b]),
        Cow::Owned(c) => Cow::Owned(c[a..b].to_vec()),
    }
}

/// A run of source text made of one or more source ranges, read as their concatenation.
///
/// A segment of one source range (every line of a text, and every piece cut from one)
/// borrows its characters from the [`Source`]; only a segment joined from several ranges (the
/// pages of a paged scrape) owns a copy. Either way `chars` and `norm` read the same.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Seg<'s> {
    /// Source ranges, in order, non-empty.
    pub parts: Vec<(u32, u32)>,
    /// The concatenated characters, as printed.
    pub chars: Cow<'s, [char]>,
    /// The same characters [`fold`]ed, for scanners (same length and positions).
    pub norm: Cow<'s, [char]>,
    /// Physical line number (1-based) where the segment starts.
    pub line: u32,
    /// Leading whitespace of the physical line it starts on (indentation cue).
    pub indent: u32,
}

impl<'s> Seg<'s> {
    pub fn from_range(src: &'s Source, start: u32, end: u32, line: u32, indent: u32) -> Seg<'s> {
        let mut s = Seg {
            parts: Vec::new(),
            chars: Cow::Borrowed(&[]),
            norm: Cow::Borrowed(&[]),
            line,
            indent,
        };
        s.push(src, start, end);
        s
    }

    /// Append a source range: still borrowed when the segment was empty or borrowed and the
    /// range continues its one range; otherwise the segment owns (from now on) a copy.
    pub fn push(&mut self, src: &'s Source, start: u32, end: u32) {
        if start >= end {
            return;
        }
        let (s, e) = (start as usize, end as usize);
        match self.parts.as_mut_slice() {
            [] => {
                self.parts.push((start, end));
                self.chars = Cow::Borrowed(&src.chars[s..e]);
                self.norm = Cow::Borrowed(&src.norm[s..e]);
            }
            [only] if only.1 == start && matches!(self.chars, Cow::Borrowed(_)) => {
                only.1 = end;
                let a = only.0 as usize;
                self.chars = Cow::Borrowed(&src.chars[a..e]);
                self.norm = Cow::Borrowed(&src.norm[a..e]);
            }
            [.., last] => {
                if last.1 == start {
                    last.1 = end;
                } else {
                    self.parts.push((start, end));
                }
                self.chars.to_mut().extend_from_slice(&src.chars[s..e]);
                self.norm.to_mut().extend_from_slice(&src.norm[s..e]);
            }
        }
    }

    pub fn len(&self) -> usize {
        self.chars.len()
    }

    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    pub fn text(&self) -> String {
        string_of(&self.chars)
    }

    /// Source position of logical offset `k` (`k == len` maps to the end of the last part).
    fn pos(&self, k: usize) -> u32 {
        let mut acc = 0usize;
        for &(s, e) in &self.parts {
            let n = (e - s) as usize;
            if k < acc + n {
                return s + (k - acc) as u32;
            }
            acc += n;
        }
        self.parts.last().map(|p| p.1).unwrap_or(0)
    }

    /// The sub-segment `[a, b)` in logical offsets.
    pub fn slice(&self, a: usize, b: usize) -> Seg<'s> {
        let b = b.min(self.len());
        let a = a.min(b);
        let mut out = Seg {
            parts: Vec::new(),
            chars: sub(&self.chars, a, b),
            norm: sub(&self.norm, a, b),
            line: self.line,
            indent: self.indent,
        };
        let mut acc = 0usize;
        for &(s, e) in &self.parts {
            let n = (e - s) as usize;
            let lo = a.max(acc);
            let hi = b.min(acc + n);
            if lo < hi {
                out.parts
                    .push((s + (lo - acc) as u32, s + (hi - acc) as u32));
            }
            acc += n;
        }
        if a > 0 {
            out.indent = 0;
            out.line = self.line_at(a);
        }
        out
    }

    fn line_at(&self, _k: usize) -> u32 {
        self.line
    }

    /// Strip whitespace at both ends.
    pub fn trim(&self) -> Seg<'s> {
        let a = self
            .chars
            .iter()
            .position(|&c| !is_space(c))
            .unwrap_or(self.len());
        let b = self
            .chars
            .iter()
            .rposition(|&c| !is_space(c))
            .map(|i| i + 1)
            .unwrap_or(a);
        if a == 0 && b == self.len() {
            return self.clone();
        }
        let mut s = self.slice(a, b);
        s.indent = self.indent;
        s.line = self.line;
        s
    }

    /// [`Seg::trim`] of an owned segment: the segment itself, not a copy, when it has no
    /// whitespace at either end.
    pub fn into_trim(self) -> Seg<'s> {
        let untrimmed = |c: Option<&char>| c.is_none_or(|&c| !is_space(c));
        if untrimmed(self.chars.first()) && untrimmed(self.chars.last()) {
            self
        } else {
            self.trim()
        }
    }

    /// Split at runs of whitespace; the pieces are trimmed and non-empty.
    pub fn split_ws(&self) -> Vec<Seg<'s>> {
        let mut out = Vec::new();
        let mut start: Option<usize> = None;
        for (i, &c) in self.chars.iter().enumerate() {
            if is_space(c) {
                if let Some(s) = start.take() {
                    out.push(self.slice(s, i));
                }
            } else if start.is_none() {
                start = Some(i);
            }
        }
        if let Some(s) = start {
            out.push(self.slice(s, self.len()));
        }
        out
    }

    /// The source ranges as wire ranges.
    pub fn ranges(&self) -> Vec<SrcRange> {
        self.parts.iter().map(|&(s, e)| [s, e]).collect()
    }

    /// Source start of the segment.
    pub fn start(&self) -> u32 {
        self.pos(0)
    }

    /// Does the folded text start with `p` (ASCII punctuation matches full-width too)?
    pub fn starts_with(&self, p: &str) -> bool {
        starts_with_at(&self.norm, 0, p)
    }

    /// The printed text of `[a, b)`.
    pub fn text_of(&self, a: usize, b: usize) -> String {
        string_of(&self.chars[a.min(self.len())..b.min(self.len())])
    }
}

/// Does `chars[at..]` start with `p`?
pub fn starts_with_at(chars: &[char], at: usize, p: &str) -> bool {
    p.chars()
        .enumerate()
        .all(|(k, pc)| chars.get(at + k) == Some(&pc))
}

/// Position of the first occurrence of `p` in `chars` at or after `from`.
pub fn find_at(chars: &[char], from: usize, p: &str) -> Option<usize> {
    // No allocation; a tight scan for the first character, then the rest compared: this runs
    // for every line against dozens of words (chrome, front matter, metadata).
    let mut pat = p.chars();
    let first = pat.next()?;
    let n = 1 + pat.clone().count();
    if chars.len() < n {
        return None;
    }
    let last = chars.len() - n;
    let mut i = from;
    while i <= last {
        i += chars[i..=last].iter().position(|&c| c == first)?;
        if pat.clone().zip(&chars[i + 1..]).all(|(a, &b)| a == b) {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// A fixed list of words (the keyword tables of [`crate::topics`] and [`crate::canonical`]),
/// indexed by their first two characters, to find every occurrence of every word in one pass
/// over a text: at each character one lookup of (this char, next char) in a small open-addressing
/// table, and a comparison with the few words that start so. Every occurrence is found,
/// overlapping ones included: the same as looking for each word on its own. (A one-character
/// word is keyed by its character alone.) Faster here than a byte automaton, whose tables for
/// hundreds of CJK words do not stay in cache.
///
/// Most characters of a plan text are refused before the table is read, by a 4 KB bit filter of
/// the (char, next char) keys (hashed; a set bit may be a collision, so the table still
/// decides); a one-character word is looked up only where a bitmap of those characters says so.
/// (An `aho-corasick` DFA of the topic phrases finds the same occurrences, but took about 1.5×
/// as long on the seeds.)
pub struct WordTable {
    words: Vec<&'static str>,
    /// Open addressing, power-of-two size: (key, first index into `ids`, count); key 0 = empty.
    slots: Vec<(u64, u32, u32)>,
    /// Word ids grouped by key, in word order within a key.
    ids: Vec<u32>,
    /// Per word: the byte length of its first two characters (the part the key already
    /// compared), so a candidate is checked on the rest only.
    keyed_len: Vec<u8>,
    /// One bit per BMP character: set when it is a one-character word.
    singles: Vec<u64>,
    /// A one-character word lies beyond the BMP (then every such character is looked up).
    astral_single: bool,
    /// [`WordTable::PAIR_BITS`]-bit filter of the keys of words of two or more characters.
    pairs: Vec<u64>,
}

/// Every occurrence of every word of a [`WordTable`] in one text, grouped by word: one list of
/// `(word id, position)` sorted by word (each word's positions ascending). Its size is the
/// number of occurrences (a few dozen in a paragraph), not the number of words in the table: a
/// `Vec` per word of the table cost an allocation per word found and a pass over all the words
/// per text.
pub struct Hits {
    /// One entry per occurrence: word id in the high bits, position in the low
    /// [`Hits::POS_BITS`], ascending (so by word, then by position); one allocation per text.
    packed: Vec<u64>,
    /// One bit per word of the table: set when the word occurs (most words of a table do
    /// not occur in a given text; they are refused by one bit test, not a search).
    present: Vec<u64>,
}

impl Hits {
    /// Bits of a packed entry that hold the position (texts up to 2⁴⁰ bytes).
    const POS_BITS: u32 = 40;
    const POS_MASK: u64 = (1 << Self::POS_BITS) - 1;

    fn entries(&self, id: usize) -> &[u64] {
        if self
            .present
            .get(id / 64)
            .is_none_or(|w| w >> (id % 64) & 1 == 0)
        {
            return &[];
        }
        let lo = (id as u64) << Self::POS_BITS;
        let hi = (id as u64 + 1) << Self::POS_BITS;
        let a = self.packed.partition_point(|&e| e < lo);
        let n = self.packed[a..].partition_point(|&e| e < hi);
        &self.packed[a..a + n]
    }

    /// Positions of word `id` (byte offsets or char indices, as asked of
    /// [`WordTable::hits`]), ascending.
    pub fn get(&self, id: usize) -> impl ExactSizeIterator<Item = usize> + Clone + '_ {
        self.entries(id)
            .iter()
            .map(|&e| (e & Self::POS_MASK) as usize)
    }

    /// Does word `id` occur?
    pub fn has(&self, id: usize) -> bool {
        !self.entries(id).is_empty()
    }

    /// The ids of the words found, ascending, each once.
    pub fn ids(&self) -> impl Iterator<Item = usize> + '_ {
        self.packed
            .iter()
            .enumerate()
            .filter(|&(i, &e)| {
                i == 0 || self.packed[i - 1] >> Self::POS_BITS != e >> Self::POS_BITS
            })
            .map(|(_, &e)| (e >> Self::POS_BITS) as usize)
    }
}

/// Key of a word's first two chars (`None`: a one-char word). Never 0.
fn pair_key(a: char, b: Option<char>) -> u64 {
    ((a as u64) << 22) | b.map_or(0x3F_FFFF, |b| b as u64)
}

impl WordTable {
    /// log2 of the bits of the pair filter (2¹⁵ bits, 4 KB: stays in cache beside the bitmaps).
    const PAIR_BITS: u32 = 15;

    /// Index `words` (empty words are never found).
    pub fn new(words: &[&'static str]) -> WordTable {
        let mut keyed: Vec<(u64, u32)> = words
            .iter()
            .enumerate()
            .filter_map(|(i, w)| {
                let mut cs = w.chars();
                let a = cs.next()?;
                Some((pair_key(a, cs.next()), i as u32))
            })
            .collect();
        keyed.sort();
        let size = (keyed.len() * 4).next_power_of_two().max(16);
        let mut slots = vec![(0u64, 0u32, 0u32); size];
        let mut ids = Vec::with_capacity(keyed.len());
        let mut i = 0;
        while i < keyed.len() {
            let key = keyed[i].0;
            let first = ids.len() as u32;
            while i < keyed.len() && keyed[i].0 == key {
                ids.push(keyed[i].1);
                i += 1;
            }
            let mut h = Self::hash(key, size);
            while slots[h].0 != 0 {
                h = (h + 1) & (size - 1);
            }
            slots[h] = (key, first, ids.len() as u32 - first);
        }
        let mut singles = vec![0u64; 1 << 10];
        let mut pairs = vec![0u64; 1 << (Self::PAIR_BITS - 6)];
        let mut astral_single = false;
        for w in words {
            let mut cs = w.chars();
            let Some(a) = cs.next() else { continue };
            let c = a as u32;
            match cs.next() {
                Some(b) => {
                    let f = Self::pair_bit(pair_key(a, Some(b)));
                    pairs[f >> 6] |= 1 << (f & 63);
                }
                None if c < 1 << 16 => singles[(c >> 6) as usize] |= 1 << (c & 63),
                None => astral_single = true,
            }
        }
        let keyed_len = words
            .iter()
            .map(|w| w.chars().take(2).map(char::len_utf8).sum::<usize>() as u8)
            .collect();
        WordTable {
            keyed_len,
            words: words.to_vec(),
            slots,
            ids,
            singles,
            astral_single,
            pairs,
        }
    }

    fn hash(key: u64, size: usize) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40) as usize & (size - 1)
    }

    /// The bit of a key in the pair filter.
    #[inline]
    fn pair_bit(key: u64) -> usize {
        (key.wrapping_mul(0xD6E8_FEB8_6659_FD93) >> (64 - Self::PAIR_BITS)) as usize
    }

    fn lookup(&self, key: u64) -> &[u32] {
        let size = self.slots.len();
        let mut h = Self::hash(key, size);
        loop {
            let (k, first, n) = self.slots[h];
            if k == key {
                return &self.ids[first as usize..(first + n) as usize];
            }
            if k == 0 {
                return &[];
            }
            h = (h + 1) & (size - 1);
        }
    }

    /// The words, by id.
    pub fn words(&self) -> &[&'static str] {
        &self.words
    }

    /// Is BMP char `c`'s bit set in `bits` (chars beyond the BMP: `astral`)?
    #[inline]
    fn bit(bits: &[u64], c: u32, astral: bool) -> bool {
        if c < 1 << 16 {
            bits[(c >> 6) as usize] & (1 << (c & 63)) != 0
        } else {
            astral
        }
    }

    /// Calls `found(word id, byte offset, char index)` for every occurrence of every word in
    /// `text`, in order of position (so one word's occurrences come in ascending order).
    pub fn each(&self, text: &str, mut found: impl FnMut(usize, usize, usize)) {
        // Every (char, next char) pair goes straight to the pair filter: a test of the start
        // bitmap first was a branch taken at about two chars in five of a plan text, mispredicted
        // often enough to cost more than the filter's multiply.
        let bytes = text.as_bytes();
        let mut it = text.char_indices();
        let Some((mut at, mut a)) = it.next() else {
            return;
        };
        let mut k = 0;
        loop {
            let next = it.next();
            if let Some((_, b)) = next {
                let key = pair_key(a, Some(b));
                let f = Self::pair_bit(key);
                if self.pairs[f >> 6] & (1 << (f & 63)) != 0 {
                    // the key matched the first two chars; compare the rest of each word
                    let rest = at + a.len_utf8() + b.len_utf8();
                    for &id in self.lookup(key) {
                        let w = self.words[id as usize].as_bytes();
                        let tail = &w[self.keyed_len[id as usize] as usize..];
                        if bytes.len() >= rest + tail.len()
                            && tail.iter().zip(&bytes[rest..]).all(|(x, y)| x == y)
                        {
                            found(id as usize, at, k);
                        }
                    }
                }
            }
            if Self::bit(&self.singles, a as u32, self.astral_single) {
                for &id in self.lookup(pair_key(a, None)) {
                    found(id as usize, at, k);
                }
            }
            k += 1;
            match next {
                Some((next_at, b)) => {
                    at = next_at;
                    a = b;
                }
                None => break,
            }
        }
    }
}

impl WordTable {
    /// [`WordTable::each`] gathered per word: positions as byte offsets (`by_char == false`)
    /// or char indices (`true`).
    pub fn hits(&self, text: &str, by_char: bool) -> Hits {
        // room for one occurrence per 12 bytes of text (a guess; saves most regrowths)
        let mut packed: Vec<u64> = Vec::with_capacity(text.len() / 12 + 4);
        let mut present = vec![0u64; self.words.len().div_ceil(64)];
        self.each(text, |id, at, k| {
            let pos = if by_char { k } else { at } as u64;
            packed.push((id as u64) << Hits::POS_BITS | pos);
            present[id / 64] |= 1 << (id % 64);
        });
        // (word, position) pairs are distinct, so this is each word's positions ascending
        packed.sort_unstable();
        Hits { packed, present }
    }
}

pub fn contains(chars: &[char], p: &str) -> bool {
    find_at(chars, 0, p).is_some()
}

/// Characters that end a sentence.
pub fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '!' | '?' | ';')
}

/// A Chinese character (汉字); the one definition lives in the model crate.
pub use planscope_model::text::is_han;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_segment_of_one_range_borrows_the_source_and_one_of_several_owns_a_copy() {
        let src = Source::new("一、总体要求\n（二）ＡＢ 目标");
        let borrowed = |c: &Cow<[char]>| matches!(c, Cow::Borrowed(_));
        let line = Seg::from_range(&src, 7, 15, 2, 0);
        assert!(borrowed(&line.chars) && borrowed(&line.norm));
        assert_eq!(line.text(), "（二）ＡＢ 目标");
        assert_eq!(string_of(&line.norm), "(二)AB 目标");
        // cut pieces and continued ranges stay borrowed
        let pieces = line.split_ws();
        assert_eq!(pieces.len(), 2);
        assert!(pieces
            .iter()
            .all(|p| borrowed(&p.chars) && borrowed(&p.norm)));
        assert_eq!(pieces[1].text(), "目标");
        assert_eq!(pieces[1].parts, vec![(13, 15)]);
        let mut grown = Seg::from_range(&src, 0, 2, 1, 0);
        grown.push(&src, 2, 6);
        assert!(borrowed(&grown.chars));
        assert_eq!(
            (grown.text(), grown.parts.clone()),
            ("一、总体要求".into(), vec![(0, 6)])
        );
        // a second, separate range makes a copy that reads the same
        grown.push(&src, 10, 12);
        assert!(!borrowed(&grown.chars) && !borrowed(&grown.norm));
        assert_eq!(grown.text(), "一、总体要求ＡＢ");
        assert_eq!(string_of(&grown.norm), "一、总体要求AB");
        assert_eq!(grown.parts, vec![(0, 6), (10, 12)]);
        let cut = grown.slice(4, 7);
        assert_eq!(
            (cut.text(), cut.parts.clone()),
            ("要求Ａ".into(), vec![(4, 6), (10, 11)])
        );
    }

    #[test]
    fn is_space_is_white_space_plus_format() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let expected = c.is_whitespace()
                || matches!(
                    c,
                    '\u{feff}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}'
                );
            assert_eq!(is_space(c), expected, "{:?} U+{:04X}", c, c as u32);
        }
    }

    #[test]
    fn slicing_across_parts() {
        let src = Source::new("(一)学习贯彻9、习近平思想 正文");
        let mut s = Seg::from_range(&src, 0, 7, 1, 0);
        s.push(&src, 9, 17);
        assert_eq!(s.text(), "(一)学习贯彻习近平思想 正文");
        let words = s.split_ws();
        assert_eq!(words.len(), 2);
        assert_eq!(words[0].text(), "(一)学习贯彻习近平思想");
        assert_eq!(words[0].parts, vec![(0, 7), (9, 14)]);
        assert_eq!(words[1].parts, vec![(15, 17)]);
        let t = s.slice(3, 9);
        assert_eq!(t.text(), "学习贯彻习近");
        assert_eq!(t.parts, vec![(3, 7), (9, 11)]);
    }

    #[test]
    fn trim_and_lines() {
        let src = Source::new("\u{a0} 一、总则 \r\nabc");
        let lines = src.lines();
        assert_eq!(lines, vec![(0, 8), (9, 12)]);
        let s = Seg::from_range(&src, 0, 8, 1, 0).trim();
        assert_eq!(s.text(), "一、总则");
        assert_eq!(s.parts, vec![(2, 6)]);
    }

    #[test]
    fn folding_keeps_positions() {
        let src = Source::new("\u{FF08}\u{4E00}\u{FF09}\u{6307}\u{FF0C}\u{FF11}\u{FF0E}");
        let s = Seg::from_range(&src, 0, src.len(), 1, 0);
        assert_eq!(s.norm.iter().collect::<String>(), "(\u{4E00})\u{6307},1.");
        assert_eq!(s.chars.len(), s.norm.len());
        assert_eq!(fold('\u{3000}'), ' ');
        assert_eq!(fold('\u{3002}'), '\u{3002}');
    }

    #[test]
    fn word_table_finds_what_each_word_alone_finds() {
        let words: &[&'static str] = &[
            "学前教育",
            "学前",
            "前教",
            "教育",
            "党",
            "𠀋",
            "𠀋村",
            "a",
            "ab",
            "abc",
            "bc",
            "育人",
            "",
        ];
        let table = WordTable::new(words);
        let text = "学前教育育人，党建ab abc𠀋村 学前教党𠀋abcab";
        let mut found = Vec::new();
        table.each(text, |id, at, k| found.push((id, at, k)));
        found.sort();
        let mut naive = Vec::new();
        for (id, w) in words.iter().enumerate().filter(|(_, w)| !w.is_empty()) {
            for (k, (at, _)) in text.char_indices().enumerate() {
                if text[at..].starts_with(w) {
                    naive.push((id, at, k));
                }
            }
        }
        naive.sort();
        assert_eq!(found, naive);
    }

    #[test]
    fn find_helpers() {
        let c: Vec<char> = "关于印发规划的通知".chars().collect();
        assert_eq!(find_at(&c, 0, "印发"), Some(2));
        assert!(contains(&c, "通知"));
        assert!(!contains(&c, "方案"));
        assert!(starts_with_at(&c, 2, "印发规划"));
    }
}
