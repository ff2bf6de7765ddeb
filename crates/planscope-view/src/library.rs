//! The library (home page) as data: filters, sorting and facet counts over `data/index.json`,
//! and the query string that makes a filtered library a shareable link.
//!
//! ```text
//! ./                                   every plan, newest first
//! ?region=广东省&kind=action_plan       one province (or city), one kind
//! ?period=2021-2025&sort=targets       one plan period, most numeric targets first
//! ?kind=opinion&page=3                 the third page (PAGE_SIZE plans) of the results
//! library-<n>.html                     page n of the unfiltered library, newest first: a static
//!                                      file (written by planscope-site), so every plan is
//!                                      reachable with JavaScript off through the pager's links
//! ```
//!
//! Filters, facet counts and the order are computed over every plan of `data/index.json`; only
//! the page shown is drawn (issue 15: the first screen at 2,000 plans holds [`PAGE_SIZE`] cards,
//! not 2,000).
//!
//! Unknown or malformed values are ignored (the library then shows more, never an error), as
//! are parameters this module does not know (WeChat adds its own).
//!
//! Pure: the library component of the app (rendered live in the browser and to static HTML at
//! build time) takes its lists, labels and links from here.

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::fmt::Write as _;

use planscope_model::{IndexEntry, Period, PlanKind};

use crate::format::period_zh;
use crate::route::{encode_component, parse_query, Route};

/// The library's heading and introduction.
pub const HEADING: &str = "教育规划库";
pub const LEAD: &str = "收录各地政府公开发布的教育规划，整理出目录、指标和目标，方便在手机上阅读。";
/// The label of the link to the charts.
pub const OVERVIEW_LINK: &str = "查看概览图表";
/// The label of the link to the comparison page (its plan picker).
pub const COMPARE_LINK: &str = "对比规划";

/// The filter menus: (`id`, `name`, label).
pub const FILTERS: [(&str, &str, &str); 4] = [
    ("ps-filter-region", "region", "地区"),
    ("ps-filter-kind", "kind", "类型"),
    ("ps-filter-period", "period", "规划期"),
    ("ps-filter-sort", "sort", "排序"),
];

/// A card's title, or a placeholder when the parser found none.
pub fn card_title(entry: &IndexEntry) -> String {
    crate::format::display_title(&entry.title)
}

/// Plans per page of the library (static pages and the live list).
pub const PAGE_SIZE: usize = 20;

/// Provinces in the order of their administrative codes (GB/T 2260), which is how Chinese
/// readers expect to find them; names not in this list sort after it, by name.
const PROVINCES: [&str; 34] = [
    "北京市",
    "天津市",
    "河北省",
    "山西省",
    "内蒙古自治区",
    "辽宁省",
    "吉林省",
    "黑龙江省",
    "上海市",
    "江苏省",
    "浙江省",
    "安徽省",
    "福建省",
    "江西省",
    "山东省",
    "河南省",
    "湖北省",
    "湖南省",
    "广东省",
    "广西壮族自治区",
    "海南省",
    "重庆市",
    "四川省",
    "贵州省",
    "云南省",
    "西藏自治区",
    "陕西省",
    "甘肃省",
    "青海省",
    "宁夏回族自治区",
    "新疆维吾尔自治区",
    "台湾省",
    "香港特别行政区",
    "澳门特别行政区",
];

/// How the library is ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum SortKey {
    /// Publication date (or date of issue when the page gives none), newest first.
    #[default]
    Date,
    /// First year of the plan period, newest first.
    Period,
    /// Province (administrative order), then city and county.
    Region,
    /// Numeric targets found in the text, most first.
    Targets,
}

impl SortKey {
    pub const ALL: [SortKey; 4] = [
        SortKey::Date,
        SortKey::Period,
        SortKey::Region,
        SortKey::Targets,
    ];

    /// The URL spelling (`sort=…`).
    pub fn as_str(self) -> &'static str {
        match self {
            SortKey::Date => "date",
            SortKey::Period => "period",
            SortKey::Region => "region",
            SortKey::Targets => "targets",
        }
    }

    /// The zh-CN label in the sort menu.
    pub fn label_zh(self) -> &'static str {
        match self {
            SortKey::Date => "发布日期（新→旧）",
            SortKey::Period => "规划期（新→旧）",
            SortKey::Region => "地区",
            SortKey::Targets => "数字目标（多→少）",
        }
    }

    pub fn from_str_opt(s: &str) -> Option<SortKey> {
        SortKey::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// The library's filters and order, read from and written to the query string.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct LibraryQuery {
    /// A province or city name as printed in the index (`广东省`, `揭阳市`).
    pub region: Option<String>,
    pub kind: Option<PlanKind>,
    pub period: Option<Period>,
    pub sort: SortKey,
    /// The page of the results (1-based); `0` or `1`: the first. Out-of-range pages show the last.
    pub page: usize,
}

