/**
 * The internals of `@tensorflow/tfjs-backend-webgpu` 4.22 (`WebGPUBackend`) that the in-place
 * kernels use, in one place, with the few WebGPU types they need (TypeScript's DOM library has
 * none). Nothing else in this package reaches into the backend.
 *
 * - `device`, `queue`: the backend's GPUDevice and its queue.
 * - `tensorMap.get(dataId)`: the record behind a tensor: `resource` (its GPUBuffer once on the
 *   GPU), `values` (a copy on the CPU: values not yet uploaded, or cached by a read), `refCount`,
 *   and `external` (a buffer the user handed in with zero copy, which the backend never frees).
 * - `uploadToGPU(dataId)`: puts values still on the CPU into a GPUBuffer (then `values` is null).
 * - The deferred command stream: `ensureCommandEncoderReady()`, `commandEncoder`,
 *   `computePassEncoder` (one pass shared by consecutive dispatches), `dispatchCountInPass`,
 *   `endComputePassEncoder()`, `submitQueue()`; tfjs submits every
 *   `WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE` dispatches and before each read. A kernel records its
 *   dispatch into this stream so it runs after the ops that made its inputs and before the next.
 * - `commandQueueOwnedIds`: dataIds used by recorded, unsubmitted commands; the backend defers
 *   freeing their buffers until the submit.
 * - `makeTensorInfo(shape, dtype, values)`: a new tensor record holding `values` (uploaded on use).
 * - `runWebGPUProgram(program, inputs, dtype, uniforms?)`: tfjs's own runner of a WGSL program
 *   (a fresh output tensor, pipelines cached by shader key, the dispatch recorded in its stream).
 * - `bufferManager.acquireBuffer(size, usage)` and `uniformPendingDisposal` (buffers returned to
 *   the pool after the next submit): a fresh uniform buffer per dispatch, as tfjs makes its own.
 */
import * as tf from '@tensorflow/tfjs-core';

export interface GpuBuffer {
  readonly size: number;
  readonly usage: number;
}
export interface GpuBindGroupLayout {
  readonly label?: string;
}
export interface GpuComputePipeline {
  getBindGroupLayout(index: number): GpuBindGroupLayout;
}
interface GpuComputePass {
  setPipeline(pipeline: GpuComputePipeline): void;
  setBindGroup(index: number, group: unknown): void;
  dispatchWorkgroups(x: number, y?: number, z?: number): void;
}
interface GpuCommandEncoder {
  beginComputePass(descriptor?: object): GpuComputePass;
}
export interface GpuDevice {
  readonly limits: { readonly maxComputeWorkgroupsPerDimension: number };
  createShaderModule(descriptor: { code: string; label?: string }): unknown;
  createComputePipeline(descriptor: { layout: 'auto'; compute: { module: unknown; entryPoint: string }; label?: string }): GpuComputePipeline;
  createBindGroup(descriptor: {
    layout: GpuBindGroupLayout;
    entries: Array<{ binding: number; resource: { buffer: GpuBuffer; offset?: number; size?: number } }>;
  }): unknown;
}

interface TensorRecord {
  dtype: tf.DataType;
  values: unknown;
  resource?: unknown;
  refCount: number;
  external?: boolean;
}

/** A program for tfjs's runner (see `program.ts`) and a uniform it adds after its own. */
export interface ProgramUniform {
  type: 'float32' | 'int32' | 'uint32';
  data: number[];
}

interface WebgpuBackendInternals {
  device: GpuDevice;
  makeTensorInfo(shape: number[], dtype: tf.DataType, values?: tf.backend_util.BackendValues): tf.TensorInfo;
  runWebGPUProgram(program: object, inputs: tf.TensorInfo[], dtype: tf.DataType, uniforms?: ProgramUniform[]): tf.TensorInfo;
  queue: { writeBuffer(buffer: GpuBuffer, offset: number, data: ArrayBuffer): void };
  tensorMap: { get(dataId: object): TensorRecord | undefined };
  uploadToGPU(dataId: object): void;
  ensureCommandEncoderReady(): void;
  endComputePassEncoder(): void;
  submitQueue(): void;
  commandEncoder: GpuCommandEncoder;
  computePassEncoder: GpuComputePass | null;
  dispatchCountInPass: number;
  commandQueueOwnedIds: WeakSet<object>;
  bufferManager: { acquireBuffer(size: number, usage: number): GpuBuffer };
  uniformPendingDisposal: GpuBuffer[];
  activeTimers?: unknown[] | null;
}

// GPUBufferUsage flags (fixed by the WebGPU specification).
const COPY_DST = 0x0008;
const UNIFORM = 0x0040;

/** The active webgpu backend, seen through the internals above. */
export function webgpuInternals(backend: tf.KernelBackend): WebgpuBackendInternals {
  return backend as unknown as WebgpuBackendInternals;
}

/**
 * The dtype of the values in a tensor's buffer, which can differ from the tensor's: tfjs-webgpu
 * casts int32 or bool to float32 by relabelling the same buffer (its own programs read the
 * record's dtype). A kernel binding buffers itself must read them as this type.
 */
export function storedDtype(be: WebgpuBackendInternals, info: tf.TensorInfo): tf.DataType {
  return be.tensorMap.get(info.dataId)?.dtype ?? info.dtype;
}

/** Compiled pipelines per device, by key: each is built on first use, then reused. */
const pipelines = new WeakMap<GpuDevice, Map<string, GpuComputePipeline>>();

