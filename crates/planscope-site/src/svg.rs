//! The SVG of a chart drawn at build time ([`crate::charts`]), cleaned before it goes into a page.
//!
//! ECharts writes plan text (region names, plan titles, value labels) into its SVG. It escapes
//! it, but a page must not depend on that: plan text is never injected as markup. So the SVG is
//! parsed (quick-xml) and written again from an allow-list, every text and attribute value
//! escaped on the way out:
//!
//! * elements: the drawing ones ECharts writes ([`ELEMENTS`]); any other element (`style`,
//!   `script`, `image`, `foreignObject`, `a`, …) is dropped with everything inside it;
//! * attributes: geometry and presentation ([`ATTRIBUTES`]) and ECharts' `ecmeta_*` marks (which
//!   series and data index a shape draws; the app's click on a bar reads them); a value naming a
//!   URL is kept only as a reference within the drawing (`url(#id)`); `class` and event
//!   handlers go;
//! * `style` attributes become presentation attributes (`font-size="12px"`), because a strict
//!   Content-Security-Policy (README.md "Deploying") refuses inline styles, not attributes;
//! * the root becomes `<svg width="100%" height="<H>" viewBox="0 0 <W> <H>"
//!   preserveAspectRatio="xMinYMin meet" aria-hidden="true" focusable="false">`: the chart's
//!   height is fixed (nothing moves when the app takes over), its drawing is never scaled up and
//!   only scaled down in a container narrower than it was drawn for; the figure's element,
//!   not the SVG, carries the accessible name.
//!
//! Text is only ever text: what a `<text>` held comes out as escaped character data.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// Elements kept (with their allowed attributes and their content).
pub const ELEMENTS: &[&str] = &[
    "g", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan",
    "defs", "clipPath",
];

/// Attributes kept on any kept element (besides `ecmeta_*`).
pub const ATTRIBUTES: &[&str] = &[
    "id",
    "d",
    "x",
    "y",
    "dx",
    "dy",
    "x1",
    "y1",
    "x2",
    "y2",
    "cx",
    "cy",
    "r",
    "rx",
    "ry",
    "width",
    "height",
    "points",
    "transform",
    "clip-path",
    "clipPathUnits",
    "fill",
    "fill-opacity",
    "fill-rule",
    "stroke",
    "stroke-width",
    "stroke-opacity",
    "stroke-dasharray",
    "stroke-dashoffset",
    "stroke-linecap",
    "stroke-linejoin",
    "stroke-miterlimit",
    "opacity",
    "paint-order",
    "text-anchor",
    "dominant-baseline",
    "font-size",
    "font-family",
    "font-weight",
    "font-style",
    "pointer-events",
    "xml:space",
];

/// Why an SVG could not be cleaned.
#[derive(Debug, PartialEq, Eq)]
pub enum SvgError {
    /// Not well-formed XML (quick-xml's message).
    Malformed(String),
    /// The document's root element is not `<svg>`.
    NotSvg,
}

impl std::fmt::Display for SvgError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SvgError::Malformed(why) => write!(f, "the chart's SVG is not well-formed: {why}"),
            SvgError::NotSvg => f.write_str("the chart's drawing is not an <svg> element"),
        }
    }
}

