//! # planscope-worker — the 打开规划 page's parser, in a Web Worker
//!
//! trunk builds this binary with `data-type="worker"` (see `index.html`) into
//! `planscope-worker.js`, `planscope-worker_bg.wasm` and the loader shim
//! `planscope-worker_loader.js`; the page (`src/views/open.rs`) starts it with
//! `new Worker("planscope-worker_loader.js")` only when a file is opened, so no other page
//! downloads the parser. It runs [`planscope_ingest::Job`] — the same code path as
//! `planscope build` — and talks in plain objects:
//!
//! * page → worker: `{ name: string, bytes: Uint8Array, now: number }` (the file name as
//!   chosen, its bytes, the page's clock in ms since the epoch);
//! * worker → page, in this order: `{ kind: "ready" }` once, when the wasm module has started;
//!   per file, `{ kind: "progress", label, done }` between the job's steps (zh-CN label,
//!   `done` 0–1), then either `{ kind: "done", key, meta, doc, ms }` — `meta` the
//!   [`planscope_model::local::LocalMeta`] JSON, `doc` the plan's JSON exactly as
//!   `planscope build` writes it ([`planscope_ingest::export_json`]), `ms` the job's time in the
//!   worker — or `{ kind: "error", message }` (zh-CN, naming the file and what to do). Nothing
//!   is sent for a job that fails half-way but the error.
//!
//! Cancelling is `worker.terminate()` by the page: the job dies with the worker, and the page
//! has stored nothing, since storing happens only on `done`.

#[cfg(target_arch = "wasm32")]
mod worker;

fn main() {
    #[cfg(target_arch = "wasm32")]
    worker::install();
}

/// The `done` message's fields: the plan's device key, its library entry (JSON) and its
/// exported JSON. Pure, so native tests check it.
pub fn finished(job: planscope_ingest::Job) -> Option<(String, String, String)> {
    let (rec, _) = job.finish()?;
    let meta = serde_json::to_string(&rec.meta()).ok()?;
    Some((
        rec.key.clone(),
        meta,
        planscope_ingest::export_json(&rec.doc),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use planscope_model::local::LocalMeta;

    #[test]
    fn done_carries_the_build_json_and_the_library_entry() {
        let text = "某区教育规划\n一、目标\n到2025年毛入园率达到95%。\n二、措施\n加强领导。\n";
        let mut job = planscope_ingest::Job::new("某区.txt", text.as_bytes().to_vec(), 1);
        job.run().unwrap();
        let (key, meta, doc) = finished(job).unwrap();
        let built = planscope_ingest::parse_file("某区.txt", text.as_bytes()).unwrap();
        assert_eq!(doc, planscope_ingest::export_json(&built));
        let meta: LocalMeta = serde_json::from_str(&meta).unwrap();
        assert_eq!(meta.key, key);
        assert_eq!(meta.outline_counts, vec![2]);
        assert_eq!(key, planscope_ingest::local_key(text.as_bytes()));
    }
}
