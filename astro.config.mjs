// This repository as a template: a plain Astro project with one integration, which checks the vault in content/ and
// injects Shipshape's pages (there is no src/pages). Which vault, base path, site URL and failure threshold:
// shipshape.config.json / SHIPSHAPE_* variables. Another repository imports the integration from 'shipshape/astro'.
import { defineConfig } from 'astro/config';
import shipshape from './src/astro/integration.ts';

export default defineConfig({
  integrations: [shipshape()],
  devToolbar: { enabled: false },
  prefetch: false,
});
