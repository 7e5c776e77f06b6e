/** The station simulator: realistic OCPP stations for demos, tests and load (npm run simulate). */
export { Fleet, type FleetOptions, dialects } from './fleet.ts';
export { SimStation } from './station.ts';
export type { Behaviour, SimStats } from './types.ts';
export { startDemo } from './demo.ts';
