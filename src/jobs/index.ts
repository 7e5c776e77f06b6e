/** Recurring jobs, run once per cluster. */
export { type Scheduler, type Job, LocalScheduler } from './scheduler.ts';
