type Instantiate = typeof WebAssembly.instantiate;
type InstantiateStreaming = typeof WebAssembly.instantiateStreaming;

function instanceOf(result: WebAssembly.Instance | WebAssembly.WebAssemblyInstantiatedSource): WebAssembly.Instance {
  return result instanceof WebAssembly.Instance ? result : result.instance;
}

/**
 * Runs `load` while recording every WebAssembly instance created through `WebAssembly.instantiate`
 * or `instantiateStreaming`, then puts both functions back. Emscripten modules keep their instance
 * private; this is how the HDF5 runtime reaches its stack pointer (see h5-library-state.ts). The
 * wrappers pass every call through unchanged, so other modules instantiating meanwhile are unaffected.
 */
export async function captureInstances<T>(load: () => Promise<T>): Promise<{ value: T; instances: WebAssembly.Instance[] }> {
  const instances: WebAssembly.Instance[] = [];
  const wasm = WebAssembly as { instantiate: Instantiate; instantiateStreaming?: InstantiateStreaming };
  const instantiate = wasm.instantiate;
  const instantiateStreaming = wasm.instantiateStreaming;
  wasm.instantiate = (async (...args: Parameters<Instantiate>) => {
    const result = await (instantiate as (...a: unknown[]) => Promise<WebAssembly.Instance | WebAssembly.WebAssemblyInstantiatedSource>)(...args);
    instances.push(instanceOf(result));
    return result;
  }) as Instantiate;
  if (instantiateStreaming) {
    wasm.instantiateStreaming = (async (...args: Parameters<InstantiateStreaming>) => {
      const result = await instantiateStreaming(...args);
      instances.push(result.instance);
      return result;
    }) as InstantiateStreaming;
  }
  try {
    return { value: await load(), instances };
  } finally {
    wasm.instantiate = instantiate;
    if (instantiateStreaming) wasm.instantiateStreaming = instantiateStreaming;
  }
}
