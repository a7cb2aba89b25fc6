import type * as tf from '@tensorflow/tfjs-core';
import { batchNormGradRows, batchNormTrainRows } from '@neuralkit/core';
import { heapViews, type KernelArgs } from './model-heap.js';

function check(name: string, x: tf.TensorInfo | undefined, epsilon: unknown): [number, number] {
  if (!x || x.shape.length !== 2 || x.dtype !== 'float32') throw new Error(`${name}: expected a float32 \`x\` [rows, channels], received ${x ? `${x.dtype}[${x.shape}]` : 'none'}.`);
  if (typeof epsilon !== 'number' || !(epsilon > 0)) throw new Error(`${name}: expected a positive \`epsilon\`, received ${String(epsilon)}.`);
  return x.shape as [number, number];
}

/**
 * `NeuralkitBatchNormTrain` for the wasm backend over its heap: {x [rows, c], gamma? [c],
 * beta? [c]}, attrs {epsilon} → [y, mean, variance], the arithmetic of `batchNormTrainRows`.
 */
export function batchNormTrain({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo[] {
  const { x, gamma, beta } = inputs as Partial<Record<string, tf.TensorInfo>>;
  const [rows, c] = check('NeuralkitBatchNormTrain', x, attrs?.epsilon);
  const given = [x!, gamma, beta].filter((t): t is tf.TensorInfo => t !== undefined);
  const { outputs, views, out } = heapViews(backend, given, [[rows, c], [c], [c]]);
  const [y, mean, variance] = out as [Float32Array, Float32Array, Float32Array];
  const at = (t: tf.TensorInfo | undefined) => (t ? views[given.indexOf(t)] : undefined);
  batchNormTrainRows({ x: views[0]!, gamma: at(gamma), beta: at(beta), y, mean, variance, epsilon: attrs!.epsilon as number });
  return outputs;
}

/**
 * `NeuralkitBatchNormTrainGrad` for the wasm backend: {dy, x, mean, variance, gamma?}, attrs
 * {epsilon} → [dx, dgamma, dbeta], the arithmetic of `batchNormGradRows`.
 */
export function batchNormTrainGrad({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo[] {
  const { dy, x, mean, variance, gamma } = inputs as Partial<Record<string, tf.TensorInfo>>;
  const [rows, c] = check('NeuralkitBatchNormTrainGrad', x, attrs?.epsilon);
  if (!dy || !mean || !variance) throw new Error('NeuralkitBatchNormTrainGrad: expected the inputs `dy`, `x`, `mean` and `variance`.');
  const given = gamma ? [dy, x!, mean, variance, gamma] : [dy, x!, mean, variance];
  const { outputs, views, out } = heapViews(backend, given, [[rows, c], [c], [c]]);
  const [dx, dgamma, dbeta] = out as [Float32Array, Float32Array, Float32Array];
  batchNormGradRows({
    dy: views[0]!, x: views[1]!, mean: views[2]!, variance: views[3]!, gamma: views[4], dx, dgamma, dbeta, epsilon: attrs!.epsilon as number,
  });
  return outputs;
}
