import { DataFormatError, importNodeBuiltin, isNode } from '@neuralkit/core';

/** Whether `bytes` start with gzip's magic bytes 1f 8b (an IDX file starts with 00 00). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Decompresses gzip bytes: with node:zlib in Node, with `DecompressionStream` in browsers.
 * node:zlib is imported lazily, out of bundlers' sight, so browser bundles never load it.
 */
export async function gunzip(bytes: Uint8Array, source = 'gzip data'): Promise<Uint8Array> {
  try {
    return isNode() ? await gunzipNode(bytes) : await gunzipWeb(bytes);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new DataFormatError(source, `corrupt gzip data: ${reason}.`, { cause });
  }
}

async function gunzipNode(bytes: Uint8Array): Promise<Uint8Array> {
  const zlib = await importNodeBuiltin<typeof import('node:zlib')>('node:zlib');
  const out = await new Promise<Uint8Array>((resolve, reject) => {
    zlib.gunzip(bytes, (error, result) => (error ? reject(error) : resolve(result)));
  });
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

/** The browser path, exported for its test (Node has `DecompressionStream` too). */
export async function gunzipWeb(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
