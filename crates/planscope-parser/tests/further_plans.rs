//! Generality check (issue 10's last point): small texts in the shape of real published
//! policies that are not in the repository, written to probe the rules rather than taken from
//! them — a 管理办法 in 章/节/条 under a 印发 notice, a 工作要点 under a portal info box spread
//! over several lines, a 教育现代化2035 with its notice and a `（此件公开发布）` note, a notice
//! whose headline is printed over two lines, an 实施意见 with no signature, a 规划 in 章/节 with
//! 一、 under them, an info box printed under the title (the first version of the edge rule
//! kept such a box as text; this shape made the info box rule reach down to the body's first
//! heading) — with full-width and ASCII punctuation, LF and CRLF. Each checks title, issuer, dates, kind and outline, and that
//! nothing is lost.

use planscope_model::{Block, ParagraphRole, PlanDocument, PlanKind, RemovedKind, SectionKind};
use planscope_parser::parse;

fn fixture(name: &str) -> String {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/further")
        .join(name);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn doc(name: &str) -> PlanDocument {
    let t = fixture(name);
    let d = parse("t", &t);
    let acc = planscope_parser::coverage::account(&d, &t);
    assert!(
        acc.mismatched.is_empty() && acc.doubled.is_empty() && acc.missing.is_empty(),
        "{name}: {acc:?}"
    );
    assert_eq!(d.coverage.ratio(), 1.0, "{name}");
    d
}

fn outline(d: &PlanDocument) -> Vec<String> {
    d.walk_sections()
        .iter()
        .map(|s| format!("{} {}{}", s.id, s.label, s.title))
        .collect()
}

fn texts(blocks: &[Block]) -> Vec<(String, Option<ParagraphRole>)> {
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some((p.text.clone(), p.role)),
            _ => None,
        })
        .collect()
}

fn meta(d: &PlanDocument) -> [Option<&str>; 4] {
    let m = &d.metadata;
    [
        m.issuer.as_deref(),
        m.doc_number.as_deref(),
        m.issued_date.as_deref(),
        m.published_date.as_deref(),
    ]
}

#[test]
fn measures_in_chapters_sections_and_articles() {
    let d = doc("measures-chapters-sections.txt");
    assert_eq!(d.metadata.title, "某省中小学校外培训机构管理办法（试行）");
    assert_eq!(d.metadata.kind, PlanKind::Measures);
    assert_eq!(
        meta(&d),
        [
            Some("某省教育厅"),
            Some("某教规〔2021〕3号"),
            Some("2021-09-06"),
            None
        ]
    );
    assert_eq!(
        outline(&d),
        [
            "1 第一章总　则",
            "1.0.1 第一条",
            "1.0.2 第二条",
            "2 第二章设立与审批",
            "2.1 第一节设立条件",
            "2.1.3 第三条",
            "2.1.4 第四条",
            "2.2 第二节审批程序",
            "2.2.5 第五条",
            "3 第三章附　则",
            "3.0.6 第六条",
        ]
    );
    let kinds: Vec<_> = d.walk_sections().iter().map(|s| s.kind).collect();
    assert_eq!(kinds[4], SectionKind::Section);
    let a3 = d.section("2.1.3").unwrap();
    let roles: Vec<_> = texts(&a3.blocks).into_iter().map(|(_, r)| r).collect();
    let li = Some(ParagraphRole::ListItem);
    assert_eq!(roles, [None, li, li, li]);
    let a4 = d.section("2.1.4").unwrap();
    assert_eq!(texts(&a4.blocks).len(), 3, "1. 2. are list items of 第四条");
    // a reference to an article inside a sentence is not a heading
    let a5 = texts(&d.section("2.2.5").unwrap().blocks);
    assert_eq!(a5.len(), 1);
    assert!(a5[0].0.contains("本办法第三条规定的条件"));
}

#[test]
fn work_points_under_a_multi_line_info_box() {
    let d = doc("work-points-info-box.txt");
    assert_eq!(d.metadata.title, "某省教育厅2020年工作要点");
    assert_eq!(d.metadata.kind, PlanKind::AnnualWorkPoints);
    assert_eq!(
        meta(&d),
        [
            Some("某省教育厅"),
            Some("某教办〔2020〕12号"),
            Some("2020-03-02"),
            Some("2020-03-05")
        ]
    );
    let chrome = d
        .removed
        .iter()
        .filter(|r| r.kind == RemovedKind::Chrome)
        .count();
    assert_eq!(chrome, 6, "the six info box lines");
    assert_eq!(
        outline(&d),
        [
            "1 一、加强党的建设",
            "1.1 （一）深入学习贯彻党的十九届四中全会精神",
            "1.2 （二）加强基层党组织建设",
            "2 二、推进教育改革",
            "2.3 （三）深化考试招生制度改革",
            "2.4 （四）推进产教融合",
        ]
    );
    assert_eq!(
        d.metadata.period.map(|p| (p.start, p.end)),
        Some((2020, 2020))
    );
}

