// The site is plain Astro with one integration: it runs the check pipeline and hands the pages their data.
// Which vault, base path, site URL and failure threshold: shipshape.config.json / SHIPSHAPE_* variables.
import { defineConfig } from 'astro/config';
import shipshape from './src/astro/integration.ts';

export default defineConfig({
  integrations: [shipshape()],
  devToolbar: { enabled: false },
  prefetch: false,
});
