import type * as tf from '@tensorflow/tfjs-core';
import { dispatchOverTensors, pipelineFor, webgpuInternals, wgslElement, workgroupGrid } from './webgpu-internals.js';

const GROUP = 64;

/**
 * One invocation a value of both outputs: the first `inner · units` invocations each sum a
 * column product of `xᵀ · dz`, the last `units` a column of `dz` (the bias's gradient). Inputs are
 * read by what their buffers hold (`x` may be a cast that kept an int32 buffer).
 */
function paramsModule(xType: 'f32' | 'i32', dzType: 'f32' | 'i32'): string {
  return `
    struct Params { rows : u32, inner : u32, units : u32, unused : u32 };
    @group(0) @binding(0) var<uniform> params : Params;
    @group(0) @binding(1) var<storage, read> x : array<${xType}>;
    @group(0) @binding(2) var<storage, read> dz : array<${dzType}>;
    @group(0) @binding(3) var<storage, read_write> dw : array<f32>;
    @group(0) @binding(4) var<storage, read_write> db : array<f32>;

    @compute @workgroup_size(${GROUP})
    fn main(@builtin(global_invocation_id) id : vec3<u32>, @builtin(num_workgroups) groups : vec3<u32>) {
      let index = id.y * groups.x * ${GROUP}u + id.x;
      let units = params.units;
      let weights = params.inner * units;
      if (index >= weights + units) { return; }
      var value = 0.0;
      if (index < weights) {
        let i = index / units;
        let j = index - i * units;
        for (var r = 0u; r < params.rows; r = r + 1u) { value = value + f32(x[r * params.inner + i]) * f32(dz[r * units + j]); }
        dw[index] = value;
      } else {
        let j = index - weights;
        for (var r = 0u; r < params.rows; r = r + 1u) { value = value + f32(dz[r * units + j]); }
        db[j] = value;
      }
    }`;
}

/** `[xᵀ · dz, Σ_rows dz]` for x [rows, inner] and dz [rows, units] in one WGSL dispatch. */
export function denseGradParamsInOneDispatch(backend: tf.KernelBackend, x: tf.TensorInfo, dz: tf.TensorInfo): [tf.TensorInfo, tf.TensorInfo] {
  const be = webgpuInternals(backend);
  const [rows = 0, inner = 0] = x.shape;
  const units = dz.shape[1] ?? 0;
  if (rows === 0 || inner === 0 || units === 0) {
    return [be.makeTensorInfo([inner, units], 'float32', new Float32Array(inner * units)), be.makeTensorInfo([units], 'float32', new Float32Array(units))];
  }
  const dw = be.makeTensorInfo([inner, units], 'float32');
  const db = be.makeTensorInfo([units], 'float32');
  const [xType, dzType] = [wgslElement(be, x), wgslElement(be, dz)];
  const pipeline = pipelineFor(be.device, `neuralkitDenseGradParams_${xType}_${dzType}`, () => paramsModule(xType, dzType));
  const params = Uint32Array.from([rows, inner, units, 0]).buffer;
  const workgroups = workgroupGrid(be.device, inner * units + units, GROUP);
  dispatchOverTensors(be, 'NeuralkitDenseGradParams', { pipeline, params, tensors: [x, dz, dw, db], workgroups });
  return [dw, db];
}
