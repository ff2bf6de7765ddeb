//! A Word document (`.docx`, Office Open XML, ECMA-376) → [`PlanSource`].
//!
//! Read: `word/document.xml` (the body), `word/numbering.xml` and `word/styles.xml` (list
//! numbering). Not read: headers, footers, comments, footnotes (page furniture and notes, not
//! the plan's text), deleted text of tracked changes (`w:delText`), field codes
//! (`w:instrText`), `mc:Fallback` copies of text boxes.
//!
//! * **Paragraphs** (`w:p`): the text of its runs (`w:t`), `w:tab` → tab, `w:br`/`w:cr` → line
//!   break, `w:noBreakHyphen` → `-`. A text box's paragraphs (`w:txbxContent`) are paragraphs of
//!   their own.
//! * **Numbering.** Word often stores `一、`, `(一)`, `1.` as list numbering, not as text. A
//!   paragraph's numbering is its `w:numPr` (`w:numId`, `w:ilvl`), or its style's (`w:pStyle`
//!   → `styles.xml`, following `w:basedOn`); `w:numId` 0 means none. The label is the level's
//!   `w:lvlText` with each `%N` replaced by level N's counter in that level's `w:numFmt`
//!   ([`format_number`]: `decimal` 1, `chineseCounting`/`chineseCountingThousand`/
//!   `ideographTraditional`… 一, `decimalEnclosedCircle` ①, `lowerLetter` a, `upperLetter` A,
//!   `lowerRoman` i, `upperRoman` I, `decimalFullWidth` １, `decimalZero` 01; `bullet` and
//!   `none` give no label). Counters are kept per `w:numId`, start at the level's `w:start`
//!   (or the instance's `w:startOverride`), and a level restarts when a higher level counts.
//!   The label is put before the paragraph's text, with a space when the label ends in a letter
//!   or digit (`第一章 总则`) and none after punctuation (`一、总体要求`).
//! * **Tables** (`w:tbl`): rows (`w:tr`) of cells (`w:tc`), a cell's paragraphs as its lines; a
//!   cell continuing a vertical merge (`w:vMerge` without `restart`) and left empty is omitted
//!   (it appears once, like an HTML `rowspan`); a table inside a cell gives its rows as lines of
//!   the cell (cells separated by a space). Then [`crate::tables::table_blocks`] decides
//!   layout / key–value / data.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use planscope_parser::{PlanSource, SourceBlock};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// Why a .docx could not be read (the caller turns it into an [`crate::ErrorKind`]).
#[derive(Debug)]
pub enum DocxError {
    /// A zip without `word/document.xml`.
    NotDocx,
    /// Broken zip or XML.
    Broken(String),
}

/// Does this look like a zip (local file header `PK\x03\x04`, or an empty archive `PK\x05\x06`)?
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// Read a .docx.
pub fn read(bytes: &[u8]) -> Result<PlanSource, DocxError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| DocxError::Broken(format!("zip: {e}")))?;
    let mut part = |name: &str| -> Result<Option<String>, DocxError> {
        let mut f = match zip.by_name(name) {
            Ok(f) => f,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(DocxError::Broken(format!("{name}: {e}"))),
        };
        let mut s = String::new();
        f.read_to_string(&mut s)
            .map_err(|e| DocxError::Broken(format!("{name}: {e}")))?;
        Ok(Some(s))
    };
    let document = part("word/document.xml")?.ok_or(DocxError::NotDocx)?;
    let numbering = match part("word/numbering.xml")? {
        Some(x) => Numbering::read(&x)?,
        None => Numbering::default(),
    };
    let styles = match part("word/styles.xml")? {
        Some(x) => StyleNumbering::read(&x)?,
        None => StyleNumbering::default(),
    };
    body(&document, numbering, &styles)
}

fn xml_err(e: impl std::fmt::Display) -> DocxError {
    DocxError::Broken(format!("XML: {e}"))
}

fn local(name: &str) -> &str {
    match name.find(':') {
        Some(i) => &name[i + 1..],
        None => name,
    }
}

/// The value of the `w:val` (any prefix) attribute.
fn val(e: &BytesStart, key: &str) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (local(a.key.as_ref()) == key).then(|| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| a.value.to_string())
        })
    })
}

