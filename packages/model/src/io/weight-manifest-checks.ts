import type * as tf from '@tensorflow/tfjs-core';
import { DataFormatError, PROTOTYPE_KEYS } from '@neuralkit/core';

const DTYPE_BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, float16: 2 };
const QUANTIZED_BYTES: Record<string, number> = { uint8: 1, uint16: 2, float16: 2 };

/**
 * Why a weight path from a `model.json` manifest may not be followed, or undefined. Paths are
 * relative to the model and stay in its folder: no `..`, no absolute path, no scheme, no backslash.
 */
export function unsafeWeightPath(path: unknown): string | undefined {
  if (typeof path !== 'string' || path === '') return 'is not a non-empty string';
  if (path.includes('\0')) return 'contains a NUL byte';
  if (path.includes('\\')) return 'contains a backslash';
  if (/^[a-z][a-z0-9+.-]*:/i.test(path)) return 'names a scheme (it must be relative to the model)';
  if (path.startsWith('/')) return 'is absolute (it must be relative to the model)';
  const segments = path.split('/').map((s) => safeDecode(s));
  if (segments.some((s) => s === undefined || s === '..' || s.includes('/') || s.includes('\\'))) {
    return 'leaves the model\'s folder';
  }
  return undefined;
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** Refuses a manifest whose weight paths would leave the model's folder or origin. */
export function checkWeightPaths(manifest: unknown, source: string): tf.io.WeightsManifestConfig {
  if (!Array.isArray(manifest)) throw new DataFormatError(source, '`weightsManifest`: expected a list of { paths, weights } groups.');
  for (const group of manifest as Array<{ paths?: unknown; weights?: unknown }>) {
    if (group === null || typeof group !== 'object' || !Array.isArray(group.paths) || !Array.isArray(group.weights)) {
      throw new DataFormatError(source, '`weightsManifest`: expected each group to have `paths` and `weights` lists.');
    }
    for (const path of group.paths) {
      const why = unsafeWeightPath(path);
      if (why) throw new DataFormatError(source, `weight path ${JSON.stringify(path)} ${why}: refused.`);
    }
  }
  return manifest as tf.io.WeightsManifestConfig;
}

function specBytes(spec: tf.io.WeightsManifestEntry, source: string): number {
  const shape = spec.shape as unknown;
  if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
    throw new DataFormatError(source, `weight ${JSON.stringify(spec.name)}: expected a shape of integers ≥ 0, received ${JSON.stringify(shape)}.`);
  }
  const size = (shape as number[]).reduce((a, b) => a * b, 1);
  const quantized = spec.quantization?.dtype;
  const bytes = quantized !== undefined ? QUANTIZED_BYTES[quantized] : DTYPE_BYTES[spec.dtype];
  if (typeof spec.name !== 'string' || bytes === undefined) {
    throw new DataFormatError(source, `weight ${JSON.stringify(spec.name)}: unsupported dtype ${JSON.stringify(quantized ?? spec.dtype)}.`);
  }
  return size * bytes;
}

/** Checks the weight specs against the bytes present before any tensor is made from them. */
export function checkWeightSpecs(specs: readonly tf.io.WeightsManifestEntry[], byteLength: number, source: string): void {
  let total = 0;
  // Weights decode into an object keyed by name: a repeated name would orphan the first tensor, a
  // prototype key would set the object's prototype instead of holding the tensor.
  const names = new Set<string>();
  for (const spec of specs) {
    if (spec === null || typeof spec !== 'object') throw new DataFormatError(source, 'weight specs: expected objects { name, shape, dtype }.');
    total += specBytes(spec, source);
    if (PROTOTYPE_KEYS.includes(spec.name)) throw new DataFormatError(source, `weight name ${JSON.stringify(spec.name)} is never a weight's name: refused.`);
    if (names.has(spec.name)) throw new DataFormatError(source, `weight ${JSON.stringify(spec.name)} is listed twice in the weight specs.`);
    names.add(spec.name);
  }
  if (total !== byteLength) {
    throw new DataFormatError(
      source,
      `the weight specs need ${total} bytes of weight data, received ${byteLength}` +
        (total > byteLength ? ' (truncated or missing weight file).' : '.'),
    );
  }
}

/**
 * A fetch for tfjs's http loader that follows only URLs in the model URL's folder and origin, so
 * a hostile `model.json` cannot send requests elsewhere with its weight paths.
 */
export function confinedFetch(modelUrl: string, fetchImpl: typeof fetch = (input, init) => fetch(input, init)): typeof fetch {
  const base = new URL('.', modelUrl);
  return (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, modelUrl);
    if (url.href !== new URL(modelUrl).href && (url.origin !== base.origin || !url.pathname.startsWith(base.pathname))) {
      return Promise.reject(new DataFormatError(modelUrl, `weight URL ${url.href} is outside the model's folder ${base.href}: refused.`));
    }
    return fetchImpl(input, init);
  };
}
