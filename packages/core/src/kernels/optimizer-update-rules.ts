/**
 * The element-wise update rules of the seven Keras optimizers over float32 arrays, the arithmetic
 * of the `optimizerUpdateKernel` kernels that adapters register (cpu over its JS arrays, wasm over
 * its heap). Written to round exactly where the generic tfjs-ops path rounds: every float32 op
 * stores its result as float32, so each intermediate here goes through `Math.fround`, and the
 * fused kernels give the ops path's results (bit-identical on cpu).
 *
 * `src` and `dst` hold the variable (`variable`) and its slots by Keras slot name. They may be
 * the same arrays (an in-place update): each element is read before it is written.
 */
const f = Math.fround;

export type Arrays = Record<string, Float32Array | undefined>;
export type Attrs = Record<string, unknown>;
export type UpdateRule = (g: Float32Array, src: Arrays, dst: Arrays, a: Attrs) => void;

const num = (a: Attrs, key: string): number => a[key] as number;

/** `m = μm - lr·g; w += m` (Nesterov: `w += μm - lr·g`); without a slot `w -= lr·g`. */
const sgd: UpdateRule = (g, src, dst, a) => {
  const lr = num(a, 'learningRate');
  const mu = num(a, 'momentum');
  const w = src.variable!, wo = dst.variable!, m = src.momentum, mo = dst.momentum;
  const n = g.length;
  if (!m || !mo) {
    for (let i = 0; i < n; i++) wo[i] = w[i]! - f(g[i]! * lr);
    return;
  }
  const nesterov = a.nesterov === true;
  for (let i = 0; i < n; i++) {
    const scaled = f(g[i]! * lr);
    const mi = f(f(m[i]! * mu) - scaled);
    mo[i] = mi;
    wo[i] = w[i]! + (nesterov ? f(f(mi * mu) - scaled) : mi);
  }
};

/** `acc += g²; w -= lr·g / sqrt(acc + ε)`. */
const adagrad: UpdateRule = (g, src, dst, a) => {
  const lr = num(a, 'learningRate'), eps = num(a, 'epsilon');
  const w = src.variable!, wo = dst.variable!, acc = src.accumulator!, acco = dst.accumulator!;
  for (let i = 0, n = g.length; i < n; i++) {
    const gi = g[i]!;
    const ai = f(acc[i]! + f(gi * gi));
    acco[i] = ai;
    wo[i] = w[i]! - f(f(lr * gi) / f(Math.sqrt(f(ai + eps))));
  }
};

/** `Eg = ρEg + (1-ρ)g²; Δ = -sqrt(Ed + ε)·g / sqrt(Eg + ε); Ed = ρEd + (1-ρ)Δ²; w += lr·Δ`. */
const adadelta: UpdateRule = (g, src, dst, a) => {
  const lr = num(a, 'learningRate'), rho = num(a, 'rho'), rest = num(a, 'oneMinusRho'), eps = num(a, 'epsilon');
  const w = src.variable!, wo = dst.variable!;
  const eg = src.accumulated_grad!, ego = dst.accumulated_grad!;
  const ed = src.accumulated_delta_var!, edo = dst.accumulated_delta_var!;
  for (let i = 0, n = g.length; i < n; i++) {
    const gi = g[i]!;
    const egi = f(f(rho * eg[i]!) + f(rest * f(gi * gi)));
    const d = -f(f(f(Math.sqrt(f(ed[i]! + eps))) * gi) / f(Math.sqrt(f(egi + eps))));
    ego[i] = egi;
    edo[i] = f(rho * ed[i]!) + f(rest * f(d * d));
    wo[i] = w[i]! + f(lr * d);
  }
};

/** `v = ρv + (1-ρ)g²`; centered `a = ρa + (1-ρ)g`, `v - a² + ε`; `inc = lr·g / sqrt(·)`; momentum. */
const rmsprop: UpdateRule = (g, src, dst, a) => {
  const lr = num(a, 'learningRate'), rho = num(a, 'rho'), rest = num(a, 'oneMinusRho');
  const eps = num(a, 'epsilon'), mu = num(a, 'momentum');
  const w = src.variable!, wo = dst.variable!, v = src.velocity!, vo = dst.velocity!;
  const m = src.momentum, mo = dst.momentum, avg = src.average_gradient, avgo = dst.average_gradient;
  for (let i = 0, n = g.length; i < n; i++) {
    const gi = g[i]!;
    const vi = f(f(rho * v[i]!) + f(rest * f(gi * gi)));
    vo[i] = vi;
    let denom: number;
    if (avg && avgo) {
      const ai = f(f(rho * avg[i]!) + f(rest * gi));
      avgo[i] = ai;
      denom = f(f(vi - f(ai * ai)) + eps);
    } else {
      denom = f(vi + eps);
    }
    const inc = f(f(lr * gi) / f(Math.sqrt(denom)));
    if (m && mo) {
      const mi = f(f(mu * m[i]!) + inc);
      mo[i] = mi;
      wo[i] = w[i]! - mi;
    } else {
      wo[i] = w[i]! - inc;
    }
  }
};

