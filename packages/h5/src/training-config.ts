/** `[[{"class_name": "MeanMetricWrapper", "config": {"name": "accuracy", ...}}]]` → `["accuracy"]`. */
function metricIds(metrics: unknown): unknown {
  if (!Array.isArray(metrics)) return metrics;
  // tf.keras 2.12+ nests the list per model output; a Sequential model has one output.
  const flat = metrics.length === 1 && Array.isArray(metrics[0]) ? (metrics[0] as unknown[]) : metrics;
  return flat.map((metric) => {
    if (metric && typeof metric === 'object') {
      const { class_name: className, config } = metric as { class_name?: unknown; config?: { name?: unknown } };
      if (className === 'MeanMetricWrapper' && typeof config?.name === 'string') return config.name;
    }
    return metric;
  });
}

/**
 * The training config in the spelling every Keras generation reads: tf.keras 2.11+'s
 * `Custom>Adam` becomes `Adam`, and wrapped metrics become their names.
 */
export function normalizeTrainingConfig(trainingConfig: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...trainingConfig, metrics: metricIds(trainingConfig.metrics ?? null) };
  if (Array.isArray(trainingConfig.weighted_metrics)) out.weighted_metrics = metricIds(trainingConfig.weighted_metrics);
  const optimizer = trainingConfig.optimizer_config as { class_name?: unknown; config?: unknown } | undefined;
  if (optimizer && typeof optimizer.class_name === 'string') {
    const className = optimizer.class_name.replace(/^Custom>/, '');
    let config = optimizer.config;
    // tf.keras 2.x names an optimizer after its class (`Adam`); Keras 3 rebuilds such a file's
    // optimizer by that name with its own default name (`adam`), and so does this reader.
    if (className !== optimizer.class_name && config && typeof config === 'object' && (config as { name?: unknown }).name === className) {
      const { name: _tfKerasName, ...rest } = config as Record<string, unknown>;
      config = rest;
    }
    out.optimizer_config = { ...optimizer, class_name: className, config };
  }
  return out;
}
