import * as tf from '@tensorflow/tfjs-core';
import {
  dropoutMaskConstants, registerStepProgram, type ProgramActivation, type StepProgram, type StepProgramSpec,
  type ProgramOptimizerAttrs,
} from '@neuralkit/core';
import {
  convForwardModule, convGradInputModule, convGradParamsModule, maxPoolForwardModule, maxPoolGradInputModule,
} from './conv-step-wgsl.js';
import { PassTimer, type TimedDevice } from './pass-timer.js';
import { planStages, type Stage } from './program-stages.js';
import { OPTIMIZER_SHADERS, optimizerModule, uniformWords } from '../kernels/optimizer-wgsl.js';
import {
  bufferOf, forgetCpuCopy, pipelineFor, storedDtype, webgpuInternals, workgroupGrid,
  type GpuBuffer, type GpuComputePipeline, type GpuDevice,
} from '../kernels/webgpu-internals.js';
import { crossEntropyModule, forwardModule, gradInputModule, gradParamsModule, GROUP } from './dense-step-wgsl.js';

// GPUBufferUsage flags (fixed by the WebGPU specification).
const COPY_DST = 0x0008;
const UNIFORM = 0x0040;
const STORAGE = 0x0080;
/** WebGPU's default minUniformBufferOffsetAlignment: each optimizer uniform block starts on it. */
const UNIFORM_ALIGN = 256;

/** The parts of WebGPU this file uses beyond `webgpu-internals.ts`. */
interface OwnBuffer extends GpuBuffer {
  destroy(): void;
}
interface Pass {
  setPipeline(p: GpuComputePipeline): void;
  setBindGroup(i: number, g: unknown): void;
  dispatchWorkgroups(x: number, y?: number, z?: number): void;
  end(): void;
}
interface Device extends GpuDevice {
  readonly limits: GpuDevice['limits'] & { readonly maxStorageBufferBindingSize: number };
  createBuffer(descriptor: { size: number; usage: number }): OwnBuffer;
  createCommandEncoder(): { beginComputePass(d?: object): Pass; finish(): unknown };
  readonly queue: { writeBuffer(b: GpuBuffer, offset: number, data: ArrayBufferView | ArrayBuffer): void; submit(c: unknown[]): void };
  pushErrorScope(filter: 'validation'): void;
  popErrorScope(): Promise<{ message: string } | null>;
}

type Binding = { buffer: GpuBuffer; offset?: number; size: number };
interface Dispatch {
  pipeline: GpuComputePipeline;
  /** By binding number; a variant without a binding leaves a hole. */
  bindings: Array<(() => Binding) | undefined>;
  workgroups: [number, number];
  bindGroup?: unknown;
}


/** The buffers and dispatches of one batch size. */
interface Recording {
  rows: OwnBuffer;
  /** Written every step: each weight's optimizer block, then each dropout's, 256 bytes apart. */
  stepUniforms: OwnBuffer;
  owned: OwnBuffer[];
  dispatches: Dispatch[];
  /** The external buffers the bind groups were made over (rebuilt when one changes). */
  bound: GpuBuffer[] | undefined;
}

/**
 * The whole-step program on webgpu: for each batch size, scratch buffers (each layer's output
 * and output gradient, each weight's gradient), uniforms and pipelines are made once, and the
 * bind groups once per set of weight buffers. A step writes the batch's row indices and its
 * uniforms (the optimizer's attrs, the dropouts' seeds: two `writeBuffer`s), records one
 * compute pass and submits it: no tfjs op, no read, no wait. The pass holds, per layer, a
 * forward dispatch; the crossentropy, its gradient and the loss and accuracy sums in one; per
 * layer a parameter-gradient dispatch and (but the first) an input-gradient one; one update
 * dispatch per weight. For the lecture's model that is five dispatches a step. A Dropout after
 * a hidden layer is made inside that layer's forward dispatch and its input-gradient one, from
 * the step's seed (the same units as the host's mask).
 *
 * The weights, the optimizer's slots and `sums` are updated in place, as the optimizer kernels
 * do (see `optimizer-kernels.ts`): a step whose written tensors are shared (reference count
 * above 1) or not in the backend's own GPUBuffers is declined, untouched.
 */
