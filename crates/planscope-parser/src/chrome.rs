//! Web-page chrome: whole lines that belong to the portal page, not to the document.
//!
//! A line is chrome when, trimmed of spaces and NBSP, it matches one of these rules
//! (each rule has a stable id, used in tests and diagnostics):
//!
//! | rule | what | examples |
//! |---|---|---|
//! | `nav` | breadcrumbs and greetings | `您当前所在位置: 首页 > …`, `今天是,欢迎访问…` |
//! | `source-line` | the page's source/time/visits line | `来源:本网 发布时间:2022-06-27 17:17`, `发布时间:2022-05-10` |
//! | `widgets` | a line made only of page widgets | `返回顶部打印页面关闭本页浏览次数:-`, `【 字体:`, `分享:`, `扫一扫在手机打开当前页`, `相关阅读` |
//! | `symbols` | a line of only punctuation/arrows | `<`, `>>` |
//! | `url` | a bare web address | `www.jieyang.gov.cn` |
//! | `info-header` | 政府信息公开 info box fields, one or several per line | `索引号 …`, `发布机构 …`, `信息名称 …`, `发文机关：…`, `文号：…`, `成文日期：…`, `标题：…` |
//! | `database-header` | a legal database's citation header and source link | `北大法宝【法宝引证码】 CLI.12.1`, `原文链接：https://…` |
//! | `share-site` | document-sharing site banners | `《….docx》由会员分享,可在线阅读…` |
//! | `interpretation` | links to policy interpretations | `政策解读文件:【一图读懂】《…》` |
//! | `footer` | site footer | `揭阳市人民政府门户网站`, `版权所有…`, `ICP备…`, `网站地图` |
//! | `site-field` | the footer's `key：value` fields | `主办单位：…`, `承办单位：…`, `技术支持：…` |
//! | `site-header` | the site's name on the first lines, before the document starts | `揭阳市人民政府`, `甘肃崆峒`, `清远市教育局` |
//!
//! Everything else is document text, including a document's own imprint (`公开方式:主动公开`,
//! `…2022年6月13日印发`), which the structure pass keeps as back matter.
//!
//! **Chrome only where it is chrome.** `info-header` and `site-field` lines are `key：value`
//! forms that a document may print too (an activity plan's `主办单位：市教育委员会` under its
//! 一、组织机构). They are chrome only at the edges of the page ([`Rule::edge_only`]): in the run
//! of lines before the document starts, or in the run after its last line of text (a line of
//! chrome of any rule continues an edge run). Between two lines of document text they are
//! document text.

use crate::text::{contains, is_han, is_space, starts_with_at};

/// A chrome rule; [`Rule::as_str`] is the stable id used in tests and reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Rule {
    Nav,
    SourceLine,
    Widgets,
    Symbols,
    Url,
    InfoHeader,
    DatabaseHeader,
    ShareSite,
    Interpretation,
    Footer,
    SiteField,
    SiteHeader,
}

impl Rule {
    /// The stable id (`nav`, `source-line`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::Nav => "nav",
            Rule::SourceLine => "source-line",
            Rule::Widgets => "widgets",
            Rule::Symbols => "symbols",
            Rule::Url => "url",
            Rule::InfoHeader => "info-header",
            Rule::DatabaseHeader => "database-header",
            Rule::ShareSite => "share-site",
            Rule::Interpretation => "interpretation",
            Rule::Footer => "footer",
            Rule::SiteField => "site-field",
            Rule::SiteHeader => "site-header",
        }
    }

    /// `key：value` rules: chrome only in the runs of chrome at the top and the bottom of the
    /// page, document text between two lines of document text.
    pub fn edge_only(self) -> bool {
        matches!(self, Rule::InfoHeader | Rule::SiteField)
    }
}

/// Keys of a government portal's 政府信息公开 info box. A line starting with one of them (and
/// no `。`) is an `info-header` line; [`crate::metadata::info_box`] reads the fields.
pub const INFO_BOX_KEYS: &[&str] = &[
    "索引号",
    "发布机构",
    "信息名称",
    "生成日期",
    "主题分类",
    "公文种类",
    "发文机关",
    "发文字号",
    "组配分类",
    "体裁分类",
    "服务对象",
    "有效性",
    "成文日期",
    "发文日期",
    "所属机构",
];

