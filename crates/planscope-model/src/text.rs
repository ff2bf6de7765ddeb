//! Character folding shared by the parser's scanners and the app's search.

/// Fold a character for matching: full-width ASCII variants (U+FF01–U+FF5E) become their ASCII
/// forms and the ideographic space becomes a space. One char in, one char out, so positions in a
/// folded copy are positions in the original.
pub fn fold(c: char) -> char {
    match c as u32 {
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        0x3000 => ' ',
        _ => c,
    }
}

/// The folding of every search in the app — find in a plan (`search::find_in`) and the search
/// across plans (`planscope-search`): [`fold`], then ASCII letters to lower case, so `PPP` finds
/// `ppp` and `ＰＰＰ`. Still one char in, one char out. The parser's scanners use [`fold`] alone
/// (case matters to them, e.g. in `Ⅰ`/`I` numbering).
pub fn fold_search(c: char) -> char {
    fold(c).to_ascii_lowercase()
}

/// [`fold`] over a string.
pub fn fold_str(s: &str) -> String {
    // Only U+FF01–U+FF5E (UTF-8 `EF BC 81`–`EF BD 9E`) and U+3000 (`E3 80 80`) change; they
    // start with byte 0xEF or 0xE3, which `memchr2` finds many bytes at a time, so the runs
    // between such bytes are copied whole, and the copy is never longer.
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut copied = 0;
    let mut i = 0;
    while let Some(k) = memchr::memchr2(0xEF, 0xE3, &bytes[i..]) {
        let at = i + k;
        i = at + 1;
        let folded = match bytes.get(at..at + 3) {
            Some([0xE3, 0x80, 0x80]) => ' ',
            Some(&[0xEF, b1 @ (0xBC | 0xBD), b2]) => {
                let c = 0xF000 | ((b1 & 0x3F) as u32) << 6 | (b2 & 0x3F) as u32;
                if !(0xFF01..=0xFF5E).contains(&c) {
                    continue;
                }
                // U+FF01–U+FF5E → U+0021–U+007E
                (c - 0xFEE0) as u8 as char
            }
            _ => continue,
        };
        out.push_str(&s[copied..at]);
        out.push(folded);
        copied = at + 3;
        i = at + 3;
    }
    out.push_str(&s[copied..]);
    out
}

/// A Chinese character (汉字): CJK unified ideographs (U+4E00–U+9FFF), extension A
/// (U+3400–U+4DBF), compatibility ideographs (U+F900–U+FAFF) and extensions B–H
/// (U+20000–U+3134F, rare characters of place names). The project's one definition: the parser's
/// scanners and the app's phrase logic both use it.
pub fn is_han(c: char) -> bool {
    matches!(c as u32, 0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_full_width_one_for_one() {
        assert_eq!(
            fold_str("\u{FF08}\u{4E00}\u{FF09}\u{FF11}\u{FF0E}\u{3000}"),
            "(\u{4E00})1. "
        );
        // runs of unchanged text between folded chars, and chars that share the lead bytes
        // (U+3002 。 and U+FF5F ｟ start with 0xE3 / 0xEF but do not fold)
        let mixed = "a（一）学前教育。ｘ\u{3000}y｟ok｠，";
        let by_char: String = mixed.chars().map(fold).collect();
        assert_eq!(fold_str(mixed), by_char);
        assert_eq!(fold_str(mixed), "a(一)学前教育。x y｟ok｠,");
        assert_eq!(
            fold('\u{3002}'),
            '\u{3002}',
            "the ideographic full stop is not folded"
        );
        assert_eq!(fold_search('\u{FF30}'), 'p');
        assert_eq!(fold_search('P'), 'p');
        assert_eq!(fold_search('学'), '学');
    }

    #[test]
    fn fold_str_is_fold_of_every_char() {
        let all: String = (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .flat_map(|c| [c, 'x'])
            .collect();
        assert_eq!(fold_str(&all), all.chars().map(fold).collect::<String>());
    }
}
