//! Each bad input gets its error, naming the file, in zh-CN and in English; nothing is parsed.

mod common;
use common::zip_of;

use planscope_ingest::{ingest, parse_file, ErrorKind};

fn refused(name: &str, bytes: &[u8]) -> planscope_ingest::IngestError {
    let e = ingest(name, bytes).expect_err(name);
    assert!(parse_file(name, bytes).is_err());
    let base = name.rsplit('/').next().unwrap();
    assert!(e.to_string().starts_with(&format!("{base}: ")), "{e}");
    assert!(
        e.message_zh().starts_with(&format!("「{base}」")),
        "{}",
        e.message_zh()
    );
    // every zh-CN message says what to do
    assert!(
        ["请", "后再打开"]
            .iter()
            .any(|w| e.message_zh().contains(w)),
        "{}",
        e.message_zh()
    );
    e
}

#[test]
fn empty_files_and_pages() {
    assert_eq!(refused("a.txt", b"").kind, ErrorKind::Empty);
    assert_eq!(refused("a.txt", b" \r\n\t ").kind, ErrorKind::Empty);
    assert_eq!(
        refused("a.txt", "\u{feff}\n".as_bytes()).kind,
        ErrorKind::Empty
    );
    // a page that is all chrome, a Word file without text
    let page = "<html><head><title>规划</title><script>x()</script></head><body><nav>首页</nav><footer>版权所有</footer></body></html>";
    assert_eq!(refused("p.html", page.as_bytes()).kind, ErrorKind::Empty);
    let doc = zip_of(&[(
        "word/document.xml",
        r#"<w:document xmlns:w="w"><w:body><w:p/><w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl></w:body></w:document>"#,
    )]);
    let e = refused("d.docx", &doc);
    assert_eq!(e.kind, ErrorKind::Empty);
    assert!(e.message_zh().contains("没有可读的文字"));
}

#[test]
fn binary_pdf_and_old_word() {
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10";
    assert!(matches!(
        refused("pic.txt", png).kind,
        ErrorKind::Binary { .. }
    ));
    let e = refused("规划.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj");
    assert_eq!(e.kind, ErrorKind::Pdf);
    assert!(e.message_zh().contains("PDF"));
    // an OLE compound file: .doc, also when it is named .docx (an encrypted .docx is one)
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend_from_slice(&[0; 504]);
    for name in ["旧规划.doc", "加密.docx"] {
        let e = refused(name, &ole);
        assert_eq!(e.kind, ErrorKind::OldWord);
        assert!(e.message_zh().contains("另存为 .docx"));
    }
}

#[test]
fn a_web_archive_without_a_page_is_refused() {
    let mht = "From: <Saved by Blink>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\tboundary=\"b\"\r\n\r\n--b\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--b--\r\n";
    for name in ["page.mhtml", "page.html", "page"] {
        let e = refused(name, mht.as_bytes());
        assert_eq!(e.kind, ErrorKind::WebArchive);
        assert!(e.message_zh().contains("网页存档"));
    }
}

#[test]
fn zips_that_are_not_word_files() {
    let xlsx = zip_of(&[
        ("xl/workbook.xml", "<workbook/>"),
        ("[Content_Types].xml", "<Types/>"),
    ]);
    let e = refused("表格.xlsx", &xlsx);
    assert_eq!(e.kind, ErrorKind::NotDocx);
    assert!(e.message_zh().contains("不是 Word 文档"));
    // a cut-off zip, a docx whose XML is broken
    let mut cut = zip_of(&[("word/document.xml", "<w:document/>")]);
    cut.truncate(20);
    assert!(matches!(
        refused("cut.docx", &cut).kind,
        ErrorKind::BadDocx { .. }
    ));
    let broken = zip_of(&[("word/document.xml", "<w:document><w:body><w:p></w:body>")]);
    let e = refused("broken.docx", &broken);
    assert!(matches!(e.kind, ErrorKind::BadDocx { .. }), "{e:?}");
    assert!(e.message_zh().contains("损坏"));
}

#[test]
fn mixed_encoding_says_where() {
    // UTF-8 with GBK pasted into lines 3 and 5
    let mut b = "某区教育事业发展“十四五”规划\n一、总则\n"
        .as_bytes()
        .to_vec();
    b.extend_from_slice(&encoding_rs::GB18030.encode("二、主要任务\n").0);
    b.extend_from_slice(
        "坚持党对教育工作的全面领导，落实立德树人根本任务，办好人民满意的教育。\n".as_bytes(),
    );
    b.extend_from_slice(&encoding_rs::GB18030.encode("三、保障").0);
    let e = refused("mixed.txt", &b);
    match &e.kind {
        ErrorKind::Undecodable {
            encoding,
            count,
            first,
        } => {
            assert_eq!(*encoding, "utf-8");
            assert!(*count >= 2, "{count}");
            assert_eq!(first[0].line, 3);
            assert_eq!(first.last().unwrap().line, 5);
        }
        k => panic!("{k:?}"),
    }
    assert!(e.message_zh().contains("第 3 行"), "{}", e.message_zh());
    assert!(e.message_zh().contains("UTF-8"));
    assert!(e.to_string().contains("line 3"), "{e}");
}

#[test]
fn a_text_without_structure_is_a_plan_with_a_diagnostic() {
    let doc = parse_file("随笔.txt", "今天天气很好，学校组织了春游。".as_bytes()).unwrap();
    assert!(doc.sections.is_empty());
    assert!(doc.diagnostics.iter().any(|d| d.rule == "no-headings"));
}

#[test]
fn html_is_sniffed_whatever_the_name_and_text_stays_text() {
    let page = "<!DOCTYPE html><html><body><p>一、总则</p><p>内容。</p></body></html>";
    let i = ingest("download", page.as_bytes()).unwrap();
    assert_eq!(i.format, planscope_ingest::Format::Html);
    let i = ingest("a.txt", "一、总则\n<p>不是网页</p>".as_bytes()).unwrap();
    assert_eq!(i.format, planscope_ingest::Format::Text);
    // a GBK page
    let gbk = encoding_rs::GB18030
        .encode("<html><head><meta charset=\"gbk\"></head><body><p>一、总则</p></body></html>")
        .0;
    let i = ingest("gbk.htm", &gbk).unwrap();
    assert_eq!(
        (i.format, i.encoding),
        (planscope_ingest::Format::Html, "gb18030")
    );
    assert_eq!(
        i.source.blocks,
        [planscope_parser::SourceBlock::Paragraph("一、总则".into())]
    );
}
