// Builds dist/gradients-bundle.js: every gradient config that tfjs-core's own
// register_all_gradients.js registers, and the chained tensor methods, bundled into one
// plain ESM file.
//
// Why: tfjs-core's ESM build uses extension-less relative imports, so
// `@tensorflow/tfjs-core/dist/register_all_gradients` cannot be imported from plain
// Node ESM; and its CommonJS build registers no gradients. The bundle carries its own
// copy of the ops the gradients use, but tfjs keeps the engine and the registries on a
// global, so those ops run on the one shared engine. We export the configs rather than
// registering them here, so that src/gradients.ts can register each one exactly once.
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const coreDist = dirname(require.resolve('@tensorflow/tfjs-core/package.json')) + '/dist';
const source = readFileSync(join(coreDist, 'register_all_gradients.js'), 'utf8');

const imports = [...source.matchAll(/import \{ (\w+) \} from '(\.\/gradients\/\w+)';/g)];
if (imports.length < 100) {
  throw new Error(`Expected the gradient imports of register_all_gradients.js, found ${imports.length}.`);
}
// register_all_chained_ops patches the shared Tensor class (kept on a global by tfjs) with
// the chained methods (`x.div(255)`), which tfjs-core alone does not add either.
const entry =
  "import './public/chained_ops/register_all_chained_ops.js';\n" +
  imports.map(([, name, path]) => `import { ${name} } from '${path}.js';`).join('\n') +
  `\nexport const gradConfigs = [${imports.map(([, name]) => name).join(', ')}];\n`;

const outDir = join(here, '..', 'dist');
mkdirSync(outDir, { recursive: true });
await build({
  stdin: { contents: entry, resolveDir: coreDist, sourcefile: 'gradient-configs.js' },
  // The chained-ops import is kept for its side effect.
  ignoreAnnotations: true,
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2020',
  mainFields: ['module', 'main'],
  minify: true,
  legalComments: 'none',
  banner: { js: '// Gradient configs of @tensorflow/tfjs-core 4.22.0 (Apache-2.0), bundled.' },
  outfile: join(outDir, 'gradients-bundle.js'),
  logLevel: 'warning',
});
writeFileSync(
  join(outDir, 'gradients-bundle.d.ts'),
  "import type { GradConfig } from '@tensorflow/tfjs-core';\nexport declare const gradConfigs: GradConfig[];\n",
);
console.log(`gradients-bundle.js: ${imports.length} gradient configs`);
