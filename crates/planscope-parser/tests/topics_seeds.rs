//! Topic assignment on the five parsed seeds: headings that name a topic outright get it, the
//! sections the brief calls out have the right top topic, and every assigned id is well formed.

mod common;
use common::SEEDS;

use std::path::PathBuf;

use planscope_model::{catalog, Block, PlanDocument, Section};
use planscope_parser::topics::{self, classify_heading, matching_copy, THRESHOLD};

fn parse(stem: &str) -> PlanDocument {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let bytes = std::fs::read(root.join("seeds").join(format!("{stem}.txt"))).unwrap();
    planscope_parser::parse_file(&format!("{stem}.txt"), &bytes).unwrap()
}

fn top(s: &Section) -> Option<&str> {
    s.topics.first().map(|t| t.topic.as_str())
}

fn has(s: &Section, topic: &str) -> bool {
    s.topics.iter().any(|t| t.topic == topic)
}

/// A heading containing the cue (in its matching copy: full-width folded, 教化→教育,
/// 老师→教师) names the topic outright.
const CUES: &[(&str, &str)] = &[
    ("学前教育", "preschool"),
    ("义务教育", "compulsory"),
    ("普通高中", "high_school"),
    ("一般中学", "high_school"),
    ("高中教育", "high_school"),
    ("职业教育", "vocational"),
    ("中职", "vocational"),
    ("特殊教育", "special"),
    ("特别教育", "special"),
    ("高等教育", "higher"),
    ("教师队伍", "teachers"),
    ("师资队伍", "teachers"),
    ("师德师风", "teachers"),
    ("教师", "teachers"),
    ("双减", "double_reduction"),
    ("督导", "inspection"),
    ("民办教育", "private"),
    ("民办学校", "private"),
    ("老年教育", "lifelong"),
    ("终身教育", "lifelong"),
    ("终身学习", "lifelong"),
    ("社区教育", "lifelong"),
    ("信息化", "digital"),
    ("智慧教育", "digital"),
    ("才智校内", "digital"),
    ("互联网", "digital"),
    ("集团化", "groups"),
    ("共同体", "groups"),
    ("评价", "evaluation"),
    ("中考", "evaluation"),
    ("高考", "evaluation"),
    ("招生", "evaluation"),
    ("安全", "safety"),
    ("经费", "funding"),
    ("投入", "funding"),
    ("党建", "party"),
    ("党的建设", "party"),
    ("党的领导", "party"),
    ("从严治党", "party"),
    ("意识形态", "party"),
    ("对外", "openness"),
    ("国际", "openness"),
    ("京津冀", "openness"),
    ("德育", "moral"),
    ("思政", "moral"),
    ("立德树人", "moral"),
    ("思想道德", "moral"),
    ("核心价值观", "moral"),
    ("体育", "pe_arts_labour_health"),
    ("美育", "pe_arts_labour_health"),
    ("劳动教育", "pe_arts_labour_health"),
    ("心理健康", "pe_arts_labour_health"),
    ("依法治", "governance"),
    ("治理", "governance"),
    ("学位", "facilities"),
    ("办学条件", "facilities"),
    ("布局", "facilities"),
    ("后勤", "facilities"),
    ("课程", "curriculum"),
    ("教研", "curriculum"),
    ("语言文字", "curriculum"),
    ("控辍保学", "equity"),
    ("脱贫", "equity"),
    ("特殊群体", "equity"),
    ("特别群体", "equity"),
    ("公平", "equity"),
];

/// Longer phrases in which a cue does not name its topic: `(phrase, cue)`. Each must occur in a
/// seed heading (checked), so the list cannot hide anything it does not need to.
const NOT_NAMING: &[(&str, &str)] = &[
    // 坚决守好意识形态安全“南大门” is ideological work (party), not campus safety.
    ("意识形态安全", "安全"),
];

