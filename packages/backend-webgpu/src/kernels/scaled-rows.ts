import * as tf from '@tensorflow/tfjs-core';
import { KERNEL_NAMES, writeScaledRows } from '@neuralkit/core';
import { gatherRowsProgram, rowsProgram } from './gather-rows.js';
import { runProgramInfo, type Program } from './program.js';
import { webgpuInternals } from './webgpu-internals.js';

/**
 * Rows `indices[r]` of a byte source held on the device as packed u32 words (four bytes a word,
 * little-endian), each byte through `table` (its scaled float32 value).
 */
function scaledByteRowsProgram(count: number, width: number): Program {
  return rowsProgram('neuralkitScaledByteRows', ['bytes', 'table', 'indices'], count, width, `
          let byte = (bitcast<u32>(bytes[at / 4]) >> (u32(at % 4) * 8u)) & 0xffu;
          setOutputAtIndex(index, table[byte]);`);
}

/** What one backend keeps on the device for this kernel: the sources' copies and the byte tables. */
interface DeviceCopies {
  sources: WeakMap<Uint8Array | Float32Array, tf.TensorInfo>;
  tables: Map<number, tf.TensorInfo>;
}

const copies = new WeakMap<tf.KernelBackend, DeviceCopies>();
// A source's device copy lives as long as the source: freed once the array is collected.
const release = new FinalizationRegistry<{ backend: tf.KernelBackend; dataId: object }>(({ backend, dataId }) => {
  try {
    backend.disposeData(dataId);
  } catch {
    // The backend was disposed first, and its memory with it.
  }
});

function deviceCopies(backend: tf.KernelBackend): DeviceCopies {
  let c = copies.get(backend);
  if (!c) copies.set(backend, (c = { sources: new WeakMap(), tables: new Map() }));
  return c;
}

/** The source on the device, uploaded on its first batch (bytes packed four to an int32). */
function sourceOnDevice(backend: tf.KernelBackend, source: Uint8Array | Float32Array): tf.TensorInfo {
  const c = deviceCopies(backend);
  let info = c.sources.get(source);
  if (!info) {
    const internals = webgpuInternals(backend);
    if (source instanceof Uint8Array) {
      const padded = new Uint8Array(Math.ceil(source.length / 4) * 4);
      padded.set(source);
      info = internals.makeTensorInfo([padded.length / 4], 'int32', new Int32Array(padded.buffer));
    } else {
      info = internals.makeTensorInfo([source.length], 'float32', source.slice());
    }
    c.sources.set(source, info);
    release.register(source, { backend, dataId: info.dataId });
  }
  return info;
}

/** The 256 scaled byte values, float32(byte · scale) as the host rounds them, on the device. */
function byteTable(backend: tf.KernelBackend, scale: number): tf.TensorInfo {
  const c = deviceCopies(backend);
  let info = c.tables.get(scale);
  if (!info) {
    const values = Float32Array.from({ length: 256 }, (_, b) => b * scale);
    c.tables.set(scale, (info = webgpuInternals(backend).makeTensorInfo([256], 'float32', values)));
  }
  return info;
}

interface Args {
  attrs?: tf.NamedAttrMap;
  backend: tf.KernelBackend;
}

/**
 * A batch of samples of a host dataset (`@neuralkit/data`'s byte-backed datasets): the source is
 * uploaded once, on its first batch, and each batch is one dispatch gathering and scaling its rows
 * on the device, with only the row indices uploaded. Bytes go through a table of the host's
 * float32 values, so a batch is bit for bit the host's; float sources are gathered as they are
 * (scale 1) or, scaled, made on the host (a float product on the GPU could round differently).
 */
export function scaledRows({ attrs, backend }: Args): tf.TensorInfo {
  const name = KERNEL_NAMES.scaledRows;
  const { source, indices, shape, scale } = (attrs ?? {}) as unknown as {
    source?: unknown;
    indices?: ArrayLike<number>;
    shape?: number[];
    scale?: number;
  };
  if (!(source instanceof Uint8Array || source instanceof Float32Array) || !indices || !Array.isArray(shape) || typeof scale !== 'number') {
    throw new Error(`${name}: expected the attrs source (Uint8Array or Float32Array), indices, shape and scale.`);
  }
  const width = shape.slice(1).reduce((a, b) => a * b, 1);
  const rows = width > 0 ? Math.floor(source.length / width) : 0;
  if (shape[0] !== indices.length) throw new Error(`${name}: shape [${shape}] does not hold ${indices.length} rows.`);
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k]!;
    if (!(Number.isInteger(i) && i >= 0 && i < rows)) throw new Error(`${name}: expected row indices in [0, ${rows}), received ${i}.`);
  }
  const internals = webgpuInternals(backend);
  if (source instanceof Float32Array && scale !== 1) {
    const out = new Float32Array(indices.length * width);
    writeScaledRows(source, indices, width, scale, out);
    return internals.makeTensorInfo(shape, 'float32', out);
  }
  const list = internals.makeTensorInfo([indices.length], 'int32', Int32Array.from(indices));
  try {
    const device = sourceOnDevice(backend, source);
    const out =
      source instanceof Uint8Array
        ? runProgramInfo(backend, scaledByteRowsProgram(indices.length, width), [device, byteTable(backend, scale), list])
        : runProgramInfo(backend, gatherRowsProgram(indices.length, width, false), [{ ...device, shape: [rows, width] }, list]);
    return { ...out, shape };
  } finally {
    // Freed after the dispatch that reads it is submitted (the backend defers it).
    backend.disposeData(list.dataId);
  }
}
