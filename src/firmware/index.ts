/** Firmware: images served to stations, updates, and campaigns across many stations. */
export { createFirmware, type Firmware } from './firmware.service.ts';
export { createCampaigns, type Campaigns } from './campaigns.service.ts';
export { firmwareRoutes } from './firmware.routes.ts';
export { outcomeOf } from './firmware-status.ts';
