/**
 * WGSL for the Dense layers and the loss of the whole-step training program (`step-program.ts`): self-contained
 * modules (no tfjs prelude) whose bind groups are made once and replayed every step. Every
 * module takes `Dims` at binding 0: the batch's rows `n`, a layer's `inner` (inputs) and
 * `units` (outputs), and `scale` (the loss gradient's 1/n).
 *
 * A layer's input rows come either from the previous layer's output, or — for the first layer —
 * straight from the training set: row `r` of the batch is row `rows[r]` of `x` (no gather pass).
 */
import { SPLITMIX32_STEP, type ProgramActivation } from '@neuralkit/core';

export const GROUP = 64;

const DIMS = `struct Dims { n : u32, inner : u32, units : u32, scale : f32 };
@group(0) @binding(0) var<uniform> d : Dims;`;

/** The invocation's flat index over a 2-D grid of GROUP-wide workgroups. */
export const FLAT_MAIN = `@compute @workgroup_size(${GROUP})
fn main(@builtin(workgroup_id) group : vec3<u32>, @builtin(num_workgroups) groups : vec3<u32>,
        @builtin(local_invocation_index) lane : u32) {
  let i = (group.y * groups.x + group.x) * ${GROUP}u + lane;`;

const hex = (n: number) => `0x${(n >>> 0).toString(16)}u`;

/**
 * A Dropout's per-step uniform and its mask: unit `index` is kept (as `scale`) when draw `index`
 * of the splitmix32 stream seeded `seed` is at least `threshold`, bit for bit the host's
 * `dropoutMaskValues` and the seam's dropoutMask kernel.
 */
function dropoutWgsl(binding: number): string {
  return `struct Drop { seed : u32, threshold : u32, scale : f32, unused : u32 };
@group(0) @binding(${binding}) var<uniform> drop : Drop;
fn mask(index : u32) -> f32 {
  var z = drop.seed + (index + 1u) * ${hex(SPLITMIX32_STEP)};
  z = (z ^ (z >> 16u)) * 0x85ebca6bu;
  z = (z ^ (z >> 13u)) * 0xc2b2ae35u;
  z = z ^ (z >> 16u);
  return select(0.0, drop.scale, z >= drop.threshold);
}`;
}

const ACTIVATE: Record<ProgramActivation, string> = {
  linear: 'return v;',
  relu: 'return max(v, 0.0);',
  sigmoid: 'return 1.0 / (1.0 + exp(-v));',
  tanh: 'return tanh(v);',
};

/** The activation's derivative from its output `y` (relu: 1 where the input was positive). */
const DERIVATIVE: Record<ProgramActivation, string> = {
  linear: 'return 1.0;',
  relu: 'return select(0.0, 1.0, y > 0.0);',
  sigmoid: 'return y * (1.0 - y);',
  tanh: 'return 1.0 - y * y;',
};

/** A tree sum of the workgroup's `part` (one value a lane) into `part[0]`. */
export const TREE_SUM = `
  for (var half = ${GROUP / 2}u; half > 0u; half = half / 2u) {
    workgroupBarrier();
    if (lane < half) { part[lane] = part[lane] + part[lane + half]; }
  }`;

/** WGSL `activate(v)`. */
export function activationWgsl(activation: ProgramActivation): string {
  return `fn activate(v : f32) -> f32 { ${ACTIVATE[activation]} }`;
}

/** WGSL `derivative(y)` of an activation from its output. */
function derivativeWgsl(activation: ProgramActivation): string {
  return `fn derivative(y : f32) -> f32 { ${DERIVATIVE[activation]} }`;
}

/**
 * The bindings of a forward module, the same for every layer kind: 1 src, 2 w (a weighted layer),
 * 3 out, 4 b (with bias), 5 rows (gathered); with a dropout, 6 its uniform and 7 `act`.
 */
