import type { Group } from 'h5wasm';
import { zipSync } from 'fflate';
import { createH5Bytes } from './h5-runtime.js';
import type { StoredLayer } from './keras-file.js';
import { toSnakeCase } from './read-keras-archive.js';

/** The Keras 3 version whose `.keras` layout is written. */
export const WRITTEN_KERAS3_VERSION = '3.10.0';

/** What a `.keras` archive is written from: Keras 3's model config and the layers' weights. */
export interface KerasArchiveContent {
  /** `{ module, class_name: 'Sequential', config, registered_name, build_config }`. */
  config: Record<string, unknown>;
  /** Every layer but the InputLayer, in model order, with its weights in Keras's variable order. */
  layers: Array<StoredLayer & { className: string }>;
}

function varsGroup(parent: Group, owner: string): Group {
  const vars = parent.create_group('vars');
  vars.create_attribute('name', owner, null, 'S');
  return vars;
}

/** `layers/<snake_case class>[_n]/vars/<i>`, numbered by class as Keras names the saved layers. */
function writeLayers(root: Group, layers: KerasArchiveContent['layers']): void {
  const group = root.create_group('layers');
  const seen = new Map<string, number>();
  for (const layer of layers) {
    const base = toSnakeCase(layer.className);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    const key = count === 0 ? base : `${base}_${count}`;
    const vars = varsGroup(group.create_group(key), key);
    layer.weights.forEach((weight, i) => {
      // int8 kernels as int8 datasets; float16 weights stay float32 datasets holding float16 values
      // (h5wasm cannot write float16), which Keras casts on load.
      const data = weight.dtype === 'int8' ? Int8Array.from(weight.data) : Float32Array.from(weight.data);
      vars.create_dataset({ name: String(i), data, shape: weight.shape, dtype: weight.dtype === 'int8' ? '<b' : '<f' });
    });
  }
}

/**
 * A Keras 3 `.keras` archive: `metadata.json`, `config.json` and `model.weights.h5` with one
 * `layers/<key>/vars` group per layer (int8 kernels, bias, kernel_scale for quantized Dense).
 * No optimizer state is written, so the archive loads uncompiled.
 */
export async function writeKerasArchive(content: KerasArchiveContent, dateSaved = new Date()): Promise<Uint8Array> {
  const weights = await createH5Bytes((file) => {
    writeLayers(file, content.layers);
    varsGroup(file, 'vars');
  });
  const pad = (n: number) => String(n).padStart(2, '0');
  const d = dateSaved;
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}@${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
  return zipSync({
    'metadata.json': encode({ keras_version: WRITTEN_KERAS3_VERSION, date_saved: date }),
    'config.json': encode(content.config),
    'model.weights.h5': weights,
  });
}