/// Keys that are info box keys only when a `:` or a space follows (they open body text too).
const INFO_BOX_SHORT_KEYS: &[&str] = &["文号", "标题", "名称", "发布日期", "时效性"];

/// Widget words: a line consisting only of these (and separators) is chrome.
const WIDGETS: &[&str] = &[
    "扫一扫在手机打开当前页",
    "扫一扫在手机上查看当前页面",
    "用手机扫描二维码",
    "扫一扫",
    "返回顶部",
    "回到顶部",
    "打印页面",
    "打印本页",
    "打印此页",
    "关闭本页",
    "关闭窗口",
    "关闭页面",
    "点击关闭",
    "相关稿件",
    "相关附件",
    "相关阅读",
    "相关链接",
    "相关文章",
    "相关文件",
    "相关新闻",
    "相关信息",
    "附件下载",
    "浏览次数",
    "阅读次数",
    "访问量",
    "点击数",
    "分享到",
    "分享",
    "收藏",
    "打印",
    "关闭",
    "字体",
    "字号",
    "默认",
    "大",
    "中",
    "小",
    "上一篇",
    "下一篇",
    "纠错",
    "我要纠错",
    "微信",
    "微博",
    "QQ空间",
    "二维码",
];

fn is_separator(c: char) -> bool {
    is_space(c)
        || c.is_ascii_punctuation()
        || c.is_ascii_digit()
        || matches!(
            c,
            '【' | '】'
                | '['
                | ']'
                | ':'
                | '|'
                | '·'
                | '•'
                | '-'
                | '—'
                | '>'
                | '<'
                | '«'
                | '»'
                | '›'
                | '‹'
                | '→'
                | '←'
                | '('
                | ')'
                | '/'
                | '、'
                | ','
                | '。'
        )
}

/// Does a trimmed line consist only of widget words and separators (with at least one word)?
fn only_widgets(chars: &[char]) -> bool {
    let mut i = 0;
    let mut words = 0;
    'outer: while i < chars.len() {
        if is_separator(chars[i]) {
            i += 1;
            continue;
        }
        if WIDGETS_FIRST >> (chars[i] as u32 & 127) & 1 == 0 {
            // no widget word starts with this char
            return false;
        }
        for w in WIDGETS {
            if starts_with_at(chars, i, w) {
                i += w.chars().count();
                words += 1;
                continue 'outer;
            }
        }
        return false;
    }
    words > 0
}

fn starts_with_key(chars: &[char], keys: &[&str]) -> bool {
    keys.iter().any(|k| starts_with_at(chars, 0, k))
}

fn followed_by_colon(chars: &[char], key: &str) -> bool {
    let n = key.chars().count();
    starts_with_at(chars, 0, key) && matches!(chars.get(n), Some(':'))
}

fn is_url(chars: &[char]) -> bool {
    // ASCII case-insensitive comparisons on the chars (the patterns are ASCII, so this is the
    // same as on a lower-cased copy): no string is built per line
    let lower_is = |c: char, p: char| c.to_ascii_lowercase() == p;
    let starts =
        |p: &str| chars.len() >= p.len() && p.chars().zip(chars).all(|(p, &c)| lower_is(c, p));
    let ends = |p: &str| {
        chars.len() >= p.len()
            && p.chars()
                .zip(&chars[chars.len() - p.len()..])
                .all(|(p, &c)| lower_is(c, p))
    };
    if starts("http://") || starts("https://") || starts("www.") {
        return !chars.iter().any(|&c| is_space(c));
    }
    // a bare domain: ascii letters/digits/dots/dashes ending in a known TLD
    chars
        .iter()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '/'))
        && (ends(".cn") || ends(".com") || ends(".gov.cn") || ends(".net") || ends(".org"))
        && chars.contains(&'.')
}

