/** The npm package the cuda adapter runs on, and the one version that shares our tfjs-core. */
export const TFJS_NODE_GPU = '@tensorflow/tfjs-node-gpu';
export const TFJS_NODE_GPU_VERSION = '4.22.0';

/** What tfjs-node-gpu 4.22.0's prebuilt libtensorflow (TensorFlow 2.9) links against. */
export const CUDA_REQUIREMENT = 'an NVIDIA GPU on Linux x64 with its driver, CUDA 11.2 and cuDNN 8.1';

/**
 * How to enable the cuda backend, appended to every "unavailable" message so that a user
 * can act on it without searching.
 */
export function installSteps(): string {
  const pkg = `${TFJS_NODE_GPU}@${TFJS_NODE_GPU_VERSION}`;
  return (
    `To enable it: install ${pkg} (exactly this version, so it shares @tensorflow/tfjs-core 4.22.0) ` +
    `on a machine with ${CUDA_REQUIREMENT} on the library path. ` +
    `Its install script downloads libtensorflow and must run: with pnpm, approve it ` +
    `(\`pnpm approve-builds\`, or add "${TFJS_NODE_GPU}" to "onlyBuiltDependencies" in pnpm-workspace.yaml) ` +
    `and run \`pnpm rebuild ${TFJS_NODE_GPU}\`; with npm, \`npm install ${pkg}\` runs it unless --ignore-scripts is set.`
  );
}