/// One numbering level (`w:lvl`).
#[derive(Clone, Debug, Default)]
struct Level {
    start: u32,
    fmt: String,
    text: String,
}

/// `numbering.xml`: abstract numberings and the instances (`w:num`) that use them.
#[derive(Clone, Debug, Default)]
struct Numbering {
    abstracts: HashMap<String, Vec<Level>>,
    /// numId → (abstractNumId, start overrides per level).
    nums: HashMap<String, (String, HashMap<usize, u32>)>,
    /// Counters per numId (9 levels; `None` = not started).
    counters: HashMap<String, [Option<u32>; 9]>,
}

impl Numbering {
    fn read(xml: &str) -> Result<Numbering, DocxError> {
        let mut n = Numbering::default();
        let mut r = Reader::from_str(xml);
        let mut abs: Option<(String, Vec<Level>)> = None;
        let mut lvl: Option<(usize, Level)> = None;
        let mut num: Option<(String, String, HashMap<usize, u32>)> = None;
        let mut override_lvl: Option<usize> = None;
        loop {
            let ev = r.read_event().map_err(xml_err)?;
            match &ev {
                Event::Start(e) | Event::Empty(e) => match local(e.name().as_ref()) {
                    "abstractNum" => {
                        abs = Some((val(e, "abstractNumId").unwrap_or_default(), Vec::new()))
                    }
                    "lvl" => {
                        let i: usize = val(e, "ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                        lvl = Some((
                            i,
                            Level {
                                start: 1,
                                ..Default::default()
                            },
                        ));
                    }
                    "start" => {
                        if let (Some((_, l)), Some(v)) = (&mut lvl, val(e, "val")) {
                            l.start = v.parse().unwrap_or(1);
                        }
                    }
                    "numFmt" => {
                        if let (Some((_, l)), Some(v)) = (&mut lvl, val(e, "val")) {
                            l.fmt = v;
                        }
                    }
                    "lvlText" => {
                        if let (Some((_, l)), Some(v)) = (&mut lvl, val(e, "val")) {
                            l.text = v;
                        }
                    }
                    "num" => {
                        num = Some((
                            val(e, "numId").unwrap_or_default(),
                            String::new(),
                            HashMap::new(),
                        ))
                    }
                    "abstractNumId" => {
                        if let (Some(x), Some(v)) = (&mut num, val(e, "val")) {
                            x.1 = v;
                        }
                    }
                    "lvlOverride" => override_lvl = val(e, "ilvl").and_then(|v| v.parse().ok()),
                    "startOverride" => {
                        if let (Some(x), Some(i), Some(v)) = (&mut num, override_lvl, val(e, "val"))
                        {
                            x.2.insert(i, v.parse().unwrap_or(1));
                        }
                    }
                    _ => {}
                },
                Event::End(e) => match local(e.name().as_ref()) {
                    "lvl" => {
                        if let (Some((_, levels)), Some((i, l))) = (&mut abs, lvl.take()) {
                            if i < 9 {
                                if levels.len() <= i {
                                    levels.resize(i + 1, Level::default());
                                }
                                levels[i] = l;
                            }
                        }
                    }
                    "abstractNum" => {
                        if let Some((id, levels)) = abs.take() {
                            n.abstracts.insert(id, levels);
                        }
                    }
                    "num" => {
                        if let Some((id, a, o)) = num.take() {
                            n.nums.insert(id, (a, o));
                        }
                    }
                    "lvlOverride" => override_lvl = None,
                    _ => {}
                },
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(n)
    }

    /// Count a paragraph numbered `num_id` at level `ilvl`; its label ("" for bullets and none).
    fn label(&mut self, num_id: &str, ilvl: usize) -> String {
        let Some((abs, overrides)) = self.nums.get(num_id) else {
            return String::new();
        };
        let Some(levels) = self.abstracts.get(abs) else {
            return String::new();
        };
        let ilvl = ilvl.min(8);
        let Some(level) = levels.get(ilvl) else {
            return String::new();
        };
        let counters = self.counters.entry(num_id.to_string()).or_insert([None; 9]);
        let start = |i: usize| {
            overrides
                .get(&i)
                .copied()
                .or(levels.get(i).map(|l| l.start))
                .unwrap_or(1)
        };
        counters[ilvl] = Some(match counters[ilvl] {
            Some(c) => c + 1,
            None => start(ilvl),
        });
        for c in counters.iter_mut().skip(ilvl + 1) {
            *c = None;
        }
        if matches!(level.fmt.as_str(), "bullet" | "none") {
            return String::new();
        }
        let mut out = String::new();
        let mut chars = level.text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '%' {
                if let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                    chars.next();
                    let i = (d as usize).saturating_sub(1).min(8);
                    let n = counters[i].unwrap_or_else(|| start(i));
                    let fmt = levels.get(i).map(|l| l.fmt.as_str()).unwrap_or("decimal");
                    out.push_str(&format_number(n, fmt));
                    continue;
                }
            }
            out.push(c);
        }
        out
    }
}

