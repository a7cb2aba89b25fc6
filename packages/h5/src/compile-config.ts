/** A Keras 3 serialized function or object reduced to what a legacy training_config holds. */
function plain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    // `{"module": "builtins", "class_name": "function", "config": "sparse_categorical_crossentropy"}`
    if (object.class_name === 'function' && typeof object.config === 'string') return object.config;
    return value;
  }
  return value;
}

/**
 * Turns a `.keras` `compile_config` into the legacy `training_config` shape the model compiles
 * from: `{ loss, metrics, weighted_metrics, loss_weights, optimizer_config: { class_name, config } }`.
 */
export function fromCompileConfig(compile: Record<string, unknown>): Record<string, unknown> {
  const optimizer = compile.optimizer as Record<string, unknown> | string | undefined;
  const optimizerConfig =
    typeof optimizer === 'string'
      ? { class_name: optimizer, config: {} }
      : { class_name: optimizer?.class_name, config: optimizer?.config ?? {} };
  return {
    loss: plain(compile.loss),
    metrics: plain(compile.metrics ?? null),
    weighted_metrics: plain(compile.weighted_metrics ?? null),
    loss_weights: compile.loss_weights ?? null,
    optimizer_config: optimizerConfig,
  };
}

/** The other way: a legacy `training_config` as Keras 3 writes `compile_config` in a `.keras` archive. */
export function toCompileConfig(training: Record<string, unknown>): Record<string, unknown> {
  const optimizer = training.optimizer_config as { class_name?: unknown; config?: unknown } | undefined;
  return {
    optimizer: optimizer
      ? { module: 'keras.optimizers', class_name: String(optimizer.class_name).replace(/^Custom>/, ''), config: optimizer.config ?? {}, registered_name: null }
      : null,
    loss: training.loss ?? null,
    loss_weights: training.loss_weights ?? null,
    metrics: training.metrics ?? null,
    weighted_metrics: training.weighted_metrics ?? null,
    run_eagerly: false,
    steps_per_execution: 1,
    jit_compile: false,
  };
}
