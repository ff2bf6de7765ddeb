//! A government portal's 政府信息公开 info box: `key：value` fields above the document, one or
//! several per line (`索引号: 6208001028/2021-03060 文号: 区教发〔2021〕515号`,
//! `发文机关：某省教育厅`, `成文日期：2020年05月06日`).
//!
//! Grammar: a field is a known key ([`KEYS`]) at the start of a line or after whitespace,
//! followed by `:` and/or whitespace, and its value runs to the next field's key or the end of
//! the line (trimmed). Lines are folded (`：` is `:`); values are returned as printed.

use crate::text::{is_space, starts_with_at};

/// What an info box field says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// 索引号.
    Index,
    /// 发文机关 / 发布机构 / 来源机关: the issuing body.
    Issuer,
    /// 文号 / 发文字号.
    DocNumber,
    /// 成文日期 / 发文日期.
    Issued,
    /// 发布日期 / 发布时间 / 生成日期.
    Published,
    /// 标题 / 信息名称 / 名称.
    Title,
    /// 主题分类, 公文种类, 有效性, … (read past, not used).
    Other,
}

/// Keys, longest first where one is a prefix of another.
pub const KEYS: &[(&str, Field)] = &[
    ("索引号", Field::Index),
    ("发文机关", Field::Issuer),
    ("发布机构", Field::Issuer),
    ("来源机关", Field::Issuer),
    ("发文字号", Field::DocNumber),
    ("文号", Field::DocNumber),
    ("成文日期", Field::Issued),
    ("发文日期", Field::Issued),
    ("发布日期", Field::Published),
    ("发布时间", Field::Published),
    ("生成日期", Field::Published),
    ("信息名称", Field::Title),
    ("标题", Field::Title),
    ("名称", Field::Title),
    ("主题分类", Field::Other),
    ("公文种类", Field::Other),
    ("组配分类", Field::Other),
    ("体裁分类", Field::Other),
    ("服务对象", Field::Other),
    ("所属机构", Field::Other),
    ("有效性", Field::Other),
    ("时效性", Field::Other),
];

/// A key at `at` (at the line start or after whitespace), with its length.
fn key_at(folded: &[char], at: usize) -> Option<(Field, usize)> {
    if at > 0 && !is_space(folded[at - 1]) {
        return None;
    }
    KEYS.iter().find_map(|(k, f)| {
        let n = k.chars().count();
        let sep = folded.get(at + n);
        (starts_with_at(folded, at, k) && sep.is_none_or(|&c| c == ':' || is_space(c)))
            .then_some((*f, n))
    })
}

/// The fields of one line: (field, value as printed). `printed` and `folded` have the same
/// length.
pub fn fields(printed: &[char], folded: &[char]) -> Vec<(Field, String)> {
    let mut found: Vec<(Field, usize, usize)> = Vec::new(); // field, key start, value start
    let mut i = 0;
    while i < folded.len() {
        if let Some((f, n)) = key_at(folded, i) {
            let mut v = i + n;
            while v < folded.len() && (folded[v] == ':' || is_space(folded[v])) {
                v += 1;
            }
            found.push((f, i, v));
            i = v.max(i + 1);
        } else {
            i += 1;
        }
    }
    let mut out = Vec::new();
    for (k, &(f, _, v)) in found.iter().enumerate() {
        let end = found.get(k + 1).map(|x| x.1).unwrap_or(folded.len());
        let value: String = printed[v.min(end)..end].iter().collect();
        let value = value.trim().to_string();
        if !value.is_empty() {
            out.push((f, value));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(line: &str) -> Vec<(Field, String)> {
        let p: Vec<char> = line.chars().collect();
        let n: Vec<char> = crate::text::fold_str(line).chars().collect();
        fields(&p, &n)
    }

    #[test]
    fn one_line_and_several_fields() {
        assert_eq!(
            f("索引号 6208001028/2021-03060 文号 区教发〔2021〕515号"),
            [
                (Field::Index, "6208001028/2021-03060".to_string()),
                (Field::DocNumber, "区教发〔2021〕515号".to_string())
            ]
        );
        assert_eq!(
            f("发文机关：某省教育厅　成文日期：2020年05月06日"),
            [
                (Field::Issuer, "某省教育厅".to_string()),
                (Field::Issued, "2020年05月06日".to_string())
            ]
        );
        assert_eq!(
            f("标题：某省2020年教育工作要点"),
            [(Field::Title, "某省2020年教育工作要点".to_string())]
        );
        assert!(f("文号是公文的编号").is_empty());
    }
}
