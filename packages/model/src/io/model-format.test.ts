import { describe, expect, it } from 'vitest';
import {
  findLoadFormat,
  findSaveFormat,
  registerModelFormat,
  registeredModelFormats,
  type ModelFormat,
} from './model-format.js';

function fakeFormat(name: string, ext: string): ModelFormat {
  const accepts = (t: unknown): boolean => typeof t === 'string' && t.endsWith(ext);
  return {
    name,
    canSave: accepts,
    canLoad: accepts,
    save: async (_model, target) => ({ path: target as string, format: name }),
    load: async () => {
      throw new Error('not used');
    },
  };
}

describe('model format registry', () => {
  it('picks the format whose canSave/canLoad accepts the target; later registrations are asked first', () => {
    registerModelFormat(fakeFormat('test-a', '.aaa'));
    registerModelFormat(fakeFormat('test-b', '.bbb'));
    expect(findSaveFormat('m.aaa').name).toBe('test-a');
    expect(findLoadFormat('m.bbb').name).toBe('test-b');
    registerModelFormat(fakeFormat('test-c', '.aaa'));
    expect(findSaveFormat('m.aaa').name).toBe('test-c');
    // Replacing by name keeps one entry.
    registerModelFormat(fakeFormat('test-c', '.ccc'));
    expect(registeredModelFormats().filter((n) => n === 'test-c')).toHaveLength(1);
  });

  it('names the registered formats and points .h5 at @neuralkit/h5 when nothing accepts', () => {
    expect(() => findSaveFormat('model.h5')).toThrow(/import '@neuralkit\/h5'/);
    expect(() => findLoadFormat('model.keras')).toThrow(/Registered formats: .*test-a/);
    expect(() => findLoadFormat(42)).toThrow(/No model format can load from 42/);
  });
});
