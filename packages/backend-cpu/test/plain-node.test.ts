import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const fixture = fileURLToPath(new URL('./fixtures/gradient.mjs', import.meta.url));

describe('the built adapter in plain node', () => {
  it('computes a gradient through matMul, softmax and div on cpu, without the tfjs-node banner', () => {
    const run = spawnSync(process.execPath, [fixture], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout.trim().split('\n').pop()!);
    expect(result.backend).toBe('cpu');
    // f(x) = softmax(x·I / 2)[0] at x = [1, 2]: z = [0.5, 1], p0 = 1 / (1 + e^0.5) = 0.377540669,
    // p1 = 0.622459331; df/dx = [p0·(1 − p0), −p0·p1] / 2 = [0.117501856, −0.117501856].
    expect(result.dx[0]).toBeCloseTo(0.117501856, 6);
    expect(result.dx[1]).toBeCloseTo(-0.117501856, 6);
    expect(run.stdout).not.toContain('Hi, looks like');
  });
});
