// Bundled for Chromium by model-kernels.browser.test.ts: each kernel of the seam that the adapter
// registers (KERNEL_NAMES), run through the engine, against the same arithmetic written out in
// generic tfjs ops on the page's WebGPU, from the same inputs.
import * as tf from '@tensorflow/tfjs-core';
import { KERNEL_NAMES, dropoutMaskValues, useBackend, weightedMatchCount, writeScaledRows } from '@neuralkit/core';
import { MODEL_KERNELS, webgpuBackend } from '../../src/index.js';

export interface Case {
  name: string;
  /** max |kernel − reference| per output, and max |reference| per output (a zero output would also "match"). */
  diffs: number[];
  scales: number[];
  /** Output shapes and dtypes of the kernel, then of the reference. */
  shapes: string[];
}

async function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): Promise<number> {
  const [x, y] = await Promise.all([a.data(), b.data()]);
  let max = x.length === y.length ? 0 : Infinity;
  for (let i = 0; i < x.length; i++) max = Math.max(max, Math.abs(Number(x[i]) - Number(y[i])));
  return Number.isNaN(max) ? Infinity : max;
}

async function compare(name: string, run: () => tf.Tensor[], reference: () => tf.Tensor[]): Promise<Case> {
  const got = tf.tidy(run);
  const want = tf.tidy(reference);
  const diffs: number[] = [];
  const scales: number[] = [];
  for (let i = 0; i < want.length; i++) {
    diffs.push(got[i] ? await maxAbsDiff(got[i]!, want[i]!) : Infinity);
    scales.push(Math.max(...Array.from(await want[i]!.data(), (v) => Math.abs(Number(v)))));
  }
  const shapes = [...got, ...want].map((t) => `${t.dtype}[${t.shape}]`);
  tf.dispose([...got, ...want]);
  return { name, diffs, scales, shapes };
}

const kernel = (name: string, inputs: tf.NamedTensorMap, attrs: object = {}) =>
  tf.engine().runKernel(name, inputs, attrs as tf.NamedAttrMap) as tf.Tensor | tf.Tensor[];
const list = (t: tf.Tensor | tf.Tensor[]) => (Array.isArray(t) ? t : [t]);
const normal = (shape: number[], seed: number, sd = 1) => tf.randomNormal(shape, 0, sd, 'float32', seed);

async function denseCases(): Promise<Case[]> {
  const cases: Case[] = [];
  for (const [n, k, m] of [[7, 785, 10], [32, 784, 128], [1, 3, 1]] as const) {
    const x = normal([n, k], n + k);
    const w = normal([k, m], m, 0.1);
    const b = normal([m], 3);
    const dz = normal([n, m], 5);
    for (const relu of [false, true]) {
      for (const withBias of [true, false]) {
        const inputs: tf.NamedTensorMap = withBias ? { x, w, b } : { x, w };
        cases.push(await compare(`dense ${n}x${k}x${m} relu=${relu} bias=${withBias}`, () => list(kernel(KERNEL_NAMES.dense, inputs, { relu })), () => {
          const z = withBias ? tf.add(tf.matMul(x, w), b) : tf.matMul(x, w);
          return [relu ? tf.relu(z) : z];
        }));
      }
    }
    cases.push(await compare(`denseGradKernel ${n}x${k}x${m}`, () => list(kernel(KERNEL_NAMES.denseGradKernel, { x, dz })), () => [tf.matMul(x, dz, true, false)]));
    cases.push(await compare(`denseGradInput ${n}x${k}x${m}`, () => list(kernel(KERNEL_NAMES.denseGradInput, { dz, w })), () => [tf.matMul(dz, w, false, true)]));
    cases.push(await compare(`denseGradParams ${n}x${k}x${m}`, () => list(kernel(KERNEL_NAMES.denseGradParams, { x, dz })), () => [tf.matMul(x, dz, true, false), tf.sum(dz, 0)]));
    // The layer below's output (a third exact zeros, as relu leaves them) and a Dropout mask.
    const y = tf.tidy(() => tf.relu(tf.sub(tf.randomUniform([n, k], 0, 1.5, 'float32', 11), 0.5)));
    const mask = tf.tidy(() => tf.mul(tf.step(tf.sub(tf.randomUniform([n, k], 0, 1, 'float32', 12), 0.3)), 1 / 0.7));
    for (const activation of ['linear', 'relu', 'sigmoid', 'tanh'] as const) {
      for (const masked of [false, true]) {
        cases.push(await compare(`denseGradInputActivation ${n}x${k}x${m} ${activation} mask=${masked}`,
          () => list(kernel(KERNEL_NAMES.denseGradInputActivation, masked ? { dz, w, y, mask } : { dz, w, y }, { activation })), () => {
            let d = tf.matMul(dz, w, false, true);
            if (masked) d = tf.mul(d, mask);
            const derivative = { linear: () => d, relu: () => tf.mul(d, tf.step(y)), sigmoid: () => tf.mul(d, tf.mul(y, tf.sub(1, y))), tanh: () => tf.mul(tf.sub(1, tf.square(y)), d) };
            return [derivative[activation]()];
          }));
      }
    }
    tf.dispose([x, w, b, dz, y, mask]);
  }
  return cases;
}

