/** The parts of the HDF5 runtime's Emscripten file system that a reset touches. */
interface StreamTable {
  streams: ({ fd: number } | null | undefined)[];
  close(stream: { fd: number }): void;
}

interface LibraryExports {
  memory: WebAssembly.Memory;
  __stack_pointer: WebAssembly.Global;
  emscripten_get_sbrk_ptr: () => number;
}

function libraryExports(instance: WebAssembly.Instance): LibraryExports | undefined {
  const exports = instance.exports as Partial<Record<string, unknown>>;
  const looksLikeHdf5 = typeof exports.H5free_memory === 'function';
  if (
    looksLikeHdf5 &&
    exports.memory instanceof WebAssembly.Memory &&
    exports.__stack_pointer instanceof WebAssembly.Global &&
    typeof exports.emscripten_get_sbrk_ptr === 'function'
  ) {
    return exports as unknown as LibraryExports;
  }
  return undefined;
}

/**
 * The HDF5 library's state as it was when the runtime started, and the way back to it.
 *
 * HDF5 reports errors by throwing from inside the C library, so the frames it leaves never run
 * their cleanup: each failed read leaks ~1 KB of stack and leaves library structures half made
 * (an API context still pushed, a file half open). After ~2,300 failed reads the stack runs into the
 * library's static data and later reads fail or hang inside `malloc`. Putting memory, stack pointer
 * and open file descriptors back after every read gives each file a library in its first state.
 */
export class LibraryState {
  private readonly heap: Uint8Array;
  private readonly stackPointer: number | bigint;
  private readonly openFds: Set<number>;

  private constructor(private readonly exports: LibraryExports, fs: StreamTable) {
    this.heap = new Uint8Array(exports.memory.buffer, 0, this.currentBreak()).slice();
    this.stackPointer = exports.__stack_pointer.value as number | bigint;
    this.openFds = new Set(fs.streams.filter((s) => s).map((s) => s!.fd));
  }

  /** The top of the memory malloc has taken from the system (the program break). */
  private currentBreak(): number {
    return new DataView(this.exports.memory.buffer).getUint32(this.exports.emscripten_get_sbrk_ptr(), true);
  }

  /** The state of the instance among `instances` that is the HDF5 library, or undefined if none is. */
  static find(instances: readonly WebAssembly.Instance[], fs: StreamTable): LibraryState | undefined {
    for (const instance of instances) {
      const exports = libraryExports(instance);
      if (exports) return new LibraryState(exports, fs);
    }
    return undefined;
  }

  /** Puts the library back as it was. Only call it when no HDF5 file is open. */
  restore(fs: StreamTable): void {
    // Everything below the first break: static data, stack, and malloc's own state (the break
    // itself included). Memory above it is unallocated again, and malloc hands it out as
    // uninitialised memory (calloc clears what it returns), so it is left as it is: zeroing it
    // cost more than the read once a large file had grown memory to gigabytes.
    new Uint8Array(this.exports.memory.buffer).set(this.heap);
    this.exports.__stack_pointer.value = this.stackPointer;
    for (const stream of fs.streams) {
      if (stream && !this.openFds.has(stream.fd)) fs.close(stream);
    }
  }

  /** How far the stack pointer is from where it started (0 after a restore). */
  stackDrift(): number {
    return Number(this.exports.__stack_pointer.value) - Number(this.stackPointer);
  }
}
