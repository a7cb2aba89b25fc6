import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartDataset,
} from 'chart.js';

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, BarController, BarElement, Legend, Tooltip);

type Point = { x: number; y: number };

const TRAIN_COLOUR = '#155e75';
const VALIDATION_COLOUR = '#c2410c';

/** One metric over training: a per-batch train line and a per-epoch validation line. */
export class MetricChart {
  private readonly chart: Chart<'line', Point[]>;
  private pending = false;

  constructor(canvas: HTMLCanvasElement, metric: string) {
    const dataset = (label: string, colour: string, pointRadius: number): ChartDataset<'line', Point[]> => ({
      label,
      data: [],
      borderColor: colour,
      backgroundColor: colour,
      borderWidth: 1.5,
      pointRadius,
    });
    this.chart = new Chart<'line', Point[]>(canvas, {
      type: 'line',
      data: { datasets: [dataset(`train ${metric}`, TRAIN_COLOUR, 0), dataset(`val_${metric}`, VALIDATION_COLOUR, 3)] },
      options: {
        animation: false,
        maintainAspectRatio: false,
        parsing: false,
        normalized: true,
        scales: {
          x: { type: 'linear', title: { display: true, text: 'epoch' }, min: 0 },
          y: { type: 'linear', title: { display: true, text: metric } },
        },
      },
    });
  }

  reset(): void {
    for (const d of this.chart.data.datasets) d.data = [];
    this.chart.update();
    this.mark();
  }

  addTrain(x: number, y: number | undefined): void {
    this.add(0, x, y);
  }

  addValidation(x: number, y: number | undefined): void {
    this.add(1, x, y);
  }

  /** Points drawn so far: [train, validation]. */
  pointCounts(): number[] {
    return this.chart.data.datasets.map((d) => d.data.length);
  }

  private add(index: number, x: number, y: number | undefined): void {
    if (y === undefined || !Number.isFinite(y)) return;
    this.chart.data.datasets[index]?.data.push({ x, y });
    // Redraw at most once per frame, however fast batches arrive.
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => {
      this.pending = false;
      this.chart.update('none');
      this.mark();
    });
  }

  /** Point counts on the canvas (`data-points="train,validation"`), for tests and curious readers. */
  private mark(): void {
    this.chart.canvas.dataset.points = this.pointCounts().join(',');
  }
}

/** The ten class probabilities of the current drawing. */
export class ProbabilityChart {
  private readonly chart: Chart<'bar', number[], string>;

  constructor(canvas: HTMLCanvasElement) {
    this.chart = new Chart<'bar', number[], string>(canvas, {
      type: 'bar',
      data: {
        labels: Array.from({ length: 10 }, (_, i) => String(i)),
        datasets: [{ label: 'probability', data: new Array<number>(10).fill(0), backgroundColor: TRAIN_COLOUR }],
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        plugins: { legend: { display: false } },
        scales: { y: { min: 0, max: 1, title: { display: true, text: 'probability' } } },
      },
    });
  }

  show(probabilities: ArrayLike<number> | null): void {
    const data = this.chart.data.datasets[0];
    if (!data) return;
    data.data = Array.from({ length: 10 }, (_, i) => probabilities?.[i] ?? 0);
    this.chart.update('none');
  }
}
