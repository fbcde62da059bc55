// Parallel coordinates, registered with ECharts where a sweep's analysis draws them (echarts-setup.ts registers
// the charts every view uses; this one only the sweep analysis needs).
import { ParallelChart } from 'echarts/charts';
import { ParallelComponent } from 'echarts/components';
import { echarts } from './echarts-setup';

echarts.use([ParallelChart, ParallelComponent]);
