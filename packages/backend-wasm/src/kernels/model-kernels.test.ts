import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@neuralkit/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { wasmBackend } from '../index.js';
import { MODEL_KERNELS } from './model-kernels.js';

const run = (name: string, inputs: tf.NamedTensorMap, attrs: Record<string, unknown> = {}) =>
  tf.engine().runKernel(name, inputs, attrs as tf.NamedAttrMap) as tf.Tensor | tf.Tensor[];

const values = (t: tf.Tensor) => Array.from(t.dataSync());

beforeAll(() => useBackend(wasmBackend()));

describe('the model kernels on wasm', () => {
  it('are registered when the backend activates', () => {
    for (const name of MODEL_KERNELS) expect(tf.getKernel(name, 'wasm'), name).toBeDefined();
  });

  it('NeuralkitDense computes act(x · w + b), hand-checked', () => {
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const x = tf.tensor2d([[1, 2, 0], [0, -1, 3]]);
      const w = tf.tensor2d([[1, 0], [0, 1], [2, -1]]);
      const b = tf.tensor1d([0.5, -0.5]);
      // Row 1: [1 + 0 + 0, 0 + 2 + 0] + b = [1.5, 1.5]; row 2: [0 + 0 + 6, 0 - 1 - 3] + b = [6.5, -4.5].
      expect(values(run('NeuralkitDense', { x, w, b }) as tf.Tensor)).toEqual([1.5, 1.5, 6.5, -4.5]);
      const relu = run('NeuralkitDense', { x, w, b }, { relu: true }) as tf.Tensor;
      expect([relu.shape, values(relu)]).toEqual([[2, 2], [1.5, 1.5, 6.5, 0]]);
      expect(values(run('NeuralkitDense', { x, w }) as tf.Tensor)).toEqual([1, 2, 6, -4]);
    });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('the Dense gradients equal xᵀ · dz and dz · wᵀ from tf.matMul', () => {
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const x = tf.randomNormal([32, 20], 0, 1, 'float32', 1);
      const w = tf.randomNormal([20, 7], 0, 1, 'float32', 2);
      const dz = tf.randomNormal([32, 7], 0, 1, 'float32', 3);
      const dw = run('NeuralkitDenseGradKernel', { x, dz }) as tf.Tensor;
      const dx = run('NeuralkitDenseGradInput', { dz, w }) as tf.Tensor;
      expect([dw.shape, dx.shape]).toEqual([[20, 7], [32, 20]]);
      const maxDiff = (a: tf.Tensor, b: tf.Tensor) => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!;
      expect(maxDiff(dw, tf.matMul(x, dz, true, false))).toBeLessThan(1e-5);
      expect(maxDiff(dx, tf.matMul(dz, w, false, true))).toBeLessThan(1e-5);
    });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('NeuralkitDenseGradParams gives xᵀ · dz and the column sums of dz; NeuralkitDenseGradInputActivation carries dz · wᵀ through a mask and an activation', () => {
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const x = tf.tensor2d([[1, 2], [0, -1], [3, 0]]);
      const dz = tf.tensor2d([[1, -1, 2], [0.5, 0, 1], [-2, 1, 0]]);
      const [dw, db] = run('NeuralkitDenseGradParams', { x, dz }) as tf.Tensor[];
      // xᵀ · dz: [[1 + 0 − 6, −1 + 0 + 3, 2 + 0 + 0], [2 − 0.5 + 0, −2 + 0 + 0, 4 − 1 + 0]]; Σ_rows dz: [−0.5, 0, 3].
      expect([dw!.shape, values(dw!), values(db!)]).toEqual([[2, 3], [-5, 2, 2, 1.5, -2, 3], [-0.5, 0, 3]]);
      const w = tf.tensor2d([[1, 0, 1], [0, 2, -1]]); // [k=2, m=3]
      const y = tf.tensor2d([[0.5, 0], [0.25, 2], [1, -1]]); // the layer below's output [n=3, k=2]
      const mask = tf.tensor2d([[2, 2], [0, 2], [2, 0]]);
      // dz · wᵀ = [[3, −4], [1.5, −1], [−2, 2]]; ⊙ mask = [[6, −8], [0, −2], [−4, 0]].
      // (+ 0 turns −0 into 0: the signs of zero products are not part of the contract.)
      const grad = (activation: string, withMask = true) => values(run('NeuralkitDenseGradInputActivation', withMask ? { dz, w, y, mask } : { dz, w, y }, { activation }) as tf.Tensor).map((v) => v + 0);
      expect(grad('linear')).toEqual([6, -8, 0, -2, -4, 0]);
      // relu: ⊙ step(y) = [1, 0, 1, 1, 1, 0].
      expect(grad('relu')).toEqual([6, 0, 0, -2, -4, 0]);
      expect(grad('relu', false)).toEqual([3, 0, 1.5, -1, -2, 0]);
      // sigmoid: d · y(1 − y): [6 · 0.25, −8 · 0, 0 · 0.1875, −2 · (−2), −4 · 0, 0 · (−2)].
      expect(grad('sigmoid')).toEqual([1.5, 0, 0, 4, 0, 0]);
      // tanh: (1 − y²) · d: [0.75 · 6, 1 · −8, 0.9375 · 0, −3 · −2, 0 · −4, 0 · 0].
      expect(grad('tanh')).toEqual([4.5, -8, 0, 6, 0, 0]);
    });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('NeuralkitSparseSoftmaxCrossEntropy gives the loss and the scaled softmax - onehot', () => {
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const logits = tf.tensor2d([[0, Math.log(3)], [2, 2]]);
      const labels = tf.tensor1d([1, 0], 'int32');
      // Row 1: softmax = [1/4, 3/4], loss = -log(3/4) = 0.287682; row 2: [1/2, 1/2], loss = log 2.
      const [loss, grad] = run('NeuralkitSparseSoftmaxCrossEntropy', { logits, labels }, { gradScale: 0.5 }) as tf.Tensor[];
      values(loss!).forEach((v, i) => expect(v).toBeCloseTo([0.287682, Math.LN2][i]!, 6));
      // (softmax - onehot) · 0.5: [0.125, -0.125], [-0.25, 0.25].
      values(grad!).forEach((v, i) => expect(v).toBeCloseTo([0.125, -0.125, -0.25, 0.25][i]!, 6));
    });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('NeuralkitSoftmaxCrossEntropy gives the categorical loss and the scaled softmax · Σy − y over target rows', () => {
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const logits = tf.tensor2d([[0, Math.log(3)], [2, 2]]);
      const targets = tf.tensor2d([[0, 1], [0.9, 0.1]]);
      // Row 1: softmax [1/4, 3/4], loss −log(3/4) = 0.287682; row 2: softmax [1/2, 1/2], loss log 2.
      const [loss, grad] = run('NeuralkitSoftmaxCrossEntropy', { logits, targets }, { gradScale: 0.5 }) as tf.Tensor[];
      values(loss!).forEach((v, i) => expect(v).toBeCloseTo([0.287682, Math.LN2][i]!, 6));
      // (softmax − y) · 0.5: [0.125, −0.125], [−0.2, 0.2].
      values(grad!).forEach((v, i) => expect(v).toBeCloseTo([0.125, -0.125, -0.2, 0.2][i]!, 6));
    });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('NeuralkitGatherRows copies whole rows of any numeric dtype, in the order asked', () => {
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const gather = (x: tf.Tensor, indices: number[]) => run('NeuralkitGatherRows', { x }, { indices: Int32Array.from(indices) }) as tf.Tensor;
      const x = tf.tensor3d([[[1, 2]], [[3, 4]], [[5, 6]]]);
      const rows = gather(x, [2, 0, 2]);
      expect([rows.shape, rows.dtype, values(rows)]).toEqual([[3, 1, 2], 'float32', [5, 6, 1, 2, 5, 6]]);
      expect(values(gather(tf.tensor1d([7, 8, 9], 'int32'), [1, 2]))).toEqual([8, 9]);
      expect(values(gather(tf.tensor1d([true, false, true], 'bool'), [1, 0]))).toEqual([0, 1]);
      expect(gather(x, []).shape).toEqual([0, 1, 2]);
      expect(() => gather(x, [3])).toThrowError('expected row indices in [0, 3), received 3');
    });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('NeuralkitScaledRows writes scaled host rows straight into a float32 batch, as one multiply per value', () => {
    const before = tf.memory().numTensors;
    const bytes = Uint8Array.from({ length: 5 * 6 }, (_, i) => (i * 37) % 256);
    const floats = Float32Array.from({ length: 5 * 6 }, (_, i) => i / 7 - 2);
    const indices = Int32Array.from([4, 0, 4, 2]);
    const want = (source: ArrayLike<number>, scale: number) =>
      Array.from(indices).flatMap((i) => Array.from({ length: 6 }, (_, j) => Math.fround(source[i * 6 + j]! * scale)));
    for (const [source, scale] of [[bytes, 1 / 255], [floats, 1], [floats, 0.5]] as const) {
      const out = run('NeuralkitScaledRows', {}, { source, indices, shape: [4, 2, 3], scale }) as tf.Tensor;
      expect([out.shape, out.dtype]).toEqual([[4, 2, 3], 'float32']);
      expect(values(out)).toEqual(want(source, scale));
      out.dispose();
    }
    const none = run('NeuralkitScaledRows', {}, { source: bytes, indices: new Int32Array(0), shape: [0, 6], scale: 1 }) as tf.Tensor;
    expect(none.shape).toEqual([0, 6]);
    none.dispose();
    expect(() => run('NeuralkitScaledRows', {}, { source: bytes, indices: [5], shape: [1, 6], scale: 1 })).toThrow(/row indices in \[0, 5\), received 5/);
    expect(tf.memory().numTensors).toBe(before);
  });
  it('NeuralkitBatchNormTrain and its gradient equal tf.moments, tf.batchNorm and tf.grads of them', () => {
    const before = tf.memory().numTensors;
    const maxDiff = (a: tf.Tensor, b: tf.Tensor) => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!;
    for (const affine of [true, false]) {
      tf.tidy(() => {
        const x = tf.add(tf.randomNormal([37, 5], 0, 2, 'float32', 4), 3);
        const dy = tf.randomNormal([37, 5], 0, 1, 'float32', 5);
        const [gamma, beta] = affine ? [tf.tensor1d([1.5, 0.5, -1, 2, 1]), tf.tensor1d([0.1, -0.2, 0, 3, 1])] : [tf.ones([5]), tf.zeros([5])];
        const generic = (xs: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => {
          const m = tf.moments(xs, 0);
          return tf.batchNorm(xs, m.mean, m.variance, b, g, 1e-3);
        };
        const [y, mean, variance] = run('NeuralkitBatchNormTrain', affine ? { x, gamma, beta } : { x }, { epsilon: 1e-3 }) as tf.Tensor[];
        const want = tf.moments(x, 0);
        expect([maxDiff(y!, generic(x, gamma, beta)), maxDiff(mean!, want.mean), maxDiff(variance!, want.variance)].every((d) => d < 1e-5)).toBe(true);
        const grads = run('NeuralkitBatchNormTrainGrad', { dy, x, mean: mean!, variance: variance!, ...(affine ? { gamma } : {}) }, { epsilon: 1e-3 }) as tf.Tensor[];
        const reference = tf.grads((xs: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(generic(xs, g, b), dy)))([x, gamma, beta]);
        grads.forEach((g, i) => expect(maxDiff(g, reference[i]!), `gradient ${i}`).toBeLessThan(2e-5));
      });
    }
    expect(tf.memory().numTensors).toBe(before);
  });
  it('NeuralkitAccumulateMatches adds the weighted rows whose top score is the label to a total, hand-checked', () => {
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      // Top classes: 1, 0 (the first of the tie), 2.
      const pred = tf.tensor2d([[0.1, 0.8, 0.1], [0.5, 0.5, 0], [0.2, 0.2, 0.6]]);
      const labels = tf.tensor1d([1, 1, 2], 'int32');
      expect(values(run('NeuralkitAccumulateMatches', { pred, labels }) as tf.Tensor)).toEqual([2]);
      const weights = tf.tensor1d([0.5, 4, 2]);
      const total = tf.scalar(10);
      const weighted = run('NeuralkitAccumulateMatches', { pred, labels, weights, total }) as tf.Tensor;
      expect([weighted.shape, values(weighted)]).toEqual([[], [12.5]]);
      // Score labels: their top entries are the classes 1, 0, 0.
      const onehot = tf.tensor2d([[0, 1, 0], [1, 0, 0], [1, 0, 0]]);
      expect(values(run('NeuralkitAccumulateMatches', { pred, labels: onehot }, { labelsAreScores: true }) as tf.Tensor)).toEqual([2]);
    });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('NeuralkitBiasActivationGrad gives dy through relu at the output and its column sums, hand-checked', () => {
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const dy = tf.tensor2d([[1, -2], [3, 4], [-1, 0.5]]);
      const y = tf.tensor2d([[0.5, 0], [0, 2], [1, 1]]);
      const [dz, db] = run('NeuralkitBiasActivationGrad', { dy, y }, { activation: 'relu' }) as tf.Tensor[];
      expect([dz!.shape, values(dz!).map((v) => v + 0), values(db!)]).toEqual([[3, 2], [1, 0, 0, 4, -1, 0.5], [0, 4.5]]);
      const [same, sums] = run('NeuralkitBiasActivationGrad', { dy, y }, { activation: 'linear' }) as tf.Tensor[];
      expect([values(same!), values(sums!)]).toEqual([[1, -2, 3, 4, -1, 0.5], [3, 2.5]]);
      expect(() => run('NeuralkitBiasActivationGrad', { dy, y }, { activation: 'elu' })).toThrow(/no gradient for the activation "elu"/);
    });
    expect(tf.memory().numTensors).toBe(before);
  });
});
