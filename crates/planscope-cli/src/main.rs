//! `planscope`: build the app's data from plan texts, or parse one file.
//!
//! ```text
//! planscope build <seeds-dir> --out <data-dir>   write index.json + one <id>.json per plan,
//!                                                applying each <id>.toml sidecar (see `sidecar`),
//!                                                + the search index in <data-dir>/search/
//! planscope search-size [<seeds-dir>] [--plans N]   search index size and cold-query bytes
//! planscope parse <file> [--format json|gold|tree]
//! ```
//! The static pages of the site are written by `planscope-site` (crate `crates/planscope-site`),
//! which renders the app's components; this CLI knows nothing of the app.
//! Unreadable, empty, binary or undecodable files get a one-line error naming the file and the
//! reason and a non-zero exit; in `build` one bad file does not stop the others. A sidecar with
//! an unknown key or a bad value, or with no text beside it, is such an error too (the plan is
//! not written); `parse` ignores sidecars and shows what the parser reads.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod sidecar;

use planscope_model::{PlanDocument, PlanIndex, SCHEMA_VERSION};

const USAGE: &str = "usage:
  planscope build <seeds-dir> --out <data-dir>
                                    (a <stem>.toml beside <stem>.txt corrects the plan's
                                    title, issuer, doc_number, dates, region, kind or period)
  planscope parse <file> [--format json|gold|tree]
  planscope bench [<seeds-dir>]     parse throughput (MB/s) per seed and on 1/5/10 MB concatenations
  planscope search-size [<seeds-dir>] [--plans N]
                                    search index bytes per MB of text and the bytes a cold query
                                    downloads (brotli), on the seeds and on a synthetic library of
                                    N plans made from them (default 2000)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("planscope: {msg}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<ExitCode, String> {
    match args.first().map(String::as_str) {
        Some("build") => {
            let mut dir = None;
            let mut out = None;
            let mut it = args[1..].iter();
            while let Some(a) = it.next() {
                match a.as_str() {
                    "--out" => out = it.next().cloned(),
                    s if s.starts_with('-') => return Err(format!("unknown option {s}\n{USAGE}")),
                    s => dir = Some(s.to_string()),
                }
            }
            let (Some(dir), Some(out)) = (dir, out) else {
                return Err(USAGE.into());
            };
            build(Path::new(&dir), Path::new(&out))
        }
        Some("parse") => {
            let mut file = None;
            let mut format = "json".to_string();
            let mut it = args[1..].iter();
            while let Some(a) = it.next() {
                match a.as_str() {
                    "--format" => format = it.next().cloned().ok_or(USAGE)?,
                    s if s.starts_with("--format=") => format = s["--format=".len()..].to_string(),
                    s if s.starts_with('-') => return Err(format!("unknown option {s}\n{USAGE}")),
                    s => file = Some(s.to_string()),
                }
            }
            let file = file.ok_or(USAGE)?;
            let doc = match read_and_parse(Path::new(&file)) {
                Ok(d) => d,
                Err(e) => {
                    eprintln!("planscope: {e}");
                    return Ok(ExitCode::from(1));
                }
            };
            let text = match format.as_str() {
                "json" => serde_json::to_string_pretty(&doc).map_err(|e| e.to_string())?,
                "gold" => serde_json::to_string_pretty(&planscope_parser::gold::to_gold(&doc))
                    .map_err(|e| e.to_string())?,
                "tree" => planscope_parser::tree::dump(&doc),
                other => return Err(format!("unknown format {other} (json, gold or tree)")),
            };
            println!("{text}");
            Ok(ExitCode::SUCCESS)
        }
        Some("bench") => {
            let dir = args.get(1).cloned().unwrap_or_else(|| "seeds".into());
            bench(Path::new(&dir))
        }
        Some("search-size") => {
            let mut dir = "seeds".to_string();
            let mut plans = 2000usize;
            let mut it = args[1..].iter();
            while let Some(a) = it.next() {
                match a.as_str() {
                    "--plans" => {
                        plans = it
                            .next()
                            .and_then(|n| n.parse().ok())
                            .ok_or(format!("--plans needs a number\n{USAGE}"))?
                    }
                    s if s.starts_with('-') => return Err(format!("unknown option {s}\n{USAGE}")),
                    s => dir = s.to_string(),
                }
            }
            search_size(Path::new(&dir), plans)
        }
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        _ => Err(USAGE.into()),
    }
}