/// Which filter a facet count leaves out.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Facet {
    Region,
    Kind,
    Period,
}

impl LibraryQuery {
    /// Reads the library parameters from `location.search` (with or without `?`).
    pub fn from_query(search: &str) -> LibraryQuery {
        let mut q = LibraryQuery::default();
        for (key, value) in parse_query(search) {
            let value = value.trim();
            match key.as_str() {
                "region" if !value.is_empty() && value.chars().count() <= 32 => {
                    q.region = Some(value.to_owned())
                }
                "kind" => q.kind = PlanKind::from_str_opt(value),
                "period" => q.period = parse_period(value),
                "sort" => q.sort = SortKey::from_str_opt(value).unwrap_or_default(),
                "page" => q.page = value.parse::<usize>().ok().filter(|&n| n >= 2).unwrap_or(0),
                _ => {}
            }
        }
        q
    }

    /// The link to this view of the library: `./` when nothing is chosen, otherwise the
    /// parameters in a fixed order with defaults left out.
    pub fn href(&self) -> String {
        let mut s = String::new();
        let mut add = |key: &str, value: &str| {
            s.push(if s.is_empty() { '?' } else { '&' });
            let _ = write!(s, "{key}={}", encode_component(value));
        };
        if let Some(region) = &self.region {
            add("region", region);
        }
        if let Some(kind) = self.kind {
            add("kind", kind.as_str());
        }
        if let Some(period) = self.period {
            add("period", &period_param(period));
        }
        if self.sort != SortKey::default() {
            add("sort", self.sort.as_str());
        }
        if self.page >= 2 {
            add("page", &self.page.to_string());
        }
        if s.is_empty() {
            Route::Library.href()
        } else {
            // `./?…`: the library is `index.html`, also when this link sits in `plan-a.html`.
            format!("./{s}")
        }
    }

    /// The link to page `n` of these results: the static file `library-<n>.html` (`./` for
    /// the first) when no filter or order is chosen, which works with JavaScript off; else
    /// this query with `page=<n>` (drawn by the app).
    pub fn page_href(&self, n: usize) -> String {
        let q = LibraryQuery {
            page: n,
            ..self.clone()
        };
        if !self.is_filtered() && self.sort == SortKey::default() {
            if n >= 2 {
                crate::route::library_file(n)
            } else {
                Route::Library.href()
            }
        } else {
            q.href()
        }
    }

    /// The same filters and order, first page (what a menu change starts from).
    pub fn first_page(&self) -> LibraryQuery {
        LibraryQuery {
            page: 0,
            ..self.clone()
        }
    }

    /// Whether any filter (not the order) is set.
    pub fn is_filtered(&self) -> bool {
        self.region.is_some() || self.kind.is_some() || self.period.is_some()
    }

    /// Whether `entry` passes every filter.
    pub fn matches(&self, entry: &IndexEntry) -> bool {
        self.matches_except(entry, None)
    }

    fn matches_except(&self, entry: &IndexEntry, skip: Option<Facet>) -> bool {
        (skip == Some(Facet::Region) || self.region.as_deref().is_none_or(|r| in_region(entry, r)))
            && (skip == Some(Facet::Kind) || self.kind.is_none_or(|k| entry.kind == k))
            && (skip == Some(Facet::Period) || self.period.is_none_or(|p| entry.period == Some(p)))
    }
}

/// `2021-2025`, or `2022` for a one-year plan.
pub fn period_param(p: Period) -> String {
    if p.start == p.end {
        p.start.to_string()
    } else {
        format!("{}-{}", p.start, p.end)
    }
}

/// The inverse of [`period_param`]; `None` for anything else.
pub fn parse_period(s: &str) -> Option<Period> {
    let year = |y: &str| {
        y.parse::<u16>()
            .ok()
            .filter(|y| (1900..=2199).contains(y) && y.to_string().len() == 4)
    };
    let (start, end) = match s.split_once('-') {
        Some((a, b)) => (year(a)?, year(b)?),
        None => (year(s)?, year(s)?),
    };
    (start <= end).then_some(Period { start, end })
}

/// A plan belongs to a region when its province or city (or county) has that name.
fn in_region(entry: &IndexEntry, name: &str) -> bool {
    let r = &entry.region;
    [&r.province, &r.city, &r.county]
        .into_iter()
        .flatten()
        .any(|n| n == name)
}

fn province_rank(name: Option<&str>) -> (usize, &str) {
    match name {
        Some(n) => (
            PROVINCES
                .iter()
                .position(|p| *p == n)
                .unwrap_or(PROVINCES.len()),
            n,
        ),
        None => (PROVINCES.len() + 1, ""),
    }
}

/// The date used by [`SortKey::Date`]: published, else issued (ISO strings sort as dates).
fn sort_date(e: &IndexEntry) -> Option<&str> {
    e.published_date
        .as_deref()
        .or(e.issued_date.as_deref())
        .filter(|d| !d.is_empty())
}

