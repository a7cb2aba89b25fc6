import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { encodeIdx } from '../src/idx/encode-idx.js';

export const NAMES = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
} as const;

export async function tempDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'neuralkit-data-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Byte images `[n, 28, 28]` whose pixel (i, 0, 0) is i, and the given labels. */
export function images(n: number): Uint8Array {
  const data = new Uint8Array(n * 784);
  for (let i = 0; i < n; i++) data[i * 784] = i;
  return encodeIdx({ dtype: 'uint8', shape: [n, 28, 28], data });
}

export function labels(values: number[]): Uint8Array {
  return encodeIdx({ dtype: 'uint8', shape: [values.length], data: values });
}

/** Writes a small four-file dataset; `replace` swaps any file's bytes, `gzip` compresses all. */
export async function writeSmallDataset(
  dir: string,
  options: { replace?: Partial<Record<keyof typeof NAMES, Uint8Array>>; gzip?: boolean } = {},
): Promise<void> {
  const files = {
    trainImages: images(3),
    trainLabels: labels([1, 2, 3]),
    testImages: images(2),
    testLabels: labels([9, 0]),
    ...options.replace,
  };
  for (const [key, bytes] of Object.entries(files)) {
    const name = NAMES[key as keyof typeof NAMES];
    await writeFile(join(dir, options.gzip ? `${name}.gz` : name), options.gzip ? gzipSync(bytes) : bytes);
  }
}
