//! Plans the parser was not tuned to: the texts of `../shared/cases/unseen/` (copied into
//! `tests/fixtures/unseen/`), each asserting exactly what that README states. Every text is
//! also checked re-encoded with ASCII punctuation and CRLF line ends, and for nothing lost.

use planscope_model::{
    Block, ParagraphRole, PlanDocument, PlanKind, RemovedKind, Section, SectionKind,
};
use planscope_parser::parse;

fn fixture(name: &str) -> String {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/unseen")
        .join(name);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn no_loss(text: &str, doc: &PlanDocument) {
    let acc = planscope_parser::coverage::account(doc, text);
    assert!(
        acc.mismatched.is_empty() && acc.doubled.is_empty() && acc.missing.is_empty(),
        "{acc:?}"
    );
    assert_eq!(doc.coverage.ratio(), 1.0);
    assert!(
        !doc.diagnostics
            .iter()
            .any(|d| d.rule == "internal-coverage"),
        "{:?}",
        doc.diagnostics
    );
}

/// The text as printed, with ASCII punctuation (as many scrapes have it) and with CRLF.
fn variants(text: &str) -> Vec<String> {
    let ascii: String = text
        .chars()
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '：' => ':',
            '，' => ',',
            '；' => ';',
            c => c,
        })
        .collect();
    vec![
        text.to_string(),
        ascii.clone(),
        text.replace('\n', "\r\n"),
        ascii.replace('\n', "\r\n"),
    ]
}

/// Parse every variant of a fixture, check nothing is lost, run `check` on each.
fn each(name: &str, check: impl Fn(&PlanDocument)) {
    for t in variants(&fixture(name)) {
        let doc = parse("t", &t);
        no_loss(&t, &doc);
        check(&doc);
    }
}

fn paragraphs(blocks: &[Block]) -> Vec<(String, Option<ParagraphRole>)> {
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some((p.text.clone(), p.role)),
            _ => None,
        })
        .collect()
}

fn texts(blocks: &[Block]) -> Vec<String> {
    paragraphs(blocks).into_iter().map(|(t, _)| t).collect()
}

fn outline(doc: &PlanDocument) -> Vec<String> {
    doc.walk_sections()
        .iter()
        .map(|s| format!("{} {:?} {}{}", s.id, s.kind, s.label, s.title))
        .collect()
}

fn chrome(doc: &PlanDocument) -> Vec<String> {
    doc.removed
        .iter()
        .filter(|r| r.kind == RemovedKind::Chrome)
        .map(|r| r.text.clone())
        .collect()
}

#[test]
fn database_header() {
    each("database-header.txt", |doc| {
        let md = &doc.metadata;
        assert_eq!(md.title, "某省人民政府办公厅关于加强学校美育工作的实施意见");
        assert_eq!(md.notice_title, None);
        let removed: Vec<String> = chrome(doc).iter().map(|t| t.replace('：', ":")).collect();
        assert_eq!(
            removed,
            [
                "北大法宝【法宝引证码】 CLI.12.1",
                "原文链接:https://example.org/law/abc.html"
            ]
        );
        assert_eq!(md.issuer.as_deref(), Some("某省人民政府办公厅"));
        assert_eq!(md.doc_number.as_deref(), Some("某政办发〔2016〕1号"));
        assert_eq!(md.issued_date.as_deref(), Some("2016-03-30"));
        assert_eq!(md.kind, PlanKind::Opinion);
        assert_eq!(
            outline(doc),
            ["1 Heading 一、总体目标", "2 Heading 二、保障措施"]
        );
    });
}

#[test]
fn notice_is_the_document() {
    each("notice-is-the-document.txt", |doc| {
        let md = &doc.metadata;
        assert_eq!(md.title, "某市人民政府办公室关于加强学校美育工作的通知");
        assert_eq!(md.notice_title, None);
        assert_eq!(md.issuer.as_deref(), Some("某市人民政府办公室"));
        assert_eq!(md.issued_date.as_deref(), Some("2017-04-09"));
        assert_eq!(md.kind, PlanKind::Notice);
        assert!(chrome(doc).is_empty());
    });
}