/// The words that [`classify`] looks for anywhere in a line. They are found in one pass over
/// the line ([`present`]) instead of one scan per word; the rules read the result with
/// [`has`], in the same order and with the same meaning as a search for each word.
const ANYWHERE: &[&str] = &[
    "当前位置",
    "所在位置",
    "您的位置",
    "欢迎访问",
    ">",
    "》",
    "›",
    "浏览次数",
    "访问量",
    "阅读次数",
    "引证码",
    "北大法宝",
    "由会员分享",
    "可在线阅读",
    ".doc",
    "下载",
    "版权所有",
    "ICP备",
    "网站标识码",
    "公网安备",
];

/// The first char of a non-empty word, decoded from UTF-8 at compile time.
const fn first_char(w: &str) -> u32 {
    let b = w.as_bytes();
    if b[0] < 0x80 {
        b[0] as u32
    } else if b[0] < 0xE0 {
        ((b[0] as u32 & 0x1F) << 6) | (b[1] as u32 & 0x3F)
    } else if b[0] < 0xF0 {
        ((b[0] as u32 & 0x0F) << 12) | ((b[1] as u32 & 0x3F) << 6) | (b[2] as u32 & 0x3F)
    } else {
        ((b[0] as u32 & 0x07) << 18)
            | ((b[1] as u32 & 0x3F) << 12)
            | ((b[2] as u32 & 0x3F) << 6)
            | (b[3] as u32 & 0x3F)
    }
}

/// A 128-bit filter of the first chars of `words` (bit `c mod 128`): a char whose bit is clear
/// starts none of them.
const fn first_char_bits(words: &[&str]) -> u128 {
    let mut m = 0u128;
    let mut i = 0;
    while i < words.len() {
        m |= 1u128 << (first_char(words[i]) & 127);
        i += 1;
    }
    m
}

/// A 4096-bit filter of the first chars of [`ANYWHERE`] (bit `c mod 4096`): the 128-bit one
/// lets about one CJK char in eight through to the word loop; this one about one in two hundred.
static ANYWHERE_FIRST: [u64; 64] = {
    let mut m = [0u64; 64];
    let mut i = 0;
    while i < ANYWHERE.len() {
        let c = first_char(ANYWHERE[i]);
        m[(c >> 6 & 63) as usize] |= 1 << (c & 63);
        i += 1;
    }
    m
};
const WIDGETS_FIRST: u128 = first_char_bits(WIDGETS);

/// The first char of each [`ANYWHERE`] word, so a word is compared only where it can start.
const ANYWHERE_STARTS: [u32; ANYWHERE.len()] = {
    let mut a = [0u32; ANYWHERE.len()];
    let mut i = 0;
    while i < ANYWHERE.len() {
        a[i] = first_char(ANYWHERE[i]);
        i += 1;
    }
    a
};

/// Which [`ANYWHERE`] words occur in `chars` (bit k for word k), in one pass.
fn present(chars: &[char]) -> u32 {
    let mut bits = 0u32;
    for (i, &c) in chars.iter().enumerate() {
        if ANYWHERE_FIRST[(c as u32 >> 6 & 63) as usize] >> (c as u32 & 63) & 1 == 0 {
            continue;
        }
        for (k, w) in ANYWHERE.iter().enumerate() {
            if ANYWHERE_STARTS[k] == c as u32 && starts_with_at(chars, i, w) {
                bits |= 1 << k;
            }
        }
    }
    bits
}

/// Is word `w` of [`ANYWHERE`] among the words `bits` ([`present`]) says occur?
fn has(bits: u32, w: &str) -> bool {
    ANYWHERE
        .iter()
        .position(|x| *x == w)
        .is_some_and(|k| bits >> k & 1 == 1)
}