export function forwardBindings(parts: { weights: boolean; bias: boolean; gathered: boolean; dropout: boolean }): string {
  return `@group(0) @binding(1) var<storage, read> src : array<f32>;
${parts.weights ? '@group(0) @binding(2) var<storage, read> w : array<f32>;' : ''}
@group(0) @binding(3) var<storage, read_write> out : array<f32>;
${parts.bias ? '@group(0) @binding(4) var<storage, read> b : array<f32>;' : ''}
${parts.gathered ? '@group(0) @binding(5) var<storage, read> rows : array<i32>;' : ''}
${parts.dropout ? `${dropoutWgsl(6)}\n@group(0) @binding(7) var<storage, read_write> act : array<f32>;` : ''}`;
}

/** A forward module's last statement: `value` into `out`, or, with a dropout, into `act` and masked into `out`. */
export function forwardStore(value: string, dropout: boolean): string {
  return dropout ? `let a = ${value};
  act[i] = a;
  out[i] = a * mask(i);` : `out[i] = ${value};`;
}

/**
 * The bindings of an input-gradient module: 1 delta, 2 `second` (a kernel `w`, or a pool's input
 * `src`), 3 h (the layer below's output before its mask), 4 out; with a dropout, 5 its uniform;
 * and `derivative` of the layer below's activation.
 */
export function inputGradientHead(second: 'w' | 'src', below: ProgramActivation, dropout: boolean): string {
  return `@group(0) @binding(1) var<storage, read> delta : array<f32>;
@group(0) @binding(2) var<storage, read> ${second} : array<f32>;
@group(0) @binding(3) var<storage, read> h : array<f32>;
@group(0) @binding(4) var<storage, read_write> out : array<f32>;
${dropout ? dropoutWgsl(5) : ''}
${derivativeWgsl(below)}`;
}

/** An input-gradient module's last statement: `acc` through the below layer's mask and activation. */
export function inputGradientStore(dropout: boolean): string {
  return `out[i] = ${dropout ? '(acc * mask(i))' : 'acc'} * derivative(h[i]);`;
}

/** Where batch row `r` of a layer's input starts: in `x` through `rows`, or in the previous output. */
function rowBase(gathered: boolean): string {
  return gathered ? 'u32(rows[r]) * d.inner' : 'r * d.inner';
}

/**
 * `out = act(src · w + b)`, one invocation an output value. Bindings: 1 src, 2 w, 3 out,
 * 4 b (with bias), 5 rows (gathered); with a dropout, 6 its uniform and 7 `act`, the output
 * before the mask (for the activation's gradient), while `out` gets it masked.
 */
export function forwardModule(activation: ProgramActivation, bias: boolean, gathered: boolean, dropout = false): string {
  return `${DIMS}
${forwardBindings({ weights: true, bias, gathered, dropout })}
${activationWgsl(activation)}
${FLAT_MAIN}
  if (i >= d.n * d.units) { return; }
  let r = i / d.units;
  let c = i - r * d.units;
  let base = ${rowBase(gathered)};
  var acc = ${bias ? 'b[c]' : '0.0'};
  for (var k = 0u; k < d.inner; k = k + 1u) {
    acc = acc + src[base + k] * w[k * d.units + c];
  }
  ${forwardStore('activate(acc)', dropout)}
}`;
}

/**
 * Softmax crossentropy of the logits against sparse labels `labels[rows[r]]`, its gradient
 * `(softmax − onehot) · scale` into `grad`, and the batch's summed loss and argmax matches
 * added to `sums[0]` and `sums[1]`: one workgroup, rows strided over its lanes, then a tree sum.
 * The argmax takes the first index on ties and a NaN never wins (as tf.argMax); a label matches
 * when equal as a float (2.5 matches nothing, as Keras's SparseCategoricalAccuracy).
 * Bindings: 1 logits, 2 labels, 3 rows, 4 grad, 5 sums. `units` is the class count.
 */