/// Descending on a key, with `None` last.
fn desc<T: Ord>(a: Option<T>, b: Option<T>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => b.cmp(&a),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// The order of [`SortKey`] between two plans; `rank_a`/`rank_b` are their
/// [`province_rank`]s (computed once per plan by [`select`], not per comparison: the rank is a
/// search of [`PROVINCES`], and sorting 2,000 plans compares about 22,000 pairs).
fn compare(
    sort: SortKey,
    a: &IndexEntry,
    rank_a: usize,
    b: &IndexEntry,
    rank_b: usize,
) -> Ordering {
    let by_region = || {
        (rank_a, a.region.province.as_deref())
            .cmp(&(rank_b, b.region.province.as_deref()))
            .then_with(|| a.region.city.cmp(&b.region.city))
            .then_with(|| a.region.county.cmp(&b.region.county))
    };
    let by_period = || {
        desc(
            a.period.map(|p| (p.start, p.end)),
            b.period.map(|p| (p.start, p.end)),
        )
    };
    let by_date = || desc(sort_date(a), sort_date(b));
    match sort {
        SortKey::Date => by_date().then_with(by_period),
        SortKey::Period => by_period().then_with(by_date),
        SortKey::Region => by_region().then_with(by_period).then_with(by_date),
        SortKey::Targets => b
            .counts
            .targets
            .cmp(&a.counts.targets)
            .then_with(|| b.counts.indicators.cmp(&a.counts.indicators))
            .then_with(by_date),
    }
    // Equal keys keep a fixed order, so a list never reshuffles between visits.
    .then_with(|| a.id.cmp(&b.id))
}

/// Positions in `entries` of the plans to show, filtered and in order.
pub fn select(entries: &[IndexEntry], q: &LibraryQuery) -> Vec<usize> {
    // (position, province rank): the rank only matters to the region order.
    let mut shown: Vec<(usize, usize)> = (0..entries.len())
        .filter(|&i| q.matches(&entries[i]))
        .map(|i| {
            let rank = match q.sort {
                SortKey::Region => province_rank(entries[i].region.province.as_deref()).0,
                _ => 0,
            };
            (i, rank)
        })
        .collect();
    shown.sort_by(|&(a, ra), &(b, rb)| compare(q.sort, &entries[a], ra, &entries[b], rb));
    shown.into_iter().map(|(i, _)| i).collect()
}

/// How many pages `shown` plans take (at least one).
pub fn page_count(shown: usize) -> usize {
    shown.div_ceil(PAGE_SIZE).max(1)
}

/// The page of `q` that exists for `shown` plans: 1 ..= [`page_count`].
pub fn current_page(q: &LibraryQuery, shown: usize) -> usize {
    q.page.clamp(1, page_count(shown))
}

/// The part of `shown` (from [`select`]) on the current page of `q`.
pub fn page_of<'a>(shown: &'a [usize], q: &LibraryQuery) -> &'a [usize] {
    let start = (current_page(q, shown.len()) - 1) * PAGE_SIZE;
    &shown[start.min(shown.len())..(start + PAGE_SIZE).min(shown.len())]
}

/// The pager under the list: previous/next and a window of page numbers, each a link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pager {
    pub current: usize,
    pub count: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
    /// Page numbers shown: the first, the last and two either side of the current one, with
    /// `None` for a gap (`…`); each with its link (`None` for the current page).
    pub pages: Vec<Option<(usize, Option<String>)>>,
}

/// The pager for `shown` plans at `q`; `None` when they fit on one page.
pub fn pager(q: &LibraryQuery, shown: usize) -> Option<Pager> {
    let count = page_count(shown);
    if count < 2 {
        return None;
    }
    let current = current_page(q, shown);
    let link = |n: usize| q.page_href(n);
    let mut pages = Vec::new();
    let mut last = 0;
    for n in 1..=count {
        if n == 1 || n == count || n.abs_diff(current) <= 2 {
            if n > last + 1 {
                pages.push(None);
            }
            pages.push(Some((n, (n != current).then(|| link(n)))));
            last = n;
        }
    }
    Some(Pager {
        current,
        count,
        prev: (current > 1).then(|| link(current - 1)),
        next: (current < count).then(|| link(current + 1)),
        pages,
    })
}

/// `第 3 / 100 页`.
pub fn page_label_zh(p: &Pager) -> String {
    format!("第 {} / {} 页", p.current, p.count)
}

/// One choice in a filter or sort menu.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MenuOption {
    /// The parameter value; empty for "all".
    pub value: String,
    /// What the menu shows, count included (`广东省（4）`).
    pub label: String,
    /// Plans this choice would show, given the other filters.
    pub count: usize,
    pub selected: bool,
    /// Nothing to show and not the current choice.
    pub disabled: bool,
}

