import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { neuralkit } from './cli.js';
import { smallMnistDir } from './small-mnist.js';
import { removeTempDirs, tempDir } from './temp-dir.js';

let data: string;
const out = tempDir('neuralkit-options-');
const base = () => ['train', '--data-dir', data, '--backend', 'wasm', '--seed', '3', '--json'];

beforeAll(async () => {
  data = await smallMnistDir();
});

afterAll(removeTempDirs);

describe('neuralkit train options', () => {
  it("the lecture's --schedule exponential ... --staircase is saved as Keras's ExponentialDecay", () => {
    const model = join(out, 'schedule.json');
    const run = neuralkit([...base(), '--epochs', '1', '--optimizer', 'sgd', '--schedule', 'exponential', '--learning-rate', '0.1',
      '--decay-steps', '100000', '--decay-rate', '0.96', '--staircase', '--out', model]);
    expect(run.status, run.stderr).toBe(0);
    const optimizer = JSON.parse(readFileSync(model, 'utf8')).trainingConfig.optimizer_config;
    expect(optimizer.class_name).toBe('SGD');
    expect(optimizer.config.learning_rate).toMatchObject({
      class_name: 'ExponentialDecay',
      config: { initial_learning_rate: 0.1, decay_steps: 100000, decay_rate: 0.96, staircase: true },
    });
  });

  it('--schedule piecewise takes --boundaries and --values (no --learning-rate needed)', () => {
    const model = join(out, 'piecewise.json');
    const run = neuralkit([...base(), '--epochs', '1', '--schedule', 'piecewise', '--boundaries', '50', '--values', '0.01,0.001', '--out', model]);
    expect(run.status, run.stderr).toBe(0);
    const rate = JSON.parse(readFileSync(model, 'utf8')).trainingConfig.optimizer_config.config.learning_rate;
    expect(rate).toMatchObject({ class_name: 'PiecewiseConstantDecay', config: { boundaries: [50], values: [0.01, 0.001] } });
  });

  it('--schedule cosine-restarts takes --first-decay-steps, --t-mul, --m-mul and --alpha', () => {
    const model = join(out, 'restarts.json');
    const run = neuralkit([...base(), '--epochs', '1', '--schedule', 'cosine-restarts', '--learning-rate', '0.01',
      '--first-decay-steps', '20', '--t-mul', '1.5', '--m-mul', '0.5', '--alpha', '0.1', '--out', model]);
    expect(run.status, run.stderr).toBe(0);
    const rate = JSON.parse(readFileSync(model, 'utf8')).trainingConfig.optimizer_config.config.learning_rate;
    expect(rate).toMatchObject({
      class_name: 'CosineDecayRestarts',
      config: { initial_learning_rate: 0.01, first_decay_steps: 20, t_mul: 1.5, m_mul: 0.5, alpha: 0.1 },
    });
  });

  it('--report with --validation-split plots train and validation curves', () => {
    const report = join(out, 'report.html');
    const run = neuralkit([...base(), '--epochs', '2', '--validation-split', '0.1', '--report', report]);
    expect(run.status, run.stderr).toBe(0);
    const html = readFileSync(report, 'utf8');
    for (const key of ['loss', 'val_loss', 'accuracy', 'val_accuracy']) expect(html).toContain(`"label":"${key}"`);
    expect(html).toContain('<canvas id="accuracy-chart">');
    expect(html).toMatch(/Misclassified test digits \(\d+ shown\)/);
  });
});