/// A style's numbering: `w:numId`, `w:ilvl`, `w:basedOn`.
type StyleNum = (Option<String>, Option<usize>, Option<String>);

/// Paragraph styles that carry numbering (`styles.xml`): styleId → its numbering.
#[derive(Clone, Debug, Default)]
struct StyleNumbering {
    styles: HashMap<String, StyleNum>,
}

impl StyleNumbering {
    fn read(xml: &str) -> Result<StyleNumbering, DocxError> {
        let mut s = StyleNumbering::default();
        let mut r = Reader::from_str(xml);
        let mut cur: Option<(String, StyleNum)> = None;
        loop {
            match r.read_event().map_err(xml_err)? {
                Event::Start(e) | Event::Empty(e) => match local(e.name().as_ref()) {
                    "style" => {
                        cur = Some((val(&e, "styleId").unwrap_or_default(), Default::default()))
                    }
                    "numId" => {
                        if let Some((_, x)) = &mut cur {
                            x.0 = val(&e, "val");
                        }
                    }
                    "ilvl" => {
                        if let Some((_, x)) = &mut cur {
                            x.1 = val(&e, "val").and_then(|v| v.parse().ok());
                        }
                    }
                    "basedOn" => {
                        if let Some((_, x)) = &mut cur {
                            x.2 = val(&e, "val");
                        }
                    }
                    _ => {}
                },
                Event::End(e) if local(e.name().as_ref()) == "style" => {
                    if let Some((id, x)) = cur.take() {
                        s.styles.insert(id, x);
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(s)
    }

    /// The numbering a style gives (following `basedOn`, at most 10 steps).
    fn numbering(&self, style: &str) -> (Option<String>, Option<usize>) {
        let mut id = style.to_string();
        let (mut num, mut lvl) = (None, None);
        for _ in 0..10 {
            let Some((n, l, based)) = self.styles.get(&id) else {
                break;
            };
            num = num.or(n.clone());
            lvl = lvl.or(*l);
            match based {
                Some(b) if num.is_none() || lvl.is_none() => id = b.clone(),
                _ => break,
            }
        }
        (num, lvl)
    }
}

/// A counter in a Word number format (see the module docs); unknown formats are decimal.
pub fn format_number(n: u32, fmt: &str) -> String {
    const CN: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    let chinese = |n: u32| -> String {
        if n == 0 {
            return "〇".into();
        }
        if n < 10 {
            return CN[n as usize].to_string();
        }
        if n < 100 {
            let (t, u) = (n / 10, n % 10);
            let mut s = String::new();
            if t > 1 {
                s.push(CN[t as usize]);
            }
            s.push('十');
            if u > 0 {
                s.push(CN[u as usize]);
            }
            return s;
        }
        n.to_string()
    };
    let letters = |n: u32, base: u8| -> String {
        if n == 0 {
            return String::new();
        }
        let c = (base + ((n - 1) % 26) as u8) as char;
        std::iter::repeat_n(c, ((n - 1) / 26 + 1) as usize).collect()
    };
    let roman = |mut n: u32| -> String {
        const R: [(u32, &str); 13] = [
            (1000, "M"),
            (900, "CM"),
            (500, "D"),
            (400, "CD"),
            (100, "C"),
            (90, "XC"),
            (50, "L"),
            (40, "XL"),
            (10, "X"),
            (9, "IX"),
            (5, "V"),
            (4, "IV"),
            (1, "I"),
        ];
        let mut s = String::new();
        for (v, r) in R {
            while n >= v {
                s.push_str(r);
                n -= v;
            }
        }
        s
    };
    match fmt {
        "chineseCounting"
        | "chineseCountingThousand"
        | "chineseLegalSimplified"
        | "ideographTraditional"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand"
        | "japaneseCounting" => chinese(n),
        "ideographDigital" | "taiwaneseDigital" => n
            .to_string()
            .chars()
            .map(|d| CN[d.to_digit(10).unwrap_or(0) as usize])
            .collect(),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n - 1)
                .map(String::from)
                .unwrap_or_default()
        }
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .map(|d| char::from_u32(0xFF10 + d.to_digit(10).unwrap_or(0)).unwrap_or(d))
            .collect(),
        "decimalZero" if n < 10 => format!("0{n}"),
        "lowerLetter" => letters(n, b'a'),
        "upperLetter" => letters(n, b'A'),
        "lowerRoman" => roman(n).to_ascii_lowercase(),
        "upperRoman" => roman(n),
        _ => n.to_string(),
    }
}

/// A paragraph being read.
#[derive(Default)]
struct Para {
    text: String,
    num_id: Option<String>,
    ilvl: Option<usize>,
    style: Option<String>,
}

/// A table being read.
#[derive(Default)]
struct Table {
    rows: Vec<Vec<String>>,
    row: Vec<String>,
    /// The current cell's lines, and whether it continues a vertical merge.
    cell: Vec<String>,
    merged: bool,
    nested: bool,
}

fn body(
    xml: &str,
    mut numbering: Numbering,
    styles: &StyleNumbering,
) -> Result<PlanSource, DocxError> {
    let mut r = Reader::from_str(xml);
    let mut blocks: Vec<SourceBlock> = Vec::new();
    let mut paras: Vec<Para> = Vec::new();
    let mut tables: Vec<Table> = Vec::new();
    // inside w:pPr (numbering and style are read there), w:t, and skipped subtrees
    let mut in_ppr = 0usize;
    let mut in_t = false;
    let mut skip = 0usize;
    loop {
        let ev = r.read_event().map_err(xml_err)?;
        match ev {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(ev, Event::Empty(_));
                let name = local(e.name().as_ref()).to_string();
                if skip > 0 {
                    if !empty {
                        skip += 1;
                    }
                    continue;
                }
                match name.as_str() {
                    "delText" | "instrText" | "Fallback" | "rPr" if !empty => skip = 1,
                    "p" if !empty => paras.push(Para::default()),
                    "pPr" if !empty => in_ppr += 1,
                    "pStyle" if in_ppr > 0 => {
                        if let Some(p) = paras.last_mut() {
                            p.style = val(e, "val");
                        }
                    }
                    "numId" if in_ppr > 0 => {
                        if let Some(p) = paras.last_mut() {
                            p.num_id = val(e, "val");
                        }
                    }
                    "ilvl" if in_ppr > 0 => {
                        if let Some(p) = paras.last_mut() {
                            p.ilvl = val(e, "val").and_then(|v| v.parse().ok());
                        }
                    }
                    "t" if !empty => in_t = true,
                    "tab" if in_ppr == 0 => push_text(&mut paras, "\t"),
                    "br" | "cr" => push_text(&mut paras, "\n"),
                    "noBreakHyphen" => push_text(&mut paras, "-"),
                    "tbl" if !empty => {
                        if let Some(t) = tables.last_mut() {
                            t.nested = true;
                        }
                        tables.push(Table::default());
                    }
                    "tc" if !empty => {
                        if let Some(t) = tables.last_mut() {
                            t.cell.clear();
                            t.merged = false;
                        }
                    }
                    "vMerge" => {
                        let restart = val(e, "val").is_some_and(|v| v == "restart");
                        if let Some(t) = tables.last_mut() {
                            t.merged = !restart;
                        }
                    }
                    _ => {}
                }
            }
            Event::End(ref e) => {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                match local(e.name().as_ref()) {
                    "pPr" => in_ppr = in_ppr.saturating_sub(1),
                    "t" => in_t = false,
                    "p" => {
                        let Some(p) = paras.pop() else { continue };
                        let text = labelled(p, &mut numbering, styles);
                        // (a text box inside a paragraph ends first: a paragraph of its own)
                        match tables.last_mut() {
                            Some(t) => t.cell.push(text),
                            None => blocks.push(SourceBlock::Paragraph(text)),
                        }
                    }
                    "tc" => {
                        if let Some(t) = tables.last_mut() {
                            let lines: Vec<String> =
                                t.cell.drain(..).filter(|l| !l.trim().is_empty()).collect();
                            let text = lines.join("\n");
                            if !(t.merged && text.is_empty()) {
                                t.row.push(text);
                            }
                        }
                    }
                    "tr" => {
                        if let Some(t) = tables.last_mut() {
                            let row = std::mem::take(&mut t.row);
                            t.rows.push(row);
                        }
                    }
                    "tbl" => {
                        let Some(t) = tables.pop() else { continue };
                        match tables.last_mut() {
                            // a table in a cell: its rows are lines of the cell
                            Some(outer) => {
                                for row in t.rows {
                                    let line: Vec<String> =
                                        row.into_iter().filter(|c| !c.is_empty()).collect();
                                    outer.cell.push(line.join(" "));
                                }
                            }
                            None => blocks.extend(crate::tables::table_blocks(t.rows, t.nested)),
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) if in_t && skip == 0 => {
                push_text(&mut paras, &t.xml10_content());
            }
            Event::GeneralRef(g) if in_t && skip == 0 => {
                let s = match g.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => {
                        let name = g.xml10_content();
                        quick_xml::escape::resolve_predefined_entity(&name)
                            .unwrap_or("")
                            .to_string()
                    }
                };
                push_text(&mut paras, &s);
            }
            Event::CData(c) if in_t && skip == 0 => {
                push_text(&mut paras, &c.xml10_content());
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(PlanSource { blocks })
}

fn push_text(paras: &mut [Para], s: &str) {
    if let Some(p) = paras.last_mut() {
        p.text.push_str(s);
    }
}

/// A paragraph's text with its numbering label in front.
fn labelled(p: Para, numbering: &mut Numbering, styles: &StyleNumbering) -> String {
    let (style_num, style_lvl) = p
        .style
        .as_deref()
        .map(|s| styles.numbering(s))
        .unwrap_or((None, None));
    let num_id = p.num_id.or(style_num);
    let ilvl = p.ilvl.or(style_lvl).unwrap_or(0);
    let label = match num_id.as_deref() {
        None | Some("0") => String::new(),
        Some(id) => numbering.label(id, ilvl),
    };
    if label.is_empty() || p.text.trim().is_empty() {
        return p.text;
    }
    let sep = if label.chars().last().is_some_and(char::is_alphanumeric) {
        " "
    } else {
        ""
    };
    format!("{label}{sep}{}", p.text.trim_start())
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\"";

    fn numbering() -> Numbering {
        Numbering::read(&format!(
            r#"<w:numbering {W}>
<w:abstractNum w:abstractNumId="7">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="第%1章"/></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
 <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
 <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>
</w:abstractNum>
<w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="7"/><w:lvlOverride w:ilvl="2"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
</w:numbering>"#
        ))
        .unwrap()
    }

    fn paragraphs(body_xml: &str) -> Vec<SourceBlock> {
        let styles = StyleNumbering::read(&format!(
            r#"<w:styles {W}>
<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="2"><w:basedOn w:val="1"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>
</w:styles>"#
        ))
        .unwrap();
        body(
            &format!("<w:document {W}><w:body>{body_xml}</w:body></w:document>"),
            numbering(),
            &styles,
        )
        .unwrap()
        .blocks
    }

    fn p(s: &str) -> SourceBlock {
        SourceBlock::Paragraph(s.into())
    }

    #[test]
    fn numbering_from_paragraphs_and_styles() {
        let got = paragraphs(
            r#"<w:p><w:pPr><w:pStyle w:val="1"/></w:pPr><w:r><w:t>总则</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="2"/></w:pPr><w:r><w:t>目标</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="2"/><w:numId w:val="3"/></w:numPr></w:pPr><w:r><w:t>普及学前教育。</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="2"/><w:numId w:val="3"/></w:numPr></w:pPr><w:r><w:t>均衡义务教育。</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="3"/><w:numId w:val="3"/></w:numPr></w:pPr><w:r><w:t>一个要点</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="2"/></w:pPr><w:r><w:t>任务</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="2"/><w:numId w:val="3"/></w:numPr></w:pPr><w:r><w:t>重新计数。</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="1"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr><w:r><w:t>不编号的标题</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="1"/></w:pPr><w:r><w:t>保障</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="2"/><w:numId w:val="4"/></w:numPr></w:pPr><w:r><w:t>从五开始。</w:t></w:r></w:p>"#,
        );
        assert_eq!(
            got,
            [
                p("第一章 总则"),
                p("（一）目标"),
                p("1.普及学前教育。"),
                p("2.均衡义务教育。"),
                p("一个要点"),
                p("（二）任务"),
                p("1.重新计数。"),
                p("不编号的标题"),
                p("第二章 保障"),
                p("5.从五开始。"),
            ]
        );
    }

    #[test]
    fn runs_revisions_fields_text_boxes() {
        let got = paragraphs(
            r#"<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>到2025年</w:t></w:r><w:del><w:r><w:delText>删掉的</w:delText></w:r></w:del><w:ins><w:r><w:t xml:space="preserve">，毛入园率&gt;95%</w:t></w:r></w:ins><w:r><w:tab/><w:t>A&amp;B</w:t><w:br/><w:t>第二行</w:t></w:r></w:p>
<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:t>3</w:t></w:r></w:p>
<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>框中文字</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>框中文字</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>正文</w:t></w:r></w:p>"#,
        );
        assert_eq!(
            got,
            [
                p("到2025年，毛入园率>95%\tA&B\n第二行"),
                p("3"),
                p("框中文字"),
                p("正文"),
            ]
        );
    }

    #[test]
    fn tables_merged_and_nested_cells() {
        let cell = |t: &str| format!("<w:tc><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc>");
        let merged = "<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>";
        let restart = "<w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr><w:p><w:r><w:t>普及程度</w:t></w:r></w:p></w:tc>";
        let nested = format!(
            "<w:tc><w:p><w:r><w:t>见下表</w:t></w:r></w:p><w:tbl><w:tr>{}{}</w:tr></w:tbl></w:tc>",
            cell("甲"),
            cell("乙")
        );
        let xml = format!(
            "<w:tbl><w:tr>{}{}{}{}</w:tr><w:tr>{restart}{}{}{}</w:tr><w:tr>{merged}{}{}{nested}</w:tr></w:tbl>",
            cell("类别"),
            cell("指标"),
            cell("2020年"),
            cell("2025年"),
            cell("毛入园率(%)"),
            cell("98"),
            cell("99"),
            cell("巩固率(%)"),
            cell("97"),
        );
        let row = |r: &[&str]| r.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        // the outer table holds a table: a layout table, its cells are paragraphs
        let got = paragraphs(&xml);
        assert_eq!(got.len(), 11, "{got:?}");
        assert_eq!(got[10], p("见下表\n甲 乙"));
        // without the nested table the same rows are a data table with the merged cell once
        let plain = xml.replace(&nested, &cell("97"));
        assert_eq!(
            paragraphs(&plain),
            [SourceBlock::Table(vec![
                row(&["类别", "指标", "2020年", "2025年"]),
                row(&["普及程度", "毛入园率(%)", "98", "99"]),
                row(&["巩固率(%)", "97", "97"]),
            ])]
        );
    }

    #[test]
    fn number_formats() {
        assert_eq!(format_number(1, "chineseCounting"), "一");
        assert_eq!(format_number(10, "chineseCountingThousand"), "十");
        assert_eq!(format_number(12, "chineseCounting"), "十二");
        assert_eq!(format_number(20, "chineseCounting"), "二十");
        assert_eq!(format_number(37, "chineseCounting"), "三十七");
        assert_eq!(format_number(3, "decimalEnclosedCircle"), "③");
        assert_eq!(format_number(4, "decimal"), "4");
        assert_eq!(format_number(2, "decimalFullWidth"), "２");
        assert_eq!(format_number(28, "lowerLetter"), "bb");
        assert_eq!(format_number(14, "upperRoman"), "XIV");
        assert_eq!(format_number(7, "decimalZero"), "07");
    }
}
