#![allow(dead_code)] // each test binary uses part of this module
//! Fixtures made from the seed texts: the same plan as a saved web page and as a Word file.
//!
//! [`seed_blocks`] cuts a seed into paragraphs (one per non-blank line) and tables: the lines
//! the `.txt` parse read as an indicator or responsibility table become a table with the
//! parse's rows and cells (its caption lines stay paragraphs before it). [`to_html`] wraps them
//! in a portal page with its own chrome (head, script, style, header, nav, breadcrumb, share
//! bar, footer); [`to_docx`] writes a minimal .docx in which the `一、` and `(一)` headings are
//! Word list numbering (the label is not in the text) and the tables are `w:tbl`.

use std::io::{Cursor, Write};
use std::path::PathBuf;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub const SEEDS: &[&str] = &[
    "guangzhou-conghua-2021-2025",
    "jieyang-2023-2027",
    "pingliang-kongtong-2021-2025",
    "tianjin-heping-2035",
    "qingyuan-2022",
];

pub fn seed_bytes(stem: &str) -> Vec<u8> {
    std::fs::read(root().join("seeds").join(format!("{stem}.txt"))).unwrap()
}

pub fn gold(stem: &str) -> serde_json::Value {
    serde_json::from_slice(
        &std::fs::read(root().join("tests/gold").join(format!("{stem}.gold.json"))).unwrap(),
    )
    .unwrap()
}

#[derive(Clone, Debug)]
pub enum Fx {
    Para(String),
    Table(Vec<Vec<String>>),
}

