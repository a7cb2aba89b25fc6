/** Whether this is Node (file system, caches) rather than a browser. */
export function isNode(): boolean {
  const p = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof p?.versions?.node === 'string';
}

/**
 * Imports a Node built-in by a name bundlers cannot see, so that browser bundles of the packages
 * never try to resolve `node:fs` and friends; callers reach it only on Node code paths (file paths).
 */
export async function importNodeBuiltin<T>(name: `node:${string}`): Promise<T> {
  return (await import(/* @vite-ignore */ /* webpackIgnore: true */ name)) as T;
}
