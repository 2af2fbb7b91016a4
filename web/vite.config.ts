import { defineConfig } from 'vitest/config';

// web/sdk builds as an ES library (dist/sdk); its unit tests run under Vitest in Node.
export default defineConfig({
  build: {
    outDir: 'dist/sdk',
    lib: { entry: 'sdk/src/index.ts', formats: ['es'], fileName: 'tributary-sdk' },
    rollupOptions: { external: ['graphql-ws'] },
  },
  test: {
    include: ['sdk/test/**/*.test.ts'],
    environment: 'node',
  },
});
