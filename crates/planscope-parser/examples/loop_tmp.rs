fn main() {
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(20);
    let mut texts = Vec::new();
    for e in std::fs::read_dir("seeds").unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "txt") {
            texts.push(std::fs::read_to_string(p).unwrap());
        }
    }
    // warm-up (lazy tables)
    for t in &texts { std::hint::black_box(planscope_parser::parse("x", t)); }
    let t0 = std::time::Instant::now();
    for _ in 0..n { for t in &texts { std::hint::black_box(planscope_parser::parse("x", t)); } }
    eprintln!("wall {:.1} ms/pass", t0.elapsed().as_secs_f64() * 1e3 / n as f64);
}
