import { fileURLToPath } from 'node:url';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { defineConfig, type ProxyOptions } from 'vite';
import react from '@vitejs/plugin-react';

/** Port of `vite` (dev) and `vite preview`; the start supervisor and e2e set it through the env. */
const port = portFromEnv(process.env.TRIPLINE_DESIGNER_PORT, 4200);
/** 127.0.0.1 by default so the port is predictable for tests; set 0.0.0.0 to serve other machines. */
const host = process.env.TRIPLINE_DESIGNER_HOST ?? '127.0.0.1';
const apiUrl = (process.env.TRIPLINE_API_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '');

function portFromEnv(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) {
    throw new Error(`TRIPLINE_DESIGNER_PORT must be a port number (0-65535), got "${value}"`);
  }
  return parsed;
}

/**
 * The browser talks to the API same-origin through this proxy. When the API is down, answer like a
 * GraphQL server would, so the app can show *why* instead of a bare "500".
 */
function apiProxy(ws: boolean): ProxyOptions {
  return {
    target: apiUrl,
    changeOrigin: true,
    ws,
    configure(proxy) {
      proxy.on('error', (error, _req, res) => {
        if (!('req' in res)) return; // a websocket: Vite closes it; graphql-ws reconnects.
        const response = res as ServerResponse<IncomingMessage>;
        if (response.headersSent || response.writableEnded) return;
        const reason = (error as NodeJS.ErrnoException).code ?? error.message;
        const message = `The Tripline API at ${apiUrl} is unreachable (${reason}). Is it running? \`npm start\` starts everything.`;
        response.writeHead(502, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify({ errors: [{ message, extensions: { code: 'API_UNREACHABLE' } }] }));
      });
    },
  };
}

const proxy: Record<string, ProxyOptions> = {
  '/graphql': apiProxy(true),
  '/v1/': apiProxy(false),
  '/healthz': apiProxy(false),
};

/** React, React Flow (with their d3 helpers) and LiquidJS change less often than the app: their own chunks stay cached. */
function vendorChunk(id: string): string | undefined {
  if (/[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/.test(id)) return 'react';
  if (/[\\/]node_modules[\\/](@xyflow|d3-[a-z]+|classcat)[\\/]/.test(id)) return 'flow';
  if (/[\\/]node_modules[\\/]liquidjs[\\/]/.test(id)) return 'liquid';
  return undefined;
}

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: {
      // The libs build to CommonJS; the designer bundles their TypeScript sources instead.
      '@tripline/playbook': fileURLToPath(new URL('../libs/playbook/src/index.ts', import.meta.url)),
      '@tripline/scoring': fileURLToPath(new URL('../libs/scoring/src/index.ts', import.meta.url)),
      // Template previews render with the runs' own engine and limits (LiquidJS' browser build).
      '@tripline/templates': fileURLToPath(new URL('../libs/templates/src/index.ts', import.meta.url)),
    },
  },
  server: { host, port, strictPort: true, proxy },
  preview: { host, port, strictPort: true, proxy },
  build: {
    outDir: 'dist',
    sourcemap: true,
    rollupOptions: {
      output: { manualChunks: vendorChunk },
      // zod's sources carry comments Rollup cannot place; they are harmless, and noise in every build.
      onwarn(warning, warn) {
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules')) return;
        warn(warning);
      },
    },
  },
});
