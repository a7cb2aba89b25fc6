import type * as tf from '@tensorflow/tfjs-core';
import type { DenseGradientActivation } from '@neuralkit/core';
import { ACTIVATION_DERIVATIVE_WGSL } from './dense-backward.js';
import { dispatchOverTensors, pipelineFor, webgpuInternals, wgslElement, workgroupGrid, type WgslElement } from './webgpu-internals.js';
import { CHANNEL_MAIN, GROUP_SUM, SUM_GROUP } from './workgroup-sum.js';

/**
 * One workgroup a channel: each invocation takes every SUM_GROUP-th row of the channel, writes
 * dz there and sums it; the workgroup's sum is the channel's db.
 */
function module(activation: DenseGradientActivation, dyType: WgslElement, yType: WgslElement): string {
  return `
    struct Params { rows : u32, channels : u32, unused0 : u32, unused1 : u32 };
    @group(0) @binding(0) var<uniform> params : Params;
    @group(0) @binding(1) var<storage, read> dy : array<${dyType}>;
    @group(0) @binding(2) var<storage, read> y : array<${yType}>;
    @group(0) @binding(3) var<storage, read_write> dz : array<f32>;
    @group(0) @binding(4) var<storage, read_write> db : array<f32>;
    ${GROUP_SUM}

    ${CHANNEL_MAIN}
      var sum = 0.0;
      for (var r = lid; r < rows; r = r + ${SUM_GROUP}u) {
        let i = r * c + ch;
        var value = f32(dy[i]);
        let out = f32(y[i]);
        ${ACTIVATION_DERIVATIVE_WGSL[activation]}
        dz[i] = value;
        sum = sum + value;
      }
      let total = groupSum(lid, sum);
      if (lid == 0u) { db[ch] = total; }
    }`;
}

/**
 * `KERNEL_NAMES.biasActivationGrad` in one dispatch: [dz [rows, c] = actGrad(y) ⊙ dy, db [c] =
 * Σ_rows dz], inputs read by what their buffers hold. `rows` and `c` are positive.
 */
export function biasActivationGradInOneDispatch(backend: tf.KernelBackend, dy: tf.TensorInfo, y: tf.TensorInfo, activation: DenseGradientActivation): [tf.TensorInfo, tf.TensorInfo] {
  const be = webgpuInternals(backend);
  const [rows, channels] = dy.shape as [number, number];
  const dz = be.makeTensorInfo([rows, channels], 'float32');
  const db = be.makeTensorInfo([channels], 'float32');
  const [dyType, yType] = [wgslElement(be, dy), wgslElement(be, y)];
  const pipeline = pipelineFor(be.device, `neuralkitBiasActivationGrad_${activation}_${dyType}_${yType}`, () => module(activation, dyType, yType));
  const params = Uint32Array.from([rows, channels, 0, 0]).buffer;
  dispatchOverTensors(be, 'NeuralkitBiasActivationGrad', { pipeline, params, tensors: [dy, y, dz, db], workgroups: workgroupGrid(be.device, channels, 1) });
  return [dz, db];
}
