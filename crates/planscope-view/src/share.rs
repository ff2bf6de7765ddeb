//! The address that the share dialog shows, copies and puts in its QR code: the page's own
//! address without the query parameters that messengers and trackers append to a shared link.
//!
//! WeChat adds `from=singlemessage|groupmessage|timeline` and `isappinstalled=0` to every link
//! shared into a chat (and `scene`, `clicktime`, `enterid`, `nsukey`, `sharer_shareinfo…` in
//! some versions); analytics tools add `utm_*`, `spm`, `fbclid`, `gclid`. planscope reads none
//! of them ([`FOREIGN`]); a QR code that carried them would grow denser with each re-share.
//! Everything else — the view's own parameters, their order and encoding, the fragment — is
//! kept as it is, so the shared address opens the same view.

/// Parameter names dropped from a shared address (exact names; `utm_` and `sharer_` also as
/// prefixes, see [`is_foreign`]).
pub const FOREIGN: &[&str] = &[
    "from",
    "isappinstalled",
    "scene",
    "clicktime",
    "enterid",
    "nsukey",
    "spm",
    "fbclid",
    "gclid",
];

/// Whether a query parameter name is one messengers or trackers append (see the module docs).
pub fn is_foreign(name: &str) -> bool {
    FOREIGN.contains(&name) || name.starts_with("utm_") || name.starts_with("sharer_")
}

/// `href` (an absolute or relative address) without foreign query parameters. An address
/// whose query is left empty loses its `?`; the fragment (`#s-…`) is kept.
pub fn canonical_url(href: &str) -> String {
    let (before_fragment, fragment) = match href.find('#') {
        Some(i) => href.split_at(i),
        None => (href, ""),
    };
    let Some((base, query)) = before_fragment.split_once('?') else {
        return href.to_owned();
    };
    let kept: Vec<&str> = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .filter(|pair| !is_foreign(pair.split('=').next().unwrap_or_default()))
        .collect();
    if kept.is_empty() {
        format!("{base}{fragment}")
    } else {
        format!("{base}?{}{fragment}", kept.join("&"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wechat_and_tracker_parameters_go_the_view_stays() {
        assert_eq!(
            canonical_url(
                "https://e.gov.cn/plans/?plan=a-2021&sec=2.1&from=singlemessage&isappinstalled=0"
            ),
            "https://e.gov.cn/plans/?plan=a-2021&sec=2.1"
        );
        assert_eq!(
            canonical_url("https://e.gov.cn/plans/plan-a.html?from=timeline&find=%E5%AD%A6#p-3"),
            "https://e.gov.cn/plans/plan-a.html?find=%E5%AD%A6#p-3"
        );
        assert_eq!(
            canonical_url("https://e.gov.cn/plans/?utm_source=x&from=groupmessage&isappinstalled=0&sharer_shareinfo=1"),
            "https://e.gov.cn/plans/"
        );
        assert_eq!(
            canonical_url("https://e.gov.cn/plans/plan-a.html?isappinstalled=0#s-2"),
            "https://e.gov.cn/plans/plan-a.html#s-2"
        );
    }

    #[test]
    fn addresses_without_foreign_parameters_are_unchanged() {
        for href in [
            "https://e.gov.cn/plans/",
            "https://e.gov.cn/plans/?view=search&q=%E5%AD%A6%E5%89%8D&kind=five_year_plan",
            "https://e.gov.cn/plans/?view=compare&plans=a,b&topic=teachers",
            "./?plan=a&dept-T1=%E6%95%99%E8%82%B2%E5%B1%80",
            "https://e.gov.cn/plans/plan-a.html#s-2.1",
            // A parameter that only starts like a foreign one is the app's.
            "https://e.gov.cn/plans/?fromage=1&scenes=2",
        ] {
            assert_eq!(canonical_url(href), href);
        }
    }
}
