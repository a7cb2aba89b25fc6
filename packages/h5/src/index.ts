export type { KerasModelFile, StoredLayer, StoredOptimizerWeight, StoredWeight } from './keras-file.js';
export { readKerasModelFile } from './read-model-file.js';
export { readKerasH5, isHdf5 } from './read-h5.js';
export { readKerasArchive, isZip } from './read-keras-archive.js';
export { writeKerasH5 } from './write-h5.js';
export { writeFileAtomic } from './write-file.js';
export type { ModelSource } from './source-bytes.js';
