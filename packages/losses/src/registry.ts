import { InvalidArgumentError, Registry, isSerializedObject, type SerializedObject } from '@neuralkit/core';
import type { Loss } from './loss.js';
import { LossFunctionWrapper, type LossFunction } from './loss-function-wrapper.js';
import { BinaryCrossentropy, binaryCrossentropy } from './binary-crossentropy.js';
import { CategoricalCrossentropy, categoricalCrossentropy } from './categorical-crossentropy.js';
import { CategoricalHinge, categoricalHinge } from './categorical-hinge.js';
import { CosineSimilarity, cosineSimilarity } from './cosine-similarity.js';
import { Hinge, hinge } from './hinge.js';
import { Huber, huber } from './huber.js';
import { KLDivergence, klDivergence } from './kl-divergence.js';
import { LogCosh, logCosh } from './log-cosh.js';
import { MeanAbsoluteError, meanAbsoluteError } from './mean-absolute-error.js';
import { MeanAbsolutePercentageError, meanAbsolutePercentageError } from './mean-absolute-percentage-error.js';
import { MeanSquaredError, meanSquaredError } from './mean-squared-error.js';
import { MeanSquaredLogarithmicError, meanSquaredLogarithmicError } from './mean-squared-logarithmic-error.js';
import { Poisson, poisson } from './poisson.js';
import { SparseCategoricalCrossentropy, sparseCategoricalCrossentropy } from './sparse-categorical-crossentropy.js';
import { SquaredHinge, squaredHinge } from './squared-hinge.js';

/**
 * Every loss under its Keras class name and Keras's aliases. Lookup ignores case, `_` and
 * `-`, so `'mean_squared_error'`, `'MeanSquaredError'` and tfjs-layers' `'meanSquaredError'`
 * are one name.
 */
export const lossRegistry = new Registry<Loss>('loss')
  .register(MeanSquaredError, ['mse', 'MSE', 'mean_squared_error'])
  .register(MeanAbsoluteError, ['mae', 'MAE', 'mean_absolute_error'])
  .register(MeanAbsolutePercentageError, ['mape', 'MAPE', 'mean_absolute_percentage_error'])
  .register(MeanSquaredLogarithmicError, ['msle', 'MSLE', 'mean_squared_logarithmic_error'])
  .register(Huber, ['huber', 'huber_loss'])
  .register(LogCosh, ['log_cosh', 'logcosh'])
  .register(Poisson, ['poisson'])
  .register(KLDivergence, ['kld', 'KLD', 'kl_divergence', 'kullback_leibler_divergence'])
  .register(CosineSimilarity, ['cosine_similarity', 'cosine_proximity'])
  .register(Hinge, ['hinge'])
  .register(SquaredHinge, ['squared_hinge'])
  .register(CategoricalHinge, ['categorical_hinge'])
  .register(BinaryCrossentropy, ['binary_crossentropy'])
  .register(CategoricalCrossentropy, ['categorical_crossentropy'])
  .register(SparseCategoricalCrossentropy, ['sparse_categorical_crossentropy']);

/** Our per-sample functions map to their classes, so `get(meanSquaredError)` serializes as Keras's. */
const FUNCTION_CLASSES = new Map<unknown, new () => Loss>([
  [meanSquaredError, MeanSquaredError],
  [meanAbsoluteError, MeanAbsoluteError],
  [meanAbsolutePercentageError, MeanAbsolutePercentageError],
  [meanSquaredLogarithmicError, MeanSquaredLogarithmicError],
  [huber, Huber],
  [logCosh, LogCosh],
  [poisson, Poisson],
  [klDivergence, KLDivergence],
  [cosineSimilarity, CosineSimilarity],
  [hinge, Hinge],
  [squaredHinge, SquaredHinge],
  [categoricalHinge, CategoricalHinge],
  [binaryCrossentropy, BinaryCrossentropy],
  [categoricalCrossentropy, CategoricalCrossentropy],
  [sparseCategoricalCrossentropy, SparseCategoricalCrossentropy],
]);

/** Anything `get` accepts. */
export type LossIdentifier = string | SerializedObject | Loss | LossFunction;

function isLoss(value: unknown): value is Loss {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as Loss).compute === 'function' &&
    typeof (value as Loss).getConfig === 'function'
  );
}

/**
 * Keras 3 writes a function loss as `{ class_name: 'function', config: 'mean_squared_error' }`,
 * and a wrapped one as `LossFunctionWrapper` with the function under `fn`.
 */
function fromKerasFunctionForm(id: SerializedObject): Loss | undefined {
  const config = id.config as unknown;
  if (id.class_name !== 'LossFunctionWrapper') return undefined;
  const { fn, ...rest } = (config ?? {}) as Record<string, unknown>;
  const fnName = typeof fn === 'string' ? fn : isSerializedObject(fn) ? (fn.config as unknown) : undefined;
  if (typeof fnName !== 'string') {
    throw InvalidArgumentError.expected('LossFunctionWrapper config', 'an `fn` naming a registered loss', config);
  }
  const cls = lossRegistry.lookup(fnName);
  return lossRegistry.fromSerialized({ class_name: cls.className, config: rest });
}

/**
 * Keras's `keras.losses.get`: a name or alias (`'mse'`, `'sparse_categorical_crossentropy'`,
 * `'meanSquaredError'`), a `{ class_name, config }` object, a `Loss` (returned as is), or a
 * function `(yTrue, yPred) => perSampleTensor` (wrapped; ours map to their classes).
 */
export function get(id: LossIdentifier): Loss {
  if (typeof id === 'function') {
    const cls = FUNCTION_CLASSES.get(id);
    return cls ? new cls() : new LossFunctionWrapper({ fn: id });
  }
  if (isLoss(id)) return id;
  const functionForm = id as { class_name?: unknown; config?: unknown };
  if (functionForm?.class_name === 'function' && typeof functionForm.config === 'string') {
    return lossRegistry.get(functionForm.config);
  }
  if (isSerializedObject(id)) return fromKerasFunctionForm(id) ?? lossRegistry.get(id);
  return lossRegistry.get(id as string | SerializedObject);
}

/** Keras's `{ class_name, config }` of a loss. */
export function serialize(loss: Loss): SerializedObject {
  return lossRegistry.serialize(loss);
}
