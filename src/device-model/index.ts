/** The device model of each station: inventory, settings and monitors. */
export { createDeviceModelService, type DeviceModelService } from './device-model.service.ts';
export { deviceModelRoutes } from './device-model.routes.ts';
export { variableKey } from './variable-key.ts';
