import { InvalidArgumentError } from '@neuralkit/core';
import { nodeImport } from './node-import.js';

let counter = 0;

/**
 * Writes `bytes` to `path` so that a failure or a crash leaves the previous file intact: a temporary
 * file beside the target, synced, then renamed over it. The temporary file is removed on failure.
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  const isNode = typeof process !== 'undefined' && process.versions?.node !== undefined;
  if (!isNode) {
    throw InvalidArgumentError.expected('save target', 'an in-memory target (saveToBytes) in the browser', path);
  }
  const [fs, nodePath] = await Promise.all([
    nodeImport<typeof import('node:fs/promises')>('node:fs/promises'),
    nodeImport<typeof import('node:path')>('node:path'),
  ]);
  counter += 1;
  const temp = nodePath.join(
    nodePath.dirname(path),
    `.${nodePath.basename(path)}.${process.pid}.${Date.now().toString(36)}.${counter}.tmp`,
  );
  try {
    const handle = await fs.open(temp, 'wx');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, path);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}
