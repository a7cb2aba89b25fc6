/**
 * A minimal WebAssembly binary encoder: just the sections the SIMD optimizer module needs (type,
 * an imported memory, functions, exports, code). Hand-rolled so the package needs no toolchain.
 */

export type ValueType = 0x7f | 0x7d | 0x7b;
export const I32: ValueType = 0x7f;
export const F32: ValueType = 0x7d;
export const V128: ValueType = 0x7b;

/** Unsigned LEB128. */
export function uleb(value: number): number[] {
  const out: number[] = [];
  let v = value >>> 0;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return out;
}

/** Signed LEB128 (32-bit values). */
export function sleb(value: number): number[] {
  const out: number[] = [];
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    const done = (v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const name = (s: string): number[] => vec([...s].map((c) => [c.charCodeAt(0)]));
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];

export interface FunctionDef {
  /** The export name. */
  name: string;
  params: ValueType[];
  /** The declared locals beyond the parameters, in index order. */
  locals: ValueType[];
  /** The instructions, without the final `end`. */
  body: number[];
}

/** Run-length groups of locals, as the code section declares them. */
function localGroups(locals: ValueType[]): number[][] {
  const groups: number[][] = [];
  for (let i = 0; i < locals.length; ) {
    let j = i;
    while (j < locals.length && locals[j] === locals[i]) j++;
    groups.push([...uleb(j - i), locals[i]!]);
    i = j;
  }
  return groups;
}

/**
 * A module importing `env.memory` (unshared, no maximum: it accepts any non-shared memory) and
 * exporting `functions`, each of type `(params) -> ()`.
 */
export function encodeModule(functions: readonly FunctionDef[]): Uint8Array<ArrayBuffer> {
  const types = section(1, vec(functions.map((f) => [0x60, ...vec(f.params.map((t) => [t])), 0])));
  const imports = section(2, vec([[...name('env'), ...name('memory'), 0x02, 0x00, 0x00]]));
  const funcs = section(3, vec(functions.map((_, i) => uleb(i))));
  const exports = section(7, vec(functions.map((f, i) => [...name(f.name), 0x00, ...uleb(i)])));
  const code = section(
    10,
    vec(
      functions.map((f) => {
        const body = [...vec(localGroups(f.locals)), ...f.body, 0x0b];
        return [...uleb(body.length), ...body];
      }),
    ),
  );
  const header = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  return new Uint8Array([...header, ...types, ...imports, ...funcs, ...exports, ...code]);
}
