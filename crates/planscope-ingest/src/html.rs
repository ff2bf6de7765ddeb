//! A web page saved from a browser → [`PlanSource`]: the article's text, one paragraph per
//! block, real tables as tables, the page's own chrome dropped.
//!
//! The page is parsed by html5ever (through `scraper`) into the tree a browser builds, then
//! walked in document order:
//!
//! * **Dropped** (with everything inside):
//!   - elements that never hold article text: `head` (`title`, `meta`, `link`), `script`,
//!     `style`, `noscript`, `template`, `iframe`, `object`, `embed`, `svg`, `canvas`, `map`,
//!     `audio`, `video`, `form`, `button`, `input`, `select`, `textarea`, `nav`, `aside`;
//!   - hidden elements: a `hidden` attribute, `aria-hidden="true"`, an inline style with
//!     `display:none` or `visibility:hidden`;
//!   - page chrome by name: `footer`, and an element whose `class` or `id` has a token (split at
//!     whitespace, `-` and `_`, lower-cased) that is [`CHROME_EXACT`] or starts with
//!     [`CHROME_PREFIX`] (`nav…`, `menu…`, `breadcrumb…`, `share…`, `bdshare…`, `footer…`,
//!     `copyright…`, `toolbar…`, `sidebar…`, `qrcode…`);
//!   - `header` elements and elements named `header`/`head`/`top` by class or id — **unless**
//!     they hold an `h1` or `h2` (the article's own title block).
//!
//!   An element is never dropped by its class or id when it holds more than half of the body's
//!   text (a wrapper named `main-menu-open` is not chrome).
//! * **Blocks**: `p`, `div`, `section`, `article`, `main`, `h1`–`h6`, `li`, `dt`, `dd`,
//!   `blockquote`, `pre`, `center`, `address`, `figure`, `figcaption`, `caption`, `tr`, `ul`,
//!   `ol`, `dl`, `hr` start and end a paragraph; `br` is a line break inside one. Inline text is
//!   joined with HTML white-space collapsing (runs of ASCII white space → one space; no-break
//!   and ideographic spaces are kept); each line is trimmed and blank lines dropped.
//! * **Tables** are classified by [`crate::tables::table_blocks`] (layout / key–value / data);
//!   a data table's cells are the text of its `td`/`th` (a cell's own blocks become lines of
//!   the cell), a `rowspan`/`colspan` cell appears once. A `caption` is a paragraph before it.
//!
//! Whatever chrome survives (a `返回顶部` link in an unnamed `div`, `来源：本网`) is left to the
//! parser's chrome lines (`planscope_parser::chrome`), as for a scraped text.

use planscope_parser::{PlanSource, SourceBlock};
use scraper::{ElementRef, Html, Node};

/// Tags dropped with their content.
const DROP_TAGS: &[&str] = &[
    "head", "title", "meta", "link", "script", "style", "noscript", "template", "iframe", "object",
    "embed", "svg", "canvas", "map", "audio", "video", "form", "button", "input", "select",
    "textarea", "nav", "aside", "footer",
];

/// Block-level tags: each starts and ends a paragraph.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "center",
    "address",
    "figure",
    "figcaption",
    "caption",
    "tr",
    "ul",
    "ol",
    "dl",
    "hr",
    "body",
    "html",
    "header",
    "table",
    "tbody",
    "thead",
    "tfoot",
];

/// `class`/`id` tokens that name page chrome.
pub const CHROME_EXACT: &[&str] = &[
    "foot",
    "login",
    "search",
    "searchbox",
    "related",
    "comment",
    "comments",
    "print",
    "skip",
    "banner",
    "ad",
    "ads",
    "ewm",
    "share",
    "fenxiang",
    "gotop",
    "backtop",
    "topnav",
    "subnav",
    "crumbs",
    "weizhi",
    "position",
    "location",
    "dqwz",
];

/// `class`/`id` token prefixes that name page chrome.
pub const CHROME_PREFIX: &[&str] = &[
    "nav",
    "menu",
    "breadcrumb",
    "crumb",
    "share",
    "bdshare",
    "footer",
    "copyright",
    "toolbar",
    "sidebar",
    "qrcode",
];

/// `class`/`id` tokens of a page header: chrome unless it holds the article's title.
const HEADER_TOKENS: &[&str] = &["header", "head", "top", "topbar"];

fn tokens(el: &scraper::node::Element) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["class", "id"] {
        if let Some(v) = el.attr(attr) {
            out.extend(
                v.split(|c: char| c.is_whitespace() || c == '-' || c == '_')
                    .filter(|t| !t.is_empty())
                    .map(|t| t.to_ascii_lowercase()),
            );
        }
    }
    out
}

