//! # planscope-synth: a synthetic library of plan texts
//!
//! The one generator of test libraries (issue 15): `planscope synth`, the build-at-scale test
//! and the search budgets (`planscope-search`'s tests, `planscope search-size`) all use
//! [`library`]. It writes **plan texts** (not models), so a synthetic library goes through the
//! parser and `planscope build` like a real one.
//!
//! Plan `k` of a library is made from seed `k % seeds.len()` (the seeds are the real texts of
//! `seeds/`), varied deterministically by a hash of (`seed`, `k`) — no randomness, so the same
//! arguments always give byte-identical files:
//!
//! * **Region.** The seed's region as the parser reads it (`metadata.region`) is replaced
//!   everywhere in the text by a prefecture-level city of [`planscope_parser::region_data`]
//!   (its province, full name and short name), and a county-level seed's county by a county name
//!   made of two characters of [`COUNTY_CHARS`] and the seed county's suffix (`区`/`县`/`市`),
//!   so the generic county rule of the region lookup reads it. Long names are replaced first;
//!   a county's short name is left alone (`和平` is also an ordinary word).
//! * **Period and dates.** Every year 2000–2049 written with four digits moves by the same
//!   offset, −5, 0 or +5 (so `2021—2025年` stays a five-year period), and `十三五`/`十四五`/
//!   `十五五` move with it; the day of every `年M月D日` date becomes another day 1–28 of the same
//!   month.
//! * **Indicator values.** Every decimal number (`95.5`, `104.17`) is moved by up to ±3 % of
//!   itself, keeping its number of decimals, and a number ≤ 100 stays ≤ 100 (rates).
//! * **Sections.** About one body paragraph in eight (a line longer than [`MIN_PARAGRAPH`]
//!   characters ending in `。`) is dropped, and about one pair of adjacent such paragraphs in
//!   six is swapped. Headings, tables and front matter stay as they are, so the numbering the
//!   parser checks stays intact.
//!
//! A plan's file name is `s<k, five digits>-<seed stem>.txt`, so a directory listing sorts in
//! `k` order.

use std::path::{Path, PathBuf};

use planscope_parser::region_data;

/// A seed text: its file stem and its decoded text.
#[derive(Clone, Debug)]
pub struct Seed {
    pub stem: String,
    pub text: String,
}

/// The seed files of `dir`: every `*.txt`, sorted by path (so by plan id).
///
/// # Errors
/// A one-line message naming `dir` when it cannot be listed.
pub fn seed_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut files = Vec::new();
    for e in entries {
        let path = e.map_err(|e| format!("{}: {e}", dir.display()))?.path();
        if path.is_file() && path.extension().is_some_and(|x| x == "txt") {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// The seeds of `dir` ([`seed_files`]), each decoded by [`planscope_parser::decode`].
///
/// # Errors
/// A one-line message naming the file that cannot be listed, read or decoded.
pub fn read_seeds(dir: &Path) -> Result<Vec<Seed>, String> {
    seed_files(dir)?
        .iter()
        .map(|f| {
            let bytes =
                std::fs::read(f).map_err(|e| format!("{}: cannot read: {e}", f.display()))?;
            let text = planscope_parser::decode(&bytes)
                .map_err(|e| format!("{}: {e}", f.display()))?
                .text;
            Ok(Seed {
                stem: planscope_parser::file_stem(&f.to_string_lossy()).to_string(),
                text,
            })
        })
        .collect()
}

/// One synthetic plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    /// `s00042-<seed stem>.txt`.
    pub file_name: String,
    pub text: String,
}

/// Characters county names are made of (common in real county names).
pub const COUNTY_CHARS: &[char] = &[
    '东', '西', '南', '北', '安', '平', '宁', '和', '兴', '新', '长', '永', '清', '丰', '山', '江',
    '阳', '城', '武', '泰', '福', '乐', '昌', '德', '临', '定', '顺', '通', '华', '明',
];

/// Shortest line (in characters) that counts as a body paragraph for dropping and swapping.
pub const MIN_PARAGRAPH: usize = 40;

/// SplitMix64: a deterministic 64-bit mix of `x`.
fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// A small deterministic stream of numbers for one plan.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 = mix(self.0);
        self.0
    }
    /// 0..n
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// What the parser reads of a seed, kept for every copy of it.
struct SeedInfo<'a> {
    seed: &'a Seed,
    province: Option<String>,
    city: Option<String>,
    county: Option<String>,
}

