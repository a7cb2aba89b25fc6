/**
 * A plain-number model of Keras 3's update rules (keras/src/optimizers/*.py), element by
 * element in float64 with Keras's float32 hyperparameters, to check the tensor code to 1e-5.
 */
const f = Math.fround;

export interface RefConfig {
  lr?: number | ((step: number) => number);
  momentum?: number;
  nesterov?: boolean;
  rho?: number;
  epsilon?: number;
  centered?: boolean;
  beta1?: number;
  beta2?: number;
  amsgrad?: boolean;
  initialAccumulator?: number;
  weightDecay?: number;
  clipnorm?: number;
  clipvalue?: number;
}

type Rule = (c: Required<RefConfig>, s: number[][], g: number, w: number, lr: number, t: number, i: number) => number;

const rules: Record<string, Rule> = {
  sgd(c, [m], g, w, lr, _t, i) {
    if (c.momentum === 0) return w - lr * g;
    m![i] = c.momentum * m![i]! - lr * g;
    return c.nesterov ? w + c.momentum * m![i]! - lr * g : w + m![i]!;
  },
  adagrad(c, [a], g, w, lr, _t, i) {
    a![i]! += g * g;
    return w - (lr * g) / Math.sqrt(a![i]! + c.epsilon);
  },
  adadelta(c, [eg, ed], g, w, lr, _t, i) {
    eg![i] = c.rho * eg![i]! + (1 - c.rho) * g * g;
    const d = -(Math.sqrt(ed![i]! + c.epsilon) * g) / Math.sqrt(eg![i]! + c.epsilon);
    ed![i] = c.rho * ed![i]! + (1 - c.rho) * d * d;
    return w + lr * d;
  },
  rmsprop(c, [v, m, a], g, w, lr, _t, i) {
    v![i] = c.rho * v![i]! + (1 - c.rho) * g * g;
    let denom = v![i]! + c.epsilon;
    if (c.centered) {
      a![i] = c.rho * a![i]! + (1 - c.rho) * g;
      denom = v![i]! - a![i]! ** 2 + c.epsilon;
    }
    const inc = (lr * g) / Math.sqrt(denom);
    if (c.momentum === 0) return w - inc;
    m![i] = c.momentum * m![i]! + inc;
    return w - m![i]!;
  },
  adam(c, [m, v, vh], g, w, lr, t, i) {
    m![i]! += (g - m![i]!) * (1 - c.beta1);
    v![i]! += (g * g - v![i]!) * (1 - c.beta2);
    let second = v![i]!;
    if (c.amsgrad) second = vh![i] = Math.max(vh![i]!, v![i]!);
    const alpha = (lr * Math.sqrt(1 - f(c.beta2) ** t)) / (1 - f(c.beta1) ** t);
    return w - (m![i]! * alpha) / (Math.sqrt(second) + c.epsilon);
  },
  adamax(c, [m, u], g, w, lr, t, i) {
    m![i]! += (g - m![i]!) * (1 - c.beta1);
    u![i] = Math.max(f(c.beta2) * u![i]!, Math.abs(g));
    return w - (lr * m![i]!) / ((1 - f(c.beta1) ** t) * (u![i]! + c.epsilon));
  },
  nadam(c, [m, v, p], g, w, lr, t, i) {
    const mu = (k: number) => f(c.beta1) * (1 - 0.5 * f(0.96) ** k);
    if (i === 0) p![0] = p![0]! * mu(t); // the product advances once per step
    m![i]! += (g - m![i]!) * (1 - c.beta1);
    v![i]! += (g * g - v![i]!) * (1 - c.beta2);
    const mHat = (mu(t + 1) * m![i]!) / (1 - p![0]! * mu(t + 1)) + ((1 - mu(t)) * g) / (1 - p![0]!);
    const vHat = v![i]! / (1 - f(c.beta2) ** t);
    return w - (mHat * lr) / (Math.sqrt(vHat) + c.epsilon);
  },
};

const defaults: Required<RefConfig> = {
  lr: 0.001, momentum: 0, nesterov: false, rho: 0.9, epsilon: 1e-7, centered: false, beta1: 0.9, beta2: 0.999,
  amsgrad: false, initialAccumulator: 0.1, weightDecay: 0, clipnorm: 0, clipvalue: 0,
};

function clip(c: Required<RefConfig>, g: number[]): number[] {
  if (c.clipnorm > 0) {
    const norm = Math.sqrt(g.reduce((s, x) => s + x * x, 0));
    return g.map((x) => (x * c.clipnorm) / Math.max(norm, c.clipnorm));
  }
  if (c.clipvalue > 0) return g.map((x) => Math.min(c.clipvalue, Math.max(-c.clipvalue, x)));
  return g;
}

/** Runs `kind` over the gradient sequence from `x0`; returns the variable after every step. */
export function reference(kind: keyof typeof rules, config: RefConfig, x0: number[], grads: number[][]): number[][] {
  const c = { ...defaults, ...config };
  const init = kind === 'adagrad' ? c.initialAccumulator : 0;
  const slots = [0, 1, 2].map(() => x0.map(() => init));
  if (kind === 'nadam') slots[2] = [1];
  let w = [...x0];
  const out: number[][] = [];
  grads.forEach((raw, k) => {
    const t = k + 1;
    const lr = f(typeof c.lr === 'function' ? c.lr(k) : c.lr);
    const g = clip(c, raw);
    w = w.map((x) => x - x * f(c.weightDecay) * lr);
    w = w.map((x, i) => rules[kind]!(c, slots, g[i]!, x, lr, t, i));
    out.push(w);
  });
  return out;
}

/** Keras's golden protocol: one step with 0.01 everywhere, then steps with [0.1, 0.2, ..., 1.0]. */
export function goldenGrads(steps: number): number[][] {
  const first = new Array(10).fill(0.01);
  const rest = Array.from({ length: 10 }, (_, i) => (i + 1) / 10);
  return [first, ...Array.from({ length: steps - 1 }, () => rest)];
}