/// Classify one trimmed line, anywhere in the text. Returns the rule id when it is chrome.
pub fn classify(chars: &[char]) -> Option<Rule> {
    if chars.is_empty() {
        return None;
    }
    let found = present(chars);
    if has(found, "当前位置")
        || has(found, "所在位置")
        || has(found, "您的位置")
        || has(found, "欢迎访问")
    {
        return Some(Rule::Nav);
    }
    if starts_with_at(chars, 0, "首页") && (has(found, ">") || has(found, "》") || has(found, "›"))
    {
        return Some(Rule::Nav);
    }
    if followed_by_colon(chars, "来源")
        || (starts_with_key(chars, &["发布时间", "发布日期", "更新时间", "更新日期"])
            && chars.len() <= 40
            && chars.iter().any(|c| c.is_ascii_digit()))
        || has(found, "浏览次数")
        || has(found, "访问量")
        || has(found, "阅读次数")
    {
        return Some(Rule::SourceLine);
    }
    if only_widgets(chars) {
        return Some(Rule::Widgets);
    }
    if chars
        .iter()
        .all(|&c| is_separator(c) && !c.is_ascii_digit())
    {
        return Some(Rule::Symbols);
    }
    if is_url(chars) {
        return Some(Rule::Url);
    }
    if has(found, "引证码")
        || has(found, "北大法宝")
        || ["原文链接", "原文地址", "原文网址", "来源链接"]
            .iter()
            .any(|k| followed_by_colon(chars, k))
    {
        return Some(Rule::DatabaseHeader);
    }
    let short_key = INFO_BOX_SHORT_KEYS.iter().any(|k| {
        let n = k.chars().count();
        starts_with_at(chars, 0, k) && chars.get(n).is_some_and(|&c| c == ':' || is_space(c))
    });
    if (short_key || starts_with_key(chars, INFO_BOX_KEYS)) && !chars.contains(&'。') {
        return Some(Rule::InfoHeader);
    }
    if has(found, "由会员分享")
        || has(found, "可在线阅读")
        || (has(found, ".doc") && has(found, "下载"))
    {
        return Some(Rule::ShareSite);
    }
    if starts_with_key(
        chars,
        &[
            "政策解读",
            "相关解读",
            "【一图读懂】",
            "图文解读",
            "解读:",
            "解读:",
        ],
    ) {
        return Some(Rule::Interpretation);
    }
    if has(found, "版权所有")
        || has(found, "ICP备")
        || has(found, "网站标识码")
        || has(found, "公网安备")
        || starts_with_key(chars, &["联系我们", "网站地图"])
        || (chars.len() <= 24 && (ends_with(chars, "门户网站") || ends_with(chars, "政府网站")))
    {
        return Some(Rule::Footer);
    }
    if starts_with_key(chars, &["主办单位", "承办单位", "主办:", "技术支持"]) {
        return Some(Rule::SiteField);
    }
    None
}

fn ends_with(chars: &[char], p: &str) -> bool {
    let n = p.chars().count();
    chars.len() >= n && starts_with_at(chars, chars.len() - n, p)
}

/// Words that mark the start of the document proper (a notice headline or a plan title).
const DOC_WORDS: &[&str] = &[
    "关于",
    "通知",
    "规划",
    "方案",
    "要点",
    "意见",
    "计划",
    "纲要",
    "现代化",
    "办法",
    "决定",
    "报告",
    "细则",
    "《",
];

/// Organisation-name endings that a site header may have.
const SITE_ENDINGS: &[&str] = &[
    "人民政府",
    "政府",
    "教育局",
    "教育厅",
    "教育委员会",
    "教委",
    "局",
    "厅",
    "委员会",
    "网",
    "门户",
    "政务网",
    "办公室",
];

/// Is this trimmed line, standing before the document starts, the site's name?
/// (Short, no sentence punctuation or digits, no title words, and an organisation-like ending
/// or at most six Han characters.)
pub fn is_site_header(chars: &[char]) -> bool {
    if chars.is_empty() || chars.len() > 16 {
        return false;
    }
    if chars
        .iter()
        .any(|&c| c.is_ascii_digit() || crate::text::is_sentence_end(c) || c == ',')
    {
        return false;
    }
    if DOC_WORDS.iter().any(|w| contains(chars, w)) {
        return false;
    }
    if !chars.iter().all(|&c| is_han(c) || is_space(c)) {
        return false;
    }
    SITE_ENDINGS.iter().any(|e| ends_with(chars, e)) || chars.len() <= 6
}

