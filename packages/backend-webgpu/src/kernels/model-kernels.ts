import * as tf from '@tensorflow/tfjs-core';
import { DENSE_GRADIENT_ACTIVATIONS, KERNEL_NAMES, dropoutMaskConstants, registerKernelTable, type DenseGradientActivation, type KernelTable } from '@neuralkit/core';
import { accumulateMatchesInOneDispatch } from './accumulate-matches.js';
import { batchNormTrain, batchNormTrainGrad } from './batch-norm.js';
import { biasActivationGradInOneDispatch } from './bias-activation-grad.js';
import { crossEntropyInOneDispatch } from './cross-entropy-kernel.js';
import { dropoutMaskProgram } from './dropout-mask.js';
import { denseForwardProgram } from './dense-forward.js';
import { denseGradInputActivationProgram, denseGradInputProgram, denseGradKernelProgram } from './dense-backward.js';
import { denseGradParamsInOneDispatch } from './dense-grad-params.js';
import { gatherRowsProgram } from './gather-rows.js';
import { scaledRows } from './scaled-rows.js';
import { runProgramInfo } from './program.js';
import { storedDtype, webgpuInternals } from './webgpu-internals.js';

interface Args {
  inputs: tf.NamedTensorInfoMap;
  attrs?: tf.NamedAttrMap;
  backend: tf.KernelBackend;
}

function input(kernel: string, inputs: tf.NamedTensorInfoMap, name: string, rank?: number): tf.TensorInfo {
  const info = inputs[name];
  if (!info) throw new Error(`${kernel}: expected an input \`${name}\`.`);
  if (rank !== undefined && info.shape.length !== rank) {
    throw new Error(`${kernel}: expected \`${name}\` of rank ${rank}, received shape [${info.shape}].`);
  }
  return info;
}

/** `act(x · w + b)`: one dispatch. */
function dense({ inputs, attrs, backend }: Args): tf.TensorInfo {
  const name = KERNEL_NAMES.dense;
  const [x, w] = [input(name, inputs, 'x', 2), input(name, inputs, 'w', 2)];
  const b = inputs.b;
  const [rows = 0, inner] = x.shape;
  const [wRows, units = 0] = w.shape;
  if (wRows !== inner || (b && (b.shape.length !== 1 || b.shape[0] !== units))) {
    throw new Error(`${name}: x [${x.shape}], w [${w.shape}] and b [${b?.shape ?? ''}] do not fit together.`);
  }
  const program = denseForwardProgram(rows, units, attrs?.relu === true ? 'relu' : 'linear', b !== undefined);
  return runProgramInfo(backend, program, b ? [x, w, b] : [x, w]);
}

/** `xᵀ · dz`: one dispatch. */
function denseGradKernel({ inputs, backend }: Args): tf.TensorInfo {
  const name = KERNEL_NAMES.denseGradKernel;
  const [x, dz] = [input(name, inputs, 'x', 2), input(name, inputs, 'dz', 2)];
  if (x.shape[0] !== dz.shape[0]) throw new Error(`${name}: x [${x.shape}] and dz [${dz.shape}] differ in rows.`);
  return runProgramInfo(backend, denseGradKernelProgram(x.shape[1]!, dz.shape[1]!), [x, dz]);
}

/** `dz · wᵀ`: one dispatch. */
function denseGradInput({ inputs, backend }: Args): tf.TensorInfo {
  const name = KERNEL_NAMES.denseGradInput;
  const [dz, w] = [input(name, inputs, 'dz', 2), input(name, inputs, 'w', 2)];
  if (dz.shape[1] !== w.shape[1]) throw new Error(`${name}: dz [${dz.shape}] and w [${w.shape}] differ in units.`);
  return runProgramInfo(backend, denseGradInputProgram(dz.shape[0]!, w.shape[0]!), [dz, w]);
}

/** `[xᵀ · dz, Σ_rows dz]`: one dispatch. */
function denseGradParams({ inputs, backend }: Args): tf.TensorInfo[] {
  const name = KERNEL_NAMES.denseGradParams;
  const [x, dz] = [input(name, inputs, 'x', 2), input(name, inputs, 'dz', 2)];
  if (x.shape[0] !== dz.shape[0]) throw new Error(`${name}: x [${x.shape}] and dz [${dz.shape}] differ in rows.`);
  return denseGradParamsInOneDispatch(backend, x, dz);
}

