//! The five seeds through the ingest path: as `.txt`, as a GB18030 copy, as a saved portal page
//! and as a Word file (fixtures made from the seed text by `common`). Each gives the gold's
//! heading counts (`tests/gold/`, the hand-checked `../shared/seeds-gold/`); the page's and
//! the Word file's tables become model tables equal to the gold's rows; nothing is lost.

mod common;
use common::{gold, seed_blocks, seed_bytes, to_docx, to_html, SEEDS};

use planscope_model::PlanDocument;
use serde_json::Value;

/// The gold README: "Before matching, strip leading and trailing U+0020 and U+00A0."
fn strip(v: &Value) -> Value {
    match v {
        Value::String(s) => Value::String(s.trim_matches([' ', '\u{a0}']).to_string()),
        Value::Array(a) => Value::Array(a.iter().map(strip).collect()),
        Value::Object(o) => Value::Object(o.iter().map(|(k, v)| (k.clone(), strip(v))).collect()),
        x => x.clone(),
    }
}

/// Differences from the gold in heading counts and tables, and in the accounting.
fn check(what: &str, stem: &str, doc: &PlanDocument, failures: &mut Vec<String>) {
    let g = gold(stem);
    let mine = planscope_parser::gold::to_gold(doc);
    for k in ["outline_counts", "indicator_table", "task_table"] {
        if strip(&mine[k]) != strip(&g[k]) {
            failures.push(format!(
                "{what} {stem}.{k}:\n  parsed {}\n  gold   {}",
                mine[k], g[k]
            ));
        }
    }
    let c = &doc.coverage;
    if c.model + c.removed != c.non_whitespace
        || doc
            .diagnostics
            .iter()
            .any(|d| d.rule == "internal-coverage")
    {
        failures.push(format!("{what} {stem}: text lost or doubled ({c:?})"));
    }
}

