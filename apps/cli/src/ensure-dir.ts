import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Creates the folder an output file goes into, as users expect of `--out a/b/model.json`. */
export async function ensureParentDir(path: string | undefined): Promise<void> {
  if (path) await mkdir(dirname(path), { recursive: true });
}
