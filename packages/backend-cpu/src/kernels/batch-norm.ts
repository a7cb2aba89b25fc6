import type * as tf from '@tensorflow/tfjs-core';
import { batchNormGradRows, batchNormTrainRows } from '@neuralkit/core';
import { floatsOf, output, type KernelArgs } from './cpu-storage.js';

type Inputs = Partial<Record<'x' | 'gamma' | 'beta' | 'dy' | 'mean' | 'variance', tf.TensorInfo>>;

function epsilonOf(name: string, attrs: tf.NamedAttrMap | undefined): number {
  const epsilon = attrs?.epsilon;
  if (typeof epsilon !== 'number' || !(epsilon > 0)) throw new Error(`${name}: expected a positive \`epsilon\`, received ${String(epsilon)}.`);
  return epsilon;
}

function shapeOf(name: string, x: tf.TensorInfo | undefined): [number, number] {
  if (!x || x.shape.length !== 2) throw new Error(`${name}: expected \`x\` of rank 2 [rows, channels], received [${x?.shape ?? ''}].`);
  return x.shape as [number, number];
}

/**
 * `KERNEL_NAMES.batchNormTrain` over the backend's arrays: the batch statistics and the
 * normalized rows in three passes, where the generic path takes a dozen kernels.
 */
export function batchNormTrain({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo[] {
  const { x, gamma, beta } = inputs as Inputs;
  const epsilon = epsilonOf('NeuralkitBatchNormTrain', attrs);
  const [rows, c] = shapeOf('NeuralkitBatchNormTrain', x);
  const read = (t: tf.TensorInfo | undefined) => (t ? floatsOf(backend, t) : undefined);
  const [y, mean, variance] = [new Float32Array(rows * c), new Float32Array(c), new Float32Array(c)];
  batchNormTrainRows({ x: floatsOf(backend, x!), gamma: read(gamma), beta: read(beta), y, mean, variance, epsilon });
  return [output(backend, [rows, c], y), output(backend, [c], mean), output(backend, [c], variance)];
}

/** `KERNEL_NAMES.batchNormTrainGrad`: the per-channel sums, then dx, in one pass each. */
export function batchNormTrainGrad({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo[] {
  const { dy, x, mean, variance, gamma } = inputs as Inputs;
  const epsilon = epsilonOf('NeuralkitBatchNormTrainGrad', attrs);
  const [rows, c] = shapeOf('NeuralkitBatchNormTrainGrad', x);
  if (!dy || !mean || !variance) throw new Error('NeuralkitBatchNormTrainGrad: expected the inputs `dy`, `x`, `mean` and `variance`.');
  const [dx, dgamma, dbeta] = [new Float32Array(rows * c), new Float32Array(c), new Float32Array(c)];
  batchNormGradRows({
    dy: floatsOf(backend, dy), x: floatsOf(backend, x!), mean: floatsOf(backend, mean), variance: floatsOf(backend, variance),
    gamma: gamma ? floatsOf(backend, gamma) : undefined, dx, dgamma, dbeta, epsilon,
  });
  return [output(backend, [rows, c], dx), output(backend, [c], dgamma), output(backend, [c], dbeta)];
}