/// `n` plans made from `seeds` (see the crate docs); `seed` picks another library of the
/// same shape. Empty when `seeds` is.
pub fn library(seeds: &[Seed], n: usize, seed: u64) -> Vec<Plan> {
    let infos: Vec<SeedInfo> = seeds
        .iter()
        .map(|s| {
            let r = planscope_parser::parse(&s.stem, &s.text).metadata.region;
            SeedInfo {
                seed: s,
                province: r.province,
                city: r.city,
                county: r.county,
            }
        })
        .collect();
    if infos.is_empty() {
        return Vec::new();
    }
    let cities: Vec<(&'static str, &'static str)> = region_data::prefectures().collect();
    (0..n)
        .map(|k| {
            let info = &infos[k % infos.len()];
            let mut dice = Dice(mix(seed ^ mix(k as u64)));
            let text = vary(info, &cities, &mut dice);
            Plan {
                file_name: format!("s{k:05}-{}.txt", info.seed.stem),
                text,
            }
        })
        .collect()
}

/// The full name's administrative suffix (`区`, `县`, `市`, `旗`), if any.
fn suffix(name: &str) -> &str {
    match name.chars().last() {
        Some(c @ ('区' | '县' | '市' | '旗')) => &name[name.len() - c.len_utf8()..],
        _ => "",
    }
}

fn vary(info: &SeedInfo, cities: &[(&'static str, &'static str)], dice: &mut Dice) -> String {
    let mut text = info.seed.text.clone();
    // region: (from, to), longest first
    let mut swaps: Vec<(String, String)> = Vec::new();
    if !cities.is_empty() {
        let (city, province) = cities[dice.below(cities.len() as u64) as usize];
        let city_short = region_data::prefecture_short_name(city);
        if let Some(county) = &info.county {
            let a = COUNTY_CHARS[dice.below(COUNTY_CHARS.len() as u64) as usize];
            let b = COUNTY_CHARS[dice.below(COUNTY_CHARS.len() as u64) as usize];
            let sfx = match suffix(county) {
                "" => "县",
                s => s,
            };
            swaps.push((county.clone(), format!("{a}{b}{sfx}")));
        }
        if let Some(c) = &info.city {
            swaps.push((c.clone(), city.to_string()));
            if let Some(short) = c.strip_suffix('市').filter(|s| s.chars().count() >= 2) {
                swaps.push((short.to_string(), city_short.to_string()));
            }
        }
        if let Some(p) = info
            .province
            .as_ref()
            .filter(|p| Some(*p) != info.city.as_ref())
        {
            swaps.push((p.clone(), province.to_string()));
            if let (Some(from), Some(to)) =
                (region_data::province(p), region_data::province(province))
            {
                swaps.push((from.short.to_string(), to.short.to_string()));
            }
        }
    }
    swaps.retain(|(f, t)| !f.is_empty() && f != t);
    swaps.sort_by_key(|(f, _)| std::cmp::Reverse(f.chars().count()));
    text = replace_all(&text, &swaps);
    // period and dates
    let shift: i32 = [-5, 0, 5][dice.below(3) as usize];
    text = shift_years(&text, shift);
    text = vary_days(&text, dice);
    // indicator values
    text = vary_decimals(&text, dice);
    // sections
    edit_paragraphs(&text, dice)
}

/// Replace every `from` by its `to`, trying the pairs in order at each position (so longer
/// names listed first win) and never re-reading a replacement.
fn replace_all(text: &str, swaps: &[(String, String)]) -> String {
    if swaps.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    'outer: while i < text.len() {
        for (f, t) in swaps {
            if text[i..].starts_with(f.as_str()) {
                out.push_str(t);
                i += f.len();
                continue 'outer;
            }
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        out.push(c);
        i += c.len_utf8();
    }
    out
}

const FIVE_YEAR: [&str; 3] = ["十三五", "十四五", "十五五"];

