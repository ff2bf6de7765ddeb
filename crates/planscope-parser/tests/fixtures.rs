//! Focused fixtures for the messy parts of scraped plans, one construct each, plus the seeds
//! re-encoded (full-width punctuation, CRLF) to show the rules are about forms, not files.

use planscope_model::{Block, ParagraphRole, PlanDocument, RemovedKind};
use planscope_parser::{parse, text::fold_str};

fn outline(doc: &PlanDocument) -> Vec<String> {
    doc.walk_sections()
        .iter()
        .map(|s| format!("{} L{} {}{}", s.id, s.level, s.label, s.title))
        .collect()
}

fn paragraphs(blocks: &[Block]) -> Vec<String> {
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(p.text.clone()),
            _ => None,
        })
        .collect()
}

fn no_loss(text: &str, doc: &PlanDocument) {
    let acc = planscope_parser::coverage::account(doc, text);
    assert!(
        acc.mismatched.is_empty() && acc.doubled.is_empty() && acc.missing.is_empty(),
        "{acc:?}"
    );
}

#[test]
fn toc_copy_is_not_outline() {
    let t = "某市教育发展规划\n目  录\n一、发展基础\n(一)成效\n二、主要任务\n一、发展基础\n(一)成效\n成效显著。\n二、主要任务\n任务很多。\n";
    let doc = parse("t", t);
    assert_eq!(
        outline(&doc),
        ["1 L1 一、发展基础", "1.1 L2 (一)成效", "2 L1 二、主要任务"]
    );
    let toc = doc
        .front
        .iter()
        .filter(|b| matches!(b, Block::Paragraph(p) if p.role == Some(ParagraphRole::Toc)))
        .count();
    assert_eq!(toc, 4, "目录 marker and three entries");
    no_loss(t, &doc);
}

#[test]
fn toc_without_marker_is_found_by_repetition() {
    let t = "规划\n一、总体要求\n二、重点任务\n三、保障措施\n一、总体要求\n要求如下。\n二、重点任务\n任务如下。\n三、保障措施\n措施如下。\n";
    let doc = parse("t", t);
    assert_eq!(outline(&doc).len(), 3);
    assert_eq!(paragraphs(&doc.sections[0].blocks), ["要求如下。"]);
}

#[test]
fn toc_with_leader_dots_and_page_numbers() {
    for marker in ["目录\n", ""] {
        let t = format!("规划\n{marker}一、总体要求……………1\n二、重点任务……………3\n三、保障措施……………9\n一、总体要求\n要求如下。\n二、重点任务\n任务如下。\n三、保障措施\n措施如下。\n");
        let doc = parse("t", &t);
        assert_eq!(
            outline(&doc),
            [
                "1 L1 一、总体要求",
                "2 L1 二、重点任务",
                "3 L1 三、保障措施"
            ],
            "marker {marker:?}"
        );
    }
}

#[test]
fn heading_glued_to_the_end_of_a_paragraph() {
    let t = "一、任务\n全面加强管理。  \u{a0}\u{a0}二、保障机制\n(一)加强领导\n";
    let doc = parse("t", t);
    assert_eq!(
        outline(&doc),
        ["1 L1 一、任务", "2 L1 二、保障机制", "2.1 L2 (一)加强领导"]
    );
    assert_eq!(paragraphs(&doc.sections[0].blocks), ["全面加强管理。"]);
    assert!(doc.diagnostics.iter().any(|d| d.rule == "glued-heading"));
    no_loss(t, &doc);
}

#[test]
fn mid_sentence_numbering_is_not_a_heading() {
    let t = "一、任务\n确保小学一、二年级不布置家庭书面作业。\n一是加强领导。二是完善机制。\n二、保障\n";
    let doc = parse("t", t);
    assert_eq!(outline(&doc), ["1 L1 一、任务", "2 L1 二、保障"]);
}

#[test]
fn inline_headings_end_at_the_first_full_stop() {
    let t = "一、任务\n1.推动教育高质量发展。全面实施方案,聚焦学位。\n2.优化布局结构。制定规划。\n";
    let doc = parse("t", t);
    let s = doc.section("1.0.1").unwrap();
    assert_eq!(s.title, "推动教育高质量发展");
    assert_eq!(s.title_tail, "。");
    assert_eq!(paragraphs(&s.blocks), ["全面实施方案,聚焦学位。"]);
}

#[test]
fn continuous_item_numbering_across_sections() {
    let t = "一、甲\n1.一项\n2.二项\n二、乙\n3.三项\n4.四项\n";
    let doc = parse("t", t);
    assert_eq!(
        outline(&doc),
        [
            "1 L1 一、甲",
            "1.0.1 L3 1.一项",
            "1.0.2 L3 2.二项",
            "2 L1 二、乙",
            "2.0.3 L3 3.三项",
            "2.0.4 L3 4.四项"
        ]
    );
}