export class WebgpuStepProgram implements StepProgram {
  private readonly recordings = new Map<number, Recording>();
  private readonly be: ReturnType<typeof webgpuInternals>;
  private readonly device: Device;
  private readonly layers: Stage[];
  private readonly weights: tf.Variable[];
  private readonly optimizerWords: number;
  private readonly pipelines = new Map<string, GpuComputePipeline>();
  /** The tensors a step writes in place. */
  private readonly written: tf.Tensor[];
  private sums: tf.Variable | undefined;
  /** Why the device refused a step's commands, once it has: then every later step is declined. */
  private refused: string | undefined;
  /** The layers with a dropout, in order (their blocks follow the weights' in the step uniforms). */
  private readonly dropouts: Stage[];

  private constructor(private readonly spec: StepProgramSpec, stages: Stage[], backend: tf.KernelBackend) {
    this.be = webgpuInternals(backend);
    this.device = this.be.device as Device;
    this.layers = stages;
    this.dropouts = this.layers.filter((l) => l.dropout !== undefined);
    this.weights = stages.flatMap((l) => [l.kernel, l.bias].filter((t): t is tf.Variable => t !== undefined));
    this.written = [...this.weights, ...spec.optimizer.slots.flat()];
    this.optimizerWords = uniformWords(OPTIMIZER_SHADERS[spec.optimizer.className]!);
  }

  /** The program for `spec` on the active webgpu backend, or undefined when it does not fit. */
  static create(spec: StepProgramSpec): WebgpuStepProgram | undefined {
    if (tf.getBackend() !== 'webgpu') return undefined;
    const shader = OPTIMIZER_SHADERS[spec.optimizer.className];
    if (!shader) return undefined;
    const { x, y, layers, optimizer } = spec;
    if (x.rank !== 2 || x.dtype !== 'float32' || y.rank !== 1 || y.shape[0] !== x.shape[0] || layers.length === 0) return undefined;
    if (y.dtype !== 'int32' && y.dtype !== 'float32') return undefined;
    const stages = planStages(layers, x.shape[1]!);
    if (!stages) return undefined;
    // The whole training set is bound at once (the per-kernel gather binds it so too).
    const device = webgpuInternals(tf.backend()).device as Device;
    if (x.size * 4 > device.limits.maxStorageBufferBindingSize) return undefined;
    const weights = stages.reduce((n, l) => n + (l.kernel ? 1 : 0) + (l.bias ? 1 : 0), 0);
    if (optimizer.slots.length !== weights) return undefined;
    if (optimizer.slots.some((s) => s.length !== optimizer.slotNames.length || s.some((t) => t.dtype !== 'float32'))) return undefined;
    if (optimizer.slotNames.some((name) => !['momentum', 'velocity', 'velocity_hat', 'accumulator', 'accumulated_grad',
      'accumulated_delta_var', 'average_gradient', 'norm'].includes(name))) return undefined;
    return new WebgpuStepProgram(spec, stages, tf.backend());
  }

