/** Keras's serialized form of any configurable object: `{ class_name, config }`. */
export interface SerializedObject {
  class_name: string;
  config: Record<string, unknown>;
  /** Keras 3 writes these two; accepted and ignored on reading. */
  module?: string | null;
  registered_name?: string | null;
}

/** What every loss, optimizer, schedule, layer, activation, initializer and metric is. */
export interface Configurable {
  getConfig(): Record<string, unknown>;
}

/** A class a registry can hold: `static className` and a one-options-object constructor. */
export interface ConfigurableClass<T extends Configurable = Configurable> {
  readonly className: string;
  new (options?: any): T;
  /** Optional: builds an instance from Keras's snake_case config (default: camelCase keys). */
  fromConfig?(config: Record<string, unknown>): T;
}

export function isSerializedObject(value: unknown): value is SerializedObject {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as SerializedObject).class_name === 'string' &&
    ((value as SerializedObject).config === undefined || typeof (value as SerializedObject).config === 'object')
  );
}

export function isConfigurable(value: unknown): value is Configurable {
  return value !== null && typeof value === 'object' && typeof (value as Configurable).getConfig === 'function';
}

/** The `className` of an instance's class (checked by name, never `instanceof`). */
export function classNameOf(value: object): string | undefined {
  const name = (value.constructor as { className?: unknown } | undefined)?.className;
  return typeof name === 'string' ? name : undefined;
}

export function snakeToCamel(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

export function camelToSnake(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/** Shallow key conversion of a Keras config into constructor options; prototype keys are dropped. */
export function configToOptions(config: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    const option = snakeToCamel(key);
    // `out.__proto__ = value` would replace out's prototype rather than add an option.
    if (option === '__proto__' || option === 'constructor' || option === 'prototype') continue;
    out[option] = value;
  }
  return out;
}