async function crossEntropyCases(): Promise<Case[]> {
  const cases: Case[] = [];
  // 23 rows over 10 classes and 7 over 3: every class appears as a label; 130 rows: three workgroups of 64.
  // 'cast': float32 labels that tfjs-webgpu's cast left in an int32 buffer.
  const shapes = [[23, 10, 'int32', 1 / 23], [7, 3, 'float32', undefined], [32, 10, 'float32', 0.5], [130, 10, 'int32', 1 / 130], [5, 2, 'bool', 1], [9, 4, 'cast', 1]] as const;
  for (const [n, c, dtype, gradScale] of shapes) {
    const logits = tf.tidy(() => tf.mul(normal([n, c], n * c), 4));
    const indices = Array.from({ length: n }, (_, i) => (i * 7) % c);
    const labels = dtype === 'cast' ? tf.tidy(() => tf.cast(tf.tensor1d(indices, 'int32'), 'float32')) : tf.tensor1d(indices, dtype);
    const attrs = gradScale === undefined ? {} : { gradScale };
    cases.push(await compare(`sparseSoftmaxCrossEntropy ${n}x${c} ${dtype} scale=${gradScale ?? 'default'}`,
      () => list(kernel(KERNEL_NAMES.sparseSoftmaxCrossEntropy, { logits, labels }, attrs)), () => {
        const logp = tf.logSoftmax(logits);
        const onehot = tf.oneHot(tf.cast(labels, 'int32'), c);
        const grad = tf.sub(tf.exp(logp), onehot);
        return [tf.neg(tf.sum(tf.mul(onehot, logp), -1)), tf.mul(grad, gradScale ?? 1)];
      }));
    tf.dispose([logits, labels]);
  }
  // Target rows: one-hot (float32 cast from tf.oneHot's int32: the buffer still holds int32),
  // smoothed (0.1 over 10 classes), and unnormalised (mass 2, the exact gradient).
  const targetShapes = [[23, 10, 'onehot', 1 / 23], [130, 10, 'smoothed', 1 / 130], [7, 3, 'mass2', undefined]] as const;
  for (const [n, c, kind, gradScale] of targetShapes) {
    const logits = tf.tidy(() => tf.mul(normal([n, c], n + c), 4));
    const targets = tf.tidy(() => {
      const onehot = tf.cast(tf.oneHot(tf.tensor1d(Array.from({ length: n }, (_, i) => (i * 7) % c), 'int32'), c), 'float32');
      return kind === 'smoothed' ? tf.add(tf.mul(onehot, 0.9), 0.1 / c) : kind === 'mass2' ? tf.mul(onehot, 2) : onehot;
    });
    const attrs = gradScale === undefined ? {} : { gradScale };
    cases.push(await compare(`softmaxCrossEntropy ${n}x${c} ${kind} scale=${gradScale ?? 'default'}`,
      () => list(kernel(KERNEL_NAMES.softmaxCrossEntropy, { logits, targets }, attrs)), () => {
        const logp = tf.logSoftmax(logits);
        const mass = tf.sum(targets, -1, true);
        const grad = tf.sub(tf.mul(tf.exp(logp), mass), targets);
        return [tf.neg(tf.sum(tf.mul(targets, logp), -1)), tf.mul(grad, gradScale ?? 1)];
      }));
    tf.dispose([logits, targets]);
  }
  return cases;
}

