import type * as tf from '@tensorflow/tfjs-core';
import { KERNEL_NAMES } from '@neuralkit/core';
import { batchNormApplyProgram, batchNormGradInputProgram } from './batch-norm-programs.js';
import { channelSums } from './batch-norm-sums.js';
import { runProgramInfo } from './program.js';
import { webgpuInternals } from './webgpu-internals.js';

interface Args {
  inputs: tf.NamedTensorInfoMap;
  attrs?: tf.NamedAttrMap;
  backend: tf.KernelBackend;
}

/** x's [rows, channels] and epsilon, checked; every named per-channel input must be [channels]. */
function checked(name: string, { inputs, attrs }: Args, perChannel: string[]): { rows: number; channels: number; epsilon: number } {
  const x = inputs.x;
  if (!x || x.shape.length !== 2 || x.dtype !== 'float32') throw new Error(`${name}: expected a float32 \`x\` [rows, channels], received ${x ? `${x.dtype}[${x.shape}]` : 'none'}.`);
  const [rows, channels] = x.shape as [number, number];
  for (const key of perChannel) {
    const t = inputs[key];
    if (t && (t.shape.length !== 1 || t.shape[0] !== channels)) throw new Error(`${name}: expected \`${key}\` [${channels}], received [${t.shape}].`);
  }
  const epsilon = attrs?.epsilon;
  if (typeof epsilon !== 'number' || !(epsilon > 0)) throw new Error(`${name}: expected a positive \`epsilon\`, received ${String(epsilon)}.`);
  return { rows, channels, epsilon };
}

/** Host tensors for an empty batch or no channels: nothing to dispatch (0/0 statistics are NaN, as tf.moments gives). */
function empty(backend: tf.KernelBackend, rows: number, channels: number, fill: number): tf.TensorInfo[] {
  const be = webgpuInternals(backend);
  const perChannel = () => be.makeTensorInfo([channels], 'float32', new Float32Array(channels).fill(fill));
  return [be.makeTensorInfo([rows, channels], 'float32', new Float32Array(0)), perChannel(), perChannel()];
}

/** `[y, mean, variance]`: the statistics in one dispatch (a workgroup a channel), y in a second. */
export function batchNormTrain(args: Args): tf.TensorInfo[] {
  const shape = checked(KERNEL_NAMES.batchNormTrain, args, ['gamma', 'beta']);
  const { inputs, backend } = args;
  const { rows, channels, epsilon } = shape;
  if (rows === 0 || channels === 0) return empty(backend, rows, channels, NaN);
  const { x, gamma, beta } = inputs as Record<string, tf.TensorInfo>;
  const [mean, variance] = channelSums(backend, 'statistics', [x!], shape);
  const y = runProgramInfo(backend, batchNormApplyProgram(rows, channels, gamma !== undefined, beta !== undefined),
    [x!, mean, variance, ...(gamma ? [gamma] : []), ...(beta ? [beta] : [])], { uniforms: [{ type: 'float32', data: [epsilon] }] });
  return [y, mean, variance];
}

/** `[dx, dgamma, dbeta]`: the per-channel sums in one dispatch, dx in a second. */
export function batchNormTrainGrad(args: Args): tf.TensorInfo[] {
  const name = KERNEL_NAMES.batchNormTrainGrad;
  const shape = checked(name, args, ['mean', 'variance', 'gamma']);
  const { inputs, backend } = args;
  const { dy, x, mean, variance, gamma } = inputs as Record<string, tf.TensorInfo>;
  if (!dy || !mean || !variance || dy.shape.join() !== x!.shape.join()) throw new Error(`${name}: expected \`dy\` [${x!.shape}], \`mean\` and \`variance\`.`);
  const { rows, channels, epsilon } = shape;
  if (rows === 0 || channels === 0) return empty(backend, rows, channels, 0);
  const [dgamma, dbeta] = channelSums(backend, 'gradientSums', [dy, x!, mean, variance], shape);
  const dx = runProgramInfo(backend, batchNormGradInputProgram(rows, channels, gamma !== undefined),
    [dy, x!, mean, variance, dgamma, dbeta, ...(gamma ? [gamma] : [])], { uniforms: [{ type: 'float32', data: [epsilon] }] });
  return [dx, dgamma, dbeta];
}
