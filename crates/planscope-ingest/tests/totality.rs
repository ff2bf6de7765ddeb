//! Whatever bytes it is given, `ingest` answers (a source or an error) without panicking, and a
//! source it accepts parses with nothing lost: arbitrary bytes, page-like markup, and .docx
//! files whose XML is cut at random.

mod common;

use proptest::prelude::*;

fn check(name: &str, bytes: &[u8]) {
    if let Ok(i) = planscope_ingest::ingest(name, bytes) {
        let doc = planscope_ingest::parse_ingested(name, bytes.len(), &i);
        let c = &doc.coverage;
        assert_eq!(c.model + c.removed, c.non_whitespace);
        assert!(!doc
            .diagnostics
            .iter()
            .any(|d| d.rule == "internal-coverage"));
    }
}

fn markup() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec![
            "<p>",
            "</p>",
            "<table>",
            "</table>",
            "<tr>",
            "<td>",
            "</td>",
            "<th>",
            "<br>",
            "<div class=\"nav\">",
            "<div>",
            "</div>",
            "<script>",
            "</script>",
            "<!--",
            "-->",
            "一、总则",
            "指标",
            "2020年",
            "2025年",
            "约束性",
            "&nbsp;",
            "&amp;",
            "&",
            "<",
            "序号",
            "责任部门",
            "1",
            " ",
            "\n",
            "<caption>",
            "<h1>",
            "</h1>",
            "<header>",
        ]),
        0..40,
    )
    .prop_map(|v| format!("<html><body>{}", v.concat()))
}

/// The `word/document.xml` of each seed's .docx fixture (its first 30 blocks), made once.
fn documents() -> &'static [String] {
    static DOCS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    DOCS.get_or_init(|| {
        use std::io::Read;
        common::SEEDS
            .iter()
            .map(|s| {
                let blocks = common::seed_blocks(s);
                let docx = common::to_docx(&blocks[..blocks.len().min(30)]);
                let mut z = zip::ZipArchive::new(std::io::Cursor::new(&docx)).unwrap();
                let mut xml = String::new();
                z.by_name("word/document.xml")
                    .unwrap()
                    .read_to_string(&mut xml)
                    .unwrap();
                xml
            })
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        check("x.txt", &bytes);
        check("x.html", &bytes);
        check("x.docx", &bytes);
    }

    #[test]
    fn page_like_markup(page in markup()) {
        check("x.html", page.as_bytes());
    }

    #[test]
    fn docx_with_cut_xml(cut in 0usize..2000, seed in 0usize..5) {
        // rebuild the zip with its document cut at `cut` characters
        let cut_xml: String = documents()[seed].chars().take(cut).collect();
        let bytes = common::zip_of(&[("word/document.xml", &cut_xml)]);
        check("x.docx", &bytes);
    }
}
