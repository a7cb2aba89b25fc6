import type { RunResult } from './run-one.js';

export interface Row {
  backend: string;
  framework: string;
  runs: number;
  seconds: number;
  /** tfjs-layers' seconds ÷ this framework's, on the same backend (how many times faster). */
  speedup: number | null;
  accuracy: number;
  peakRssMb: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** One row per backend and framework: median seconds, mean accuracy, largest peak RSS. */
export function summarize(results: readonly RunResult[]): Row[] {
  const groups = new Map<string, RunResult[]>();
  for (const r of results) {
    const key = `${r.backend}\u0000${r.framework}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const rows: Row[] = [...groups.values()].map((rs) => ({
    backend: rs[0]?.backend ?? '',
    framework: rs[0]?.framework ?? '',
    runs: rs.length,
    seconds: median(rs.map((r) => r.seconds)),
    speedup: null,
    accuracy: rs.reduce((s, r) => s + r.accuracy, 0) / rs.length,
    peakRssMb: Math.max(...rs.map((r) => r.peakRssMb)),
  }));
  for (const row of rows) {
    const baseName = row.framework.endsWith('-convnet') ? 'tfjs-layers-convnet' : 'tfjs-layers';
    const base = rows.find((r) => r.backend === row.backend && r.framework === baseName);
    if (base && row.framework !== baseName) row.speedup = base.seconds / row.seconds;
  }
  return rows;
}

/** A Markdown table, ready for the README. */
export function renderTable(rows: readonly Row[]): string {
  const lines = [
    '| backend | framework | s / epoch | × faster than tfjs-layers | test accuracy | peak RSS |',
    '| --- | --- | ---: | ---: | ---: | ---: |',
  ];
  for (const r of rows) {
    const speedup = r.speedup === null ? '—' : `${r.speedup.toFixed(1)}×`;
    lines.push(
      `| ${r.backend} | ${r.framework} | ${r.seconds.toFixed(2)} | ${speedup} | ${r.accuracy.toFixed(4)} | ${r.peakRssMb.toFixed(0)} MB |`,
    );
  }
  return lines.join('\n');
}
