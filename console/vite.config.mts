import { defineConfig } from 'vite';

// The console is served by the Nest app itself under /console, built into dist/console
// (`vite build console`, so the root is this folder).
export default defineConfig({
  base: '/console/',
  build: { outDir: '../dist/console', emptyOutDir: true, sourcemap: true },
});
