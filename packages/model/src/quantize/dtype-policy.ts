import { InvalidArgumentError } from '@neuralkit/core';

/** What `model.quantize(mode)` accepts: Keras's `'int8'`, and float16 weights. */
export type QuantizationMode = 'int8' | 'float16';

export const QUANTIZATION_MODES: readonly QuantizationMode[] = ['int8', 'float16'];

/**
 * A layer's storage mode from Keras's `dtype` (a name or a DTypePolicy object): `null` for
 * float32, `'float16'`, or `'int8'` for Keras 3's `int8_from_float32` (written as
 * `QuantizedDTypePolicy` with `{ mode, source_name }` since Keras 3.4, `{ name }` before).
 */
export function parseDtypePolicy(layerName: string, dtype: unknown): QuantizationMode | null {
  if (dtype === undefined || dtype === null) return null;
  const policy = typeof dtype === 'object' ? (dtype as { config?: Record<string, unknown> }).config : undefined;
  const name = typeof dtype === 'string' ? dtype : policy?.name ?? (policy?.mode ? `${String(policy.mode)}_from_${String(policy.source_name ?? 'float32')}` : undefined);
  if (name === 'float32') return null;
  if (name === 'float16') return 'float16';
  if (name === 'int8_from_float32') return 'int8';
  throw InvalidArgumentError.expected(`\`dtype\` of layer "${layerName}"`, "'float32', 'float16' or 'int8_from_float32'", dtype);
}

/** The `dtype` a layer's config holds for its storage mode. */
export function serializeDtypePolicy(mode: QuantizationMode | null): unknown {
  if (mode === 'int8') {
    return { module: 'keras', class_name: 'QuantizedDTypePolicy', config: { mode: 'int8', source_name: 'float32' }, registered_name: null };
  }
  return mode ?? 'float32';
}

/** The dtype policy's name, as Keras prints it: `int8_from_float32`. */
export function dtypePolicyName(mode: QuantizationMode | null): string {
  return mode === 'int8' ? 'int8_from_float32' : (mode ?? 'float32');
}