#[test]
fn deeper_levels_and_restarted_parts() {
    let t = "一、甲\n(一)子\n1.项\n(1)细项\n①要点\n②要点二\n二、乙\n一、另一部分\n(一)子\n";
    let doc = parse("t", t);
    let levels: Vec<u8> = doc.walk_sections().iter().map(|s| s.level).collect();
    assert_eq!(levels, [1, 2, 3, 4, 5, 5, 1, 1, 2]);
    let ids: Vec<String> = doc.walk_sections().iter().map(|s| s.id.clone()).collect();
    assert_eq!(
        ids,
        [
            "1",
            "1.1",
            "1.1.1",
            "1.1.1.1",
            "1.1.1.1.1",
            "1.1.1.1.2",
            "2",
            "2_1",
            "2_1.1"
        ]
    );
}

#[test]
fn page_number_artefacts_are_removed_and_pages_joined() {
    let mut t = String::from("某分享网站由会员分享,可在线阅读\n");
    t.push_str("1、某区教化现代化2035 一、发展背景 党的十八大以来,在以习近平同\n");
    t.push_str("2、志为核心的党中央领导下,教育事业迈上新台阶,取得了显著成效和进步。 二、总体要求 (一)学习贯彻\n");
    t.push_str(
        "3、习近平新时代中国特色社会主义思想 把学习贯彻作为首要任务,贯穿教育改革发展全过程。\n",
    );
    let doc = parse("t", &t);
    assert_eq!(
        outline(&doc),
        [
            "1 L1 一、发展背景",
            "2 L1 二、总体要求",
            "2.1 L2 (一)学习贯彻习近平新时代中国特色社会主义思想"
        ]
    );
    let pages: Vec<&str> = doc
        .removed
        .iter()
        .filter(|r| r.kind == RemovedKind::PageNumber)
        .map(|r| r.text.as_str())
        .collect();
    assert_eq!(pages, ["1、", "2、", "3、"]);
    assert!(
        paragraphs(&doc.sections[0].blocks)[0].contains("习近平同志为核心"),
        "words rejoined across pages"
    );
    let h = doc.section("2.1").unwrap();
    assert_eq!(
        h.src.len(),
        3,
        "label, title before the artefact, title after it"
    );
    no_loss(&t, &doc);
}

#[test]
fn flattened_indicator_table() {
    let t = "一、目标\n主要指标\n\n2020年\n\n2025年\n\n指标属性\n\n学前教育毛入园率(%)\n\n100.23\n\n≥100\n\n约束性\n\n义务教育巩固率(%)\n\n99.66\n\n保持高水平\n\n预期性\n\n二、任务\n";
    let doc = parse("t", t);
    let tab = &doc.indicator_tables[0];
    assert_eq!(tab.section_id, "1");
    assert_eq!(tab.rows.len(), 2);
    let r = &tab.rows[0];
    assert_eq!(
        (
            r.name.as_str(),
            r.unit.as_deref(),
            r.baseline_year,
            r.target_year
        ),
        ("学前教育毛入园率", Some("%"), Some(2020), Some(2025))
    );
    assert_eq!(
        r.target.as_ref().unwrap().comparator,
        Some(planscope_model::Comparator::Ge)
    );
    assert_eq!(r.target.as_ref().unwrap().number, Some(100.0));
    assert_eq!(
        tab.rows[1].target.as_ref().unwrap().number,
        None,
        "保持高水平 stays text"
    );
    assert_eq!(outline(&doc).len(), 2);
    no_loss(t, &doc);
}

#[test]
fn key_project_box_takes_its_numbered_items() {
    let t = "一、任务\n1.学前教育\n大力发展学前教育。\n重点工程一  学前教育普及工程\n1.增加3200个以上公办幼儿园学位,通过督导评估验收。\n2.成立第二批幼儿园教育集团,推进集团化办园。\n2.义务教育\n";
    let doc = parse("t", t);
    let k = &doc.key_projects[0];
    assert_eq!(
        (k.label.as_str(), k.title.as_str(), k.items.len()),
        ("重点工程一", "学前教育普及工程", 2)
    );
    assert_eq!(k.section_id, "1.0.1");
    assert_eq!(
        outline(&doc),
        [
            "1 L1 一、任务",
            "1.0.1 L3 1.学前教育",
            "1.0.2 L3 2.义务教育"
        ]
    );
    no_loss(t, &doc);
}

