//! `planscope`: build the app's data from plan texts, or parse one file.
//!
//! ```text
//! planscope build <seeds-dir> --out <data-dir>   write index.json (compact) + one <id>-<hash>.json
//!                                                per plan (earlier builds' files of the same
//!                                                plans removed)
//!                                                + ind/<indicator>-<hash>.json per stated
//!                                                canonical indicator (`planscope_model::layout`)
//!                                                (.txt, .html/.htm, .docx; read by planscope-ingest),
//!                                                applying each <id>.toml sidecar (see `sidecar`),
//!                                                + the search index in <data-dir>/search/
//! planscope search-size [<seeds-dir>] [--plans N]   search index size and cold-query bytes
//! planscope synth <seeds-dir> --count N --out <dir> [--seed S]
//!                                                N synthetic plan texts made from the seeds
//!                                                (`planscope_synth`), to build like real ones
//! planscope parse <file> [--format json|gold|tree]
//! ```
//! The static pages of the site are written by `planscope-site` (crate `crates/planscope-site`),
//! which renders the app's components; this CLI knows nothing of the app.
//! Files are read by `planscope_ingest` (the same code path as the browser's 打开规划 page):
//! plain text in any of the parser's encodings, a saved web page, a Word .docx.
//! Unreadable, empty, binary or undecodable files, PDFs, old .doc files and zips that are not
//! .docx get a one-line error naming the file and the reason and a non-zero exit; in `build` one
//! bad file does not stop the others (exit code 1, the rest written; see [`build`]). A sidecar with
//! an unknown key or a bad value, or with no text beside it, is such an error too (the plan is
//! not written); `parse` ignores sidecars and shows what the parser reads.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// mimalloc, not the system allocator: the parser makes many small allocations (strings per
/// paragraph, quantity, cell; per-text scratch vectors), and glibc's malloc/free took about a
/// sixth of the time of `planscope bench`. The library crates keep the default allocator (the
/// browser's wasm32 build has its own).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod sidecar;

use planscope_model::{PlanDocument, PlanIndex, SCHEMA_VERSION};

const USAGE: &str = "usage:
  planscope build <seeds-dir> --out <data-dir> [--no-search]
                                    reads every .txt, .html/.htm, .mhtml/.mht and .docx in <seeds-dir>,
                                    plans parsed in parallel; exit 1 when some file failed
                                    (named on stderr, the others built), 2 on usage or output errors
                                    (a <stem>.toml beside <stem>.txt/.html/.docx corrects the
                                    plan's title, issuer, doc_number, dates, region, kind or period;
                                    --no-search: no search index, for size checks at scale)
  planscope parse <file> [--format json|gold|tree]    (.txt, .html/.htm, .mhtml or .docx)
  planscope bench [<seeds-dir>]     parse throughput (MB/s at the median run) per seed and on
                                    1/5/10 MB concatenations, and where the time goes per phase
                                    (decode … JSON)
  planscope synth <seeds-dir> --count N --out <dir> [--seed S]
                                    write N synthetic plan texts made from the seeds (regions,
                                    periods, dates, values and paragraphs varied; deterministic)
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
            let mut search = true;
            let mut it = args[1..].iter();
            while let Some(a) = it.next() {
                match a.as_str() {
                    "--out" => out = it.next().cloned(),
                    "--no-search" => search = false,
                    s if s.starts_with('-') => return Err(format!("unknown option {s}\n{USAGE}")),
                    s => dir = Some(s.to_string()),
                }
            }
            let (Some(dir), Some(out)) = (dir, out) else {
                return Err(USAGE.into());
            };
            build(Path::new(&dir), Path::new(&out), search)
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
            write_out(&text)
        }
        Some("bench") => {
            let dir = args.get(1).cloned().unwrap_or_else(|| "seeds".into());
            bench(Path::new(&dir))
        }
        Some("synth") => {
            let (mut dir, mut out, mut count, mut seed) = (None, None, None, 0u64);
            let mut it = args[1..].iter();
            while let Some(a) = it.next() {
                match a.as_str() {
                    "--out" => out = it.next().cloned(),
                    "--count" => count = it.next().and_then(|n| n.parse::<usize>().ok()),
                    "--seed" => {
                        seed = it
                            .next()
                            .and_then(|n| n.parse().ok())
                            .ok_or(format!("--seed needs a number\n{USAGE}"))?
                    }
                    s if s.starts_with('-') => return Err(format!("unknown option {s}\n{USAGE}")),
                    s => dir = Some(s.to_string()),
                }
            }
            let (Some(dir), Some(out), Some(count)) = (dir, out, count) else {
                return Err(format!(
                    "synth needs <seeds-dir>, --count N and --out <dir>\n{USAGE}"
                ));
            };
            synth(Path::new(&dir), Path::new(&out), count, seed)
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
    // the error names the file itself; give it the path as written
    planscope_ingest::parse_file(&name, &bytes).map_err(|e| {
        let reason = e.to_string();
        let reason = reason
            .strip_prefix(&format!("{}: ", e.file_name))
            .unwrap_or(&reason)
            .to_string();
        format!("{}: {reason}", path.display())
    })
}