async function gatherCases(): Promise<{ cases: Case[]; outOfRange: string }> {
  const sources: Array<[string, tf.Tensor, number[]]> = [
    ['float32 [9,4,3]', normal([9, 4, 3], 9), [8, 0, 3, 3, 5]],
    ['float32 [60,785]', normal([60, 785], 60), Array.from({ length: 32 }, (_, i) => (i * 37) % 60)],
    ['int32 [11]', tf.tensor1d(Array.from({ length: 11 }, (_, i) => i * 1000 - 4000), 'int32'), [10, 1, 1, 0, 7]],
    ['bool [5,2]', tf.tensor2d([[true, false], [false, true], [true, true], [false, false], [true, false]], [5, 2], 'bool'), [4, 1, 2]],
    ['float32 [5,3] none', normal([5, 3], 5), []],
    ['float32 cast from int32 [6,2]', tf.tidy(() => tf.cast(tf.tensor2d(Array.from({ length: 12 }, (_, i) => i * 3 - 7), [6, 2], 'int32'), 'float32')), [5, 0, 5]],
  ];
  const cases: Case[] = [];
  for (const [name, x, rows] of sources) {
    const indices = Int32Array.from(rows);
    cases.push(await compare(`gatherRows ${name}`, () => list(kernel(KERNEL_NAMES.gatherRows, { x }, { indices })),
      () => [tf.gather(x, tf.tensor1d(indices, 'int32'))]));
  }
  let outOfRange = '';
  try {
    kernel(KERNEL_NAMES.gatherRows, { x: sources[0]![1] }, { indices: Int32Array.from([9]) });
  } catch (e) {
    outOfRange = (e as Error).message;
  }
  tf.dispose(sources.map((s) => s[1]));
  return { cases, outOfRange };
}

/** Dropout masks made by the WGSL kernel against the host's, for odd sizes, rates and seeds. */
async function dropoutCases(): Promise<Case[]> {
  const shapes = [[7], [32, 128], [3, 5, 5, 8], [1000, 3]];
  const cases: Case[] = [];
  for (const [i, shape] of shapes.entries()) {
    for (const [rate, seed] of [[0.2, 0], [0.5, 123_456_789], [0.9, 4_294_967_295], [1 / 3, 2_654_435_769 + i]] as const) {
      const size = shape.reduce((a, b) => a * b, 1);
      cases.push(await compare(`dropoutMask [${shape}] rate=${rate} seed=${seed}`, () => list(kernel(KERNEL_NAMES.dropoutMask, {}, { shape, rate, seed })),
        () => [tf.tensor(dropoutMaskValues(size, rate, seed), shape, 'float32')]));
    }
  }
  return cases;
}

/**
 * Batches of a host dataset made on the device (the source uploaded once, rows gathered and
 * scaled there) against the host's writeScaledRows; each source is used twice, as in an epoch.
 */
async function scaledRowsCases(): Promise<{ cases: Case[]; kept: number[] }> {
  const bytes = Uint8Array.from({ length: 61 * 784 + 3 }, (_, i) => (i * 2_654_435_761) >>> 24);
  const floats = Float32Array.from({ length: 9 * 5 }, (_, i) => Math.sin(i) * 3);
  const sources: Array<[string, Uint8Array | Float32Array, number, number[], number]> = [
    ['bytes /255', bytes.subarray(0, 61 * 784), 784, [0, 60, 7, 7, 33], 1 / 255],
    ['bytes at an odd offset', bytes.subarray(3, 3 + 60 * 784), 784, [59, 1, 2], 1 / 255],
    ['bytes [28,28] x1', bytes.subarray(0, 61 * 784), 784, Array.from({ length: 32 }, (_, i) => (i * 17) % 61), 1],
    ['floats scale 1', floats, 5, [8, 0, 4], 1],
    ['floats scale 0.5', floats, 5, [2, 2, 6], 0.5],
  ];
  const cases: Case[] = [];
  const dataIds: number[] = [];
  for (const [name, source, width, rows, scale] of sources) {
    for (const round of [1, 2]) {
      dataIds.push(tf.backend().numDataIds());
      const shape = [rows.length, width];
      const want = new Float32Array(rows.length * width);
      writeScaledRows(source, rows, width, scale, want);
      cases.push(await compare(`scaledRows ${name} (batch ${round})`, () => list(kernel(KERNEL_NAMES.scaledRows, {}, { source, indices: rows, shape, scale })),
        () => [tf.tensor(want, shape, 'float32')]));
    }
  }
  dataIds.push(tf.backend().numDataIds());
  // What each batch left on the device: the first of a byte source its copy (and a new scale's
  // table), the second nothing.
  const kept = dataIds.slice(1).map((n, i) => n - dataIds[i]!);
  return { cases, kept };
}

/**
 * batchNormTrain against tf.moments and tf.batchNorm, and batchNormTrainGrad against tf.grads of
 * that generic forward (dgamma and dbeta as the gradients of a ones gamma and a zeros beta where
 * the kernel gets none), on odd sizes: one row, fewer rows than a workgroup, several per invocation.
 */
