export { Initializer, computeFans } from './initializer.js';
export { Constant, Ones, Zeros } from './constant.js';
export { RandomNormal, RandomUniform, TruncatedNormal } from './random.js';
export {
  GlorotNormal,
  GlorotUniform,
  HeNormal,
  HeUniform,
  LecunNormal,
  LecunUniform,
  VarianceScaling,
} from './variance-scaling.js';
export { get, initializerRegistry, serialize } from './registry.js';
