//! Bytes → text. Accepts UTF-8 (with or without BOM), UTF-16 with a BOM, and GB18030/GBK.
//! Refuses empty files, binary files (NUL bytes or control-character soup) and text that is
//! neither valid UTF-8 nor clean GB18030, with a typed, one-line error.

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
    let mut bad = 0usize;
    let mut total = 0usize;
    let mut first_bad = None;
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
    // A few stray control characters happen in scrapes; a lot means binary.
    if bad * 100 > total.max(1) {
        return Err(DecodeError::Binary {
            offset: first_bad.unwrap_or(0),
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
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
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

#[cfg(test)]
mod tests {
    use super::*;

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