fn shift_years(text: &str, shift: i32) -> String {
    if shift == 0 {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        // a four-digit year 2000–2049, not part of a longer number
        if i + 4 <= chars.len()
            && chars[i..i + 4].iter().all(char::is_ascii_digit)
            && (i == 0 || !chars[i - 1].is_ascii_digit())
            && chars.get(i + 4).is_none_or(|c| !c.is_ascii_digit())
        {
            let y: i32 = chars[i..i + 4]
                .iter()
                .collect::<String>()
                .parse()
                .unwrap_or(0);
            if (2000..2050).contains(&y) {
                out.push_str(&(y + shift).to_string());
                i += 4;
                continue;
            }
        }
        // 十三五 / 十四五 / 十五五
        if let Some(k) = FIVE_YEAR
            .iter()
            .position(|w| chars[i..].starts_with(&w.chars().collect::<Vec<_>>()))
        {
            let to = (k as i32 + shift / 5).clamp(0, 2) as usize;
            out.push_str(FIVE_YEAR[to]);
            i += 3;
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// `年M月D日` → the same month, another day 1–28.
fn vary_days(text: &str, dice: &mut Dice) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        out.push(chars[i]);
        if chars[i] == '月' && i > 0 && chars[i - 1].is_ascii_digit() {
            let d = chars[i + 1..]
                .iter()
                .take_while(|c| c.is_ascii_digit())
                .count();
            if (1..=2).contains(&d) && chars.get(i + 1 + d) == Some(&'日') {
                out.push_str(&(1 + dice.below(28)).to_string());
                i += 1 + d;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// Every decimal number moved by up to ±3 %, same number of decimals; ≤ 100 stays ≤ 100.
fn vary_decimals(text: &str, dice: &mut Dice) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let starts = chars[i].is_ascii_digit() && (i == 0 || !chars[i - 1].is_ascii_digit());
        if starts && (i == 0 || chars[i - 1] != '.') {
            let int = chars[i..].iter().take_while(|c| c.is_ascii_digit()).count();
            let dot = i + int;
            let frac = if chars.get(dot) == Some(&'.') {
                chars[dot + 1..]
                    .iter()
                    .take_while(|c| c.is_ascii_digit())
                    .count()
            } else {
                0
            };
            if frac > 0 && int <= 6 {
                let printed: String = chars[i..dot + 1 + frac].iter().collect();
                if let Ok(v) = printed.parse::<f64>() {
                    let factor = 1.0 + (dice.below(61) as f64 - 30.0) / 1000.0;
                    let mut w = v * factor;
                    if v <= 100.0 {
                        w = w.min(100.0);
                    }
                    out.push_str(&format!("{w:.frac$}"));
                    i = dot + 1 + frac;
                    continue;
                }
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

fn is_paragraph(line: &str) -> bool {
    let t = line.trim();
    t.chars().count() > MIN_PARAGRAPH && t.ends_with('。')
}

/// Drop about one body paragraph in eight, swap about one adjacent pair in six.
fn edit_paragraphs(text: &str, dice: &mut Dice) -> String {
    let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut i = 0;
    while i + 1 < lines.len() {
        if is_paragraph(lines[i]) && is_paragraph(lines[i + 1]) && dice.below(6) == 0 {
            lines.swap(i, i + 1);
            i += 2;
        } else {
            i += 1;
        }
    }
    let mut out = String::with_capacity(text.len());
    for l in lines {
        if is_paragraph(l) && dice.below(8) == 0 {
            continue;
        }
        out.push_str(l);
        // a swapped last line may lack its newline
        if !l.ends_with('\n') && !out.is_empty() {
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seeds() -> Vec<Seed> {
        read_seeds(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds")).unwrap()
    }

    #[test]
    fn deterministic_and_varied() {
        let s = seeds();
        let a = library(&s, 12, 7);
        assert_eq!(a, library(&s, 12, 7), "same arguments, same library");
        assert_ne!(a, library(&s, 12, 8), "another seed, another library");
        assert_eq!(a.len(), 12);
        assert_eq!(a[3].file_name, format!("s00003-{}.txt", s[3].stem));
        // copies of one seed differ from it and from each other
        assert_ne!(a[0].text, s[0].text);
        assert_ne!(a[0].text, a[5].text);
    }

    #[test]
    fn plans_parse_with_new_regions_and_nothing_lost() {
        let s = seeds();
        let lib = library(&s, 20, 1);
        let mut regions = std::collections::BTreeSet::new();
        for p in &lib {
            let doc = planscope_parser::parse("x", &p.text);
            let c = &doc.coverage;
            assert_eq!(c.model + c.removed, c.non_whitespace, "{}", p.file_name);
            assert!(!doc.sections.is_empty(), "{}: no outline", p.file_name);
            regions.insert(doc.metadata.region.display());
        }
        assert!(regions.len() >= 10, "regions vary: {regions:?}");
    }

    #[test]
    fn years_move_together() {
        assert_eq!(
            shift_years("2021—2025年，“十四五”，12345，2060", 5),
            "2026—2030年，“十五五”，12345，2060"
        );
        assert_eq!(shift_years("十三五", -5), "十三五");
    }

    #[test]
    fn decimals_stay_rates() {
        let mut d = Dice(3);
        for _ in 0..50 {
            let v = vary_decimals("达到99.9%，投入104.17亿元，第3.2节", &mut d);
            let n: f64 = v[6..].split('%').next().unwrap().parse().unwrap();
            assert!((96.0..=100.0).contains(&n), "{v}");
        }
    }
}
