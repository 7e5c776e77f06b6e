export * from './stations.ts';
export * from './accounts.ts';
export * from './drivers.ts';
export * from './sessions.ts';
export * from './sites.ts';
export * from './billing.ts';
export * from './maintenance.ts';
export * from './reports.ts';
