#![allow(dead_code)] // each test binary uses part of this module
//! Shared by the seed-based test binaries: where the repository is, and the seed stems.

use std::path::PathBuf;

/// The repository root (seeds/ and tests/gold/ live there).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The five seed files' stems (= plan ids = gold file stems).
pub const SEEDS: &[&str] = &[
    "guangzhou-conghua-2021-2025",
    "jieyang-2023-2027",
    "pingliang-kongtong-2021-2025",
    "tianjin-heping-2035",
    "qingyuan-2022",
];
