import type * as tf from '@tensorflow/tfjs-core';
import { dispatchOverTensors, pipelineFor, webgpuInternals, wgslElement, type WgslElement } from './webgpu-internals.js';
import { GROUP_SUM, SUM_GROUP } from './workgroup-sum.js';

interface Variant {
  pred: WgslElement;
  labels: WgslElement;
  labelsAreScores: boolean;
  /** The weights' and the running total's element types; undefined when absent. */
  weights: WgslElement | undefined;
  total: WgslElement | undefined;
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
 * One workgroup: each invocation counts the (weighted) matches of every SUM_GROUP-th row, the
 * workgroup sums them, and invocation 0 writes total + sum.
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
    ${GROUP_SUM}
    ${TOP_INDEX('pred')}
    ${v.labelsAreScores ? TOP_INDEX('labels') : ''}

    @compute @workgroup_size(${SUM_GROUP})
    fn main(@builtin(local_invocation_index) lid : u32) {
      let classes = params.classes;
      var sum = 0.0;
      for (var row = lid; row < params.rows; row = row + ${SUM_GROUP}u) {
        if (f32(top_pred(row * classes, classes)) == ${label}) { sum = sum + ${v.weights ? 'f32(weights[row])' : '1.0'}; }
      }
      let matched = groupSum(lid, sum);
      if (lid == 0u) { result[0] = ${v.total ? 'f32(total[0]) + ' : ''}matched; }
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
  const element = (t: tf.TensorInfo): WgslElement => wgslElement(be, t);
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
  const params = Uint32Array.from([rows, classes, 0, 0]).buffer;
  dispatchOverTensors(be, 'NeuralkitAccumulateMatches', { pipeline, params, tensors, workgroups: [1, 1] });
  return out;
}
