//! `planscope`: build the app's data from plan texts, or parse one file.
//!
//! ```text
//! planscope build <seeds-dir> --out <data-dir>   write index.json + one <id>.json per plan
//! planscope parse <file> [--format json|gold|tree]
//! ```
//! The static pages of the site are written by `planscope-site` (crate `crates/planscope-site`),
//! which renders the app's components; this CLI knows nothing of the app.
//! Unreadable, empty, binary or undecodable files get a one-line error naming the file and the
//! reason and a non-zero exit; in `build` one bad file does not stop the others.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use planscope_model::{PlanDocument, PlanIndex, SCHEMA_VERSION};

const USAGE: &str = "usage:
  planscope build <seeds-dir> --out <data-dir>
  planscope parse <file> [--format json|gold|tree]
  planscope bench [<seeds-dir>]     parse throughput (MB/s) per seed and on 1/5/10 MB concatenations";

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
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: cannot read directory: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
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
    for path in &files {
        let doc = match read_and_parse(path) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("planscope: {e}");
                failed += 1;
                continue;
            }
        };
        let json = serde_json::to_string(&doc).map_err(|e| e.to_string())?;
        let target = out.join(format!("{}.json", doc.id));
        std::fs::write(&target, json + "\n")
            .map_err(|e| format!("{}: cannot write: {e}", target.display()))?;
        println!("{}", planscope_parser::report::summary(&doc));
        index.plans.push(doc.index_entry());
    }
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