  step({ rows: indices, draw, sums }: Parameters<StepProgram['step']>[0]): boolean {
    const n = indices.length;
    if (this.refused !== undefined || n === 0 || sums.dtype !== 'float32' || sums.size !== 2) return false;
    const backend = tf.backend();
    for (const t of [...this.written, sums]) if (backend.refCount(t.dataId) !== 1) return false;
    const external = this.externalBuffers(sums);
    if (!external) return false;
    const recording = this.recordingFor(n);
    const { attrs, dropoutSeeds } = draw();
    if (dropoutSeeds.length !== this.dropouts.length) throw new Error(`Step program: expected ${this.dropouts.length} dropout seed(s), received ${dropoutSeeds.length}.`);
    // A new recording or new bind groups are checked: WebGPU reports invalid commands only through
    // an error scope (the submit would silently do nothing, and the weights would not train).
    const check = recording.dispatches.length === 0 || !recording.bound || recording.bound.some((b, i) => b !== external[i]);
    if (check) this.device.pushErrorScope('validation');
    if (recording.dispatches.length === 0) this.record(recording, n, attrs.nesterov === true);
    if (!recording.bound || recording.bound.some((b, i) => b !== external[i])) {
      this.sums = sums;
      for (const d of recording.dispatches) {
        d.bindGroup = this.device.createBindGroup({
          layout: d.pipeline.getBindGroupLayout(0),
          entries: d.bindings.flatMap((b, binding) => (b ? [{ binding, resource: b() }] : [])),
        });
      }
      recording.bound = external;
    }
    const queue = this.device.queue;
    queue.writeBuffer(recording.rows, 0, indices);
    queue.writeBuffer(recording.stepUniforms, 0, this.stepUniformBytes(attrs, dropoutSeeds));
    // tfjs's recorded but unsubmitted ops (the weights' initial values, a callback's edits) go first.
    if (this.be.commandEncoder != null) {
      this.be.endComputePassEncoder();
      this.be.submitQueue();
    }
    const encoder = this.device.createCommandEncoder();
    const timer = PassTimer.forDevice(this.device as unknown as TimedDevice);
    const pass = encoder.beginComputePass(timer?.passDescriptor());
    for (const d of recording.dispatches) {
      pass.setPipeline(d.pipeline);
      pass.setBindGroup(0, d.bindGroup);
      pass.dispatchWorkgroups(d.workgroups[0], d.workgroups[1], 1);
    }
    pass.end();
    timer?.afterPass(encoder as unknown as Parameters<PassTimer['afterPass']>[0]);
    queue.submit([encoder.finish()]);
    if (check) void this.device.popErrorScope().then((error) => this.refuse(error?.message), (error: Error) => this.refuse(error.message));
    for (const t of [...this.written, sums]) forgetCpuCopy(this.be, t.dataId);
    return true;
  }

  /** Declines every later step (fit then runs them its usual way) once the device refused a step's commands. */
  private refuse(message: string | undefined): void {
    if (message === undefined || this.refused !== undefined) return;
    this.refused = message;
    console.warn(`webgpu step program: the device refused a training step's commands; the following steps run through tfjs's kernels. ${message}`);
  }

  dispose(): void {
    for (const r of this.recordings.values()) for (const b of r.owned) b.destroy();
    this.recordings.clear();
    this.sums = undefined;
  }

  /** x, y, the weights, the slots and sums, each in a GPUBuffer of the backend's own; else undefined. */
  private externalBuffers(sums: tf.Variable): GpuBuffer[] | undefined {
    const out: GpuBuffer[] = [];
    for (const t of [this.spec.x, this.spec.y, ...this.written, sums]) {
      const b = bufferOf(this.be, t.dataId);
      if (!b) return undefined;
      out.push(b);
    }
    // A float32 tensor whose buffer holds int32 (tfjs's cast relabels) would misread.
    if (storedDtype(this.be, this.spec.x) !== 'float32') return undefined;
    return out;
  }

  private recordingFor(n: number): Recording {
    let r = this.recordings.get(n);
    if (!r) {
      const rows = this.device.createBuffer({ size: Math.max(16, n * 4), usage: STORAGE | COPY_DST });
      const blocks = this.weights.length + this.dropouts.length;
      const stepUniforms = this.device.createBuffer({ size: blocks * UNIFORM_ALIGN, usage: UNIFORM | COPY_DST });
      r = { rows, stepUniforms, owned: [rows, stepUniforms], dispatches: [], bound: undefined };
      this.recordings.set(n, r);
    }
    return r;
  }

  private pipeline(key: string, code: () => string): GpuComputePipeline {
    let p = this.pipelines.get(key);
    if (!p) this.pipelines.set(key, (p = pipelineFor(this.device, `neuralkitStep_${key}`, code)));
    return p;
  }