impl MenuOption {
    fn new(value: String, name: &str, count: usize, selected: bool) -> MenuOption {
        MenuOption {
            value,
            label: format!("{name}（{count}）"),
            count,
            selected,
            disabled: count == 0 && !selected,
        }
    }
}

/// The three filter menus with their counts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Facets {
    /// `全部地区`, then each province followed by its cities (labels indented).
    pub regions: Vec<MenuOption>,
    pub kinds: Vec<MenuOption>,
    pub periods: Vec<MenuOption>,
}

/// The choices of each filter and how many plans each would show. As in any faceted search,
/// a menu's counts apply the *other* filters but not its own, so they say what choosing an
/// entry would give. Every value that occurs in `entries` is offered (with 0 when the other
/// filters exclude it), and so is a chosen value that occurs nowhere.
pub fn facets(entries: &[IndexEntry], q: &LibraryQuery) -> Facets {
    // Regions: province → (count, city → count).
    let mut provinces: BTreeMap<(usize, String), (usize, BTreeMap<String, usize>)> =
        BTreeMap::new();
    let mut regions_all = 0;
    let mut kinds: BTreeMap<PlanKind, usize> = BTreeMap::new();
    let mut kinds_all = 0;
    let mut periods: BTreeMap<(std::cmp::Reverse<u16>, std::cmp::Reverse<u16>), usize> =
        BTreeMap::new();
    let mut periods_all = 0;
    for e in entries {
        let ok = u8::from(q.matches_except(e, Some(Facet::Region)));
        if let Some(p) = e.region.province.as_deref() {
            let (rank, _) = province_rank(Some(p));
            let slot = provinces.entry((rank, p.to_owned())).or_default();
            slot.0 += usize::from(ok);
            if let Some(c) = e.region.city.as_deref().filter(|c| *c != p) {
                *slot.1.entry(c.to_owned()).or_default() += usize::from(ok);
            }
        }
        regions_all += usize::from(ok);

        let ok = usize::from(q.matches_except(e, Some(Facet::Kind)));
        *kinds.entry(e.kind).or_default() += ok;
        kinds_all += ok;

        let ok = usize::from(q.matches_except(e, Some(Facet::Period)));
        if let Some(p) = e.period {
            *periods
                .entry((std::cmp::Reverse(p.start), std::cmp::Reverse(p.end)))
                .or_default() += ok;
        }
        periods_all += ok;
    }

    let chosen_region = q.region.as_deref();
    let mut regions = vec![MenuOption::new(
        String::new(),
        "全部地区",
        regions_all,
        chosen_region.is_none(),
    )];
    let mut region_found = false;
    for ((_, province), (count, cities)) in &provinces {
        let selected = chosen_region == Some(province.as_str());
        region_found |= selected;
        regions.push(MenuOption::new(
            province.clone(),
            province,
            *count,
            selected,
        ));
        for (city, count) in cities {
            let selected = chosen_region == Some(city.as_str());
            region_found |= selected;
            let mut option = MenuOption::new(city.clone(), city, *count, selected);
            // Indented under its province; U+3000 survives the whitespace folding of <option>.
            option.label.insert(0, '\u{3000}');
            regions.push(option);
        }
    }
    if let (Some(region), false) = (chosen_region, region_found) {
        // A county, or a region with no plans: still shown as chosen, with its real count.
        let count = entries.iter().filter(|e| q.matches(e)).count();
        regions.push(MenuOption::new(region.to_owned(), region, count, true));
    }

    let mut kind_options = vec![MenuOption::new(
        String::new(),
        "全部类型",
        kinds_all,
        q.kind.is_none(),
    )];
    for kind in PlanKind::ALL {
        let selected = q.kind == Some(kind);
        match kinds.get(&kind) {
            Some(&count) => kind_options.push(MenuOption::new(
                kind.as_str().to_owned(),
                kind.label_zh(),
                count,
                selected,
            )),
            None if selected => kind_options.push(MenuOption::new(
                kind.as_str().to_owned(),
                kind.label_zh(),
                0,
                true,
            )),
            None => {}
        }
    }

    let mut period_options = vec![MenuOption::new(
        String::new(),
        "全部规划期",
        periods_all,
        q.period.is_none(),
    )];
    let mut period_found = false;
    for (&(std::cmp::Reverse(start), std::cmp::Reverse(end)), &count) in &periods {
        let p = Period { start, end };
        let selected = q.period == Some(p);
        period_found |= selected;
        period_options.push(MenuOption::new(
            period_param(p),
            &period_zh(Some(p)).unwrap_or_default(),
            count,
            selected,
        ));
    }
    if let (Some(p), false) = (q.period, period_found) {
        period_options.push(MenuOption::new(
            period_param(p),
            &period_zh(Some(p)).unwrap_or_default(),
            0,
            true,
        ));
    }

    Facets {
        regions,
        kinds: kind_options,
        periods: period_options,
    }
}

