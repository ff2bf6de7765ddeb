//! Makes a built `dist/` ready for any static host, after every other build step
//! (`make dist` runs it last):
//!
//! - **precompressed copies**: `x.br` (brotli, quality 11, window 22 bits as the `brotli` CLI) and
//!   `x.gz` (gzip -9) beside every text file `x` ([`COMPRESSIBLE`]), so a server serves them without
//!   compressing on each request (nginx `brotli_static`/`gzip_static`, Apache with the shipped
//!   `.htaccess`, IIS with URL Rewrite). Copies whose source is gone are removed, a copy newer
//!   than its source is kept, so running it twice writes nothing new;
//! - **host files**: `web.config` (IIS: MIME types for `.wasm`, `.json`, `.bin`; static
//!   compression) and `.htaccess` (Apache: MIME types, the precompressed copies, cache headers),
//!   from `hosting/` in this crate. README.md ("Hosting") has the matching server snippets.
//!
//! Errors are `std::io::Error`s that name the file.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Extensions (lower case, without the dot) of the files that get `.br` and `.gz` copies: the
/// pages, styles, scripts, wasm, data (`.json`), the search index (`.bin`), images in SVG, and
/// the CSV/text downloads. Already compressed formats (PNG, WOFF2, …) are left alone.
pub const COMPRESSIBLE: &[&str] = &[
    "html", "css", "js", "mjs", "wasm", "json", "bin", "svg", "csv", "txt", "xml",
];

/// The encodings written, as file suffixes.
pub const ENCODINGS: &[&str] = &["br", "gz"];

/// IIS settings, written to `dist/web.config`.
pub const WEB_CONFIG: &str = include_str!("../hosting/web.config");
/// Apache settings, written to `dist/.htaccess`.
pub const HTACCESS: &str = include_str!("../hosting/htaccess");

/// Brotli-compressed bytes at `quality` (0–11), window 22 bits (as the `brotli` CLI uses).
pub fn brotli(bytes: &[u8], quality: u32) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 64 * 1024, quality, 22);
        writer.write_all(bytes).expect("compressing to memory");
    }
    out
}

/// Gzip-compressed bytes at `level` (0–9).
pub fn gzip(bytes: &[u8], level: u32) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(level));
    encoder.write_all(bytes).expect("compressing to memory");
    encoder.finish().expect("compressing to memory")
}

/// Whether `path` gets precompressed copies (by its extension, see [`COMPRESSIBLE`]).
pub fn is_compressible(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| COMPRESSIBLE.contains(&e.to_ascii_lowercase().as_str()))
}

/// For `x.br` or `x.gz`, the file `x` it is a copy of (whether or not `x` exists).
pub fn source_of(path: &Path) -> Option<PathBuf> {
    let ext = path.extension()?.to_str()?;
    if !ENCODINGS.contains(&ext) {
        return None;
    }
    let source = path.with_extension("");
    is_compressible(&source).then_some(source)
}

/// Whether `path` is a precompressed copy whose source is beside it (a size report counts the
/// source only: the copies are another encoding of the same file).
pub fn is_precompressed_copy(path: &Path) -> bool {
    source_of(path).is_some_and(|s| s.is_file())
}

