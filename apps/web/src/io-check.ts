import './styles.css';
import * as tf from '@tensorflow/tfjs-core';
import { loadModel, type Sequential } from '@neuralkit/model';
import { activateBackend } from './backends.js';
import { byId } from './dom.js';
import { buildIoCheckModel, IO_CHECK_HTTP_PATH, IO_CHECK_X, IO_CHECK_Y } from './io-check-model.js';

/**
 * Round-trips a small compiled model through the browser's tfjs IO handlers (io.html):
 * `indexeddb://` and `localstorage://` are saved and loaded back; `http://` loads the copy the
 * e2e test wrote beside the site. `?backend=cpu` picks another backend (default webgl).
 */
interface HandlerResult {
  handler: string;
  url: string;
  ok: boolean;
  identicalPredictions?: boolean;
  maxAbsDiff?: number;
  identicalWeights?: boolean;
  compiled?: boolean;
  sameTrainingConfig?: boolean;
  sameEvaluation?: boolean;
  removed?: boolean;
  error?: string;
}

interface Snapshot {
  predictions: Float32Array;
  weights: Float32Array[];
  trainingConfig: string;
  evaluation: string;
}

async function snapshot(model: Sequential): Promise<Snapshot> {
  const x = tf.tensor2d(IO_CHECK_X);
  const y = tf.tensor1d(IO_CHECK_Y, 'float32');
  try {
    const output = await model.predict(x);
    const predictions = (await output.data()) as Float32Array;
    output.dispose();
    const weights = await Promise.all(model.getWeights().map(async (w) => (await w.data()) as Float32Array));
    const evaluation = JSON.stringify(await model.evaluate(x, y, { verbose: 0 }));
    return { predictions, weights, trainingConfig: JSON.stringify(model.getTrainingConfig() ?? null), evaluation };
  } finally {
    tf.dispose([x, y]);
  }
}

const sameBits = (a: Float32Array, b: Float32Array) => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

function compare(original: Snapshot, loaded: Snapshot, model: Sequential): Omit<HandlerResult, 'handler' | 'url' | 'ok'> {
  const maxAbsDiff = original.predictions.reduce((m, v, i) => Math.max(m, Math.abs(v - (loaded.predictions[i] ?? NaN))), 0);
  return {
    identicalPredictions: sameBits(original.predictions, loaded.predictions),
    maxAbsDiff,
    identicalWeights:
      original.weights.length === loaded.weights.length && original.weights.every((w, i) => sameBits(w, loaded.weights[i]!)),
    compiled: model.optimizer !== undefined && model.lossFn !== undefined,
    sameTrainingConfig: original.trainingConfig === loaded.trainingConfig,
    sameEvaluation: original.evaluation === loaded.evaluation,
  };
}

async function roundTrip(original: Sequential, before: Snapshot, handler: string, url: string, save: boolean): Promise<HandlerResult> {
  let loaded: Sequential | undefined;
  try {
    if (save) await original.save(url);
    loaded = await loadModel(url);
    const checks = compare(before, await snapshot(loaded), loaded);
    const removed = save ? (await tf.io.removeModel(url), (await tf.io.listModels())[url] === undefined) : undefined;
    const ok = Object.entries(checks).every(([key, value]) => key === 'maxAbsDiff' || value === true) && removed !== false;
    return { handler, url, ok, ...checks, ...(removed === undefined ? {} : { removed }) };
  } catch (error) {
    return { handler, url, ok: false, error: error instanceof Error ? error.message : String(error) };
  } finally {
    loaded?.dispose();
  }
}

const pre = byId('io-result', HTMLPreElement);
try {
  const backend = await activateBackend(new URLSearchParams(location.search).get('backend') ?? 'webgl');
  const model = buildIoCheckModel();
  const before = await snapshot(model);
  const handlers = [
    await roundTrip(model, before, 'indexeddb', 'indexeddb://neuralkit-io-check', true),
    await roundTrip(model, before, 'localstorage', 'localstorage://neuralkit-io-check', true),
    await roundTrip(model, before, 'http', new URL(IO_CHECK_HTTP_PATH, document.baseURI).href, false),
  ];
  model.dispose();
  const passed = handlers.every((h) => h.ok);
  pre.textContent = JSON.stringify({ backend: backend.name, passed, predictions: Array.from(before.predictions), handlers }, null, 2);
  pre.dataset.passed = String(passed);
} catch (error) {
  pre.textContent = JSON.stringify({ passed: false, error: error instanceof Error ? error.message : String(error) });
  pre.dataset.passed = 'false';
}
