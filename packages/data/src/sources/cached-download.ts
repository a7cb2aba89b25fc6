import { importNodeBuiltin } from '@neuralkit/core';
import { fetchBytes } from './fetch-bytes.js';
import { verifySha256 } from './verify-sha256.js';

export interface CachedDownloadOptions {
  url: string;
  cacheDir: string;
  /** The file's name in the cache folder. */
  fileName: string;
  sha256: readonly string[];
}

/**
 * Returns the verified, uncompressed bytes of `url`, downloading at most once (Node).
 * A cached copy is used when it still matches its digest. A download goes to a temporary
 * file beside the target, is verified, and only then renamed into place, so the cache
 * never holds a partial or wrong file.
 */
export async function cachedDownload(options: CachedDownloadOptions): Promise<{ bytes: Uint8Array; source: string }> {
  const { mkdir, rename, rm, writeFile } = await importNodeBuiltin<typeof import('node:fs/promises')>('node:fs/promises');
  const { join } = await importNodeBuiltin<typeof import('node:path')>('node:path');
  const path = join(options.cacheDir, options.fileName);
  const cached = await readIfPresent(path);
  if (cached) {
    try {
      return { bytes: await verifySha256(cached, options.sha256, path), source: path };
    } catch {
      // A damaged cached copy: fetch it again below.
    }
  }
  await mkdir(options.cacheDir, { recursive: true });
  const bytes = await fetchBytes(options.url);
  const temp = `${path}.${process.pid}-${Date.now().toString(36)}.download`;
  await writeFile(temp, bytes);
  let raw: Uint8Array;
  try {
    raw = await verifySha256(bytes, options.sha256, options.url);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await rename(temp, path);
  return { bytes: raw, source: path };
}

async function readIfPresent(path: string): Promise<Uint8Array | undefined> {
  const { readFile } = await importNodeBuiltin<typeof import('node:fs/promises')>('node:fs/promises');
  try {
    const buffer = await readFile(path);
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  } catch {
    return undefined;
  }
}