#[test]
fn forwarded_document() {
    each("forwarded-document.txt", |doc| {
        let md = &doc.metadata;
        assert_eq!(md.title, "关于加强学校美育工作的若干意见");
        assert_eq!(
            md.notice_title.as_deref(),
            Some("某区人民政府办公厅转发教育厅等部门关于加强学校美育工作若干意见的通知")
        );
        assert_eq!(md.issuer.as_deref(), Some("某区人民政府办公厅"));
        assert_eq!(md.issued_date.as_deref(), Some("2016-09-01"));
        assert_eq!(md.kind, PlanKind::Opinion);
        // （教育厅、财政厅） is front matter of the forwarded document, not its title
        let front = paragraphs(&doc.front);
        let depts = front
            .iter()
            .find(|(t, _)| t.contains("教育厅、财政厅"))
            .expect("departments line in the front matter");
        assert_ne!(depts.1, Some(ParagraphRole::Title));
        let titles: Vec<_> = front
            .iter()
            .filter(|(_, r)| *r == Some(ParagraphRole::Title))
            .map(|(t, _)| t.as_str())
            .collect();
        assert_eq!(titles, ["关于加强学校美育工作的若干意见"]);
        assert_eq!(
            outline(doc),
            ["1 Heading 一、统一思想", "2 Heading 二、明确目标"]
        );
    });
}

#[test]
fn date_without_signer() {
    each("date-without-signer.txt", |doc| {
        let md = &doc.metadata;
        assert_eq!(md.title, "某市学校美育工作实施方案");
        assert_eq!(md.issuer.as_deref(), Some("某市人民政府办公厅"));
        assert_eq!(md.issued_date.as_deref(), Some("2017-10-13"));
        assert_eq!(md.doc_number.as_deref(), Some("某政办发〔2017〕64号"));
        assert_eq!(md.kind, PlanKind::ActionPlan);
    });
}

#[test]
fn date_under_title() {
    each("date-under-title.txt", |doc| {
        let md = &doc.metadata;
        assert_eq!(md.issued_date.as_deref(), Some("2017-08-14"));
        assert_eq!(md.title, "某市学校美育工作方案");
        let front = paragraphs(&doc.front);
        assert_eq!(front[1].1, Some(ParagraphRole::Date), "{front:?}");
        assert!(front[1].0.contains("2017年08月14日"));
    });
}

fn article_body(s: &Section) -> Vec<(String, Option<ParagraphRole>)> {
    paragraphs(&s.blocks)
}

#[test]
fn chapters_and_articles() {
    each("chapters-and-articles.txt", |doc| {
        assert_eq!(doc.metadata.title, "某区学校兼职教师管理办法");
        assert_eq!(doc.metadata.kind, PlanKind::Measures);
        // chapters are the top level, articles the next, under their chapter
        let top: Vec<_> = doc
            .sections
            .iter()
            .map(|s| (s.kind, s.label.as_str(), s.title.as_str()))
            .collect();
        assert_eq!(
            top,
            [
                (SectionKind::Chapter, "第一章", "总则"),
                (SectionKind::Chapter, "第二章", "选聘条件"),
                (SectionKind::Chapter, "第三章", "附则"),
            ]
        );
        let articles: Vec<Vec<&str>> = doc
            .sections
            .iter()
            .map(|c| c.children.iter().map(|a| a.label.as_str()).collect())
            .collect();
        assert_eq!(
            articles,
            [
                vec!["第一条", "第二条"],
                vec!["第三条", "第四条"],
                vec!["第五条"]
            ]
        );
        for c in &doc.sections {
            assert_eq!(c.level, 1);
            for a in &c.children {
                assert_eq!(
                    (a.kind, a.level, a.title.as_str()),
                    (SectionKind::Article, 3, "")
                );
                assert!(
                    a.children.is_empty(),
                    "lists are not headings: {:?}",
                    a.children
                );
            }
        }
        // ids: chapter, (no 第X节), article
        assert_eq!(
            outline(doc)
                .iter()
                .map(|s| s.split(' ').next().unwrap().to_string())
                .collect::<Vec<_>>(),
            ["1", "1.0.1", "1.0.2", "2", "2.0.3", "2.0.4", "3", "3.0.5"]
        );
        let a1 = &doc.sections[0].children[0];
        assert_eq!(article_body(a1).len(), 1);
        assert_eq!(article_body(a1)[0].1, None);
        assert!(texts(&a1.blocks)[0].starts_with("为加强学校体育美育工作"));
        // （一）（二） in 第三条 and the list restarting at （一） in 第四条: list items, whole
        let a3 = &doc.sections[1].children[0];
        let a4 = &doc.sections[1].children[1];
        let roles = |s: &Section| article_body(s).iter().map(|(_, r)| *r).collect::<Vec<_>>();
        let li = Some(ParagraphRole::ListItem);
        assert_eq!(roles(a3), [None, li, li]);
        assert_eq!(roles(a4), [None, li, li, li]);
        let t4 = texts(&a4.blocks);
        assert!(t4[0].starts_with("聘用的基本程序"));
        assert!(t4[1].ends_with("学校上报需求。") && t4[1].contains("一"));
        assert!(t4[3].ends_with("签订聘用合同。"));
        // not front matter
        assert_eq!(texts(&doc.front), ["某区学校兼职教师管理办法"]);
        // the outline tree the reader draws
        let tree = planscope_model::nav::outline(doc);
        let shape: Vec<_> = tree
            .iter()
            .map(|e| (e.depth, e.kind, e.label.as_str()))
            .collect();
        assert_eq!(shape[0], (1, SectionKind::Chapter, "第一章"));
        assert_eq!(shape[1], (2, SectionKind::Article, "第一条"));
        assert_eq!(shape[7], (2, SectionKind::Article, "第五条"));
        assert!(!doc.diagnostics.iter().any(|d| d.rule == "no-headings"));
    });
}

