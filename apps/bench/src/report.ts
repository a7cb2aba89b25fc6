import type { RunResult } from './run-one.js';

export interface Row {
  model: string;
  backend: string;
  framework: string;
  runs: number;
  seconds: number;
  /** tfjs-layers' seconds ÷ this framework's, same model and backend (how many times faster). */
  speedup: number | null;
  /** PyTorch's seconds ÷ this framework's, same model (above 1: faster than PyTorch). */
  vsTorch: number | null;
  accuracy: number;
  peakRssMb: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** One row per model, backend and framework: median seconds, mean accuracy, largest peak RSS. */
export function summarize(results: readonly RunResult[]): Row[] {
  const groups = new Map<string, RunResult[]>();
  for (const r of results) {
    const key = `${r.model}\u0000${r.backend}\u0000${r.framework}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const rows: Row[] = [...groups.values()].map((rs) => ({
    model: rs[0]?.model ?? '',
    backend: rs[0]?.backend ?? '',
    framework: rs[0]?.framework ?? '',
    runs: rs.length,
    seconds: median(rs.map((r) => r.seconds)),
    speedup: null,
    vsTorch: null,
    accuracy: rs.reduce((s, r) => s + r.accuracy, 0) / rs.length,
    peakRssMb: Math.max(...rs.map((r) => r.peakRssMb)),
  }));
  for (const row of rows) {
    const base = rows.find((r) => r.model === row.model && r.backend === row.backend && r.framework === 'tfjs-layers');
    if (base && row.framework !== 'tfjs-layers' && row.framework !== 'pytorch') row.speedup = base.seconds / row.seconds;
    const torch = rows.find((r) => r.model === row.model && r.framework === 'pytorch');
    if (torch && row !== torch) row.vsTorch = torch.seconds / row.seconds;
  }
  return rows;
}

const ratio = (x: number | null) => (x === null ? '—' : `${x.toFixed(x < 10 ? 2 : 1)}×`);

/** A Markdown table, ready for the README. */
export function renderTable(rows: readonly Row[]): string {
  const lines = [
    '| model | backend | framework | s / epoch | × faster than tfjs-layers | × PyTorch speed | test accuracy | peak RSS |',
    '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.model} | ${r.backend} | ${r.framework} | ${r.seconds.toFixed(2)} | ${ratio(r.speedup)} | ${ratio(r.vsTorch)} | ${r.accuracy.toFixed(4)} | ${r.peakRssMb.toFixed(0)} MB |`,
    );
  }
  return lines.join('\n');
}
