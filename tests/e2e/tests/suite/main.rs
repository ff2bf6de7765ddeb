//! planscope end-to-end suite: the built `dist/` in Debian's chromium, and its size budgets.
//!
//! Needs `dist/` (`make dist`), `chromium` and `chromedriver` (`scripts/setup`). One binary for
//! all of it, so it links once.

mod a11y;
mod boot;
mod browser;
mod compare;
mod harness;
mod hosts;
mod indicators;
mod library;
mod local;
mod open;
mod reader;
mod scale;
mod search;
mod share;
mod size;
mod static_pages;
