//! Bytes → text. Accepts UTF-8 (with or without BOM), UTF-16 with a BOM, and GB18030/GBK.
//! Refuses empty files, binary files (NUL bytes or control-character soup) and text that is
//! neither valid UTF-8 nor clean GB18030, with a typed, one-line error.
//!
//! For a refused mixed-encoding file, [`decode_lossy`] decodes what is valid and says where it
//! is not: the likelier encoding (a BOM decides outright; else UTF-8 when its invalid bytes
//! are under a tenth of the non-ASCII bytes — GB18030 text read as UTF-8 fails on nearly every
//! character, while UTF-8 read as GB18030 mostly "succeeds" as mojibake — else GB18030), each run of invalid bytes replaced by one U+FFFD, and an [`Invalid`] per
//! run (byte offset, length, line).

use std::fmt;

/// Decoded text and the encoding it was read as.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// `utf-8`, `utf-8-bom`, `utf-16le`, `utf-16be` or `gb18030`.
    pub encoding: &'static str,
}

/// Why a file could not be read as a plan text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// The file has no bytes, or only whitespace.
    Empty,
    /// The file looks binary: a NUL byte or too many control characters.
    Binary { offset: usize },
    /// Neither valid UTF-8 nor GB18030 without replacement characters.
    Undecodable { offset: usize },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Empty => write!(f, "the file is empty (no text to parse)"),
            DecodeError::Binary { offset } => {
                write!(f, "the file is binary, not text (control byte at offset {offset})")
            }
            DecodeError::Undecodable { offset } => write!(
                f,
                "the file is neither UTF-8 nor GB18030 text (invalid byte sequence at offset {offset})"
            ),
        }
    }
}

impl std::error::Error for DecodeError {}

fn is_bad_control(c: char) -> bool {
    (c as u32) < 0x20 && !matches!(c, '\n' | '\r' | '\t' | '\x0c')
}

fn check_text(text: &str) -> Result<(), DecodeError> {
    if text.chars().all(|c| c.is_whitespace() || c == '\u{feff}') {
        return Err(DecodeError::Empty);
    }
    // Byte by byte (a NUL and the bad controls are ASCII, never inside a longer UTF-8
    // sequence; a char is a byte that is not a continuation byte `10xxxxxx`): loops the compiler
    // vectorises, instead of decoding every char.
    let bytes = text.as_bytes();
    if let Some(offset) = memchr::memchr(0, bytes) {
        return Err(DecodeError::Binary { offset });
    }
    let bad_byte = |b: u8| b < 0x80 && is_bad_control(b as char);
    let total = bytes.iter().filter(|&&b| (b as i8) >= -0x40).count();
    let bad = bytes.iter().filter(|&&b| bad_byte(b)).count();
    // A few stray control characters happen in scrapes; a lot means binary.
    if bad * 100 > total.max(1) {
        return Err(DecodeError::Binary {
            offset: bytes.iter().position(|&b| bad_byte(b)).unwrap_or(0),
        });
    }
    Ok(())
}

/// Decode a file's bytes.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    // UTF-16 with BOM.
    if let Some((enc, name, bom)) = encoding_rs::Encoding::for_bom(bytes).map(|(e, n)| {
        let name = if e == encoding_rs::UTF_8 {
            "utf-8-bom"
        } else if e == encoding_rs::UTF_16LE {
            "utf-16le"
        } else {
            "utf-16be"
        };
        (e, name, n)
    }) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom..]);
        if had_errors {
            return Err(DecodeError::Undecodable { offset: bom });
        }
        check_text(&text)?;
        return Ok(Decoded {
            text: text.into_owned(),
            encoding: name,
        });
    }
    if let Some(pos) = memchr::memchr(0, bytes) {
        return Err(DecodeError::Binary { offset: pos });
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => {
            check_text(text)?;
            Ok(Decoded {
                text: text.to_string(),
                encoding: "utf-8",
            })
        }
        Err(utf8_err) => {
            let (text, _, had_errors) = encoding_rs::GB18030.decode(bytes);
            if had_errors {
                return Err(DecodeError::Undecodable {
                    offset: utf8_err.valid_up_to(),
                });
            }
            check_text(&text)?;
            Ok(Decoded {
                text: text.into_owned(),
                encoding: "gb18030",
            })
        }
    }
}

/// An invalid byte sequence found by [`decode_lossy`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Invalid {
    /// Byte offset in the file.
    pub offset: usize,
    /// Length in bytes.
    pub len: usize,
    /// 1-based line (a line ends at byte `0x0A`, which is never part of a UTF-8, GB18030 or
    /// UTF-16 sequence other than the line feed; for UTF-16 lines are counted in the decoded text).
    pub line: usize,
}

