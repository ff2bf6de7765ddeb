//! The loader of every page: which of the three wasm bundles a page starts, and the forwarding of
//! addresses of earlier versions (`index.html?plan=<id>&sec=…`) to the static files.
//!
//! `make dist` builds three bundles with trunk: the full app (`src/main.rs`, from `index.html`),
//! the reader (`src/bin/planscope-reader.rs`, from `reader.html`: library + plan reader) and the
//! home bundle (`src/bin/planscope-home.rs`, from `home.html`: the library only). Trunk writes a
//! loader for the full app into `dist/index.html`; [`install_loader`] (run by
//! `planscope-site --home … --reader …`) replaces it with one that picks the bundle from the
//! file name and query string, by the rule of [`crate::route::loader_picks`], and preloads only
//! that one. On `index.html` it first forwards old plan, indicator and explorer addresses
//! (`?plan=<id>&sec=3.1` → `plan-<id>.html#s-3.1`, the rule of [`crate::route::legacy_redirect`])
//! with `location.replace`, so a QR code printed before the static pages existed lands on the
//! static page and section. The bundle is fetched after the page's `load` event and first paint
//! (every static page is readable without it), so it never competes with the page for bytes or
//! the main thread before first paint. So
//! the first screen (the library) never downloads the reader, a plan opened from a QR code never
//! downloads charts or comparison code, and no page downloads two bundles.
//!
//! The bundle file names are in `data-*` attributes of `<script id="ps-loader">`, where the size
//! report (`planscope-size`) reads them.

/// The JS glue and wasm file of one bundle, as paths relative to `index.html` (`./x.js`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleFiles {
    pub js: String,
    pub wasm: String,
}

/// The `id` of the loader script.
pub const LOADER_ID: &str = "ps-loader";

/// Replaces trunk's module script and preload links for the full app in `html` with the loader
/// that starts `home` on the library, `reader` on plan pages and the full app elsewhere. Returns
/// the new page and the full app's files as trunk named them.
pub fn install_loader(
    html: &str,
    home: &BundleFiles,
    reader: &BundleFiles,
) -> Result<(String, BundleFiles), String> {
    if html.contains(&format!("id=\"{LOADER_ID}\"")) {
        return Err("the loader is already installed: run trunk build again first".into());
    }
    let (start, end) =
        module_script(html).ok_or("no trunk module script (import init … module_or_path) found")?;
    let script = &html[start..end];
    let app = BundleFiles {
        js: quoted_after(script, "from ")
            .ok_or("the module script imports no JS glue")?
            .to_owned(),
        wasm: quoted_after(script, "module_or_path:")
            .ok_or("the module script names no wasm file")?
            .to_owned(),
    };
    for name in [
        &app.js,
        &app.wasm,
        &home.js,
        &home.wasm,
        &reader.js,
        &reader.wasm,
    ] {
        if !is_plain_path(name) {
            return Err(format!("unexpected bundle file name {name:?}"));
        }
    }
    let mut out = String::with_capacity(html.len() + 1024);
    out.push_str(&html[..start]);
    out.push_str(&loader_script(home, reader, &app));
    out.push_str(&html[end..]);
    // Trunk preloads the full app in <head> (and again after the script); the loader preloads
    // the bundle it picks instead.
    let out = remove_links(&out, &app);
    Ok((out, app))
}

/// The byte range of trunk's `<script type="module">` that imports the wasm glue.
fn module_script(html: &str) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(at) = html[from..].find("<script type=\"module\">") {
        let start = from + at;
        let end = start + html[start..].find("</script>")? + "</script>".len();
        let body = &html[start..end];
        if body.contains("import init") && body.contains("module_or_path") {
            return Some((start, end));
        }
        from = end;
    }
    None
}

/// The quoted string after `key` (`'…'` or `"…"`).
fn quoted_after<'a>(s: &'a str, key: &str) -> Option<&'a str> {
    let after = s[s.find(key)? + key.len()..].trim_start();
    let quote = after.chars().next().filter(|c| *c == '\'' || *c == '"')?;
    let rest = &after[1..];
    Some(&rest[..rest.find(quote)?])
}

/// A relative file path that can sit in an attribute and a JS string unescaped.
fn is_plain_path(name: &str) -> bool {
    name.starts_with("./")
        && name.len() > 2
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '/' | '-' | '_'))
}

