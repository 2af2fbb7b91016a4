import { defineConfig } from 'vitest/config';

// `vite build` builds the web app (index.html → app/main.ts, using web/sdk from source) into dist/, which the server
// serves at `/` (WebApp:Root). Another page gets its own entry below, e.g. `studio: 'studio/index.html'`,
// and is then served at /studio. `vite build --mode sdk` builds web/sdk alone as an ES library (dist-sdk/).
export default defineConfig(({ mode }) =>
  mode === 'sdk'
    ? {
        build: {
          outDir: 'dist-sdk',
          lib: { entry: 'sdk/src/index.ts', formats: ['es'], fileName: 'tributary-sdk' },
          rollupOptions: { external: ['graphql-ws'] },
        },
      }
    : {
        build: {
          outDir: 'dist',
          emptyOutDir: true,
          chunkSizeWarningLimit: 1000,
          rollupOptions: {
            input: {
              main: 'index.html',
            },
          },
        },
        test: {
          include: ['sdk/test/**/*.test.ts', 'app/test/**/*.test.ts'],
          environment: 'node',
        },
      },
);
