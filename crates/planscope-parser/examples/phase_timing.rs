//! Where the parse time goes, per pass, on one seed and on a 1 MB concatenation of all seeds.
use std::time::Instant;

fn phases(name: &str, text: &str) {
    let t = Instant::now();
    let (doc, _) = planscope_parser::structure::build("x", text);
    let structure = t.elapsed();
    let t = Instant::now();
    let full = planscope_parser::parse("x", text);
    let all = t.elapsed();
    let mut d = doc.clone();
    let t = Instant::now();
    planscope_parser::topics::assign(&mut d);
    let topics = t.elapsed();
    let t = Instant::now();
    let acc = planscope_parser::coverage::account(&full, text);
    let coverage = t.elapsed();
    println!("{name}: {} bytes; structure {structure:?}, topics {topics:?}, coverage {coverage:?}, whole parse {all:?} ({} targets, {} missing)", text.len(), full.targets.len(), acc.missing.len());
}

fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds");
    let mut all = String::new();
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    for p in names {
        let t = std::fs::read_to_string(&p).unwrap();
        phases(&p.file_name().unwrap().to_string_lossy(), &t);
        all.push_str(&t);
        all.push('\n');
    }
    let mut big = String::new();
    while big.len() < 1_000_000 {
        big.push_str(&all);
    }
    phases("1 MB", &big);
    println!("quantity scan alone on 1 MB: {:?}", quantity_only(&big));
}

#[allow(dead_code)]
fn quantity_only(text: &str) -> std::time::Duration {
    let (doc, _) = planscope_parser::structure::build("x", text);
    let paras: Vec<String> = doc
        .walk_sections()
        .iter()
        .flat_map(|s| s.blocks.iter())
        .filter_map(|b| match b {
            planscope_model::Block::Paragraph(p) => Some(p.text.clone()),
            _ => None,
        })
        .collect();
    let ctx = planscope_parser::quantity::Context {
        governing_year: None,
        section_hint: planscope_parser::quantity::SectionHint::Other,
    };
    let t = Instant::now();
    for p in &paras {
        std::hint::black_box(planscope_parser::quantity::scan(p, &ctx));
    }
    t.elapsed()
}
