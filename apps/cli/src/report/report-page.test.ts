import { describe, expect, it } from 'vitest';
import { renderReport } from './report-page.js';

describe('renderReport', () => {
  it('writes one self-contained page with Chart.js inlined, the curves, the confusion matrix and digits', async () => {
    const confusion = Array.from({ length: 10 }, (_, i) => Array.from({ length: 10 }, (_, j) => (i === j ? 90 : 1)));
    const html = await renderReport({
      title: 'MNIST <training>',
      history: { loss: [0.5, 0.3], accuracy: [0.88, 0.92], val_loss: [0.4, 0.35], val_accuracy: [0.9, 0.91] },
      confusion,
      misclassified: [{ pixels: new Uint8Array(784).fill(200), label: 4, predicted: 9 }],
      facts: { 'test accuracy': '92.6%' },
    });
    expect(html).toContain('MNIST &lt;training&gt;');
    expect(html).not.toMatch(/<script[^>]+src=/); // nothing fetched: the library is inline
    expect(html).toMatch(/Chart\.js v4/);
    expect(html).toContain('"label":"val_accuracy","data":[0.9,0.91]');
    expect(html).toContain('<canvas id="loss-chart">');
    expect(html.match(/<td class="d"/g)).toHaveLength(10);
    expect(html).toContain('src="data:image/png;base64,iVBOR');
    expect(html).toContain('true 4 → 9');
  });
});
