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

/** Writes the same MNIST bytes for Python to read, runs one epoch there, reads its JSON line. */
export async function runTorch(): Promise<RunResult> {
  const dir = await mkdtemp(join(tmpdir(), 'nk-bench-'));
  try {
    const { train, test } = await mnist.loadArrays();
    await Promise.all([
      writeFile(join(dir, 'train-x.u8'), train.x),
      writeFile(join(dir, 'train-y.u8'), train.y),
      writeFile(join(dir, 'test-x.u8'), test.x),
      writeFile(join(dir, 'test-y.u8'), test.y),
    ]);
    const { stdout } = await run(PYTHON, [script, dir]);
    const line = stdout.trim().split('\n').pop() ?? '{}';
    return { framework: 'pytorch', backend: 'cpu', ...(JSON.parse(line) as Omit<RunResult, 'framework' | 'backend'>) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
