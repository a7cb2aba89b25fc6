import type * as tf from '@tensorflow/tfjs-core';
import { dispatchOverTensors, pipelineFor, webgpuInternals, wgslElement, type WgslElement, workgroupGrid } from './webgpu-internals.js';

const ROWS_PER_GROUP = 64;

/** Sparse class indices `[rows]`, or dense `[rows, classes]` target rows. */
export type LabelKind = 'sparse' | 'targets';


/** Loss and gradient of one row once its log-sum-exp `lse` is known: sparse labels. */
const SPARSE_TAIL = `
      let label = u32(labels[row]);
      loss[row] = lse - z(base + label);
      for (var j = 0u; j < classes; j = j + 1u) {
        var value = exp(z(base + j) - lse);
        if (j == label) { value = value - 1.0; }
        grad[base + j] = value * params.gradScale;
      }`;

/** The same for target rows: Σ y (lse − z), and the exact gradient softmax · Σy − y. */
const TARGETS_TAIL = `
      var mass = 0.0;
      var value = 0.0;
      for (var j = 0u; j < classes; j = j + 1u) {
        let t = f32(labels[base + j]);
        mass = mass + t;
        if (t != 0.0) { value = value + t * (lse - z(base + j)); }
      }
      loss[row] = value;
      for (var j = 0u; j < classes; j = j + 1u) {
        grad[base + j] = (exp(z(base + j) - lse) * mass - f32(labels[base + j])) * params.gradScale;
      }`;

/**
 * One invocation a row: the row's log-sum-exp (shifted by its maximum), then its loss and its
 * gradient row, both outputs written by the same dispatch.
 */
function crossEntropyModule(kind: LabelKind, logitsType: WgslElement, labelsType: WgslElement): string {
  return `
    struct Params { rows : u32, classes : u32, gradScale : f32, unused : u32 };
    @group(0) @binding(0) var<uniform> params : Params;
    @group(0) @binding(1) var<storage, read> logits : array<${logitsType}>;
    @group(0) @binding(2) var<storage, read> labels : array<${labelsType}>;
    @group(0) @binding(3) var<storage, read_write> loss : array<f32>;
    @group(0) @binding(4) var<storage, read_write> grad : array<f32>;

    fn z(i : u32) -> f32 { return f32(logits[i]); }

    @compute @workgroup_size(${ROWS_PER_GROUP})
    fn main(@builtin(global_invocation_id) id : vec3<u32>, @builtin(num_workgroups) groups : vec3<u32>) {
      let row = id.y * groups.x * ${ROWS_PER_GROUP}u + id.x;
      if (row >= params.rows) { return; }
      let classes = params.classes;
      let base = row * classes;
      var top = z(base);
      for (var j = 1u; j < classes; j = j + 1u) { top = max(top, z(base + j)); }
      var sum = 0.0;
      for (var j = 0u; j < classes; j = j + 1u) { sum = sum + exp(z(base + j) - top); }
      let lse = top + log(sum);${kind === 'targets' ? TARGETS_TAIL : SPARSE_TAIL}
    }`;
}

/**
 * Softmax crossentropy and its scaled gradient in one WGSL dispatch, where tfjs's program runner
 * writes one output a dispatch: both outputs are fresh tensors of the backend, bound together.
 * Sparse labels (float32, int32 or bool) are class indices in [0, classes), checked by the caller;
 * `targets: true` takes float32 [rows, classes] target rows instead.
 */
export function crossEntropyInOneDispatch(
  backend: tf.KernelBackend,
  logits: tf.TensorInfo,
  labels: tf.TensorInfo,
  gradScale: number,
  targets = false,
): [tf.TensorInfo, tf.TensorInfo] {
  const be = webgpuInternals(backend);
  const [rows = 0, classes = 0] = logits.shape;
  if (rows === 0 || classes === 0) {
    return [be.makeTensorInfo([rows], 'float32', new Float32Array(rows)), be.makeTensorInfo([rows, classes], 'float32', new Float32Array(0))];
  }
  const loss = be.makeTensorInfo([rows], 'float32');
  const grad = be.makeTensorInfo([rows, classes], 'float32');
  const kind: LabelKind = targets ? 'targets' : 'sparse';
  // Read by what the buffers hold, not by the tensors' dtypes (see storedDtype).
  const element = (info: tf.TensorInfo): WgslElement => wgslElement(be, info);
  const [logitsType, labelsType] = [element(logits), element(labels)];
  const pipeline = pipelineFor(be.device, `neuralkitCrossEntropy_${kind}_${logitsType}_${labelsType}`, () => crossEntropyModule(kind, logitsType, labelsType));
  const params = new ArrayBuffer(16);
  new Uint32Array(params, 0, 2).set([rows, classes]);
  new Float32Array(params, 8, 1)[0] = gradScale;
  const workgroups = workgroupGrid(be.device, rows, ROWS_PER_GROUP);
  dispatchOverTensors(be, 'NeuralkitSoftmaxCrossEntropy', { pipeline, params, tensors: [logits, labels, loss, grad], workgroups });
  return [loss, grad];
}
