// planscope's boot script: the only script of every page besides the wasm glue it imports.
// planscope-site (src/main.rs, with crates/planscope-view/src/loader.rs) writes it to dist/ as
// boot.js and puts it first in <head> as a classic, synchronous script:
//   <script id="ps-loader" src="./boot.js?v=<content hash>" data-home-js=… data-home-wasm=… …></script>
// Its name is fixed (not hashed) so that a page of an earlier release still finds it (5.).
// so no page needs an inline script, style or handler (CSP `script-src 'self'`).
//
// 1. Before first paint: classes on <html> (ps-js; ps-boot-other for addresses whose view is
//    not the page written at build time; the reader's text size and theme from localStorage).
// 2. Forwarding of earlier addresses (index.html?plan=<id>&sec=…, route::legacy_redirect).
// 3. Old engines: WebAssembly.validate of a 63-byte module that uses exactly the wasm features
//    the build emits (sign-ext, reference-types, multi-value, bulk memory; see ARCHITECTURE.md
//    "Old engines" and scripts/wasm-features). Without them nothing is downloaded: the static page
//    stays and OLD says why. A compile or link error later on a whole module says the same,
//    never NET (a module cut short is NET: wholeModule).
// 4. The bundle of this page (route::loader_picks), preloaded and started with import() once
//    the page has loaded and painted.
// 5. Stale caches: a script, stylesheet or wasm file that fails is asked for again
//    (HEAD, no-store); when the server answers 404 (a newer release replaced the hashed file)
//    the page reloads itself once with a cache-busting parameter (guarded in sessionStorage, so
//    it never loops) and otherwise explains (STALE). A file that cannot be fetched at all: NET.
(function () {
  'use strict';
  var me = document.currentScript || document.getElementById('ps-loader');
  var d = (me && me.dataset) || {};
  var root = document.documentElement, cls = root.classList, q = location.search;

  // 1.
  if (/[?&](plan|region|kind|period|sort|page)=[^&]/.test(q) || /[?&]view=(?!library(&|$))[^&]/.test(q)) {
    cls.add('ps-boot-other');
  }
  cls.add('ps-js');
  try {
    var st = localStorage;
    if (st.getItem('ps-text') === 'large') cls.add('ps-large');
    var th = st.getItem('ps-theme');
    if (/^(light|dark|contrast)$/.test(th)) cls.add('ps-theme-' + th);
  } catch (e) { /* storage off: defaults */ }

  var OLD = '本页的交互功能（目录跳转、搜索、对比、图表）需要较新版本的浏览器或微信，请升级后再打开。';
  var NET = '页面文件加载失败，请检查网络后刷新重试。';
  var STALE = '网站刚刚更新，本页的旧版本文件已被替换，自动刷新未能恢复。请稍后重新打开本页，或返回规划库。';
  var RELOAD_KEY = 'ps-reloaded', BUST = 'ps-r';
  var started = false, failed = false;

  // A cache-busting reload lands here with ?ps-r=<time>: drop it before the app reads the address.
  var bust = new RegExp('([?&])' + BUST + '=\\d+(&|$)');
  if (bust.test(q) && history.replaceState) {
    var clean = q.replace(bust, function (m, a, b) { return b ? a : ''; }).replace(/[?&]$/, '');
    history.replaceState(history.state, '', location.pathname + clean + location.hash);
    q = location.search;
  }

  function whenBody(f) {
    if (document.body) f();
    else document.addEventListener('DOMContentLoaded', f);
  }
  // Replaces the loading message with `message`; the static page stays. `kind` goes to
  // <html data-boot-failed> (old | net | stale) for tests and styles.
  function fail(kind, message) {
    if (started || failed) return;
    failed = true;
    root.setAttribute('data-boot-failed', kind);
    whenBody(function () {
      var status = document.getElementById('ps-boot-status');
      var error = document.getElementById('ps-boot-error');
      if (status) status.hidden = true;
      if (error) {
        error.textContent = message;
        error.hidden = false;
      }
      // The page as written at build time reads like the JavaScript-off page (reader.css).
      if (kind === 'old') cls.remove('ps-js');
    });
  }
  function storage() {
    try { return sessionStorage; } catch (e) { return null; }
  }
  // `url` (a file of this page) failed to load: a newer release, or the network?
  function broken(url) {
    if (started || failed) return;
    if (!url || typeof fetch !== 'function') { fail('net', NET); return; }
    fetch(url, { method: 'HEAD', cache: 'no-store' }).then(function (r) {
      if (r.status !== 404 && r.status !== 410) { fail('net', NET); return; }
      var s = storage(), page = location.pathname + q;
      if (s && s.getItem(RELOAD_KEY) !== page) {
        s.setItem(RELOAD_KEY, page);
        var sep = q ? '&' : '?';
        location.replace(location.pathname + q + sep + BUST + '=' + Date.now() + location.hash);
        return;
      }
      fail('stale', STALE);
    }, function () { fail('net', NET); });
  }
  addEventListener('TrunkApplicationStarted', function () {
    started = true;
    var s = storage();
    if (s) s.removeItem(RELOAD_KEY);
  });
  addEventListener('error', function (e) {
    var t = e.target;
    if (t && t.tagName === 'SCRIPT') broken(t.src);
    else if (t && t.tagName === 'LINK' && /stylesheet|preload/.test(t.rel)) broken(t.href);
  }, true);
  // A slow network is not a failure: while the files are still arriving, say so without asking
  // for a refresh (which would restart the download).
  setTimeout(function () {
    var status = document.getElementById('ps-boot-status');
    if (!started && !failed && status && !status.hidden) status.textContent = '网络较慢，页面仍在加载，请稍候…';
  }, 8000);

  // 2. Only on index.html, only to plans that have a static page (data-plans, planscope-site).
  var file = location.pathname.replace(/^.*\//, '');
  if (file === '' || file === 'index.html') {
    var get = function (k) {
      var m = new RegExp('[?&]' + k + '=([A-Za-z0-9._-]+)(&|$)').exec(q);
      return m && m[1].charAt(0) !== '.' && m[1].indexOf('..') < 0 ? m[1] : null;
    };
    var plan = get('plan'), to = null;
    if (plan && (' ' + (d.plans || '') + ' ').indexOf(' ' + plan + ' ') >= 0) {
      if (get('view') === 'indicators') to = 'indicators-' + plan + '.html' + (get('hl') ? '?hl=' + get('hl') : '');
      else {
        var fm = /[?&]find=([^&#]+)/.exec(q);
        to = 'plan-' + plan + '.html' + (fm ? '?find=' + fm[1] : '') +
          (get('p') ? '#p-' + get('p') : get('sec') ? '#s-' + get('sec') : '');
      }
    }
    if (to) { location.replace(to); return; }
  }

  // 3. sign-ext (i32.extend8_s), reference types (externref table, table.get), multi-value
  // (a function returning i32 i32), bulk memory (memory.copy); built with binaryen's wasm-as.
  var FEATURES = [0, 97, 115, 109, 1, 0, 0, 0, 1, 12, 2, 96, 1, 127, 2, 127, 127, 96, 0, 2, 127, 127,
    3, 2, 1, 0, 4, 4, 1, 111, 0, 1, 5, 3, 1, 0, 1, 10, 24, 1, 22, 0, 65, 0, 65, 8, 65, 4, 252, 10, 0,
    0, 65, 0, 37, 0, 26, 32, 0, 192, 32, 0, 11];
  var ok = false;
  try {
    ok = typeof WebAssembly === 'object' && typeof Uint8Array === 'function' &&
      'noModule' in document.createElement('script') &&
      WebAssembly.validate(new Uint8Array(FEATURES));
  } catch (e) { ok = false; }
  if (!ok) { fail('old', OLD); return; }

  // 4. The rule of route::loader_picks.
  var b = /^indicators?(-.+)?\.html$/.test(file) ? 'app' : /^plan-.*\.html$/.test(file) ? 'reader'
    : /[?&]view=(?!library(&|$))[^&]/.test(q) ? 'app' : /[?&]plan=[^&]/.test(q) ? 'reader' : 'home';
  var js = d[b + 'Js'], wasm = d[b + 'Wasm'];
  if (!js || !wasm) return; // a page without bundles (trunk's own build): nothing to start
  function preload(rel, href) {
    var l = document.createElement('link');
    l.rel = rel; l.href = href; l.crossOrigin = 'anonymous';
    if (rel === 'preload') { l.as = 'fetch'; l.type = 'application/wasm'; }
    document.head.appendChild(l);
  }
  var base = new URL('.', me && me.src ? me.src : location.href).href;
  // Whether `buf` is a whole wasm module: magic number, then sections (id, LEB128 size, body)
  // that end exactly at the end. A module that is whole but does not compile uses something
  // this engine lacks; one cut short (a broken download or upload) is the network's fault.
  function wholeModule(buf) {
    var b = new Uint8Array(buf), i = 8;
    if (b.length < 8 || b[0] !== 0 || b[1] !== 0x61 || b[2] !== 0x73 || b[3] !== 0x6d) return false;
    while (i < b.length) {
      var size = 0, shift = 0, byte;
      i++; // section id
      do {
        if (i >= b.length) return false;
        byte = b[i++];
        size += (byte & 0x7f) * Math.pow(2, shift);
        shift += 7;
      } while (byte & 0x80);
      i += size;
    }
    return i === b.length;
  }
  // The bundle failed to start. Files that are gone are asked for first (a 404 body does not
  // compile either); a whole module this engine cannot compile or link is an old browser,
  // never the network; anything else (a file cut short, no answer) is the network.
  function startFailed(e, url) {
    console.error(e);
    var name = e && e.name;
    var compile = name === 'CompileError' || name === 'LinkError';
    if (typeof fetch !== 'function') {
      if (compile) fail('old', OLD); else fail('net', NET);
      return;
    }
    fetch(url, { method: compile ? 'GET' : 'HEAD' }).then(function (r) {
      if (r.status === 404 || r.status === 410) { broken(url); return; }
      if (!compile || !r.ok) { fail('net', NET); return; }
      return r.arrayBuffer().then(function (buf) {
        if (wholeModule(buf)) fail('old', OLD); else fail('net', NET);
      });
    }).then(null, function () { fail('net', NET); });
  }
  // The page is readable without the app (every static page has its content): the bundle is
  // fetched once the page has loaded and its content has been painted — the first contentful
  // paint (Paint Timing) presented, then two frames and a task — so it never competes with the
  // page's own bytes or its first paint (issue 11). A frame alone is not enough: the paint is
  // presented after the frame's callbacks, and a fetch started before it delays it, in browsers
  // and in Lighthouse's estimate of LCP alike. A hidden tab paints nothing: it starts at once.
  // Without Paint Timing, after load and the frames; a page that never paints, after 3 s.
  var begun = false;
  function start() {
    if (begun) return;
    begun = true;
    preload('modulepreload', js);
    preload('preload', wasm);
    import(new URL(js, base).href).then(function (glue) {
      return glue.default({ module_or_path: new URL(wasm, base).href }).then(function (w) {
        window.wasmBindings = glue;
        dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm: w } }));
      }, function (e) { startFailed(e, new URL(wasm, base).href); });
    }, function (e) { startFailed(e, new URL(js, base).href); });
  }
  function later() {
    var framed = false;
    function afterFrame() {
      if (framed) return;
      framed = true;
      // Two frames: content parsed after the first paint (a long page) is painted by then.
      requestAnimationFrame(function () {
        requestAnimationFrame(function () { setTimeout(start, 0); });
      });
    }
    if (document.visibilityState === 'hidden') { start(); return; }
    addEventListener('visibilitychange', function () {
      if (document.visibilityState === 'hidden') start();
    });
    setTimeout(start, 3000);
    var PO = window.PerformanceObserver;
    var types = PO && PO.supportedEntryTypes;
    if (!types || types.indexOf('paint') < 0) { afterFrame(); return; }
    var painted = function (list) {
      return list.getEntriesByName('first-contentful-paint').length > 0;
    };
    if (painted(performance)) { afterFrame(); return; }
    var observer = new PO(function (list) {
      if (painted(list)) { observer.disconnect(); afterFrame(); }
    });
    observer.observe({ type: 'paint', buffered: true });
  }
  if (document.readyState === 'complete') later();
  else addEventListener('load', later);
})();
