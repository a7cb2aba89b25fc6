import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// A static site with relative URLs, so dist/ can be opened from any path or host.
export default defineConfig({
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 4096,
    rolldownOptions: {
      input: {
        main: resolve(import.meta.dirname, 'index.html'),
        conformance: resolve(import.meta.dirname, 'conformance.html'),
        io: resolve(import.meta.dirname, 'io.html'),
      },
    },
  },
  worker: { format: 'es' },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
