import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError, ShapeError } from '@neuralkit/core';
import { expectClose, expectNoLeak, useBackend } from '../test/helpers.js';
import { Loss, type LossOptions } from './loss.js';
import { MeanSquaredError } from './mean-squared-error.js';
import { MeanAbsoluteError } from './mean-absolute-error.js';
import { Registry } from '@neuralkit/core';

// The base class's documented example, verbatim in spirit: a subclass with one option.
interface ScaledErrorOptions extends LossOptions {
  scale?: number;
}
class ScaledError extends Loss {
  static override readonly className = 'ScaledError';
  readonly scale: number;
  constructor(options: ScaledErrorOptions = {}) {
    super(options, { defaultName: 'scaled_error', options: ['scale'] });
    this.scale = options.scale ?? 1;
  }
  call(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
    return tf.mul(this.scale, tf.mean(tf.abs(tf.sub(yTrue, yPred)), -1));
  }
  override getConfig() {
    return { ...super.getConfig(), scale: this.scale };
  }
}

describe('Loss base class', () => {
  beforeAll(() => useBackend('cpu'));

  it('runs the documented subclass example, including registry round trip', () => {
    const reg = new Registry<Loss>('loss').register(ScaledError, ['scaled_error']);
    const loss = reg.get({ class_name: 'ScaledError', config: { scale: 2, reduction: 'sum' } });
    // Row means of |e|: [1, 3]; * 2 -> [2, 6]; sum -> 8.
    expectClose(loss.compute([[0, 0], [0, 0]], [[1, -1], [3, 3]]), 8);
    expect(reg.serialize(loss)).toEqual({ class_name: 'ScaledError', config: { name: 'scaled_error', reduction: 'sum', scale: 2 } });
  });

  it('applies scalar, per-sample and per-timestep weights (hand-computed)', () => {
    const mae = new MeanAbsoluteError({ reduction: 'none' });
    const t = [[[0], [0]], [[0], [0]]]; // [2, 2, 1]: per-timestep values [2, 2]
    const p = [[[1], [2]], [[3], [4]]];
    expectClose(mae.compute(t, p, 2), [2, 4, 6, 8]);
    expectClose(mae.compute(t, p, [[1, 0], [0, 1]]), [1, 0, 0, 4]);
    // Per-sample weights on per-timestep values (beyond Keras 3, which cannot broadcast [2] on [2, 2]).
    expectClose(mae.compute(t, p, [10, 0]), [10, 20, 0, 0]);
    // sum_over_batch_size divides by the number of per-sample values AFTER weighting: 4, not sum(w).
    expectClose(new MeanAbsoluteError().compute(t, p, [[1, 0], [0, 1]]), (1 + 4) / 4);
    expectClose(new MeanAbsoluteError({ reduction: 'mean_with_sample_weight' }).compute(t, p, [[1, 0], [0, 1]]), 5 / 2);
  });

  it('has every Keras 3 reduction, and reads tf.keras 2 "auto" as sum_over_batch_size', () => {
    const t = [[0], [0]];
    const p = [[1], [3]];
    const r = (reduction: LossOptions['reduction']) => new MeanSquaredError({ reduction }).compute(t, p, [1, 3]);
    // Weighted values: [1 * 1, 9 * 3] = [1, 27].
    expectClose(r('sum_over_batch_size'), 14);
    expectClose(r('mean'), 14);
    expectClose(r('sum'), 28);
    expectClose(r('mean_with_sample_weight'), 7);
    expectClose(r('none'), [1, 27]);
    expectClose(r(null), [1, 27]);
    expectClose(r('auto'), 14);
    expect(new MeanSquaredError({ reduction: 'auto' }).reduction).toBe('sum_over_batch_size');
  });

  it('errors clearly: unknown option, bad reduction, bad dtype, unbroadcastable shapes and weights', () => {
    expect(() => new MeanSquaredError({ reductoin: 'sum' } as never)).toThrow(InvalidArgumentError);
    expect(() => new MeanSquaredError({ reductoin: 'sum' } as never)).toThrow(/Unknown option "reductoin" for MeanSquaredError/);
    expect(() => new MeanSquaredError({ reduction: 'avg' as never })).toThrow(/reduction for MeanSquaredError/);
    expect(() => new MeanSquaredError({ dtype: 'float16' })).toThrow(/dtype for MeanSquaredError/);
    expect(() => new MeanSquaredError().compute([[1, 2, 3]], [[1, 2]])).toThrow(ShapeError);
    expect(() => new MeanSquaredError().compute([[1, 2, 3]], [[1, 2]])).toThrow(/MeanSquaredError: y_true and y_pred have shapes \[1, 3\] and \[1, 2\]/);
    expect(() => new MeanSquaredError().compute([[1], [2]], [[1], [2]], [1, 2, 3])).toThrow(/MeanSquaredError: loss values and sample_weight/);
  });

  it('accepts int32 inputs (cast to float32) and leaks nothing', () => {
    const t = tf.tensor2d([[1, 2]], undefined, 'int32');
    expectClose(new MeanSquaredError().compute(t, [[2, 4]]), 2.5);
    expectNoLeak(() => new MeanSquaredError({ reduction: null }).compute(t, [[2, 4]], 3).dispose());
    t.dispose();
  });
});
