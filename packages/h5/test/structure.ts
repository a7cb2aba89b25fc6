import type { Dataset, Group } from 'h5wasm';
import { h5Runtime } from '../src/h5-runtime.js';

/** How an attribute is stored: type class, string length kind and character set, shape. */
function attributeKind(group: Group | Dataset, name: string): string {
  const meta = group.attrs[name]!.metadata;
  const kind = meta.type === 3 ? `string/${meta.vlen ? 'vlen' : 'fixed'}/${meta.cset === 1 ? 'utf8' : 'ascii'}` : `type${meta.type}/${meta.size}`;
  return `${kind} [${(meta.shape ?? []).join(',')}]`;
}

/**
 * The HDF5 layout of a file as `path → description` lines: groups with their attribute kinds,
 * datasets with dtype and shape. Values are left out: two files of the same architecture compare equal.
 */
export async function h5Structure(bytes: Uint8Array): Promise<Record<string, string>> {
  const { h5wasm, module } = await h5Runtime();
  const path = `/structure-${Math.random().toString(36).slice(2)}.h5`;
  module.FS.writeFile(path, bytes);
  const file = new h5wasm.File(path, 'r');
  const out: Record<string, string> = {};
  const visit = (entity: Group | Dataset): void => {
    const attrs = Object.keys(entity.attrs).sort().map((a) => `${a}: ${attributeKind(entity, a)}`);
    if (entity.type === 'Dataset') {
      const ds = entity as Dataset;
      out[entity.path] = `dataset ${String(ds.dtype)} [${(ds.shape ?? []).join(',')}] {${attrs.join('; ')}}`;
      return;
    }
    out[entity.path] = `group {${attrs.join('; ')}}`;
    for (const key of (entity as Group).keys()) visit((entity as Group).get(key) as Group | Dataset);
  };
  try {
    visit(file);
  } finally {
    file.close();
    module.FS.unlink(path);
  }
  return out;
}
