/**
 * WGSL for the convolution and pooling layers of the whole-step training program: Conv2D (channels
 * last, strides and dilation 1, `valid` or `same` padding) and MaxPooling2D (strides equal to the
 * pool, `valid`). Every module takes `Geo` at binding 0: the batch's rows `n`; one sample's input
 * `h × w × c` and output `oh × ow × co`; the window `kh × kw`; the padding before, `pt` and `pl`.
 * Bindings follow `dense-step-wgsl.ts` (src, w, out, b, rows, a Dropout's uniform and `act`).
 */
import type { ProgramActivation } from '@neuralkit/core';
import {
  activationWgsl, FLAT_MAIN, forwardBindings, forwardStore, GROUP, inputGradientHead, inputGradientStore, TREE_SUM,
} from './dense-step-wgsl.js';

const GEO = `struct Geo { n : u32, h : u32, w : u32, c : u32, oh : u32, ow : u32, co : u32, kh : u32, kw : u32, pt : u32, pl : u32, unused : u32 };
@group(0) @binding(0) var<uniform> g : Geo;`;

/** Splits output index `i` (row-major `n, oh, ow, co`) into `r, oy, ox, o`. */
const OUTPUT_INDEX = `
  let o = i % g.co;
  let t = i / g.co;
  let ox = t % g.ow;
  let oy = (t / g.ow) % g.oh;
  let r = t / (g.ow * g.oh);`;

/** Splits input index `i` (row-major `n, h, w, c`) into `r, y, x, ci`, returning past the end. */
const INPUT_INDEX = `
  if (i >= g.n * g.h * g.w * g.c) { return; }
  let ci = i % g.c;
  let x = (i / g.c) % g.w;
  let y = (i / (g.c * g.w)) % g.h;
  let r = i / (g.c * g.w * g.h);`;

/** The input offset of row `r`'s sample: in `x` through `rows`, or in the previous output. */
const sampleBase = (gathered: boolean) => `${gathered ? 'u32(rows[r])' : 'r'} * (g.h * g.w * g.c)`;

/**
 * `out = act(b + Σ src · w)` over each output's window, one invocation an output value
 * (outside the input counts as 0). Bindings: 1 src, 2 w, 3 out, 4 b, 5 rows, 6–7 a Dropout.
 */
export function convForwardModule(activation: ProgramActivation, bias: boolean, gathered: boolean, dropout: boolean): string {
  return `${GEO}
${forwardBindings({ weights: true, bias, gathered, dropout })}
${activationWgsl(activation)}
${FLAT_MAIN}
  if (i >= g.n * g.oh * g.ow * g.co) { return; }${OUTPUT_INDEX}
  let base = ${sampleBase(gathered)};
  var acc = ${bias ? 'b[o]' : '0.0'};
  for (var ky = 0u; ky < g.kh; ky = ky + 1u) {
    let iy = i32(oy + ky) - i32(g.pt);
    if (iy < 0 || iy >= i32(g.h)) { continue; }
    for (var kx = 0u; kx < g.kw; kx = kx + 1u) {
      let ix = i32(ox + kx) - i32(g.pl);
      if (ix < 0 || ix >= i32(g.w)) { continue; }
      let at = base + (u32(iy) * g.w + u32(ix)) * g.c;
      let tap = (ky * g.kw + kx) * g.c;
      for (var ci = 0u; ci < g.c; ci = ci + 1u) {
        acc = acc + src[at + ci] * w[(tap + ci) * g.co + o];
      }
    }
  }
  ${forwardStore('activate(acc)', dropout)}
}`;
}

/**
 * The kernel's and the bias's gradients, one workgroup a value: kernel value `(ky, kx, ci, o)` sums
 * `src · delta` over every row and output position, bias value `o` sums `delta`. The lanes stride
 * over the batch's rows and walk each row's output positions whose window tap falls inside the
 * input (no index division in the loop), then a tree sum. Bindings: 1 src, 2 delta, 3 gw, 4 gb, 5 rows.
 */
