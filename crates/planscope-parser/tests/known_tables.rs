//! Tables whose rows and cells are known (`parse_source`, `source.rs`): read from their cells,
//! never guessed; what the flattened reader cannot read (empty cells, merged cells, long cells,
//! untyped tables) keeps every character; cells are never chrome or headings.

mod common;
use common::{root, SEEDS};

use planscope_model::{Block, PlanDocument};
use planscope_parser::{parse, parse_source, PlanSource, SourceBlock};

fn table(rows: &[&[&str]]) -> SourceBlock {
    SourceBlock::Table(
        rows.iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect(),
    )
}

fn para(s: &str) -> SourceBlock {
    SourceBlock::Paragraph(s.to_string())
}

fn no_loss(src: &PlanSource, doc: &PlanDocument) {
    let flat = src.flatten();
    let acc = planscope_parser::coverage::account(doc, &flat.text);
    assert!(
        acc.mismatched.is_empty() && acc.doubled.is_empty() && acc.missing.is_empty(),
        "{acc:?}"
    );
    assert_eq!(
        doc.coverage.model + doc.coverage.removed,
        doc.coverage.non_whitespace
    );
}

fn plan(blocks: Vec<SourceBlock>) -> PlanSource {
    let mut all = vec![
        para("某区教育事业发展规划"),
        para("一、发展目标"),
        para("到2025年，教育现代化水平明显提升。"),
    ];
    all.extend(blocks);
    all.push(para("二、保障措施"));
    all.push(para("加强组织领导。"));
    PlanSource { blocks: all }
}

/// Found by `totality::any_blocks`: a one-cell table `表1\n指标` after a heading and a year line.
/// Its first line is read as the caption before the table; the rest of the cell (`指标`) was
/// dropped with it, because cells beginning before the table's first unread line were skipped
/// whole.
#[test]
fn a_cell_whose_first_line_is_the_caption_keeps_the_rest() {
    let src = plan(vec![para("一、"), para("2020年"), table(&[&["表1\n指标"]])]);
    let doc = parse_source("t", &src);
    no_loss(&src, &doc);
}