async function batchNormCases(): Promise<Case[]> {
  const cases: Case[] = [];
  const epsilon = 1e-3;
  for (const rows of [1, 7, 300]) {
    for (const c of [1, 3, 33]) {
      const x = tf.tidy(() => tf.add(normal([rows, c], rows * c, 2), 3));
      const dy = normal([rows, c], rows + c);
      const gamma = tf.tidy(() => tf.add(normal([c], c, 0.5), 1));
      const beta = normal([c], c + 1);
      for (const affine of [true, false]) {
        const size = `${rows}x${c} gamma/beta=${affine}`;
        const inputs: tf.NamedTensorMap = affine ? { x, gamma, beta } : { x };
        const g = affine ? gamma : tf.ones([c]);
        const b = affine ? beta : tf.zeros([c]);
        const generic = (xs: tf.Tensor, gs: tf.Tensor, bs: tf.Tensor) => {
          const { mean, variance } = tf.moments(xs, 0);
          return tf.batchNorm(xs, mean, variance, bs, gs, epsilon);
        };
        cases.push(await compare(`batchNormTrain ${size}`, () => list(kernel(KERNEL_NAMES.batchNormTrain, inputs, { epsilon })), () => {
          const { mean, variance } = tf.moments(x, 0);
          return [generic(x, g, b), mean, variance];
        }));
        cases.push(await compare(`batchNormTrainGrad ${size}`, () => {
          const { mean, variance } = tf.moments(x, 0);
          return list(kernel(KERNEL_NAMES.batchNormTrainGrad, { dy, x, mean, variance, ...(affine ? { gamma } : {}) }, { epsilon }));
        }, () => tf.grads((xs: tf.Tensor, gs: tf.Tensor, bs: tf.Tensor) => tf.sum(tf.mul(generic(xs, gs, bs), dy)))([x, g, b])));
        if (!affine) tf.dispose([g, b]);
      }
      tf.dispose([x, dy, gamma, beta]);
    }
  }
  // A float32 x that tfjs-webgpu's cast left in an int32 buffer (integer pixels cast by the user).
  const x = tf.tidy(() => tf.cast(tf.tensor2d(Array.from({ length: 27 }, (_, i) => (i * 37) % 11 - 3), [9, 3], 'int32'), 'float32'));
  const dy = normal([9, 3], 12);
  const statistics = () => tf.moments(x, 0);
  cases.push(await compare('batchNormTrain 9x3 cast from int32', () => list(kernel(KERNEL_NAMES.batchNormTrain, { x }, { epsilon })), () => {
    const { mean, variance } = statistics();
    return [tf.batchNorm(x, mean, variance, undefined, undefined, epsilon), mean, variance];
  }));
  cases.push(await compare('batchNormTrainGrad 9x3 cast from int32', () => {
    const { mean, variance } = statistics();
    return list(kernel(KERNEL_NAMES.batchNormTrainGrad, { dy, x, mean, variance }, { epsilon }));
  }, () => tf.grads((xs: tf.Tensor, gs: tf.Tensor, bs: tf.Tensor) => {
    const { mean, variance } = tf.moments(xs, 0);
    return tf.sum(tf.mul(tf.batchNorm(xs, mean, variance, bs, gs, epsilon), dy));
  })([x, tf.ones([3]), tf.zeros([3])])));
  tf.dispose([x, dy]);
  return cases;
}

