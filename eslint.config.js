import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.turbo/**', '**/coverage/**', '**/tmp/**', '**/test-results/**', 'apps/web/public/**', '.gpu-check/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', globalThis: 'readonly', URL: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setImmediate: 'readonly', performance: 'readonly', window: 'readonly', document: 'readonly', navigator: 'readonly', self: 'readonly', fetch: 'readonly', TextDecoder: 'readonly', TextEncoder: 'readonly', Blob: 'readonly', File: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      'no-restricted-syntax': ['error', { selector: "BinaryExpression[operator='instanceof'][right.name=/^(Tensor|Variable)$/]", message: 'No instanceof across packages: check className or shape instead.' }],
    },
  },
  {
    // architecture.json: library packages use tfjs-core ops and the kernel seam of @neuralkit/core, never a backend.
    files: ['packages/{core,data,losses,schedules,optimizers,model,h5,testing}/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@tensorflow/tfjs-backend-*', '@tensorflow/tfjs-node*', '@neuralkit/backend-*'], message: 'Library packages import no backend: name a kernel in @neuralkit/core and register it in the adapter.' }] }],
    },
  },
);
