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
);