/// Drops every `<link …>` tag that names one of `bundle`'s files.
fn remove_links(html: &str, bundle: &BundleFiles) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find("<link ") {
        let Some(len) = rest[at..].find('>') else {
            break;
        };
        let tag = &rest[at..at + len + 1];
        out.push_str(&rest[..at]);
        let names = [format!("\"{}\"", bundle.js), format!("\"{}\"", bundle.wasm)];
        if !names.iter().any(|n| tag.contains(n.as_str())) {
            out.push_str(tag);
        }
        rest = &rest[at + len + 1..];
    }
    out.push_str(rest);
    out
}

/// The loader: a classic script, so it runs while `<head>` is parsed and the preloads start at
/// once. Its rule must stay the one of [`crate::route::loader_picks`].
fn loader_script(home: &BundleFiles, reader: &BundleFiles, app: &BundleFiles) -> String {
    format!(
        r#"<script id="{LOADER_ID}" data-home-js="{hj}" data-home-wasm="{hw}" data-reader-js="{rj}" data-reader-wasm="{rw}" data-app-js="{aj}" data-app-wasm="{aw}">
(function () {{
  var d = document.getElementById('{LOADER_ID}').dataset, q = location.search;
  var f = location.pathname.replace(/^.*\//, '');
  if (f === '' || f === 'index.html') {{
    // Earlier addresses (QR codes): ?plan=<id>[&sec=|&p=][&find=] and ?plan=<id>&view=indicators[&hl=]
    // (route::legacy_redirect). Ids as in route::is_valid_id.
    var get = function (k) {{
      var m = new RegExp('[?&]' + k + '=([A-Za-z0-9._-]+)(&|$)').exec(q);
      return m && m[1].charAt(0) !== '.' && m[1].indexOf('..') < 0 ? m[1] : null;
    }};
    // Only to plans that have a static page (data-plans, written by planscope-site); the app
    // says so for any other id.
    var plan = get('plan'), to = null;
    if (plan && (' ' + (d.plans || '') + ' ').indexOf(' ' + plan + ' ') >= 0) {{
      if (get('view') === 'indicators') to = 'indicators-' + plan + '.html' + (get('hl') ? '?hl=' + get('hl') : '');
      else {{
        var fm = /[?&]find=([^&#]+)/.exec(q);
        to = 'plan-' + plan + '.html' + (fm ? '?find=' + fm[1] : '') +
          (get('p') ? '#p-' + get('p') : get('sec') ? '#s-' + get('sec') : '');
      }}
    }}
    if (to) {{ location.replace(to); return; }}
  }}
  var b = /^indicators?(-.+)?\.html$/.test(f) ? 'app' : /^plan-.*\.html$/.test(f) ? 'reader'
    : /[?&]view=(?!library(&|$))[^&]/.test(q) ? 'app' : /[?&]plan=[^&]/.test(q) ? 'reader' : 'home';
  var js = d[b + 'Js'], wasm = d[b + 'Wasm'];
  function preload(rel, href) {{
    var l = document.createElement('link');
    l.rel = rel; l.href = href; l.crossOrigin = 'anonymous';
    if (rel === 'preload') {{ l.as = 'fetch'; l.type = 'application/wasm'; }}
    document.head.appendChild(l);
  }}
  var started = false;
  function start() {{
    if (started) return;
    started = true;
    preload('modulepreload', js);
    preload('preload', wasm);
    var s = document.createElement('script');
    s.type = 'module';
    // No top-level await (older in-app browsers support modules but not that).
    s.textContent = "import init, * as bindings from '" + js + "';\n" +
      "init({{ module_or_path: '" + wasm + "' }}).then(function (wasm) {{\n" +
      "  window.wasmBindings = bindings;\n" +
      "  dispatchEvent(new CustomEvent('TrunkApplicationStarted', {{ detail: {{ wasm: wasm }} }}));\n" +
      "}}, function (e) {{\n" +
      "  console.error(e);\n" +
      "  dispatchEvent(new CustomEvent('ps-boot-failed'));\n" +
      "}});";
    document.head.appendChild(s);
  }}
  // The page is readable without the app (every static page has its content): the bundle is
  // fetched once the page has loaded and painted, so it never competes with the page's own
  // bytes or its first paint (issue 11). A hidden tab paints nothing; the timeout starts it there.
  function later() {{
    requestAnimationFrame(function () {{ setTimeout(start, 0); }});
    setTimeout(start, 1000);
  }}
  if (document.readyState === 'complete') later();
  else addEventListener('load', later);
}})();
</script>"#,
        hj = home.js,
        hw = home.wasm,
        rj = reader.js,
        rw = reader.wasm,
        aj = app.js,
        aw = app.wasm,
    )
}

/// The bundles named by an installed loader: (home, reader, full app).
pub fn installed_bundles(html: &str) -> Option<(BundleFiles, BundleFiles, BundleFiles)> {
    let at = html.find(&format!("id=\"{LOADER_ID}\""))?;
    let tag = &html[at..at + html[at..].find('>')?];
    let files = |name: &str| {
        Some(BundleFiles {
            js: quoted_after(tag, &format!("data-{name}-js="))?.to_owned(),
            wasm: quoted_after(tag, &format!("data-{name}-wasm="))?.to_owned(),
        })
    };
    Some((files("home")?, files("reader")?, files("app")?))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRUNK: &str = r#"<html><head>
<link rel="stylesheet" href="./reader-1.css" integrity="x">
<link rel="modulepreload" href="./planscope-app-ab12.js" crossorigin="anonymous" integrity="sha384-1">
<link rel="preload" href="./planscope-app-ab12_bg.wasm" crossorigin="anonymous" integrity="sha384-2" as="fetch" type="application/wasm">
<script>var boot = 1;</script>
<script type="module">
import init, * as bindings from './planscope-app-ab12.js';
const wasm = await init({ module_or_path: './planscope-app-ab12_bg.wasm' });
window.wasmBindings = bindings;
dispatchEvent(new CustomEvent("TrunkApplicationStarted", {detail: {wasm}}));
</script>
<link rel="modulepreload" href="./planscope-app-ab12.js" crossorigin="anonymous" integrity="sha384-1"><link rel="preload" href="./planscope-app-ab12_bg.wasm" crossorigin="anonymous" integrity="sha384-2" as="fetch" type="application/wasm"></head>
<body><link rel="icon" href="./favicon-9.svg"></body></html>"#;

    fn reader() -> BundleFiles {
        BundleFiles {
            js: "./planscope-reader-ef56.js".into(),
            wasm: "./planscope-reader-ef56_bg.wasm".into(),
        }
    }

    fn home() -> BundleFiles {
        BundleFiles {
            js: "./planscope-home-cd34.js".into(),
            wasm: "./planscope-home-cd34_bg.wasm".into(),
        }
    }

    #[test]
    fn replaces_trunks_loader_and_preloads() {
        let (html, app) = install_loader(TRUNK, &home(), &reader()).unwrap();
        assert_eq!(
            app,
            BundleFiles {
                js: "./planscope-app-ab12.js".into(),
                wasm: "./planscope-app-ab12_bg.wasm".into()
            }
        );
        assert!(!html.contains("<script type=\"module\">"), "{html}");
        assert!(!html.contains("rel=\"modulepreload\""), "{html}");
        assert!(!html.contains("rel=\"preload\""), "{html}");
        // Everything else stays.
        for kept in [
            "./reader-1.css",
            "var boot = 1;",
            "./favicon-9.svg",
            "</head>",
        ] {
            assert!(html.contains(kept), "{kept} lost: {html}");
        }
        assert_eq!(installed_bundles(&html), Some((home(), reader(), app)));
        // The loader script comes where trunk's was: before the trailing links' old place.
        assert!(html.find(LOADER_ID).unwrap() > html.find("var boot").unwrap());
    }

    #[test]
    fn refuses_a_page_without_trunks_loader_or_with_one_installed() {
        assert!(install_loader("<html></html>", &home(), &reader()).is_err());
        let (html, _) = install_loader(TRUNK, &home(), &reader()).unwrap();
        assert!(install_loader(&html, &home(), &reader())
            .unwrap_err()
            .contains("already"));
        let odd = BundleFiles {
            js: "./a'.js".into(),
            wasm: "./a.wasm".into(),
        };
        assert!(install_loader(TRUNK, &odd, &reader()).is_err());
    }
}
