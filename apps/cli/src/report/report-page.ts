import { encodeGrayPng } from '../image/encode-png.js';
import { chartJsSource } from './chart-script.js';

export interface ReportData {
  title: string;
  /** Keras's history dict: `loss`, `accuracy`, `val_loss`, `val_accuracy`... one number per epoch. */
  history: Record<string, number[]>;
  /** `confusion[true][predicted]` counts on the test set. */
  confusion: number[][];
  /** Test digits the model got wrong: 28×28 pixels 0–255. */
  misclassified: Array<{ pixels: ArrayLike<number>; label: number; predicted: number }>;
  /** Shown as a small table: test loss, accuracy, backend, seconds... */
  facts: Record<string, string | number>;
}

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** One self-contained HTML page: curves (Chart.js, inlined), confusion matrix, misclassified digits. */
export async function renderReport(data: ReportData): Promise<string> {
  const epochs = (data.history.loss ?? []).map((_, i) => i + 1);
  const series = (keys: string[]) => keys.filter((k) => data.history[k]).map((k) => ({ label: k, data: data.history[k], tension: 0.2 }));
  const charts = {
    loss: { type: 'line', data: { labels: epochs, datasets: series(['loss', 'val_loss']) } },
    accuracy: { type: 'line', data: { labels: epochs, datasets: series(['accuracy', 'val_accuracy']) } },
  };
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(data.title)}</title>
<style>
body{font:14px system-ui,sans-serif;margin:2rem;color:#222}h1{font-size:1.4rem}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(360px,1fr));gap:2rem;max-width:1100px}
table{border-collapse:collapse}td,th{padding:2px 6px;text-align:right}
.cm td{width:3.2em}.cm td.d{font-weight:bold}.facts td:first-child{text-align:left;color:#555}
.grid{display:flex;flex-wrap:wrap;gap:8px}.grid figure{margin:0;text-align:center;font-size:12px}
.grid img{width:56px;height:56px;image-rendering:pixelated;display:block}
</style></head><body>
<h1>${esc(data.title)}</h1>
<table class="facts">${Object.entries(data.facts).map(([k, v]) => `<tr><td>${esc(k)}</td><td>${esc(String(v))}</td></tr>`).join('')}</table>
<h2>Training curves</h2>
<div class="charts"><div><canvas id="loss-chart"></canvas></div><div><canvas id="accuracy-chart"></canvas></div></div>
<h2>Confusion matrix (rows: true label, columns: predicted)</h2>
${confusionTable(data.confusion)}
<h2>Misclassified test digits (${data.misclassified.length} shown)</h2>
<div class="grid">${data.misclassified.map(digitFigure).join('')}</div>
<script>${await chartJsSource()}</script>
<script>
const charts = ${JSON.stringify(charts)};
for (const [name, config] of Object.entries(charts)) {
  config.options = { animation: false, plugins: { title: { display: true, text: name } }, scales: { x: { title: { display: true, text: 'epoch' } } } };
  new Chart(document.getElementById(name + '-chart'), config);
}
</script>
</body></html>
`;
}

function confusionTable(confusion: number[][]): string {
  const max = Math.max(1, ...confusion.flat());
  const head = `<tr><th></th>${confusion.map((_, j) => `<th>${j}</th>`).join('')}</tr>`;
  const rows = confusion.map((row, i) => {
    const cells = row.map((n, j) => {
      const shade = Math.round(255 - (200 * n) / max);
      return `<td class="${i === j ? 'd' : ''}" style="background:rgb(${shade},${shade},255)">${n}</td>`;
    });
    return `<tr><th>${i}</th>${cells.join('')}</tr>`;
  });
  return `<table class="cm">${head}${rows.join('')}</table>`;
}

function digitFigure(d: { pixels: ArrayLike<number>; label: number; predicted: number }): string {
  const png = encodeGrayPng(d.pixels, 28, 28).toString('base64');
  return `<figure><img alt="digit ${d.label} predicted ${d.predicted}" src="data:image/png;base64,${png}"><figcaption>true ${d.label} → ${d.predicted}</figcaption></figure>`;
}
