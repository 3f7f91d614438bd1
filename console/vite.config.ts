import { defineConfig } from 'vite';

// The console is served by the Nest app itself under /console, built into dist/console.
export default defineConfig({
  root: __dirname,
  base: '/console/',
  build: { outDir: '../dist/console', emptyOutDir: true, sourcemap: true },
});
