import { abs, add, div, get, let_, load, max, mul, neg, param, sqrt, store, sub, type Expr, type LoopSpec, type Stmt } from './simd-loop.js';

/**
 * The SIMD form of every update rule in `OPTIMIZER_UPDATE_RULES` (`@neuralkit/core`), one loop per
 * branch of the scalar rule: the same float32 operations in the same order, so the results are
 * bit-identical to the scalar rule's. Parameters are the kernel attrs by name (already float32).
 */
export interface SimdVariant {
  /** The export name. */
  name: string;
  optimizer: string;
  /** The slot inputs present, exactly (the scalar rules branch on them). */
  slots: readonly string[];
  /** For SGD with momentum: the `nesterov` attr. */
  nesterov?: boolean;
  spec: LoopSpec;
}

const g = load('gradient');
const w = load('variable');
const p = param;

function variant(name: string, optimizer: string, slots: string[], params: string[], body: Stmt[], nesterov?: boolean): SimdVariant {
  const spec = { reads: ['gradient', 'variable', ...slots], writes: ['variable', ...slots], params, body };
  return { name, optimizer, slots, spec, ...(nesterov === undefined ? {} : { nesterov }) };
}

/** `m = μm - lr·g`, then `w += m` or (Nesterov) `w += μm - lr·g`. */
function sgdMomentum(nesterov: boolean): SimdVariant {
  const body = [
    let_('scaled', mul(g, p('learningRate'))),
    let_('m', sub(mul(load('momentum'), p('momentum')), get('scaled'))),
    store('momentum', get('m')),
    store('variable', add(w, nesterov ? sub(mul(get('m'), p('momentum')), get('scaled')) : get('m'))),
  ];
  return variant(nesterov ? 'sgd_nesterov' : 'sgd_momentum', 'SGD', ['momentum'], ['learningRate', 'momentum'], body, nesterov);
}

/** `v = ρv + (1-ρ)g²`; centered: `a = ρa + (1-ρ)g`, `v - a² + ε`; `inc = lr·g / sqrt(·)`; momentum. */
function rmsprop(momentum: boolean, centered: boolean): SimdVariant {
  const ewma = (slot: string, x: Expr): Expr => add(mul(p('rho'), load(slot)), mul(p('oneMinusRho'), x));
  const body: Stmt[] = [let_('v', ewma('velocity', mul(g, g))), store('velocity', get('v'))];
  if (centered) body.push(let_('a', ewma('average_gradient', g)), store('average_gradient', get('a')));
  const denom = centered ? add(sub(get('v'), mul(get('a'), get('a'))), p('epsilon')) : add(get('v'), p('epsilon'));
  body.push(let_('inc', div(mul(p('learningRate'), g), sqrt(denom))));
  if (momentum) {
    body.push(let_('m', add(mul(p('momentum'), load('momentum')), get('inc'))), store('momentum', get('m')));
  }
  body.push(store('variable', sub(w, get(momentum ? 'm' : 'inc'))));
  const slots = ['velocity', ...(momentum ? ['momentum'] : []), ...(centered ? ['average_gradient'] : [])];
  const params = ['learningRate', 'rho', 'oneMinusRho', 'epsilon', ...(momentum ? ['momentum'] : [])];
  return variant(`rmsprop${momentum ? '_momentum' : ''}${centered ? '_centered' : ''}`, 'RMSprop', slots, params, body);
}

/** Adam's and Nadam's moments: `m += (g - m)(1-β1)`, `v += (g² - v)(1-β2)`. */
const moments: Stmt[] = [
  let_('m', add(load('momentum'), mul(sub(g, load('momentum')), p('oneMinusBeta1')))),
  let_('v', add(load('velocity'), mul(sub(mul(g, g), load('velocity')), p('oneMinusBeta2')))),
  store('momentum', get('m')),
  store('velocity', get('v')),
];

