import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { mnist } from '@neuralkit/data';
import type { RunResult } from './run-one.js';

const run = promisify(execFile);
const PYTHON = '/usr/bin/python3';
const script = fileURLToPath(new URL('../python/torch_mnist.py', import.meta.url));

export async function torchAvailable(): Promise<boolean> {
  try {
    await run(PYTHON, ['-c', 'import torch']);
    return true;
  } catch {
    return false;
  }
}

/** The same MNIST bytes written once for Python to read; `runTorch` trains one epoch there per call. */
export class TorchRunner {
  private constructor(private readonly dir: string) {}

  static async create(): Promise<TorchRunner> {
    const dir = await mkdtemp(join(tmpdir(), 'nk-bench-'));
    const { train, test } = await mnist.loadArrays();
    await Promise.all([
      writeFile(join(dir, 'train-x.u8'), train.x),
      writeFile(join(dir, 'train-y.u8'), train.y),
      writeFile(join(dir, 'test-x.u8'), test.x),
      writeFile(join(dir, 'test-y.u8'), test.y),
    ]);
    return new TorchRunner(dir);
  }

  async run(model: string): Promise<RunResult> {
    const { stdout } = await run(PYTHON, [script, this.dir, model], { maxBuffer: 1 << 24 });
    const line = stdout.trim().split('\n').pop() ?? '{}';
    const { seconds, accuracy, peakRssMb } = JSON.parse(line) as Pick<RunResult, 'seconds' | 'accuracy' | 'peakRssMb'>;
    return { model, framework: 'pytorch', backend: 'cpu', seconds, accuracy, peakRssMb };
  }

  async dispose(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}
