import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, PLAIN_ENV, neuralkit } from './cli.js';
import { removeTempDirs, tempDir } from './temp-dir.js';

interface Interrupted {
  status: number | null;
  stdout: string;
  stderr: string;
  json: Array<Record<string, any>>;
}

/** Starts `neuralkit train`, sends SIGINT (Ctrl-C) once `when` matches its output, and waits for it. */
function trainAndInterrupt(args: string[], when: (stdout: string, stderr: string) => boolean): Promise<Interrupted> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'train', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: PLAIN_ENV });
    let stdout = '';
    let stderr = '';
    let sent = false;
    const check = () => {
      if (!sent && when(stdout, stderr)) {
        sent = true;
        child.kill('SIGINT');
      }
    };
    child.stdout.on('data', (d: Buffer) => { stdout += d; check(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d; check(); });
    child.on('error', reject);
    child.on('close', (status) => {
      const json = stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
      resolve({ status, stdout, stderr, json });
    });
  });
}

afterAll(removeTempDirs);

describe('Ctrl-C during training', () => {
  it('stops after the current batch, saves to --out, exits 130 with a message', async () => {
    const out = join(tempDir('neuralkit-int-'), 'mnist.h5');
    // Interrupted in the second of three epochs, right after the first epoch's line.
    const run = await trainAndInterrupt(
      ['--epochs', '3', '--backend', 'wasm', '--seed', '1', '--json', '--out', out],
      (stdout) => stdout.includes('"epoch":1'),
    );
    expect(run.status, run.stderr).toBe(130);
    expect(run.stderr).toContain('Interrupted: stopping after the current batch');
    expect(run.stderr).toContain(`Training interrupted; model saved to ${out}.`);
    expect(run.stderr).not.toContain('Epoch 3/3');
    expect(run.json.map((r) => r.epoch).filter((e) => e !== undefined)).toEqual([1, 2]);
    expect(run.json.at(-1)).toMatchObject({ interrupted: true, saved: out, backend: 'wasm', epochs: 2, exit_code: 130 });
    expect(run.json.at(-1)).not.toHaveProperty('test_accuracy');
    // The checkpoint is a whole model that loads again.
    expect(existsSync(out)).toBe(true);
    const summary = neuralkit(['summary', out]);
    expect(summary.status, summary.stderr).toBe(0);
    expect(summary.stdout).toContain('Total params: 23,552'); // 3 × 7,850 + iteration + learning_rate
  }, 180_000);

  it('without --out or --checkpoint: nothing saved, says how to keep the model, exits 130', async () => {
    const run = await trainAndInterrupt(['--epochs', '2', '--backend', 'wasm'], (_o, stderr) => stderr.includes('Epoch 1/2'));
    expect(run.status, run.stderr).toBe(130);
    expect(run.stderr).toContain('Training interrupted; nothing saved (pass --out or --checkpoint to keep the model).');
    expect(run.stderr).not.toContain('Epoch 2/2');
    expect(run.stdout).not.toContain('Model Accuracy');
  }, 180_000);
});
