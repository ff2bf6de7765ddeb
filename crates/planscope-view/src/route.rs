//! Routes: which page an address shows, and the address of every page.
//!
//! Every page that can be known at build time is a static HTML file in the site's one directory
//! (written by `planscope-site`), so it shows its content with JavaScript off, on any static host,
//! under any sub-path, without rewrite rules:
//!
//! ```text
//! ./  (index.html)                   the plan library; filters in the query (`./?kind=action_plan`)
//! plan-<id>.html                     one plan (title, metadata, outline, full text)
//! plan-<id>.html#s-<section>         … at a section of its outline (`#s-3.1.2`)
//! plan-<id>.html#p-<paragraph>       … at a paragraph, box item or table row (`#p-3.1.2p1`)
//! indicators-<id>.html               the plan's indicators, targets and base statistics
//! indicators-<id>.html?hl=<row>      … with one row or number marked (`T1r3`, `G5`)
//! indicator.html                     the cross-plan indicator explorer: a picker
//! indicator-<ind>.html               one canonical indicator (`preschool_gross_enrolment`) in every plan
//! ./?view=overview                   charts across all plans (drawn by the app only)
//! ./?view=compare&plans=a,b&topic=preschool
//!                                    two to four plans side by side (drawn by the app only)
//! ./?view=search&q=<words>          search across every plan (+ the library's region/kind/period,
//!                                    order=date; drawn by the app only); see `crate::search`
//! plan-<id>.html?find=<w>#p-<id>     a plan with its find bar open on `w` (the links of search results)
//! ```
//!
//! Sections and paragraphs are `#` fragments naming the element's id, so the outline's links jump
//! within the page with JavaScript off; with JavaScript on the app follows the same links itself.
//! The pages' own section and paragraph parameters of earlier versions (`plan-<id>.html?sec=3.1`)
//! are still read.
//!
//! Addresses of earlier versions, all on `index.html` (`?plan=<id>&sec=<section>`, `&p=`,
//! `?plan=<id>&view=indicators&hl=…`), are what QR codes on printed notices hold:
//! [`legacy_redirect`] maps them to the static file, and the loader script of `index.html`
//! (`crate::loader`) applies the same rule with `location.replace` before anything loads.
//! `?view=indicator&ind=…` still works on `index.html` (the app draws it).
//!
//! Parameters the app does not know are ignored rather than rejected: WeChat appends its own
//! (`from=singlemessage&isappinstalled=0`) to every shared link.
//!
//! This module is pure (no DOM), so native `cargo test` covers it.

use std::fmt::Write as _;

use crate::reader::{para_el, section_el};
use planscope_model::local::is_local_id;

/// One screen of the app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// The plan library (the first screen).
    Library,
    /// One plan, optionally scrolled to a section (`3.1.2`) or a paragraph (`3.1.2p1`).
    Plan {
        id: String,
        section: Option<String>,
        para: Option<String>,
    },
    /// The indicators of one plan, optionally with one row or number marked (`T1r3`, `G5`).
    Indicators { id: String, hl: Option<String> },
    /// Charts across all plans.
    Overview,
    /// Plans side by side: the ids as given in the URL (checked by
    /// `compare::select_plans` against the library and the device before anything is fetched), and the topic shown in detail.
    Compare {
        plans: Vec<String>,
        topic: Option<String>,
    },
    /// One canonical indicator across all plans (`None`: the picker).
    Explorer { ind: Option<String> },
    /// Search across every plan: the query as typed (filters and order are read by
    /// `search::SearchParams` from the same query string).
    Search { q: String },
    /// The 打开规划 page (`?view=open`): a file or pasted text parsed in a Web Worker and kept
    /// on this device.
    Open,
    /// A query the app cannot show (unknown view, malformed plan id).
    NotFound,
}

/// Which page component a route needs. Moving between sections of one plan keeps the page (and
/// its loaded document); every other change swaps it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Page {
    Library,
    Plan(String),
    Indicators(String),
    Overview,
    /// The comparison of these plans (changing only the topic keeps the page).
    Compare(Vec<String>),
    Explorer,
    /// Search results (changing the query or filters keeps the page and its input).
    Search,
    Open,
    NotFound,
}

/// The wasm bundles of the site, smallest first; each draws the pages of the ones before it too.
/// See `crate::loader` and ARCHITECTURE.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Bundle {
    /// `planscope-home`: the library (the first screen).
    Home,
    /// `planscope-reader`: the library and the plan reader (what a QR code opens).
    Reader,
    /// `planscope-app`: everything, including charts, indicators and comparison.
    Full,
}

impl Bundle {
    /// Whether this bundle draws `page`.
    pub fn draws(self, page: &Page) -> bool {
        page.bundle() <= self
    }
}

impl Page {
    /// The smallest bundle that draws this page.
    pub fn bundle(&self) -> Bundle {
        match self {
            Page::Library | Page::NotFound => Bundle::Home,
            Page::Plan(_) => Bundle::Reader,
            Page::Indicators(_)
            | Page::Overview
            | Page::Compare(_)
            | Page::Explorer
            | Page::Search
            | Page::Open => Bundle::Full,
        }
    }
}