#[test]
fn indicator_table_with_empty_and_merged_cells() {
    // a category cell spanning two rows (appears once), an empty baseline, a note row
    let src = plan(vec![
        para("表1 主要发展指标"),
        table(&[
            &["类别", "指标", "2020年", "2025年", "属性"],
            &["普及程度", "学前教育毛入园率(%)", "98.5", "≥99", "预期性"],
            &["义务教育巩固率(%)", "", "99", "约束性"],
            &["注：带★的指标为约束性指标。"],
        ]),
    ]);
    let doc = parse_source("t", &src);
    assert_eq!(doc.indicator_tables.len(), 1);
    let t = &doc.indicator_tables[0];
    assert_eq!(t.caption.as_ref().unwrap().text, "表1 主要发展指标");
    assert_eq!(t.section_id, "1");
    let rows: Vec<_> = t
        .rows
        .iter()
        .map(|r| {
            (
                r.name.as_str(),
                r.unit.as_deref(),
                r.baseline.as_ref().map(|v| v.text.as_str()),
                r.target.as_ref().map(|v| v.text.as_str()),
                r.attribute.map(|a| a.label_zh()),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (
                "学前教育毛入园率",
                Some("%"),
                Some("98.5"),
                Some("≥99"),
                Some("预期性")
            ),
            (
                "义务教育巩固率",
                Some("%"),
                None,
                Some("99"),
                Some("约束性")
            ),
        ]
    );
    // the note is a paragraph after the table, in the same section
    let s = &doc.sections[0];
    let after: Vec<&str> = s
        .blocks
        .iter()
        .skip_while(|b| !matches!(b, Block::IndicatorTable { .. }))
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(p.text.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(after, ["注：带★的指标为约束性指标。"]);
    no_loss(&src, &doc);
    // the same cells as flattened text do not make this table (the empty cell is gone)
    let flat = parse("t", &src.flatten().text);
    assert!(flat
        .indicator_tables
        .first()
        .is_none_or(|t| t.rows.len() != 2 || t.rows[1].baseline.is_some()));
}

#[test]
fn responsibility_table_with_long_cells() {
    let long = "完善学前教育公共服务体系。新建、改扩建公办幼儿园20所，新增学位6000个，公办园在园幼儿占比达到55%以上。";
    let src = plan(vec![table(&[
        &["序号", "项目名称", "目标任务", "责任部门"],
        &[
            "1",
            "学前教育提升工程",
            long,
            "区教育局牵头，区发展改革局、区财政局按职责分工负责",
        ],
        &["2", "义务教育优质均衡", "2025年通过国家评估。", "区教育局"],
    ])]);
    let doc = parse_source("t", &src);
    assert_eq!(doc.task_tables.len(), 1);
    let t = &doc.task_tables[0];
    assert_eq!(t.rows.len(), 2);
    assert_eq!(t.rows[0].no, 1);
    assert_eq!(t.rows[0].name, "学前教育提升工程");
    assert_eq!(t.rows[0].goal, long);
    assert_eq!(t.rows[0].lead, ["区教育局"]);
    assert_eq!(t.rows[0].support, ["区发展改革局", "区财政局"]);
    assert_eq!(t.rows[1].departments, "区教育局");
    no_loss(&src, &doc);
}

#[test]
fn other_tables_keep_every_cell_and_are_not_headings_or_chrome() {
    let src = plan(vec![table(&[
        &["学校", "地址"],
        &["1.第一中学", "返回顶部路1号"],
        &["(一)实验小学", "扫一扫"],
        &["", "二、不是标题"],
    ])]);
    let doc = parse_source("t", &src);
    let generic: Vec<_> = doc
        .sections
        .iter()
        .flat_map(|s| &s.blocks)
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .collect();
    assert_eq!(generic.len(), 1);
    assert_eq!(generic[0].id, "X1");
    let cells: Vec<Vec<&str>> = generic[0]
        .rows
        .iter()
        .map(|r| r.iter().map(|c| c.text.as_str()).collect())
        .collect();
    assert_eq!(
        cells,
        [
            vec!["学校", "地址"],
            vec!["1.第一中学", "返回顶部路1号"],
            vec!["(一)实验小学", "扫一扫"],
            vec!["", "二、不是标题"],
        ]
    );
    // two headings only: 一、发展目标 and 二、保障措施
    let labels: Vec<String> = doc
        .walk_sections()
        .iter()
        .map(|s| s.label.clone())
        .collect();
    assert_eq!(labels, ["一、", "二、"]);
    assert!(doc.removed.is_empty(), "{:?}", doc.removed);
    no_loss(&src, &doc);
}

#[test]
fn a_table_in_the_front_matter_is_read_as_paragraphs() {
    let src = PlanSource {
        blocks: vec![
            para("某区教育事业发展规划"),
            table(&[&["类别", "数量"], &["学校", "12"]]),
            para("一、发展目标"),
            para("目标明确。"),
        ],
    };
    let doc = parse_source("t", &src);
    assert_eq!(doc.sections.len(), 1);
    no_loss(&src, &doc);
}

#[test]
fn text_source_parses_as_text() {
    for stem in SEEDS {
        let text =
            std::fs::read_to_string(root().join("seeds").join(format!("{stem}.txt"))).unwrap();
        assert_eq!(
            parse_source(stem, &PlanSource::from_text(&text)),
            parse(stem, &text),
            "{stem}"
        );
    }
}

mod totality {
    //! Whatever blocks and tables it is given, `parse_source` never panics and loses nothing.

    use super::*;
    use proptest::prelude::*;

    /// Cells and paragraphs from the words tables and plans are made of.
    fn piece() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop::sample::select(vec![
                "指标",
                "2020年",
                "2025年",
                "属性",
                "约束性",
                "预期性",
                "序号",
                "项目名称",
                "目标任务",
                "责任部门",
                "区教育局牵头",
                "1",
                "2",
                "3",
                "一、",
                "(一)",
                "1.",
                "≥99",
                "95%",
                "注:",
                "。",
                "\n",
                " ",
                "",
                "返回顶部",
                "附件",
                "第一章",
                "表1",
                "毛入园率(%)",
                "类别",
                "主要指标",
            ]),
            0..4,
        )
        .prop_map(|v| v.concat())
    }

    fn block() -> impl Strategy<Value = SourceBlock> {
        prop_oneof![
            piece().prop_map(SourceBlock::Paragraph),
            prop::collection::vec(prop::collection::vec(piece(), 0..6), 0..6)
                .prop_map(SourceBlock::Table),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        #[test]
        fn any_blocks(blocks in prop::collection::vec(block(), 0..12)) {
            let src = PlanSource { blocks };
            let doc = parse_source("prop", &src);
            no_loss(&src, &doc);
            let _ = planscope_parser::tree::dump(&doc);
        }
    }
}
