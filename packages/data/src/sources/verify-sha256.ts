import { DataFormatError, NeuralkitError } from '@neuralkit/core';
import { gunzip, isGzip } from '../idx/gunzip.js';

/**
 * Hex SHA-256 through WebCrypto (global in Node ≥ 19; in browsers only on secure pages,
 * https or localhost). `source` names the data in the error when WebCrypto is missing.
 */
export async function sha256Hex(bytes: Uint8Array, source = 'SHA-256 input'): Promise<string> {
  const subtle = (globalThis as { crypto?: { subtle?: SubtleCrypto } }).crypto?.subtle;
  if (subtle === undefined) {
    throw new NeuralkitError(
      `${source}: SHA-256 verification needs WebCrypto (crypto.subtle), which this runtime lacks: browsers offer it only on https or localhost pages.`,
      'WEBCRYPTO_MISSING',
    );
  }
  const digest = await subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Checks `bytes` against the accepted digests: of the bytes themselves, or, for gzip input,
 * of their decompressed contents (so a mirror that compresses differently still verifies).
 * Resolves to the uncompressed bytes; throws `DataFormatError` on a mismatch.
 */
export async function verifySha256(bytes: Uint8Array, accepted: readonly string[], source: string): Promise<Uint8Array> {
  const wanted = accepted.map((d) => d.toLowerCase());
  const digest = await sha256Hex(bytes, source);
  if (!isGzip(bytes)) {
    if (wanted.includes(digest)) return bytes;
    throw mismatch(source, wanted, digest);
  }
  let raw: Uint8Array;
  try {
    raw = await gunzip(bytes, source);
  } catch {
    throw mismatch(source, wanted, digest, ' (and the gzip data is corrupt)');
  }
  if (wanted.includes(digest) || wanted.includes(await sha256Hex(raw))) return raw;
  throw mismatch(source, wanted, digest);
}

function mismatch(source: string, wanted: string[], digest: string, note = ''): DataFormatError {
  return new DataFormatError(
    source,
    `SHA-256 mismatch: expected ${wanted.join(' or ')}, received ${digest}${note}. The download is damaged or not the expected file.`,
  );
}
