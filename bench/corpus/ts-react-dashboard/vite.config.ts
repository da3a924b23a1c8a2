import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  server: {
    // ok: permissive-cors
    cors: { origin: ['http://localhost:5173'] },
    proxy: { '/api': 'http://localhost:8000' },
  },
});
