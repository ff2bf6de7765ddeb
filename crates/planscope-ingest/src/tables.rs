//! What a table of a page or Word document is, one rule for HTML and .docx:
//!
//! 1. Rows with no text are dropped.
//! 2. **Layout table** — it holds another table, or has fewer than two rows, or no row has two
//!    non-empty cells: not data, only boxes around text. Each non-empty cell becomes its
//!    paragraph(s), in order.
//! 3. **Key–value table** (a portal's info box: `索引号： | … | 发文机关： | …`) — every row has an
//!    even number of cells and at least half of the key cells (1st, 3rd, … of a row) end with
//!    `：` or `:`. Each key–value pair becomes one paragraph `key value` (a space between), which
//!    the parser's info-box reading (`发文机关：…`, `成文日期：…`) understands like a scraped line.
//! 4. Otherwise a **data table**: [`SourceBlock::Table`] with its rows and cells as printed,
//!    which the parser reads as a known table (typed indicator / responsibility table or a
//!    generic table; `planscope_parser::source`).

use planscope_parser::SourceBlock;

/// The blocks a table gives (`nested`: it contains another table).
pub fn table_blocks(rows: Vec<Vec<String>>, nested: bool) -> Vec<SourceBlock> {
    let rows: Vec<Vec<String>> = rows
        .into_iter()
        .filter(|r| r.iter().any(|c| !c.trim().is_empty()))
        .collect();
    let filled = |r: &Vec<String>| r.iter().filter(|c| !c.trim().is_empty()).count();
    if nested || rows.len() < 2 || !rows.iter().any(|r| filled(r) >= 2) {
        return rows
            .into_iter()
            .flatten()
            .filter(|c| !c.trim().is_empty())
            .map(SourceBlock::Paragraph)
            .collect();
    }
    let is_key = |c: &String| c.trim_end().ends_with(['：', ':']);
    let keys: Vec<&String> = rows.iter().flat_map(|r| r.iter().step_by(2)).collect();
    let kv = rows.iter().all(|r| !r.is_empty() && r.len() % 2 == 0)
        && keys.iter().filter(|k| is_key(k)).count() * 2 >= keys.len();
    if kv {
        let mut out = Vec::new();
        for r in rows {
            for pair in r.chunks(2) {
                let (k, v) = (pair[0].trim(), pair[1].trim());
                let p = match (k.is_empty(), v.is_empty()) {
                    (true, true) => continue,
                    (false, true) => k.to_string(),
                    (true, false) => v.to_string(),
                    (false, false) => format!("{k} {v}"),
                };
                out.push(SourceBlock::Paragraph(p));
            }
        }
        return out;
    }
    vec![SourceBlock::Table(rows)]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(r: &[&[&str]]) -> Vec<Vec<String>> {
        r.iter()
            .map(|x| x.iter().map(|s| s.to_string()).collect())
            .collect()
    }

    #[test]
    fn layout_key_value_and_data() {
        // one column: layout
        assert_eq!(
            table_blocks(rows(&[&["一、总则"], &["", ""], &["二、任务"]]), false),
            vec![
                SourceBlock::Paragraph("一、总则".into()),
                SourceBlock::Paragraph("二、任务".into())
            ]
        );
        // nested: layout even with two columns
        assert_eq!(
            table_blocks(rows(&[&["a", "b"], &["c", "d"]]), true).len(),
            4
        );
        // info box
        assert_eq!(
            table_blocks(
                rows(&[
                    &[
                        "索引号：",
                        "11440117/2022-00101",
                        "发文机关：",
                        "广州市从化区人民政府办公室"
                    ],
                    &["成文日期：", "2022-06-13", "主题分类：", ""]
                ]),
                false
            ),
            vec![
                SourceBlock::Paragraph("索引号： 11440117/2022-00101".into()),
                SourceBlock::Paragraph("发文机关： 广州市从化区人民政府办公室".into()),
                SourceBlock::Paragraph("成文日期： 2022-06-13".into()),
                SourceBlock::Paragraph("主题分类：".into()),
            ]
        );
        // data
        let t = rows(&[
            &["主要指标", "2020年", "2025年"],
            &["毛入园率(%)", "100", "≥100"],
        ]);
        assert_eq!(table_blocks(t.clone(), false), vec![SourceBlock::Table(t)]);
    }
}