/// Read a file and parse it; the error is one line naming the file and the reason.
fn read_and_parse(path: &Path) -> Result<PlanDocument, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    let name = path.to_string_lossy();
    planscope_parser::parse_file(&name, &bytes).map_err(|e| format!("{}: {e}", path.display()))
}

/// The `.txt` files of a directory, sorted.
fn txt_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    files_with_ext(dir, "txt")
}

/// The files of a directory with extension `ext`, sorted.
fn files_with_ext(dir: &Path, ext: &str) -> Result<Vec<PathBuf>, String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: cannot read directory: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    files.sort();
    Ok(files)
}

fn build(dir: &Path, out: &Path) -> Result<ExitCode, String> {
    let files = txt_files(dir)?;
    std::fs::create_dir_all(out).map_err(|e| format!("{}: cannot create: {e}", out.display()))?;
    let mut index = PlanIndex {
        schema_version: SCHEMA_VERSION,
        plans: Vec::new(),
    };
    let mut failed = 0;
    // a sidecar with no text beside it is a mistake (a misspelt stem), not something to ignore
    for toml in files_with_ext(dir, "toml")? {
        if !toml.with_extension("txt").exists() {
            eprintln!(
                "planscope: {}: no {} beside it for this sidecar to edit",
                toml.display(),
                toml.with_extension("txt")
                    .file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
            );
            failed += 1;
        }
    }
    let mut docs = Vec::new();
    for path in &files {
        let (mut doc, sidecar) =
            match read_and_parse(path).and_then(|d| Ok((d, sidecar::load(path)?))) {
                Ok(d) => d,
                Err(e) => {
                    eprintln!("planscope: {e}");
                    failed += 1;
                    continue;
                }
            };
        let edits = sidecar
            .as_ref()
            .map(|sc| (sc, sidecar::apply(&mut doc, sc)));
        let json = serde_json::to_string(&doc).map_err(|e| e.to_string())?;
        let target = out.join(format!("{}.json", doc.id));
        std::fs::write(&target, json + "\n")
            .map_err(|e| format!("{}: cannot write: {e}", target.display()))?;
        println!("{}", planscope_parser::report::summary(&doc));
        if let Some((sc, overrides)) = &edits {
            println!("{}", sidecar::report(sc, overrides));
        }
        index.plans.push(doc.index_entry());
        docs.push(doc);
    }
    write_search_index(&docs, &out.join("search"))?;
    let json = serde_json::to_string_pretty(&index).map_err(|e| e.to_string())?;
    let target = out.join("index.json");
    std::fs::write(&target, json + "\n")
        .map_err(|e| format!("{}: cannot write: {e}", target.display()))?;
    println!("wrote {} plans to {}", index.plans.len(), out.display());
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Writes the search index of `docs` (see the `planscope-search` crate) into `dir`, replacing
/// whatever was there (old content-hashed files would otherwise pile up).
fn write_search_index(docs: &[PlanDocument], dir: &Path) -> Result<(), String> {
    let built = planscope_search::build::build(docs);
    if dir.exists() {
        std::fs::remove_dir_all(dir)
            .map_err(|e| format!("{}: cannot remove: {e}", dir.display()))?;
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: cannot create: {e}", dir.display()))?;
    for (name, bytes) in &built.files {
        let target = dir.join(name);
        std::fs::write(&target, bytes)
            .map_err(|e| format!("{}: cannot write: {e}", target.display()))?;
    }
    println!(
        "search index: {} files, {} bytes for {} characters of text, in {}",
        built.files.len(),
        built.total_bytes(),
        built.text_chars,
        dir.display()
    );
    Ok(())
}

/// `planscope search-size`: the search index's size and the bytes cold queries download.
fn search_size(dir: &Path, plans: usize) -> Result<ExitCode, String> {
    use planscope_search::report::{measure, render, BUDGET_2000, BUDGET_SEEDS};
    let mut docs = Vec::new();
    for f in txt_files(dir)? {
        docs.push(read_and_parse(&f)?);
    }
    if docs.is_empty() {
        return Err(format!("{}: no .txt files", dir.display()));
    }
    let seeds = measure(&docs, true, &["学前教育", "课后服务", "学前教育 课后服务"]);
    println!("seeds: {}", render(&seeds));
    let mut ok = seeds.worst_two_char() <= BUDGET_SEEDS;
    println!(
        "worst cold two-character query: {} bytes brotli (budget {BUDGET_SEEDS})\n",
        seeds.worst_two_char()
    );
    if plans > 0 {
        let start = std::time::Instant::now();
        let lib = planscope_search::build::synthetic(&docs, plans);
        let big = measure(&lib, false, &["学前教育", "课后服务"]);
        println!(
            "synthetic library ({:.1} s to build and measure): {}",
            start.elapsed().as_secs_f64(),
            render(&big)
        );
        let budget = if plans >= 2000 {
            BUDGET_2000
        } else {
            usize::MAX
        };
        ok &= big.worst_two_char() <= budget;
        println!(
            "worst cold two-character query: {} bytes brotli (budget {BUDGET_2000} at 2,000 plans)",
            big.worst_two_char()
        );
    }
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Parse `text` repeatedly for at least `min_secs`; returns MB/s (1 MB = 10^6 bytes of UTF-8).
fn throughput(id: &str, text: &str, min_secs: f64) -> (f64, u32) {
    let start = std::time::Instant::now();
    let mut runs = 0u32;
    while runs == 0 || start.elapsed().as_secs_f64() < min_secs {
        std::hint::black_box(planscope_parser::parse(id, std::hint::black_box(text)));
        runs += 1;
    }
    let secs = start.elapsed().as_secs_f64() / runs as f64;
    (text.len() as f64 / 1e6 / secs, runs)
}

fn bench(dir: &Path) -> Result<ExitCode, String> {
    let files = txt_files(dir)?;
    let mut texts = Vec::new();
    println!("{:<34} {:>9} {:>9} {:>7}", "input", "bytes", "MB/s", "runs");
    let mut total_bytes = 0usize;
    let mut total_secs = 0.0;
    for f in &files {
        let bytes = std::fs::read(f).map_err(|e| format!("{}: {e}", f.display()))?;
        let text = planscope_parser::decode(&bytes)
            .map_err(|e| format!("{}: {e}", f.display()))?
            .text;
        let (mbs, runs) = throughput("bench", &text, 0.5);
        total_bytes += text.len();
        total_secs += text.len() as f64 / 1e6 / mbs;
        println!(
            "{:<34} {:>9} {:>9.2} {:>7}",
            f.file_name().unwrap().to_string_lossy(),
            text.len(),
            mbs,
            runs
        );
        texts.push(text);
    }
    if texts.is_empty() {
        return Err(format!("{}: no .txt files", dir.display()));
    }
    let seeds_mbs = total_bytes as f64 / 1e6 / total_secs;
    println!(
        "{:<34} {:>9} {:>9.2}",
        "all seeds (one pass each)", total_bytes, seeds_mbs
    );
    let joined = texts.join("\n");
    for mb in [1usize, 5, 10] {
        let mut big = String::with_capacity(mb * 1_000_000 + joined.len());
        while big.len() < mb * 1_000_000 {
            big.push_str(&joined);
            big.push('\n');
        }
        let (mbs, runs) = throughput("bench-big", &big, 1.0);
        println!(
            "{:<34} {:>9} {:>9.2} {:>7}   ({:.2}x the per-seed rate)",
            format!("seeds concatenated to {mb} MB"),
            big.len(),
            mbs,
            runs,
            mbs / seeds_mbs
        );
    }
    Ok(ExitCode::SUCCESS)
}