#[test]
fn headings_that_name_a_topic_get_it() {
    let mut failures = Vec::new();
    let mut checked = 0;
    let mut exceptions_used = vec![false; NOT_NAMING.len()];
    for stem in SEEDS {
        let doc = parse(stem);
        for s in doc.walk_sections() {
            let copy = matching_copy(&s.title);
            for (cue, topic) in CUES {
                if !copy.contains(cue) {
                    continue;
                }
                if let Some(i) = NOT_NAMING
                    .iter()
                    .position(|(p, c)| c == cue && copy.contains(p))
                {
                    exceptions_used[i] = true;
                    continue;
                }
                checked += 1;
                let h = classify_heading(&s.title);
                if !h.iter().any(|(t, _)| t == topic) || !has(s, topic) {
                    failures.push(format!(
                        "{stem} {} {}: cue {cue} → {topic}; heading {:?}; section {:?}",
                        s.id, s.title, h, s.topics
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {checked}:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(checked > 100, "only {checked} cue headings");
    for (i, used) in exceptions_used.iter().enumerate() {
        assert!(
            used,
            "exception {:?} is not needed by any seed heading",
            NOT_NAMING[i]
        );
    }
}

#[test]
fn not_naming_exceptions_do_not_get_the_topic() {
    let doc = parse("qingyuan-2022");
    let s = doc
        .walk_sections()
        .into_iter()
        .find(|s| s.title.contains("意识形态安全"))
        .unwrap();
    assert_eq!(top(s), Some("party"));
    assert!(!classify_heading(&s.title)
        .iter()
        .any(|(t, _)| *t == "safety"));
}

#[test]
fn conghua_preschool_section() {
    let doc = parse("guangzhou-conghua-2021-2025");
    let s = doc.section("3.1.1").unwrap();
    assert_eq!(s.title, "学前教育普惠优质发展");
    assert_eq!(top(s), Some("preschool"), "{:?}", s.topics);
}

#[test]
fn kongtong_and_conghua_have_preschool_sections() {
    for stem in [
        "pingliang-kongtong-2021-2025",
        "guangzhou-conghua-2021-2025",
    ] {
        let doc = parse(stem);
        let n = doc
            .walk_sections()
            .into_iter()
            .filter(|s| top(s) == Some("preschool"))
            .count();
        assert!(n >= 1, "{stem}: no section whose top topic is preschool");
    }
}

/// The machine-spun seed: its rewritten headings still reach their topics.
#[test]
fn spun_tianjin_headings() {
    let doc = parse("tianjin-heping-2035");
    let expect = [
        ("学前教化体系", "preschool"),
        ("义务教化", "compulsory"),
        ("一般中学", "high_school"),
        ("职业教化", "vocational"),
        ("特别群体", "special"),
        ("终身学习", "lifelong"),
        ("老师队伍", "teachers"),
        ("才智校内", "digital"),
        ("京津冀", "openness"),
        ("投入支撑", "funding"),
        ("治理体系", "governance"),
    ];
    let sections = doc.walk_sections();
    for (needle, topic) in expect {
        let s = sections
            .iter()
            .find(|s| s.title.contains(needle))
            .unwrap_or_else(|| panic!("no heading with {needle}"));
        assert!(
            s.topics.iter().take(2).any(|t| t.topic == topic),
            "{}: {:?}",
            s.title,
            s.topics
        );
    }
}

#[test]
fn assigned_topics_are_well_formed() {
    for stem in SEEDS {
        let doc = parse(stem);
        let known = |id: &str| catalog::topic(id).is_some();
        let mut paragraphs = 0;
        let mut tagged = 0;
        for s in doc.walk_sections() {
            for w in s.topics.windows(2) {
                assert!(w[0].score >= w[1].score, "{stem} {}: not sorted", s.id);
            }
            for t in &s.topics {
                assert!(
                    known(&t.topic) && t.score >= THRESHOLD,
                    "{stem} {}: {:?}",
                    s.id,
                    t
                );
            }
            for b in &s.blocks {
                if let Block::Paragraph(p) = b {
                    paragraphs += 1;
                    tagged += usize::from(!p.topics.is_empty());
                    assert!(p.topics.iter().all(|t| known(t)), "{stem} {}", p.id);
                    let c: Vec<String> = topics::classify(&p.text)
                        .into_iter()
                        .map(|(t, _)| t.to_string())
                        .collect();
                    assert_eq!(p.topics, c, "{stem} {}", p.id);
                }
            }
        }
        for k in &doc.key_projects {
            for it in &k.items {
                assert!(it.topics.iter().all(|t| known(t)), "{stem} {}", it.id);
            }
        }
        // Nearly every body paragraph of an education plan is about something.
        assert!(
            tagged * 10 >= paragraphs * 8,
            "{stem}: only {tagged} of {paragraphs} paragraphs tagged"
        );
        for q in doc.base_stats.iter().chain(&doc.targets) {
            assert!(q.topics.iter().all(|t| known(t)), "{stem} {}", q.id);
        }
    }
}

#[test]
fn quantities_take_clause_then_paragraph_topics() {
    let doc = parse("guangzhou-conghua-2021-2025");
    // “学前教育毛入园率达到100%以上”: the clause itself names the topic.
    let g = doc
        .targets
        .iter()
        .find(|q| q.text.contains("学前教育毛入园率"))
        .unwrap();
    assert_eq!(g.topics.first().map(String::as_str), Some("preschool"));
    // A clause too short to say inherits its paragraph's topics.
    let short = doc
        .targets
        .iter()
        .find(|q| topics::classify(&q.text).is_empty() && !q.topics.is_empty())
        .expect("some clause inherits");
    let para_topics = doc
        .walk_sections()
        .into_iter()
        .flat_map(|s| s.blocks.iter())
        .filter_map(|b| match b {
            Block::Paragraph(p) if p.id == short.anchor.paragraph => Some(p.topics.clone()),
            _ => None,
        })
        .chain(
            doc.key_projects
                .iter()
                .flat_map(|k| k.items.iter())
                .filter(|i| i.id == short.anchor.paragraph)
                .map(|i| i.topics.clone()),
        )
        .next()
        .unwrap();
    assert_eq!(short.topics, para_topics);
}
