import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, runInChromium } from './chromium.js';
import type { Kind, Run } from './browser/model-training.entry.js';

interface Result {
  backend: string;
  results: Record<Kind, { fused: Run; generic: Run }>;
  steps: number;
  leaked: number;
  error?: string;
}

let result: Result;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) return;
  result = await runInChromium<Result>(new URL('./browser/model-training.entry.ts', import.meta.url), 'trainingResults', 400_000);
  console.log(JSON.stringify({ lecture: { fused: result.results?.lecture.fused.perBatch, generic: result.results?.lecture.generic.perBatch,
    lastBatch: result.results?.lecture.fused.lastBatch }, mlp: { fused: result.results?.mlp.fused.perBatch, generic: result.results?.mlp.generic.perBatch },
    bn: { fused: result.results?.bn.fused.perBatch, generic: result.results?.bn.generic.perBatch, lastBatch: result.results?.bn.fused.lastBatch } }));
}, 450_000);

const maxDiff = (a: number[], b: number[]) => (a.length === b.length ? a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0) : Infinity);

describe.skipIf(!existsSync(CHROMIUM))('fit on webgpu with the WGSL model kernels against the generic references, in Chromium', () => {
  it('runs on webgpu', () => {
    expect(result.error).toBeUndefined();
    expect(result.backend).toBe('webgpu');
  });

  for (const kind of ['lecture', 'mlp', 'categorical'] as const) {
    it(`${kind}: the seam's kernels ran every step with them, never without`, () => {
      const { fused, generic } = result.results[kind];
      const dense = kind === 'lecture' ? 1 : 2;
      expect(fused.seam.NeuralkitDense).toBe(dense * result.steps);
      // Both parameter gradients of each Dense in one kernel; the hidden layer's input gradient
      // carried through Dropout's mask and relu in one more.
      expect(fused.seam.NeuralkitDenseGradParams).toBe(dense * result.steps);
      expect(fused.seam.NeuralkitDenseGradInputActivation).toBe((dense - 1) * result.steps);
      expect(fused.seam.NeuralkitDenseGradKernel).toBe(0);
      expect(fused.seam.NeuralkitDenseGradInput).toBe(0);
      // One-hot int32 targets under categorical crossentropy take the targets kernel (their float32
      // cast still holds int32 in its buffer).
      const [used, unused] = kind === 'categorical'
        ? ['NeuralkitSoftmaxCrossEntropy', 'NeuralkitSparseSoftmaxCrossEntropy'] : ['NeuralkitSparseSoftmaxCrossEntropy', 'NeuralkitSoftmaxCrossEntropy'];
      expect(fused.seam[used]).toBe(result.steps);
      expect(fused.seam[unused]).toBe(0);
      expect(fused.seam.NeuralkitGatherRows).toBeGreaterThanOrEqual(2 * result.steps); // x and y of each shuffled batch
      // The MLPs' Dropout mask, made on the device every step (the same units as the host makes).
      expect(fused.seam.NeuralkitDropoutMask).toBe(kind === 'lecture' ? 0 : result.steps);
      // The accuracy metric folds its batches in by one kernel a fold (16 batches, or fewer at a read).
      expect(fused.seam.NeuralkitAccumulateMatches).toBeGreaterThan(0);
      expect(fused.seam.NeuralkitAccumulateMatches).toBeLessThan(result.steps);
      expect(Object.values(generic.seam).every((c) => c === 0)).toBe(true);
      expect(fused.perBatch).toHaveLength(result.steps);
    });

    it(`${kind}: the same losses and weights as the generic path within float32 tolerance`, () => {
      const { fused, generic } = result.results[kind];
      expect(fused.loss[1]!).toBeLessThan(fused.loss[0]!);
      fused.loss.forEach((l, i) => expect(l).toBeCloseTo(generic.loss[i]!, 4));
      expect(fused.weights).toHaveLength(generic.weights.length);
      fused.weights.forEach((w, t) => {
        const start = Math.max(...generic.weights[t]!.map(Math.abs));
        expect(start, `weight ${t} is not all zeros`).toBeGreaterThan(0);
        // Adam's steps are near ±learning rate whatever the gradient's size: a float32 difference in a
        // tiny gradient can flip one; 10 steps of 1e-3 bound what it can move.
        expect(maxDiff(w, generic.weights[t]!), `${kind} weight ${t}`).toBeLessThan(1e-4);
      });
    });
  }

  it("bn: BatchNormalization's WGSL kernels ran every step and trained to the generic path's weights and moving statistics", () => {
    const { fused, generic } = result.results.bn;
    expect(fused.seam.NeuralkitBatchNormTrain).toBe(result.steps);
    expect(fused.seam.NeuralkitBatchNormTrainGrad).toBe(result.steps);
    expect(fused.lastBatch.FusedBatchNorm).toBeUndefined();
    expect(generic.lastBatch.FusedBatchNorm).toBeGreaterThan(0);
    expect(Object.values(generic.seam).every((c) => c === 0)).toBe(true);
    expect(fused.loss[1]!).toBeLessThan(fused.loss[0]!);
    fused.loss.forEach((l, i) => expect(l).toBeCloseTo(generic.loss[i]!, 4));
    // Dense(32) kernel and bias, gamma, beta, moving mean and variance, Dense(10) kernel and bias.
    expect(fused.weights.map((w) => w.length)).toEqual([784 * 32, 32, 32, 32, 32, 32, 320, 10]);
    fused.weights.forEach((w, t) => {
      expect(Math.max(...generic.weights[t]!.map(Math.abs)), `weight ${t} is not all zeros`).toBeGreaterThan(0);
      // As above, Adam's near-±learning-rate steps bound what float32 differences can move.
      expect(maxDiff(w, generic.weights[t]!), `bn weight ${t}`).toBeLessThan(1e-4);
    });
  });

  it("convnet: one FusedConv2D a layer forward, relu and bias gradients in one WGSL kernel, and the unfused path's weights", () => {
    const { fused, generic } = result.results.convnet;
    expect(fused.seam.NeuralkitBiasActivationGrad).toBe(2 * result.steps);
    expect(fused.lastBatch.FusedConv2D).toBe(2);
    expect(fused.lastBatch.Conv2D).toBeUndefined();
    expect(fused.lastBatch.Relu).toBeUndefined();
    expect(fused.lastBatch.Step).toBeUndefined();
    // The generic path: tfjs's three kernels a layer under a tape.
    expect(generic.lastBatch.Conv2D).toBe(2);
    expect(generic.lastBatch.Relu).toBe(2);
    expect(Object.values(generic.seam).every((c) => c === 0)).toBe(true);
    expect(fused.loss[1]!).toBeLessThan(fused.loss[0]!);
    fused.loss.forEach((l, i) => expect(l).toBeCloseTo(generic.loss[i]!, 4));
    // Two Conv2D kernels and biases, the Dense kernel and bias.
    expect(fused.weights.map((w) => w.length)).toEqual([72, 8, 576, 8, 11 * 11 * 8 * 10, 10]);
    fused.weights.forEach((w, t) => {
      expect(Math.max(...generic.weights[t]!.map(Math.abs)), `weight ${t} is not all zeros`).toBeGreaterThan(0);
      // As above, Adam's near-±learning-rate steps bound what float32 differences can move.
      expect(maxDiff(w, generic.weights[t]!), `convnet weight ${t}`).toBeLessThan(1e-4);
    });
  });

  it('take fewer kernels a step with the WGSL kernels than without', () => {
    for (const kind of ['lecture', 'mlp', 'categorical', 'bn', 'convnet'] as const) {
      const { fused, generic } = result.results[kind];
      expect(fused.perBatch.at(-1)!).toBeLessThan(generic.perBatch.at(-1)!);
    }
  });

  it('leak no tensor', () => {
    expect(result.leaked).toBe(0);
  });
});
