//! `planscope-size [DIR]`: raw, gzip and brotli bytes of every file of a built site (default
//! `dist/`), what the first screen downloads, and the budgets.

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "dist".to_owned());
    let dist = std::path::Path::new(&dir);
    if !dist.join("index.html").is_file() {
        eprintln!("planscope-size: {dir}/index.html not found; build the site first (make dist)");
        std::process::exit(1);
    }
    match planscope_e2e::size::report(dist) {
        Ok(report) => print!("{report}"),
        Err(e) => {
            eprintln!("planscope-size: {e}");
            std::process::exit(1);
        }
    }
}
