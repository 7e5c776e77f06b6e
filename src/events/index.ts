export type { DomainEvent, DomainEventType } from './types.ts';
export { type EventBus, type Listener, LocalEventBus, type SubscribeOptions } from './bus.ts';
export { eventRoutes } from './events.routes.ts';
export type { SessionSnapshot } from './types.ts';