/// `svg` (ECharts' drawing of a `width` × `height` CSS px chart) cleaned as the module docs say.
pub fn clean(svg: &str, width: u32, height: u32) -> Result<String, SvgError> {
    let mut reader = Reader::from_str(svg);
    let mut out = String::with_capacity(svg.len());
    // Open elements: whether each is kept; `skip` counts open dropped ones (their subtree goes).
    let mut open: Vec<bool> = Vec::new();
    let mut skip = 0usize;
    let mut root = false;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| SvgError::Malformed(e.to_string()))?;
        match event {
            Event::Start(e) if !root => {
                root_of(&mut out, &e, width, height)?;
                root = true;
                open.push(true);
            }
            Event::Empty(e) if !root => {
                root_of(&mut out, &e, width, height)?;
                out.push_str("</svg>");
                return Ok(out);
            }
            Event::Start(e) => {
                let keep = skip == 0 && kept(&e);
                if keep {
                    write_start(&mut out, &e, false);
                } else {
                    skip += 1;
                }
                open.push(keep);
            }
            Event::Empty(e) if skip == 0 && kept(&e) => write_start(&mut out, &e, true),
            Event::End(e) => {
                match open.pop() {
                    Some(true) => {
                        let name = e.name().as_ref().to_owned();
                        out.push_str(&format!("</{name}>"));
                    }
                    Some(false) => skip -= 1,
                    None => {}
                }
                if open.is_empty() && root {
                    break;
                }
            }
            Event::Text(t) if skip == 0 && root => {
                push_text(&mut out, &t.xml10_content());
            }
            Event::CData(t) if skip == 0 && root => {
                push_text(&mut out, &t.xml10_content());
            }
            Event::GeneralRef(r) if skip == 0 && root => {
                let text = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => quick_xml::escape::resolve_predefined_entity(&r.xml10_content())
                        .unwrap_or("")
                        .to_owned(),
                };
                push_text(&mut out, &text);
            }
            Event::Eof => {
                if !root {
                    return Err(SvgError::NotSvg);
                }
                if !open.is_empty() {
                    return Err(SvgError::Malformed(
                        "the document ends inside an element".into(),
                    ));
                }
                break;
            }
            // comments, processing instructions, declarations, DOCTYPE
            _ => {}
        }
    }
    if !out.ends_with("</svg>") {
        out.push_str("</svg>");
    }
    Ok(out)
}

/// The cleaned root element for `e`, which must be `<svg>`.
fn root_of(out: &mut String, e: &BytesStart, width: u32, height: u32) -> Result<(), SvgError> {
    if e.name().as_ref() != "svg" {
        return Err(SvgError::NotSvg);
    }
    out.push_str(&format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100%\" height=\"{height}\" \
         viewBox=\"0 0 {width} {height}\" preserveAspectRatio=\"xMinYMin meet\" \
         aria-hidden=\"true\" focusable=\"false\">"
    ));
    Ok(())
}

fn kept(e: &BytesStart) -> bool {
    ELEMENTS.contains(&e.name().as_ref())
}

fn push_text(out: &mut String, text: &str) {
    out.push_str(&quick_xml::escape::escape(text));
}

/// A value that may go into an attribute: no script URL, and a URL only as a reference within
/// the drawing (`url(#zr0-c0)`, a clip path), the whole value.
fn safe_value(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    if lower.contains("javascript:") || lower.contains("expression(") {
        return false;
    }
    if !lower.contains("url(") {
        return true;
    }
    value
        .trim()
        .strip_prefix("url(#")
        .and_then(|rest| rest.strip_suffix(')'))
        .is_some_and(|id| {
            !id.is_empty()
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        })
}

fn write_start(out: &mut String, e: &BytesStart, empty: bool) {
    let name = e.name().as_ref().to_owned();
    out.push('<');
    out.push_str(&name);
    let mut written: Vec<String> = Vec::new();
    let mut styles: Vec<(String, String)> = Vec::new();
    for attr in e.attributes().flatten() {
        let key = attr.key.as_ref().to_owned();
        let Ok(value) = attr.normalized_value(quick_xml::XmlVersion::Implicit1_0) else {
            continue;
        };
        if key == "style" {
            for decl in value.split(';') {
                if let Some((k, v)) = decl.split_once(':') {
                    styles.push((k.trim().to_ascii_lowercase(), v.trim().to_owned()));
                }
            }
            continue;
        }
        let allowed = ATTRIBUTES.contains(&key.as_str())
            || (key.starts_with("ecmeta_")
                && key[7..].chars().all(|c| c.is_ascii_lowercase() || c == '_'));
        if allowed && safe_value(&value) && !written.contains(&key) {
            push_attr(out, &key, &value);
            written.push(key);
        }
    }
    // Inline styles as presentation attributes (an attribute given as such wins).
    for (key, value) in styles {
        if ATTRIBUTES.contains(&key.as_str())
            && key != "id"
            && safe_value(&value)
            && !written.contains(&key)
        {
            push_attr(out, &key, &value);
            written.push(key);
        }
    }
    out.push_str(if empty { "/>" } else { ">" });
}

