import { InvalidArgumentError, checkNoPrototypeKeys, describeValue } from '@neuralkit/core';

/** The largest size one config value may declare: far past MNIST-scale models, far short of memory. */
export const MAX_CONFIG_DIM = 2 ** 24;
/** The most elements one layer's sizes may multiply to (a 1 GiB float32 weight). */
export const MAX_LAYER_ELEMENTS = 2 ** 28;

/** Config keys that size weights or outputs: each a positive integer (or a list of them). */
const SIZE_KEYS = ['units', 'filters', 'kernel_size', 'pool_size', 'strides', 'dilation_rate', 'target_shape', 'dims', 'output_dim', 'input_dim', 'depth_multiplier'];
/** Shape keys: lists of positive integers or null (the batch dimension). */
const SHAPE_KEYS = ['batch_input_shape', 'batch_shape', 'input_shape', 'build_input_shape'];

function checkDim(value: unknown, what: string, allowNull: boolean): number {
  if (value === null && allowNull) return 1;
  if (!Number.isInteger(value) || (value as number) < (what.includes('target_shape') ? -1 : 1) || (value as number) > MAX_CONFIG_DIM) {
    throw InvalidArgumentError.expected(what, `an integer from 1 to ${MAX_CONFIG_DIM}`, value);
  }
  return Math.abs(value as number);
}

function sizesOf(value: unknown, what: string, allowNull: boolean): number {
  const values = Array.isArray(value) ? value : [value];
  if (values.length > 8) throw InvalidArgumentError.expected(what, 'at most 8 dimensions', `${values.length} dimensions`);
  return values.reduce<number>((product, v, i) => product * checkDim(v, Array.isArray(value) ? `${what}[${i}]` : what, allowNull), 1);
}

/**
 * Checks one layer entry `{ class_name, config }` from a file before the layer (or any tensor) is
 * made: sizes must be integers in range, and together stay under MAX_LAYER_ELEMENTS, so a config
 * asking for `units: 1e9` or `units: "10"` is refused with a clear message instead of allocating.
 */
export function checkLayerEntrySizes(entry: { class_name?: unknown; config?: unknown }): void {
  const config = entry.config;
  if (config === undefined) return;
  const layer = `${String(entry.class_name)} layer ${describeValue((config as { name?: unknown } | null)?.name ?? '(unnamed)')}`;
  if (config === null || typeof config !== 'object' || Array.isArray(config)) {
    throw InvalidArgumentError.expected(`config of ${layer}`, 'an object', config);
  }
  let elements = 1;
  for (const [key, value] of Object.entries(config)) {
    if (value === undefined || (value === null && key !== 'units' && key !== 'filters')) continue;
    if (SIZE_KEYS.includes(key)) elements *= sizesOf(value, `\`${key}\` of ${layer}`, false);
    if (SHAPE_KEYS.includes(key)) elements *= sizesOf(value, `\`${key}\` of ${layer}`, true);
  }
  if (elements > MAX_LAYER_ELEMENTS) {
    throw new InvalidArgumentError(`Invalid sizes of ${layer}: together they declare ${elements} elements, expected at most ${MAX_LAYER_ELEMENTS}.`);
  }
  const rate = (config as { rate?: unknown }).rate;
  if (rate !== undefined && !(typeof rate === 'number' && rate >= 0 && rate < 1)) {
    throw InvalidArgumentError.expected(`\`rate\` of ${layer}`, 'a number in [0, 1)', rate);
  }
}

/** A Sequential config's checks before any layer is made: no prototype keys, sizes in range. */
export function checkModelConfig(config: unknown, layers: readonly unknown[]): void {
  checkNoPrototypeKeys(config, 'model config', 'config');
  for (const layer of layers) {
    if (layer !== null && typeof layer === 'object') checkLayerEntrySizes(layer as { class_name?: unknown; config?: unknown });
  }
}
