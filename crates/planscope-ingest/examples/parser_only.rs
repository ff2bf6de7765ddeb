//! The parser alone (plain text only), for comparison with `wasm_size.rs` (parser + ingest).
//! size (`scripts/wasm-size`): bytes + file name in, the plan's JSON (or the zh-CN error) out.
//!
//! Exports (C ABI, no wasm-bindgen): `alloc(len) -> ptr`, `open(name_ptr, name_len, ptr, len)
//! -> len` of the result (JSON, or the error message prefixed with `!`), `result() -> ptr`.

use std::sync::Mutex;

static RESULT: Mutex<Vec<u8>> = Mutex::new(Vec::new());

/// # Safety
/// Returns a buffer of `len` bytes the caller fills; it is never freed (a measurement build).
#[no_mangle]
pub extern "C" fn alloc(len: usize) -> *mut u8 {
    let mut v = vec![0u8; len];
    let p = v.as_mut_ptr();
    std::mem::forget(v);
    p
}

/// # Safety
/// The pointers must come from [`alloc`] with these lengths.
#[no_mangle]
pub unsafe extern "C" fn open(
    name_ptr: *const u8,
    name_len: usize,
    ptr: *const u8,
    len: usize,
) -> usize {
    let name =
        std::str::from_utf8(std::slice::from_raw_parts(name_ptr, name_len)).unwrap_or("plan.txt");
    let bytes = std::slice::from_raw_parts(ptr, len);
    let out = match planscope_parser::parse_file(name, bytes) {
        Ok(doc) => serde_json::to_vec(&doc).unwrap_or_default(),
        Err(e) => format!("!{}", e).into_bytes(),
    };
    let n = out.len();
    *RESULT.lock().unwrap() = out;
    n
}

#[no_mangle]
pub extern "C" fn result() -> *const u8 {
    RESULT.lock().unwrap().as_ptr()
}
