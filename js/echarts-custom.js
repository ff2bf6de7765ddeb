// The ECharts build planscope ships: only what charming's option JSON uses.
// Bundled by esbuild (`npm run echarts`) into public/vendor/echarts.min.js (renamed by its content
// hash to vendor/echarts-<16 hex>.js in dist/ by planscope-site), which the app loads
// on demand (src/echarts.rs). charming's WasmRenderer calls the global `echarts`, hence window.echarts.
// Adding a chart type or component to the app means adding it here too.
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([
  BarChart,
  LineChart,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  CanvasRenderer,
]);

window.echarts = echarts;