/// The rule of the loader script in every page (written by [`crate::loader::install_loader`]),
/// in Rust for the tests: the full app on indicator and explorer files and, on `index.html`, when
/// the query has a `view` other than `library`; the reader on plan files; else the home bundle
/// (empty values count as absent). `file` is the last segment of the path (`plan-a.html`, `""`).
pub fn loader_picks(file: &str, search: &str) -> Bundle {
    let html = file.ends_with(".html");
    if (html && (file.starts_with("indicator-") || file.starts_with("indicators-")))
        || file == "indicator.html"
    {
        return Bundle::Full;
    }
    if html && file.starts_with("plan-") {
        return Bundle::Reader;
    }
    let q = search.strip_prefix('?').unwrap_or(search);
    let has = |key: &str, except: &str| {
        q.split('&').any(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            k == key && !v.is_empty() && v != except
        })
    };
    if has("view", "library") {
        Bundle::Full
    } else if has("plan", "") {
        Bundle::Reader
    } else {
        Bundle::Home
    }
}

/// The static file of a plan's reader: `plan-<id>.html`. `id` must have passed [`is_valid_id`].
pub fn plan_file(id: &str) -> String {
    format!("plan-{id}.html")
}

/// The static file of page `n` (≥ 2) of the unfiltered library: `library-<n>.html` (page 1 is
/// `index.html`). Written by `planscope-site`; the app reads the page from the name
/// ([`Location::view_search`]).
pub fn library_file(n: usize) -> String {
    format!("library-{n}.html")
}

/// The page a library file names: `library-3.html` → 3; `None` for any other file.
pub fn library_page_of_file(file: &str) -> Option<usize> {
    file.strip_prefix("library-")?
        .strip_suffix(".html")?
        .parse::<usize>()
        .ok()
        .filter(|&n| n >= 2 && !file.contains('+'))
}

/// The static file of a plan's indicator page: `indicators-<id>.html`.
pub fn indicators_file(id: &str) -> String {
    format!("indicators-{id}.html")
}

/// The static file of the explorer: `indicator.html` (the picker) or `indicator-<ind>.html`.
pub fn explorer_file(ind: Option<&str>) -> String {
    match ind {
        Some(i) => format!("indicator-{i}.html"),
        None => "indicator.html".to_owned(),
    }
}

/// Where an address of an earlier version (`?plan=<id>&sec=<section>` on `index.html`) now
/// lives: the static file with its fragment (`plan-<id>.html#s-3.1`), for plan and indicator
/// addresses, keeping a search result's `find=` (`?plan=a&p=1p1&find=学前` →
/// `plan-a.html?find=%E5%AD%A6%E5%89%8D#p-1p1`); `None` for everything `index.html` still shows itself (the explorer's
/// `?view=indicator&ind=…` included: the full app draws it from the query). The loader forwards
/// only to plans that have a page (`crate::page::with_known_plans`).
pub fn legacy_redirect(search: &str) -> Option<String> {
    match Route::from_query(search) {
        r @ Route::Plan { .. } => Some(crate::search::with_find(
            &r.href(),
            &crate::search::find_param(search),
        )),
        r @ Route::Indicators { .. } => Some(r.href()),
        _ => None,
    }
}