/// Does this trimmed line start the document proper (for the site-header rule)?
pub fn starts_document(chars: &[char]) -> bool {
    DOC_WORDS.iter().any(|w| contains(chars, w)) || chars.len() > 30
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn urls_any_case() {
        for u in [
            "HTTPS://Example.ORG/a b",
            "Www.Jieyang.Gov.CN",
            "jyjy.GOV.cn",
            "http://x.cn/规划",
        ] {
            assert_eq!(is_url(&c(u)), !u.contains(' '), "{u}");
        }
        for u in ["1.加强", "example", "x.cn 网站", "国务院.cn", "2021.10"] {
            assert!(!is_url(&c(u)), "{u}");
        }
    }

    #[test]
    fn anywhere_words_found_in_one_pass() {
        for w in ANYWHERE {
            let line = c(&format!("某某{w}某某"));
            assert!(has(present(&line), w), "{w}");
            let others = present(&line) & !(1 << ANYWHERE.iter().position(|x| x == w).unwrap());
            assert_eq!(others, 0, "{w}: only itself");
        }
        assert_eq!(present(&c("首页 > 新闻")), 1 << 4);
        assert!(!has(present(&c("欢迎访")), "欢迎访问"));
    }

    #[test]
    fn chrome_lines() {
        let cases = [
            ("今天是,欢迎访问广州市从化区政府网", "nav"),
            ("您当前所在位置: 首页 > 政务公开 > 专项规划", "nav"),
            ("来源:本网 发布时间:2022-06-27 17:17", "source-line"),
            ("来源:本网访问量:-发布时间:2022-03-28", "source-line"),
            ("发布时间:2022-05-10", "source-line"),
            ("返回顶部打印页面关闭本页浏览次数:-", "source-line"),
            ("【 字体:", "widgets"),
            ("分享:", "widgets"),
            ("相关附件:", "widgets"),
            ("扫一扫在手机打开当前页", "widgets"),
            ("点击关闭", "widgets"),
            ("返回顶部", "widgets"),
            ("<", "symbols"),
            ("www.jieyang.gov.cn", "url"),
            (
                "索引号 6208001028/2021-03060 文号 区教发〔2021〕515号",
                "info-header",
            ),
            (
                "政策解读文件:【一图读懂】《广州市从化区教育事业发展“十四五”规划》",
                "interpretation",
            ),
            ("揭阳市人民政府门户网站", "footer"),
            ("主办单位：某市人民政府办公室", "site-field"),
            ("北大法宝【法宝引证码】 CLI.12.1", "database-header"),
            (
                "原文链接：https://example.org/law/abc.html",
                "database-header",
            ),
            ("发文机关：某省教育厅", "info-header"),
            ("文号：某教发〔2020〕3号", "info-header"),
            ("标题 某省2020年教育工作要点", "info-header"),
            ("成文日期：2020年05月06日", "info-header"),
        ];
        for (line, rule) in cases {
            let folded: Vec<char> = crate::text::fold_str(line).chars().collect();
            assert_eq!(classify(&folded).map(Rule::as_str), Some(rule), "{line}");
        }
        assert!(Rule::SiteField.edge_only() && Rule::InfoHeader.edge_only());
        assert!(!Rule::Footer.edge_only());
    }

    #[test]
    fn document_text_is_not_chrome() {
        for line in [
            "公开方式:主动公开",
            "从化区人民政府办公室秘书科 2022年6月13日印发",
            "一、发展基础",
            "学前教育毛入园率(%)",
            "约束性",
            "大力发展公办幼儿园和普惠性民办幼儿园。",
            "100.23",
            "中小学生体质健康优良率(%)",
            "2020年",
            "文号是公文的编号。",
            "标题要简洁",
        ] {
            assert_eq!(classify(&c(line)), None, "{line}");
        }
    }

    #[test]
    fn site_header() {
        assert!(is_site_header(&c("揭阳市人民政府")));
        assert!(is_site_header(&c("甘肃崆峒")));
        assert!(is_site_header(&c("清远市教育局")));
        assert!(!is_site_header(&c("清远市2022年教育工作要点")));
        assert!(!is_site_header(&c("广州市从化区教育事业发展规划")));
        assert!(starts_document(&c("揭阳市人民政府办公室关于印发…的通知")));
    }
}
