import { findSharedLibrary, isNode } from '@neuralkit/core';

/** The npm package that gives Node a WebGPU implementation (Dawn), and the version tested. */
export const NODE_WEBGPU_PACKAGE = 'webgpu';
export const NODE_WEBGPU_VERSION = '0.6.2';

type Gpu = { requestAdapter(options?: { powerPreference?: string }): Promise<Adapter | null> };
export interface Adapter {
  readonly info?: { vendor?: string; architecture?: string; device?: string; description?: string };
  readonly features?: ReadonlySet<string>;
}
type NodeWebgpu = { create(flags: string[]): Gpu; globals: Record<string, unknown> };

/** A GPU adapter, or the sentence that says why there is none. */
export type AdapterProbe = { ok: true; adapter: Adapter } | { ok: false; problem: string };

let probed: Promise<AdapterProbe> | undefined;

/**
 * Finds the WebGPU entry point (the page's `navigator.gpu`, or Dawn from the `webgpu`
 * package in Node, installed as `navigator.gpu` with WebGPU's constants as globals, as
 * tfjs-backend-webgpu expects before it is imported) and asks it for an adapter, once.
 * Never throws.
 */
export function probeAdapter(): Promise<AdapterProbe> {
  probed ??= findAdapter().catch((error: unknown) => ({
    ok: false as const,
    problem: `WebGPU failed while looking for an adapter: ${(error as Error)?.message ?? String(error)}`,
  }));
  return probed;
}

async function findAdapter(): Promise<AdapterProbe> {
  const gpu = isNode() ? await nodeGpu() : browserGpu();
  if (typeof gpu === 'string') return { ok: false, problem: gpu };
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (adapter) return { ok: true, adapter };
  return { ok: false, problem: isNode() ? await noNodeAdapter() : 'This browser has WebGPU but gave no GPU adapter (blocklisted or disabled GPU).' };
}

function browserGpu(): Gpu | string {
  const gpu = (globalThis as { navigator?: { gpu?: Gpu } }).navigator?.gpu;
  if (gpu) return gpu;
  return 'This browser has no WebGPU (navigator.gpu is missing): use a current Chrome or Edge, or webgl/wasm.';
}

async function nodeGpu(): Promise<Gpu | string> {
  const existing = (globalThis as { navigator?: { gpu?: Gpu } }).navigator?.gpu;
  if (existing) return existing;
  let dawn: NodeWebgpu;
  try {
    dawn = (await import(/* @vite-ignore */ /* webpackIgnore: true */ NODE_WEBGPU_PACKAGE)) as NodeWebgpu;
  } catch (error) {
    const message = String((error as Error)?.message ?? error).split('\n')[0] ?? '';
    const missing = /Cannot find (package|module)/.test(message);
    return missing
      ? `WebGPU in Node needs the optional package ${NODE_WEBGPU_PACKAGE} (Dawn): \`npm install ${NODE_WEBGPU_PACKAGE}@${NODE_WEBGPU_VERSION}\`.`
      : `The ${NODE_WEBGPU_PACKAGE} package (Dawn) failed to load on this platform: ${message}`;
  }
  const gpu = dawn.create([]);
  installGlobals(gpu, dawn.globals);
  return gpu;
}

/** What tfjs-backend-webgpu reads from the global scope: `navigator.gpu` and `GPUBufferUsage` & co. */
function installGlobals(gpu: Gpu, constants: Record<string, unknown>): void {
  const g = globalThis as unknown as Record<string, unknown> & { navigator?: object };
  for (const [name, value] of Object.entries(constants)) if (!(name in g)) g[name] = value;
  if (g.navigator) Object.defineProperty(g.navigator, 'gpu', { value: gpu, configurable: true });
  else g.navigator = { gpu };
}

/** Dawn on Linux reaches GPUs through Vulkan: say whether the loader or a driver is what is missing. */
async function noNodeAdapter(): Promise<string> {
  const proc = (globalThis as { process?: { platform?: string } }).process;
  const prefix = 'Dawn (the webgpu package) found no GPU adapter';
  if (proc?.platform === 'linux' && (await findSharedLibrary('libvulkan.so.1')) === undefined) {
    return `${prefix}: the Vulkan loader libvulkan.so.1 is not installed (Debian/Ubuntu: apt-get install libvulkan1; the GPU's Vulkan driver comes with its graphics driver).`;
  }
  return `${prefix}: no Vulkan, Metal or D3D12 driver here reported a GPU (check \`vulkaninfo --summary\`, or VK_DRIVER_FILES for NVIDIA's nvidia_icd.json).`;
}
