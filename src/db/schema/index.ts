export * from './stations.ts';
export * from './accounts.ts';
