//! `planscope-serve [DIR] [--port N] [--prefix /sub/path/] [--csp] [--cache-headers] [--quiet]`:
//! serve a built site (default `dist/`, port 8080) on 127.0.0.1 with gzip/brotli and the right
//! MIME types. `--csp` sends the strict Content-Security-Policy of README.md "Deploying",
//! `--cache-headers` the Cache-Control it recommends (hashed files a year, the rest `no-cache`).

use planscope_e2e::server::{Config, Server, STRICT_CSP};

fn main() {
    let mut dir = "dist".to_owned();
    let mut port = 8080u16;
    let mut prefix = "/".to_owned();
    let mut log = true;
    let (mut csp, mut cache_headers) = (false, false);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--port" => {
                port = args
                    .next()
                    .and_then(|p| p.parse().ok())
                    .unwrap_or_else(|| usage())
            }
            "--prefix" => prefix = args.next().unwrap_or_else(|| usage()),
            "--quiet" => log = false,
            "--csp" => csp = true,
            "--cache-headers" => cache_headers = true,
            "-h" | "--help" => usage(),
            s if s.starts_with('-') => usage(),
            s => dir = s.to_owned(),
        }
    }
    if !std::path::Path::new(&dir).join("index.html").is_file() {
        eprintln!("planscope-serve: {dir}/index.html not found; build the site first (make dist)");
        std::process::exit(1);
    }
    let mut config = Config::new(&dir).prefix(&prefix);
    config.brotli_quality = 9;
    config.log = log;
    config.csp = csp.then(|| STRICT_CSP.to_owned());
    config.cache_headers = cache_headers;
    let server = match Server::start(config, &format!("127.0.0.1:{port}")) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("planscope-serve: cannot listen on 127.0.0.1:{port}: {e}");
            std::process::exit(1);
        }
    };
    eprintln!("serving {dir} at {}  (Ctrl-C to stop)", server.url());
    loop {
        std::thread::park();
    }
}

fn usage() -> ! {
    eprintln!(
        "usage: planscope-serve [DIR] [--port N] [--prefix /sub/path/] [--csp] [--cache-headers] [--quiet]"
    );
    std::process::exit(2);
}
