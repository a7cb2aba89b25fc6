import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
  /** stdout's JSON lines, parsed. */
  json: Array<Record<string, any>>;
}

/**
 * The child's environment: plain text, as a pipe shows it (picocolors colours even pipes when
 * CI is set, which would put escape codes between the words the tests match).
 */
export const PLAIN_ENV = { ...process.env, NO_COLOR: '1' };

/** Runs the built CLI in a child `node`, as a user would. */
export function neuralkit(
  args: string[],
  options: { timeout?: number; cwd?: string; env?: Record<string, string> } = {},
): CliResult {
  const run = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    timeout: options.timeout ?? 120_000,
    cwd: options.cwd,
    env: { ...PLAIN_ENV, ...options.env },
  });
  const json = run.stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, json };
}

export { spawn };
