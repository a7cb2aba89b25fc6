import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { describe, expect, it } from 'vitest';
import { registerGradients } from './gradients.js';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

// d/dx sum(softmax(x @ W / 2)) is 0 (softmax rows sum to 1); d/dx sum(x / 4) is 1/4.
const script = (mod: 'esm' | 'cjs') => `
${mod === 'esm' ? "import * as tf from '@tensorflow/tfjs-core'; import '@tensorflow/tfjs-backend-cpu'; import '@neuralkit/core';" : "const tf = require('@tensorflow/tfjs-core'); require('@tensorflow/tfjs-backend-cpu'); require('@neuralkit/core');"}
tf.setBackend('cpu').then(() => {
  const x = tf.tensor2d([[1, 2], [3, 4]]);
  const w = tf.tensor2d([[0.5, -1], [2, 0.25]]);
  const g1 = tf.grad((v) => tf.sum(tf.softmax(tf.div(tf.matMul(v, w), 2))))(x).arraySync();
  const g2 = tf.grad((v) => v.div(4).sum())(x).arraySync();
  process.stdout.write(JSON.stringify({ g1, g2 }));
});
`;

describe('gradient registration', () => {
  it('registers nothing twice', () => {
    expect(registerGradients()).toBe(0);
  });

  it('makes tf.grad work through div, softmax and matMul under vitest', async () => {
    await tf.setBackend('cpu');
    const before = tf.memory().numTensors;
    const g = tf.tidy(() => tf.grad((v: tf.Tensor) => tf.sum(tf.div(v, tf.scalar(4))))(tf.ones([3])).arraySync());
    expect(g).toEqual([0.25, 0.25, 0.25]);
    expect(tf.memory().numTensors).toBe(before);
  });

  for (const mod of ['esm', 'cjs'] as const) {
    it(`works in a plain node child process importing the built package (${mod})`, () => {
      // Inside the package folder, node resolves @neuralkit/core to dist/ by self-reference.
      const dir = mkdtempSync(join(packageDir, '.check-'));
      const file = join(dir, mod === 'esm' ? 'check.mjs' : 'check.cjs');
      writeFileSync(file, script(mod));
      let out;
      try {
        out = JSON.parse(execFileSync(process.execPath, [file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      for (const row of out.g1) for (const v of row) expect(Math.abs(v)).toBeLessThan(1e-6);
      expect(out.g2).toEqual([[0.25, 0.25], [0.25, 0.25]]);
    });
  }
});