#[test]
fn responsibility_table_in_an_appendix() {
    let t = "一、任务\n做好工作。\n附件\n重点任务清单\n序号\n项目名称\n目标任务\n责任部门\n1\n实施工程\n完成建设。\n市教育局、各县(市、区)人民政府牵头,市财政局、自然资源局按职责分工负责\n2\n推进改革\n落实改革。\n市教育局牵头\n";
    let doc = parse("t", t);
    assert_eq!(doc.appendix.len(), 1);
    let tt = &doc.task_tables[0];
    assert_eq!(tt.section_id, "A1");
    assert_eq!(tt.rows.len(), 2);
    assert_eq!(tt.rows[0].lead, ["市教育局", "各县(市、区)人民政府"]);
    assert_eq!(tt.rows[0].support, ["市财政局", "自然资源局"]);
    assert!(tt.rows[1].support.is_empty());
    no_loss(t, &doc);
}

#[test]
fn notice_wrapper_signature_and_title_block() {
    let t = "某市人民政府\n某市人民政府办公室关于印发《某市教育发展规划(2021—2025年)》的通知\n某府办〔2021〕12号\n各区人民政府,市直各单位:\n现印发给你们,请认真贯彻执行。\n某市人民政府办公室\n2021年8月2日\n某市教育发展规划\n(2021—2025年)\n一、总体要求\n";
    let doc = parse("t", t);
    let m = &doc.metadata;
    assert_eq!(m.title, "某市教育发展规划(2021—2025年)");
    assert_eq!(m.doc_number.as_deref(), Some("某府办〔2021〕12号"));
    assert_eq!(m.issuer.as_deref(), Some("某市人民政府办公室"));
    assert_eq!(m.issued_date.as_deref(), Some("2021-08-02"));
    assert_eq!(m.period.map(|p| (p.start, p.end)), Some((2021, 2025)));
    assert_eq!(doc.removed[0].text, "某市人民政府", "site header");
    let roles: Vec<_> = doc
        .front
        .iter()
        .filter_map(|b| {
            if let Block::Paragraph(p) = b {
                p.role
            } else {
                None
            }
        })
        .collect();
    use ParagraphRole::*;
    assert_eq!(
        roles,
        [
            NoticeTitle,
            DocNumber,
            Addressee,
            Signature,
            Date,
            Title,
            Title
        ]
    );
}

#[test]
fn trailing_signature_and_imprint_are_back_matter() {
    let t = "一、任务\n做好工作。\n某县教育局\n2022年3月1日\n抄送:市教育局。\n";
    let doc = parse("t", t);
    assert_eq!(doc.metadata.issuer.as_deref(), Some("某县教育局"));
    assert_eq!(doc.metadata.issued_date.as_deref(), Some("2022-03-01"));
    assert_eq!(doc.back.len(), 3);
    assert_eq!(paragraphs(&doc.sections[0].blocks), ["做好工作。"]);
}

#[test]
fn closing_signature_with_a_parenthetical_and_source_line_issuer() {
    let t = "一、任务\n做好工作。\n某县教育局\n二〇二二年三月一日\n(此件公开发布)\n";
    let doc = parse("t", t);
    assert_eq!(doc.metadata.issuer.as_deref(), Some("某县教育局"));
    assert_eq!(doc.metadata.issued_date.as_deref(), Some("2022-03-01"));
    let t = "来源:某市教育局 发布时间:2023-01-05\n某市2023年教育工作要点\n一、任务\n做好工作。\n";
    let doc = parse("t", t);
    assert_eq!(doc.metadata.issuer.as_deref(), Some("某市教育局"));
    assert_eq!(doc.metadata.published_date.as_deref(), Some("2023-01-05"));
    assert_eq!(
        doc.metadata.period.map(|p| (p.start, p.end)),
        Some((2023, 2023))
    );
}

