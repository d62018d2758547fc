import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer is plain static files: served by the app:// protocol in Electron and by the
// web-mode server in a browser. Relative base so both can load it from any path.
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2023',
  },
});
