import type * as tf from '@tensorflow/tfjs-core';
import { bufferOf, pipelineFor, recordDispatch, uniformBuffer, webgpuInternals, workgroupGrid, type GpuBuffer } from './webgpu-internals.js';

const ROWS_PER_GROUP = 64;

/**
 * One invocation a row: the row's log-sum-exp (shifted by its maximum), then its loss and its
 * gradient row `(softmax − onehot) · gradScale`, both outputs written by the same dispatch.
 * `label` is the WGSL element type of the labels' buffer (f32 for float32, i32 for int32 and bool).
 */
function crossEntropyModule(label: 'f32' | 'i32'): string {
  return `
    struct Params { rows : u32, classes : u32, gradScale : f32, unused : u32 };
    @group(0) @binding(0) var<uniform> params : Params;
    @group(0) @binding(1) var<storage, read> logits : array<f32>;
    @group(0) @binding(2) var<storage, read> labels : array<${label}>;
    @group(0) @binding(3) var<storage, read_write> loss : array<f32>;
    @group(0) @binding(4) var<storage, read_write> grad : array<f32>;

    @compute @workgroup_size(${ROWS_PER_GROUP})
    fn main(@builtin(global_invocation_id) id : vec3<u32>, @builtin(num_workgroups) groups : vec3<u32>) {
      let row = id.y * groups.x * ${ROWS_PER_GROUP}u + id.x;
      if (row >= params.rows) { return; }
      let classes = params.classes;
      let base = row * classes;
      var top = logits[base];
      for (var j = 1u; j < classes; j = j + 1u) { top = max(top, logits[base + j]); }
      var sum = 0.0;
      for (var j = 0u; j < classes; j = j + 1u) { sum = sum + exp(logits[base + j] - top); }
      let lse = top + log(sum);
      let label = u32(labels[row]);
      loss[row] = lse - logits[base + label];
      for (var j = 0u; j < classes; j = j + 1u) {
        var value = exp(logits[base + j] - lse);
        if (j == label) { value = value - 1.0; }
        grad[base + j] = value * params.gradScale;
      }
    }`;
}

/**
 * Sparse softmax crossentropy and its scaled gradient in one WGSL dispatch, where tfjs's program
 * runner writes one output a dispatch: both outputs are fresh tensors of the backend, bound
 * together. Labels (float32, int32 or bool) are class indices in [0, classes), checked by the caller.
 */
export function crossEntropyInOneDispatch(
  backend: tf.KernelBackend,
  logits: tf.TensorInfo,
  labels: tf.TensorInfo,
  gradScale: number,
): [tf.TensorInfo, tf.TensorInfo] {
  const be = webgpuInternals(backend);
  const [rows = 0, classes = 0] = logits.shape;
  if (rows === 0 || classes === 0) {
    return [be.makeTensorInfo([rows], 'float32', new Float32Array(rows)), be.makeTensorInfo([rows, classes], 'float32', new Float32Array(0))];
  }
  const loss = be.makeTensorInfo([rows], 'float32');
  const grad = be.makeTensorInfo([rows, classes], 'float32');
  const label = labels.dtype === 'float32' ? 'f32' : 'i32';
  const bound = (info: tf.TensorInfo, count: number) => {
    const buffer: GpuBuffer | undefined = bufferOf(be, info.dataId);
    if (!buffer) throw new Error('NeuralkitSparseSoftmaxCrossEntropy: an input is not in a GPUBuffer of the webgpu backend.');
    return { buffer, offset: 0, size: count * 4 };
  };
  const pipeline = pipelineFor(be.device, `neuralkitCrossEntropy_${label}`, () => crossEntropyModule(label));
  const params = new ArrayBuffer(16);
  new Uint32Array(params, 0, 2).set([rows, classes]);
  new Float32Array(params, 8, 1)[0] = gradScale;
  const bindGroup = be.device.createBindGroup({
    layout: pipeline.getBindGroupLayout(0),
    entries: [
      { binding: 0, resource: { buffer: uniformBuffer(be, params) } },
      { binding: 1, resource: bound(logits, rows * classes) },
      { binding: 2, resource: bound(labels, rows) },
      { binding: 3, resource: bound(loss, rows) },
      { binding: 4, resource: bound(grad, rows * classes) },
    ],
  });
  const workgroups = workgroupGrid(be.device, rows, ROWS_PER_GROUP);
  recordDispatch(be, { pipeline, bindGroup, workgroups, dataIds: [logits.dataId, labels.dataId, loss.dataId, grad.dataId] });
  return [loss, grad];
}