export function convGradParamsModule(bias: boolean, gathered: boolean): string {
  return `${GEO}
@group(0) @binding(1) var<storage, read> src : array<f32>;
@group(0) @binding(2) var<storage, read> delta : array<f32>;
@group(0) @binding(3) var<storage, read_write> gw : array<f32>;
${bias ? '@group(0) @binding(4) var<storage, read_write> gb : array<f32>;' : ''}
${gathered ? '@group(0) @binding(5) var<storage, read> rows : array<i32>;' : ''}
var<workgroup> part : array<f32, ${GROUP}>;
@compute @workgroup_size(${GROUP})
fn main(@builtin(workgroup_id) group : vec3<u32>, @builtin(num_workgroups) groups : vec3<u32>,
        @builtin(local_invocation_index) lane : u32) {
  let v = group.y * groups.x + group.x;
  let weights = g.kh * g.kw * g.c * g.co;
  var acc = 0.0;
  if (v < weights) {
    let o = v % g.co;
    let ci = (v / g.co) % g.c;
    let kx = (v / (g.co * g.c)) % g.kw;
    let ky = v / (g.co * g.c * g.kw);
    // Output rows and columns whose tap (ky, kx) lands inside the input.
    let oy0 = u32(max(i32(g.pt) - i32(ky), 0));
    let oy1 = u32(min(i32(g.oh), i32(g.h + g.pt) - i32(ky)));
    let ox0 = u32(max(i32(g.pl) - i32(kx), 0));
    let ox1 = u32(min(i32(g.ow), i32(g.w + g.pl) - i32(kx)));
    for (var r = lane; r < g.n; r = r + ${GROUP}u) {
      let base = ${sampleBase(gathered)} + ci;
      for (var oy = oy0; oy < oy1; oy = oy + 1u) {
        let inRow = base + ((oy + ky - g.pt) * g.w + kx - g.pl) * g.c;
        let outRow = ((r * g.oh + oy) * g.ow) * g.co + o;
        for (var ox = ox0; ox < ox1; ox = ox + 1u) {
          acc = acc + src[inRow + ox * g.c] * delta[outRow + ox * g.co];
        }
      }
    }
  }${bias ? ` else {
    let o = v - weights;
    let positions = g.n * g.oh * g.ow;
    for (var p = lane; p < positions; p = p + ${GROUP}u) { acc = acc + delta[p * g.co + o]; }
  }` : ''}
  part[lane] = acc;${TREE_SUM}
  if (lane == 0u) {
    if (v < weights) { gw[v] = part[0]; }${bias ? ` else if (v < weights + g.co) { gb[v - weights] = part[0]; }` : ''}
  }
}`;
}

/**
 * The gradient of a Conv2D's input (the layer below's output) through the layer below's Dropout
 * mask and activation, one invocation an input value: the sum over the outputs whose window holds
 * it. Bindings: 1 delta, 2 w, 3 h (the layer below's output before its mask), 4 out, 5 a Dropout.
 */
export function convGradInputModule(below: ProgramActivation, dropout: boolean): string {
  return `${GEO}
${inputGradientHead('w', below, dropout)}
${FLAT_MAIN}${INPUT_INDEX}
  var acc = 0.0;
  for (var ky = 0u; ky < g.kh; ky = ky + 1u) {
    let oy = i32(y + g.pt) - i32(ky);
    if (oy < 0 || oy >= i32(g.oh)) { continue; }
    for (var kx = 0u; kx < g.kw; kx = kx + 1u) {
      let ox = i32(x + g.pl) - i32(kx);
      if (ox < 0 || ox >= i32(g.ow)) { continue; }
      let at = ((r * g.oh + u32(oy)) * g.ow + u32(ox)) * g.co;
      let tap = ((ky * g.kw + kx) * g.c + ci) * g.co;
      for (var o = 0u; o < g.co; o = o + 1u) {
        acc = acc + delta[at + o] * w[tap + o];
      }
    }
  }
  ${inputGradientStore(dropout)}
}`;
}

/** The first largest value of a window (row-major), as tfjs's max pooling picks it for the gradient. */
const WINDOW_TOP = `
  var top = src[base + ((oy * g.kh) * g.w + ox * g.kw) * g.c + ch];
  var topAt = 0u;
  for (var ky = 0u; ky < g.kh; ky = ky + 1u) {
    for (var kx = 0u; kx < g.kw; kx = kx + 1u) {
      let v = src[base + ((oy * g.kh + ky) * g.w + ox * g.kw + kx) * g.c + ch];
      if (v > top) { top = v; topAt = ky * g.kw + kx; }
    }
  }`;

/** Max pooling, one invocation an output value. Bindings: 1 src, 3 out, 6–7 a Dropout. */
export function maxPoolForwardModule(dropout: boolean): string {
  return `${GEO}
${forwardBindings({ weights: false, bias: false, gathered: false, dropout })}
${FLAT_MAIN}
  if (i >= g.n * g.oh * g.ow * g.c) { return; }
  let ch = i % g.c;
  let ox = (i / g.c) % g.ow;
  let oy = (i / (g.c * g.ow)) % g.oh;
  let r = i / (g.c * g.ow * g.oh);
  let base = r * (g.h * g.w * g.c);${WINDOW_TOP}
  ${forwardStore('top', dropout)}
}`;
}

/**
 * Max pooling's input gradient through the layer below's mask and activation: an input value
 * takes its window's gradient when it is the window's first largest value, else 0 (so do the
 * cells a `valid` pool leaves out). Bindings: 1 delta, 2 src (the pool's input as the forward
 * read it), 3 h (the layer below's output before its mask), 4 out, 5 a Dropout.
 */
export function maxPoolGradInputModule(below: ProgramActivation, dropout: boolean): string {
  return `${GEO}
${inputGradientHead('src', below, dropout)}
${FLAT_MAIN}${INPUT_INDEX}
  let ch = ci;
  let oy = y / g.kh;
  let ox = x / g.kw;
  var acc = 0.0;
  if (oy < g.oh && ox < g.ow) {
    let base = r * (g.h * g.w * g.c);${WINDOW_TOP}
    if (topAt == (y - oy * g.kh) * g.kw + (x - ox * g.kw)) {
      acc = delta[((r * g.oh + oy) * g.ow + ox) * g.c + ch];
    }
  }
  ${inputGradientStore(dropout)}
}`;
}
