import { describe, expect, it } from 'vitest';
import { renderTable, summarize } from './report.js';

describe('bench report', () => {
  it('takes the median time per model, backend and framework and the ratios against tfjs-layers and PyTorch', () => {
    const rows = summarize([
      { model: 'mlp', framework: 'neuralkit', backend: 'cpu', seconds: 3, accuracy: 0.92, peakRssMb: 200 },
      { model: 'mlp', framework: 'tfjs-layers', backend: 'cpu', seconds: 12, accuracy: 0.91, peakRssMb: 500 },
      { model: 'mlp', framework: 'neuralkit', backend: 'cpu', seconds: 5, accuracy: 0.93, peakRssMb: 210 },
      { model: 'mlp', framework: 'tfjs-layers', backend: 'cpu', seconds: 10, accuracy: 0.91, peakRssMb: 520 },
      { model: 'mlp', framework: 'pytorch', backend: 'cpu', seconds: 6, accuracy: 0.92, peakRssMb: 400 },
      { model: 'lecture', framework: 'neuralkit', backend: 'cpu', seconds: 1, accuracy: 0.9, peakRssMb: 150 },
    ]);
    // neuralkit: median(3, 5) = 4 s; tfjs-layers: median(12, 10) = 11 s → 11 / 4 = 2.75× faster;
    // PyTorch 6 s → 6 / 4 = 1.5× PyTorch's speed.
    expect(rows[0]).toMatchObject({ model: 'mlp', framework: 'neuralkit', seconds: 4, speedup: 2.75, vsTorch: 1.5, peakRssMb: 210 });
    expect(rows[0]?.accuracy).toBeCloseTo(0.925, 10);
    expect(rows[1]).toMatchObject({ framework: 'tfjs-layers', seconds: 11, speedup: null });
    expect(rows[1]?.vsTorch).toBeCloseTo(6 / 11, 10);
    expect(rows[2]).toMatchObject({ framework: 'pytorch', speedup: null, vsTorch: null });
    // Another model's rows have no partner rows to compare with.
    expect(rows[3]).toMatchObject({ model: 'lecture', speedup: null, vsTorch: null });
    expect(renderTable(rows).split('\n')[2]).toBe('| mlp | cpu | neuralkit | 4.00 | 2.75× | 1.50× | 0.9250 | 210 MB |');
  });
});
