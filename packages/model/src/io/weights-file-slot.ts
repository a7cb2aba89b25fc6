import { importNodeBuiltin } from '@neuralkit/core';

type FsPromises = typeof import('node:fs/promises');
type PathModule = typeof import('node:path');

/**
 * The two names a model's weights file takes in turn (`model.weights.bin`, `model.weights.2.bin`).
 * A save writes the name the current `model.json` does not use, then renames the new model.json
 * over the old one: that one rename replaces the pair as a unit, and a crash at any point leaves
 * the old pair or the new one, never the new JSON with old weights or the reverse.
 */
export async function weightsFileSlots(jsonPath: string): Promise<{ next: string; other: string }> {
  const [fs, path] = await Promise.all([
    importNodeBuiltin<FsPromises>('node:fs/promises'),
    importNodeBuiltin<PathModule>('node:path'),
  ]);
  const base = path.basename(jsonPath).replace(/\.json$/i, '');
  const first = `${base}.weights.bin`;
  const second = `${base}.weights.2.bin`;
  const current = await currentWeightsName(fs, path, jsonPath);
  return current === first ? { next: second, other: first } : { next: first, other: second };
}

/** The weights file name the existing model.json at `jsonPath` names, if any. */
async function currentWeightsName(fs: FsPromises, path: PathModule, jsonPath: string): Promise<string | undefined> {
  try {
    const json = JSON.parse(await fs.readFile(jsonPath, 'utf8')) as { weightsManifest?: Array<{ paths?: unknown[] }> };
    const first = json.weightsManifest?.[0]?.paths?.[0];
    return typeof first === 'string' ? path.posix.basename(first) : undefined;
  } catch {
    return undefined;
  }
}