export function crossEntropyModule(labels: 'f32' | 'i32'): string {
  return `${DIMS}
@group(0) @binding(1) var<storage, read> z : array<f32>;
@group(0) @binding(2) var<storage, read> labels : array<${labels}>;
@group(0) @binding(3) var<storage, read> rows : array<i32>;
@group(0) @binding(4) var<storage, read_write> grad : array<f32>;
@group(0) @binding(5) var<storage, read_write> sums : array<f32>;
var<workgroup> lossPart : array<f32, ${GROUP}>;
var<workgroup> hitPart : array<f32, ${GROUP}>;
@compute @workgroup_size(${GROUP})
fn main(@builtin(local_invocation_index) lane : u32) {
  let classes = d.units;
  var loss = 0.0;
  var hits = 0.0;
  for (var r = lane; r < d.n; r = r + ${GROUP}u) {
    let base = r * classes;
    var top = z[base];
    var best = z[base];
    var arg = 0u;
    for (var j = 1u; j < classes; j = j + 1u) {
      let v = z[base + j];
      top = max(top, v);
      if (v > best) { best = v; arg = j; }
    }
    var total = 0.0;
    for (var j = 0u; j < classes; j = j + 1u) { total = total + exp(z[base + j] - top); }
    let lse = top + log(total);
    let labelValue = f32(labels[u32(rows[r])]);
    let label = u32(labelValue);
    loss = loss + (lse - z[base + label]);
    for (var j = 0u; j < classes; j = j + 1u) {
      var value = exp(z[base + j] - lse);
      if (j == label) { value = value - 1.0; }
      grad[base + j] = value * d.scale;
    }
    if (f32(arg) == labelValue) { hits = hits + 1.0; }
  }
  lossPart[lane] = loss;
  hitPart[lane] = hits;
  for (var half = ${GROUP / 2}u; half > 0u; half = half / 2u) {
    workgroupBarrier();
    if (lane < half) {
      lossPart[lane] = lossPart[lane] + lossPart[lane + half];
      hitPart[lane] = hitPart[lane] + hitPart[lane + half];
    }
  }
  if (lane == 0u) {
    sums[0] = sums[0] + lossPart[0];
    sums[1] = sums[1] + hitPart[0];
  }
}`;
}

/**
 * A layer's kernel and bias gradients from its output gradient `delta`: `gw[k, c] = Σ_r
 * src[r, k] · delta[r, c]`, then (with bias) `gb[c] = Σ_r delta[r, c]`, one invocation a value.
 * Bindings: 1 src, 2 delta, 3 gw, 4 gb (with bias), 5 rows (gathered).
 */
export function gradParamsModule(bias: boolean, gathered: boolean): string {
  return `${DIMS}
@group(0) @binding(1) var<storage, read> src : array<f32>;
@group(0) @binding(2) var<storage, read> delta : array<f32>;
@group(0) @binding(3) var<storage, read_write> gw : array<f32>;
${bias ? '@group(0) @binding(4) var<storage, read_write> gb : array<f32>;' : ''}
${gathered ? '@group(0) @binding(5) var<storage, read> rows : array<i32>;' : ''}
${FLAT_MAIN}
  let weights = d.inner * d.units;
  if (i < weights) {
    let k = i / d.units;
    let c = i - k * d.units;
    var acc = 0.0;
    for (var r = 0u; r < d.n; r = r + 1u) {
      acc = acc + src[${rowBase(gathered)} + k] * delta[r * d.units + c];
    }
    gw[i] = acc;
    return;
  }${bias ? `
  if (i < weights + d.units) {
    let c = i - weights;
    var acc = 0.0;
    for (var r = 0u; r < d.n; r = r + 1u) { acc = acc + delta[r * d.units + c]; }
    gb[c] = acc;
  }` : ''}
}`;
}

/**
 * The gradient of the layer below's output, through that layer's activation:
 * `out[r, k] = (Σ_c delta[r, c] · w[k, c]) · act'(h[r, k])`, with `h` the layer below's output
 * (before its dropout, whose mask then multiplies the sum first, as the per-kernel path does).
 * Bindings: 1 delta, 2 w, 3 h, 4 out; with a dropout, 5 its uniform.
 */
export function gradInputModule(below: ProgramActivation, dropout = false): string {
  return `${DIMS}
${inputGradientHead('w', below, dropout)}
${FLAT_MAIN}
  if (i >= d.n * d.inner) { return; }
  let r = i / d.inner;
  let k = i - r * d.inner;
  var acc = 0.0;
  for (var c = 0u; c < d.units; c = c + 1u) {
    acc = acc + delta[r * d.units + c] * w[k * d.units + c];
  }
  ${inputGradientStore(dropout)}
}`;
}
