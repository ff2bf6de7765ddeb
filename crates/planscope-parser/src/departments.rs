//! (temporary stand-in; the real module lands from the `regions` branch)
pub struct Departments { pub lead: Vec<String>, pub support: Vec<String> }
pub fn split_departments(cell: &str) -> Departments {
    let (lead, rest) = match cell.find("牵头") { Some(i) => (&cell[..i], &cell[i + "牵头".len()..]), None => (cell, "") };
    let rest = rest.trim_start_matches([',', ',']);
    let support = rest.split("按职责分工负责").next().unwrap_or("");
    Departments { lead: split_names(lead), support: split_names(support) }
}
pub fn split_names(list: &str) -> Vec<String> {
    let mut out = Vec::new(); let mut cur = String::new(); let mut depth = 0;
    for c in list.chars() {
        match c { '(' | '(' => { depth += 1; cur.push(c) } ')' | ')' => { depth -= 1; cur.push(c) }
            '、' | ',' | ',' if depth == 0 => { if !cur.trim().is_empty() { out.push(cur.trim().to_string()) } cur.clear() }
            _ => cur.push(c) }
    }
    if !cur.trim().is_empty() { out.push(cur.trim().trim_end_matches("等单位").to_string()) }
    out
}
