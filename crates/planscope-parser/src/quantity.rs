//! (temporary stand-in; the real module lands from the `numbers` branch)
use planscope_model::Comparator;

pub enum QuantityKind { BaseStat, Target }
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SectionHint { Baseline, Goal, Other }
pub struct Context { pub governing_year: Option<u16>, pub section_hint: SectionHint }
pub struct Found {
    pub kind: QuantityKind, pub text: String, pub text_span: [u32; 2], pub metric: String, pub value: String,
    pub number: Option<f64>, pub unit: Option<String>, pub comparator: Comparator, pub year: Option<u16>, pub span: [u32; 2],
}
pub fn scan(_paragraph: &str, _ctx: &Context) -> Vec<Found> { Vec::new() }
pub fn governing_year(_p: &str) -> Option<u16> { None }
pub fn parse_cell_number(cell: &str) -> Option<(Comparator, f64)> {
    let t = cell.trim();
    let (cmp, rest) = if let Some(r) = t.strip_prefix('≥') { (Comparator::Ge, r) } else if let Some(r) = t.strip_prefix('≤') { (Comparator::Le, r) } else { (Comparator::Eq, t) };
    let (num, mul) = if let Some(r) = rest.strip_suffix('万') { (r, 1e4) } else if let Some(r) = rest.strip_suffix('亿') { (r, 1e8) } else { (rest, 1.0) };
    num.trim_end_matches('%').parse::<f64>().ok().map(|n| (cmp, n * mul))
}
