import { defineConfig } from 'vite';

// No React plugin: production builds need only JSX, which Vite's own esbuild transform handles.
export default defineConfig({
  root: new URL('.', import.meta.url).pathname,
  // jsxDev off: Vite would pick the development JSX runtime whenever NODE_ENV is not `production` (the test runner's is `test`).
  esbuild: { jsx: 'automatic', jsxDev: false },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
    rollupOptions: {
      // TanStack's "use client" markers mean nothing without server components; Rollup drops them and says so for every file.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  logLevel: 'warn',
});