/** The compute pipeline of WGSL `code()` (entry point `main`) on `device`, cached under `key`. */
export function pipelineFor(device: GpuDevice, key: string, code: () => string): GpuComputePipeline {
  let cache = pipelines.get(device);
  if (!cache) pipelines.set(device, (cache = new Map()));
  let pipeline = cache.get(key);
  if (!pipeline) {
    const module = device.createShaderModule({ code: code(), label: key });
    pipeline = device.createComputePipeline({ layout: 'auto', compute: { module, entryPoint: 'main' }, label: key });
    cache.set(key, pipeline);
  }
  return pipeline;
}

/** Workgroups of `size` invocations for `count` items: along x up to the device's limit, then rows of those along y. */
export function workgroupGrid(device: GpuDevice, count: number, size: number): [number, number] {
  const groups = Math.max(1, Math.ceil(count / size));
  const x = Math.min(groups, device.limits.maxComputeWorkgroupsPerDimension);
  return [x, Math.ceil(groups / x)];
}

/** Whether a resource is a GPUBuffer (tfjs also keeps textures for image inputs). */
function isBuffer(resource: unknown): resource is GpuBuffer {
  const ctor = (globalThis as { GPUBuffer?: abstract new () => unknown }).GPUBuffer;
  return ctor !== undefined && resource instanceof ctor;
}

/**
 * A tensor's GPUBuffer, its values uploaded first if they are still on the CPU; undefined when
 * its data is not in a GPUBuffer of the backend's own (a texture, or a user's zero-copy buffer).
 */
export function bufferOf(be: WebgpuBackendInternals, dataId: object): GpuBuffer | undefined {
  const record = be.tensorMap.get(dataId);
  if (!record || record.external) return undefined;
  be.uploadToGPU(dataId);
  return isBuffer(record.resource) ? record.resource : undefined;
}

/** Drops a CPU copy of values that a kernel has just replaced on the GPU (a read cached it). */
export function forgetCpuCopy(be: WebgpuBackendInternals, dataId: object): void {
  const record = be.tensorMap.get(dataId);
  if (record && record.resource != null) record.values = null;
}

/** A uniform buffer holding `bytes`, returned to the pool after the next submit. */
export function uniformBuffer(be: WebgpuBackendInternals, bytes: ArrayBuffer): GpuBuffer {
  const buffer = be.bufferManager.acquireBuffer(bytes.byteLength, COPY_DST | UNIFORM);
  be.queue.writeBuffer(buffer, 0, bytes);
  be.uniformPendingDisposal.push(buffer);
  return buffer;
}

/**
 * Records one dispatch into the backend's deferred command stream, as tfjs records its own:
 * the buffers of `dataIds` stay allocated until it is submitted, and the queue is submitted
 * once the pass holds the configured batch of dispatches (or at once while tfjs is timing).
 */
export function recordDispatch(
  be: WebgpuBackendInternals,
  work: { pipeline: GpuComputePipeline; bindGroup: unknown; workgroups: [number, number]; dataIds: object[] },
): void {
  for (const dataId of work.dataIds) be.commandQueueOwnedIds.add(dataId);
  be.ensureCommandEncoderReady();
  be.computePassEncoder ??= be.commandEncoder.beginComputePass({});
  be.computePassEncoder.setPipeline(work.pipeline);
  be.computePassEncoder.setBindGroup(0, work.bindGroup);
  be.computePassEncoder.dispatchWorkgroups(work.workgroups[0], work.workgroups[1], 1);
  be.dispatchCountInPass++;
  const batch = tf.env().get('WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE') as number;
  if (be.activeTimers != null || be.dispatchCountInPass >= batch) {
    be.endComputePassEncoder();
    be.submitQueue();
  }
}

/** A buffer's WGSL element type (int32 and bool buffers hold i32; see `storedDtype`). */
export type WgslElement = 'f32' | 'i32';

/** A buffer's WGSL element type by what it holds. */
export function wgslElement(be: WebgpuBackendInternals, info: tf.TensorInfo): WgslElement {
  return storedDtype(be, info) === 'float32' ? 'f32' : 'i32';
}

/**
 * Records one dispatch of `pipeline` with `params` as the uniform at binding 0 and the buffers
 * of `tensors` at bindings 1, 2, … in order, each bound over its values (4 bytes each). `kernel`
 * names the kernel in the error for a tensor that is not in a GPUBuffer of the backend's own.
 */
export function dispatchOverTensors(
  be: WebgpuBackendInternals,
  kernel: string,
  work: { pipeline: GpuComputePipeline; params: ArrayBuffer; tensors: tf.TensorInfo[]; workgroups: [number, number] },
): void {
  const entries = work.tensors.map((info, i) => {
    const buffer = bufferOf(be, info.dataId);
    if (!buffer) throw new Error(`${kernel}: an input is not in a GPUBuffer of the webgpu backend.`);
    return { binding: i + 1, resource: { buffer, offset: 0, size: Math.max(1, info.shape.reduce((a, b) => a * b, 1)) * 4 } };
  });
  const bindGroup = be.device.createBindGroup({
    layout: work.pipeline.getBindGroupLayout(0),
    entries: [{ binding: 0, resource: { buffer: uniformBuffer(be, work.params) } }, ...entries],
  });
  recordDispatch(be, { pipeline: work.pipeline, bindGroup, workgroups: work.workgroups, dataIds: work.tensors.map((t) => t.dataId) });
}
