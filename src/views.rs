//! Page components. They arrange what the pure modules compute and hold no logic of their own.

mod common;
mod compare;
mod indicators;
mod library;
mod local;
mod open;
mod overview;
mod plan;
mod reader;
mod search;

pub use common::NotFound;
pub use compare::{ComparePage, ComparePageProps};
pub use indicators::{Explorer, IndicatorsPage, IndicatorsPageProps};
pub use library::Library;
pub use local::LocalShelf;
pub use open::OpenPage;
pub use overview::Overview;
pub use plan::{PlanPage, PlanPageProps};
pub use search::SearchPage;
