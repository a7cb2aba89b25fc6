import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, runInChromium } from './chromium.js';
import type { Case, Run } from './browser/whole-step.entry.js';

interface Result {
  backend: string;
  results: Record<Case, { program: Run; kernels: Run; generic: Run }>;
  leaked: number;
  error?: string;
}

let result: Result;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) return;
  result = await runInChromium<Result>(new URL('./browser/whole-step.entry.ts', import.meta.url), 'wholeStepResults', 400_000);
  if (result.results) {
    console.log(JSON.stringify(Object.fromEntries(Object.entries(result.results).map(([k, r]) => [k, { program: r.program.perBatch, kernels: r.kernels.perBatch }]))));
  }
}, 450_000);

const maxDiff = (a: number[], b: number[]) => (a.length === b.length ? a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0) : Infinity);
const CASES = ['lecture', 'mlp', 'dropout', 'deep', 'sgd', 'rmsprop', 'split', 'convnet', 'convdeep'] as const;

describe.skipIf(!existsSync(CHROMIUM))('fit on webgpu through the whole-step program against the per-kernel path and the generic ops, in Chromium', () => {
  it('runs on webgpu', () => {
    expect(result.error).toBeUndefined();
    expect(result.backend).toBe('webgpu');
  });

  for (const kind of CASES) {
    it(`${kind}: no tfjs kernel in a step of the program but the every-8-steps read; the same iterations`, () => {
      const { program, kernels } = result.results[kind];
      // 2 epochs of 5 batches (4 of 32 and a last of 22), or of 4 with the validation split.
      const steps = kind === 'split' ? 8 : 10;
      expect(program.perBatch).toHaveLength(steps);
      expect(program.iterations).toBe(steps);
      expect(program.programSteps).toBe(steps);
      expect(kernels.programSteps).toBe(0);
      expect(kernels.iterations).toBe(steps);
      // Batches 1–3 read nothing: no kernel at all. (Batch 0 of each epoch folds and reads the logs.)
      for (const b of [1, 2, 3]) expect(program.perBatch[b], `batch ${b}`).toBe(0);
      expect(Math.min(...kernels.perBatch)).toBeGreaterThan(4);
    });

    it(`${kind}: the same losses, accuracies and weights as the per-kernel path within float32 tolerance`, () => {
      const { program, kernels } = result.results[kind];
      const names = kind === 'split' ? ['accuracy', 'loss', 'val_accuracy', 'val_loss'] : ['accuracy', 'loss'];
      expect(Object.keys(program.history).sort()).toEqual(names);
      for (const name of names) {
        program.history[name]!.forEach((v, i) => expect(v, `${name} ${i}`).toBeCloseTo(kernels.history[name]![i]!, 4));
      }
      expect(program.history.loss![1]!).toBeLessThan(program.history.loss![0]!);
      expect(program.weights).toHaveLength(kernels.weights.length);
      program.weights.forEach((w, t) => {
        expect(Math.max(...kernels.weights[t]!.map(Math.abs)), `weight ${t} is not all zeros`).toBeGreaterThan(0);
        expect(maxDiff(w, kernels.weights[t]!), `${kind} weight ${t}`).toBeLessThan(kind === 'sgd' ? 1e-3 : 1e-4);
      });
    });
  }

  for (const kind of CASES) {
    it(`${kind}: the same weights as tfjs-webgpu's generic ops alone within float32 tolerance`, () => {
      const { program, generic } = result.results[kind];
      expect(generic.programSteps).toBe(0);
      program.history.loss!.forEach((v, i) => expect(v, `loss ${i}`).toBeCloseTo(generic.history.loss![i]!, 4));
      program.weights.forEach((w, t) => {
        expect(maxDiff(w, generic.weights[t]!), `${kind} weight ${t}`).toBeLessThan(kind === 'sgd' ? 1e-3 : 1e-4);
      });
    });
  }

  it('leaks no tensor', () => {
    expect(result.leaked).toBe(0);
  });
});
