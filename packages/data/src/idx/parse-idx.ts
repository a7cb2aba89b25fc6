import { decodeIdx, type DecodeIdxOptions } from './decode-idx.js';
import { gunzip, isGzip } from './gunzip.js';
import type { IdxArray } from './idx-types.js';

/**
 * Parses an IDX file, raw or gzip-compressed (detected by its magic bytes).
 *
 * ```ts
 * const { dtype, shape, data } = await parseIdx(bytes, { source: 'train-images-idx3-ubyte.gz' });
 * ```
 */
export async function parseIdx(
  bytes: Uint8Array | ArrayBuffer,
  options: DecodeIdxOptions = {},
): Promise<IdxArray> {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const raw = isGzip(view) ? await gunzip(view, options.source, options.maxBytes) : view;
  return decodeIdx(raw, options);
}
