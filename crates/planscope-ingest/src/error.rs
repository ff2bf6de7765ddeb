//! Why a file cannot be opened as a plan, in words for a reader (zh-CN, [`IngestError::message_zh`])
//! and for the CLI (English, `Display`). Every message names the file and says what to do.

use std::fmt;

/// A refused file: its name (as given, without directories) and the reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IngestError {
    pub file_name: String,
    pub kind: ErrorKind,
}

/// Where a text stops being decodable ([`ErrorKind::Undecodable`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BadSpot {
    /// 1-based line.
    pub line: usize,
    /// Byte offset in the file.
    pub offset: usize,
}

/// The reason a file was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// No bytes, or only whitespace; or a page/document with no text at all.
    Empty,
    /// Not text: a NUL byte or control-character soup at this byte offset.
    Binary { offset: usize },
    /// Text in no encoding we read, or mixed encodings: `count` runs of invalid bytes, the first
    /// few at `first` (the rest of the file is readable). `encoding` is the likelier encoding.
    Undecodable {
        encoding: &'static str,
        count: usize,
        first: Vec<BadSpot>,
    },
    /// An OLE compound file (`D0 CF 11 E0`): Word 97–2003 `.doc`, WPS `.wps`, or an encrypted
    /// `.docx`.
    OldWord,
    /// A PDF (`%PDF-`).
    Pdf,
    /// A zip archive without `word/document.xml` (`.xlsx`, `.pptx`, `.odt`, a plain zip).
    NotDocx,
    /// A `.docx` whose zip or XML is broken.
    BadDocx { reason: String },
    /// A web archive (MHTML: `.mht`/`.mhtml`) without a readable HTML page.
    WebArchive,
    /// Larger than the page reads ([`crate::store::MAX_BYTES`]): `bytes` of the file, `limit`.
    /// Only the 打开规划 page's [`crate::Job`] checks it; the CLI reads any size.
    TooLarge { bytes: u64, limit: u64 },
    /// Readable, but no heading at all was found (no outline): not a plan, or a plan whose
    /// numbering was lost. Only [`crate::Job`] refuses it; the CLI keeps such a file (its
    /// diagnostics say why).
    NoStructure,
}

impl IngestError {
    pub fn new(file_name: &str, kind: ErrorKind) -> IngestError {
        IngestError {
            file_name: base_name(file_name).to_string(),
            kind,
        }
    }

    /// The message for a reader (zh-CN): what is wrong with the file and what to do.
    pub fn message_zh(&self) -> String {
        let f = &self.file_name;
        match &self.kind {
            ErrorKind::Empty => format!(
                "「{f}」里没有可读的文字。请确认选对了文件，或直接粘贴规划全文。"
            ),
            ErrorKind::Binary { .. } => format!(
                "「{f}」不是文本文件，无法读取。请打开纯文本（.txt）、网页（.html）或 Word（.docx）文件。"
            ),
            ErrorKind::Undecodable {
                count, first, ..
            } => {
                let lines: Vec<String> = first.iter().map(|b| format!("第 {} 行", b.line)).collect();
                format!(
                    "「{f}」中有 {count} 处文字编码无法识别（{}），其余部分可以读取。为免内容残缺，未打开此文件。请用记事本或 WPS 把文件另存为 UTF-8 编码后再打开。",
                    lines.join("、")
                )
            }
            ErrorKind::OldWord => format!(
                "「{f}」是旧版 Word（.doc）、WPS 或加密的文档，无法直接读取。请在 Word 或 WPS 中另存为 .docx 或纯文本（.txt）后再打开。"
            ),
            ErrorKind::Pdf => format!(
                "「{f}」是 PDF 文件，无法读取其中的文字。请打开该规划的网页版（.html）或 Word 版（.docx），或从网页复制全文后粘贴。"
            ),
            ErrorKind::NotDocx => format!(
                "「{f}」是压缩包，但不是 Word 文档（.docx）。请解压后打开其中的规划文件，或另存为 .docx 或 .txt。"
            ),
            ErrorKind::BadDocx { .. } => format!(
                "「{f}」是损坏的 Word 文档，无法读取。请在 Word 或 WPS 中重新另存为 .docx 后再打开。"
            ),
            ErrorKind::WebArchive => format!(
                "「{f}」是网页存档（MHTML），但其中没有可读的网页。请在浏览器中把该网页另存为“网页，仅 HTML”后再打开，或复制正文后粘贴。"
            ),
            ErrorKind::TooLarge { bytes, limit } => format!(
                "「{f}」有 {:.1} MB，超过了本页能打开的 {} MB，可能不是一份规划。请确认选对了文件，或只复制规划正文后粘贴。",
                *bytes as f64 / 1_048_576.0,
                limit / 1_048_576
            ),
            ErrorKind::NoStructure => format!(
                "「{f}」中没有找到任何标题（如“一、”“（一）”“第一章”），无法整理成规划目录，因此没有保存。请确认这是一份规划的全文；若标题的编号在复制时丢失了，请打开原文件（.docx 或网页）。"
            ),
        }
    }
}

impl fmt::Display for IngestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = &self.file_name;
        match &self.kind {
            ErrorKind::Empty => write!(
                f,
                "{name}: no text to read (empty file or page); check that it is the right file"
            ),
            ErrorKind::Binary { offset } => write!(
                f,
                "{name}: binary, not text (control byte at offset {offset}); give a .txt, .html or .docx file"
            ),
            ErrorKind::Undecodable {
                encoding,
                count,
                first,
            } => {
                let at: Vec<String> = first
                    .iter()
                    .map(|b| format!("line {} (byte {})", b.line, b.offset))
                    .collect();
                write!(
                    f,
                    "{name}: not readable as UTF-8 or GB18030 text: {count} run(s) of invalid bytes (read as {encoding}), first at {}; the rest decodes. Re-save the file as UTF-8",
                    at.join(", ")
                )
            }
            ErrorKind::OldWord => write!(
                f,
                "{name}: an old Word .doc / WPS / encrypted document (OLE file); save it as .docx or .txt"
            ),
            ErrorKind::Pdf => write!(
                f,
                "{name}: a PDF, whose text cannot be read; use the plan's web page (.html), Word file (.docx) or text"
            ),
            ErrorKind::NotDocx => write!(
                f,
                "{name}: a zip archive but not a Word .docx (no word/document.xml); unzip it or save as .docx or .txt"
            ),
            ErrorKind::BadDocx { reason } => write!(
                f,
                "{name}: a damaged .docx ({reason}); save it again from Word or WPS"
            ),
            ErrorKind::WebArchive => write!(
                f,
                "{name}: a web archive (MHTML) without a readable HTML page; save the page as HTML only, or paste its text"
            ),
            ErrorKind::TooLarge { bytes, limit } => write!(
                f,
                "{name}: {bytes} bytes, more than the {limit} the page opens; check the file or paste only the plan's text"
            ),
            ErrorKind::NoStructure => write!(
                f,
                "{name}: no heading found (no outline); check that it is a plan's full text, or open the original .docx or web page"
            ),
        }
    }
}

impl std::error::Error for IngestError {}

/// The file name without directories (`seeds/a.txt` → `a.txt`).
pub fn base_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}
