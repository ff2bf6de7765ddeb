//! (temporary stand-in; the real module lands from the `regions` branch)
use planscope_model::Region;
pub fn infer_region(_title: &str, _issuer: Option<&str>, _doc_number: Option<&str>, _body: &str) -> Region { Region::default() }
