import { DataFormatError, importNodeBuiltin, isNode } from '@neuralkit/core';

/**
 * The most bytes gunzip inflates by default: the MNIST training images are 47 MB inflated, so a
 * file past this is a gzip bomb (a few KB that inflate to gigabytes), refused before it fills memory.
 */
export const MAX_GUNZIP_BYTES = 512 * 2 ** 20;

/** Whether `bytes` start with gzip's magic bytes 1f 8b (an IDX file starts with 00 00). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

class TooLargeError extends Error {}

/**
 * Decompresses gzip bytes: with node:zlib in Node, with `DecompressionStream` in browsers, stopping
 * with a clear error once the output would pass `maxBytes`.
 * node:zlib is imported lazily, out of bundlers' sight, so browser bundles never load it.
 */
export async function gunzip(bytes: Uint8Array, source = 'gzip data', maxBytes = MAX_GUNZIP_BYTES): Promise<Uint8Array> {
  try {
    return isNode() ? await gunzipNode(bytes, maxBytes) : await gunzipWeb(bytes, maxBytes);
  } catch (cause) {
    if (cause instanceof TooLargeError || (cause as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new DataFormatError(
        source,
        `gzip data inflates to more than ${maxBytes} bytes (from ${bytes.length} compressed): refused as a gzip bomb.`,
        { cause },
      );
    }
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new DataFormatError(source, `corrupt gzip data: ${reason}.`, { cause });
  }
}

async function gunzipNode(bytes: Uint8Array, maxBytes: number): Promise<Uint8Array> {
  const zlib = await importNodeBuiltin<typeof import('node:zlib')>('node:zlib');
  const out = await new Promise<Uint8Array>((resolve, reject) => {
    zlib.gunzip(bytes, { maxOutputLength: maxBytes }, (error, result) => (error ? reject(error) : resolve(result)));
  });
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

/** The browser path, exported for its test (Node has `DecompressionStream` too). */
export async function gunzipWeb(bytes: Uint8Array, maxBytes = MAX_GUNZIP_BYTES): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new TooLargeError(`more than ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
