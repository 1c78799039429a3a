import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { cjkWebFont } from './scripts/webfont/plugin';

// Main bundles the Node entries: the Electron main process and the loopback web host (same core),
// the sandbox and hall children, the SM2 verification thread and the batch rules thread.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      externalizeDeps: true,
      rollupOptions: {
        input: {
          main: resolve(__dirname, 'electron/main.ts'),
          'web-host': resolve(__dirname, 'electron/web-host.ts'),
          sandbox: resolve(__dirname, 'sandbox/cli.ts'),
          hall: resolve(__dirname, 'hall/cli.ts'),
          // A thread of the SM2 verification pool, loaded by file name (registry/sm2-pool.ts).
          'sm2-worker': resolve(__dirname, 'electron/services/registry/sm2-worker.ts'),
          // The rules thread of a batch run, loaded by file name (batch/rules-thread.ts).
          'batch-rules-worker': resolve(__dirname, 'electron/services/batch/rules-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can require only 'electron': bundle zod and the contract into it.
      externalizeDeps: false,
      rollupOptions: {
        input: { preload: resolve(__dirname, 'electron/preload.ts') },
        external: ['electron'],
        output: { format: 'cjs', inlineDynamicImports: true },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react(), cjkWebFont({ root: __dirname, rendererDir: resolve(__dirname, 'renderer') })],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: { input: resolve(__dirname, 'renderer/index.html') },
      chunkSizeWarningLimit: 3000,
    },
  },
});
