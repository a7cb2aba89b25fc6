import { BackendUnavailableError, registeredBackends, useBackend } from '@neuralkit/core';
import { describe, expect, it } from 'vitest';
import { webglBackend } from './index.js';

describe('webglBackend in Node', () => {
  it('registers itself as "webgl" on import', () => {
    expect(webglBackend().name).toBe('webgl');
    expect(registeredBackends()).toContain('webgl');
  });

  it('is not available (no WebGL2 context) and says to use wasm or cpu', async () => {
    const backend = webglBackend();
    await expect(backend.isAvailable()).resolves.toBe(false);
    await expect(backend.unavailableReason?.()).resolves.toMatch(/needs a browser.*wasm or cpu/);
  });

  it('makes useBackend fail with BackendUnavailableError, and auto skip it', async () => {
    await expect(useBackend(webglBackend())).rejects.toThrowError(BackendUnavailableError);
    await expect(useBackend('webgl')).rejects.toThrowError(/needs a browser/);
  });
});