fn hidden(el: &scraper::node::Element) -> bool {
    if el.attr("hidden").is_some() || el.attr("aria-hidden") == Some("true") {
        return true;
    }
    el.attr("style").is_some_and(|s| {
        let s: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

fn holds_title(e: ElementRef) -> bool {
    e.descendants().any(|n| {
        n.value()
            .as_element()
            .is_some_and(|x| matches!(x.name(), "h1" | "h2"))
    })
}

fn text_len(e: ElementRef) -> usize {
    e.text()
        .map(|t| t.chars().filter(|c| !c.is_whitespace()).count())
        .sum()
}

struct Walker {
    blocks: Vec<SourceBlock>,
    cur: String,
    /// Non-white-space characters of the body (for the "more than half" guard).
    body_len: usize,
}

impl Walker {
    fn flush(&mut self) {
        if self.cur.is_empty() {
            return;
        }
        let text: Vec<&str> = self
            .cur
            .split('\n')
            .map(|l| l.trim_matches(|c: char| c.is_ascii_whitespace()))
            .filter(|l| !l.trim().is_empty())
            .collect();
        if !text.is_empty() {
            self.blocks.push(SourceBlock::Paragraph(text.join("\n")));
        }
        self.cur.clear();
    }

    fn text(&mut self, t: &str) {
        for c in t.chars() {
            if c.is_ascii_whitespace() {
                if !(self.cur.is_empty() || self.cur.ends_with([' ', '\n'])) {
                    self.cur.push(' ');
                }
            } else {
                self.cur.push(c);
            }
        }
    }

    fn dropped(&self, e: ElementRef) -> bool {
        let el = e.value();
        let name = el.name();
        if DROP_TAGS.contains(&name) || hidden(el) {
            return true;
        }
        let toks = tokens(el);
        let chrome = toks.iter().any(|t| {
            CHROME_EXACT.contains(&t.as_str()) || CHROME_PREFIX.iter().any(|p| t.starts_with(p))
        });
        let header = name == "header" || toks.iter().any(|t| HEADER_TOKENS.contains(&t.as_str()));
        if !chrome && !header {
            return false;
        }
        if header && !chrome && holds_title(e) {
            return false;
        }
        if name == "header" && !chrome {
            return true;
        }
        // never drop the element that holds most of the page's text
        text_len(e) * 2 <= self.body_len
    }

    fn walk(&mut self, e: ElementRef) {
        for child in e.children() {
            match child.value() {
                Node::Text(t) => self.text(t),
                Node::Element(_) => {
                    let Some(ce) = ElementRef::wrap(child) else {
                        continue;
                    };
                    self.element(ce);
                }
                _ => {}
            }
        }
    }

    fn element(&mut self, e: ElementRef) {
        if self.dropped(e) {
            return;
        }
        let name = e.value().name();
        if name == "br" {
            // trailing spaces before a line break are not text
            while self.cur.ends_with(' ') {
                self.cur.pop();
            }
            self.cur.push('\n');
            return;
        }
        if name == "table" {
            self.flush();
            self.table(e);
            return;
        }
        let block = BLOCK_TAGS.contains(&name);
        if block {
            self.flush();
        }
        self.walk(e);
        if block {
            self.flush();
        }
    }

    fn table(&mut self, table: ElementRef) {
        let nested = table
            .descendants()
            .skip(1)
            .any(|n| n.value().as_element().is_some_and(|x| x.name() == "table"));
        if nested {
            // a layout table: its content as blocks
            let mut outer = Walker {
                blocks: Vec::new(),
                cur: String::new(),
                body_len: self.body_len,
            };
            for row in rows_of(table) {
                for c in row {
                    outer.walk(c);
                    outer.flush();
                }
            }
            self.blocks.append(&mut outer.blocks);
            return;
        }
        // caption first
        for c in table.children().filter_map(ElementRef::wrap) {
            if c.value().name() == "caption" {
                self.element(c);
            }
        }
        let rows: Vec<Vec<String>> = rows_of(table)
            .into_iter()
            .map(|r| r.into_iter().map(|c| self.cell_text(c)).collect())
            .collect();
        self.blocks.extend(crate::tables::table_blocks(rows, false));
    }

    /// A cell's text: its blocks as lines.
    fn cell_text(&self, cell: ElementRef) -> String {
        let mut w = Walker {
            blocks: Vec::new(),
            cur: String::new(),
            body_len: self.body_len,
        };
        w.walk(cell);
        w.flush();
        w.blocks
            .into_iter()
            .filter_map(|b| match b {
                SourceBlock::Paragraph(p) => Some(p),
                SourceBlock::Table(_) => None,
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// The rows of a table (not of tables inside it): `tr` children of the table or of its
/// `thead`/`tbody`/`tfoot`, each with its `td`/`th` cells.
fn rows_of<'a>(table: ElementRef<'a>) -> Vec<Vec<ElementRef<'a>>> {
    let mut trs: Vec<ElementRef<'a>> = Vec::new();
    for c in table.children().filter_map(ElementRef::wrap) {
        match c.value().name() {
            "tr" => trs.push(c),
            "thead" | "tbody" | "tfoot" => trs.extend(
                c.children()
                    .filter_map(ElementRef::wrap)
                    .filter(|tr| tr.value().name() == "tr"),
            ),
            _ => {}
        }
    }
    trs.into_iter()
        .map(|tr| {
            tr.children()
                .filter_map(ElementRef::wrap)
                .filter(|c| matches!(c.value().name(), "td" | "th"))
                .collect()
        })
        .collect()
}

/// Does this text look like an HTML document (after a BOM and white space: `<!doctype html`,
/// `<html`, or `<head`/`<body`/`<meta`, case-insensitive)?
pub fn looks_like_html(text: &str) -> bool {
    let t = text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .chars()
        .take(20)
        .collect::<String>()
        .to_ascii_lowercase();
    let opens = ["<!doctype html", "<html", "<head", "<body", "<meta", "<!--"]
        .iter()
        .any(|p| t.starts_with(p));
    // a leading comment (`<!-- saved from url=… -->`) only with an <html> after it
    opens && (!t.starts_with("<!--") || text.to_ascii_lowercase().contains("<html"))
}

/// Read a page's text into blocks.
pub fn read(text: &str) -> PlanSource {
    let doc = Html::parse_document(text);
    let root = doc.root_element();
    let body = root
        .children()
        .filter_map(ElementRef::wrap)
        .find(|e| e.value().name() == "body")
        .unwrap_or(root);
    let mut w = Walker {
        blocks: Vec::new(),
        cur: String::new(),
        body_len: text_len(body),
    };
    w.element(body);
    w.flush();
    PlanSource { blocks: w.blocks }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paras(src: &PlanSource) -> Vec<String> {
        src.blocks
            .iter()
            .map(|b| match b {
                SourceBlock::Paragraph(p) => p.clone(),
                SourceBlock::Table(t) => format!("TABLE{t:?}"),
            })
            .collect()
    }

    #[test]
    fn article_blocks_without_chrome() {
        let page = r#"<!DOCTYPE html><html><head><title>某区教育规划_某区政府网</title>
<style>p{color:red}</style><script>var x = "一、不是正文";</script></head>
<body>
<div class="header"><a href="/">某区人民政府</a></div>
<div id="nav"><ul><li>首页</li><li>政务公开</li></ul></div>
<div class="breadcrumb">您当前的位置：首页 &gt; 规划</div>
<div class="article">
  <div class="art-head"><h1>某区教育事业发展规划</h1></div>
  <p>　　一、发展基础</p>
  <p>“十三五”期间，<b>全区</b>教育
     事业快速发展。</p>
  <p>第一行<br>第二行 <br/> </p>
  <p style="display: none">隐藏的文字</p>
  <div class="bdsharebuttonbox"><a>分享到微信</a></div>
</div>
<footer>版权所有 某区人民政府</footer>
<div class="copyright-box">备案号 粤ICP备</div>
</body></html>"#;
        let src = read(page);
        assert_eq!(
            paras(&src),
            vec![
                "某区教育事业发展规划",
                "　　一、发展基础",
                "“十三五”期间，全区教育 事业快速发展。",
                "第一行\n第二行",
            ]
        );
    }

    #[test]
    fn tables_and_captions() {
        let page = "<html><body><p>正文</p><table><caption>表1 主要指标</caption>\
<thead><tr><th>主要指标</th><th>2020年</th><th>2025年</th></tr></thead>\
<tbody><tr><td><p>毛入园率</p><p>(%)</p></td><td>100</td><td>≥100</td></tr></tbody></table>\
<table><tr><td><table><tr><td>一、总则</td><td>x</td></tr><tr><td>a</td><td>b</td></tr></table></td></tr></table>\
</body></html>";
        let src = read(page);
        assert_eq!(
            paras(&src),
            vec![
                "正文".to_string(),
                "表1 主要指标".to_string(),
                format!(
                    "TABLE{:?}",
                    vec![
                        vec!["主要指标", "2020年", "2025年"],
                        vec!["毛入园率\n(%)", "100", "≥100"]
                    ]
                ),
                // the outer table holds a table: layout; the inner one is data
                format!("TABLE{:?}", vec![vec!["一、总则", "x"], vec!["a", "b"]]),
            ]
        );
    }

    #[test]
    fn a_wrapper_named_like_chrome_is_kept() {
        let page = "<html><body><div class=\"menu-open\"><p>一、总则</p><p>正文很长很长很长</p></div><div class=\"nav\">首页</div></body></html>";
        assert_eq!(paras(&read(page)), vec!["一、总则", "正文很长很长很长"]);
    }

    #[test]
    fn sniffing() {
        assert!(looks_like_html("\u{feff}  <!DOCTYPE html><html>"));
        assert!(looks_like_html("<HTML><body>"));
        assert!(looks_like_html(
            "<!-- saved from url=(0051)http://x --><html>"
        ));
        assert!(!looks_like_html("一、总则 <html>"));
        assert!(!looks_like_html("<!-- a comment in a text -->"));
    }
}