impl Route {
    /// Reads a route from an address: `file` is the last segment of its path (`plan-a.html`,
    /// `index.html` or `""`), `search` its query and `hash` its fragment (each with or without
    /// the leading `?` / `#`). Static files name their page; `index.html` reads the query
    /// ([`Route::from_query`]).
    pub fn from_location(file: &str, search: &str, hash: &str) -> Route {
        let file = decode_component(file);
        let pairs = parse_query(search);
        let get = |key: &str| {
            pairs
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str())
                .filter(|v| is_valid_id(v))
                .map(str::to_owned)
        };
        let Some(stem) = file.strip_suffix(".html") else {
            return Route::from_query(search);
        };
        if let Some(id) = stem.strip_prefix("plan-") {
            if !is_valid_id(id) {
                return Route::NotFound;
            }
            let hash = decode_component(hash.strip_prefix('#').unwrap_or(hash));
            let frag = |prefix: &str| {
                hash.strip_prefix(prefix)
                    .filter(|v| is_valid_id(v))
                    .map(str::to_owned)
            };
            let (section, para) = match (frag("s-"), frag("p-")) {
                (None, None) => (get("sec"), get("p")),
                found => found,
            };
            return Route::Plan {
                id: id.to_owned(),
                section,
                para,
            };
        }
        if let Some(id) = stem.strip_prefix("indicators-") {
            if !is_valid_id(id) {
                return Route::NotFound;
            }
            return Route::Indicators {
                id: id.to_owned(),
                hl: get("hl"),
            };
        }
        if stem == "indicator" {
            return Route::Explorer { ind: None };
        }
        if let Some(ind) = stem.strip_prefix("indicator-") {
            if !is_valid_id(ind) {
                return Route::NotFound;
            }
            return Route::Explorer {
                ind: Some(ind.to_owned()),
            };
        }
        Route::from_query(search)
    }

    /// Reads a route from the query of `index.html` (with or without the leading `?`),
    /// including the addresses of earlier versions (`?plan=<id>&sec=…`).
    pub fn from_query(search: &str) -> Route {
        let pairs = parse_query(search);
        let get = |key: &str| {
            pairs
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str())
                .filter(|v| !v.is_empty())
        };
        if let Some(id) = get("plan") {
            if !is_valid_id(id) {
                return Route::NotFound;
            }
            if get("view") == Some("indicators") {
                let hl = get("hl").filter(|s| is_valid_id(s)).map(str::to_owned);
                return Route::Indicators {
                    id: id.to_owned(),
                    hl,
                };
            }
            let section = get("sec").filter(|s| is_valid_id(s)).map(str::to_owned);
            let para = get("p").filter(|s| is_valid_id(s)).map(str::to_owned);
            return Route::Plan {
                id: id.to_owned(),
                section,
                para,
            };
        }
        match get("view") {
            None | Some("library") => Route::Library,
            Some("overview") => Route::Overview,
            Some("compare") => Route::Compare {
                plans: get("plans")
                    .map(|v| {
                        v.split(',')
                            .map(str::trim)
                            .filter(|s| !s.is_empty())
                            .map(str::to_owned)
                            .collect()
                    })
                    .unwrap_or_default(),
                topic: get("topic").filter(|t| is_valid_id(t)).map(str::to_owned),
            },
            Some("indicator") => Route::Explorer {
                ind: get("ind").filter(|s| is_valid_id(s)).map(str::to_owned),
            },
            Some("search") => Route::Search {
                q: crate::search::SearchParams::from_query(search).q,
            },
            Some("open") => Route::Open,
            Some(_) => Route::NotFound,
        }
    }

    /// The link to this route, relative to the site's directory (every page is in it): the
    /// static file of the page where there is one, `./` (the library, so the address bar shows
    /// the directory) or `./?view=…` for pages only the app draws.
    pub fn href(&self) -> String {
        match self {
            Route::Library => "./".to_owned(),
            // A plan opened on this device has no page of its own: `index.html` draws it.
            Route::Plan { id, section, para } if is_local_id(id) => {
                let mut s = format!("./?plan={id}");
                if let Some(p) = para {
                    let _ = write!(s, "&p={}", encode_component(p));
                } else if let Some(sec) = section {
                    let _ = write!(s, "&sec={}", encode_component(sec));
                }
                s
            }
            Route::Indicators { id, hl } if is_local_id(id) => {
                let mut s = format!("./?plan={id}&view=indicators");
                if let Some(h) = hl {
                    let _ = write!(s, "&hl={}", encode_component(h));
                }
                s
            }
            Route::Plan { id, section, para } => {
                let mut s = plan_file(id);
                if let Some(p) = para {
                    let _ = write!(s, "#{}", para_el(p));
                } else if let Some(sec) = section {
                    let _ = write!(s, "#{}", section_el(sec));
                }
                s
            }
            Route::Indicators { id, hl } => {
                let mut s = indicators_file(id);
                if let Some(h) = hl {
                    let _ = write!(s, "?hl={}", encode_component(h));
                }
                s
            }
            Route::Overview => "./?view=overview".to_owned(),
            Route::Open => "./?view=open".to_owned(),
            Route::Compare { plans, topic } => {
                let mut s = "./?view=compare".to_owned();
                if !plans.is_empty() {
                    let list: Vec<String> = plans.iter().map(|p| encode_component(p)).collect();
                    let _ = write!(s, "&plans={}", list.join(","));
                }
                if let Some(t) = topic {
                    let _ = write!(s, "&topic={}", encode_component(t));
                }
                s
            }
            Route::Explorer { ind } => explorer_file(ind.as_deref()),
            // Not linked to; the library is the safest place to send someone.
            Route::Search { q } => crate::search::SearchParams {
                q: q.clone(),
                ..Default::default()
            }
            .href(),
            Route::NotFound => "./".to_owned(),
        }
    }

    /// The static file that holds this page (`plan-a.html`, `index.html`), `None` for pages only
    /// the app draws (overview, comparison, not found).
    pub fn static_file(&self) -> Option<String> {
        match self {
            Route::Library => Some("index.html".to_owned()),
            Route::Plan { id, .. } | Route::Indicators { id, .. } if is_local_id(id) => None,
            Route::Plan { id, .. } => Some(plan_file(id)),
            Route::Indicators { id, .. } => Some(indicators_file(id)),
            Route::Explorer { ind } => Some(explorer_file(ind.as_deref())),
            Route::Overview
            | Route::Compare { .. }
            | Route::Search { .. }
            | Route::Open
            | Route::NotFound => None,
        }
    }

    /// Link to a plan.
    pub fn plan(id: &str) -> Route {
        Route::Plan {
            id: id.to_owned(),
            section: None,
            para: None,
        }
    }

    /// Link to a paragraph of a plan.
    pub fn paragraph(id: &str, para: &str) -> Route {
        Route::Plan {
            id: id.to_owned(),
            section: None,
            para: Some(para.to_owned()),
        }
    }

    /// Link to the indicator view of a plan.
    pub fn indicators(id: &str) -> Route {
        Route::Indicators {
            id: id.to_owned(),
            hl: None,
        }
    }

    /// Link to a section of a plan.
    pub fn section(id: &str, section: &str) -> Route {
        Route::Plan {
            id: id.to_owned(),
            section: Some(section.to_owned()),
            para: None,
        }
    }

    /// Link to a comparison of these plans, optionally with a topic in detail.
    pub fn compare(plans: &[String], topic: Option<&str>) -> Route {
        Route::Compare {
            plans: plans.to_vec(),
            topic: topic.map(str::to_owned),
        }
    }

    /// The page component this route needs.
    pub fn page(&self) -> Page {
        match self {
            Route::Library => Page::Library,
            Route::Plan { id, .. } => Page::Plan(id.clone()),
            Route::Indicators { id, .. } => Page::Indicators(id.clone()),
            Route::Overview => Page::Overview,
            Route::Compare { plans, .. } => Page::Compare(plans.clone()),
            Route::Explorer { .. } => Page::Explorer,
            Route::Search { .. } => Page::Search,
            Route::Open => Page::Open,
            Route::NotFound => Page::NotFound,
        }
    }
}

