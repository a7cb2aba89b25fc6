import { describe, expect, it } from 'vitest';
import { renderTable, summarize } from './report.js';

describe('bench report', () => {
  it('takes the median time per backend and framework and the ratio against tfjs-layers', () => {
    const rows = summarize([
      { framework: 'neuralkit', backend: 'cpu', seconds: 3, accuracy: 0.92, peakRssMb: 200 },
      { framework: 'tfjs-layers', backend: 'cpu', seconds: 12, accuracy: 0.91, peakRssMb: 500 },
      { framework: 'neuralkit', backend: 'cpu', seconds: 5, accuracy: 0.93, peakRssMb: 210 },
      { framework: 'tfjs-layers', backend: 'cpu', seconds: 10, accuracy: 0.91, peakRssMb: 520 },
    ]);
    // neuralkit: median(3, 5) = 4 s; tfjs-layers: median(12, 10) = 11 s → 11 / 4 = 2.75× faster.
    expect(rows[0]).toMatchObject({ framework: 'neuralkit', seconds: 4, speedup: 2.75, peakRssMb: 210 });
    expect(rows[0]?.accuracy).toBeCloseTo(0.925, 10);
    expect(rows[1]).toMatchObject({ framework: 'tfjs-layers', seconds: 11, speedup: null });
    expect(renderTable(rows).split('\n')[2]).toBe('| cpu | neuralkit | 4.00 | 2.8× | 0.9250 | 210 MB |');
  });

  it('compares the convnet with tfjs-layers running the convnet', () => {
    const rows = summarize([
      { framework: 'neuralkit-convnet', backend: 'wasm', seconds: 60, accuracy: 0.98, peakRssMb: 300 },
      { framework: 'tfjs-layers-convnet', backend: 'wasm', seconds: 240, accuracy: 0.98, peakRssMb: 900 },
      { framework: 'tfjs-layers', backend: 'wasm', seconds: 4, accuracy: 0.92, peakRssMb: 500 },
    ]);
    // 240 / 60 = 4× (not 4 / 60 against the lecture model's tfjs-layers run).
    expect(rows.map((r) => [r.framework, r.speedup])).toEqual([['neuralkit-convnet', 4], ['tfjs-layers-convnet', null], ['tfjs-layers', null]]);
  });
});
