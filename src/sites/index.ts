/** The sites capability: where stations stand. */
export { createSitesService, type SitesService, isTimeZone } from './site.service.ts';
export { siteRoutes } from './sites.routes.ts';
