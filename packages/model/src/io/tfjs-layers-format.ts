import * as tf from '@tensorflow/tfjs-core';
import { DataFormatError, InvalidArgumentError, inSource } from '@neuralkit/core';
import { Sequential as SequentialClass } from '../sequential.js';
import { Functional } from '../graph/functional.js';
import {
  assignModelWeights,
  assignOptimizerWeights,
  kerasTrainingConfig,
  modelToArtifacts,
  isGraphClass,
  sequentialConfigOf,
} from './model-artifacts.js';
import { filePathOf, readModelJsonFiles, writeModelJsonFiles } from './model-json-files.js';
import type { LoadOptions, ModelFormat, SaveOptions, SaveResult } from './model-format.js';
import type { Sequential } from './sequential-type.js';
import { fromTfjsSequentialConfig } from './tfjs-topology.js';
import { checkWeightSpecs, confinedFetch } from './weight-manifest-checks.js';

const FORMAT = 'tfjs-layers';
const URL_SCHEMES = ['indexeddb://', 'localstorage://', 'downloads://', 'http://', 'https://'];

function isJsonPath(target: unknown): target is string {
  if (typeof target !== 'string' || !target.toLowerCase().endsWith('.json')) return false;
  return target.startsWith('file://') || !/^[a-z][a-z0-9+.-]*:\/\//i.test(target);
}

function isUrl(target: unknown): target is string {
  return typeof target === 'string' && URL_SCHEMES.some((s) => target.toLowerCase().startsWith(s));
}

function isHandler(target: unknown, method: 'save' | 'load'): target is tf.io.IOHandler {
  return (
    target !== null &&
    typeof target === 'object' &&
    typeof (target as Record<string, unknown>)[method] === 'function'
  );
}

function handlerFor(target: string, method: 'save' | 'load'): tf.io.IOHandler {
  // Built directly, not looked up: tfjs-core registers its http router only as a side effect of a
  // module that bundlers drop when nothing names `tf.io.http`, so the lookup fails in browser builds.
  if (/^https?:\/\//i.test(target)) return tf.io.http(target, { fetchFunc: confinedFetch(target) });
  const handlers = method === 'save' ? tf.io.getSaveHandlers(target) : tf.io.getLoadHandlers(target);
  const [handler] = handlers;
  if (!handler) {
    throw new InvalidArgumentError(
      `No tfjs IO handler for ${JSON.stringify(target)}: expected indexeddb:// or localstorage:// (browser), ` +
        `downloads:// (browser, save) or http(s)://.`,
    );
  }
  return handler;
}

async function save(model: Sequential, target: unknown, options: SaveOptions): Promise<SaveResult> {
  return writeArtifacts(await modelToArtifacts(model, options.includeOptimizer ?? true), target);
}

/** Weights only (Keras's `save_weights`): the `model.json` layout with an empty topology. */
async function saveWeights(model: Sequential, target: unknown): Promise<SaveResult> {
  const artifacts = await modelToArtifacts(model, false);
  delete artifacts.trainingConfig;
  return writeArtifacts({ ...artifacts, modelTopology: {}, format: 'layers-weights' }, target);
}

async function writeArtifacts(artifacts: tf.io.ModelArtifacts, target: unknown): Promise<SaveResult> {
  if (isJsonPath(target)) {
    const path = filePathOf(target);
    const bytes = await writeModelJsonFiles(path, artifacts);
    return { path, bytes, format: FORMAT };
  }
  const handler = isUrl(target) ? handlerFor(target, 'save') : (target as tf.io.IOHandler);
  if (!handler.save) throw new InvalidArgumentError('The tfjs IO handler has no save method.');
  const result = await handler.save(artifacts);
  if (result.errors && result.errors.length > 0) {
    throw new InvalidArgumentError(`Saving through the tfjs IO handler failed: ${JSON.stringify(result.errors)}`);
  }
  return { format: FORMAT };
}

async function readArtifacts(source: unknown): Promise<{ artifacts: tf.io.ModelArtifacts; name: string }> {
  if (isJsonPath(source)) {
    const path = filePathOf(source);
    return { artifacts: await readModelJsonFiles(path), name: path };
  }
  const handler = isUrl(source) ? handlerFor(source, 'load') : (source as tf.io.IOHandler);
  if (!handler.load) throw new InvalidArgumentError('The tfjs IO handler has no load method.');
  return { artifacts: await handler.load(), name: isUrl(source) ? source : 'tfjs IO handler' };
}

function decode(artifacts: tf.io.ModelArtifacts, name: string): tf.NamedTensorMap {
  const specs = artifacts.weightSpecs ?? [];
  if (specs.length === 0) return {};
  if (!artifacts.weightData) throw new DataFormatError(name, 'the weights manifest lists weights but no weight data came with it.');
  const data = artifacts.weightData;
  checkWeightSpecs(specs, Array.isArray(data) ? data.reduce((n, b) => n + b.byteLength, 0) : data.byteLength, name);
  return tf.io.decodeWeights(artifacts.weightData, specs);
}

function topologyClass(artifacts: tf.io.ModelArtifacts): unknown {
  const topology = artifacts.modelTopology as { class_name?: unknown; model_config?: { class_name?: unknown } } | undefined;
  return topology?.model_config?.class_name ?? topology?.class_name;
}

/** A Sequential or Functional model from its class name and config. */
export function modelFromConfig(className: unknown, config: Record<string, unknown>): Sequential {
  if (isGraphClass(className)) return Functional.fromConfig(config) as unknown as Sequential;
  return SequentialClass.fromConfig(config) as unknown as Sequential;
}

async function load(source: unknown, options: LoadOptions = {}): Promise<Sequential> {
  const { artifacts, name } = await readArtifacts(source);
  const config = fromTfjsSequentialConfig(sequentialConfigOf(artifacts, name));
  let model: Sequential;
  try {
    model = modelFromConfig(topologyClass(artifacts), config);
  } catch (error) {
    throw new DataFormatError(name, (error as Error).message, { cause: error });
  }
  try {
    const named = decode(artifacts, name);
    try {
      inSource(name, () => {
        assignModelWeights(model, named, artifacts.weightSpecs ?? [], name);
        if (artifacts.trainingConfig && options.compile !== false) {
          const trainingConfig = kerasTrainingConfig(artifacts.trainingConfig as unknown as Record<string, unknown>);
          model.compileFromTrainingConfig(trainingConfig);
          assignOptimizerWeights(model, artifacts.weightSpecs ?? [], named);
        }
      });
    } finally {
      tf.dispose(Object.values(named));
    }
  } catch (error) {
    // A file refused half-way leaves no variables behind.
    model.dispose();
    throw error;
  }
  return model;
}

/** Sets a built model's weights from a `saveWeights` file or a full model.json (by weight name). */
async function loadWeights(model: Sequential, source: unknown): Promise<void> {
  const { artifacts, name } = await readArtifacts(source);
  const named = decode(artifacts, name);
  try {
    assignModelWeights(model, named, artifacts.weightSpecs ?? [], name);
  } finally {
    tf.dispose(Object.values(named));
  }
}

/** The tfjs-layers `model.json` format: paths ending in .json, tfjs IOHandlers and their URLs. */
export const tfjsLayersFormat: ModelFormat = {
  name: FORMAT,
  canSave: (target) => isJsonPath(target) || isUrl(target) || isHandler(target, 'save'),
  canLoad: (source) => isJsonPath(source) || isUrl(source) || isHandler(source, 'load'),
  save,
  load,
  saveWeights,
  loadWeights,
};
