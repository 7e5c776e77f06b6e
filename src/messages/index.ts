export { createMessageLog, type MessageLog, type MessageSink, type MessageEntry } from './message-log.ts';
export type { MessageRow } from './message-log.repo.ts';
export { messageRoutes } from './messages.routes.ts';
