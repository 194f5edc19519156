/**
 * Chart.js is loaded only in the browser and only when a page draws a chart: the summary page
 * renders on the server without it, and the library is a separate chunk fetched after the page is
 * interactive. Registered once, with just the parts a bar chart needs (tree-shaken).
 */
import type { Chart as ChartType } from 'chart.js';

let loading: Promise<typeof ChartType> | null = null;

export function loadChart(): Promise<typeof ChartType> {
	loading ??= import('chart.js').then(({ Chart, BarController, BarElement, CategoryScale, LinearScale, Tooltip }) => {
		Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);
		return Chart;
	});
	return loading;
}