/// The `.txt` files of a directory, sorted.
fn txt_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    files_with_ext(dir, "txt")
}

/// The plan files of a directory (every extension in [`planscope_ingest::EXTENSIONS`]), sorted.
fn plan_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for ext in planscope_ingest::EXTENSIONS {
        files.extend(files_with_ext(dir, ext)?);
    }
    files.sort();
    Ok(files)
}

/// The plan file beside a sidecar (`dir/x.toml` → `dir/x.txt`, `.html`, … or `.docx`).
fn plan_beside(toml: &Path) -> Option<PathBuf> {
    planscope_ingest::EXTENSIONS
        .iter()
        .map(|e| toml.with_extension(e))
        .find(|p| p.exists())
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

/// One plan built by [`build`]: its document (sidecar applied), the hash in its file's name and
/// the lines reported for it.
struct BuiltPlan {
    doc: PlanDocument,
    hash: String,
    report: Vec<String>,
}

/// Parse one file, apply its sidecar and write `<out>/<id>-<hash>.json` and its compare digest
/// `<out>/cmp/<id>-<hash>.json` (`hash`: 12 hex digits of the content hash of both files' bytes,
/// `planscope_model::layout::plan_files_hash`; `cmp/` must exist). Runs on rayon's threads, so it
/// prints nothing itself. `Err` is the one-line reason (file name first).
fn build_one(path: &Path, out: &Path) -> Result<BuiltPlan, String> {
    let mut doc = read_and_parse(path)?;
    let sidecar = sidecar::load(path)?;
    let edits = sidecar
        .as_ref()
        .map(|sc| (sc, sidecar::apply(&mut doc, sc)));
    // the same bytes as the 打开规划 page's export of the same file
    let json = planscope_ingest::export_json(&doc);
    let digest = serde_json::to_string(&planscope_model::layout::compare_digest(&doc))
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let hash = planscope_model::layout::plan_files_hash(json.as_bytes(), digest.as_bytes());
    let entry = planscope_model::IndexEntry {
        hash: hash.clone(),
        ..doc.index_entry()
    };
    let compare_file = entry.compare_file().expect("a hashed entry has a digest");
    for (file, bytes) in [(entry.data_file(), json), (compare_file, digest)] {
        let target = out.join(file);
        std::fs::write(&target, bytes)
            .map_err(|e| format!("{}: cannot write: {e}", target.display()))?;
    }
    let mut report = vec![planscope_parser::report::summary(&doc)];
    if let Some((sc, overrides)) = &edits {
        report.push(sidecar::report(sc, overrides));
    }
    Ok(BuiltPlan { doc, hash, report })
}

/// Peak resident memory of this process in bytes (`VmHWM` of `/proc/self/status`; `None` where
/// there is no such file).
fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// `planscope build`: every `.txt` of `dir` parsed in parallel (rayon, one plan per task), each
/// written to `<out>/<id>-<hash>.json` (named by its content) as soon as it is parsed; then, in file-name order, the report
/// lines, `index.json` and the search index. A file that cannot be read, decoded or written, or
/// whose sidecar is bad, is reported on stderr (`planscope: <file>: <reason>`) and left out;
/// the rest build. Exit code 0 when every file built, 1 when some did not (the others are
/// written), 2 when the index or search index cannot be written or the arguments are wrong.
/// `search: false` leaves the search index out (`--no-search`). Ends with the wall time, file
/// count, bytes read and peak memory.
fn build(dir: &Path, out: &Path, search: bool) -> Result<ExitCode, String> {
    use rayon::prelude::*;
    let start = std::time::Instant::now();
    let files = plan_files(dir)?;
    std::fs::create_dir_all(out).map_err(|e| format!("{}: cannot create: {e}", out.display()))?;
    let mut index = PlanIndex {
        schema_version: SCHEMA_VERSION,
        ..PlanIndex::default()
    };
    let mut failed = 0;
    // a sidecar with no text beside it is a mistake (a misspelt stem), not something to ignore
    for toml in files_with_ext(dir, "toml")? {
        if plan_beside(&toml).is_none() {
            eprintln!(
                "planscope: {}: no {} (or .html, .htm, .mhtml, .mht, .docx) beside it for this sidecar to edit",
                toml.display(),
                toml.with_extension("txt")
                    .file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
            );
            failed += 1;
        }
    }
    // one plan per stem: `a.txt` and `a.html` would write the same `a.json`; the first (in
    // file-name order) is built, the others are reported
    let mut seen: std::collections::HashMap<String, PathBuf> = std::collections::HashMap::new();
    let mut unique = Vec::new();
    for path in &files {
        let stem = path
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        match seen.get(&stem) {
            Some(first) => {
                eprintln!(
                    "planscope: {}: plan `{stem}` is already read from {}; keep one file per plan",
                    path.display(),
                    first.display()
                );
                failed += 1;
            }
            None => {
                seen.insert(stem, path.clone());
                unique.push(path.clone());
            }
        }
    }
    let files = unique;
    let compare_dir = out.join(planscope_model::layout::COMPARE_DIR);
    std::fs::create_dir_all(&compare_dir)
        .map_err(|e| format!("{}: cannot create: {e}", compare_dir.display()))?;
    let built: Vec<Result<BuiltPlan, String>> =
        files.par_iter().map(|path| build_one(path, out)).collect();
    let parsed = start.elapsed();
    let mut docs = Vec::new();
    let mut bytes = 0u64;
    for b in built {
        match b {
            Ok(b) => {
                for line in &b.report {
                    println!("{line}");
                }
                bytes += b.doc.source.bytes;
                index.plans.push(planscope_model::IndexEntry {
                    hash: b.hash,
                    ..b.doc.index_entry()
                });
                docs.push(b.doc);
            }
            Err(e) => {
                eprintln!("planscope: {e}");
                failed += 1;
            }
        }
    }
    remove_replaced_plan_files(&index, out)?;
    index.indicators = write_indicator_files(&docs, out)?;
    if search {
        write_search_index(&docs, &out.join("search"))?;
    }
    // compact: at 2,000 plans the index is on the library's first screen (with JavaScript on)
    let json = serde_json::to_string(&index).map_err(|e| e.to_string())?;
    let target = out.join("index.json");
    std::fs::write(&target, json + "\n")
        .map_err(|e| format!("{}: cannot write: {e}", target.display()))?;
    println!("wrote {} plans to {}", index.plans.len(), out.display());
    println!(
        "built {} of {} files ({} failed), {:.1} MB read, in {:.2} s wall ({:.2} s parsing and writing plans on {} threads); peak memory {}",
        docs.len(),
        files.len(),
        files.len() - docs.len(),
        bytes as f64 / 1e6,
        start.elapsed().as_secs_f64(),
        parsed.as_secs_f64(),
        rayon::current_num_threads(),
        peak_memory().map_or("unknown".to_string(), |b| format!("{:.0} MB (VmHWM)", b as f64 / 1e6)),
    );
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Removes the files of an earlier build of the plans of `index` from `out` and `out/cmp`:
/// `<id>.json` and `<id>-<12 hex>.json` other than the plan file and compare digest the index
/// names (hashed names would otherwise pile up). Files of other plans are left alone.
fn remove_replaced_plan_files(index: &PlanIndex, out: &Path) -> Result<(), String> {
    let plans: std::collections::HashMap<&str, String> = index
        .plans
        .iter()
        .map(|e| (e.id.as_str(), e.data_file()))
        .collect();
    remove_replaced(&plans, out)?;
    let digests: std::collections::HashMap<&str, String> = index
        .plans
        .iter()
        .filter_map(|e| {
            let file = e.compare_file()?;
            let name = file.rsplit('/').next()?.to_owned();
            Some((e.id.as_str(), name))
        })
        .collect();
    remove_replaced(&digests, &out.join(planscope_model::layout::COMPARE_DIR))
}

/// Removes from `dir` each `<id>.json` or `<id>-<12 hex>.json` whose `id` is a key of `current`
/// and whose name is not the value.
fn remove_replaced(
    current: &std::collections::HashMap<&str, String>,
    dir: &Path,
) -> Result<(), String> {
    if !dir.is_dir() {
        return Ok(());
    }
    for path in files_with_ext(dir, "json")? {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let stem = name.trim_end_matches(".json");
        let id = match stem.rsplit_once('-') {
            Some((id, h))
                if h.len() == planscope_model::layout::PLAN_HASH_DIGITS
                    && h.bytes().all(|c| c.is_ascii_hexdigit()) =>
            {
                id
            }
            _ => stem,
        };
        if current.get(id).is_some_and(|file| *file != name) {
            std::fs::remove_file(&path)
                .map_err(|e| format!("{}: cannot remove: {e}", path.display()))?;
        }
    }
    Ok(())
}

/// Writes one file per canonical indicator that some plan states
/// (`<out>/ind/<indicator>-<hash>.json`, [`planscope_model::layout`]), replacing the directory
/// (old hashed names would otherwise pile up), and returns the index's references to them.
fn write_indicator_files(
    docs: &[PlanDocument],
    out: &Path,
) -> Result<Vec<planscope_model::layout::IndicatorRef>, String> {
    use planscope_model::layout::{hashed_name, indicator_files, IndicatorRef, INDICATOR_DIR};
    let dir = out.join(INDICATOR_DIR);
    if dir.exists() {
        std::fs::remove_dir_all(&dir)
            .map_err(|e| format!("{}: cannot remove: {e}", dir.display()))?;
    }
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: cannot create: {e}", dir.display()))?;
    let mut refs = Vec::new();
    for f in indicator_files(docs) {
        let json = serde_json::to_string(&f).map_err(|e| e.to_string())?;
        let name = hashed_name(&f.indicator, json.as_bytes());
        let target = dir.join(&name);
        std::fs::write(&target, json)
            .map_err(|e| format!("{}: cannot write: {e}", target.display()))?;
        refs.push(IndicatorRef {
            id: f.indicator.clone(),
            file: format!("{INDICATOR_DIR}/{name}"),
            plans: f.plans.len() as u32,
        });
    }
    Ok(refs)
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
    for f in plan_files(dir)? {
        docs.push(read_and_parse(&f)?);
    }
    if docs.is_empty() {
        return Err(format!("{}: no plan files", dir.display()));
    }
    let seed_texts = planscope_synth::read_seeds(dir)?;
    let seeds = measure(&docs, true, &["学前教育", "课后服务", "学前教育 课后服务"]);
    println!("seeds: {}", render(&seeds));
    let mut ok = seeds.worst_two_char() <= BUDGET_SEEDS;
    println!(
        "worst cold two-character query: {} bytes brotli (budget {BUDGET_SEEDS})\n",
        seeds.worst_two_char()
    );
    if plans > 0 {
        let start = std::time::Instant::now();
        let lib = synthetic_docs(&seed_texts, plans);
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

/// Write `text` and a newline to stdout. A reader that stops early (`planscope parse … | head`)
/// closes the pipe: that ends the command quietly with success, as `cat` does, instead of the
/// panic `println!` gives on a closed pipe; any other write error is an error.
fn write_out(text: &str) -> Result<ExitCode, String> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{text}").and_then(|()| out.flush()) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(e) => Err(format!("writing the output: {e}")),
    }
}

/// Fewest timed runs per input in [`throughput`], so its median is not one run's noise.
const MIN_RUNS: usize = 7;

/// Parse `text` once untimed (a warm-up: the allocator's first pages and the caches), then at
/// least [`MIN_RUNS`] times and for at least `min_secs`, each run timed on its own; returns
/// MB/s at the median run (1 MB = 10^6 bytes of UTF-8) and the number of timed runs. The
/// median, not the mean, so one run slowed by the machine (another process, the kernel handing
/// out fresh pages) does not move the figure.
fn throughput(id: &str, text: &str, min_secs: f64) -> (f64, u32) {
    use std::time::Instant;
    std::hint::black_box(planscope_parser::parse(id, std::hint::black_box(text)));
    let start = Instant::now();
    let mut secs = Vec::new();
    while secs.len() < MIN_RUNS || start.elapsed().as_secs_f64() < min_secs {
        let t = Instant::now();
        std::hint::black_box(planscope_parser::parse(id, std::hint::black_box(text)));
        secs.push(t.elapsed().as_secs_f64());
    }
    let runs = secs.len() as u32;
    (text.len() as f64 / 1e6 / median(secs), runs)
}

/// The median of `v` (the upper one of an even count); `v` is not empty.
fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn bench(dir: &Path) -> Result<ExitCode, String> {
    let files = txt_files(dir)?;
    let mut texts = Vec::new();
    let mut raws = Vec::new();
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
        raws.push(bytes);
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
    let concatenated = |mb: usize| {
        let mut big = String::with_capacity(mb * 1_000_000 + joined.len());
        while big.len() < mb * 1_000_000 {
            big.push_str(&joined);
            big.push('\n');
        }
        big
    };
    phase_report(&raws, &texts, &concatenated(10), 0.5);
    let sizes = [1usize, 5, 10];
    let bigs: Vec<String> = sizes.iter().map(|&mb| concatenated(mb)).collect();
    let rows = alternating_rates(&bigs);
    println!(
        "\nthe seeds concatenated into one text, parsed in turn, {ROUNDS} rounds (medians of the \
         rounds; a rate against the 1 MB one is taken within each round):"
    );
    for ((mb, big), row) in sizes.iter().zip(&bigs).zip(&rows) {
        let against_1mb = if *mb == 1 {
            String::new()
        } else {
            format!(", {:.2}x the 1 MB rate", row.against_first)
        };
        println!(
            "{:<34} {:>9} {:>9.2} {:>7}   ({:.2}x the per-seed rate{against_1mb})",
            format!("seeds concatenated to {mb} MB"),
            big.len(),
            row.mbs,
            ROUNDS,
            row.mbs / seeds_mbs,
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Rounds of [`alternating_rates`].
const ROUNDS: usize = 11;

/// A text's rate in [`alternating_rates`].
struct Rate {
    /// MB/s, the median of the rounds.
    mbs: f64,
    /// The median over the rounds of its rate over the first text's rate in the same round.
    against_first: f64,
}

/// The rates of `bigs` (the seeds concatenated to 1, 5 and 10 MB), measured in alternation so
/// that a slow spell of a shared machine falls on all of them alike: after one untimed parse of
/// each (a warm-up), each of [`ROUNDS`] rounds parses each text once, timed; the medians of
/// the rounds are reported, and each text's rate against the first one's is taken within a
/// round. 1 MB = 10^6 bytes of UTF-8.
fn alternating_rates(bigs: &[String]) -> Vec<Rate> {
    use std::time::Instant;
    let parse = |t: &str| {
        std::hint::black_box(planscope_parser::parse("bench", std::hint::black_box(t)));
    };
    for b in bigs {
        parse(b);
    }
    let rounds: Vec<Vec<f64>> = (0..ROUNDS)
        .map(|_| {
            bigs.iter()
                .map(|b| {
                    let t = Instant::now();
                    parse(b);
                    b.len() as f64 / 1e6 / t.elapsed().as_secs_f64()
                })
                .collect()
        })
        .collect();
    (0..bigs.len())
        .map(|k| Rate {
            mbs: median(rounds.iter().map(|r| r[k]).collect()),
            against_first: median(rounds.iter().map(|r| r[k] / r[0]).collect()),
        })
        .collect()
}

/// Time per phase over `texts` (whose file bytes are `raws`), each parsed repeatedly (at least
/// `min_secs`) with [`planscope_parser::parse_phased`], plus decoding the bytes and writing the
/// JSON: the number of passes and each phase's total time, in pipeline order.
fn phase_times(
    raws: &[Vec<u8>],
    texts: &[String],
    min_secs: f64,
) -> (u32, Vec<(&'static str, std::time::Duration)>) {
    use planscope_parser::Phase;
    use std::time::{Duration, Instant};
    let mut decode = Duration::ZERO;
    let mut json = Duration::ZERO;
    let mut phases = [Duration::ZERO; Phase::ALL.len()];
    let start = Instant::now();
    let mut passes = 0u32;
    while passes == 0 || start.elapsed().as_secs_f64() < min_secs {
        for (raw, text) in raws.iter().zip(texts) {
            let t = Instant::now();
            std::hint::black_box(planscope_parser::decode(std::hint::black_box(raw)).ok());
            decode += t.elapsed();
            let mut current: Option<(Phase, Instant)> = None;
            let doc = planscope_parser::parse_phased("bench", text, &mut |next| {
                let now = Instant::now();
                if let Some((p, since)) = current {
                    let i = Phase::ALL.iter().position(|&q| q == p).unwrap_or(0);
                    phases[i] += now - since;
                }
                current = next.map(|p| (p, now));
            });
            let t = Instant::now();
            std::hint::black_box(serde_json::to_string(&doc).ok());
            json += t.elapsed();
        }
        passes += 1;
    }
    let rows = std::iter::once(("decode", decode))
        .chain(Phase::ALL.iter().map(|p| p.name()).zip(phases))
        .chain(std::iter::once(("JSON (serde_json)", json)))
        .collect();
    (passes, rows)
}

/// Where the time goes: [`phase_times`] over the seeds, printed as each phase's time per pass
/// over all seeds and its share; then over `big` (the seeds concatenated, one text), printed as
/// each phase's time per MB beside the seeds' and their ratio, so a phase that grows faster than
/// its input stands out.
fn phase_report(raws: &[Vec<u8>], texts: &[String], big: &str, min_secs: f64) {
    let (passes, rows) = phase_times(raws, texts, min_secs);
    let total: f64 = rows.iter().map(|r| r.1.as_secs_f64()).sum();
    println!("\nwhere the time goes (all seeds, {passes} passes; ms per pass over all seeds):");
    for (name, d) in &rows {
        println!(
            "  {:<22} {:>8.3} ms {:>5.1}%",
            name,
            d.as_secs_f64() * 1e3 / passes as f64,
            100.0 * d.as_secs_f64() / total
        );
    }
    println!(
        "  {:<22} {:>8.3} ms\n",
        "total",
        total * 1e3 / passes as f64
    );
    let seed_mb = texts.iter().map(String::len).sum::<usize>() as f64 / 1e6;
    let (big_passes, big_rows) = phase_times(
        &[big.as_bytes().to_vec()],
        &[big.to_owned()],
        min_secs * 2.0,
    );
    let big_mb = big.len() as f64 / 1e6;
    println!(
        "per phase on the seeds concatenated to {big_mb:.1} MB ({big_passes} passes; ms per MB of text):"
    );
    let per_mb =
        |d: std::time::Duration, passes: u32, mb: f64| d.as_secs_f64() * 1e3 / passes as f64 / mb;
    let (mut seeds_total, mut big_total) = (0.0, 0.0);
    for ((name, d), (_, b)) in rows.iter().zip(&big_rows) {
        let (a, b) = (per_mb(*d, passes, seed_mb), per_mb(*b, big_passes, big_mb));
        seeds_total += a;
        big_total += b;
        println!("  {name:<22} {a:>8.3} → {b:>8.3} ms/MB  ({:.2}x)", b / a);
    }
    println!(
        "  {:<22} {seeds_total:>8.3} → {big_total:>8.3} ms/MB  ({:.2}x)\n",
        "total",
        big_total / seeds_total
    );
}

/// A synthetic library of `n` plans ([`planscope_synth::library`], seed 0), parsed in parallel.
fn synthetic_docs(seeds: &[planscope_synth::Seed], n: usize) -> Vec<PlanDocument> {
    use rayon::prelude::*;
    planscope_synth::library(seeds, n, 0)
        .par_iter()
        .map(|p| planscope_parser::parse(planscope_parser::file_stem(&p.file_name), &p.text))
        .collect()
}

/// `planscope synth`: writes `count` synthetic plan texts made from the seeds of `dir` into
/// `out` (see [`planscope_synth`]).
fn synth(dir: &Path, out: &Path, count: usize, seed: u64) -> Result<ExitCode, String> {
    let seeds = planscope_synth::read_seeds(dir)?;
    if seeds.is_empty() {
        return Err(format!("{}: no .txt files", dir.display()));
    }
    std::fs::create_dir_all(out).map_err(|e| format!("{}: cannot create: {e}", out.display()))?;
    let mut bytes = 0usize;
    for p in planscope_synth::library(&seeds, count, seed) {
        let target = out.join(&p.file_name);
        bytes += p.text.len();
        std::fs::write(&target, p.text)
            .map_err(|e| format!("{}: cannot write: {e}", target.display()))?;
    }
    println!(
        "wrote {count} synthetic plans ({:.1} MB) made from {} seeds to {}",
        bytes as f64 / 1e6,
        seeds.len(),
        out.display()
    );
    Ok(ExitCode::SUCCESS)
}