/// The sort menu.
pub fn sort_options(q: &LibraryQuery) -> Vec<MenuOption> {
    SortKey::ALL
        .into_iter()
        .map(|k| MenuOption {
            value: k.as_str().to_owned(),
            label: k.label_zh().to_owned(),
            count: 0,
            selected: q.sort == k,
            disabled: false,
        })
        .collect()
}

/// The line above the list: `共 5 份规划`, or `筛选出 3 份规划（共 5 份）`.
pub fn summary_zh(shown: usize, total: usize, filtered: bool) -> String {
    if filtered {
        format!("筛选出 {shown} 份规划（共 {total} 份）")
    } else {
        format!("共 {total} 份规划")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use planscope_model::{Counts, Region};

    #[allow(clippy::too_many_arguments)]
    fn entry(
        id: &str,
        province: &str,
        city: &str,
        county: Option<&str>,
        kind: PlanKind,
        period: (u16, u16),
        date: &str,
        targets: u32,
    ) -> IndexEntry {
        IndexEntry {
            id: id.into(),
            title: format!("{city}{id}"),
            kind,
            region: Region {
                province: Some(province.into()),
                city: Some(city.into()),
                county: county.map(Into::into),
            },
            published_date: (!date.is_empty()).then(|| date.to_owned()),
            period: Some(Period {
                start: period.0,
                end: period.1,
            }),
            counts: Counts {
                targets,
                ..Counts::default()
            },
            ..IndexEntry::default()
        }
    }

    /// The five seeds, as `data/index.json` describes them.
    fn seeds() -> Vec<IndexEntry> {
        let mut tianjin = entry(
            "tianjin-heping-2035",
            "天津市",
            "天津市",
            Some("和平区"),
            PlanKind::Modernization2035,
            (2022, 2035),
            "",
            1,
        );
        tianjin.issued_date = Some("2022-07-03".into());
        vec![
            entry(
                "guangzhou-conghua-2021-2025",
                "广东省",
                "广州市",
                Some("从化区"),
                PlanKind::FiveYearPlan,
                (2021, 2025),
                "2022-06-27",
                66,
            ),
            entry(
                "jieyang-2023-2027",
                "广东省",
                "揭阳市",
                None,
                PlanKind::ActionPlan,
                (2023, 2027),
                "2023-10-27",
                35,
            ),
            entry(
                "pingliang-kongtong-2021-2025",
                "甘肃省",
                "平凉市",
                Some("崆峒区"),
                PlanKind::FiveYearPlan,
                (2021, 2025),
                "2022-05-10",
                25,
            ),
            entry(
                "qingyuan-2022",
                "广东省",
                "清远市",
                None,
                PlanKind::AnnualWorkPoints,
                (2022, 2022),
                "2022-03-28",
                26,
            ),
            tianjin,
        ]
    }

    fn ids(entries: &[IndexEntry], q: &LibraryQuery) -> Vec<String> {
        select(entries, q)
            .into_iter()
            .map(|i| entries[i].id.clone())
            .collect()
    }

    /// 500 plans over 12 provinces, 3 cities each, every kind and 6 periods; deterministic.
    fn generated(n: usize) -> Vec<IndexEntry> {
        let provinces = [
            "广东省",
            "甘肃省",
            "北京市",
            "浙江省",
            "四川省",
            "河南省",
            "云南省",
            "天津市",
            "江苏省",
            "湖南省",
            "山东省",
            "陕西省",
        ];
        let periods = [
            (2021, 2025),
            (2023, 2027),
            (2022, 2022),
            (2023, 2023),
            (2022, 2035),
            (2016, 2020),
        ];
        (0..n)
            .map(|i| {
                let province = provinces[i % provinces.len()];
                let city = if province.ends_with('市') {
                    province.to_owned()
                } else {
                    format!("{}第{}市", &province[..6], i % 3)
                };
                let kind = PlanKind::ALL[i % PlanKind::ALL.len()];
                let day = 1 + (i * 7) % 28;
                let month = 1 + (i * 5) % 12;
                let date = if i % 17 == 0 {
                    String::new()
                } else {
                    format!("{}-{month:02}-{day:02}", 2016 + i % 9)
                };
                let county = (i % 4 == 0).then(|| format!("第{}区", i % 5));
                entry(
                    &format!("plan-{i:03}"),
                    province,
                    &city,
                    county.as_deref(),
                    kind,
                    periods[i % periods.len()],
                    &date,
                    ((i * 37) % 90) as u32,
                )
            })
            .collect()
    }

    #[test]
    fn query_round_trips_and_ignores_what_it_does_not_know() {
        let q = LibraryQuery::from_query("?region=%E5%B9%BF%E4%B8%9C%E7%9C%81&kind=action_plan&period=2021-2025&sort=targets&from=singlemessage");
        assert_eq!(
            q,
            LibraryQuery {
                region: Some("广东省".into()),
                kind: Some(PlanKind::ActionPlan),
                period: Some(Period {
                    start: 2021,
                    end: 2025
                }),
                sort: SortKey::Targets,
                page: 0,
            }
        );
        assert_eq!(
            q.href(),
            "./?region=%E5%B9%BF%E4%B8%9C%E7%9C%81&kind=action_plan&period=2021-2025&sort=targets"
        );
        assert_eq!(LibraryQuery::from_query(&q.href()[2..]), q);
        assert_eq!(LibraryQuery::default().href(), "./");
        assert_eq!(LibraryQuery::from_query("?sort=date").href(), "./");
        let junk =
            LibraryQuery::from_query("?kind=novel&period=2025-2021&sort=random&region=&plan=x");
        assert_eq!(junk, LibraryQuery::default());
        for bad in [
            "20",
            "abcd",
            "2021-",
            "-2021",
            "2021-2025-2030",
            "99999",
            "2021—2025",
        ] {
            assert_eq!(parse_period(bad), None, "{bad}");
        }
        assert_eq!(
            parse_period("2022"),
            Some(Period {
                start: 2022,
                end: 2022
            })
        );
        assert_eq!(
            period_param(Period {
                start: 2022,
                end: 2022
            }),
            "2022"
        );
    }

    #[test]
    fn the_route_still_reads_a_filtered_library_as_the_library() {
        let q = LibraryQuery {
            kind: Some(PlanKind::FiveYearPlan),
            ..LibraryQuery::default()
        };
        assert_eq!(Route::from_location("", &q.href()[2..], ""), Route::Library);
    }

    #[test]
    fn default_order_is_newest_first_with_undated_plans_by_issue_date() {
        let s = seeds();
        assert_eq!(
            ids(&s, &LibraryQuery::default()),
            [
                "jieyang-2023-2027",
                "tianjin-heping-2035",
                "guangzhou-conghua-2021-2025",
                "pingliang-kongtong-2021-2025",
                "qingyuan-2022"
            ]
        );
    }

    #[test]
    fn every_sort() {
        let s = seeds();
        let by = |sort| {
            ids(
                &s,
                &LibraryQuery {
                    sort,
                    ..LibraryQuery::default()
                },
            )
        };
        assert_eq!(
            by(SortKey::Period),
            [
                "jieyang-2023-2027",
                "tianjin-heping-2035",
                "qingyuan-2022",
                "guangzhou-conghua-2021-2025",
                "pingliang-kongtong-2021-2025"
            ]
        );
        // 天津 before 广东 before 甘肃 (administrative order), cities by name within 广东.
        let region = by(SortKey::Region);
        assert_eq!(region[0], "tianjin-heping-2035");
        assert_eq!(region[4], "pingliang-kongtong-2021-2025");
        assert_eq!(
            by(SortKey::Targets),
            [
                "guangzhou-conghua-2021-2025",
                "jieyang-2023-2027",
                "qingyuan-2022",
                "pingliang-kongtong-2021-2025",
                "tianjin-heping-2035"
            ]
        );
    }

    #[test]
    fn filters_by_province_city_kind_and_period() {
        let s = seeds();
        let q = |query: &str| ids(&s, &LibraryQuery::from_query(query));
        assert_eq!(q("?region=广东省").len(), 3);
        assert_eq!(q("?region=揭阳市"), ["jieyang-2023-2027"]);
        assert_eq!(q("?region=天津市"), ["tianjin-heping-2035"]);
        assert_eq!(q("?region=从化区"), ["guangzhou-conghua-2021-2025"]);
        assert_eq!(
            q("?kind=five_year_plan&sort=region"),
            [
                "guangzhou-conghua-2021-2025",
                "pingliang-kongtong-2021-2025"
            ]
        );
        assert_eq!(
            q("?period=2021-2025&region=甘肃省"),
            ["pingliang-kongtong-2021-2025"]
        );
        assert!(q("?region=北京市").is_empty());
        assert!(q("?region=广东省&kind=modernization_2035").is_empty());
    }

    #[test]
    fn facet_counts_leave_out_their_own_filter() {
        let s = seeds();
        let f = facets(&s, &LibraryQuery::from_query("?region=广东省"));
        let labels = |o: &[MenuOption]| o.iter().map(|o| o.label.clone()).collect::<Vec<_>>();
        // Region counts ignore the region filter: every province stays choosable.
        assert_eq!(
            labels(&f.regions),
            [
                "全部地区（5）",
                "天津市（1）",
                "广东省（3）",
                "\u{3000}广州市（1）",
                "\u{3000}揭阳市（1）",
                "\u{3000}清远市（1）",
                "甘肃省（1）",
                "\u{3000}平凉市（1）"
            ]
        );
        assert!(
            f.regions
                .iter()
                .find(|o| o.value == "广东省")
                .unwrap()
                .selected
        );
        assert!(!f.regions[0].selected);
        // Kind and period counts apply it.
        assert_eq!(
            labels(&f.kinds),
            [
                "全部类型（3）",
                "五年规划（1）",
                "行动方案（1）",
                "年度工作要点（1）",
                "教育现代化2035（0）"
            ]
        );
        assert!(f.kinds.last().unwrap().disabled);
        assert_eq!(
            labels(&f.periods),
            [
                "全部规划期（3）",
                "2023—2027年（1）",
                "2022—2035年（0）",
                "2022年（1）",
                "2021—2025年（1）"
            ]
        );
        assert_eq!(f.periods[1].value, "2023-2027");
        assert_eq!(f.periods[3].value, "2022");
    }

    #[test]
    fn opinions_measures_and_notices_are_kinds_of_their_own() {
        let mut all = seeds();
        for (id, kind) in [
            ("meiyu-yijian", PlanKind::Opinion),
            ("jianzhi-banfa", PlanKind::Measures),
            ("meiyu-tongzhi", PlanKind::Notice),
        ] {
            all.push(entry(id, "某省", "某市", None, kind, (2017, 2017), "", 0));
        }
        let f = facets(&all, &LibraryQuery::default());
        let labels = |o: &[MenuOption]| o.iter().map(|o| o.label.clone()).collect::<Vec<_>>();
        assert_eq!(
            labels(&f.kinds),
            [
                "全部类型（8）",
                "五年规划（2）",
                "行动方案（1）",
                "年度工作要点（1）",
                "教育现代化2035（1）",
                "实施意见（1）",
                "办法规定（1）",
                "通知（1）"
            ]
        );
        assert_eq!(f.kinds[6].value, "measures");
        let q = LibraryQuery::from_query("?kind=measures");
        assert_eq!(q.kind, Some(PlanKind::Measures));
        assert_eq!(ids(&all, &q), ["jianzhi-banfa"]);
        assert_eq!(q.href(), "./?kind=measures");
    }

    #[test]
    fn a_chosen_value_with_no_plans_is_still_offered() {
        let s = seeds();
        let f = facets(
            &s,
            &LibraryQuery::from_query("?region=北京市&period=2030-2035"),
        );
        let beijing = f.regions.last().unwrap();
        assert_eq!(
            (beijing.value.as_str(), beijing.selected, beijing.disabled),
            ("北京市", true, false)
        );
        assert_eq!(beijing.label, "北京市（0）");
        let period = f.periods.last().unwrap();
        assert_eq!(
            (period.value.as_str(), period.selected),
            ("2030-2035", true)
        );
        // A county is not a menu entry, but a link to one still shows what it selects.
        let f = facets(&s, &LibraryQuery::from_query("?region=从化区"));
        assert_eq!(f.regions.last().unwrap().label, "从化区（1）");
    }

    #[test]
    fn summary_line() {
        assert_eq!(summary_zh(5, 5, false), "共 5 份规划");
        assert_eq!(summary_zh(3, 5, true), "筛选出 3 份规划（共 5 份）");
        assert_eq!(
            sort_options(&LibraryQuery::default())
                .iter()
                .filter(|o| o.selected)
                .count(),
            1
        );
    }

    #[test]
    fn pages_of_the_results_and_their_links() {
        let all = generated(2000);
        let q = LibraryQuery::default();
        let shown = select(&all, &q);
        assert_eq!(page_count(shown.len()), 100);
        // Every plan is on exactly one page, in the order of the whole list.
        let mut seen = Vec::new();
        for n in 1..=100 {
            let q = LibraryQuery {
                page: n,
                ..LibraryQuery::default()
            };
            let page = page_of(&shown, &q);
            assert_eq!(page.len(), PAGE_SIZE);
            seen.extend_from_slice(page);
        }
        assert_eq!(seen, shown);
        // Out of range: the last page; page 1 and 0 are the first.
        let far = LibraryQuery::from_query("?page=999");
        assert_eq!(far.page, 999);
        assert_eq!(page_of(&shown, &far), &shown[1980..]);
        assert_eq!(LibraryQuery::from_query("?page=1").page, 0);
        assert_eq!(LibraryQuery::from_query("?page=x").page, 0);
        // Unfiltered: static files; filtered or re-sorted: the query with page=n.
        assert_eq!(q.page_href(1), "./");
        assert_eq!(q.page_href(7), "library-7.html");
        let k = LibraryQuery::from_query("?kind=opinion&page=3");
        assert_eq!(k.page, 3);
        assert_eq!(k.page_href(4), "./?kind=opinion&page=4");
        assert_eq!(k.page_href(1), "./?kind=opinion");
        assert_eq!(k.first_page().href(), "./?kind=opinion");
        assert_eq!(LibraryQuery::from_query(&k.href()[2..]), k);
        let sorted = LibraryQuery::from_query("?sort=targets");
        assert_eq!(sorted.page_href(2), "./?sort=targets&page=2");
        // The pager: a window around the current page, the ends, gaps.
        let p = pager(&LibraryQuery::from_query("?page=50"), shown.len()).unwrap();
        assert_eq!((p.current, p.count), (50, 100));
        assert_eq!(p.prev.as_deref(), Some("library-49.html"));
        assert_eq!(p.next.as_deref(), Some("library-51.html"));
        let numbers: Vec<Option<usize>> = p.pages.iter().map(|x| x.as_ref().map(|x| x.0)).collect();
        assert_eq!(
            numbers,
            [
                Some(1),
                None,
                Some(48),
                Some(49),
                Some(50),
                Some(51),
                Some(52),
                None,
                Some(100)
            ]
        );
        assert!(
            p.pages[4].as_ref().unwrap().1.is_none(),
            "no link to the current page"
        );
        assert_eq!(page_label_zh(&p), "第 50 / 100 页");
        let first = pager(&q, shown.len()).unwrap();
        assert_eq!(
            (first.prev, first.next.as_deref()),
            (None, Some("library-2.html"))
        );
        assert_eq!(pager(&q, PAGE_SIZE), None, "one page: no pager");
        assert_eq!(pager(&q, 0), None);
    }

    #[test]
    fn five_hundred_plans_filter_sort_and_count_consistently() {
        let all = generated(500);
        let provinces: std::collections::BTreeSet<_> = all
            .iter()
            .filter_map(|e| e.region.province.as_deref())
            .collect();
        assert_eq!(provinces.len(), 12);
        let everything = select(&all, &LibraryQuery::default());
        assert_eq!(everything.len(), 500);
        let mut seen = everything.clone();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), 500, "each plan exactly once");
        // Newest first, undated last.
        let dates: Vec<Option<&str>> = everything.iter().map(|&i| sort_date(&all[i])).collect();
        let first_none = dates.iter().position(Option::is_none).unwrap();
        assert!(dates[first_none..].iter().all(Option::is_none));
        assert!(dates[..first_none].windows(2).all(|w| w[0] >= w[1]));

        for sort in SortKey::ALL {
            let q = LibraryQuery {
                sort,
                ..LibraryQuery::default()
            };
            let order = select(&all, &q);
            assert_eq!(order.len(), 500);
            assert!(
                order.windows(2).all(|w| {
                    // ranks looked up per pair, as a comparison without `select`'s cache would
                    let rank = |i: usize| province_rank(all[i].region.province.as_deref()).0;
                    compare(sort, &all[w[0]], rank(w[0]), &all[w[1]], rank(w[1]))
                        != Ordering::Greater
                }),
                "{sort:?}"
            );
        }
        let targets = select(
            &all,
            &LibraryQuery {
                sort: SortKey::Targets,
                ..LibraryQuery::default()
            },
        );
        assert!(targets
            .windows(2)
            .all(|w| all[w[0]].counts.targets >= all[w[1]].counts.targets));
        let region = select(
            &all,
            &LibraryQuery {
                sort: SortKey::Region,
                ..LibraryQuery::default()
            },
        );
        assert_eq!(all[region[0]].region.province.as_deref(), Some("北京市"));
        assert_eq!(
            all[*region.last().unwrap()].region.province.as_deref(),
            Some("甘肃省")
        );

        // Every facet count equals the size of the list that choosing it gives.
        let queries = [
            LibraryQuery::default(),
            LibraryQuery::from_query("?region=广东省"),
            LibraryQuery::from_query("?kind=action_plan&period=2021-2025"),
            LibraryQuery::from_query("?region=浙江省&kind=other&sort=targets"),
        ];
        for q in &queries {
            let f = facets(&all, q);
            let check = |options: &[MenuOption], set: &dyn Fn(&mut LibraryQuery, &str)| {
                for o in options {
                    let mut chosen = q.clone();
                    set(&mut chosen, &o.value);
                    assert_eq!(select(&all, &chosen).len(), o.count, "{q:?} → {}", o.label);
                    assert_eq!(o.selected, chosen == *q, "{q:?} {}", o.label);
                }
                assert_eq!(options.iter().filter(|o| o.selected).count(), 1);
            };
            check(&f.regions, &|q, v| {
                q.region = (!v.is_empty()).then(|| v.to_owned())
            });
            check(&f.kinds, &|q, v| q.kind = PlanKind::from_str_opt(v));
            check(&f.periods, &|q, v| q.period = parse_period(v));
            // Provinces add up to everything the other filters allow.
            let provinces: usize = f
                .regions
                .iter()
                .skip(1)
                .filter(|o| !o.label.starts_with('\u{3000}'))
                .map(|o| o.count)
                .sum();
            assert_eq!(provinces, f.regions[0].count);
        }
    }
}