  /** Makes the scratch buffers and the dispatch list of batch size `n` (bind groups come later). */
  private record(r: Recording, n: number, nesterov: boolean): void {
    const device = this.device;
    const scratch = (values: number): Binding => {
      const buffer = device.createBuffer({ size: Math.max(16, values * 4), usage: STORAGE });
      r.owned.push(buffer as OwnBuffer);
      return { buffer, size: values * 4 };
    };
    const uniform = (words: ArrayBuffer): Binding => {
      const buffer = device.createBuffer({ size: words.byteLength, usage: UNIFORM | COPY_DST });
      r.owned.push(buffer);
      device.queue.writeBuffer(buffer, 0, words);
      return { buffer, size: words.byteLength };
    };
    const whole = (t: () => tf.Tensor) => (): Binding => ({ buffer: bufferOf(this.be, t().dataId)!, size: t().size * 4 });
    const fixed = (b: Binding) => () => b;
    const rows = fixed({ buffer: r.rows, size: n * 4 });
    const layers = this.layers;
    const outputs = layers.map((l) => scratch(n * l.outSize));
    // A dropout's layer keeps its output before the mask too, for its activation's gradient.
    const acts = layers.map((l) => (l.dropout !== undefined ? scratch(n * l.outSize) : undefined));
    const dropUniform = (l: Stage) => fixed({ buffer: r.stepUniforms, offset: (this.weights.length + this.dropouts.indexOf(l)) * UNIFORM_ALIGN, size: 16 });
    const deltas = layers.map((l) => scratch(n * l.outSize));
    const grads = layers.map((l) => ({
      kernel: l.kernel ? scratch(l.kernel.size) : undefined,
      bias: l.bias ? scratch(l.bias.size) : undefined,
    }));
    // Dense: `Dims` (n, inner, units, 1/n); Conv2D and MaxPooling2D: `Geo` (n, then the geometry).
    const layerDims = layers.map((l) => {
      const words = new ArrayBuffer(l.geo ? 48 : 16);
      if (l.geo) new Uint32Array(words).set([n, ...l.geo]);
      else {
        new Uint32Array(words, 0, 3).set([n, l.inSize, l.units]);
        new Float32Array(words, 12, 1)[0] = 1 / n;
      }
      return fixed(uniform(words));
    });
    const x = whole(() => this.spec.x);
    const grid = (count: number) => workgroupGrid(device, count, GROUP);
    const push = (key: string, code: () => string, bindings: Array<(() => Binding) | undefined>, workgroups: [number, number]) =>
      r.dispatches.push({ pipeline: this.pipeline(key, code), bindings, workgroups });

