import { InvalidArgumentError } from '@neuralkit/core';
import { Callback, type CallbackHooks, type CallbackParams, type Logs } from './callback.js';

type Hook = Exclude<keyof CallbackHooks, 'setModel' | 'setParams'>;

/** A hook is "defined" when a plain object has it or a Callback subclass overrides it. */
function defines(cb: CallbackHooks, hook: Hook): boolean {
  const fn = cb[hook];
  if (typeof fn !== 'function') return false;
  return fn !== (Callback.prototype as CallbackHooks)[hook];
}

/**
 * Calls every callback's hook in order, awaiting those that return a Promise. Knows which
 * hooks anyone implements, so the training loop can skip building batch logs nobody reads.
 */
export class CallbackList {
  readonly callbacks: CallbackHooks[];

  constructor(callbacks: readonly CallbackHooks[] = []) {
    for (const cb of callbacks) {
      if (!cb || typeof cb !== 'object') {
        throw InvalidArgumentError.expected('callback', 'a Callback or an object with hooks such as onEpochEnd', cb);
      }
    }
    this.callbacks = [...callbacks];
  }

  setModel(model: unknown): void {
    for (const cb of this.callbacks) {
      if (typeof cb.setModel === 'function') cb.setModel(model);
      else (cb as { model?: unknown }).model = model;
    }
  }

  setParams(params: CallbackParams): void {
    for (const cb of this.callbacks) {
      if (typeof cb.setParams === 'function') cb.setParams(params);
      else (cb as { params?: unknown }).params = params;
    }
  }

  /** Whether any callback implements `hook`. */
  has(hook: Hook): boolean {
    return this.callbacks.some((cb) => defines(cb, hook));
  }

  /** Runs `hook` on every callback; awaits only when one returns a Promise. */
  call(hook: Hook, ...args: [number, Logs?] | [Logs?]): void | Promise<void> {
    for (let i = 0; i < this.callbacks.length; i++) {
      const cb = this.callbacks[i]!;
      if (!defines(cb, hook)) continue;
      const result = (cb[hook] as (...a: unknown[]) => unknown).apply(cb, args);
      if (result && typeof (result as Promise<void>).then === 'function') {
        return (result as Promise<void>).then(() => this.callFrom(i + 1, hook, args));
      }
    }
  }

  private async callFrom(start: number, hook: Hook, args: unknown[]): Promise<void> {
    for (let i = start; i < this.callbacks.length; i++) {
      const cb = this.callbacks[i]!;
      if (defines(cb, hook)) await (cb[hook] as (...a: unknown[]) => unknown).apply(cb, args);
    }
  }
}
