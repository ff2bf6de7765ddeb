// The ECharts build planscope ships: only what the app's option JSON uses (bar charts with grid,
// legend and tooltip, drawn on canvas; no line chart, no title: the page's own headings name
// each chart, and evaluating less script is a shorter task when a chart view starts).
// Bundled by esbuild (`npm run echarts`) into public/vendor/echarts.min.js (renamed by its content
// hash to vendor/echarts-<16 hex>.js in dist/ by planscope-site), which the app loads
// on demand (src/echarts.rs), which calls the global `echarts`, hence window.echarts.
// Adding a chart type or component to the app means adding it here too.
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

window.echarts = echarts;