/// Plan and section ids are file stems and numbering paths (`guangzhou-conghua-2021-2025`,
/// `3.1.2`, `2_1.3`, `3.1-2`, `A2`). Anything else is refused before it reaches a URL: a plan
/// id becomes part of a path (`data/<id>-<hash>.json`), so `..` or `/` must never get through.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 128
        && !id.starts_with('.')
        && !id.contains("..")
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// Splits `a=1&b=x%20y` into decoded pairs, in order. `+` means a space, as in HTML forms.
pub fn parse_query(search: &str) -> Vec<(String, String)> {
    let search = search.strip_prefix('?').unwrap_or(search);
    search
        .split('&')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let (k, v) = part.split_once('=').unwrap_or((part, ""));
            (decode_component(k), decode_component(v))
        })
        .collect()
}

/// `search` with parameter `key` set to `value` (or removed when `value` is empty), every other
/// parameter kept in order: `?plan=a&sec=1` + (`dept-R1`, `教育局`) → `?plan=a&sec=1&dept-R1=%E6…`.
/// Returns `""` or a string starting with `?`.
pub fn with_param(search: &str, key: &str, value: &str) -> String {
    let mut pairs: Vec<(String, String)> = parse_query(search)
        .into_iter()
        .filter(|(k, _)| k != key)
        .collect();
    if !value.is_empty() {
        pairs.push((key.to_owned(), value.to_owned()));
    }
    let joined: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{}={}", encode_component(k), encode_component(v)))
        .collect();
    if joined.is_empty() {
        String::new()
    } else {
        format!("?{}", joined.join("&"))
    }
}

/// The query parameter that holds the department filter of responsibility table `table`.
pub fn dept_param(table: &str) -> String {
    format!("dept-{table}")
}

/// Percent-decodes one query component. Malformed escapes are kept as printed; invalid UTF-8 is
/// replaced, never a panic.
pub fn decode_component(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h << 4 | l);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Percent-encodes one query component: everything except RFC 3986 unreserved characters.
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// One address split for [`Route::from_location`]: the last path segment, the query (with its
/// `?`, or empty) and the fragment (with its `#`, or empty).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    pub file: String,
    pub search: String,
    pub hash: String,
}

impl Location {
    /// The route of this address.
    pub fn route(&self) -> Route {
        Route::from_location(&self.file, &self.search, &self.hash)
    }

    /// The query as views read it: the address's query, and on a library page file
    /// (`library-3.html`, [`library_file`]) `page=3` after it (the library reads its page from
    /// the query).
    pub fn view_search(&self) -> String {
        match library_page_of_file(&self.file) {
            Some(n) if !parse_query(&self.search).iter().any(|(k, _)| k == "page") => {
                if self.search.trim_start_matches('?').is_empty() {
                    format!("?page={n}")
                } else {
                    format!("{}&page={n}", self.search)
                }
            }
            _ => self.search.clone(),
        }
    }
}

