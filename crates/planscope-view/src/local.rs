//! Plans opened on this device (the 打开规划 page, issue 14): the pure part of how the app lists,
//! reads and words them. The storage itself (IndexedDB) is `src/local.rs` in the app; the
//! record's shape is [`planscope_model::local`].

use planscope_model::local::{LocalMeta, RECORD_VERSION};
use planscope_model::SCHEMA_VERSION;
use serde::Deserialize;

/// The IndexedDB database of plans opened on this device.
pub const DB_NAME: &str = "planscope-local";
/// Its schema version (IndexedDB's own: the object stores below). Version 1: `meta` (device
/// key → [`LocalMeta`] JSON string) and `plans` (device key → the plan's JSON as
/// `planscope build` writes it). A database of a *newer* version cannot be opened by this page;
/// the library then says so ([`NEWER_DB_ZH`]) and lists the built plans as always.
pub const DB_VERSION: u32 = 1;
/// Object store of the library entries.
pub const META_STORE: &str = "meta";
/// Object store of the plans' JSON.
pub const PLAN_STORE: &str = "plans";

/// The library's line when the device's database was written by a newer version of the site.
pub const NEWER_DB_ZH: &str =
    "本机保存的规划来自较新版本的页面，本页无法读取。请刷新页面以使用最新版本。";
/// The library's line when this browser keeps no data (private mode, storage disabled).
pub const NO_STORAGE_ZH: &str =
    "这个浏览器不允许网页在本机保存数据（例如无痕模式），打开的规划将无法保存。";
/// Said wherever a plan opened on this device is shared: its address names a record in this
/// browser only.
pub const SHARE_NOTE_ZH: &str =
    "这份规划是在本机打开的，只保存在这个浏览器里：链接只能在本机打开，发给别人无法查看。";
/// The badge of a plan opened on this device.
pub const BADGE_ZH: &str = "本机";

/// A stored library entry, or why it is skipped: `Err((key, message))` (zh-CN) for a record
/// of another version or a damaged one; the key (when readable) lets the reader remove it.
pub fn read_meta(key: &str, json: &str) -> Result<LocalMeta, (String, String)> {
    #[derive(Deserialize)]
    struct Versions {
        record_version: Option<u64>,
        schema_version: Option<u64>,
        file_name: Option<String>,
    }
    let damaged = || {
        (
            key.to_owned(),
            "本机保存的一份规划已损坏，无法打开。请删除它，再重新打开原文件。".to_owned(),
        )
    };
    let v: Versions = serde_json::from_str(json).map_err(|_| damaged())?;
    if v.record_version != Some(RECORD_VERSION as u64)
        || v.schema_version != Some(SCHEMA_VERSION as u64)
    {
        let name = v.file_name.unwrap_or_else(|| "规划".to_owned());
        return Err((
            key.to_owned(),
            format!(
                "本机保存的「{name}」来自其他版本的页面，无法打开。请删除它，再重新打开原文件。"
            ),
        ));
    }
    serde_json::from_str(json).map_err(|_| damaged())
}

/// Sorts entries newest first (then by key, so the order is stable).
pub fn sort_newest_first(metas: &mut [LocalMeta]) {
    metas.sort_by(|a, b| b.opened_ms.cmp(&a.opened_ms).then(a.key.cmp(&b.key)));
}

/// A size in bytes for people: `980 字节`, `12.3 KB`, `1.5 MB` (1 KB = 1,024 bytes), one
/// decimal rounded half up. Integer arithmetic only: the library's (home) bundle formats no
/// other float, and `{:.1}` of an `f64` would link the whole float formatter into it (≈ 18 KB of
/// code before wasm-opt).
pub fn size_zh(bytes: u64) -> String {
    let tenths = |unit: u64| {
        let t = (bytes.saturating_mul(10) + unit / 2) / unit;
        format!("{}.{}", t / 10, t % 10)
    };
    match bytes {
        b if b < 1024 => format!("{b} 字节"),
        b if b < 1024 * 1024 => format!("{} KB", tenths(1024)),
        _ => format!("{} MB", tenths(1_048_576)),
    }
}

/// The format's name (`text` → `纯文本`, `html` → `网页`, `docx` → `Word 文档`).
pub fn format_zh(format: &str) -> &'static str {
    match format {
        "html" => "网页",
        "docx" => "Word 文档",
        _ => "纯文本",
    }
}

