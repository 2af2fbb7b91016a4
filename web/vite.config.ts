import { defineConfig } from 'vitest/config';

// `vite build` builds the web app (index.html → app/main.ts, using web/sdk from source) into dist/, which the server
// serves at `/` (WebApp:Root). The studio (studio/index.html) is a second entry, served at /studio. `vite build --mode sdk` builds web/sdk alone as an ES library (dist-sdk/).
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
              studio: 'studio/index.html',
            },
          },
        },
        test: {
          include: ['sdk/test/**/*.test.ts', 'app/test/**/*.test.ts'],
          environment: 'node',
        },
      },
);
