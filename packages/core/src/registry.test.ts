import { describe, expect, it } from 'vitest';
import { Registry, checkOptions, normalizeName } from './registry.js';
import { UnknownIdentifierError } from './errors.js';

class MeanSquaredError {
  static readonly className = 'MeanSquaredError';
  readonly name: string;
  constructor(options: { name?: string } = {}) {
    this.name = options.name ?? 'mean_squared_error';
  }
  getConfig() {
    return { name: this.name, reduction: 'sum_over_batch_size' };
  }
}

class Huber {
  static readonly className = 'Huber';
  readonly delta: number;
  constructor(options: { delta?: number } = {}) {
    this.delta = options.delta ?? 1;
  }
  getConfig() {
    return { delta: this.delta };
  }
}

function makeRegistry() {
  return new Registry<MeanSquaredError | Huber>('loss')
    .register(MeanSquaredError, ['mse', 'mean_squared_error'])
    .register(Huber);
}

describe('Registry', () => {
  it('normalizes case, underscores and dashes', () => {
    expect(normalizeName('Mean_Squared-Error')).toBe('meansquarederror');
  });

  it('gets by class name, snake_case, camelCase and alias', () => {
    const reg = makeRegistry();
    for (const id of ['MeanSquaredError', 'mean_squared_error', 'meanSquaredError', 'mse', 'MSE']) {
      expect(reg.get(id)).toBeInstanceOf(MeanSquaredError);
    }
  });

  it('builds from { class_name, config } with snake_case keys turned into options', () => {
    const reg = makeRegistry();
    const h = reg.get({ class_name: 'Huber', config: { delta: 2.5 } }) as Huber;
    expect(h.delta).toBe(2.5);
    expect(reg.serialize(h)).toEqual({ class_name: 'Huber', config: { delta: 2.5 } });
  });

  it('returns instances as they are', () => {
    const reg = makeRegistry();
    const h = new Huber({ delta: 3 });
    expect(reg.get(h)).toBe(h);
  });

  it('lists the known names for an unknown one', () => {
    const reg = makeRegistry();
    expect(() => reg.get('msq')).toThrowError(UnknownIdentifierError);
    expect(() => reg.get('msq')).toThrowError(/Unknown loss: "msq"\. Known loss names: MeanSquaredError, mse, Huber\./);
  });

  it('rejects a value that is no identifier', () => {
    expect(() => makeRegistry().get(42 as never)).toThrowError(/Invalid loss identifier: expected a name.*received 42/);
  });

  it('checkOptions names the owner, the bad key and the known keys', () => {
    expect(() => checkOptions('Huber', { delta: 1, detla: 2 }, ['delta', 'name'])).toThrowError(
      'Unknown option "detla" for Huber. Known options: delta, name.',
    );
    expect(() => checkOptions('Huber', { delta: 1 }, ['delta'])).not.toThrow();
  });
});