/// The outline's size in words: `共 44 个标题（一级 7 个、三级 37 个）`; levels with none are
/// left out of the brackets; `没有标题` for none.
pub fn outline_zh(counts: &[u32]) -> String {
    const LEVELS: [&str; 6] = ["一级", "二级", "三级", "四级", "五级", "六级"];
    let total: u32 = counts.iter().sum();
    if total == 0 {
        return "没有标题".to_owned();
    }
    let parts: Vec<String> = counts
        .iter()
        .enumerate()
        .filter(|(_, &n)| n > 0)
        .map(|(i, n)| format!("{} {n} 个", LEVELS.get(i).copied().unwrap_or("更深")))
        .collect();
    format!("共 {total} 个标题（{}）", parts.join("、"))
}

/// The line under a local plan's title: `本机 · 纯文本 · 某区规划.txt · 12.3 KB`.
pub fn card_line(meta: &LocalMeta) -> String {
    format!(
        "{} · {} · {}",
        format_zh(&meta.format),
        meta.file_name,
        size_zh(meta.bytes)
    )
}

/// The export's file name: the plan's id + `.json`, as `planscope build` names it in `data/`
/// (the device key when the id is empty or could name a directory).
pub fn export_name(meta: &LocalMeta) -> String {
    let id = &meta.plan_id;
    let id = if !id.is_empty() && !id.starts_with('.') && !id.contains(['/', '\\']) {
        meta.plan_id.as_str()
    } else {
        meta.key.as_str()
    };
    format!("{id}.json")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta() -> LocalMeta {
        LocalMeta {
            record_version: RECORD_VERSION,
            schema_version: SCHEMA_VERSION,
            key: "local-00000000000000ab".into(),
            plan_id: "某区规划".into(),
            file_name: "某区规划.txt".into(),
            format: "text".into(),
            bytes: 12_600,
            opened_ms: 5,
            title: "某区教育发展规划".into(),
            outline_counts: vec![7, 0, 37],
        }
    }

    #[test]
    fn reads_its_own_records_and_refuses_others_first() {
        let m = meta();
        let json = serde_json::to_string(&m).unwrap();
        assert_eq!(read_meta(&m.key, &json).unwrap(), m);
        // another version is refused before its shape is looked at
        let mut v: serde_json::Value = serde_json::from_str(&json).unwrap();
        v["record_version"] = serde_json::json!(RECORD_VERSION + 1);
        v["outline_counts"] = serde_json::json!("a shape this version does not know");
        let (key, msg) = read_meta(&m.key, &v.to_string()).unwrap_err();
        assert_eq!(key, m.key);
        assert!(msg.contains("「某区规划.txt」来自其他版本"), "{msg}");
        let mut v: serde_json::Value = serde_json::from_str(&json).unwrap();
        v["schema_version"] = serde_json::json!(SCHEMA_VERSION + 1);
        assert!(read_meta(&m.key, &v.to_string()).is_err());
        for bad in ["", "null", "{", "[1]"] {
            let (_, msg) = read_meta("k", bad).unwrap_err();
            assert!(msg.contains("已损坏"), "{bad}");
        }
    }

    #[test]
    fn words() {
        assert_eq!(size_zh(980), "980 字节");
        assert_eq!(size_zh(12_600), "12.3 KB");
        assert_eq!(size_zh(1_572_864), "1.5 MB");
        // rounded half up, as `{:.1}` of the quotient would show these
        assert_eq!(size_zh(1023), "1023 字节");
        assert_eq!(size_zh(1024), "1.0 KB");
        assert_eq!(size_zh(1075), "1.0 KB"); // 1.0498…
        assert_eq!(size_zh(1076), "1.1 KB"); // 1.0508…
        assert_eq!(size_zh(1_048_575), "1024.0 KB");
        assert_eq!(size_zh(10 * 1_048_576), "10.0 MB");
        assert_eq!(
            outline_zh(&[7, 0, 37]),
            "共 44 个标题（一级 7 个、三级 37 个）"
        );
        assert_eq!(outline_zh(&[]), "没有标题");
        assert_eq!(card_line(&meta()), "纯文本 · 某区规划.txt · 12.3 KB");
        assert_eq!(export_name(&meta()), "某区规划.json");
        let mut odd = meta();
        odd.plan_id = "../x".into();
        assert_eq!(export_name(&odd), "local-00000000000000ab.json");
    }

    #[test]
    fn newest_first() {
        let mut a = meta();
        a.opened_ms = 1;
        let mut b = meta();
        b.key = "local-b".into();
        b.opened_ms = 9;
        let mut v = vec![a.clone(), b.clone()];
        sort_newest_first(&mut v);
        assert_eq!(v, vec![b, a]);
    }
}
