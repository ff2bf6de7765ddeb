// planscope performance figures (run by scripts/perf, i.e. `make perf`). Figures, not assertions.
//
//   node perf/run.mjs <site-url> <out-dir> <plan-id>...
//
// (a) Time from navigation to "usable" in Chromium through the DevTools protocol
//     (puppeteer-core), unthrottled and with 4x CPU throttling + Lighthouse's slow-4G profile:
//       - each plan page (plan-<id>.html, the static page): <html data-ready="1"> and the
//         outline tree in the page;
//       - the library: first plan card painted (the prerendered list) and the app ready.
//     Every run uses a fresh browser context (cold cache); the median of RUNS runs is reported.
// (b) Lighthouse 12 mobile scores (performance, accessibility, best practices, SEO) for every
//     page type: the library, every plan page (the QR journey), the largest plan's indicator page
//     and one explorer page, with Lighthouse's default simulated throttling; the run with the
//     median performance score of PERF_LH_RUNS runs (default 3) is reported.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';

const [site, outDir, ...plans] = process.argv.slice(2);
if (!site || !outDir || plans.length === 0) {
  console.error('usage: node perf/run.mjs <site-url> <out-dir> <plan-id>...');
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });
const CHROME = process.env.CHROME_PATH || '/usr/bin/chromium';
const RUNS = Number(process.env.PERF_RUNS || 5);
const LH_RUNS = Number(process.env.PERF_LH_RUNS || 3);
// Static pages (planscope-site): plan-<id>.html, indicators-<id>.html, indicator-<ind>.html.
const planUrl = (id) => `${site}plan-${encodeURIComponent(id)}.html`;
// What "the outline is usable" means on a plan page: ready, and at least one outline link.
const TREE = process.env.PERF_TREE_SELECTOR || '.ps-outline a, [role="tree"] [role="treeitem"]';
// Lighthouse's mobile "slow 4G" as applied by DevTools throttling (latency 150 ms x 3.75,
// 1.6 Mbps x 0.9 down, 750 kbps x 0.9 up).
const SLOW_4G = { offline: false, latency: 562.5, downloadThroughput: (1474.56 * 1024) / 8, uploadThroughput: (675 * 1024) / 8 };
const PHONE = { width: 390, height: 844, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

// Injected before any page script: records when the condition first holds, in ms since
// navigation start (performance.now()).
const probe = (tree) => `
  (() => {
    const marks = (window.__psMarks = {});
    const check = () => {
      const html = document.documentElement;
      if (!html) return;
      if (marks.card === undefined && document.querySelector('.ps-card')) marks.card = performance.now();
      if (html.getAttribute('data-ready') === '1') {
        if (marks.ready === undefined) marks.ready = performance.now();
        if (marks.tree === undefined && document.querySelector(${JSON.stringify(tree)})) marks.tree = performance.now();
      }
    };
    new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-ready'] });
    document.addEventListener('DOMContentLoaded', check);
  })();`;

async function measure(browser, url, throttled, done) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport(PHONE);
  const cdp = await page.createCDPSession();
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (throttled) {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
  }
  await page.evaluateOnNewDocument(probe(TREE));
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 120_000 });
  await page.waitForFunction(done, { timeout: 120_000, polling: 100 });
  const marks = await page.evaluate(() => {
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    return { ...window.__psMarks, fcp: fcp ? fcp.startTime : null };
  });
  await context.close();
  return marks;
}

const median = (xs) => {
  const s = xs.filter((x) => typeof x === 'number').sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : null;
};
const ms = (x) => (x == null ? '—' : `${Math.round(x)}`);

async function timings() {
  const browser = await puppeteer.launch({
    executablePath: CHROME,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--lang=zh-CN'],
  });
  const rows = [];
  const targets = [
    { name: 'library', url: site, done: () => document.documentElement.getAttribute('data-ready') === '1' && window.__psMarks.ready !== undefined },
    ...plans.map((id) => ({
      name: id,
      url: planUrl(id),
      done: () => window.__psMarks.tree !== undefined,
    })),
  ];
  try {
    for (const t of targets) {
      const row = { name: t.name };
      for (const throttled of [false, true]) {
        const runs = [];
        for (let i = 0; i < RUNS; i++) runs.push(await measure(browser, t.url, throttled, t.done));
        const key = throttled ? 'slow' : 'fast';
        for (const m of ['fcp', 'card', 'ready', 'tree']) row[`${key}_${m}`] = median(runs.map((r) => r[m]));
      }
      rows.push(row);
      console.error(`  measured ${t.name}`);
    }
  } finally {
    await browser.close();
  }
  return rows;
}