/// ASCII punctuation of the scrapes turned full-width (（一） ， ： ； ． ％), lines ended with CRLF:
/// the outline is the same, with labels and titles printed as in the new text.
#[test]
fn seeds_with_full_width_punctuation_and_crlf() {
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    for stem in [
        "guangzhou-conghua-2021-2025",
        "jieyang-2023-2027",
        "pingliang-kongtong-2021-2025",
        "qingyuan-2022",
        "tianjin-heping-2035",
    ] {
        let ascii = std::fs::read_to_string(root.join(format!("seeds/{stem}.txt"))).unwrap();
        let wide: String = ascii
            .chars()
            .map(|c| match c {
                '(' | ')' | ',' | ':' | ';' | '%' => char::from_u32(c as u32 + 0xFEE0).unwrap(),
                '\n' => '\n',
                c => c,
            })
            .collect::<String>()
            .replace('\n', "\r\n");
        let a = parse(stem, &ascii);
        let b = parse(stem, &wide);
        let fold = |d: &PlanDocument| {
            d.walk_sections()
                .iter()
                .map(|s| (s.level, fold_str(&s.label), fold_str(&s.title)))
                .collect::<Vec<_>>()
        };
        assert_eq!(fold(&a), fold(&b), "{stem}");
        assert_eq!(
            fold_str(&a.metadata.title),
            fold_str(&b.metadata.title),
            "{stem}"
        );
        assert!(
            b.walk_sections()
                .iter()
                .any(|s| s.label.contains('\u{FF08}'))
                || stem == "qingyuan-2022",
            "{stem}: labels printed full-width"
        );
        assert_eq!(
            a.indicator_tables
                .iter()
                .map(|t| t.rows.len())
                .sum::<usize>(),
            b.indicator_tables
                .iter()
                .map(|t| t.rows.len())
                .sum::<usize>()
        );
        assert_eq!(
            a.task_tables.iter().map(|t| t.rows.len()).sum::<usize>(),
            b.task_tables.iter().map(|t| t.rows.len()).sum::<usize>()
        );
        no_loss(&wide, &b);
    }
}

/// A plan titled with its county alone (no city before it) still gets province, city and county.
#[test]
fn county_named_alone_in_the_title() {
    use planscope_parser::region_data::infer_region;
    let cases = [
        (
            "英德市教育事业发展“十四五”规划",
            Some("英德市人民政府"),
            "英德市位于广东省中北部,由清远市代管。",
            ("广东省", "清远市", "英德市"),
        ),
        (
            "从化区教育事业发展“十四五”规划",
            Some("从化区教育局"),
            "广州市从化区地处广州北部。",
            ("广东省", "广州市", "从化区"),
        ),
        (
            "崆峒区“十四五”教育事业发展规划",
            None,
            "平凉市崆峒区位于甘肃省东部。",
            ("甘肃省", "平凉市", "崆峒区"),
        ),
        (
            "浦东新区教育发展“十四五”规划",
            None,
            "",
            ("上海市", "上海市", "浦东新区"),
        ),
        (
            "长沙县教育事业发展规划",
            Some("长沙县人民政府"),
            "长沙县隶属湖南省长沙市。",
            ("湖南省", "长沙市", "长沙县"),
        ),
    ];
    for (title, issuer, body, (p, c, k)) in cases {
        let r = infer_region(title, issuer, None, body);
        assert_eq!(
            (
                r.province.as_deref(),
                r.city.as_deref(),
                r.county.as_deref()
            ),
            (Some(p), Some(c), Some(k)),
            "{title}"
        );
    }
    let r = infer_region(
        "广东省教育发展“十四五”规划",
        Some("广东省人民政府办公厅"),
        Some("粤府办〔2021〕44号"),
        "",
    );
    assert_eq!(
        (
            r.province.as_deref(),
            r.city.as_deref(),
            r.county.as_deref()
        ),
        (Some("广东省"), None, None)
    );
}

#[test]
fn a_cited_doc_number_is_not_the_documents_own() {
    let t = "某县教育发展规划\n根据《某市教育规划》(某府〔2021〕1号)的要求,结合我县实际,制定本规划,请各单位认真贯彻落实。\n一、总体要求\n";
    assert_eq!(parse("t", t).metadata.doc_number, None);
    let t = "某县教育局关于印发某县教育发展规划的通知\n某教发〔2022〕7号\n一、总体要求\n";
    assert_eq!(
        parse("t", t).metadata.doc_number.as_deref(),
        Some("某教发〔2022〕7号")
    );
}

#[test]
fn notice_headline_over_two_lines() {
    let t = "某市教育局关于印发《某市教育事业发展\n第十四个五年规划》的通知\n各区教育局:\n现印发给你们。\n一、总体要求\n";
    let doc = parse("t", t);
    assert_eq!(doc.metadata.title, "某市教育事业发展第十四个五年规划");
    assert_eq!(doc.metadata.kind, planscope_model::PlanKind::FiveYearPlan);
}

#[test]
fn chapter_and_article_words_in_running_text_are_not_headings() {
    let t = "某校课后服务实施方案\n一、服务时间\n第一节课后开展服务，每天不少于1小时。\n第三条规定的情形除外。\n二、服务内容\n第二章节的内容另行安排。\n开展体育活动。\n";
    let doc = parse("t", t);
    assert_eq!(outline(&doc), ["1 L1 一、服务时间", "2 L1 二、服务内容"]);
    assert_eq!(paragraphs(&doc.sections[0].blocks).len(), 2);
    assert_eq!(paragraphs(&doc.sections[1].blocks).len(), 2);
    no_loss(t, &doc);
}
