//! `tests/fixtures/unseen/threshold-directions.txt` (from `../shared/cases/unseen/`, a made-up text in the
//! shape of real plans the parser was never tuned to), through the whole parser, with the
//! result its README row states: `不得超过8分钟` → ≤ 8 分钟; `不得低于72个学时` → ≥ 72 学时 (the
//! 个 is a classifier, not the unit); `0.15%-0.2%` → a range 0.15–0.2 %; `今后5年内`,
//! `用3年左右的时间` and `附表1` are not targets. Nothing is lost.

use planscope_model::{Comparator, PlanDocument, Quantity};

fn parse_case(name: &str) -> (String, PlanDocument) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/unseen")
        .join(name);
    let bytes = std::fs::read(&path).unwrap();
    let doc = planscope_parser::parse_file(name, &bytes).unwrap();
    let text = planscope_parser::decode(&bytes).unwrap().text;
    let acc = planscope_parser::coverage::account(&doc, &text);
    assert!(
        acc.mismatched.is_empty() && acc.doubled.is_empty() && acc.missing.is_empty(),
        "{name}: nothing lost: {acc:?}"
    );
    (text, doc)
}

fn find<'a>(doc: &'a PlanDocument, value: &str) -> &'a Quantity {
    doc.targets
        .iter()
        .find(|q| q.value == value)
        .unwrap_or_else(|| panic!("a target {value} in {:#?}", doc.targets))
}

#[test]
fn threshold_directions() {
    let (_, doc) = parse_case("threshold-directions.txt");

    let q = find(&doc, "8");
    assert_eq!(q.comparator, Comparator::Le, "不得超过8分钟 is ≤ 8");
    assert_eq!(q.unit.as_deref(), Some("分钟"));
    assert_eq!(q.number, Some(8.0));

    let q = find(&doc, "72");
    assert_eq!(q.comparator, Comparator::Ge, "不得低于72个学时 is ≥ 72");
    assert_eq!(q.unit.as_deref(), Some("学时"), "个 is a classifier");

    let q = find(&doc, "0.15-0.2");
    assert_eq!(q.unit.as_deref(), Some("%"));
    assert_eq!(
        (q.number, q.upper),
        (Some(0.15), Some(0.2)),
        "a range keeps both ends"
    );

    let values: Vec<(&str, Option<&str>)> = doc
        .targets
        .iter()
        .chain(&doc.base_stats)
        .map(|q| (q.value.as_str(), q.unit.as_deref()))
        .collect();
    assert_eq!(
        values,
        [
            ("8", Some("分钟")),
            ("72", Some("学时")),
            ("0.15-0.2", Some("%"))
        ],
        "今后5年内, 用3年左右的时间 and 附表1 are not targets (nor base statistics)"
    );
}
