import { loadSavedModel } from '../libraries.js';
import type { Output } from '../output.js';

/** `neuralkit summary MODEL`: Keras's table. */
export async function summaryCommand(out: Output, path: string): Promise<void> {
  await (await import('../select-backend.js')).selectBackend('cpu');
  const model = await loadSavedModel(path);
  const table = model.summary({ printFn: () => {}, print: false });
  out.record({ summary: table });
  out.say(table);
}
