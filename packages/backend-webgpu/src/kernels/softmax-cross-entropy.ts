import type * as tf from '@tensorflow/tfjs-core';
import { flatProgram, runProgram, type Program } from './program.js';

/** Per-row log-sum-exp of `logits`, shifted by the row maximum; WGSL shared by both programs. */
const ROW_LOG_SUM_EXP = `
  fn rowLogSumExp(row : i32, classes : i32) -> f32 {
    var top = f32(logits[row * classes]);
    for (var j = 1; j < classes; j = j + 1) { top = max(top, f32(logits[row * classes + j])); }
    var sum = 0.0;
    for (var j = 0; j < classes; j = j + 1) { sum = sum + exp(f32(logits[row * classes + j]) - top); }
    return top + log(sum);
  }`;

/** `loss[i] = logSumExp(logits[i]) − logits[i][label]` [rows], one invocation a row. */
export function crossEntropyLossProgram(rows: number): Program {
  return flatProgram({
    key: 'neuralkitSoftmaxCrossEntropyLoss',
    variableNames: ['logits', 'labels'],
    outputShape: [rows],
    userCode: `
      ${ROW_LOG_SUM_EXP}
      fn main(index : i32) {
        if (index < uniforms.size) {
          let classes = uniforms.logitsShape[1];
          let label = i32(labels[index]);
          setOutputAtIndex(index, rowLogSumExp(index, classes) - f32(logits[index * classes + label]));
        }
      }`,
  });
}

/**
 * `(softmax(logits) − onehot(labels)) · gradScale` [rows, classes], one invocation a value; the
 * scale is the uniform `gradScale` (one f32 after tfjs's own uniforms).
 */
export function crossEntropyGradientProgram(rows: number, classes: number): Program {
  return flatProgram({
    key: 'neuralkitSoftmaxCrossEntropyGradient',
    variableNames: ['logits', 'labels'],
    outputShape: [rows, classes],
    uniforms: 'gradScale : f32,',
    userCode: `
      ${ROW_LOG_SUM_EXP}
      fn main(index : i32) {
        if (index < uniforms.size) {
          let classes = uniforms.outShape[1];
          let row = index / classes;
          let col = index - row * classes;
          var value = exp(f32(logits[index]) - rowLogSumExp(row, classes));
          if (col == i32(labels[row])) { value = value - 1.0; }
          setOutputAtIndex(index, value * uniforms.gradScale);
        }
      }`,
  });
}

/**
 * Sparse softmax cross-entropy on logits, fused: the loss per row in one dispatch and the
 * gradient of the mean loss, `(softmax(logits) − onehot(labels)) / rows`, in a second. Labels
 * are class indices as float32 or int32; each must be in [0, classes), which is not checked here.
 */
export function softmaxCrossEntropy(logits: tf.Tensor2D, labels: tf.Tensor1D): { loss: tf.Tensor1D; gradient: tf.Tensor2D } {
  const [rows, classes] = logits.shape;
  if (labels.shape[0] !== rows) throw new Error(`softmaxCrossEntropy: ${labels.shape[0]} labels for ${rows} rows of logits.`);
  return {
    loss: runProgram('softmaxCrossEntropy', crossEntropyLossProgram(rows), [logits, labels]) as tf.Tensor1D,
    gradient: runProgram('softmaxCrossEntropy', crossEntropyGradientProgram(rows, classes), [logits, labels], [
      { type: 'float32', data: [1 / rows] },
    ]) as tf.Tensor2D,
  };
}
