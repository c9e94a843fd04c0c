import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The dev server proxies the API and the login to a running `make run`
// (SUMMIT_URL, default http://127.0.0.1:8080), so the session cookie and the
// CSRF origin check see one origin: open the dev server's address, sign in
// there, and edits reload in place.
const backend = process.env.SUMMIT_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist/app',
    emptyOutDir: true,
    // Hashed file names under assets/ are what the Go server caches forever.
    assetsDir: 'assets',
    // .vite/manifest.json lets scripts/bundle-report.mjs compute what a route loads.
    manifest: true,
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      output: {
        manualChunks(id: string) {
          if (!id.includes('node_modules')) return undefined;
          if (/node_modules\/(react|react-dom|scheduler|react-router)\//.test(id)) return 'react';
          if (/node_modules\/(@apollo|graphql|rxjs|@wry|optimism|@graphql-typed-document-node)\//.test(id)) return 'apollo';
          if (/node_modules\/(i18next|react-i18next)\//.test(id)) return 'i18n';
          return undefined;
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/graphql': { target: backend, changeOrigin: false },
      '/auth': { target: backend, changeOrigin: false },
      '/readyz': backend,
    },
  },
});
