export { dialect } from './dialect.ts';
export { routes } from './routes.ts';
export { commands, stationOnly } from './commands.ts';
export const schemaFile = 'ocpp1_6' as const;