/// The seed as paragraphs and tables (see the module docs).
pub fn seed_blocks(stem: &str) -> Vec<Fx> {
    let text = String::from_utf8(seed_bytes(stem)).unwrap();
    let doc = planscope_parser::parse(stem, &text);
    // each typed table: its source region and its rows (header first), cells as printed
    let mut tables: Vec<(u32, u32, Vec<Vec<String>>)> = Vec::new();
    let mut add = |header: &[planscope_model::Cell], rows: Vec<&Vec<planscope_model::Cell>>| {
        let all: Vec<&planscope_model::Cell> = header
            .iter()
            .chain(rows.iter().flat_map(|r| r.iter()))
            .collect();
        let start = all
            .iter()
            .filter_map(|c| c.src.first())
            .map(|r| r[0])
            .min()
            .unwrap();
        let end = all
            .iter()
            .filter_map(|c| c.src.last())
            .map(|r| r[1])
            .max()
            .unwrap();
        let mut out = vec![header.iter().map(|c| c.text.clone()).collect::<Vec<_>>()];
        out.extend(
            rows.iter()
                .map(|r| r.iter().map(|c| c.text.clone()).collect()),
        );
        tables.push((start, end, out));
    };
    for t in &doc.indicator_tables {
        add(&t.header, t.rows.iter().map(|r| &r.cells).collect());
    }
    for t in &doc.task_tables {
        add(&t.header, t.rows.iter().map(|r| &r.cells).collect());
    }
    tables.sort_by_key(|t| t.0);
    let mut out = Vec::new();
    let mut pos = 0u32;
    let mut next_table = 0;
    for line in text.split('\n') {
        let start = pos;
        pos += line.chars().count() as u32 + 1;
        if let Some(t) = tables.get(next_table) {
            if start >= t.0 && start < t.1 {
                continue; // a cell line
            }
            if start >= t.1 {
                out.push(Fx::Table(t.2.clone()));
                next_table += 1;
            }
        }
        if !line.trim().is_empty() {
            out.push(Fx::Para(line.trim_end_matches('\r').to_string()));
        }
    }
    for t in &tables[next_table..] {
        out.push(Fx::Table(t.2.clone()));
    }
    out
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A saved portal page holding the blocks.
pub fn to_html(blocks: &[Fx]) -> String {
    let mut h = String::from(
        r#"<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>规划_某某人民政府门户网站</title>
<link rel="stylesheet" href="style.css"><style>.article p { text-indent: 2em; }</style>
<script>var nav = ["一、首页", "二、政务公开"]; document.write("<p>第一章 脚本</p>");</script>
</head><body>
<div class="top-bar"><span>无障碍浏览</span> <a href="/">长者模式</a></div>
<header class="site-header"><div class="logo">某某人民政府门户网站</div></header>
<nav><ul><li><a href="/">首页</a></li><li>政务公开</li><li>一、互动交流</li></ul></nav>
<div class="breadcrumb">您当前的位置：<a>首页</a> &gt; 政务公开 &gt; 规划计划</div>
<div class="main"><div class="article-content" id="zoom">
"#,
    );
    for b in blocks {
        match b {
            Fx::Para(p) => {
                h.push_str("<p>");
                h.push_str(&esc(p));
                h.push_str("</p>\n");
            }
            Fx::Table(rows) => {
                h.push_str("<table border=\"1\"><tbody>\n");
                for (i, r) in rows.iter().enumerate() {
                    let tag = if i == 0 { "th" } else { "td" };
                    h.push_str("<tr>");
                    for c in r {
                        h.push_str(&format!("<{tag}>{}</{tag}>", esc(c).replace('\n', "<br>")));
                    }
                    h.push_str("</tr>\n");
                }
                h.push_str("</tbody></table>\n");
            }
        }
    }
    h.push_str(
        r#"</div>
<div class="bdsharebuttonbox"><a class="bds_weixin">微信</a><a class="bds_tsina">微博</a></div>
<div class="related-links"><h3>相关链接</h3><ul><li>一、另一篇规划</li></ul></div>
</div>
<footer><p>主办单位：某某人民政府办公室</p><p>网站标识码：4401000001 备案号：粤ICP备00000000号</p></footer>
<script src="stats.js"></script>
</body></html>
"#,
    );
    h
}

/// Chinese numeral 1..=99 → its value.
fn cn_number(s: &str) -> Option<u32> {
    const D: &str = "〇一二三四五六七八九";
    let digit = |c: char| D.chars().position(|d| d == c).map(|p| p as u32);
    let c: Vec<char> = s.chars().collect();
    match c.as_slice() {
        ['十'] => Some(10),
        [a] => digit(*a),
        ['十', b] => Some(10 + digit(*b)?),
        [a, '十'] => Some(digit(*a)? * 10),
        [a, '十', b] => Some(digit(*a)? * 10 + digit(*b)?),
        _ => None,
    }
}

/// A line that starts with `一、` (level 0) or `(一)` (level 1): (level, number, rest).
fn word_label(line: &str) -> Option<(usize, u32, String)> {
    let t = line.trim_start();
    if let Some(i) = t.find('、') {
        if let Some(n) = cn_number(&t[..i]) {
            return Some((0, n, t[i + '、'.len_utf8()..].to_string()));
        }
    }
    if let Some(rest) = t.strip_prefix('(') {
        if let Some(i) = rest.find(')') {
            if let Some(n) = cn_number(&rest[..i]) {
                return Some((1, n, rest[i + 1..].to_string()));
            }
        }
    }
    None
}

fn run(text: &str) -> String {
    format!("<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r>", esc(text))
}

/// A .docx holding the blocks. A line starting with `一、`/`(一)` whose number continues the
/// current list (Word's counters: level 1 restarts when level 0 counts; a `一、` restarts the
/// list as a new `w:num`) is written as list numbering without its label; others as text.
pub fn to_docx(blocks: &[Fx]) -> Vec<u8> {
    let mut body = String::new();
    let mut nums = 0u32;
    let mut counters: Option<[u32; 2]> = None;
    let mut numbered = 0usize;
    for b in blocks {
        match b {
            Fx::Para(p) => {
                let label = word_label(p).filter(|(lvl, n, _)| match (lvl, &counters) {
                    (0, _) if *n == 1 => true,
                    (0, Some(c)) => *n == c[0] + 1,
                    (1, Some(c)) => c[0] > 0 && *n == c[1] + 1,
                    _ => false,
                });
                match label {
                    Some((lvl, n, rest)) => {
                        if lvl == 0 && n == 1 {
                            nums += 1;
                            counters = Some([0, 0]);
                        }
                        let c = counters.as_mut().unwrap();
                        c[lvl] = n;
                        if lvl == 0 {
                            c[1] = 0;
                        }
                        numbered += 1;
                        body.push_str(&format!(
                            "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"{lvl}\"/><w:numId w:val=\"{nums}\"/></w:numPr></w:pPr>{}</w:p>",
                            run(&rest)
                        ));
                    }
                    None => {
                        // a line break inside a run, tabs as w:tab
                        let mut runs = String::new();
                        for (i, part) in p.split('\t').enumerate() {
                            if i > 0 {
                                runs.push_str("<w:r><w:tab/></w:r>");
                            }
                            runs.push_str(&run(part));
                        }
                        body.push_str(&format!("<w:p>{runs}</w:p>"));
                    }
                }
            }
            Fx::Table(rows) => {
                body.push_str("<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr>");
                for r in rows {
                    body.push_str("<w:tr>");
                    for c in r {
                        body.push_str("<w:tc><w:tcPr><w:tcW w:w=\"0\" w:type=\"auto\"/></w:tcPr>");
                        for line in c.split('\n') {
                            body.push_str(&format!("<w:p>{}</w:p>", run(line)));
                        }
                        body.push_str("</w:tc>");
                    }
                    body.push_str("</w:tr>");
                }
                body.push_str("</w:tbl>");
            }
        }
    }
    assert!(numbered > 0 || nums == 0);
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}<w:sectPr/></w:body></w:document>"#
    );
    let mut numbering = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="(%2)"/><w:lvlJc w:val="left"/></w:lvl>
</w:abstractNum>"#,
    );
    for n in 1..=nums {
        numbering.push_str(&format!(
            "<w:num w:numId=\"{n}\"><w:abstractNumId w:val=\"0\"/><w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"1\"/></w:lvlOverride></w:num>"
        ));
    }
    numbering.push_str("</w:numbering>");
    let parts: [(&str, &str); 4] = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>"#,
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#,
        ),
        ("word/document.xml", &document),
        ("word/numbering.xml", &numbering),
    ];
    zip_of(&parts)
}

/// A zip (deflated) of named parts.
pub fn zip_of(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in parts {
        w.start_file(*name, opts).unwrap();
        w.write_all(data.as_bytes()).unwrap();
    }
    w.finish().unwrap().into_inner()
}
