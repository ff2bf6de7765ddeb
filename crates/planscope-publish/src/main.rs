//! `planscope-publish <dist>`: precompressed `.br`/`.gz` copies and the host files (`web.config`,
//! `.htaccess`) for a built `dist/` (see the library docs). Exit 0 on success, 1 on an I/O error
//! (the message names the file), 2 on a usage error.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dist] = args.as_slice() else {
        eprintln!("usage: planscope-publish <dist directory>");
        return ExitCode::from(2);
    };
    let dist = PathBuf::from(dist);
    if !dist.join("index.html").is_file() {
        eprintln!(
            "planscope-publish: {} has no index.html (build the site first: make dist)",
            dist.display()
        );
        return ExitCode::from(2);
    }
    match planscope_publish::publish(&dist) {
        Ok(r) => {
            println!(
                "published {}: {} text files ({} bytes) with .br ({} bytes) and .gz ({} bytes) copies; {} written, {} stale removed; web.config and .htaccess",
                dist.display(), r.files, r.raw, r.brotli, r.gzip, r.written, r.removed
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("planscope-publish: {e}");
            ExitCode::FAILURE
        }
    }
}