/** `actGrad(y) ⊙ ((dz · wᵀ) ⊙ mask)`: one dispatch. */
function denseGradInputActivation({ inputs, attrs, backend }: Args): tf.TensorInfo {
  const name = KERNEL_NAMES.denseGradInputActivation;
  const [dz, w, y] = [input(name, inputs, 'dz', 2), input(name, inputs, 'w', 2), input(name, inputs, 'y', 2)];
  const mask = inputs.mask;
  const activation = attrs?.activation as DenseGradientActivation;
  if (!DENSE_GRADIENT_ACTIVATIONS.includes(activation)) throw new Error(`${name}: no gradient for the activation ${JSON.stringify(activation)}.`);
  const shape = [dz.shape[0]!, w.shape[0]!];
  const fits = (t: tf.TensorInfo | undefined) => !t || (t.shape.length === 2 && t.shape[0] === shape[0] && t.shape[1] === shape[1]);
  if (dz.shape[1] !== w.shape[1] || !fits(y) || !fits(mask)) {
    throw new Error(`${name}: dz [${dz.shape}], w [${w.shape}], y [${y.shape}] and mask [${mask?.shape ?? ''}] do not fit together.`);
  }
  const program = denseGradInputActivationProgram(shape[0]!, shape[1]!, activation, mask !== undefined);
  return runProgramInfo(backend, program, mask ? [dz, w, y, mask] : [dz, w, y]);
}

/** `[loss, (softmax − onehot) · gradScale]`: one dispatch. */
function sparseSoftmaxCrossEntropy({ inputs, attrs, backend }: Args): tf.TensorInfo[] {
  const name = KERNEL_NAMES.sparseSoftmaxCrossEntropy;
  const [logits, labels] = [input(name, inputs, 'logits', 2), input(name, inputs, 'labels', 1)];
  const rows = logits.shape[0];
  if (logits.dtype !== 'float32') throw new Error(`${name}: expected float32 logits, received ${logits.dtype}.`);
  if (labels.shape[0] !== rows) throw new Error(`${name}: ${labels.shape[0]} labels for ${rows} rows of logits.`);
  const gradScale = typeof attrs?.gradScale === 'number' ? attrs.gradScale : 1;
  return crossEntropyInOneDispatch(backend, logits, labels, gradScale);
}

/** `[Σ y (lse − z), (softmax · Σy − y) · gradScale]` over float32 target rows: one dispatch. */
function softmaxCrossEntropy({ inputs, attrs, backend }: Args): tf.TensorInfo[] {
  const name = KERNEL_NAMES.softmaxCrossEntropy;
  const [logits, targets] = [input(name, inputs, 'logits', 2), input(name, inputs, 'targets', 2)];
  if (logits.dtype !== 'float32' || targets.dtype !== 'float32') {
    throw new Error(`${name}: expected float32 logits and targets, received ${logits.dtype} and ${targets.dtype}.`);
  }
  if (logits.shape[0] !== targets.shape[0] || logits.shape[1] !== targets.shape[1]) {
    throw new Error(`${name}: targets [${targets.shape}] do not match logits [${logits.shape}].`);
  }
  const gradScale = typeof attrs?.gradScale === 'number' ? attrs.gradScale : 1;
  return crossEntropyInOneDispatch(backend, logits, targets, gradScale, true);
}

/** Rows `indices` of `x` (float32, int32 or bool): the indices uploaded, then one dispatch. */
function gatherRows({ inputs, attrs, backend }: Args): tf.TensorInfo {
  const name = KERNEL_NAMES.gatherRows;
  const x = input(name, inputs, 'x');
  const indices = attrs?.indices as unknown as ArrayLike<number> | undefined;
  const [rows = 0, ...rest] = x.shape;
  if (x.shape.length === 0 || !indices) throw new Error(`${name}: expected \`x\` of rank 1 or more and the attr \`indices\`.`);
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k]!;
    if (!(Number.isInteger(i) && i >= 0 && i < rows)) throw new Error(`${name}: expected row indices in [0, ${rows}), received ${i}.`);
  }
  const width = rest.reduce((a, b) => a * b, 1);
  const be = webgpuInternals(backend);
  const list = be.makeTensorInfo([indices.length], 'int32', Int32Array.from(indices));
  try {
    // Rows copied as the buffer holds them (int32 relabelled float32 by a cast stays i32), the
    // output labelled as x is, as tfjs's cast leaves it.
    const stored = storedDtype(be, x);
    const view = { dataId: x.dataId, shape: [rows, width], dtype: stored };
    const out = runProgramInfo(backend, gatherRowsProgram(indices.length, width, stored !== 'float32'), [view, list], { dtype: stored });
    return { ...out, shape: [indices.length, ...rest], dtype: x.dtype };
  } finally {
    // Freed after the dispatch that reads it is submitted (the backend defers it).
    backend.disposeData(list.dataId);
  }
}