/// When `target` (an absolute URL) is a page of this site, i.e. in the same directory as
/// `current` (same origin), returns its parts, so a click can be handled in-app. `None` for other
/// directories (`data/…`), other sites, and fragments that are not a section or paragraph
/// (`#app`, the skip link), which the browser handles itself.
pub fn in_app_target(target: &str, current: &str) -> Option<Location> {
    let (target_base, target_query, target_fragment) = split_url(target);
    let (current_base, _, _) = split_url(current);
    let dir = |base: &str| base.rfind('/').map(|i| base[..=i].to_owned());
    if dir(target_base)? != dir(current_base)? {
        return None;
    }
    if let Some(f) = target_fragment {
        if !f.is_empty() && !f.starts_with("s-") && !f.starts_with("p-") {
            return None;
        }
    }
    let file = &target_base[target_base.rfind('/')? + 1..];
    Some(Location {
        file: file.to_owned(),
        search: target_query.map(|q| format!("?{q}")).unwrap_or_default(),
        hash: target_fragment.map(|f| format!("#{f}")).unwrap_or_default(),
    })
}

/// Whether following a link from `here` to `next` is left to the browser (a page load) even
/// though the bundle draws `next`: every move onto or off a plan's reader, other than within
/// one plan. A plan's reader is its static page (`plan-<id>.html`) with the app attached to it,
/// which loads faster than the app can draw the text, so there is one way to show a plan; Back
/// then returns to where the reader was through the browser's own history.
pub fn plan_change_loads_page(here: &Route, next: &Route) -> bool {
    let (a, b) = (here.page(), next.page());
    a != b && (matches!(a, Page::Plan(_)) || matches!(b, Page::Plan(_)))
}

