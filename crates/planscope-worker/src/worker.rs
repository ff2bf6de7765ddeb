//! The worker's message loop (wasm32 only). See the crate docs for the messages.

use js_sys::{Object, Reflect, Uint8Array};
use planscope_ingest::{Job, Stage};
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

pub fn install() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let post_scope = scope.clone();
    let onmessage = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
        let data = ev.data();
        let get =
            |k: &str| Reflect::get(&data, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED);
        let name = get("name").as_string().unwrap_or_default();
        let bytes = get("bytes");
        let bytes = if bytes.is_object() {
            Uint8Array::new(&bytes).to_vec()
        } else {
            Vec::new()
        };
        let now = get("now").as_f64().unwrap_or(0.0).max(0.0) as u64;
        run(&post_scope, &name, bytes, now);
    });
    scope.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    onmessage.forget();
    post(&scope, &[("kind", "ready".into())]);
}

fn post(scope: &DedicatedWorkerGlobalScope, fields: &[(&str, JsValue)]) {
    let o = Object::new();
    for (k, v) in fields {
        let _ = Reflect::set(&o, &JsValue::from_str(k), v);
    }
    let _ = scope.post_message(&o);
}

fn run(scope: &DedicatedWorkerGlobalScope, name: &str, bytes: Vec<u8>, now: u64) {
    let start = js_sys::Date::now();
    let mut job = Job::new(name, bytes, now);
    loop {
        let p = job.progress();
        post(
            scope,
            &[
                ("kind", "progress".into()),
                ("label", p.label_zh().into()),
                ("done", (p.done as f64).into()),
            ],
        );
        match job.step() {
            Ok(Stage::Done) => break,
            Ok(_) => {}
            Err(e) => {
                post(
                    scope,
                    &[("kind", "error".into()), ("message", e.message_zh().into())],
                );
                return;
            }
        }
    }
    let ms = js_sys::Date::now() - start;
    match crate::finished(job) {
        Some((key, meta, doc)) => post(
            scope,
            &[
                ("kind", "done".into()),
                ("key", key.into()),
                ("meta", meta.into()),
                ("doc", doc.into()),
                ("ms", ms.into()),
            ],
        ),
        None => post(
            scope,
            &[
                ("kind", "error".into()),
                ("message", "文件没有读完，未保存。请重新打开。".into()),
            ],
        ),
    }
}
