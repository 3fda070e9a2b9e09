import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';

const apiTarget = `http://localhost:${process.env.PORT ?? 4000}`;
const apiPaths = ['/graphql', '/healthz', '/reports', '/attachments', '/expertises', '/templates'];

/** The web client: built into dist/web and served by the API server at `/`. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // Brotli and gzip copies beside every file, served by the API server to browsers that take them.
  plugins: [react(), compression({ algorithms: ['brotliCompress', 'gzip'], threshold: 1024, logLevel: 'warn' })],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    // Which chunks each page loads: read by the size budget test and the browser bench.
    manifest: true,
  },
  // `npm run dev:web` serves the client with hot reload next to a running `npm start`.
  server: { proxy: Object.fromEntries(apiPaths.map((p) => [p, apiTarget])) },
});
