//! The check that keeps every written page runnable under a strict Content-Security-Policy
//! (`default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'`, README.md
//! "Deploying"): such a policy refuses inline scripts, `<style>` elements, `style` attributes,
//! event-handler attributes (`onclick=…`) and `javascript:` URLs. `planscope-site` runs
//! [`inline_code`] on every page it writes and fails the build on any finding.

/// What in `html` a strict CSP would refuse, one description per finding (`<script> without
/// src`, `style attribute on <div>`, `onclick attribute on <button>`, `<style>`,
/// `javascript: URL on <a>`); empty when there is none.
///
/// A scanner of tags, not a full HTML parser: it relies on the page being written by trunk and
/// Leptos, where text and attribute values are escaped, so every `<` followed by a letter
/// starts a tag and quoted values never hold their own quote. Comments are skipped.
pub fn inline_code(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    let b = html.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        if html[i..].starts_with("<!--") {
            i = html[i..].find("-->").map_or(b.len(), |e| i + e + 3);
            continue;
        }
        if !b.get(i + 1).is_some_and(u8::is_ascii_alphabetic) {
            i += 1;
            continue;
        }
        let (tag, attrs, end) = read_tag(html, i + 1);
        let name = tag.to_ascii_lowercase();
        if name == "style" {
            found.push("<style>".to_owned());
        }
        if name == "script" && !attrs.iter().any(|(a, _)| a == "src") {
            found.push("<script> without src".to_owned());
        }
        for (attr, value) in &attrs {
            if attr == "style" {
                found.push(format!("style attribute on <{name}>"));
            } else if attr.starts_with("on") {
                found.push(format!("{attr} attribute on <{name}>"));
            } else if matches!(attr.as_str(), "href" | "src" | "action" | "formaction")
                && value
                    .trim_start()
                    .to_ascii_lowercase()
                    .starts_with("javascript:")
            {
                found.push(format!("javascript: URL on <{name}>"));
            }
        }
        i = end;
        // The body of <script> and <style> is raw text: skip to its end tag.
        if name == "script" || name == "style" {
            let close = format!("</{name}");
            i = html[i..]
                .to_ascii_lowercase()
                .find(&close)
                .map_or(b.len(), |e| i + e);
        }
    }
    found
}

/// The tag name, attributes (lower-case names, raw values) and the byte after `>` of the tag
/// whose name starts at `at`.
fn read_tag(html: &str, at: usize) -> (String, Vec<(String, String)>, usize) {
    let b = html.as_bytes();
    let mut i = at;
    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' && b[i] != b'/' {
        i += 1;
    }
    let tag = html[at..i].to_owned();
    let mut attrs = Vec::new();
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        if i >= b.len() || b[i] == b'>' {
            return (tag, attrs, (i + 1).min(b.len()));
        }
        let start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let name = html[start..i].to_ascii_lowercase();
        let mut value = String::new();
        if b.get(i) == Some(&b'=') {
            i += 1;
            match b.get(i) {
                Some(&q) if q == b'"' || q == b'\'' => {
                    let end = html[i + 1..].find(q as char).map_or(b.len(), |e| i + 1 + e);
                    value = html[i + 1..end].to_owned();
                    i = (end + 1).min(b.len());
                }
                _ => {
                    let start = i;
                    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                        i += 1;
                    }
                    value = html[start..i].to_owned();
                }
            }
        }
        attrs.push((name, value));
    }
}

#[cfg(test)]
mod tests {
    use super::inline_code;

    #[test]
    fn finds_what_a_strict_policy_refuses() {
        let page = r#"<html><head><script id="ps-loader" src="./boot-1.js" data-x="a>b"></script>
<link rel="stylesheet" href="./main-1.css"><script>var x = "<style>";</script><style>p{}</style></head>
<body><div style="height:3px">x</div><button type="button" onclick="go()">go</button>
<a href="javascript:alert(1)">a</a><a href="./plan-a.html">b</a>
<!-- <script>not code</script> --><p>1 &lt; 2 and onclick="x" style="y" as text</p></body></html>"#;
        assert_eq!(
            inline_code(page),
            [
                "<script> without src",
                "<style>",
                "style attribute on <div>",
                "onclick attribute on <button>",
                "javascript: URL on <a>",
            ]
        );
    }

    #[test]
    fn a_clean_page_has_no_findings() {
        let page = r#"<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
<script id="ps-loader" src="./boot-1.js" data-home-js="./h.js"></script>
<link rel="icon" href="./favicon.svg"></head><body><main id="app" class="ps-main" tabindex="-1">
<p class="ps-status" id="ps-boot-status" role="status" hidden>正在加载…</p>
<img class="ps-qr" alt="二维码"><svg viewBox="0 0 1 1"><path d="M0 0"/></svg>
<noscript><p>需要 JavaScript</p></noscript></main></body></html>"#;
        assert_eq!(inline_code(page), Vec::<String>::new());
        assert_eq!(inline_code("<"), Vec::<String>::new());
        assert_eq!(inline_code("<p class=\"x"), Vec::<String>::new());
    }
}
