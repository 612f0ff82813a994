import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// The embeddable web-chat widget: one self-contained script (IIFE), served by the server at /widget.js.
export default defineConfig({
  root: here('.'),
  resolve: {
    // The widget's texts live in the product's catalogs (the widget.* keys).
    alias: { '@app/i18n': here('../../libs/i18n/src/index.ts') },
  },
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    target: 'es2019',
    sourcemap: false,
    lib: {
      entry: here('src/main.ts'),
      name: 'OmniboxWidget',
      formats: ['iife'],
      fileName: () => 'widget.js',
    },
    // The catalogs are plain objects: reading them has no side effects, so the other texts of the product stay out of the bundle.
    rolldownOptions: { treeshake: { propertyReadSideEffects: false } },
  },
});
