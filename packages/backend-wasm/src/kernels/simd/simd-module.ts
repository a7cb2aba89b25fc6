import { emitLoop } from './simd-loop.js';
import { findVariant, SIMD_VARIANTS } from './simd-rules.js';
import { encodeModule } from './wasm-encoder.js';

/** The module's bytes: every SIMD update loop, importing the heap it works on. */
export function simdModuleBytes(): Uint8Array<ArrayBuffer> {
  return encodeModule(SIMD_VARIANTS.map((v) => emitLoop(v.name, v.spec)));
}

type Loop = (...args: number[]) => void;

let compiled: Promise<WebAssembly.Module | undefined> | undefined;
let ready: WebAssembly.Module | undefined;
/** One instance per heap (a re-created backend has a new memory). */
const instances = new WeakMap<WebAssembly.Memory, Record<string, Loop>>();

/**
 * Compiles the module once; resolves whether this runtime has WebAssembly SIMD (it validates the
 * module, so no SIMD means no compile and the scalar loops stay).
 */
export async function compileSimdModule(): Promise<boolean> {
  compiled ??= (async () => {
    const bytes = simdModuleBytes();
    if (typeof WebAssembly !== 'object' || !WebAssembly.validate(bytes)) return undefined;
    return (ready = await WebAssembly.compile(bytes));
  })();
  return (await compiled) !== undefined;
}

/**
 * The loops over `memory`, or undefined when they cannot run there: no SIMD, or a shared memory
 * (the threaded build), which the module's import does not declare.
 */
export function simdLoopsFor(memory: WebAssembly.Memory | undefined): Record<string, Loop> | undefined {
  if (ready === undefined || memory === undefined) return undefined;
  if (typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer) return undefined;
  let loops = instances.get(memory);
  if (loops === undefined) {
    loops = new WebAssembly.Instance(ready, { env: { memory } }).exports as unknown as Record<string, Loop>;
    instances.set(memory, loops);
  }
  return loops;
}

/** Byte offsets on the heap of the update's arrays: the inputs, and the fresh outputs by slot. */
export interface UpdatePointers {
  reads: Record<string, number>;
  writes: Record<string, number>;
}

/**
 * Runs the SIMD loop for this update over `n` elements; false when no loop matches its slots and
 * attrs (the caller then runs the scalar rule).
 */
export function runSimdUpdate(
  loops: Record<string, Loop>,
  update: { optimizer: string; n: number; pointers: UpdatePointers; attrs: Record<string, unknown> },
): boolean {
  const { optimizer, n, pointers, attrs } = update;
  const slots = Object.keys(pointers.reads).filter((k) => k !== 'gradient' && k !== 'variable');
  const variant = findVariant(optimizer, slots, attrs);
  const loop = variant && loops[variant.name];
  if (!variant || !loop) return false;
  const { reads, writes, params } = variant.spec;
  loop(n, ...reads.map((a) => pointers.reads[a]!), ...writes.map((a) => pointers.writes[a]!), ...params.map((p) => attrs[p] as number));
  return true;
}
