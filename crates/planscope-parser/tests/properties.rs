//! Totality: the parser never panics and never loses text, whatever it is given — arbitrary
//! strings, strings built from the characters plans are made of, and seeds cut and spliced at
//! random char positions.

use proptest::prelude::*;

fn check(text: &str) {
    let doc = planscope_parser::parse("prop", text);
    let acc = planscope_parser::coverage::account(&doc, text);
    assert!(
        acc.mismatched.is_empty(),
        "pieces differ from source: {:?}",
        acc.mismatched.first()
    );
    assert!(
        acc.doubled.is_empty(),
        "chars doubled at {:?}",
        &acc.doubled[..acc.doubled.len().min(5)]
    );
    assert!(
        acc.missing.is_empty(),
        "chars lost at {:?}",
        &acc.missing[..acc.missing.len().min(5)]
    );
    // every output form works too
    let _ = planscope_parser::gold::to_gold(&doc);
    let _ = planscope_parser::tree::dump(&doc);
    let _ = serde_json::to_string(&doc).unwrap();
}

fn seeds() -> Vec<Vec<char>> {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../seeds");
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
        .map(|e| std::fs::read_to_string(e.path()).unwrap().chars().collect())
        .collect();
    out.sort();
    out
}

/// Characters plan texts are made of: labels, punctuation (ASCII and full-width), digits,
/// units, comparators, whitespace kinds, quote marks.
fn plan_char() -> impl Strategy<Value = char> {
    prop::sample::select(
        "一二三四五六七八九十、()()1234567890.．。,,::;!?“”《》〔〕%≥≤~—-年月日万亿个所名以上以下左右达到新增目标规划重点工程附件目录牵头按职责分工负责约束性预期性指标\n\n\n  \u{a0}\u{3000}\r\t号发府办*#<>"
            .chars()
            .collect::<Vec<_>>(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_strings(s in any::<String>()) {
        check(&s);
    }

    #[test]
    fn plan_like_strings(v in prop::collection::vec(plan_char(), 0..400)) {
        check(&v.into_iter().collect::<String>());
    }

    #[test]
    fn seeds_cut_and_spliced(cuts in prop::collection::vec((0usize..5, 0.0f64..1.0, 0.0f64..1.0), 1..4)) {
        let seeds = seeds();
        let mut text = String::new();
        for (k, a, b) in cuts {
            let s = &seeds[k % seeds.len()];
            let (a, b) = if a <= b { (a, b) } else { (b, a) };
            let (a, b) = ((a * s.len() as f64) as usize, (b * s.len() as f64) as usize);
            text.extend(&s[a..b.min(s.len())]);
        }
        check(&text);
    }
}

#[test]
fn pathological_inputs() {
    check("");
    check("\n\n\n");
    check("一、");
    check("1.");
    check("(一)");
    check("目录");
    check("附件");
    check("重点工程一");
    check(&"一、标题\n".repeat(2000));
    check(&"1、很长的一页文本。".repeat(300));
    check(
        &(1..200)
            .map(|i| format!("{i}、第{i}页的文字 {i}.标题 "))
            .collect::<String>(),
    );
    check(&"主要指标\n2020年\n2025年\n指标属性\n".repeat(50));
    check(&"序号\n项目名称\n目标任务\n责任部门\n1\n".repeat(50));
    check(&"(".repeat(5000));
    check(&"。".repeat(5000));
}

#[test]
fn seeds_concatenated_keep_coverage() {
    let all: String = seeds()
        .into_iter()
        .map(|s| s.into_iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("\n");
    check(&all);
}
