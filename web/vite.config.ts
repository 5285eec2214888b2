import { defineConfig } from 'vite';

// No React plugin: production builds need only JSX, which Vite's own esbuild transform handles.
export default defineConfig({
  root: new URL('.', import.meta.url).pathname,
  esbuild: { jsx: 'automatic' },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, target: 'es2022' },
  logLevel: 'warn',
});
