import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const apiTarget = `http://localhost:${process.env.PORT ?? 4000}`;
const apiPaths = ['/graphql', '/healthz', '/reports', '/attachments', '/expertises', '/templates'];

/** The web client: built into dist/web and served by the API server at `/`. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  // `npm run dev:web` serves the client with hot reload next to a running `npm start`.
  server: { proxy: Object.fromEntries(apiPaths.map((p) => [p, apiTarget])) },
});
