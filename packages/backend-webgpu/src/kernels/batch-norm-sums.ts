import type * as tf from '@tensorflow/tfjs-core';
import { dispatchOverTensors, pipelineFor, webgpuInternals, wgslElement, type WgslElement, workgroupGrid } from './webgpu-internals.js';
import { CHANNEL_MAIN, GROUP_SUM, SUM_GROUP } from './workgroup-sum.js';

/** The header of both programs: one workgroup a channel of a [rows, channels] layout. */
const HEADER = `
  struct Params { rows : u32, channels : u32, epsilon : f32, unused : u32 };
  @group(0) @binding(0) var<uniform> params : Params;
  ${GROUP_SUM}`;



/** The batch mean, then the mean squared deviation from it (two passes: no cancellation). */
const statistics = (xType: WgslElement) => `${HEADER}
  @group(0) @binding(1) var<storage, read> x : array<${xType}>;
  @group(0) @binding(2) var<storage, read_write> meanOut : array<f32>;
  @group(0) @binding(3) var<storage, read_write> varianceOut : array<f32>;
  ${CHANNEL_MAIN}
    var s = 0.0;
    for (var r = lid; r < rows; r = r + ${SUM_GROUP}u) { s = s + f32(x[r * c + ch]); }
    let mean = groupSum(lid, s) / f32(rows);
    var q = 0.0;
    for (var r = lid; r < rows; r = r + ${SUM_GROUP}u) { let d = f32(x[r * c + ch]) - mean; q = q + d * d; }
    let variance = groupSum(lid, q) / f32(rows);
    if (lid == 0u) { meanOut[ch] = mean; varianceOut[ch] = variance; }
  }`;

/** dbeta = Σ dy and dgamma = Σ dy · (x − mean) · rstd, in one pass. */
const gradientSums = (dyType: WgslElement, xType: WgslElement) => `${HEADER}
  @group(0) @binding(1) var<storage, read> dy : array<${dyType}>;
  @group(0) @binding(2) var<storage, read> x : array<${xType}>;
  @group(0) @binding(3) var<storage, read> mean : array<f32>;
  @group(0) @binding(4) var<storage, read> variance : array<f32>;
  @group(0) @binding(5) var<storage, read_write> dgamma : array<f32>;
  @group(0) @binding(6) var<storage, read_write> dbeta : array<f32>;
  ${CHANNEL_MAIN}
    let m = mean[ch];
    var sdy = 0.0;
    var sdyx = 0.0;
    for (var r = lid; r < rows; r = r + ${SUM_GROUP}u) {
      let g = f32(dy[r * c + ch]);
      sdy = sdy + g;
      sdyx = sdyx + g * (f32(x[r * c + ch]) - m);
    }
    let sumDy = groupSum(lid, sdy);
    let sumDyXhat = groupSum(lid, sdyx) * inverseSqrt(variance[ch] + params.epsilon);
    if (lid == 0u) { dgamma[ch] = sumDyXhat; dbeta[ch] = sumDy; }
  }`;

/**
 * Per-channel reductions of [rows, channels] tensors, one workgroup a channel: `statistics` binds
 * x and writes [mean, variance]; `gradientSums` binds dy, x, mean, variance and writes [dgamma,
 * dbeta]. Both outputs are fresh [channels] tensors written by one dispatch (tfjs's runner writes
 * one output a dispatch). `rows` and `channels` are positive.
 */
export function channelSums(
  backend: tf.KernelBackend,
  kind: 'statistics' | 'gradientSums',
  inputs: tf.TensorInfo[],
  shape: { rows: number; channels: number; epsilon: number },
): [tf.TensorInfo, tf.TensorInfo] {
  const be = webgpuInternals(backend);
  const { rows, channels } = shape;
  const outputs: [tf.TensorInfo, tf.TensorInfo] = [be.makeTensorInfo([channels], 'float32'), be.makeTensorInfo([channels], 'float32')];
  const types = inputs.slice(0, kind === 'statistics' ? 1 : 2).map((t): WgslElement => wgslElement(be, t));
  const pipeline = pipelineFor(be.device, `neuralkitBatchNorm_${kind}_${types.join('_')}`,
    () => (kind === 'statistics' ? statistics(types[0]!) : gradientSums(types[0]!, types[1]!)));
  const params = new ArrayBuffer(16);
  new Uint32Array(params, 0, 2).set([rows, channels]);
  new Float32Array(params, 8, 1)[0] = shape.epsilon;
  const workgroups = workgroupGrid(be.device, channels, 1);
  dispatchOverTensors(be, 'NeuralkitBatchNormTrain', { pipeline, params, tensors: [...inputs, ...outputs], workgroups });
  return outputs;
}