function lighthouse(name, url) {
  const bin = join(import.meta.dirname, 'node_modules', '.bin', 'lighthouse');
  execFileSync(
    bin,
    [
      url,
      '--quiet',
      '--chrome-flags=--headless --no-sandbox --disable-gpu --disable-dev-shm-usage',
      '--only-categories=performance,accessibility,best-practices,seo',
      '--output=json',
      '--output=html',
      `--output-path=${join(outDir, `lighthouse-${name}`)}`,
    ],
    { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, CHROME_PATH: CHROME } },
  );
  const report = JSON.parse(readFileSync(join(outDir, `lighthouse-${name}.report.json`), 'utf8'));
  const score = (c) => Math.round(report.categories[c].score * 100);
  const num = (a) => report.audits[a]?.numericValue ?? null;
  const failing = [];
  for (const c of ['accessibility', 'best-practices', 'seo']) {
    for (const ref of report.categories[c].auditRefs) {
      const a = report.audits[ref.id];
      if (ref.weight > 0 && a.score !== null && a.score < 1) failing.push(`${c}: ${a.id} — ${a.title}`);
    }
  }
  return {
    name,
    performance: score('performance'),
    accessibility: score('accessibility'),
    bestPractices: score('best-practices'),
    seo: score('seo'),
    fcp: num('first-contentful-paint'),
    lcp: num('largest-contentful-paint'),
    tbt: num('total-blocking-time'),
    cls: num('cumulative-layout-shift'),
    si: num('speed-index'),
    bytes: num('total-byte-weight'),
    failing,
  };
}

const lines = [];
const say = (s = '') => {
  lines.push(s);
  console.log(s);
};

console.error(`timings: ${RUNS} cold runs per page and profile (median)…`);
const rows = RUNS > 0 ? await timings() : [];
if (rows.length) {
say('## (a) Navigation → usable, Chromium ' + execFileSync(CHROME, ['--version']).toString().trim().replace(/^Chromium /, ''));
say('');
say(`Phone viewport 390×844; median of ${RUNS} cold loads; ms since navigation start.`);
say('"fast" = no throttling; "slow" = 4× CPU throttling + slow 4G (562.5 ms RTT, 1.47 Mbps down).');
say('Plan pages: usable = <html data-ready="1"> and the outline tree present. Library: "list in DOM" = first plan card parsed from the prerendered HTML (on screen at FCP), usable = app ready (filters work).');
say('');
say('| page | fast: FCP | fast: usable | slow: FCP | slow: list in DOM | slow: usable | slow ÷ fast |');
say('|---|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  const fast = r.name === 'library' ? r.fast_ready : r.fast_tree;
  const slow = r.name === 'library' ? r.slow_ready : r.slow_tree;
  const ratio = fast && slow ? (slow / fast).toFixed(1) + '×' : '—';
  say(`| ${r.name === 'library' ? 'library (./)' : `plan-${r.name}.html`} | ${ms(r.fast_fcp)} | ${ms(fast)} | ${ms(r.slow_fcp)} | ${r.name === 'library' ? ms(r.slow_card) : '—'} | ${ms(slow)} | ${ratio} |`);
}
say('');
}

