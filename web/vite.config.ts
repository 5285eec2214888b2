import { defineConfig } from 'vite';

// No React plugin: production builds need only JSX, which Vite's own esbuild transform handles.
export default defineConfig({
  root: new URL('.', import.meta.url).pathname,
  // jsxDev off: Vite would pick the development JSX runtime whenever NODE_ENV is not `production` (the test runner's is `test`).
  esbuild: { jsx: 'automatic', jsxDev: false },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, target: 'es2022' },
  logLevel: 'warn',
});
