import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { CUDA_REQUIREMENT, TFJS_NODE_GPU } from './install-help.js';

/** The result of looking for a working tfjs-node-gpu: a problem, or the package folder. */
export type Probe = { ok: true; packageDir: string } | { ok: false; problem: string };

const require = createRequire(import.meta.url);

/**
 * Cheap file-system checks, in the order a user fixes them: Node, the package, its native
 * binding (absent when its install script did not run), and an NVIDIA driver. Never throws.
 */
export function probeInstallation(): Probe {
  const proc = (globalThis as { process?: { versions?: { node?: string }; platform?: string } }).process;
  if (!proc?.versions?.node) return { ok: false, problem: 'CUDA training needs Node.js; this runtime is not Node.' };
  let packageDir: string;
  try {
    packageDir = dirname(require.resolve(`${TFJS_NODE_GPU}/package.json`));
  } catch {
    return { ok: false, problem: `${TFJS_NODE_GPU} is not installed.` };
  }
  if (findBinding(packageDir) === undefined) {
    return {
      ok: false,
      problem: `${TFJS_NODE_GPU} is installed but its native binding (lib/napi-v*/tfjs_binding.node) is missing: its install script did not run.`,
    };
  }
  if (proc.platform === 'linux' && !existsSync('/proc/driver/nvidia/version')) {
    return { ok: false, problem: `No NVIDIA driver is loaded (/proc/driver/nvidia/version is missing); CUDA needs ${CUDA_REQUIREMENT}.` };
  }
  return { ok: true, packageDir };
}

function findBinding(packageDir: string): string | undefined {
  const lib = join(packageDir, 'lib');
  try {
    for (const entry of readdirSync(lib)) {
      const file = join(lib, entry, 'tfjs_binding.node');
      if (entry.startsWith('napi-v') && existsSync(file)) return file;
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/** GPU model names from the NVIDIA driver's proc files (Linux); empty elsewhere. */
export function gpuNames(): string[] {
  const root = '/proc/driver/nvidia/gpus';
  try {
    return readdirSync(root).flatMap((bus) => {
      const text = readFileSync(join(root, bus, 'information'), 'utf8');
      const model = /^Model:\s*(.+)$/m.exec(text)?.[1]?.trim();
      return model ? [model] : [];
    });
  } catch {
    return [];
  }
}

/** Loads tfjs-node-gpu (CommonJS) once; it registers the 'tensorflow' backend on load. */
export function loadTfjsNodeGpu(): { version: Record<string, string> } {
  return require(TFJS_NODE_GPU) as { version: Record<string, string> };
}
