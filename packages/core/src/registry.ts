import { InvalidArgumentError, UnknownIdentifierError, describeValue } from './errors.js';
import {
  classNameOf,
  configToOptions,
  isConfigurable,
  isSerializedObject,
  type Configurable,
  type ConfigurableClass,
  type SerializedObject,
} from './serialization.js';

/** `MeanSquaredError`, `mean_squared_error`, `mean-squared-error` and `meanSquaredError` are one key. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[_\-\s]/g, '');
}

export type Identifier<T> = string | SerializedObject | T;

/**
 * One family's explicit registry (losses, optimizers, layers...): Keras's `get` and
 * `serialize`. Lookup tolerates case, `_` and `-`; aliases (`'mse'`) map to a class.
 *
 * ```ts
 * const losses = new Registry<Loss>('loss');
 * losses.register(MeanSquaredError, ['mse']);
 * losses.get('mse');                                        // new MeanSquaredError()
 * losses.get({ class_name: 'MeanSquaredError', config: {} });
 * losses.serialize(new MeanSquaredError());                 // { class_name, config }
 * ```
 */
export class Registry<T extends Configurable> {
  readonly family: string;
  private readonly classes = new Map<string, ConfigurableClass<T>>();
  private readonly displayNames: string[] = [];

  constructor(family: string) {
    this.family = family;
  }

  /** Adds a class under its `className` and any aliases. Re-registering the same name replaces it. */
  register(cls: ConfigurableClass<T>, aliases: readonly string[] = []): this {
    for (const name of [cls.className, ...aliases]) {
      const key = normalizeName(name);
      if (!this.classes.has(key)) this.displayNames.push(name);
      this.classes.set(key, cls);
    }
    return this;
  }

  has(name: string): boolean {
    return this.classes.has(normalizeName(name));
  }

  /** Every registered name and alias, as registered. */
  names(): string[] {
    return [...this.displayNames];
  }

  /** The class for a name or alias; throws UnknownIdentifierError listing the known names. */
  lookup(name: string): ConfigurableClass<T> {
    const cls = this.classes.get(normalizeName(name));
    if (!cls) throw new UnknownIdentifierError(this.family, name, this.displayNames);
    return cls;
  }

  /** A string, a `{ class_name, config }` object or an instance (returned as is). */
  get(id: Identifier<T>): T {
    if (typeof id === 'string') return new (this.lookup(id))();
    if (isSerializedObject(id)) return this.fromSerialized(id);
    if (isConfigurable(id)) return id;
    throw InvalidArgumentError.expected(
      `${this.family} identifier`,
      `a name, a { class_name, config } object or an instance`,
      id,
    );
  }

  fromSerialized(serialized: SerializedObject): T {
    const cls = this.lookup(serialized.class_name);
    const config = serialized.config ?? {};
    return cls.fromConfig ? cls.fromConfig(config) : new cls(configToOptions(config));
  }

  /** Keras's `{ class_name, config }` of an instance. */
  serialize(obj: T): SerializedObject {
    const className = classNameOf(obj);
    if (!className) {
      throw InvalidArgumentError.expected(`${this.family}`, 'an object whose class has a static className', obj);
    }
    return { class_name: className, config: obj.getConfig() };
  }
}

/** Throws when an options object has keys the class does not know (Keras rejects unknown kwargs). */
export function checkOptions(
  owner: string,
  options: object | undefined,
  known: readonly string[],
): void {
  if (!options) return;
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      throw new InvalidArgumentError(
        `Unknown option ${describeValue(key)} for ${owner}. Known options: ${known.join(', ')}.`,
      );
    }
  }
}
