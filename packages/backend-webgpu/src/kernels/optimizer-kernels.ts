import * as tf from '@tensorflow/tfjs-core';
import { OPTIMIZER_UPDATE_RULES, optimizerUpdateKernel } from '@neuralkit/core';
import { OPTIMIZER_SHADERS, optimizerModule, uniformWords, WORKGROUP_SIZE } from './optimizer-wgsl.js';
import {
  bufferOf, forgetCpuCopy, pipelineFor, recordDispatch, uniformBuffer, webgpuInternals,
  type GpuBuffer, type GpuDevice,
} from './webgpu-internals.js';

/** The optimizers with a fused update kernel on this backend. */
export const FUSED_OPTIMIZERS = Object.keys(OPTIMIZER_UPDATE_RULES).filter((name) => name in OPTIMIZER_SHADERS);

/** The written inputs (variable, then the slots in Keras's order), checked: float32, same size, unshared. */
function checkInputs(kernelName: string, optimizer: string, inputs: tf.NamedTensorInfoMap, backend: tf.KernelBackend): string[] {
  const { slots } = OPTIMIZER_UPDATE_RULES[optimizer]!;
  const { optional } = OPTIMIZER_SHADERS[optimizer]!;
  const gradient = inputs.gradient;
  if (!gradient || !inputs.variable) throw new Error(`${kernelName}: expected inputs \`gradient\` and \`variable\`.`);
  for (const key of Object.keys(inputs)) {
    if (key !== 'gradient' && key !== 'variable' && !slots.includes(key)) {
      throw new Error(`${kernelName}: unknown input \`${key}\`; expected gradient, variable, ${slots.join(', ')}.`);
    }
  }
  const missing = slots.filter((slot) => !optional.includes(slot) && !inputs[slot]);
  if (missing.length) throw new Error(`${kernelName}: missing slot input(s) ${missing.map((s) => `\`${s}\``).join(', ')}.`);
  const written = ['variable', ...slots.filter((slot) => inputs[slot])];
  const seen = new Map<object, string>();
  const size = tf.util.sizeFromShape(gradient.shape);
  for (const key of ['gradient', ...written]) {
    const info = inputs[key]!;
    if (info.dtype !== 'float32') throw new Error(`${kernelName}: input \`${key}\` must be float32, received ${info.dtype}.`);
    const n = tf.util.sizeFromShape(info.shape);
    if (n !== size) throw new Error(`${kernelName}: \`${key}\` has ${n} values, the gradient ${size}.`);
    if (key === 'gradient') continue;
    const count = backend.refCount(info.dataId);
    if (count !== 1) throw new Error(`${kernelName}: input \`${key}\` shares its buffer (${count} references).`);
    const twin = seen.get(info.dataId);
    if (twin !== undefined) throw new Error(`${kernelName}: input \`${key}\` is the same buffer as \`${twin}\`.`);
    seen.set(info.dataId, key);
  }
  return written;
}

/** The uniforms: the value count (u32), then the attrs as float32 in the shader's order. */
function uniformBytes(optimizer: string, size: number, attrs: tf.NamedAttrMap): ArrayBuffer {
  const shader = OPTIMIZER_SHADERS[optimizer]!;
  const bytes = new ArrayBuffer(uniformWords(shader) * 4);
  new Uint32Array(bytes, 0, 1)[0] = size;
  const values = new Float32Array(bytes, 4, shader.params.length);
  shader.params.forEach((name, k) => {
    const value = attrs[name];
    if (typeof value !== 'number') throw new Error(`${optimizerUpdateKernel(optimizer)}: attr \`${name}\` must be a number, received ${String(value)}.`);
    values[k] = value;
  });
  return bytes;
}

/** Workgroups for `size` values: along x up to the device's limit, then rows of those along y. */
function workgroups(device: GpuDevice, size: number): [number, number] {
  const groups = Math.ceil(size / WORKGROUP_SIZE);
  const x = Math.min(groups, device.limits.maxComputeWorkgroupsPerDimension);
  return [x, Math.ceil(groups / x)];
}

/**
 * An optimizer update kernel (`optimizerUpdateKernel` in `@neuralkit/core`): one WGSL dispatch
 * that rewrites the variable's and the slots' GPUBuffers in place, where the generic update
 * takes a dozen or more dispatches and fresh buffers. The dispatch joins tfjs's own command
 * stream, so it sees the ops recorded before it and the ops after it see its results.
 *
 * In place is safe here: a tfjs Variable owns its buffer (`assign` rebinds it rather than
 * writing), so a buffer with one reference is seen by nobody else; a shared buffer (reference
 * count above 1) or one buffer passed as two written inputs is refused, as is a user's
 * zero-copy buffer. A CPU copy of the old values (cached by a read) is dropped.
 */
function makeKernel(optimizer: string): tf.KernelConfig {
  const kernelName = optimizerUpdateKernel(optimizer);
  const shader = OPTIMIZER_SHADERS[optimizer]!;
  return {
    kernelName,
    backendName: 'webgpu',
    kernelFunc: ({ inputs, attrs, backend: owner }) => {
      const backend = owner as tf.KernelBackend;
      const written = checkInputs(kernelName, optimizer, inputs, backend);
      const size = tf.util.sizeFromShape(inputs.gradient!.shape);
      if (size === 0) return [];
      const be = webgpuInternals(backend);
      const buffers = new Map<string, GpuBuffer>();
      for (const key of ['gradient', ...written]) {
        const buffer = bufferOf(be, inputs[key]!.dataId);
        if (!buffer) throw new Error(`${kernelName}: input \`${key}\` is not in a GPUBuffer of the webgpu backend.`);
        buffers.set(key, buffer);
      }
      // A gradient that is one of the written tensors is read from that binding (WebGPU refuses
      // one buffer bound as read-only and as writable storage in the same dispatch).
      const gradientFrom = written.find((key) => inputs[key]!.dataId === inputs.gradient!.dataId);
      const slots = written.slice(1);
      const nesterov = attrs?.nesterov === true;
      const variant = { has: new Set(slots), nesterov, slots, ...(gradientFrom ? { gradientFrom } : {}) };
      const key = `${kernelName}:${slots.join(',')}${nesterov ? ':nesterov' : ''}${gradientFrom ? `:g=${gradientFrom}` : ''}`;
      const pipeline = pipelineFor(be.device, key, () => optimizerModule(shader, variant));
      const whole = (buffer: GpuBuffer) => ({ buffer, offset: 0, size: size * 4 });
      const entries = [{ binding: 0, resource: { buffer: uniformBuffer(be, uniformBytes(optimizer, size, attrs ?? {})) } }];
      if (!gradientFrom) entries.push({ binding: 1, resource: whole(buffers.get('gradient')!) });
      written.forEach((name, k) => entries.push({ binding: 2 + k, resource: whole(buffers.get(name)!) }));
      const bindGroup = be.device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries });
      const dataIds = ['gradient', ...written].map((name) => inputs[name]!.dataId);
      recordDispatch(be, { pipeline, bindGroup, workgroups: workgroups(be.device, size), dataIds });
      for (const name of written) forgetCpuCopy(be, inputs[name]!.dataId);
      return [];
    },
  };
}

/** Registers the fused optimizer kernels for 'webgpu' (once; later calls do nothing). */
export function registerOptimizerKernels(): void {
  for (const optimizer of FUSED_OPTIMIZERS) {
    if (tf.getKernel(optimizerUpdateKernel(optimizer), 'webgpu') === undefined) tf.registerKernel(makeKernel(optimizer));
  }
}