/// What [`publish`] did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// Text files that have copies (now).
    pub files: usize,
    /// Copies written by this run (the others were up to date).
    pub written: usize,
    /// Stale copies removed (their source is gone).
    pub removed: usize,
    /// Bytes of the text files, uncompressed.
    pub raw: u64,
    /// Bytes of their `.br` copies.
    pub brotli: u64,
    /// Bytes of their `.gz` copies.
    pub gzip: u64,
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|e| named(dir, e))?;
    for entry in entries {
        let path = entry.map_err(|e| named(dir, e))?.path();
        if path.is_dir() {
            walk(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

fn named(path: &Path, e: io::Error) -> io::Error {
    io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}

fn up_to_date(copy: &Path, source: &Path) -> bool {
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    matches!((modified(copy), modified(source)), (Some(c), Some(s)) if c >= s)
}

/// One text file's copies: (raw bytes, copies written, brotli bytes, gzip bytes).
fn compress_one(path: &Path) -> io::Result<(u64, usize, u64, u64)> {
    let bytes = std::fs::read(path).map_err(|e| named(path, e))?;
    let (mut written, mut br, mut gz) = (0, 0, 0);
    for enc in ENCODINGS {
        let mut name = path.as_os_str().to_owned();
        name.push(".");
        name.push(enc);
        let copy = PathBuf::from(name);
        if !up_to_date(&copy, path) {
            let packed = match *enc {
                "br" => brotli(&bytes, 11),
                _ => gzip(&bytes, 9),
            };
            std::fs::write(&copy, packed).map_err(|e| named(&copy, e))?;
            written += 1;
        }
        let len = std::fs::metadata(&copy).map_err(|e| named(&copy, e))?.len();
        match *enc {
            "br" => br += len,
            _ => gz += len,
        }
    }
    Ok((bytes.len() as u64, written, br, gz))
}

/// Writes the precompressed copies and the host files into `dist` (see the module docs). The
/// files are compressed on every core (brotli 11 is slow: about 1 MB/s per core).
///
/// # Errors
/// The first file that cannot be read, written or removed, with its path in the message.
pub fn publish(dist: &Path) -> io::Result<Report> {
    let mut files = Vec::new();
    walk(dist, &mut files)?;
    files.sort();
    let mut report = Report::default();
    let mut texts = Vec::new();
    for path in files {
        if let Some(source) = source_of(&path) {
            if !source.is_file() {
                std::fs::remove_file(&path).map_err(|e| named(&path, e))?;
                report.removed += 1;
            }
        } else if is_compressible(&path) {
            texts.push(path);
        }
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let results: Vec<io::Result<(u64, usize, u64, u64)>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut out = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(path) = texts.get(i) else { break };
                        out.push(compress_one(path));
                    }
                    out
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("a compression thread panicked"))
            .collect()
    });
    for r in results {
        let (raw, written, br, gz) = r?;
        report.files += 1;
        report.raw += raw;
        report.written += written;
        report.brotli += br;
        report.gzip += gz;
    }
    for (name, text) in [("web.config", WEB_CONFIG), (".htaccess", HTACCESS)] {
        let path = dist.join(name);
        std::fs::write(&path, text).map_err(|e| named(&path, e))?;
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn copies_decode_to_the_source_and_a_second_run_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir_all(d.join("data/search")).unwrap();
        let page = "<p>规划透视</p>".repeat(200);
        std::fs::write(d.join("index.html"), &page).unwrap();
        std::fs::write(d.join("data/search/c-0123456789ab-0.bin"), [7u8; 3000]).unwrap();
        std::fs::write(d.join("logo.png"), [1u8; 100]).unwrap();
        let first = publish(d).unwrap();
        assert_eq!((first.files, first.written, first.removed), (2, 4, 0));
        let mut out = String::new();
        brotli::Decompressor::new(std::fs::File::open(d.join("index.html.br")).unwrap(), 4096)
            .read_to_string(&mut out)
            .unwrap();
        assert_eq!(out, page);
        let mut out = String::new();
        flate2::read::GzDecoder::new(std::fs::File::open(d.join("index.html.gz")).unwrap())
            .read_to_string(&mut out)
            .unwrap();
        assert_eq!(out, page);
        assert!(!d.join("logo.png.br").exists(), "PNG is not recompressed");
        assert!(first.brotli < first.raw && first.gzip < first.raw);
        assert_eq!(
            std::fs::read_to_string(d.join(".htaccess")).unwrap(),
            HTACCESS
        );
        assert_eq!(
            std::fs::read_to_string(d.join("web.config")).unwrap(),
            WEB_CONFIG
        );
        let again = publish(d).unwrap();
        assert_eq!((again.files, again.written, again.removed), (2, 0, 0));
        assert_eq!(again.brotli, first.brotli);
    }

    #[test]
    fn copies_of_removed_files_go_and_changed_files_are_recompressed() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join("old-0123456789abcdef.js"), "let a = 1;".repeat(50)).unwrap();
        std::fs::write(d.join("index.html"), "<p>一</p>").unwrap();
        publish(d).unwrap();
        std::fs::remove_file(d.join("old-0123456789abcdef.js")).unwrap();
        // A rebuilt page: newer than its copies.
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(d.join("index.html"), "<p>二</p>".repeat(9)).unwrap();
        let r = publish(d).unwrap();
        assert_eq!((r.files, r.written, r.removed), (1, 2, 2));
        assert!(!d.join("old-0123456789abcdef.js.br").exists());
        let mut out = String::new();
        flate2::read::GzDecoder::new(std::fs::File::open(d.join("index.html.gz")).unwrap())
            .read_to_string(&mut out)
            .unwrap();
        assert_eq!(out, "<p>二</p>".repeat(9));
    }

    #[test]
    fn copies_are_told_from_sources() {
        assert_eq!(
            source_of(Path::new("a/x.wasm.br")),
            Some(PathBuf::from("a/x.wasm"))
        );
        assert_eq!(
            source_of(Path::new("x.json.gz")),
            Some(PathBuf::from("x.json"))
        );
        assert_eq!(source_of(Path::new("x.png.gz")), None);
        assert_eq!(source_of(Path::new("x.wasm")), None);
        assert!(is_compressible(Path::new("Index.HTML")));
        assert!(!is_compressible(Path::new("font.woff2")));
    }
}