// (b) Lighthouse. Sites: this build (served with brotli), and when given, the same pages of a
// baseline build (PERF_BASELINE_URL: a dist/ of an earlier commit, addressed as that version did,
// `?plan=<id>`) and this build behind a stock Debian nginx under a sub-path (PERF_NGINX_URL:
// gzip for HTML only, so wasm and JSON travel uncompressed).
const EXPLORER_IND = process.env.PERF_EXPLORER_IND || 'preschool_gross_enrolment';
const largest = process.env.PERF_LARGEST || plans[0];
const only = process.env.PERF_LH_PAGES ? process.env.PERF_LH_PAGES.split(',') : null;
const staticPages = (base) => [
  ['library', base, 'library (./)'],
  ...plans.map((id) => [`plan-${id}`, `${base}plan-${encodeURIComponent(id)}.html`, `plan-${id}.html`]),
  ['indicators', `${base}indicators-${encodeURIComponent(largest)}.html`, `indicators-${largest}.html`],
  ['explorer', `${base}indicator-${EXPLORER_IND}.html`, `indicator-${EXPLORER_IND}.html`],
];
// The addresses of the issue's "today" (no static pages but the library).
const appPages = (base) => [
  ['library', base, 'library (./)'],
  ...plans.map((id) => [`plan-${id}`, `${base}?plan=${encodeURIComponent(id)}`, `?plan=${id}`]),
  ['indicators', `${base}?plan=${encodeURIComponent(largest)}&view=indicators`, `?plan=${largest}&view=indicators`],
  ['explorer', `${base}?view=indicator&ind=${EXPLORER_IND}`, `?view=indicator&ind=${EXPLORER_IND}`],
];
const sites = [['this build', '', staticPages(site)]];
if (process.env.PERF_BASELINE_URL) sites.push(['baseline', 'base-', appPages(process.env.PERF_BASELINE_URL)]);
if (process.env.PERF_BEFORE_URL) sites.push(['before', 'before-', staticPages(process.env.PERF_BEFORE_URL)]);
if (process.env.PERF_NGINX_URL) {
  // One plan page (the largest) is enough to show what the host costs.
  sites.push(['stock nginx, sub-path', 'nginx-', staticPages(process.env.PERF_NGINX_URL).filter(([n]) => n === `plan-${largest}`)]);
}
const fmt = {
  ms: (x) => (x == null ? '—' : `${(x / 1000).toFixed(2)} s`),
  tbt: (x) => (x == null ? '—' : `${Math.round(x)} ms`),
  cls: (x) => (x == null ? '—' : x.toFixed(3)),
  kib: (x) => (x == null ? '—' : `${Math.round(x / 1024)} KiB`),
};
const lh = [];
// Page by page, each site in turn: the machine's load drifts, and the figures of one page type
// are compared across sites.
const names = [...new Set(sites.flatMap(([, , pages]) => pages.map(([n]) => n)))];
for (const pageName of names) {
  for (const [siteName, prefix, pages] of sites) {
  for (const [name, url, label] of pages.filter(([n]) => n === pageName)) {
    if (only && !only.includes(name)) continue;
    console.error(`lighthouse: ${siteName}: ${label} × ${LH_RUNS}`);
    const runs = [];
    for (let i = 0; i < LH_RUNS; i++) runs.push(lighthouse(`${prefix}${name}`, url));
    // Each figure is the median of the runs on its own (byte counts are the same every run).
    const med = (k) => median(runs.map((r) => r[k]));
    lh.push({
      site: siteName,
      label,
      name: `${prefix}${name}`,
      all: runs.map((r) => r.performance),
      performance: med('performance'),
      accessibility: med('accessibility'),
      bestPractices: med('bestPractices'),
      seo: med('seo'),
      fcp: med('fcp'),
      lcp: med('lcp'),
      tbt: med('tbt'),
      cls: med('cls'),
      si: med('si'),
      bytes: med('bytes'),
      failing: runs[0].failing,
    });
  }
  }
}
lh.sort((a, b) => sites.findIndex(([n]) => n === a.site) - sites.findIndex(([n]) => n === b.site));
say(`## (b) Lighthouse 12 mobile (simulated slow 4G, 4× CPU), median of ${LH_RUNS} runs per figure`);
say('');
say('Budgets (issue 11): plan pages performance ≥ 95, LCP ≤ 1.5 s, TBT ≤ 150 ms, CLS ≤ 0.02; library, indicator page, explorer ≥ 95.');
say('Bytes: Lighthouse total-byte-weight (transferred, as served).');
say('');
say('| site | page | performance (runs) | FCP | LCP | TBT | CLS | Speed Index | bytes | a11y | best pr. | SEO |');
say('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of lh) {
  say(`| ${r.site} | ${r.label} | ${r.performance} (${r.all.join(', ')}) | ${fmt.ms(r.fcp)} | ${fmt.ms(r.lcp)} | ${fmt.tbt(r.tbt)} | ${fmt.cls(r.cls)} | ${fmt.ms(r.si)} | ${fmt.kib(r.bytes)} | ${r.accessibility} | ${r.bestPractices} | ${r.seo} |`);
}
for (const r of lh) {
  if (r.failing.length) {
    say('');
    say(`Audits below 100 on ${r.site}: ${r.label}:`);
    for (const f of r.failing) say(`- ${f}`);
  }
}
say('');
say(`Load while measuring (uptime): ${execFileSync('uptime').toString().trim()}`);
writeFileSync(join(outDir, 'report.md'), lines.join('\n') + '\n');
writeFileSync(join(outDir, 'timings.json'), JSON.stringify(rows, null, 2));
console.error(`\nwrote ${join(outDir, 'report.md')} and the Lighthouse reports (HTML + JSON) in ${outDir}`);
