import type * as tf from '@tensorflow/tfjs-core';
import { bufferOf, pipelineFor, recordDispatch, storedDtype, uniformBuffer, webgpuInternals } from './webgpu-internals.js';

const GROUP = 256;

/** The WGSL element type of a buffer by its stored dtype (int32 and bool buffers hold i32). */
type Element = 'f32' | 'i32';

interface Variant {
  pred: Element;
  labels: Element;
  labelsAreScores: boolean;
  /** The weights' and the running total's element types; undefined when absent. */
  weights: Element | undefined;
  total: Element | undefined;
}

/** The first index of a row's largest value, as tf.argMax (`>` is false for NaN, so a NaN never wins later). */
const TOP_INDEX = (array: string) => `
  fn top_${array}(base : u32, classes : u32) -> u32 {
    var best = 0u;
    var top = f32(${array}[base]);
    for (var j = 1u; j < classes; j = j + 1u) {
      let v = f32(${array}[base + j]);
      if (v > top) { top = v; best = j; }
    }
    return best;
  }`;

/**
 * One workgroup: each invocation counts the (weighted) matches of every GROUP-th row, the
 * workgroup sums them by halving in shared memory, and invocation 0 writes total + sum.
 */
function module(v: Variant): string {
  let binding = 3;
  const optional = [
    v.weights ? `@group(0) @binding(${binding++}) var<storage, read> weights : array<${v.weights}>;` : '',
    v.total ? `@group(0) @binding(${binding++}) var<storage, read> total : array<${v.total}>;` : '',
  ].join('\n');
  const label = v.labelsAreScores ? 'f32(top_labels(row * classes, classes))' : 'f32(labels[row])';
  return `
    struct Params { rows : u32, classes : u32, unused0 : u32, unused1 : u32 };
    @group(0) @binding(0) var<uniform> params : Params;
    @group(0) @binding(1) var<storage, read> pred : array<${v.pred}>;
    @group(0) @binding(2) var<storage, read> labels : array<${v.labels}>;
    ${optional}
    @group(0) @binding(${binding}) var<storage, read_write> result : array<f32>;
    var<workgroup> partial : array<f32, ${GROUP}>;
    ${TOP_INDEX('pred')}
    ${v.labelsAreScores ? TOP_INDEX('labels') : ''}

    @compute @workgroup_size(${GROUP})
    fn main(@builtin(local_invocation_index) lid : u32) {
      let classes = params.classes;
      var sum = 0.0;
      for (var row = lid; row < params.rows; row = row + ${GROUP}u) {
        if (f32(top_pred(row * classes, classes)) == ${label}) { sum = sum + ${v.weights ? 'f32(weights[row])' : '1.0'}; }
      }
      partial[lid] = sum;
      workgroupBarrier();
      for (var k = ${GROUP / 2}u; k > 0u; k = k >> 1u) {
        if (lid < k) { partial[lid] = partial[lid] + partial[lid + k]; }
        workgroupBarrier();
      }
      if (lid == 0u) { result[0] = ${v.total ? 'f32(total[0]) + ' : ''}partial[0]; }
    }`;
}

/**
 * `KERNEL_NAMES.accumulateMatches` in one dispatch: total + Σᵢ wᵢ · [argmax(predᵢ) = labelᵢ] as
 * a fresh float32 scalar. Every input is read by what its buffer holds (a float32 cast of int32
 * keeps an int32 buffer).
 */
export function accumulateMatchesInOneDispatch(
  backend: tf.KernelBackend,
  inputs: { pred: tf.TensorInfo; labels: tf.TensorInfo; weights?: tf.TensorInfo | undefined; total?: tf.TensorInfo | undefined },
  labelsAreScores: boolean,
): tf.TensorInfo {
  const be = webgpuInternals(backend);
  const [rows, classes] = inputs.pred.shape as [number, number];
  const element = (t: tf.TensorInfo): Element => (storedDtype(be, t) === 'float32' ? 'f32' : 'i32');
  const variant: Variant = {
    pred: element(inputs.pred),
    labels: element(inputs.labels),
    labelsAreScores,
    weights: inputs.weights && element(inputs.weights),
    total: inputs.total && element(inputs.total),
  };
  const key = `neuralkitAccumulateMatches_${variant.pred}_${variant.labels}_${variant.weights ?? 'none'}_${variant.total ?? 'none'}_${+labelsAreScores}`;
  const pipeline = pipelineFor(be.device, key, () => module(variant));
  const out = be.makeTensorInfo([], 'float32');
  const tensors = [inputs.pred, inputs.labels, inputs.weights, inputs.total, out].filter((t): t is tf.TensorInfo => t !== undefined);
  const bound = (info: tf.TensorInfo) => {
    const buffer = bufferOf(be, info.dataId);
    if (!buffer) throw new Error('NeuralkitAccumulateMatches: an input is not in a GPUBuffer of the webgpu backend.');
    return { buffer, offset: 0, size: Math.max(1, info.shape.reduce((a, b) => a * b, 1)) * 4 };
  };
  const params = new Uint32Array([rows, classes, 0, 0]);
  const bindGroup = be.device.createBindGroup({
    layout: pipeline.getBindGroupLayout(0),
    entries: [{ binding: 0, resource: { buffer: uniformBuffer(be, params.buffer) } }, ...tensors.map((t, i) => ({ binding: i + 1, resource: bound(t) }))],
  });
  recordDispatch(be, { pipeline, bindGroup, workgroups: [1, 1], dataIds: tensors.map((t) => t.dataId) });
  return out;
}
