import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, runInChromium } from './chromium.js';
import type { Case } from './browser/model-kernels.entry.js';

interface Result {
  backend: string;
  details: Record<string, unknown>;
  kernels: string[];
  registered: string[];
  cases: Case[];
  outOfRange: string;
  scaledRowsKept: number[];
  leaked: number;
  error?: string;
}

let result: Result;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) return;
  result = await runInChromium<Result>(new URL('./browser/model-kernels.entry.ts', import.meta.url), 'modelKernelResults', 240_000);
}, 300_000);

const named = (prefix: string) => result.cases.filter((c) => c.name.startsWith(prefix));

/** Every output of every case has the reference's shape, is not all zeros, and is within `tolerance` · max(1, |reference|). */
function expectClose(cases: Case[], tolerance: number): void {
  for (const c of cases) {
    expect(c.shapes.slice(0, c.shapes.length / 2), c.name).toEqual(c.shapes.slice(c.shapes.length / 2));
    c.diffs.forEach((d, k) => {
      expect(c.scales[k], `${c.name} [${k}] is not all zeros`).toBeGreaterThan(0);
      expect(d, `${c.name} [${k}]`).toBeLessThanOrEqual(tolerance * Math.max(1, c.scales[k]!));
    });
  }
}

describe.skipIf(!existsSync(CHROMIUM))('the model kernels of the seam as WGSL in Chromium WebGPU on SwiftShader, against generic ops', () => {
  it('are registered for webgpu under KERNEL_NAMES when the adapter activates', () => {
    expect(result.error).toBeUndefined();
    expect(result.backend).toBe('webgpu');
    expect(result.details).toMatchObject({ architecture: 'swiftshader', runtime: 'browser' });
    expect(result.kernels).toEqual(['NeuralkitDense', 'NeuralkitDenseGradKernel', 'NeuralkitDenseGradInput', 'NeuralkitDenseGradParams', 'NeuralkitDenseGradInputActivation', 'NeuralkitSparseSoftmaxCrossEntropy', 'NeuralkitSoftmaxCrossEntropy', 'NeuralkitGatherRows', 'NeuralkitDropoutMask', 'NeuralkitScaledRows',
      'NeuralkitBatchNormTrain', 'NeuralkitBatchNormTrainGrad', 'NeuralkitAccumulateMatches',
      'NeuralkitBiasActivationGrad']);
    expect(result.registered).toEqual(result.kernels);
  });

  it('give the Dense forward and gradients of matMul (+ bias, relu) within float32 tolerance, odd sizes included', () => {
    const plain = [...named('dense '), ...named('denseGradKernel '), ...named('denseGradInput ')];
    expect(plain).toHaveLength(3 * 6);
    for (const c of plain) {
      expect(c.shapes[0], c.name).toBe(c.shapes[1]);
      if (!c.name.includes('relu=true')) expect(c.scales[0], `${c.name} is not all zeros`).toBeGreaterThan(0);
      // Sums of up to 785 float32 products in another order: a few ulps of the largest term.
      expect(c.diffs[0], c.name).toBeLessThanOrEqual(2e-5 * Math.max(1, c.scales[0]!));
    }
  });

  it('give the Dense parameter gradients at once, and the input gradient through a mask and each activation, within float32 tolerance', () => {
    expect(named('denseGradParams')).toHaveLength(3);
    expect(named('denseGradInputActivation')).toHaveLength(3 * 8);
    expectClose([...named('denseGradParams'), ...named('denseGradInputActivation')], 2e-5);
  });

  it('give the sparse softmax crossentropy and its scaled gradient of logSoftmax, int32, float32, bool and cast labels, in one dispatch', () => {
    expect(named('sparseSoftmax')).toHaveLength(6);
    expectClose(named('sparseSoftmax'), 1e-5);
  });

  it('give the categorical softmax crossentropy and its exact scaled gradient over one-hot, smoothed and unnormalised targets, in one dispatch', () => {
    expect(named('softmaxCrossEntropy')).toHaveLength(3);
    expectClose(named('softmaxCrossEntropy'), 1e-5);
  });

  it('gather rows of float32, int32, bool and cast tensors exactly as tf.gather, and refuse an index out of range', () => {
    expect(named('gatherRows')).toHaveLength(6);
    for (const c of named('gatherRows')) {
      expect(c.shapes[0], c.name).toBe(c.shapes[1]);
      expect(c.diffs[0], c.name).toBe(0);
    }
    expect(result.outOfRange).toBe('NeuralkitGatherRows: expected row indices in [0, 9), received 9.');
  });

  it('make the Dropout masks of the host bit for bit: the same units kept, the same scale', () => {
    expect(named('dropoutMask')).toHaveLength(16);
    for (const c of named('dropoutMask')) {
      expect(c.shapes[0], c.name).toBe(c.shapes[1]);
      expect(c.scales[0], `${c.name} keeps some units`).toBeGreaterThan(1);
      expect(c.diffs[0], c.name).toBe(0);
    }
  });

  it('make batches of a host dataset on the device exactly as the host scales them, twice from one upload', () => {
    expect(named('scaledRows')).toHaveLength(10);
    for (const c of named('scaledRows')) {
      expect(c.shapes[0], c.name).toBe(c.shapes[1]);
      expect(c.scales[0], `${c.name} is not all zeros`).toBeGreaterThan(0);
      expect(c.diffs[0], c.name).toBe(0);
    }
    // Kept on the device per batch: the first source's copy and the 1/255 table, then nothing; a
    // second source's copy, nothing; a third (a new view of the first bytes: a copy per array) and
    // the ×1 table, nothing; the float source's copy, nothing; scaled floats are made on the host.
    expect(result.scaledRowsKept).toEqual([2, 0, 1, 0, 2, 0, 1, 0, 0, 0]);
  });

  it('give BatchNormalization in training and its gradients as tf.moments, tf.batchNorm and tf.grads do, odd sizes, with and without gamma and beta, from a cast int32 buffer', () => {
    expect(named('batchNormTrain ')).toHaveLength(19);
    expect(named('batchNormTrainGrad ')).toHaveLength(19);
    for (const c of named('batchNorm')) {
      expect(c.shapes.slice(0, 3), c.name).toEqual(c.shapes.slice(3));
      c.diffs.forEach((d, k) => {
        // Sums of up to 300 float32 values in another order (SwiftShader: at most 8e-6 off); one
        // row's dx is a cancellation of an ulp of x − mean times rstd ≈ 31.6.
        expect(d, `${c.name} [${k}]`).toBeLessThanOrEqual(2e-5 * Math.max(1, c.scales[k]!));
      });
      // No output is all zeros but, for one row, y without beta, the variance, dx and dgamma.
      const nonzero = c.name.includes(' 1x') ? [c.name.includes('Grad') ? 2 : 1] : [0, 1, 2];
      for (const k of nonzero) expect(c.scales[k], `${c.name} [${k}] is not all zeros`).toBeGreaterThan(0);
    }
  });

  it("add an accuracy metric's weighted matches to its total as argMax, equal and sum do: int32, float32, cast and score labels, ties and NaN", () => {
    expect(named('accumulateMatches')).toHaveLength(6);
    // Counts are exact; weighted sums of up to 300 float32 values in another order.
    expectClose(named('accumulateMatches'), 1e-5);
  });

  it("give a layer's gradient through relu, sigmoid, tanh or none and its bias's, as step, multiply and sum do, in one dispatch", () => {
    expect(named('biasActivationGrad')).toHaveLength(6);
    // dz is exact; db sums up to 1000 float32 values in another order.
    expectClose(named('biasActivationGrad'), 1e-5);
  });

  it('leak no tensor', () => {
    expect(result.leaked).toBe(0);
  });
});