async function accuracyCases(): Promise<Case[]> {
  const cases: Case[] = [];
  // 300 rows: more than the workgroup's 256 invocations. 'cast': float32 labels and weights that
  // tfjs-webgpu's cast left in int32 buffers. 'scores': one-hot label rows (CategoricalAccuracy).
  const shapes = [[23, 10, 'int32', false, false], [300, 10, 'float32', true, true], [40, 6, 'cast', true, false], [130, 10, 'scores', false, true], [1, 1, 'float32', false, false]] as const;
  for (const [n, c, kind, weighted, withTotal] of shapes) {
    const pred = normal([n, c], n * c + 1);
    const indices = Array.from({ length: n }, (_, i) => (i * 7) % c);
    const labels = tf.tidy(() => {
      if (kind === 'scores') return tf.cast(tf.oneHot(tf.tensor1d(indices, 'int32'), c), 'float32');
      if (kind === 'cast') return tf.cast(tf.tensor1d(indices, 'int32'), 'float32');
      return tf.tensor1d(indices, kind);
    });
    const weights = weighted ? tf.tidy(() => (kind === 'cast' ? tf.cast(tf.tensor1d(indices.map((v) => v + 1), 'int32'), 'float32') : tf.add(normal([n], 5), 2))) : undefined;
    const total = withTotal ? tf.scalar(7.5) : undefined;
    const inputs: tf.NamedTensorMap = { pred, labels };
    if (weights) inputs.weights = weights;
    if (total) inputs.total = total;
    const labelsAreScores = kind === 'scores';
    cases.push(await compare(`accumulateMatches ${n}x${c} ${kind} weighted=${weighted} total=${withTotal}`,
      () => list(kernel(KERNEL_NAMES.accumulateMatches, inputs, { labelsAreScores })), () => {
        const classOf = labelsAreScores ? tf.argMax(labels, -1) : labels;
        const match = tf.cast(tf.equal(tf.cast(classOf, 'float32'), tf.cast(tf.argMax(pred, -1), 'float32')), 'float32');
        const sum = tf.sum(weights ? tf.mul(match, weights) : match);
        return [total ? tf.add(sum, total) : sum];
      }));
    tf.dispose([pred, labels, weights, total].filter((t): t is tf.Tensor => t !== undefined));
  }
  // Ties (scores rounded to quarters) and a NaN row: the first of equal scores wins and a NaN
  // never does, as tf.argMax on the host; the reference is the host's count.
  const predValues = Array.from({ length: 50 * 5 }, (_, i) => (i === 5 ? NaN : Math.round(((i * 37) % 11) / 2.5) / 4));
  const labelValues = Array.from({ length: 50 }, (_, i) => (i * 3) % 5);
  const pred = tf.tensor2d(predValues, [50, 5]);
  const labels = tf.tensor1d(labelValues, 'int32');
  const host = weightedMatchCount({ pred: predValues, labels: labelValues, rows: 50, classes: 5, labelsAreScores: false });
  cases.push(await compare('accumulateMatches 50x5 ties and NaN', () => list(kernel(KERNEL_NAMES.accumulateMatches, { pred, labels }, { labelsAreScores: false })), () => [tf.scalar(host)]));
  tf.dispose([pred, labels]);
  return cases;
}

async function biasActivationCases(): Promise<Case[]> {
  const cases: Case[] = [];
  // 1000 rows: several rows per invocation; 7 and 32 channels: one workgroup each.
  const shapes = [[300, 7, 'relu'], [1000, 32, 'relu'], [5, 3, 'linear'], [40, 6, 'sigmoid'], [40, 6, 'tanh'], [1, 1, 'tanh']] as const;
  for (const [rows, c, activation] of shapes) {
    const dy = normal([rows, c], rows + c);
    // Outputs as the activation gives them: relu's exact zeros included.
    const y = tf.tidy(() => {
      const pre = normal([rows, c], rows * c + 3);
      return activation === 'relu' ? tf.relu(pre) : activation === 'sigmoid' ? tf.sigmoid(pre) : activation === 'tanh' ? tf.tanh(pre) : pre;
    });
    cases.push(await compare(`biasActivationGrad ${rows}x${c} ${activation}`,
      () => list(kernel(KERNEL_NAMES.biasActivationGrad, { dy, y }, { activation })), () => {
        const dz = activation === 'relu' ? tf.mul(dy, tf.step(y)) : activation === 'sigmoid' ? tf.mul(dy, tf.mul(y, tf.sub(1, y)))
          : activation === 'tanh' ? tf.mul(tf.sub(1, tf.square(y)), dy) : tf.clone(dy);
        return [dz, tf.sum(dz, 0)];
      }));
    tf.dispose([dy, y]);
  }
  return cases;
}

async function main() {
  const info = await useBackend(webgpuBackend());
  const before = tf.memory().numTensors;
  const dense = await denseCases();
  const crossEntropy = await crossEntropyCases();
  const gather = await gatherCases();
  const dropout = await dropoutCases();
  const scaled = await scaledRowsCases();
  const batchNorm = await batchNormCases();
  const accuracy = await accuracyCases();
  const biasActivation = await biasActivationCases();
  return {
    backend: tf.getBackend(),
    details: info.details,
    kernels: MODEL_KERNELS,
    registered: MODEL_KERNELS.filter((n) => tf.getKernel(n, 'webgpu') !== undefined),
    cases: [...dense, ...crossEntropy, ...gather.cases, ...dropout, ...scaled.cases, ...batchNorm, ...accuracy, ...biasActivation],
    scaledRowsKept: scaled.kept,
    outOfRange: gather.outOfRange,
    leaked: tf.memory().numTensors - before,
  };
}

main().then(
  (r) => Object.assign(globalThis, { modelKernelResults: r }),
  (e: Error) => Object.assign(globalThis, { modelKernelResults: { error: `${e.message}\n${e.stack}` } }),
);
