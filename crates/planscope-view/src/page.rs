//! The static page shell: where the HTML rendered at build time goes in a page that trunk built.
//!
//! A page has one block between [`START_MARKER`] and [`END_MARKER`] inside `<main id="app">`;
//! the build step fills it with `<div id="ps-prerendered">…</div>` (the rendered view), and the
//! app, once it has drawn the same view, removes that element in the same task (nothing moves).

/// Start and end markers of the block in the page that [`fill`] replaces.
pub const START_MARKER: &str = "<!-- prerender:library -->";
pub const END_MARKER: &str = "<!-- /prerender -->";

/// `id` of the prerendered block; the app removes the element with this id when it takes over.
pub const BLOCK_ID: &str = "ps-prerendered";

/// Replaces what lies between [`START_MARKER`] and [`END_MARKER`] in `page` with `block`,
/// keeping the markers, so running it again on its own output gives the same page.
///
/// Errors: the page has no markers, or they are in the wrong order.
pub fn fill(page: &str, block: &str) -> Result<String, String> {
    let start = page
        .find(START_MARKER)
        .ok_or_else(|| format!("no `{START_MARKER}` marker in the page"))?;
    let inner = start + START_MARKER.len();
    let end = page[inner..]
        .find(END_MARKER)
        .map(|e| inner + e)
        .ok_or_else(|| format!("no `{END_MARKER}` after `{START_MARKER}`"))?;
    Ok(format!("{}{block}{}", &page[..inner], &page[end..]))
}

/// Escapes `&<>"'` for text and for quoted attribute values (the page `<title>`).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `page` with its `<title>` text replaced by `title` (escaped).
///
/// Errors: no `<title>…</title>` in the page.
pub fn set_title(page: &str, title: &str) -> Result<String, String> {
    let start = page.find("<title>").ok_or("no <title> in the page")? + "<title>".len();
    let end = start
        + page[start..]
            .find("</title>")
            .ok_or("no </title> in the page")?;
    Ok(format!(
        "{}{}{}",
        &page[..start],
        escape(title),
        &page[end..]
    ))
}

/// One static page: `template` (trunk's page with the loader installed) with `body` (the
/// rendered view) in its prerender block as `<div id="ps-prerendered" data-file="{file}">`, the
/// `<title>` set to `title`, and, when `reading`, class `ps-reading` on `<html>` (the reader's
/// wide layout, which the app sets while a plan is open).
///
/// Errors: the template has no prerender markers, `<title>` or `<html …>` tag.
pub fn static_page(
    template: &str,
    file: &str,
    body: &str,
    title: &str,
    reading: bool,
) -> Result<String, String> {
    let block = format!(
        r#"<div id="{BLOCK_ID}" data-file="{}">{body}</div>"#,
        escape(file)
    );
    let mut page = set_title(&fill(template, &block)?, title)?;
    if reading {
        let at = page.find("<html").ok_or("no <html> tag in the page")? + "<html".len();
        page.insert_str(at, r#" class="ps-reading""#);
    }
    Ok(page)
}

/// `page` with its plan's data file named on its prerender block
/// (`<div id="ps-prerendered" data-plan="{id}" data-src="{src}" …>`, `src` relative to the
/// page, e.g. `data/<id>-<hash>.json`): the app of a plan or indicator page opened directly
/// fetches that file without reading the index first, and a page of an earlier release (a
/// stale cache) names a file that is gone, which the app recovers from (`crate::data`).
///
/// Errors: no prerender block in the page.
pub fn with_plan_data(page: &str, id: &str, src: &str) -> Result<String, String> {
    let marker = format!(r#"<div id="{BLOCK_ID}""#);
    let at = page.find(&marker).ok_or("no prerender block in the page")? + marker.len();
    Ok(format!(
        r#"{} data-plan="{}" data-src="{}"{}"#,
        &page[..at],
        escape(id),
        escape(src),
        &page[at..]
    ))
}

/// `page` with the ids of every plan that has a static page in its loader script
/// (`data-plans="a b c"`): the loader forwards an address of an earlier version
/// (`index.html?plan=<id>`) only to a page that exists, and leaves any other id to the app (which
/// says the plan is not found).
///
/// Errors: no loader script in the page.
pub fn with_known_plans(page: &str, ids: &[&str]) -> Result<String, String> {
    let marker = format!(r#"id="{}""#, crate::loader::LOADER_ID);
    let at = page.find(&marker).ok_or("no loader script in the page")? + marker.len();
    let list = escape(&ids.join(" "));
    Ok(format!(
        r#"{} data-plans="{list}"{}"#,
        &page[..at],
        &page[at..]
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_between_markers_and_is_idempotent() {
        let page = format!("<main>{START_MARKER}<p>loading</p>{END_MARKER}<p>after</p></main>");
        let once = fill(&page, "<ul>X</ul>").unwrap();
        assert_eq!(
            once,
            format!("<main>{START_MARKER}<ul>X</ul>{END_MARKER}<p>after</p></main>")
        );
        assert_eq!(fill(&once, "<ul>X</ul>").unwrap(), once);
        assert!(fill("<main></main>", "x").is_err());
        assert!(fill(&format!("{END_MARKER}{START_MARKER}"), "x").is_err());
    }

    #[test]
    fn a_static_page_holds_its_view_title_and_layout() {
        let template = format!(
            "<html lang=\"zh-CN\"><head><title>规划透视</title></head><body><main id=\"app\">{START_MARKER}<p>x</p>{END_MARKER}</main><script id=\"ps-loader\" data-home-js=\"./h.js\"></script></body></html>"
        );
        let page = static_page(
            &template,
            "plan-a.html",
            "<h1>揭阳</h1>",
            "揭阳 · 规划透视",
            true,
        )
        .unwrap();
        assert!(
            page.starts_with("<html class=\"ps-reading\" lang=\"zh-CN\">"),
            "{page}"
        );
        assert!(page.contains("<title>揭阳 · 规划透视</title>"));
        assert!(page.contains(&format!(
            "{START_MARKER}<div id=\"ps-prerendered\" data-file=\"plan-a.html\"><h1>揭阳</h1></div>{END_MARKER}"
        )));
        let lib = static_page(&template, "index.html", "", "规划透视", false).unwrap();
        assert!(lib.starts_with("<html lang="));
        let known = with_known_plans(&lib, &["a", "b-2"]).unwrap();
        assert!(
            known.contains(r#"<script id="ps-loader" data-plans="a b-2" data-home-js"#),
            "{known}"
        );
        assert!(with_known_plans("<html></html>", &[]).is_err());
        assert!(static_page("<html><title></title>", "x", "", "", false).is_err());
        let named = with_plan_data(&lib, "a", "data/a-0123456789ab.json").unwrap();
        assert!(
            named.contains(r#"<div id="ps-prerendered" data-plan="a" data-src="data/a-0123456789ab.json" data-file="index.html">"#),
            "{named}"
        );
        assert!(with_plan_data("<html></html>", "a", "b").is_err());
    }

    #[test]
    fn sets_an_escaped_title() {
        let page = "<head><title>规划透视</title></head>";
        assert_eq!(
            set_title(page, "<a> & b · 规划透视").unwrap(),
            "<head><title>&lt;a&gt; &amp; b · 规划透视</title></head>"
        );
        assert!(set_title("<head></head>", "x").is_err());
    }
}
