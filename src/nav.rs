//! Navigation without a router crate: the address (file, query, fragment) is the state.
//!
//! * Links are real `<a href="plan-x.html#s-3.1">` elements to the static pages, so they open in
//!   new tabs and work before (or without) this code.
//! * A click on a link to a page of this site that this bundle draws is turned into
//!   `history.pushState` plus a route update, so the wasm module and loaded data survive;
//!   `popstate` handles back/forward. Links to pages this bundle does not draw are page loads,
//!   and so is every move onto or off a plan's reader (`route::plan_change_loads_page`): its
//!   page arrives as HTML and the app attaches to it (one reader path, `views/plan.rs`).

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{HtmlAnchorElement, MouseEvent};

use crate::dom;
use crate::route::{in_app_target, Bundle, Location, Route};

/// The current route, provided as context by [`App`](crate::App).
#[derive(Clone, Copy)]
pub struct Router {
    /// The bundle this code runs in; pages it does not draw are left to the browser (a normal
    /// page load, and the loader in index.html starts a bundle that draws them).
    bundle: Bundle,
    route: RwSignal<Route>,
    /// `location.search` as of the last navigation (the library reads its filters from it),
    /// with `page=<n>` on a library page file (`Location::view_search`).
    search: RwSignal<String>,
}

impl Router {
    /// Reads the route from the address bar, listens for back/forward and link clicks, and
    /// provides the router as context. Call once.
    pub fn install(bundle: Bundle) -> Router {
        let here = current_location();
        let router = Router {
            bundle,
            route: RwSignal::new(here.route()),
            search: RwSignal::new(here.view_search()),
        };
        // Both listeners live as long as the page: the handles are dropped, not removed.
        let _ = window_event_listener(ev::popstate, move |_| {
            router.go(&current_location());
        });
        let _ = window_event_listener(ev::click, move |event| router.on_click(&event));
        provide_context(router);
        router
    }

    /// A router fixed on `route` (query `search`), with no listeners: for rendering a page to
    /// static HTML at build time (`crate::render`), where there is no browser.
    #[cfg(feature = "ssr")]
    pub fn provide_fixed(bundle: Bundle, route: Route, search: &str) -> Router {
        let router = Router {
            bundle,
            route: RwSignal::new(route),
            search: RwSignal::new(search.to_owned()),
        };
        provide_context(router);
        router
    }

    /// The router provided by [`App`](crate::App).
    pub fn expect() -> Router {
        expect_context::<Router>()
    }

    /// The current route (tracked).
    pub fn route(self) -> Route {
        self.route.get()
    }

    /// The current route, not tracked.
    pub fn route_untracked(self) -> Route {
        self.route.get_untracked()
    }

    /// The query string of the current address (tracked), e.g. `?kind=action_plan`.
    pub fn search(self) -> String {
        self.search.get()
    }

    /// The query string of the current address, not tracked (for event handlers).
    pub fn search_untracked(self) -> String {
        self.search.get_untracked()
    }

    /// Replaces the current address with `href` (a link to this document, such as
    /// `?kind=action_plan` or `./`) without a history entry, and follows it.
    pub fn replace(self, href: &str) {
        let Some(window) = crate::dom::window() else {
            return;
        };
        // `""` (the last parameter removed) means this file without a query; as a URL it would
        // mean the current address, query included.
        let path = window.location().pathname().unwrap_or_default();
        let href = if href.is_empty() { path.as_str() } else { href };
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(href));
        }
        self.go(&current_location());
    }

    /// Follows `href` (a link to this document) as a click on it would: a history entry and the
    /// new route. For chart bars, which are not links.
    pub fn push(self, href: &str) {
        let Some(window) = crate::dom::window() else {
            return;
        };
        if let Ok(history) = window.history() {
            let _ = history.push_state_with_url(&JsValue::NULL, "", Some(href));
        }
        self.go(&current_location());
    }

    /// A memo of the section and paragraph in the current route.
    pub fn target(self) -> Memo<(Option<String>, Option<String>)> {
        let route = self.route;
        Memo::new(move |_| match route.get() {
            Route::Plan { section, para, .. } => (section, para),
            _ => (None, None),
        })
    }

    /// Follows the address `to`.
    fn go(self, to: &Location) {
        let next = to.route();
        let here = self.route.with_untracked(|r| r.clone());
        if !self.handles(&next) || crate::route::plan_change_loads_page(&here, &next) {
            // Back/forward to a page the home bundle does not contain: load it for real.
            if let Some(w) = crate::dom::window() {
                let _ = w.location().reload();
            }
            return;
        }
        // The page component owns `data-ready`; when the page changes, the old value must not
        // be visible while the new page loads.
        if self.route.with_untracked(|r| r.page()) != next.page() {
            dom::set_ready(false);
        }
        self.search.set(to.view_search());
        self.route.set(next);
    }

    /// Whether this bundle draws `route` itself.
    fn handles(self, route: &Route) -> bool {
        self.bundle.draws(&route.page())
    }

    fn on_click(self, event: &MouseEvent) {
        if event.default_prevented()
            || event.button() != 0
            || event.ctrl_key()
            || event.meta_key()
            || event.shift_key()
            || event.alt_key()
        {
            return;
        }
        let Some(anchor) = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("a[href]").ok().flatten())
            .and_then(|el| el.dyn_into::<HtmlAnchorElement>().ok())
        else {
            return;
        };
        if !anchor.target().is_empty() || anchor.has_attribute("download") {
            return;
        }
        let href = anchor.href();
        let Some(window) = crate::dom::window() else {
            return;
        };
        let Ok(current) = window.location().href() else {
            return;
        };
        let Some(to) = in_app_target(&href, &current) else {
            return;
        };
        let next = to.route();
        let here = self.route.with_untracked(|r| r.clone());
        if !self.handles(&next) || crate::route::plan_change_loads_page(&here, &next) {
            // The browser follows the link: a page load with the full app.
            return;
        }
        event.prevent_default();
        if href != current {
            if let Ok(history) = window.history() {
                let _ = history.push_state_with_url(&JsValue::NULL, "", Some(&href));
            }
        }
        let has_section = matches!(
            &next,
            Route::Plan {
                section: Some(_),
                ..
            } | Route::Plan { para: Some(_), .. }
        );
        let new_page = self.route.with_untracked(|r| r.page()) != next.page();
        self.go(&to);
        if !has_section {
            window.scroll_to_with_x_and_y(0.0, 0.0);
        }
        if new_page {
            dom::focus_main();
        }
    }
}

/// The page's address, split for [`Route::from_location`].
fn current_location() -> Location {
    let location = crate::dom::window().map(|w| w.location());
    let part = |f: fn(&web_sys::Location) -> Result<String, JsValue>| {
        location
            .as_ref()
            .and_then(|l| f(l).ok())
            .unwrap_or_default()
    };
    let path = part(web_sys::Location::pathname);
    Location {
        file: path[path.rfind('/').map_or(0, |i| i + 1)..].to_owned(),
        search: part(web_sys::Location::search),
        hash: part(web_sys::Location::hash),
    }
}