fn push_attr(out: &mut String, key: &str, value: &str) {
    out.push(' ');
    out.push_str(key);
    out.push_str("=\"");
    out.push_str(&quick_xml::escape::escape(value));
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROOT: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100%\" height=\"200\" \
                        viewBox=\"0 0 310 200\" preserveAspectRatio=\"xMinYMin meet\" \
                        aria-hidden=\"true\" focusable=\"false\">";

    #[test]
    fn a_drawing_keeps_its_shapes_text_and_marks() {
        let svg = r##"<svg width="310" height="200" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" baseProfile="full" viewBox="0 0 310 200">
<rect width="310" height="200" x="0" y="0" fill="none"></rect>
<path d="M161.6 153l40.2 0l0 26.9l-40.2 0Z" fill="#5070dd" ecmeta_series_index="0" ecmeta_data_index="1" ecmeta_ssr_type="chart" class="zr0-cls-1"></path>
<text dominant-baseline="central" style="font-size:12px;font-family:sans-serif;" transform="translate(153.6 181.25)" fill="#54555a">广州&lt;市&gt; &amp; “区”</text>
</svg>"##;
        let out = clean(svg, 310, 200).unwrap();
        assert_eq!(
            out,
            format!(
                "{ROOT}\n<rect width=\"310\" height=\"200\" x=\"0\" y=\"0\" fill=\"none\"></rect>\n\
                 <path d=\"M161.6 153l40.2 0l0 26.9l-40.2 0Z\" fill=\"#5070dd\" ecmeta_series_index=\"0\" \
                 ecmeta_data_index=\"1\" ecmeta_ssr_type=\"chart\"></path>\n\
                 <text dominant-baseline=\"central\" transform=\"translate(153.6 181.25)\" fill=\"#54555a\" \
                 font-size=\"12px\" font-family=\"sans-serif\">广州&lt;市&gt; &amp; “区”</text>\n</svg>"
            )
        );
    }

    #[test]
    fn markup_in_text_stays_text_and_foreign_elements_go() {
        let svg = r##"<svg viewBox="0 0 10 10"><style>.a{fill:red}</style><script>alert(1)</script>
<foreignObject><div xmlns="http://www.w3.org/1999/xhtml"><img src="x" onerror="alert(1)"/></div></foreignObject>
<image href="https://example.com/x.png"/><a href="javascript:alert(1)"><text>link</text></a>
<text onclick="alert(1)" fill="url(https://example.com/#x)" clip-path="url(#zr0-c0)">&lt;img src=x onerror=alert(1)&gt;&#x4E2D;<![CDATA[<b>]]></text></svg>"##;
        let out = clean(svg, 310, 200).unwrap();
        assert_eq!(
            out,
            format!(
                "{ROOT}\n\n\n<text clip-path=\"url(#zr0-c0)\">&lt;img src=x onerror=alert(1)&gt;中&lt;b&gt;</text></svg>"
            )
        );
        for bad in [
            "<style",
            "<script",
            "<image",
            "<foreignObject",
            "onerror=\"",
            "onclick",
            "javascript",
            "example.com",
            "<a ",
        ] {
            assert!(!out.contains(bad), "{bad} in {out}");
        }
    }

    #[test]
    fn anything_but_an_svg_document_is_refused() {
        assert_eq!(clean("<html></html>", 1, 1), Err(SvgError::NotSvg));
        assert_eq!(clean("", 1, 1), Err(SvgError::NotSvg));
        assert!(matches!(
            clean("<svg><g></svg>", 1, 1),
            Err(SvgError::Malformed(_))
        ));
        assert!(matches!(
            clean("<svg><g>", 1, 1),
            Err(SvgError::Malformed(_))
        ));
        assert_eq!(clean("<svg/>", 310, 200).unwrap(), format!("{ROOT}</svg>"));
    }
}