#[test]
fn chapters_and_articles_in_json() {
    let t = fixture("chapters-and-articles.txt");
    let doc = parse("t", &t);
    let json = serde_json::to_value(&doc).unwrap();
    let s0 = &json["sections"][0];
    assert_eq!(s0["kind"], "chapter");
    assert_eq!(s0["level"], 1);
    assert_eq!(s0["children"][0]["kind"], "article");
    assert_eq!(s0["children"][0]["label"], "第一条");
    let tree = planscope_parser::tree::dump(&doc);
    assert!(tree.contains("[1] 章1 第一章总则"), "{tree}");
    assert!(tree.contains("  [1.0.1] 条3 第一条"), "{tree}");
}

#[test]
fn key_value_body_lines() {
    each("key-value-body-lines.txt", |doc| {
        assert_eq!(
            doc.metadata.title,
            "2017年中小学班级合唱视频展评活动实施方案"
        );
        assert!(chrome(doc).is_empty(), "{:?}", chrome(doc));
        let body = texts(&doc.sections[0].blocks);
        assert_eq!(body.len(), 2);
        assert!(body[0].starts_with("主办单位") && body[0].ends_with("市教育委员会"));
        assert!(body[1].starts_with("承办单位") && body[1].ends_with("市学校艺术教育协会"));
        assert_eq!(doc.sections[0].title, "组织机构");
    });
}

#[test]
fn two_plans_one_notice() {
    each("two-plans-one-notice.txt", |doc| {
        let parts: Vec<_> = doc
            .sections
            .iter()
            .map(|s| (s.id.as_str(), s.kind, s.title.as_str()))
            .collect();
        assert_eq!(
            parts,
            [
                ("P1", SectionKind::Part, "课堂器乐视频展评活动实施方案"),
                ("P2", SectionKind::Part, "校园集体舞视频展评活动实施方案"),
            ]
        );
        let inner = |k: usize| {
            doc.sections[k]
                .children
                .iter()
                .map(|s| format!("{} {}{}", s.id, s.label, s.title))
                .collect::<Vec<_>>()
        };
        assert_eq!(inner(0), ["1 一、活动范围", "2 二、奖项设置"]);
        assert_eq!(inner(1), ["2_1 一、活动安排", "2_2 二、奖项设置"]);
        // 二、奖项设置 of part 1 keeps its own paragraph only
        assert_eq!(
            texts(&doc.sections[0].children[1].blocks),
            ["设一、二、三等奖。"]
        );
        // the 附表 and its form lines: an attachment of part 1
        assert_eq!(doc.appendix.len(), 1);
        let a = &doc.appendix[0];
        assert_eq!(a.part.as_deref(), Some("P1"));
        assert_eq!(a.title, "课堂器乐视频展评活动报名表");
        assert_eq!(
            texts(&a.blocks),
            [
                "附表",
                "课堂器乐视频展评活动报名表",
                "参赛学校",
                "参赛人数",
                "组别"
            ]
        );
        // part 2's title is nowhere a paragraph
        let all: Vec<String> = doc
            .walk_sections()
            .iter()
            .flat_map(|s| texts(&s.blocks))
            .chain(texts(&a.blocks))
            .chain(texts(&doc.front))
            .collect();
        assert!(!all
            .iter()
            .any(|t| t.contains("校园集体舞视频展评活动实施方案")));
        let md = &doc.metadata;
        assert_eq!(md.title, "两项学校美育实践活动实施方案");
        assert_eq!(md.issuer.as_deref(), Some("市教育委员会办公室"));
        assert_eq!(md.issued_date.as_deref(), Some("2017-05-05"));
        assert_eq!(md.kind, PlanKind::ActionPlan);
    });
}

#[test]
fn printed_title_wins() {
    each("printed-title-wins.txt", |doc| {
        let md = &doc.metadata;
        assert_eq!(md.title, "全市学校美育工作的实施方案");
        assert_eq!(
            md.notice_title.as_deref(),
            Some("市人民政府办公厅关于印发全市学校美育工作实施方案的通知")
        );
        assert_eq!(md.issuer.as_deref(), Some("市人民政府办公厅"));
        assert_eq!(md.issued_date.as_deref(), Some("2017-10-13"));
        assert_eq!(md.doc_number.as_deref(), Some("市政办发〔2017〕64号"));
    });
}
