/**
 * Hands the site model from the integration to the pages. Astro runs both in one process, but the pages are
 * bundled separately from the config, so a module-level variable would be two variables: the model lives on
 * `globalThis` under a registered symbol instead.
 */
import type { SiteModel } from '../site/build-site.ts';

const key = Symbol.for('shipshape.site');

type Holder = { [key]?: SiteModel };

export function setSite(site: SiteModel): void {
  (globalThis as Holder)[key] = site;
}

export function getSite(): SiteModel {
  const site = (globalThis as Holder)[key];
  if (!site) throw new Error('The Shipshape integration has not loaded the vault: is it in astro.config.mjs?');
  return site;
}
