/** Hidden activations whose gradient the fused Dense input-gradient kernel applies (from the output y). */
export const DENSE_GRADIENT_ACTIVATIONS = ['linear', 'relu', 'sigmoid', 'tanh'] as const;
export type DenseGradientActivation = (typeof DENSE_GRADIENT_ACTIVATIONS)[number];

/**
 * In place, `d ← actGrad(y) ⊙ (d ⊙ mask)`: the backward pass through a Dropout mask (when
 * given) then the activation of the layer below, computed from its output `y`, with the
 * products in the order tfjs's own gradients take (relu `d · step(y)`, sigmoid `d · (y(1 − y))`,
 * tanh `(1 − y²) · d`), so a fused kernel matches the op-by-op path bit for bit after the product.
 */
export function applyDenseActivationGradient(
  d: Float32Array,
  y: ArrayLike<number>,
  mask: ArrayLike<number> | undefined,
  activation: DenseGradientActivation,
): void {
  const f = Math.fround;
  for (let i = 0; i < d.length; i++) {
    let v = mask ? f(d[i]! * mask[i]!) : d[i]!;
    const out = y[i]!;
    if (activation === 'relu') v = f(v * (out > 0 ? 1 : Number.isNaN(out) ? NaN : 0));
    else if (activation === 'sigmoid') v = f(v * f(out * f(1 - out)));
    else if (activation === 'tanh') v = f(f(1 - f(out * out)) * v);
    d[i] = v;
  }
}

/** `out[j] = Σᵢ rows[i·width + j]`: a Dense bias's gradient from the output gradient [n, width]. */
export function sumRows(rows: ArrayLike<number>, width: number, out: Float32Array): void {
  out.fill(0);
  const n = width === 0 ? 0 : rows.length / width;
  for (let i = 0; i < n; i++) {
    const o = i * width;
    for (let j = 0; j < width; j++) out[j]! += rows[o + j]!;
  }
}
