/** Data retention: how long each growing log is kept (the hourly data-retention job). */
export { createRetention, deleteOlderThan, type Retention, type RetentionPolicy } from './retention.ts';
