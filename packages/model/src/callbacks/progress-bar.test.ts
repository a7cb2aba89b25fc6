import { describe, expect, it } from 'vitest';
import { ProgressBar } from './progress-bar.js';

const ESC = String.fromCharCode(27);
const plain = (s: string) => s.split(ESC).map((p, i) => (i === 0 ? p : p.replace(/^\[[0-9;]*m/, ''))).join('');

describe('ProgressBar', () => {
  it("redraws in place on a terminal and ends with Keras 3's epoch line", () => {
    let out = '';
    const bar = new ProgressBar({ verbose: 1, interval: 0, stream: { write: (t: string) => (out += t), isTTY: true } });
    bar.setParams({ epochs: 5, steps: 1875, verbose: 1 });
    bar.onEpochBegin(0);
    bar.onTrainBatchEnd(0, { accuracy: 0.5, loss: 1.2 });
    bar.onTrainBatchEnd(1, { accuracy: 0.5, loss: 1.1 });
    bar.onTrainBatchEnd(1874, { accuracy: 0.8783, loss: 0.4313 });
    bar.onEpochEnd(0, { loss: 0.4313, accuracy: 0.8783 });
    const text = plain(out);
    expect(text.startsWith('Epoch 1/5\n')).toBe(true);
    // the ETA is `12s`, or `1:22` on a slow machine (Keras's format past a minute)
    expect(text).toMatch(/\r {3}2\/1875 ━{20} (\d+s|\d+:\d{2}(:\d{2})?) \d+(us|ms|s)\/step - accuracy: 0\.5000 - loss: 1\.1000/);
    const last = text.split('\r').pop()!;
    // e.g. "1875/1875 ━━━━━━━━━━━━━━━━━━━━ 2s 1ms/step - accuracy: 0.8783 - loss: 0.4313"
    expect(last).toMatch(/^1875\/1875 ━{20} \d+s \d+(us|ms|s)\/step - accuracy: 0\.8783 - loss: 0\.4313 *\n$/);
    expect(out).toContain(`${ESC}[32m`); // the done part is green, as Keras draws it
  });

  it('ends an epoch stopped early at the step it reached, not at the planned total', () => {
    let out = '';
    const bar = new ProgressBar({ verbose: 2, stream: { write: (t: string) => (out += t) } });
    bar.setParams({ epochs: 1, steps: 1875, verbose: 2 });
    bar.onEpochBegin(0);
    for (let b = 0; b < 40; b++) bar.onTrainBatchEnd(b, { loss: 1 });
    bar.onEpochEnd(0, { loss: 0.9 });
    expect(out).toMatch(/\n40\/1875 - \d+s - \d+(us|ms|s)\/step - loss: 0\.9000\n$/);
  });

  it('formats tiny values as Keras does (%.4e)', () => {
    let out = '';
    const bar = new ProgressBar({ verbose: 2, stream: { write: (t: string) => (out += t) } });
    bar.setParams({ epochs: 1, steps: 10, verbose: 2 });
    bar.onEpochBegin(0);
    bar.onEpochEnd(0, { loss: 0.00012345 });
    expect(out).toMatch(/\n10\/10 - \d+s - \d+(us|ms|s)\/step - loss: 1\.2345e-04\n$/);
  });
});
