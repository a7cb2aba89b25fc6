import { describe, expect, it } from 'vitest';
import { FILES, fixtureBytes } from '../test/fixtures.js';
import { h5Structure } from '../test/structure.js';
import { readKerasH5 } from './read-h5.js';
import { writeKerasH5 } from './write-h5.js';

describe('writeKerasH5', () => {
  it('rewrites the tf.keras 2.15 file with the same structure and the same values', async () => {
    const original = fixtureBytes(FILES.tfkeras215);
    const model = await readKerasH5(original);
    const written = await writeKerasH5(model);
    expect(written[8]).toBe(0); // superblock version 0, as h5py writes by default
    expect(await h5Structure(written)).toEqual(await h5Structure(original));
    const again = await readKerasH5(written);
    expect(again.modelConfig).toEqual(model.modelConfig);
    expect(again.trainingConfig).toEqual(model.trainingConfig);
    expect(again.layers).toEqual(model.layers);
    expect(again.optimizerWeights).toEqual(model.optimizerWeights);
  });

  it('writes an empty float64 weight_names for weightless layers, as Keras', async () => {
    const structure = await h5Structure(
      await writeKerasH5({
        kerasVersion: '2.15.0',
        backend: 'tensorflow',
        modelConfig: { class_name: 'Sequential', config: { name: 's', layers: [] } },
        layers: [{ name: 'flatten', weights: [] }],
      }),
    );
    expect(structure['/model_weights/flatten']).toBe('group {weight_names: type1/8 [0]}');
    expect(structure['/optimizer_weights']).toBeUndefined();
    expect(structure['/']).not.toContain('training_config');
  });

  it('splits a long layer_names over layer_names0, layer_names1... and reads it back joined', async () => {
    // 3000 names of 30 bytes: 90,000 bytes > the 64,512-byte header limit → 2 chunks of 1500.
    const layers = Array.from({ length: 3000 }, (_, i) => ({ name: `layer_${String(i).padStart(24, '0')}`, weights: [] }));
    const bytes = await writeKerasH5({
      kerasVersion: '2.15.0',
      backend: 'tensorflow',
      modelConfig: { class_name: 'Sequential', config: { name: 's', layers: [] } },
      layers,
    });
    const structure = await h5Structure(bytes);
    expect(structure['/model_weights']).toContain('layer_names0: string/vlen/ascii [1500]');
    expect(structure['/model_weights']).toContain('layer_names1: string/vlen/ascii [1500]');
    const back = await readKerasH5(bytes);
    expect(back.layers.map((l) => l.name)).toEqual(layers.map((l) => l.name));
  });

  it('refuses a weight whose values do not fill its shape, naming it', async () => {
    await expect(
      writeKerasH5({
        kerasVersion: '2.15.0',
        backend: 'tensorflow',
        modelConfig: { class_name: 'Sequential', config: {} },
        layers: [{ name: 'dense', weights: [{ name: 'dense/kernel:0', shape: [2, 3], dtype: 'float32', data: new Float32Array(5) }] }],
      }),
    ).rejects.toThrow('Invalid weight `dense/kernel:0`: expected 6 values for shape [2, 3], received "5 values".');
  });
});
