//! Test support: the seed plans (`seeds/*.txt`), parsed, for tests that check view logic on
//! real plans.

use planscope_model::PlanDocument;

/// Every seed plan, parsed, in file-name order (at least five).
pub fn seed_docs() -> Vec<PlanDocument> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("seeds/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let docs: Vec<PlanDocument> = paths
        .iter()
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let bytes = std::fs::read(path).expect("seed");
            planscope_parser::parse_file(&name, &bytes).expect("parses")
        })
        .collect();
    assert!(docs.len() >= 5);
    docs
}
