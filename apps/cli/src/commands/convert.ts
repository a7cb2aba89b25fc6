import { ensureParentDir } from '../ensure-dir.js';
import { UsageError } from '../errors.js';
import { loadSavedModel } from '../libraries.js';
import type { Output } from '../output.js';

export interface ConvertOptions {
  to: 'h5' | 'tfjs';
  out: string;
}

/** `neuralkit convert MODEL --to h5|tfjs --out PATH`. */
export async function convertCommand(out: Output, path: string, options: ConvertOptions): Promise<void> {
  const wanted = options.to === 'h5' ? /\.h5$/i : /\.json$/i;
  if (!wanted.test(options.out)) {
    const example = options.to === 'h5' ? 'model.h5' : 'model.json';
    throw new UsageError(`--out for --to ${options.to} expected a path like ${example}, received "${options.out}".`);
  }
  await (await import('../select-backend.js')).selectBackend('cpu');
  const model = await loadSavedModel(path);
  await ensureParentDir(options.out);
  const saved = await model.save(options.out);
  out.record({ saved: saved.path ?? options.out, format: saved.format });
  out.say(`Saved ${saved.path ?? options.out} (${saved.format})`);
}
