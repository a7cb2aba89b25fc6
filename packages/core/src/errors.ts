/** Renders a received value for an error message: short, and never `[object Object]`. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'function') return `function ${value.name || '(anonymous)'}`;
  if (Array.isArray(value)) return `[${value.map(describeValue).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const shape = (value as { shape?: unknown }).shape;
    if (Array.isArray(shape)) return `a tensor of shape [${shape.join(', ')}]`;
    try {
      const text = JSON.stringify(value);
      return text.length > 120 ? `${text.slice(0, 117)}...` : text;
    } catch {
      return Object.prototype.toString.call(value);
    }
  }
  return String(value);
}

/** Base of every error neuralkit throws on purpose; `code` is stable for programs to check. */
export class NeuralkitError extends Error {
  readonly code: string;
  constructor(message: string, code = 'NEURALKIT_ERROR', options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** An argument or option with a wrong value: says which, what was expected, what was received. */
export class InvalidArgumentError extends NeuralkitError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, 'INVALID_ARGUMENT', options);
  }

  /** "Invalid `units`: expected a positive integer, received 0." */
  static expected(what: string, expected: string, received: unknown): InvalidArgumentError {
    return new InvalidArgumentError(`Invalid ${what}: expected ${expected}, received ${describeValue(received)}.`);
  }
}

/** Tensors whose shapes do not fit together. */
export class ShapeError extends NeuralkitError {
  constructor(message: string) {
    super(message, 'SHAPE_MISMATCH');
  }
}

/** A name (loss, optimizer, layer...) that no registry knows; lists the known ones. */
export class UnknownIdentifierError extends NeuralkitError {
  readonly known: readonly string[];
  constructor(family: string, received: unknown, known: readonly string[]) {
    super(
      `Unknown ${family}: ${describeValue(received)}. Known ${family} names: ${known.join(', ')}.`,
      'UNKNOWN_IDENTIFIER',
    );
    this.known = known;
  }
}

/** A backend that cannot run here; the message says what is missing and how to get it. */
export class BackendUnavailableError extends NeuralkitError {
  readonly backend: string;
  constructor(backend: string, message: string, options?: { cause?: unknown }) {
    super(message, 'BACKEND_UNAVAILABLE', options);
    this.backend = backend;
  }
}

/** A file or byte stream that is not what it claims to be; names the source. */
export class DataFormatError extends NeuralkitError {
  readonly source: string;
  constructor(source: string, problem: string, options?: { cause?: unknown }) {
    super(`${source}: ${problem}`, 'DATA_FORMAT', options);
    this.source = source;
  }
}
