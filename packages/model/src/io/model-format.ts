import { InvalidArgumentError, describeValue } from '@neuralkit/core';
import type { Sequential } from './sequential-type.js';
import { tfjsLayersFormat } from './tfjs-layers-format.js';

/** Options of `model.save(target, options)`. */
export interface SaveOptions {
  /** Save the optimizer's state (and the training config) with the model. Default true, as Keras. */
  includeOptimizer?: boolean;
}

/** What a save wrote: the file path (Node), the bytes (in-memory targets), and the format's name. */
export interface SaveResult {
  path?: string;
  bytes?: Uint8Array;
  format: string;
}

/** Options of `loadModel(source, options)`. */
export interface LoadOptions {
  /** Compile the model from the saved training config when there is one. Default true, as Keras. */
  compile?: boolean;
}

/**
 * A model file format, chosen by `model.save(target)` and `loadModel(source)` by asking each
 * registered format in turn whether it accepts the target or source.
 *
 * ```ts
 * registerModelFormat({
 *   name: 'my-format',
 *   canSave: (target) => typeof target === 'string' && target.endsWith('.my'),
 *   canLoad: (source) => typeof source === 'string' && source.endsWith('.my'),
 *   async save(model, target) { ...; return { path: target as string, format: 'my-format' }; },
 *   async load(source) { ...; return model; },
 * });
 * ```
 */
export interface ModelFormat {
  readonly name: string;
  canSave(target: unknown): boolean;
  canLoad(source: unknown): boolean;
  save(model: Sequential, target: unknown, options: SaveOptions): Promise<SaveResult>;
  load(source: unknown, options?: LoadOptions): Promise<Sequential>;
  /** Weights only (Keras's `save_weights`); optional. */
  saveWeights?(model: Sequential, target: unknown): Promise<SaveResult>;
  /** Sets a built model's weights from a weights file (Keras's `load_weights`); optional. */
  loadWeights?(model: Sequential, source: unknown): Promise<void>;
}

const registered: ModelFormat[] = [];
let builtinsAdded = false;

/** The formats, the built-in tfjs-layers one last (added on first use: it imports Sequential). */
function all(): ModelFormat[] {
  if (!builtinsAdded) {
    builtinsAdded = true;
    if (!registered.some((f) => f.name === tfjsLayersFormat.name)) registered.push(tfjsLayersFormat);
  }
  return registered;
}

/**
 * Adds a format (or replaces the one with the same name, keeping its place). Formats registered
 * later are asked first, so a plug-in can take over a target the built-in formats also accept.
 */
export function registerModelFormat(format: ModelFormat): void {
  const formats = all();
  const index = formats.findIndex((f) => f.name === format.name);
  if (index >= 0) formats[index] = format;
  else formats.unshift(format);
}

/** The names of the registered formats, in the order they are asked. */
export function registeredModelFormats(): string[] {
  return all().map((f) => f.name);
}

function extensionHint(target: unknown): string {
  if (typeof target !== 'string') {
    const isBytes = target instanceof ArrayBuffer || ArrayBuffer.isView(target);
    const isBlob = typeof Blob !== 'undefined' && target instanceof Blob;
    return isBytes || isBlob ? " For Keras HDF5 bytes, `import '@neuralkit/h5'` first." : '';
  }
  const lower = target.toLowerCase();
  if (lower.endsWith('.h5') || lower.endsWith('.hdf5') || lower.endsWith('.keras')) {
    return " Keras files need the HDF5 format: `import '@neuralkit/h5'` first.";
  }
  return '';
}

function noFormat(action: 'save to' | 'load from', what: unknown): InvalidArgumentError {
  const known = registeredModelFormats();
  return new InvalidArgumentError(
    `No model format can ${action} ${describeValue(what)}: expected a path ending in .json ` +
      `(tfjs-layers model.json), a tfjs IOHandler or URL (indexeddb://, localstorage://, downloads://, http://)` +
      `, or a target of another registered format. Registered formats: ${known.join(', ') || '(none)'}.` +
      extensionHint(what),
  );
}

/** The first registered format that can save to `target`; a clear error otherwise. */
export function findSaveFormat(target: unknown): ModelFormat {
  const format = all().find((f) => f.canSave(target));
  if (!format) throw noFormat('save to', target);
  return format;
}

/** The first registered format that can load from `source`; a clear error otherwise. */
export function findLoadFormat(source: unknown): ModelFormat {
  const format = all().find((f) => f.canLoad(source));
  if (!format) throw noFormat('load from', source);
  return format;
}

/**
 * Loads a model saved by `model.save` (or by tfjs-layers / Keras with the matching format
 * registered): a path, a URL, a tfjs IOHandler, or bytes. Compiled when a training config was saved.
 */
export async function loadModel(source: unknown, options: LoadOptions = {}): Promise<Sequential> {
  return findLoadFormat(source).load(source, options);
}

/** Saves through the registered formats; `Sequential.save` calls this. */
export async function saveModel(
  model: Sequential,
  target: unknown,
  options: SaveOptions = {},
): Promise<SaveResult> {
  return findSaveFormat(target).save(model, target, options);
}

/** Saves only the weights (Keras's `save_weights`) through the first format that can and supports it. */
export async function saveWeights(model: Sequential, target: unknown): Promise<SaveResult> {
  const format = findSaveFormat(target);
  if (!format.saveWeights) {
    throw new InvalidArgumentError(`The ${format.name} format cannot save weights only; expected a .json path or a format that can.`);
  }
  return format.saveWeights(model, target);
}

/** Sets the model's weights from a file written by `saveWeights` (Keras's `load_weights`). */
export async function loadWeights(model: Sequential, source: unknown): Promise<void> {
  const format = findLoadFormat(source);
  if (!format.loadWeights) {
    throw new InvalidArgumentError(`The ${format.name} format cannot load weights only; expected a .json path or a format that can.`);
  }
  await format.loadWeights(model, source);
}