/// Decode what is valid: the text with U+FFFD for each invalid sequence, the encoding it was
/// read as (names as [`Decoded::encoding`]) and where the invalid sequences are, in file order.
/// Never fails; an empty input gives an empty text.
pub fn decode_lossy(bytes: &[u8]) -> (Decoded, Vec<Invalid>) {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let name = if enc == encoding_rs::UTF_8 {
            "utf-8-bom"
        } else if enc == encoding_rs::UTF_16LE {
            "utf-16le"
        } else {
            "utf-16be"
        };
        let (text, invalid) = lossy_with(enc, &bytes[bom..], bom);
        return (
            Decoded {
                text,
                encoding: name,
            },
            invalid,
        );
    }
    let utf8 = lossy_utf8(bytes);
    if utf8.1.is_empty() {
        return (
            Decoded {
                text: utf8.0,
                encoding: "utf-8",
            },
            utf8.1,
        );
    }
    let non_ascii = bytes.iter().filter(|b| !b.is_ascii()).count();
    let bad: usize = utf8.1.iter().map(|i| i.len).sum();
    if bad * 10 < non_ascii {
        return (
            Decoded {
                text: utf8.0,
                encoding: "utf-8",
            },
            utf8.1,
        );
    }
    let (text, invalid) = lossy_with(encoding_rs::GB18030, bytes, 0);
    (
        Decoded {
            text,
            encoding: "gb18030",
        },
        invalid,
    )
}

