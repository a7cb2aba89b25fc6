import { registerBackend } from '@neuralkit/core';
import { webglBackend } from './webgl-backend.js';

// Importing the package makes 'webgl' known to useBackend('auto') and useBackend('webgl');
// nothing is activated until then.
registerBackend('webgl', webglBackend);

export { webglBackend };