/** `w -= m·α / (sqrt(v) + ε)`, amsgrad with `v̂ = max(v̂, v)`. */
function adam(amsgrad: boolean): SimdVariant {
  const body = [...moments];
  if (amsgrad) body.push(let_('second', max(load('velocity_hat'), get('v'))), store('velocity_hat', get('second')));
  body.push(store('variable', sub(w, div(mul(get('m'), p('alpha')), add(sqrt(get(amsgrad ? 'second' : 'v')), p('epsilon'))))));
  const slots = ['momentum', 'velocity', ...(amsgrad ? ['velocity_hat'] : [])];
  return variant(amsgrad ? 'adam_amsgrad' : 'adam', 'Adam', slots, ['oneMinusBeta1', 'oneMinusBeta2', 'alpha', 'epsilon'], body);
}

export const SIMD_VARIANTS: readonly SimdVariant[] = [
  variant('sgd', 'SGD', [], ['learningRate'], [store('variable', sub(w, mul(g, p('learningRate'))))]),
  sgdMomentum(false),
  sgdMomentum(true),
  // acc += g²; w -= lr·g / sqrt(acc + ε)
  variant('adagrad', 'Adagrad', ['accumulator'], ['learningRate', 'epsilon'], [
    let_('acc', add(load('accumulator'), mul(g, g))),
    store('accumulator', get('acc')),
    store('variable', sub(w, div(mul(p('learningRate'), g), sqrt(add(get('acc'), p('epsilon')))))),
  ]),
  // Eg = ρEg + (1-ρ)g²; Δ = -sqrt(Ed + ε)·g / sqrt(Eg + ε); Ed = ρEd + (1-ρ)Δ²; w += lr·Δ
  variant('adadelta', 'Adadelta', ['accumulated_grad', 'accumulated_delta_var'], ['learningRate', 'rho', 'oneMinusRho', 'epsilon'], [
    let_('eg', add(mul(p('rho'), load('accumulated_grad')), mul(p('oneMinusRho'), mul(g, g)))),
    let_('d', neg(div(mul(sqrt(add(load('accumulated_delta_var'), p('epsilon'))), g), sqrt(add(get('eg'), p('epsilon')))))),
    store('accumulated_grad', get('eg')),
    store('accumulated_delta_var', add(mul(p('rho'), load('accumulated_delta_var')), mul(p('oneMinusRho'), mul(get('d'), get('d'))))),
    store('variable', add(w, mul(p('learningRate'), get('d')))),
  ]),
  rmsprop(false, false),
  rmsprop(true, false),
  rmsprop(false, true),
  rmsprop(true, true),
  adam(false),
  adam(true),
  // m as Adam; u = max(β2·u, |g|); w -= lr·m / (c·(u + ε))
  variant('adamax', 'Adamax', ['momentum', 'norm'], ['learningRate', 'oneMinusBeta1', 'beta2', 'correction', 'epsilon'], [
    let_('m', add(load('momentum'), mul(sub(g, load('momentum')), p('oneMinusBeta1')))),
    let_('u', max(mul(p('beta2'), load('norm')), abs(g))),
    store('momentum', get('m')),
    store('norm', get('u')),
    store('variable', sub(w, div(mul(p('learningRate'), get('m')), mul(p('correction'), add(get('u'), p('epsilon')))))),
  ]),
  // Adam's moments; m̂ = m·mScale + g·gScale; w -= m̂·lr / (sqrt(v / vScale) + ε)
  variant('nadam', 'Nadam', ['momentum', 'velocity'], ['learningRate', 'oneMinusBeta1', 'oneMinusBeta2', 'mScale', 'gScale', 'vScale', 'epsilon'], [
    ...moments,
    let_('mHat', add(mul(get('m'), p('mScale')), mul(g, p('gScale')))),
    store('variable', sub(w, div(mul(get('mHat'), p('learningRate')), add(sqrt(div(get('v'), p('vScale'))), p('epsilon'))))),
  ]),
];

/** The loop for an update with these slot inputs and attrs, if one matches. */
export function findVariant(optimizer: string, slots: readonly string[], attrs: Record<string, unknown>): SimdVariant | undefined {
  const nesterov = attrs.nesterov === true;
  return SIMD_VARIANTS.find(
    (v) =>
      v.optimizer === optimizer &&
      v.slots.length === slots.length &&
      v.slots.every((s) => slots.includes(s)) &&
      (v.nesterov === undefined || v.nesterov === nesterov),
  );
}
