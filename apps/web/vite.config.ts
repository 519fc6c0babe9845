import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:3000' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // antd's table, tree and pickers land in per-page chunks; the warning is about those, not the first screen
    chunkSizeWarningLimit: 900,
  },
});