fn line_of(bytes: &[u8], offset: usize) -> usize {
    1 + bytes[..offset.min(bytes.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
}

fn lossy_utf8(bytes: &[u8]) -> (String, Vec<Invalid>) {
    let mut text = String::with_capacity(bytes.len());
    let mut invalid: Vec<Invalid> = Vec::new();
    let mut pos = 0usize;
    let mut lines = 1usize;
    for chunk in bytes.utf8_chunks() {
        let v = chunk.valid();
        text.push_str(v);
        lines += v.bytes().filter(|&b| b == b'\n').count();
        pos += v.len();
        let bad = chunk.invalid();
        if let Some(last) = invalid
            .last_mut()
            .filter(|l| v.is_empty() && l.offset + l.len == pos)
        {
            // one run of invalid bytes, one replacement
            last.len += bad.len();
            pos += bad.len();
        } else if !bad.is_empty() {
            text.push('\u{fffd}');
            invalid.push(Invalid {
                offset: pos,
                len: bad.len(),
                line: lines,
            });
            pos += bad.len();
        }
    }
    (text, invalid)
}

fn lossy_with(
    enc: &'static encoding_rs::Encoding,
    bytes: &[u8],
    base: usize,
) -> (String, Vec<Invalid>) {
    let mut dec = enc.new_decoder_without_bom_handling();
    let mut text = String::with_capacity(
        dec.max_utf8_buffer_length_without_replacement(bytes.len())
            .unwrap_or(bytes.len() * 3),
    );
    let mut invalid = Vec::new();
    let mut pos = 0usize;
    loop {
        let (res, read) = dec.decode_to_string_without_replacement(&bytes[pos..], &mut text, true);
        pos += read;
        match res {
            encoding_rs::DecoderResult::InputEmpty => break,
            encoding_rs::DecoderResult::OutputFull => text.reserve(bytes.len() - pos + 16),
            encoding_rs::DecoderResult::Malformed(bad, after) => {
                let start = pos - after as usize - bad as usize;
                let line = if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                    1 + text.matches('\n').count()
                } else {
                    line_of(bytes, start)
                };
                invalid.push(Invalid {
                    offset: base + start,
                    len: bad as usize,
                    line,
                });
                text.push('\u{fffd}');
            }
        }
    }
    (text, invalid)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The char-by-char reading `check_text` had before it read bytes.
    fn check_text_by_char(text: &str) -> Result<(), DecodeError> {
        if text.chars().all(|c| c.is_whitespace() || c == '\u{feff}') {
            return Err(DecodeError::Empty);
        }
        let (mut bad, mut total, mut first_bad) = (0usize, 0usize, None);
        for (i, c) in text.char_indices() {
            total += 1;
            if c == '\0' {
                return Err(DecodeError::Binary { offset: i });
            }
            if is_bad_control(c) {
                bad += 1;
                first_bad.get_or_insert(i);
            }
        }
        if bad * 100 > total.max(1) {
            return Err(DecodeError::Binary {
                offset: first_bad.unwrap_or(0),
            });
        }
        Ok(())
    }

    #[test]
    fn check_text_reads_bytes_as_it_read_chars() {
        let mut cases: Vec<String> = vec![
            "".into(),
            " \u{3000}\u{feff}".into(),
            "学前教育\u{1}".into(),
            "ab\u{1}\u{2}".into(),
            "教育\u{0}x\u{1}".into(),
            "\u{80}\u{9f}é学𠀋".into(),
        ];
        // around the 1 % threshold, with multi-byte chars counted as one
        for n in [98usize, 99, 100, 101, 200] {
            cases.push(format!("{}\u{7}", "学".repeat(n)));
            cases.push(format!("\u{7}{}\u{1b}", "a".repeat(n)));
        }
        for t in &cases {
            assert_eq!(check_text(t), check_text_by_char(t), "{t:?}");
        }
    }

    #[test]
    fn lossy_says_where() {
        // UTF-8 with a stray GBK pair on line 2
        let mut b = "一、总则\n二、".as_bytes().to_vec();
        let at = b.len();
        b.extend_from_slice(&[0xC8, 0xCE]); // 任 in GBK, invalid UTF-8
        b.extend_from_slice("务\n三、保障".as_bytes());
        assert!(matches!(decode(&b), Err(DecodeError::Undecodable { .. })));
        let (d, bad) = decode_lossy(&b);
        assert_eq!(d.encoding, "utf-8");
        assert_eq!(d.text, "一、总则\n二、\u{fffd}务\n三、保障");
        assert_eq!(bad.len(), 1);
        assert_eq!((bad[0].offset, bad[0].line), (at, 2));
        // GBK with one broken pair on line 3
        let mut g = encoding_rs::GB18030
            .encode("一、总则\n二、任务\n")
            .0
            .into_owned();
        let at = g.len();
        g.extend_from_slice(&[0x81, 0x20]);
        let (rest, _, _) = encoding_rs::GB18030.encode("三、保障措施与组织实施");
        g.extend_from_slice(&rest);
        let (d, bad) = decode_lossy(&g);
        assert_eq!(d.encoding, "gb18030");
        assert!(d.text.starts_with("一、总则\n二、任务\n\u{fffd}"));
        assert!(d.text.ends_with("三、保障措施与组织实施"));
        assert_eq!((bad[0].offset, bad[0].line), (at, 3));
        // valid text: nothing invalid, same text as decode
        let (d, bad) = decode_lossy("规划".as_bytes());
        assert!(bad.is_empty());
        assert_eq!(d.text, "规划");
    }

    #[test]
    fn utf8_plain_and_bom() {
        assert_eq!(decode("一、总则".as_bytes()).unwrap().encoding, "utf-8");
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice("一、总则".as_bytes());
        let d = decode(&b).unwrap();
        assert_eq!(d.encoding, "utf-8-bom");
        assert_eq!(d.text, "一、总则");
    }

    #[test]
    fn gbk_text() {
        let (bytes, _, _) =
            encoding_rs::GB18030.encode("广州市从化区教育事业发展“十四五”规划\r\n一、发展基础");
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, "gb18030");
        assert!(d.text.starts_with("广州市从化区"));
    }

    #[test]
    fn utf16_with_bom() {
        let mut b = vec![0xFF, 0xFE];
        for u in "规划".encode_utf16() {
            b.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&b).unwrap().text, "规划");
    }

    #[test]
    fn refuses_empty_binary_and_garbage() {
        assert_eq!(decode(b""), Err(DecodeError::Empty));
        assert_eq!(decode(b" \n\t\r\n"), Err(DecodeError::Empty));
        assert!(matches!(
            decode(b"PK\x03\x04\x00\x00abc"),
            Err(DecodeError::Binary { offset: 4 })
        ));
        assert!(matches!(
            decode(&[0x81, 0x20, 0xff, 0xff, 0xfe]),
            Err(DecodeError::Undecodable { .. })
        ));
        let soup: Vec<u8> = (1u8..31).cycle().take(300).collect();
        assert!(matches!(decode(&soup), Err(DecodeError::Binary { .. })));
    }

    #[test]
    fn messages_name_the_reason() {
        assert!(DecodeError::Empty.to_string().contains("empty"));
        assert!(DecodeError::Undecodable { offset: 3 }
            .to_string()
            .contains("GB18030"));
    }
}