    layers.forEach((l, i) => {
      const gathered = i === 0;
      const act = l.activation === 'softmax' ? 'linear' : l.activation;
      const bias = l.bias !== undefined;
      const dropout = l.dropout !== undefined;
      const bindings: Array<(() => Binding) | undefined> = [layerDims[i], gathered ? x : fixed(outputs[i - 1]!)];
      if (l.kernel) bindings[2] = whole(() => l.kernel!);
      bindings[3] = fixed(outputs[i]!);
      if (l.bias) bindings[4] = whole(() => l.bias!);
      if (gathered) bindings[5] = rows;
      if (dropout) {
        bindings[6] = dropUniform(l);
        bindings[7] = fixed(acts[i]!);
      }
      const variant = `${act}_${bias}_${gathered}_${dropout}`;
      if (l.kind === 'dense') push(`forward_${variant}`, () => forwardModule(act, bias, gathered, dropout), bindings, grid(n * l.outSize));
      else if (l.kind === 'conv2d') push(`convForward_${variant}`, () => convForwardModule(act, bias, gathered, dropout), bindings, grid(n * l.outSize));
      else push(`maxPoolForward_${dropout}`, () => maxPoolForwardModule(dropout), bindings, grid(n * l.outSize));
    });
    const last = layers.length - 1;
    const labels = storedDtype(this.be, this.spec.y) === 'float32' ? 'f32' : 'i32';
    push(`crossEntropy_${labels}`, () => crossEntropyModule(labels),
      [layerDims[last], fixed(outputs[last]!), whole(() => this.spec.y), rows, fixed(deltas[last]!), whole(() => this.sums!)], [1, 1]);
    for (let i = last; i >= 0; i--) {
      const l = layers[i]!;
      const gathered = i === 0;
      const bias = l.bias !== undefined;
      if (l.kernel) {
        const bindings: Array<(() => Binding) | undefined> = [layerDims[i], gathered ? x : fixed(outputs[i - 1]!), fixed(deltas[i]!), fixed(grads[i]!.kernel!)];
        if (bias) bindings[4] = fixed(grads[i]!.bias!);
        if (gathered) bindings[5] = rows;
        if (l.kind === 'dense') {
          push(`gradParams_${bias}_${gathered}`, () => gradParamsModule(bias, gathered), bindings, grid(l.kernel.size + (l.bias?.size ?? 0)));
        } else {
          // One workgroup a kernel value, then one a bias value.
          push(`convGradParams_${bias}_${gathered}`, () => convGradParamsModule(bias, gathered), bindings,
            workgroupGrid(device, l.kernel.size + (l.bias?.size ?? 0), 1));
        }
      }
      if (i === 0) continue;
      // The gradient of the layer below's output, through its Dropout mask and activation.
      const lower = layers[i - 1]!;
      const below = lower.activation as ProgramActivation;
      const dropout = lower.dropout !== undefined;
      const h = fixed(dropout ? acts[i - 1]! : outputs[i - 1]!);
      const tail = dropout ? [dropUniform(lower)] : [];
      const variant = `${below}_${dropout}`;
      const count = grid(n * l.inSize);
      if (l.kind === 'dense') {
        push(`gradInput_${variant}`, () => gradInputModule(below, dropout), [layerDims[i], fixed(deltas[i]!), whole(() => l.kernel!), h, fixed(deltas[i - 1]!), ...tail], count);
      } else if (l.kind === 'conv2d') {
        push(`convGradInput_${variant}`, () => convGradInputModule(below, dropout), [layerDims[i], fixed(deltas[i]!), whole(() => l.kernel!), h, fixed(deltas[i - 1]!), ...tail], count);
      } else {
        push(`maxPoolGradInput_${variant}`, () => maxPoolGradInputModule(below, dropout),
          [layerDims[i], fixed(deltas[i]!), fixed(outputs[i - 1]!), h, fixed(deltas[i - 1]!), ...tail], count);
      }
    }
    // The updates come after every gradient: the input gradients above read the old kernels.
    const { className, slotNames, slots } = this.spec.optimizer;
    const shader = OPTIMIZER_SHADERS[className]!;
    const variant = { has: new Set(slotNames), nesterov, slots: slotNames };
    const update = this.pipeline(`update_${className}_${slotNames.join(',')}_${nesterov}`, () => optimizerModule(shader, variant));
    const gradients = grads.flatMap((g) => [g.kernel, g.bias].filter((b): b is Binding => b !== undefined));
    this.weights.forEach((w, k) => {
      const uniform = fixed({ buffer: r.stepUniforms, offset: k * UNIFORM_ALIGN, size: this.optimizerWords * 4 });
      r.dispatches.push({
        pipeline: update,
        bindings: [uniform, fixed(gradients[k]!), whole(() => w), ...slots[k]!.map((s) => whole(() => s))],
        workgroups: grid(w.size),
      });
    });
  }

  /**
   * The step's uniforms, 256 bytes apart: each weight's optimizer block (value count, then the
   * attrs in the shader's order), then each dropout's (seed, threshold, scale).
   */
  private stepUniformBytes(attrs: ProgramOptimizerAttrs, seeds: number[]): ArrayBuffer {
    const shader = OPTIMIZER_SHADERS[this.spec.optimizer.className]!;
    const bytes = new ArrayBuffer((this.weights.length + this.dropouts.length) * UNIFORM_ALIGN);
    this.dropouts.forEach((l, k) => {
      const at = (this.weights.length + k) * UNIFORM_ALIGN;
      const { threshold, scale } = dropoutMaskConstants(l.dropout!);
      new Uint32Array(bytes, at, 2).set([seeds[k]! >>> 0, threshold]);
      new Float32Array(bytes, at + 8, 1)[0] = scale;
    });
    this.weights.forEach((w, k) => {
      new Uint32Array(bytes, k * UNIFORM_ALIGN, 1)[0] = w.size;
      const values = new Float32Array(bytes, k * UNIFORM_ALIGN + 4, shader.params.length);
      shader.params.forEach((name, j) => {
        const value = attrs[name];
        if (typeof value !== 'number') throw new Error(`Step program: optimizer attr \`${name}\` must be a number, received ${String(value)}.`);
        values[j] = value;
      });
    });
    return bytes;
  }
}

/** Registers the program for 'webgpu' (`stepProgramFactory('webgpu')` in `@neuralkit/core`). */
export function registerStepProgramForWebgpu(): void {
  registerStepProgram('webgpu', (spec) => WebgpuStepProgram.create(spec));
}
