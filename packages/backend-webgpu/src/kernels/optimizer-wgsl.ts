/**
 * WGSL for the optimizer update kernels: one compute shader per optimizer variant (which slots
 * it has, Nesterov or not) that updates the variable and its slots in place, one invocation per
 * value. Each body is `OPTIMIZER_UPDATE_RULES` in `@neuralkit/core` written in WGSL, operation
 * for operation in the same order, so every float32 intermediate rounds as the generic ops path
 * rounds it (that path's WGSL is the same `a * b`, `a / b`, `sqrt(a)`, one dispatch each).
 *
 * Buffers: `g` (read only), `w` the variable, and `s_<slot>` per slot; `p` the uniforms (the
 * value count, then the attrs in `params` order, as f32). A slot or the variable read inside the
 * body is read before the same element is written.
 */

export const WORKGROUP_SIZE = 64;

interface Variant {
  /** The slots present (kernel input names). */
  has: ReadonlySet<string>;
  nesterov: boolean;
}

export interface OptimizerShader {
  /** Attr names passed as uniforms, in order. */
  params: readonly string[];
  /** Slots the kernel may go without (the rest are required). */
  optional: readonly string[];
  /** WGSL statements for value `i`, with `g` the gradient value. */
  body(variant: Variant): string;
}

const ADAM_MOMENTS = `
  let m = s_momentum[i] + (g - s_momentum[i]) * p.oneMinusBeta1;
  let v = s_velocity[i] + (g * g - s_velocity[i]) * p.oneMinusBeta2;
  s_momentum[i] = m;
  s_velocity[i] = v;`;

export const OPTIMIZER_SHADERS: Record<string, OptimizerShader> = {
  SGD: {
    params: ['learningRate', 'momentum'],
    optional: ['momentum'],
    body: ({ has, nesterov }) => has.has('momentum') ? `
  let scaled = g * p.learningRate;
  let m = s_momentum[i] * p.momentum - scaled;
  s_momentum[i] = m;
  w[i] = w[i] + ${nesterov ? '(m * p.momentum - scaled)' : 'm'};` : `
  w[i] = w[i] - g * p.learningRate;`,
  },
  Adagrad: {
    params: ['learningRate', 'epsilon'],
    optional: [],
    body: () => `
  let acc = s_accumulator[i] + g * g;
  s_accumulator[i] = acc;
  w[i] = w[i] - (p.learningRate * g) / sqrt(acc + p.epsilon);`,
  },
  Adadelta: {
    params: ['learningRate', 'rho', 'oneMinusRho', 'epsilon'],
    optional: [],
    body: () => `
  let eg = p.rho * s_accumulated_grad[i] + p.oneMinusRho * (g * g);
  let ed = s_accumulated_delta_var[i];
  let d = -((sqrt(ed + p.epsilon) * g) / sqrt(eg + p.epsilon));
  s_accumulated_grad[i] = eg;
  s_accumulated_delta_var[i] = p.rho * ed + p.oneMinusRho * (d * d);
  w[i] = w[i] + p.learningRate * d;`,
  },
  RMSprop: {
    params: ['learningRate', 'rho', 'oneMinusRho', 'epsilon', 'momentum'],
    optional: ['momentum', 'average_gradient'],
    body: ({ has }) => `
  let v = p.rho * s_velocity[i] + p.oneMinusRho * (g * g);
  s_velocity[i] = v;${has.has('average_gradient') ? `
  let a = p.rho * s_average_gradient[i] + p.oneMinusRho * g;
  s_average_gradient[i] = a;
  let denominator = (v - a * a) + p.epsilon;` : `
  let denominator = v + p.epsilon;`}
  let increment = (p.learningRate * g) / sqrt(denominator);${has.has('momentum') ? `
  let m = p.momentum * s_momentum[i] + increment;
  s_momentum[i] = m;
  w[i] = w[i] - m;` : `
  w[i] = w[i] - increment;`}`,
  },
  Adam: {
    params: ['oneMinusBeta1', 'oneMinusBeta2', 'alpha', 'epsilon'],
    optional: ['velocity_hat'],
    body: ({ has }) => `${ADAM_MOMENTS}${has.has('velocity_hat') ? `
  let second = max(s_velocity_hat[i], v);
  s_velocity_hat[i] = second;` : `
  let second = v;`}
  w[i] = w[i] - (m * p.alpha) / (sqrt(second) + p.epsilon);`,
  },
  Adamax: {
    params: ['learningRate', 'oneMinusBeta1', 'beta2', 'correction', 'epsilon'],
    optional: [],
    body: () => `
  let m = s_momentum[i] + (g - s_momentum[i]) * p.oneMinusBeta1;
  let u = max(p.beta2 * s_norm[i], abs(g));
  s_momentum[i] = m;
  s_norm[i] = u;
  w[i] = w[i] - (p.learningRate * m) / (p.correction * (u + p.epsilon));`,
  },
  Nadam: {
    params: ['learningRate', 'oneMinusBeta1', 'oneMinusBeta2', 'mScale', 'gScale', 'vScale', 'epsilon'],
    optional: [],
    body: () => `${ADAM_MOMENTS}
  let mHat = m * p.mScale + g * p.gScale;
  w[i] = w[i] - (mHat * p.learningRate) / (sqrt(v / p.vScale) + p.epsilon);`,
  },
};

/** Words in the uniform block: the count and the attrs, padded to 16 bytes. */
export function uniformWords(shader: OptimizerShader): number {
  return Math.ceil((1 + shader.params.length) / 4) * 4;
}

/**
 * The full WGSL module of a variant. Bindings: 0 the uniforms, 1 the gradient (absent when the
 * gradient is one of the written buffers, `gradientFrom`), 2 the variable, 3... the slots in
 * `slots` order. Two-dimensional dispatches reach past 65,535 workgroups.
 */
export function optimizerModule(
  shader: OptimizerShader,
  variant: Variant & { slots: readonly string[]; gradientFrom?: string },
): string {
  const padding = Array.from({ length: uniformWords(shader) - 1 - shader.params.length }, (_, k) => `  pad${k} : f32,`);
  const fields = ['  size : u32,', ...shader.params.map((name) => `  ${name} : f32,`), ...padding];
  const storage = (binding: number, name: string, access: string) =>
    `@group(0) @binding(${binding}) var<storage, ${access}> ${name} : array<f32>;`;
  const gradient = variant.gradientFrom === undefined ? storage(1, 'g_in', 'read') : '';
  const source = variant.gradientFrom === undefined ? 'g_in' : bufferName(variant.gradientFrom);
  return `struct Params {
${fields.join('\n')}
}
@group(0) @binding(0) var<uniform> p : Params;
${gradient}
${storage(2, 'w', 'read_write')}
${variant.slots.map((slot, k) => storage(3 + k, bufferName(slot), 'read_write')).join('\n')}

@compute @workgroup_size(${WORKGROUP_SIZE})
fn main(@builtin(workgroup_id) group : vec3<u32>, @builtin(num_workgroups) groups : vec3<u32>,
        @builtin(local_invocation_index) lane : u32) {
  let i = (group.y * groups.x + group.x) * ${WORKGROUP_SIZE}u + lane;
  if (i >= p.size) {
    return;
  }
  let g = ${source}[i];${shader.body(variant)}
}
`;
}

/** The WGSL name of a written input's buffer: `w` for the variable, `s_<slot>` for a slot. */
export function bufferName(input: string): string {
  return input === 'variable' ? 'w' : `s_${input}`;
}
