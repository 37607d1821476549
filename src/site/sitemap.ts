/**
 * sitemap.xml for every doc, folder and tag page, with each doc's last update. URLs are absolute (the sitemap
 * protocol requires it): under the configured `site.url`, else under http://localhost:4321 for a local preview.
 *
 * In: a site with `/strategy/deployment-strategy/` updated 2026-11-24
 *   → `<url><loc>https://ops.example.com/strategy/deployment-strategy/</loc><lastmod>2026-11-24</lastmod></url>`
 */
import type { SiteModel } from './build-site.ts';
import { escapeHtml } from '../blocks/block-type.ts';

export function sitemapXml(site: SiteModel): string {
  const origin = site.config.url ?? 'http://localhost:4321';
  const entry = (url: string, lastmod?: string) =>
    `<url><loc>${escapeHtml(origin + encodeURI(url))}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ''}</url>`;
  const urls = [
    ...site.folders.map((folder) => entry(folder.url)),
    ...site.pages.map((page) => entry(page.url, page.updated)),
    ...site.tags.map((tag) => entry(tag.url)),
    ...(site.dashboards ? [site.dashboards.overviewUrl, ...[...site.dashboards.services, ...site.dashboards.environments].map((page) => page.url)].map((url) => entry(url)) : []),
  ];
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`;
}
