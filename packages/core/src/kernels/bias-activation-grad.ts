import { applyDenseActivationGradient, sumRows, type DenseGradientActivation } from './dense-gradient-rows.js';

/**
 * `KERNEL_NAMES.biasActivationGrad` on the host: dz = actGrad(y) ⊙ dy into `dz` (a copy of dy's
 * values is made there first) and db[j] = Σᵢ dz[i·c + j] into `db`.
 */
export function biasActivationGradRows(dy: ArrayLike<number>, y: ArrayLike<number>, activation: DenseGradientActivation, dz: Float32Array, db: Float32Array): void {
  for (let i = 0; i < dz.length; i++) dz[i] = dy[i]!;
  applyDenseActivationGradient(dz, y, undefined, activation);
  sumRows(dz, db.length, db);
}