#[test]
fn txt_and_gb18030_copy_match_gold() {
    let mut failures = Vec::new();
    for stem in SEEDS {
        let bytes = seed_bytes(stem);
        let txt = planscope_ingest::parse_file(&format!("seeds/{stem}.txt"), &bytes).unwrap();
        check("txt", stem, &txt, &mut failures);
        // the same as the parser's own entry for text
        let direct = planscope_parser::parse_file(&format!("{stem}.txt"), &bytes).unwrap();
        assert_eq!(
            txt, direct,
            "{stem}: ingest of a .txt differs from parse_file"
        );

        let text = String::from_utf8(bytes).unwrap();
        let (gb, _, bad) = encoding_rs::GB18030.encode(&text);
        assert!(!bad);
        let doc = planscope_ingest::parse_file(&format!("{stem}.txt"), &gb).unwrap();
        assert_eq!(doc.source.encoding, "gb18030");
        check("gb18030", stem, &doc, &mut failures);
        assert_eq!(
            doc.sections, txt.sections,
            "{stem}: GB18030 copy parses differently"
        );
        assert_eq!(doc.metadata, txt.metadata);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn html_page_matches_gold_and_reads_real_tables() {
    let mut failures = Vec::new();
    let mut tables = 0;
    for stem in SEEDS {
        let html = to_html(&seed_blocks(stem));
        let name = format!("{stem}.html");
        let ing = planscope_ingest::ingest(&name, html.as_bytes()).unwrap();
        assert_eq!(ing.format, planscope_ingest::Format::Html);
        let doc = planscope_ingest::parse_ingested(&name, html.len(), &ing);
        check("html", stem, &doc, &mut failures);
        tables += doc.indicator_tables.len() + doc.task_tables.len();
        // the page's own chrome is gone: none of its words reached the model or the removed list
        let json = serde_json::to_string(&doc).unwrap();
        for chrome in [
            "无障碍浏览",
            "互动交流",
            "您当前的位置",
            "微博",
            "相关链接",
            "备案号",
            "脚本",
        ] {
            assert!(!json.contains(chrome), "{stem}: page chrome {chrome} kept");
        }
    }
    assert_eq!(
        tables, 2,
        "the indicator table of 从化 and the task table of 揭阳"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn docx_matches_gold_and_reads_numbering_and_tables() {
    let mut failures = Vec::new();
    let mut numbered = 0;
    for stem in SEEDS {
        let blocks = seed_blocks(stem);
        let docx = to_docx(&blocks);
        let name = format!("{stem}.docx");
        let ing = planscope_ingest::ingest(&name, &docx).unwrap();
        assert_eq!(ing.format, planscope_ingest::Format::Docx);
        let doc = planscope_ingest::parse_ingested(&name, docx.len(), &ing);
        check("docx", stem, &doc, &mut failures);
        // the labels came from Word numbering, not from the text
        let doc_xml = {
            use std::io::Read;
            let mut z = zip::ZipArchive::new(std::io::Cursor::new(&docx)).unwrap();
            let mut s = String::new();
            z.by_name("word/document.xml")
                .unwrap()
                .read_to_string(&mut s)
                .unwrap();
            s
        };
        let outline = planscope_parser::gold::to_gold(&doc)["outline"].clone();
        let first_top = outline
            .as_array()
            .unwrap()
            .iter()
            .find(|h| h["label"].as_str().is_some_and(|l| l.ends_with('、')))
            .map(|h| {
                format!(
                    "{}{}",
                    h["label"].as_str().unwrap(),
                    h["title"].as_str().unwrap()
                )
            });
        // (和平's headings are mid-line after page numbers: text, not numbering)
        if let (Some(h), true) = (first_top, doc_xml.contains("<w:numPr>")) {
            numbered += 1;
            assert!(
                !doc_xml.contains(&format!(">{h}<")),
                "{stem}: heading {h} is text in the fixture, not numbering"
            );
        }
    }
    assert_eq!(numbered, 4, "four seeds have 一、 headings at line starts");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn html_and_docx_tables_equal_the_text_tables() {
    // whole tables (header, every cell, departments split), not only the gold's fields
    for stem in ["guangzhou-conghua-2021-2025", "jieyang-2023-2027"] {
        let txt = planscope_ingest::parse_file("a.txt", &seed_bytes(stem)).unwrap();
        let blocks = seed_blocks(stem);
        for (what, bytes) in [
            ("html", to_html(&blocks).into_bytes()),
            ("docx", to_docx(&blocks)),
        ] {
            let doc = planscope_ingest::parse_file(&format!("a.{what}"), &bytes).unwrap();
            let strip_src = |d: &PlanDocument| {
                let mut v = serde_json::to_value((&d.indicator_tables, &d.task_tables)).unwrap();
                fn drop_src(v: &mut Value) {
                    match v {
                        Value::Object(o) => {
                            o.remove("src");
                            o.values_mut().for_each(drop_src);
                        }
                        Value::Array(a) => a.iter_mut().for_each(drop_src),
                        _ => {}
                    }
                }
                drop_src(&mut v);
                v
            };
            assert_eq!(strip_src(&doc), strip_src(&txt), "{what} {stem}");
        }
    }
}

#[test]
fn web_archive_of_the_page_matches_gold() {
    // the same page as a phone browser saves it: MHTML, quoted-printable, with a stylesheet part
    let mut failures = Vec::new();
    for stem in SEEDS {
        let html = to_html(&seed_blocks(stem));
        let qp = String::from_utf8(quoted_printable::encode(html.as_bytes())).unwrap();
        let mht = format!(
            "From: <Saved by Blink>\r\nSnapshot-Content-Location: http://www.example.gov.cn/{stem}.html\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n\tboundary=\"----MultipartBoundary--x\"\r\n\r\n------MultipartBoundary--x\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n{qp}\r\n------MultipartBoundary--x\r\nContent-Type: text/css\r\n\r\np {{}}\r\n------MultipartBoundary--x--\r\n"
        );
        let name = format!("{stem}.mhtml");
        let doc = planscope_ingest::parse_file(&name, mht.as_bytes()).unwrap();
        check("mhtml", stem, &doc, &mut failures);
        let page = planscope_ingest::parse_file(&format!("{stem}.html"), html.as_bytes()).unwrap();
        assert_eq!(doc.sections, page.sections, "{stem}");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
