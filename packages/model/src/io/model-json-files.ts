import type * as tf from '@tensorflow/tfjs-core';
import { DataFormatError, importNodeBuiltin } from '@neuralkit/core';
import { atomicWriteFiles } from './atomic-write.js';
import { checkWeightPaths, checkWeightSpecs } from './weight-manifest-checks.js';
import { weightsFileSlots } from './weights-file-slot.js';

type PathModule = typeof import('node:path');

async function nodePath(): Promise<PathModule> {
  return importNodeBuiltin<PathModule>('node:path');
}

/** `file:///a/model.json` or `/a/model.json` → `/a/model.json`. */
export function filePathOf(target: string): string {
  return target.startsWith('file://') ? target.slice('file://'.length) : target;
}

/**
 * Writes `model.json` and its weights file beside it as tfjs-layers lays them out, replacing the
 * previous pair as a unit: the weights go to the name the previous model.json does not use (see
 * `weightsFileSlots`), then model.json is renamed over the old one, then the old weights removed.
 */
export async function writeModelJsonFiles(jsonPath: string, artifacts: tf.io.ModelArtifacts): Promise<Uint8Array> {
  const [fs, path] = await Promise.all([importNodeBuiltin<typeof import('node:fs/promises')>('node:fs/promises'), nodePath()]);
  const { next, other } = await weightsFileSlots(jsonPath);
  const { weightData, weightSpecs, ...rest } = artifacts;
  const modelJson: tf.io.ModelJSON = {
    modelTopology: rest.modelTopology as object,
    format: rest.format,
    generatedBy: rest.generatedBy,
    convertedBy: rest.convertedBy ?? null,
    weightsManifest: [{ paths: [`./${next}`], weights: weightSpecs ?? [] }],
  };
  if (rest.trainingConfig) modelJson.trainingConfig = rest.trainingConfig;
  const weights = new Uint8Array((weightData as ArrayBuffer | undefined) ?? new ArrayBuffer(0));
  const json = JSON.stringify(modelJson);
  await atomicWriteFiles([
    { path: path.join(path.dirname(jsonPath), next), data: weights },
    { path: jsonPath, data: json },
  ]);
  // The previous pair's weights, now named by no model.json (a crash before this leaves only a stale file).
  await fs.rm(path.join(path.dirname(jsonPath), other), { force: true });
  return new TextEncoder().encode(json);
}

/** Reads `model.json` and the weight files its manifest names (relative to it) into ModelArtifacts. */
export async function readModelJsonFiles(jsonPath: string): Promise<tf.io.ModelArtifacts> {
  const [fs, path] = await Promise.all([importNodeBuiltin<typeof import('node:fs/promises')>('node:fs/promises'), nodePath()]);
  let modelJson: tf.io.ModelJSON;
  try {
    modelJson = JSON.parse(await fs.readFile(jsonPath, 'utf8')) as tf.io.ModelJSON;
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') throw error;
    throw new DataFormatError(jsonPath, `expected a tfjs-layers model.json, could not parse it as JSON.`, { cause: error });
  }
  if (modelJson === null || typeof modelJson !== 'object' || !modelJson.modelTopology) {
    throw new DataFormatError(jsonPath, 'expected a tfjs-layers model.json with a modelTopology, found none.');
  }
  const manifest = checkWeightPaths(modelJson.weightsManifest ?? [], jsonPath);
  const dir = path.dirname(jsonPath);
  const files = manifest.flatMap((group) => group.paths.map((file) => path.join(dir, file)));
  // Sizes first: a manifest whose specs do not match the files present reads nothing.
  const sizes = await Promise.all(
    files.map(async (file) => {
      try {
        return (await fs.stat(file)).size;
      } catch (error) {
        throw new DataFormatError(jsonPath, `cannot read the weight file ${file} it names (${(error as Error).message}).`, { cause: error });
      }
    }),
  );
  checkWeightSpecs(manifest.flatMap((g) => g.weights), sizes.reduce((a, b) => a + b, 0), jsonPath);
  const buffers: Uint8Array[] = [];
  for (const file of files) buffers.push(await fs.readFile(file));
  const total = buffers.reduce((n, b) => n + b.byteLength, 0);
  const data = new Uint8Array(total);
  let offset = 0;
  for (const b of buffers) {
    data.set(b, offset);
    offset += b.byteLength;
  }
  const { weightsManifest: _manifest, ...rest } = modelJson;
  return { ...rest, weightSpecs: manifest.flatMap((g) => g.weights), weightData: data.buffer };
}
