/** The drivers capability: driver accounts. */
export { createDriversService, type DriversService } from './driver.service.ts';
export { driverRoutes } from './drivers.routes.ts';