#[test]
fn modernization_2035_with_its_notice() {
    let d = doc("modernization-2035-notice.txt");
    assert_eq!(d.metadata.title, "某市教育现代化2035");
    assert_eq!(
        d.metadata.notice_title.as_deref(),
        Some("某市人民政府关于印发某市教育现代化2035的通知")
    );
    assert_eq!(d.metadata.kind, PlanKind::Modernization2035);
    assert_eq!(
        meta(&d),
        [
            Some("某市人民政府"),
            Some("某府〔2020〕15号"),
            Some("2020-06-30"),
            None
        ]
    );
    assert_eq!(
        d.metadata.period.map(|p| (p.start, p.end)),
        Some((2020, 2035))
    );
    assert_eq!(
        outline(&d),
        [
            "1 一、总体目标",
            "2 二、战略任务",
            "2.1 （一）普及有质量的学前教育",
            "2.2 （二）实现优质均衡的义务教育",
            "3 三、保障措施",
        ]
    );
    let note = texts(&d.front)
        .into_iter()
        .find(|(t, _)| t.contains("此件公开发布"))
        .unwrap();
    assert_ne!(note.1, Some(ParagraphRole::Title));
}

#[test]
fn notice_headline_over_two_lines() {
    let d = doc("two-line-headline.txt");
    assert_eq!(
        d.metadata.notice_title.as_deref(),
        Some(
            "某县人民政府办公室关于印发某县推进义务教育优质均衡发展三年行动计划(2021-2023年)的通知"
        )
    );
    assert_eq!(
        d.metadata.title,
        "某县推进义务教育优质均衡发展三年行动计划(2021-2023年)"
    );
    assert_eq!(d.metadata.kind, PlanKind::ActionPlan);
    assert_eq!(
        meta(&d),
        [
            Some("某县人民政府办公室"),
            Some("县政办发〔2021〕27号"),
            Some("2021-05-18"),
            None
        ]
    );
    assert_eq!(
        d.metadata.period.map(|p| (p.start, p.end)),
        Some((2021, 2023))
    );
    let ids: Vec<_> = d.walk_sections().iter().map(|s| s.id.clone()).collect();
    assert_eq!(ids, ["1", "2", "2.1", "2.2", "3"]);
    let addressee = texts(&d.front)
        .into_iter()
        .filter(|(_, r)| *r == Some(ParagraphRole::Addressee))
        .count();
    assert_eq!(addressee, 1);
}

#[test]
fn opinion_without_a_signature() {
    let d = doc("opinion-without-signature.txt");
    assert_eq!(
        d.metadata.title,
        "某市人民政府关于全面加强和改进新时代学校体育工作的实施意见"
    );
    assert_eq!(d.metadata.notice_title, None);
    assert_eq!(d.metadata.kind, PlanKind::Opinion);
    assert_eq!(
        meta(&d),
        [
            Some("某市人民政府"),
            Some("某府发〔2021〕9号"),
            Some("2021-04-02"),
            None
        ]
    );
    assert_eq!(d.removed.len(), 1, "the citation code line");
    let ids: Vec<_> = d.walk_sections().iter().map(|s| s.id.clone()).collect();
    assert_eq!(ids, ["1", "1.1", "1.2", "2", "2.1", "2.2"]);
}

#[test]
fn plan_in_chapters_and_sections_with_headings_under_them() {
    let d = doc("plan-in-chapters.txt");
    assert_eq!(d.metadata.title, "某区教育事业发展“十四五”规划");
    assert_eq!(d.metadata.kind, PlanKind::FiveYearPlan);
    assert_eq!(
        d.metadata.period.map(|p| (p.start, p.end)),
        Some((2021, 2025))
    );
    assert_eq!(
        outline(&d),
        [
            "1 第一章发展基础",
            "1.1 第一节主要成就",
            "1.1.0.1 一、学前教育普及普惠",
            "1.1.0.2 二、义务教育均衡发展",
            "1.2 第二节面临挑战",
            "2 第二章总体要求",
            "2.1 第一节指导思想",
            "2.2 第二节发展目标",
        ]
    );
    let top: Vec<_> = d.sections.iter().map(|s| s.kind).collect();
    assert_eq!(top, [SectionKind::Chapter, SectionKind::Chapter]);
}

#[test]
fn info_box_printed_under_the_title() {
    let d = doc("info-box-under-title.txt");
    assert_eq!(d.metadata.title, "某市2021年教育工作要点");
    assert_eq!(d.metadata.kind, PlanKind::AnnualWorkPoints);
    assert_eq!(
        meta(&d),
        [
            Some("某市教育局"),
            Some("某教发〔2021〕8号"),
            Some("2021-02-26"),
            None
        ]
    );
    let chrome: Vec<_> = d
        .removed
        .iter()
        .filter(|r| r.kind == RemovedKind::Chrome)
        .map(|r| r.text.chars().take(3).collect::<String>())
        .collect();
    assert_eq!(chrome, ["索引号", "发文机", "成文日", "文号："]);
    assert_eq!(
        outline(&d),
        [
            "1 一、坚持党的全面领导",
            "1.0.1 1.加强政治建设",
            "1.0.2 2.加强作风建设",
            "2 二、推进教育公平",
            "2.0.3 3.办好学前教育"
        ]
    );
}
