//! The one reading of Chinese magnitude words (万, 亿), shared by the parser (values in prose and
//! table cells, canonical indicators) and the app (numbers shown in the indicator views), so a
//! `2.34万` or a `万元` is multiplied the same way everywhere.
//!
//! * In a **value**, a magnitude is the 万/亿 written after the digits: `2.34万` = 23,400,
//!   `104.17亿` = 10,417,000,000, `1.2万亿` = 1.2 × 10^12 ([`magnitude_prefix`]). 千 is not a
//!   value magnitude: `5千米` is five kilometres, not 5,000 metres.
//! * In a **unit**, a magnitude is a 万/亿 (or 千) prefix before a unit (`万元`, `亿元`, `千人`;
//!   [`unit_magnitude`]). A lone `万` is not a unit prefix (the unit is then the word itself).
//!
//! Source: the conventions of Chinese statistical writing (万 = 10^4, 亿 = 10^8, 万亿 = 10^12).

/// `万` = 10^4.
pub const WAN: f64 = 1e4;
/// `亿` = 10^8.
pub const YI: f64 = 1e8;

/// The 万/亿 magnitude at the start of `s`: `万亿` → 10^12, `亿` → 10^8, `万` → 10^4, with the
/// number of `char`s it takes (2 or 1). `None` when `s` starts with neither.
///
/// ```
/// use planscope_model::number::magnitude_prefix;
/// assert_eq!(magnitude_prefix("万个"), Some((1e4, 1)));
/// assert_eq!(magnitude_prefix("万亿元"), Some((1e12, 2)));
/// assert_eq!(magnitude_prefix("亿元"), Some((1e8, 1)));
/// assert_eq!(magnitude_prefix("元"), None);
/// ```
pub fn magnitude_prefix(s: &str) -> Option<(f64, usize)> {
    let mut it = s.chars();
    match it.next()? {
        '万' if it.next() == Some('亿') => Some((WAN * YI, 2)),
        '万' => Some((WAN, 1)),
        '亿' => Some((YI, 1)),
        _ => None,
    }
}

/// Split a magnitude prefix off a unit: `万元` → (10^4, `元`), `亿元` → (10^8, `元`), `千人` →
/// (10^3, `人`), `元` → (1, `元`). A prefix alone (`万`) is not split: (1, `万`). Surrounding
/// whitespace is trimmed.
///
/// ```
/// use planscope_model::number::unit_magnitude;
/// assert_eq!(unit_magnitude("万元"), (1e4, "元"));
/// assert_eq!(unit_magnitude("千人"), (1e3, "人"));
/// assert_eq!(unit_magnitude("万"), (1.0, "万"));
/// assert_eq!(unit_magnitude("%"), (1.0, "%"));
/// ```
pub fn unit_magnitude(unit: &str) -> (f64, &str) {
    let u = unit.trim();
    let split = match magnitude_prefix(u) {
        Some((f, n)) => Some((f, n)),
        None if u.starts_with('千') => Some((1e3, 1)),
        None => None,
    };
    match split {
        Some((f, n)) => {
            let rest = &u[u.char_indices().nth(n).map_or(u.len(), |(b, _)| b)..];
            if rest.is_empty() {
                (1.0, u)
            } else {
                (f, rest)
            }
        }
        None => (1.0, u),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_magnitudes() {
        assert_eq!(magnitude_prefix("万"), Some((1e4, 1)));
        assert_eq!(magnitude_prefix("亿"), Some((1e8, 1)));
        assert_eq!(magnitude_prefix("万亿"), Some((1e12, 2)));
        assert_eq!(magnitude_prefix("千"), None, "千 is not a value magnitude");
        assert_eq!(magnitude_prefix(""), None);
    }

    #[test]
    fn unit_magnitudes() {
        assert_eq!(unit_magnitude(" 万元 "), (1e4, "元"));
        assert_eq!(unit_magnitude("亿元"), (1e8, "元"));
        assert_eq!(unit_magnitude("万亿元"), (1e12, "元"));
        assert_eq!(unit_magnitude("千人"), (1e3, "人"));
        assert_eq!(unit_magnitude("亿"), (1.0, "亿"));
        assert_eq!(unit_magnitude("个"), (1.0, "个"));
        assert_eq!(unit_magnitude(""), (1.0, ""));
    }
}
