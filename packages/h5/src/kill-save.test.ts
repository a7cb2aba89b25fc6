import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpuBackend } from '@neuralkit/backend-cpu';
import { useBackend } from '@neuralkit/core';
import { loadModel, saveModel } from '@neuralkit/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import './keras-h5-format.js';

const CHILD = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'save-loop-child.mjs');
/** Kills per kind of save: a few in the normal run, more with KILL_TRIES (the `kill-test` script). */
const TRIES = Number(process.env.KILL_TRIES ?? 2);

let dir: string;
beforeAll(async () => {
  await useBackend(cpuBackend());
  dir = await mkdtemp(join(tmpdir(), 'nk-kill-save-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/**
 * Starts the child, waits for "ready" (a good model exists) and then for `saves` completed saves,
 * measuring how long one takes, and SIGKILLs it a random part of a save later: mid-write, mid-rename
 * or between saves.
 */
async function killWhileSaving(kind: string, path: string, saves: number): Promise<void> {
  const child = spawn(process.execPath, [CHILD, kind, path], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  let saveMs = 200;
  await new Promise<void>((resolve, reject) => {
    let last = 0;
    let count = -1;
    child.stdout.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        const now = performance.now();
        if (count >= 1) saveMs = now - last;
        last = now;
        count += 1;
        if (count >= saves) resolve();
        void line;
      }
    });
    child.once('exit', (code) => reject(new Error(`save-loop child exited with ${code} before ${saves} saves`)));
  });
  await new Promise((resolve) => setTimeout(resolve, Math.random() * saveMs));
  child.kill('SIGKILL');
  await exited;
}

/** Loads the file and says which model it holds: 'A' (all weights 1), 'B' (all 2), or 'trained' (checkpoint). */
async function whichModel(path: string, kind: string): Promise<string> {
  const model = await loadModel(path);
  try {
    const values = new Set<number>();
    for (const layer of model.layers) {
      for (const w of layer.weights) for (const v of await w.variable.data()) values.add(v);
    }
    expect(model.layers.flatMap((l) => l.weights.map((w) => w.variable.shape))).toEqual([[784, 64], [64], [64, 10], [10]]);
    if (kind === 'checkpoint') {
      expect([...values].every(Number.isFinite)).toBe(true);
      return values.size === 1 ? 'A' : 'trained';
    }
    expect(values.size).toBe(1);
    return values.has(1) ? 'A' : 'B';
  } finally {
    model.dispose();
  }
}

describe('saves survive kill -9: the old or the complete new model is always loadable', () => {
  for (const [kind, file] of [['h5', 'model.h5'], ['json', 'model.json'], ['checkpoint', 'ckpt.h5']] as const) {
    it.concurrent(`${kind}: ${TRIES} SIGKILLs at random points while saving over a good model`, async () => {
      const path = join(dir, kind, file);
      const seen: string[] = [];
      for (let i = 0; i < TRIES; i++) {
        await killWhileSaving(kind, path, Math.floor(Math.random() * 4));
        seen.push(await whichModel(path, kind));
      }
      console.log(`kill -9 ${kind}: tries ${TRIES}, intact ${seen.length} (${seen.join(' ')})`);
      expect(seen).toHaveLength(TRIES);
      // The next save clears the temporary files the killed ones left.
      const model = await loadModel(path);
      await saveModel(model, path);
      model.dispose();
      expect((await readdir(dirname(path))).filter((name) => name.includes('.tmp-'))).toEqual([]);
    }, 30_000 + TRIES * 10_000);
  }
});
