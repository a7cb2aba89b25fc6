// Run by swiftshader-node.test.ts in a child process whose loader path holds Chromium's Vulkan
// loader and SwiftShader (a CPU implementation of Vulkan): Dawn finds a real adapter there.
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@neuralkit/core';
import { webgpuBackend } from '@neuralkit/backend-webgpu';

const report = {};
const info = await useBackend(webgpuBackend());
report.backend = info.tfjsBackend;
report.details = info.details;
// A dense layer's forward pass on the GPU; the test compares it with the same numbers on cpu.
const before = tf.memory().numTensors;
const y = tf.tidy(() => {
  const x = tf.tensor2d([0.5, -1, 2, 0.25, 3, -0.75], [2, 3]);
  const w = tf.tensor2d([0.1, 0.2, -0.3, 0.4, 0.5, -0.6], [3, 2]);
  return tf.softmax(tf.add(tf.matMul(x, w), tf.tensor1d([0.05, -0.05])));
});
report.softmax = Array.from(await y.data());
const fresh = tf.mul(y, 2);
try {
  fresh.dataSync();
  report.syncRead = 'returned';
} catch (error) {
  report.syncRead = { name: error.name, code: error.code, message: error.message };
}
report.afterAsyncRead = Array.from(y.dataSync()); // cached on the CPU by data(): readable
tf.dispose([y, fresh]);
report.leaked = tf.memory().numTensors - before;
console.log(JSON.stringify(report));
