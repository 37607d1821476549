/**
 * The site model, as the routes read it (`import { getSite } from 'virtual:shipshape/site'`). The integration
 * resolves that virtual module to this file and sets the model here; the routes must see the very module instance
 * the integration set, which `routes.ts` arranges: in a build the module is external to Astro's bundle (Node loads
 * it once, for both), in the dev server the integration sets it through the server's module runner.
 */
import type { SiteModel } from '../site/build-site.ts';

let current: SiteModel | undefined;

export function setSite(site: SiteModel): void {
  current = site;
}

export function getSite(): SiteModel {
  if (!current) throw new Error('The Shipshape integration has not loaded the vault: is shipshape() in the integrations of astro.config?');
  return current;
}