/** `m += (g - m)(1-β1); v += (g² - v)(1-β2)`; amsgrad `v̂ = max(v̂, v)`; `w -= m·α / (sqrt(v) + ε)`. */
const adam: UpdateRule = (g, src, dst, a) => {
  const c1 = num(a, 'oneMinusBeta1'), c2 = num(a, 'oneMinusBeta2'), alpha = num(a, 'alpha'), eps = num(a, 'epsilon');
  const w = src.variable!, wo = dst.variable!, m = src.momentum!, mo = dst.momentum!;
  const v = src.velocity!, vo = dst.velocity!, vh = src.velocity_hat, vho = dst.velocity_hat;
  for (let i = 0, n = g.length; i < n; i++) {
    const gi = g[i]!;
    const mi = f(m[i]! + f(f(gi - m[i]!) * c1));
    const vi = f(v[i]! + f(f(f(gi * gi) - v[i]!) * c2));
    mo[i] = mi;
    vo[i] = vi;
    let second = vi;
    if (vh && vho) {
      second = Math.max(vh[i]!, vi);
      vho[i] = second;
    }
    wo[i] = w[i]! - f(f(mi * alpha) / f(f(Math.sqrt(second)) + eps));
  }
};

/** `m += (g - m)(1-β1); u = max(β2·u, |g|); w -= lr·m / (c·(u + ε))` with `c = 1 - β1^t`. */
const adamax: UpdateRule = (g, src, dst, a) => {
  const lr = num(a, 'learningRate'), c1 = num(a, 'oneMinusBeta1'), b2 = num(a, 'beta2');
  const corr = num(a, 'correction'), eps = num(a, 'epsilon');
  const w = src.variable!, wo = dst.variable!, m = src.momentum!, mo = dst.momentum!, u = src.norm!, uo = dst.norm!;
  for (let i = 0, n = g.length; i < n; i++) {
    const gi = g[i]!;
    const mi = f(m[i]! + f(f(gi - m[i]!) * c1));
    const ui = Math.max(f(b2 * u[i]!), Math.abs(gi));
    mo[i] = mi;
    uo[i] = ui;
    wo[i] = w[i]! - f(f(lr * mi) / f(corr * f(ui + eps)));
  }
};

/** Adam's moments, then `m̂ = m·mScale + g·gScale`, `v̂ = v / vScale`, `w -= m̂·lr / (sqrt(v̂) + ε)`. */
const nadam: UpdateRule = (g, src, dst, a) => {
  const lr = num(a, 'learningRate'), c1 = num(a, 'oneMinusBeta1'), c2 = num(a, 'oneMinusBeta2');
  const ms = num(a, 'mScale'), gs = num(a, 'gScale'), vs = num(a, 'vScale'), eps = num(a, 'epsilon');
  const w = src.variable!, wo = dst.variable!, m = src.momentum!, mo = dst.momentum!;
  const v = src.velocity!, vo = dst.velocity!;
  for (let i = 0, n = g.length; i < n; i++) {
    const gi = g[i]!;
    const mi = f(m[i]! + f(f(gi - m[i]!) * c1));
    const vi = f(v[i]! + f(f(f(gi * gi) - v[i]!) * c2));
    mo[i] = mi;
    vo[i] = vi;
    const mHat = f(f(mi * ms) + f(gi * gs));
    wo[i] = w[i]! - f(f(mHat * lr) / f(f(Math.sqrt(f(vi / vs))) + eps));
  }
};

/** The rules by optimizer, with the slot names each reads (Keras's slot names, in Keras's order). */
export const OPTIMIZER_UPDATE_RULES: Record<string, { rule: UpdateRule; slots: readonly string[] }> = {
  SGD: { rule: sgd, slots: ['momentum'] },
  Adagrad: { rule: adagrad, slots: ['accumulator'] },
  Adadelta: { rule: adadelta, slots: ['accumulated_grad', 'accumulated_delta_var'] },
  RMSprop: { rule: rmsprop, slots: ['velocity', 'momentum', 'average_gradient'] },
  Adam: { rule: adam, slots: ['momentum', 'velocity', 'velocity_hat'] },
  Adamax: { rule: adamax, slots: ['momentum', 'norm'] },
  Nadam: { rule: nadam, slots: ['momentum', 'velocity'] },
};
