import type { Layer } from '../layers/layer.js';
import type { ExportQuantization } from './export-model.js';

/** The layers a quantized export changes: those with a quantizable kernel for int8, any with weights otherwise. */
export function quantizedLayers(layers: readonly Layer[], quantize: ExportQuantization): string[] {
  return layers.filter((l) => (quantize === 'int8' ? l.quantizableKernel() !== null : l.weights.length > 0)).map((l) => l.name);
}

/**
 * The accuracy guard's fallback: the fewest layers to keep at float32, chosen greedily. Each
 * round tries keeping one more of the remaining `candidates` and keeps the one whose export
 * loses the least, until the loss (`drop`, in points) is within `maxDrop`. Keeping every
 * candidate is the float32 model, so the search ends.
 */
export async function keepFloat32(args: {
  candidates: readonly string[];
  maxDrop: number;
  drop: (float32Layers: string[]) => Promise<number>;
}): Promise<string[]> {
  const kept: string[] = [];
  const remaining = [...args.candidates];
  while (remaining.length > 0) {
    let best = { name: '', drop: Infinity };
    for (const name of remaining) {
      const drop = await args.drop([...kept, name]);
      if (drop < best.drop) best = { name, drop };
    }
    kept.push(best.name);
    remaining.splice(remaining.indexOf(best.name), 1);
    if (best.drop <= args.maxDrop) break;
  }
  return kept;
}
