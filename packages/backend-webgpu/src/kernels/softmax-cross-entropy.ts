import * as tf from '@tensorflow/tfjs-core';
import { flatWorkgroups, runProgram, WORKGROUP, type Program } from './program.js';

/** Per-row log-sum-exp of `logits`, shifted by the row maximum; WGSL shared by both kernels. */
const ROW_LOG_SUM_EXP = `
  fn rowLogSumExp(row : i32, classes : i32) -> f32 {
    var top = f32(logits[row * classes]);
    for (var j = 1; j < classes; j = j + 1) { top = max(top, f32(logits[row * classes + j])); }
    var sum = 0.0;
    for (var j = 0; j < classes; j = j + 1) { sum = sum + exp(f32(logits[row * classes + j]) - top); }
    return top + log(sum);
  }`;

/**
 * Sparse softmax cross-entropy on logits, fused: `loss[i] = logSumExp(logits[i]) − logits[i][label]`
 * in one dispatch (one invocation a row), and the gradient of the mean loss,
 * `(softmax(logits) − onehot(labels)) / rows`, in a second (one invocation a value). Labels are
 * class indices as float32 or int32; each must be in [0, classes), which is not checked here.
 */
export function softmaxCrossEntropy(logits: tf.Tensor2D, labels: tf.Tensor1D): { loss: tf.Tensor1D; gradient: tf.Tensor2D } {
  const [rows, classes] = logits.shape;
  if (labels.shape[0] !== rows) throw new Error(`softmaxCrossEntropy: ${labels.shape[0]} labels for ${rows} rows of logits.`);
  const loss: Program = {
    variableNames: ['logits', 'labels'],
    outputShape: [rows],
    shaderKey: 'neuralkitSoftmaxCrossEntropyLoss',
    dispatchLayout: { x: [0] },
    workgroupSize: [WORKGROUP, 1, 1],
    dispatch: flatWorkgroups('softmaxCrossEntropy', rows),
    size: true,
    getUserCode: () => `
      ${ROW_LOG_SUM_EXP}
      fn main(index : i32) {
        if (index < uniforms.size) {
          let classes = uniforms.logitsShape[1];
          let label = i32(labels[index]);
          setOutputAtIndex(index, rowLogSumExp(index, classes) - f32(logits[index * classes + label]));
        }
      }`,
  };
  const gradient: Program = {
    variableNames: ['logits', 'labels'],
    outputShape: [rows, classes],
    shaderKey: 'neuralkitSoftmaxCrossEntropyGradient',
    dispatchLayout: { x: [0, 1] },
    workgroupSize: [WORKGROUP, 1, 1],
    dispatch: flatWorkgroups('softmaxCrossEntropy', rows * classes),
    size: true,
    getUserCode: () => `
      ${ROW_LOG_SUM_EXP}
      fn main(index : i32) {
        if (index < uniforms.size) {
          let classes = uniforms.outShape[1];
          let rows = uniforms.outShape[0];
          let row = index / classes;
          let col = index - row * classes;
          var value = exp(f32(logits[index]) - rowLogSumExp(row, classes));
          if (col == i32(labels[row])) { value = value - 1.0; }
          setOutputAtIndex(index, value / f32(rows));
        }
      }`,
  };
  return {
    loss: runProgram('softmaxCrossEntropy', loss, [logits, labels]) as tf.Tensor1D,
    gradient: runProgram('softmaxCrossEntropy', gradient, [logits, labels]) as tf.Tensor2D,
  };
}
