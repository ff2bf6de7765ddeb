//! A web archive (MHTML, RFC 2557: what Chrome saves as "单个文件" and phone browsers save by
//! default) → the HTML page inside it, read by [`crate::html`].
//!
//! Grammar: a MIME message whose top `Content-Type` is `multipart/related` with a `boundary`
//! parameter (headers end at the first blank line; a line starting with a space or tab
//! continues the previous header). Its parts are separated by lines `--boundary` (the last by
//! `--boundary--`). The page is the first part whose `Content-Type` is `text/html`; its body is
//! decoded per `Content-Transfer-Encoding` (`quoted-printable` by the `quoted_printable` crate in
//! robust mode, `base64` by the `base64` crate ignoring line breaks, anything else as is), and the
//! resulting bytes are decoded as text by `planscope_parser::decode` (UTF-8, GB18030, …) like
//! any file. Images, styles and frames of the archive are not read.

use base64::Engine;

/// Is this a web archive: a MIME header (`MIME-Version:` and `multipart/related`) in its first
/// 2 KB?
pub fn is_web_archive(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
    head.contains("mime-version:") && head.contains("multipart/related")
}

/// Headers (name lower-cased, value unfolded) and the offset where the body starts.
fn headers(text: &str) -> (Vec<(String, String)>, usize) {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        pos += line.len();
        let l = line.trim_end_matches(['\r', '\n']);
        if l.is_empty() {
            return (out, pos);
        }
        if l.starts_with([' ', '\t']) {
            if let Some(last) = out.last_mut() {
                last.1.push(' ');
                last.1.push_str(l.trim());
            }
        } else if let Some((k, v)) = l.split_once(':') {
            out.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
        }
    }
    (out, text.len())
}

fn header<'a>(hs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    hs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

/// A parameter of a header value (`boundary="…"`, `charset=…`).
fn param(value: &str, name: &str) -> Option<String> {
    value.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        (k.trim().eq_ignore_ascii_case(name)).then(|| v.trim().trim_matches('"').to_string())
    })
}

/// The bytes of the archive's HTML page, or `None` when there is none.
pub fn page_bytes(bytes: &[u8]) -> Option<Vec<u8>> {
    // the MIME structure is ASCII; a non-ASCII byte (an 8bit part) is kept as a replacement
    // char only for finding the structure, and the part's own bytes are taken from `bytes`
    let text = String::from_utf8_lossy(bytes);
    if text.len() != bytes.len() {
        // lossy replaced something: map positions through a byte-exact latin-1 view instead
        let latin: String = bytes.iter().map(|&b| b as char).collect();
        return page_in(&latin, |s| s.chars().map(|c| c as u32 as u8).collect());
    }
    page_in(&text, |s| s.as_bytes().to_vec())
}

fn page_in(text: &str, raw: impl Fn(&str) -> Vec<u8>) -> Option<Vec<u8>> {
    let (top, body_at) = headers(text);
    let boundary = param(header(&top, "content-type")?, "boundary")?;
    let delim = format!("--{boundary}");
    let body = &text[body_at..];
    for part in body.split(delim.as_str()).skip(1) {
        if part.starts_with("--") {
            break;
        }
        let part = part.trim_start_matches(['\r', '\n']);
        let (hs, at) = headers(part);
        let ctype = header(&hs, "content-type").unwrap_or("text/plain");
        if !ctype.to_ascii_lowercase().starts_with("text/html") {
            continue;
        }
        let content = raw(&part[at..]);
        let enc = header(&hs, "content-transfer-encoding")
            .unwrap_or("")
            .to_ascii_lowercase();
        return Some(match enc.as_str() {
            "quoted-printable" => {
                quoted_printable::decode(&content, quoted_printable::ParseMode::Robust)
                    .unwrap_or(content)
            }
            "base64" => {
                let clean: Vec<u8> = content
                    .into_iter()
                    .filter(|b| !b.is_ascii_whitespace())
                    .collect();
                base64::engine::general_purpose::STANDARD
                    .decode(&clean)
                    .ok()?
            }
            _ => content,
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn archive(html: &str, qp: bool) -> Vec<u8> {
        let (enc, body) = if qp {
            (
                "quoted-printable",
                String::from_utf8(quoted_printable::encode(html.as_bytes())).unwrap(),
            )
        } else {
            (
                "base64",
                base64::engine::general_purpose::STANDARD.encode(html.as_bytes()),
            )
        };
        format!(
            "From: <Saved by Blink>\r\nSnapshot-Content-Location: http://www.example.gov.cn/a.html\r\nSubject: =?utf-8?Q?=E8=A7=84=E5=88=92?=\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n\tboundary=\"----MultipartBoundary--abc\"\r\n\r\n------MultipartBoundary--abc\r\nContent-Type: text/css\r\n\r\np {{}}\r\n------MultipartBoundary--abc\r\nContent-Type: text/html\r\nContent-ID: <frame-1@mhtml.blink>\r\nContent-Transfer-Encoding: {enc}\r\nContent-Location: http://www.example.gov.cn/a.html\r\n\r\n{body}\r\n------MultipartBoundary--abc--\r\n"
        )
        .into_bytes()
    }

    #[test]
    fn finds_and_decodes_the_page() {
        let html = "<html><body><p>一、总则</p><p>到2025年，毛入园率=95%。</p></body></html>";
        for qp in [true, false] {
            let a = archive(html, qp);
            assert!(is_web_archive(&a));
            assert_eq!(
                String::from_utf8(page_bytes(&a).unwrap())
                    .unwrap()
                    .trim_end(),
                html,
                "qp {qp}"
            );
        }
        assert!(!is_web_archive("一、总则".as_bytes()));
        assert!(
            page_bytes(b"MIME-Version: 1.0\r\nContent-Type: multipart/related\r\n\r\nx").is_none()
        );
    }
}
