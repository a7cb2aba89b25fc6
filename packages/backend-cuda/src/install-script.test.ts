import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TFJS_NODE_GPU } from './install-help.js';

// The README's setup steps rely on these facts of tfjs-node-gpu 4.22.0's install script; this
// test reads the installed script so that a different version cannot silently break them.
const packageDir = dirname(createRequire(import.meta.url).resolve(`${TFJS_NODE_GPU}/package.json`));
const read = (file: string) => readFileSync(join(packageDir, file), 'utf8');

describe('tfjs-node-gpu 4.22.0 install script (what the README tells users to do)', () => {
  it('runs `node scripts/install.js gpu download` on install, and wants libtensorflow 2.9.1', () => {
    const pkg = JSON.parse(read('package.json')) as { version: string; scripts: Record<string, string> };
    expect(pkg.version).toBe('4.22.0');
    expect(pkg.scripts.install).toBe('node scripts/install.js gpu download');
    expect(read('scripts/deps-constants.js')).toContain("const LIBTENSORFLOW_VERSION = '2.9.1';");
  });

  it('downloads libtensorflow-gpu-linux-x86_64-2.9.1.tar.gz, from TFJS_NODE_BASE_URI when set', () => {
    const script = read('scripts/install.js');
    expect(script).toContain('process.env.TFJS_NODE_BASE_URI');
    expect(script).toContain('`${BASE_HOST}tensorflow/libtensorflow/libtensorflow-`');
    expect(script).toContain('return `${BASE_URI}${system}-${LIBTENSORFLOW_VERSION}.${PLATFORM_EXTENSION}`;');
  });

  it('skips the download when deps/lib/libtensorflow.so.2.9.1 exists and "download" is not passed', () => {
    const script = read('scripts/install.js');
    expect(script).toContain("if (forceDownload !== 'download' && await exists(depsLibTensorFlowPath)) {");
    expect(read('scripts/deps-constants.js')).toContain("depsLibTensorFlowName += `.so.${LIBTENSORFLOW_VERSION}`;");
  });

  it('then runs node-pre-gyp install --fallback-to-build (prebuilt binding, else a node-gyp build)', () => {
    expect(read('scripts/install.js')).toContain("let buildOption = '--fallback-to-build';");
    expect(JSON.parse(read('package.json')).binary.host).toBe('https://storage.googleapis.com/tf-builds/pre-built-binary');
  });
});