/// `scheme://host/path`, query, fragment.
fn split_url(url: &str) -> (&str, Option<&str>, Option<&str>) {
    let (rest, fragment) = match url.split_once('#') {
        Some((r, f)) => (r, Some(f)),
        None => (url, None),
    };
    let (base, query) = match rest.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (rest, None),
    };
    (base, query, fragment)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_and_removes_one_parameter() {
        assert_eq!(
            with_param("?plan=a&sec=1.2", "dept-R1", "教育局"),
            "?plan=a&sec=1.2&dept-R1=%E6%95%99%E8%82%B2%E5%B1%80"
        );
        let with = with_param("?plan=a&dept-R1=x&sec=1", "dept-R1", "y");
        assert_eq!(with, "?plan=a&sec=1&dept-R1=y");
        assert_eq!(with_param(&with, "dept-R1", ""), "?plan=a&sec=1");
        assert_eq!(with_param("", "k", ""), "");
        assert_eq!(with_param("?k=1", "k", ""), "");
        // Values survive the round trip, and the route is unchanged.
        let q = with_param("?plan=a", &dept_param("R2"), "区教育局、区财政局&其他");
        assert_eq!(Route::from_query(&q), Route::plan("a"));
        assert!(
            parse_query(&q).contains(&("dept-R2".to_owned(), "区教育局、区财政局&其他".to_owned()))
        );
    }

    #[test]
    fn the_loader_gives_the_home_bundle_only_pages_it_draws() {
        let queries = [
            "",
            "?",
            "?plan=",
            "?plan=a",
            "?plan=a&sec=1.2",
            "?x=1&plan=b",
            "?view=library",
            "?view=overview",
            "?view=",
            "?view=libraryx",
            "?view=library&kind=action_plan",
            "?region=x&sort=title",
            "?plan=a&view=indicators",
            "?view=compare&plans=a,b",
            "?view=compare",
            "?view=compare&plans=a&topic=preschool",
            "?plan=a&view=indicators&hl=T1r2",
            "?view=indicator",
            "?view=indicator&ind=preschool_gross_enrolment",
            "?ind=preschool_gross_enrolment",
            "?view=search",
            "?view=search&q=%E5%AD%A6%E5%89%8D&kind=action_plan",
            "?q=x",
            "?plan=a&p=1p1&find=x",
            "?planx=1",
            "?plans=a",
            "?sec=1",
            "?view=open",
            "?plan=local-0123456789abcdef",
            "?plan=local-0123456789abcdef&view=indicators",
        ];
        for q in queries {
            let page = Route::from_query(q).page();
            let picked = loader_picks("", q);
            assert!(
                picked.draws(&page),
                "{q}: the loader picks {picked:?} for {page:?}"
            );
        }
        assert_eq!(
            loader_picks("index.html", "?kind=action_plan&period=2021-2025"),
            Bundle::Home
        );
        assert_eq!(loader_picks("index.html", "?plan="), Bundle::Home);
        assert_eq!(loader_picks("index.html", "?plan=a"), Bundle::Reader);
        assert_eq!(
            loader_picks("index.html", "?plan=a&sec=1.2&dept-R1=x"),
            Bundle::Reader
        );
        assert_eq!(
            loader_picks("index.html", "?plan=a&view=library"),
            Bundle::Reader
        );
        assert_eq!(loader_picks("index.html", "?view=overview"), Bundle::Full);
        assert_eq!(
            loader_picks("index.html", "?view=compare&plans=a,b"),
            Bundle::Full
        );
        assert_eq!(loader_picks("index.html", "?view=search&q=x"), Bundle::Full);
        assert_eq!(
            Route::from_query("?view=search&q=x").page().bundle(),
            Bundle::Full
        );
        assert_eq!(
            loader_picks("index.html", "?plan=a&p=1p1&find=x"),
            Bundle::Reader
        );
        assert_eq!(loader_picks("plan-a.html", "?find=x"), Bundle::Reader);
        // Charts, indicators and the comparison are in the full app only.
        for q in [
            "?plan=a&view=indicators",
            "?view=indicator&ind=x",
            "?view=indicator",
            "?view=compare",
            "?view=overview",
        ] {
            assert_eq!(loader_picks("", q), Bundle::Full, "{q}");
            assert_eq!(Route::from_query(q).page().bundle(), Bundle::Full, "{q}");
        }
        assert_eq!(
            Route::from_query("?plan=a&sec=1").page().bundle(),
            Bundle::Reader
        );
        assert!(
            Bundle::Full.draws(&Page::Plan("a".into()))
                && !Bundle::Home.draws(&Page::Plan("a".into()))
        );
    }

    #[test]
    fn reads_every_route() {
        let cases: &[(&str, Route)] = &[
            ("", Route::Library),
            ("?", Route::Library),
            ("?view=library", Route::Library),
            ("?view=overview", Route::Overview),
            ("view=overview", Route::Overview),
            ("?plan=jieyang-2023-2027", Route::plan("jieyang-2023-2027")),
            (
                "?plan=jieyang-2023-2027&sec=3.1.2",
                Route::section("jieyang-2023-2027", "3.1.2"),
            ),
            ("?sec=2_1.3&plan=a", Route::section("a", "2_1.3")),
            ("?plan=a&sec=", Route::plan("a")),
            ("?plan=a&p=3.1p2", Route::paragraph("a", "3.1p2")),
            ("?plan=a&view=indicators", Route::indicators("a")),
            (
                "?plan=a&view=indicators&hl=T1r3",
                Route::Indicators {
                    id: "a".into(),
                    hl: Some("T1r3".into()),
                },
            ),
            ("?plan=a&view=indicators&hl=..%2F", Route::indicators("a")),
            ("?view=indicator", Route::Explorer { ind: None }),
            ("?view=search", Route::Search { q: String::new() }),
            (
                "?view=search&q=%E5%AD%A6%E5%89%8D+%E6%95%99%E8%82%B2&region=x",
                Route::Search {
                    q: "学前 教育".into(),
                },
            ),
            (
                "?view=search&q=%3Cscript%3E",
                Route::Search {
                    q: "<script>".into(),
                },
            ),
            (
                "?view=indicator&ind=preschool_gross_enrolment",
                Route::Explorer {
                    ind: Some("preschool_gross_enrolment".into()),
                },
            ),
            ("?view=indicator&ind=a%2Fb", Route::Explorer { ind: None }),
            ("?view=nonsense", Route::NotFound),
            (
                "?view=compare&plans=a,b&topic=preschool",
                Route::compare(&["a".into(), "b".into()], Some("preschool")),
            ),
            (
                "?view=compare&plans=a%2Cb,,%20c%20&topic=..",
                Route::compare(&["a".into(), "b".into(), "c".into()], None),
            ),
            ("?view=compare", Route::compare(&[], None)),
            // Unknown ids are kept for the page to name them; it never fetches them.
            (
                "?view=compare&plans=../x",
                Route::compare(&["../x".into()], None),
            ),
            ("?plan=", Route::Library),
        ];
        for (query, want) in cases {
            assert_eq!(&Route::from_query(query), want, "query {query:?}");
        }
    }

    #[test]
    fn ignores_parameters_added_by_wechat() {
        assert_eq!(
            Route::from_query("?plan=qingyuan-2022&from=singlemessage&isappinstalled=0"),
            Route::plan("qingyuan-2022")
        );
        assert_eq!(Route::from_query("?from=timeline"), Route::Library);
    }

    #[test]
    fn plan_wins_over_view() {
        assert_eq!(Route::from_query("?view=overview&plan=a"), Route::plan("a"));
    }

    #[test]
    fn refuses_ids_that_could_escape_the_data_directory() {
        for bad in [
            "../secret",
            "a/b",
            "..",
            ".hidden",
            "a b",
            "计划",
            "a%2Fb",
            "a?b",
        ] {
            let query = format!("?plan={}", encode_component(bad));
            assert_eq!(
                Route::from_query(&query),
                Route::NotFound,
                "plan id {bad:?}"
            );
        }
        // A bad section id is dropped, the plan still opens.
        assert_eq!(Route::from_query("?plan=a&sec=..%2F"), Route::plan("a"));
    }

    #[test]
    fn plans_opened_on_this_device_have_no_static_file() {
        let r = Route::plan("local-0123456789abcdef");
        assert_eq!(r.href(), "./?plan=local-0123456789abcdef");
        assert_eq!(r.static_file(), None);
        assert_eq!(
            Route::indicators("local-0123456789abcdef").href(),
            "./?plan=local-0123456789abcdef&view=indicators"
        );
        assert_eq!(Route::from_query("?view=open"), Route::Open);
        assert_eq!(Route::Open.page().bundle(), Bundle::Full);
        assert_eq!(Route::plan("a").href(), "plan-a.html");
    }

    #[test]
    fn href_round_trips() {
        let routes = [
            Route::Library,
            Route::Overview,
            Route::plan("guangzhou-conghua-2021-2025"),
            Route::section("tianjin-heping-2035", "2_1.3"),
            Route::section("x", "3.1-2"),
            Route::paragraph("x", "K1i2"),
            Route::indicators("y"),
            Route::compare(&[], None),
            Route::compare(&["a".into(), "b-2.c".into()], None),
            Route::compare(&["a".into(), "b".into()], Some("high_school")),
            Route::Search { q: String::new() },
            Route::Search {
                q: "学前 教育 <script>%😀".into(),
            },
            Route::indicators("x"),
            Route::Indicators {
                id: "x".into(),
                hl: Some("G5".into()),
            },
            Route::Explorer { ind: None },
            Route::Explorer {
                ind: Some("preschool_gross_enrolment".into()),
            },
            Route::Open,
            // plans opened on this device: drawn by index.html, no static file
            Route::plan("local-0123456789abcdef"),
            Route::section("local-0123456789abcdef", "2_1.3"),
            Route::paragraph("local-0123456789abcdef", "K1i2"),
            Route::Indicators {
                id: "local-0123456789abcdef".into(),
                hl: Some("G5".into()),
            },
        ];
        for r in routes {
            let href = r.href();
            // What the browser resolves the relative link to.
            let target = format!(
                "https://example.org/portal/{}",
                href.trim_start_matches("./")
            );
            let here = "https://example.org/portal/plan-x.html#s-1";
            let loc = in_app_target(&target, here).expect(&href);
            assert_eq!(loc.route(), r, "href {href:?}");
            assert_eq!(
                loader_picks(&loc.file, &loc.search),
                r.page().bundle(),
                "{href}"
            );
        }
    }

    #[test]
    fn hrefs_are_relative() {
        assert_eq!(Route::Library.href(), "./");
        assert_eq!(Route::Overview.href(), "./?view=overview");
        assert_eq!(Route::plan("a").href(), "plan-a.html");
        assert_eq!(Route::section("a", "1.2").href(), "plan-a.html#s-1.2");
        assert_eq!(Route::paragraph("a", "1.2p3").href(), "plan-a.html#p-1.2p3");
        assert_eq!(
            Route::Indicators {
                id: "a".into(),
                hl: Some("T1r2".into())
            }
            .href(),
            "indicators-a.html?hl=T1r2"
        );
        assert_eq!(Route::Explorer { ind: None }.href(), "indicator.html");
        assert_eq!(
            Route::Explorer {
                ind: Some("x_y".into())
            }
            .href(),
            "indicator-x_y.html"
        );
        assert_eq!(
            Route::compare(&["a".into(), "b".into()], Some("preschool")).href(),
            "./?view=compare&plans=a,b&topic=preschool"
        );
        assert_eq!(
            Route::plan("a").static_file().as_deref(),
            Some("plan-a.html")
        );
        assert_eq!(Route::Library.static_file().as_deref(), Some("index.html"));
        assert_eq!(Route::Overview.static_file(), None);
    }

    #[test]
    fn library_page_files() {
        assert_eq!(library_file(3), "library-3.html");
        assert_eq!(library_page_of_file("library-3.html"), Some(3));
        for other in [
            "library-1.html",
            "library-x.html",
            "library-3",
            "index.html",
            "library-+3.html",
        ] {
            assert_eq!(library_page_of_file(other), None, "{other}");
        }
        // The library on its page files: the home bundle, the library route, page from the name.
        assert_eq!(loader_picks("library-3.html", ""), Bundle::Home);
        let at = |file: &str, search: &str| Location {
            file: file.into(),
            search: search.into(),
            hash: String::new(),
        };
        assert_eq!(at("library-3.html", "").route(), Route::Library);
        assert_eq!(at("library-3.html", "").view_search(), "?page=3");
        assert_eq!(
            at("library-3.html", "?from=x").view_search(),
            "?from=x&page=3"
        );
        assert_eq!(at("library-3.html", "?page=5").view_search(), "?page=5");
        assert_eq!(at("index.html", "?kind=x").view_search(), "?kind=x");
    }

    #[test]
    fn reads_static_files() {
        let cases: &[(&str, &str, &str, Route)] = &[
            ("plan-a.html", "", "", Route::plan("a")),
            ("plan-a.html", "", "#s-3.1", Route::section("a", "3.1")),
            ("plan-a.html", "?sec=2", "", Route::section("a", "2")),
            ("plan-a.html", "?sec=2", "#s-3", Route::section("a", "3")),
            (
                "plan-a.html",
                "",
                "#p-3.1p2",
                Route::paragraph("a", "3.1p2"),
            ),
            (
                "plan-a.html",
                "?from=singlemessage",
                "#app",
                Route::plan("a"),
            ),
            ("plan-a.html", "", "#s-..%2F", Route::plan("a")),
            ("plan-..html", "", "", Route::NotFound),
            ("plan-%2E%2E.html", "", "", Route::NotFound),
            (
                "indicators-a.html",
                "?hl=T1r3",
                "",
                Route::Indicators {
                    id: "a".into(),
                    hl: Some("T1r3".into()),
                },
            ),
            ("indicators-a.html", "?hl=..", "", Route::indicators("a")),
            ("indicator.html", "", "", Route::Explorer { ind: None }),
            (
                "indicator-x_y.html",
                "",
                "",
                Route::Explorer {
                    ind: Some("x_y".into()),
                },
            ),
            ("index.html", "?view=overview", "", Route::Overview),
            ("", "?plan=a&sec=1", "", Route::section("a", "1")),
            ("", "", "", Route::Library),
            ("default.htm", "", "", Route::Library),
            ("other.html", "?kind=action_plan", "", Route::Library),
        ];
        for (file, search, hash, want) in cases {
            assert_eq!(
                &Route::from_location(file, search, hash),
                want,
                "{file}{search}{hash}"
            );
        }
    }

    #[test]
    fn old_addresses_lead_to_the_static_file() {
        let cases: &[(&str, Option<&str>)] = &[
            ("?plan=a", Some("plan-a.html")),
            (
                "?plan=a&sec=3.1&from=singlemessage&isappinstalled=0",
                Some("plan-a.html#s-3.1"),
            ),
            ("?plan=a&p=3.1p2", Some("plan-a.html#p-3.1p2")),
            (
                "?plan=a&p=3.1p2&find=%E5%AD%A6",
                Some("plan-a.html?find=%E5%AD%A6#p-3.1p2"),
            ),
            (
                "?plan=a&view=indicators&hl=G5",
                Some("indicators-a.html?hl=G5"),
            ),
            ("?view=indicator&ind=x", None),
            ("?plan=..%2Fx", None),
            ("", None),
            ("?view=overview", None),
            ("?kind=action_plan", None),
        ];
        for (q, want) in cases {
            assert_eq!(legacy_redirect(q).as_deref(), *want, "{q}");
        }
    }

    #[test]
    fn decodes_components() {
        assert_eq!(decode_component("a+b%20c"), "a b c");
        assert_eq!(decode_component("%E8%A7%84%E5%88%92"), "规划");
        assert_eq!(decode_component("100%"), "100%");
        assert_eq!(decode_component("%zz%4"), "%zz%4");
        assert_eq!(decode_component("%FF"), "\u{FFFD}");
        assert_eq!(encode_component("规划 a/b"), "%E8%A7%84%E5%88%92%20a%2Fb");
    }

    #[test]
    fn parses_pairs_in_order() {
        assert_eq!(
            parse_query("?a=1&&b&c=x=y"),
            vec![
                ("a".to_owned(), "1".to_owned()),
                ("b".to_owned(), String::new()),
                ("c".to_owned(), "x=y".to_owned())
            ]
        );
    }

    #[test]
    fn page_ignores_the_section() {
        assert_eq!(Route::section("a", "1").page(), Route::plan("a").page());
        assert_ne!(Route::plan("a").page(), Route::plan("b").page());
    }

    #[test]
    fn recognises_links_to_this_site() {
        let here = "https://example.org/portal/plans/plan-a.html";
        let loc = |file: &str, search: &str, hash: &str| Location {
            file: file.into(),
            search: search.into(),
            hash: hash.into(),
        };
        let cases: &[(&str, Option<Location>)] = &[
            (
                "https://example.org/portal/plans/plan-b.html",
                Some(loc("plan-b.html", "", "")),
            ),
            ("https://example.org/portal/plans/", Some(loc("", "", ""))),
            (
                "https://example.org/portal/plans/index.html?view=overview",
                Some(loc("index.html", "?view=overview", "")),
            ),
            (
                "https://example.org/portal/plans/plan-a.html#s-3.1",
                Some(loc("plan-a.html", "", "#s-3.1")),
            ),
            ("https://example.org/portal/plans/plan-a.html#app", None),
            ("https://example.org/portal/other/?plan=b", None),
            ("https://example.org/portal/plans/data/index.json", None),
            ("https://other.example/portal/plans/plan-b.html", None),
            ("http://example.org/portal/plans/plan-b.html", None),
        ];
        for (target, want) in cases {
            assert_eq!(&in_app_target(target, here), want, "{target}");
        }
    }

    #[test]
    fn moves_onto_or_off_a_plan_are_page_loads() {
        let lib = Route::Library;
        assert!(plan_change_loads_page(&lib, &Route::plan("a")));
        assert!(plan_change_loads_page(&Route::section("a", "1"), &lib));
        assert!(plan_change_loads_page(&Route::plan("a"), &Route::plan("b")));
        assert!(!plan_change_loads_page(
            &Route::plan("a"),
            &Route::section("a", "1.2")
        ));
        assert!(!plan_change_loads_page(&lib, &Route::Overview));
        assert!(!plan_change_loads_page(&lib, &lib));
    }
}
