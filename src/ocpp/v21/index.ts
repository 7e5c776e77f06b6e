export { dialect } from './dialect.ts';
export { routes } from './routes.ts';
export { commands, stationOnly } from './commands.ts';
export const schemaFile = 'ocpp2_1' as const;