/** Dropout's mask made on the device: one dispatch, nothing uploaded. */
function dropoutMask({ attrs, backend }: Args): tf.TensorInfo {
  const name = KERNEL_NAMES.dropoutMask;
  const shape = attrs?.shape as unknown as number[] | undefined;
  const { rate, seed } = (attrs ?? {}) as { rate?: unknown; seed?: unknown };
  if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) {
    throw new Error(`${name}: expected the attr \`shape\` as a list of sizes, received ${JSON.stringify(shape)}.`);
  }
  if (typeof rate !== 'number' || !(rate >= 0 && rate < 1)) throw new Error(`${name}: expected a rate in [0, 1), received ${String(rate)}.`);
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32) {
    throw new Error(`${name}: expected a seed from 0 to 4294967295, received ${String(seed)}.`);
  }
  const { threshold, scale } = dropoutMaskConstants(rate);
  // A rate within 2⁻³² of 1 keeps nothing, and its threshold (2³²) does not fit a u32.
  const [limit, kept] = threshold >= 2 ** 32 ? [0, 0] : [threshold, scale];
  return runProgramInfo(backend, dropoutMaskProgram(shape), [], {
    uniforms: [{ type: 'uint32', data: [seed] }, { type: 'uint32', data: [limit] }, { type: 'float32', data: [kept] }],
  });
}

/** An accuracy metric's total plus this batch's weighted matches: one dispatch. */
function accumulateMatches({ inputs, attrs, backend }: Args): tf.TensorInfo {
  const name = KERNEL_NAMES.accumulateMatches;
  const [pred, labels] = [input(name, inputs, 'pred', 2), input(name, inputs, 'labels')];
  const { weights, total } = inputs;
  const [rows, classes] = pred.shape as [number, number];
  const labelsAreScores = attrs?.labelsAreScores === true;
  const labelsFit = labelsAreScores ? labels.shape.length === 2 && labels.shape[0] === rows && labels.shape[1] === classes : labels.shape.length === 1 && labels.shape[0] === rows;
  if (!labelsFit || (weights && (weights.shape.length !== 1 || weights.shape[0] !== rows)) || (total && total.shape.length !== 0)) {
    throw new Error(`${name}: pred [${pred.shape}], labels [${labels.shape}], weights [${weights?.shape ?? ''}] and total [${total?.shape ?? ''}] do not fit together.`);
  }
  if (rows === 0 || classes === 0) throw new Error(`${name}: pred [${pred.shape}] has no scores.`);
  return accumulateMatchesInOneDispatch(backend, { pred, labels, weights, total }, labelsAreScores);
}

/** `[actGrad(y) ⊙ dy, Σ_rows of it]`: one dispatch, a workgroup a channel. */
function biasActivationGrad({ inputs, attrs, backend }: Args): tf.TensorInfo[] {
  const name = KERNEL_NAMES.biasActivationGrad;
  const [dy, y] = [input(name, inputs, 'dy', 2), input(name, inputs, 'y', 2)];
  const activation = attrs?.activation as DenseGradientActivation;
  if (!DENSE_GRADIENT_ACTIVATIONS.includes(activation)) throw new Error(`${name}: no gradient for the activation ${JSON.stringify(activation)}.`);
  if (dy.shape[0] !== y.shape[0] || dy.shape[1] !== y.shape[1]) throw new Error(`${name}: dy [${dy.shape}] and y [${y.shape}] differ.`);
  const [rows = 0, channels = 0] = dy.shape;
  if (rows === 0 || channels === 0) {
    const be = webgpuInternals(backend);
    return [be.makeTensorInfo([rows, channels], 'float32', new Float32Array(0)), be.makeTensorInfo([channels], 'float32', new Float32Array(channels))];
  }
  return biasActivationGradInOneDispatch(backend, dy, y, activation);
}

const KERNELS: KernelTable = {
  [KERNEL_NAMES.dense]: dense,
  [KERNEL_NAMES.denseGradKernel]: denseGradKernel,
  [KERNEL_NAMES.denseGradInput]: denseGradInput,
  [KERNEL_NAMES.denseGradParams]: denseGradParams,
  [KERNEL_NAMES.denseGradInputActivation]: denseGradInputActivation,
  [KERNEL_NAMES.sparseSoftmaxCrossEntropy]: sparseSoftmaxCrossEntropy,
  [KERNEL_NAMES.softmaxCrossEntropy]: softmaxCrossEntropy,
  [KERNEL_NAMES.gatherRows]: gatherRows,
  [KERNEL_NAMES.dropoutMask]: dropoutMask,
  [KERNEL_NAMES.scaledRows]: scaledRows,
  [KERNEL_NAMES.batchNormTrain]: batchNormTrain,
  [KERNEL_NAMES.batchNormTrainGrad]: batchNormTrainGrad,
  [KERNEL_NAMES.accumulateMatches]: accumulateMatches,
  [KERNEL_NAMES.biasActivationGrad]: biasActivationGrad,
};

/** Names of the `KERNEL_NAMES` kernels this backend provides, as WGSL programs. */
export const MODEL_KERNELS: readonly string[] = Object.keys(KERNELS);

/** Registers the model's kernels for 'webgpu' (once; a name already registered is left alone). */
export function registerModelKernels(): void {
  registerKernelTable('webgpu', KERNELS);
}
