// Build time only (never shipped): draws chart options as SVG with ECharts' server-side renderer,
// for the charts of the pages planscope-site writes (crates/planscope-site/src/charts.rs).
//
// The same ECharts (js/package-lock.json) and the same components as the shipped bundle
// (echarts-custom.js), with the SVG renderer instead of the canvas one.
//
// Protocol, one JSON document per line both ways (UTF-8):
//   in:  {"width": <CSS px>, "height": <CSS px>, "option": <ECharts option, as the app builds it>}
//   out: {"svg": "<svg …>…</svg>"}   or   {"error": "<why>"}
// The process answers every line in order and exits when its input ends.
import { createInterface } from 'node:readline';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

// Standard output carries the answers only: ECharts' own messages go to standard error.
for (const level of ['log', 'info', 'warn', 'debug']) {
  console[level] = (...args) => process.stderr.write(args.map(String).join(' ') + '\n');
}
// The reader went away (planscope-site stopped): nothing more to answer.
process.stdout.on('error', () => process.exit(0));

function draw(request) {
  const { width, height, option } = JSON.parse(request);
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    // A drawing, not an animation: the final frame at once.
    chart.setOption({ ...option, animation: false });
    return { svg: chart.renderToSVGString() };
  } finally {
    chart.dispose();
  }
}

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  if (!line.trim()) continue;
  let answer;
  try {
    answer = draw(line);
  } catch (e) {
    answer = { error: String(e && e.message ? e.message : e) };
  }
  process.stdout.write(JSON.stringify(answer) + '\n');
}
process.exit(0);
