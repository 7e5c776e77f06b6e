export type { DomainEvent, DomainEventType } from './types.ts';
export { type EventBus, type Listener, LocalEventBus, type SubscribeOptions } from './bus.ts';
export { eventRoutes } from './events.routes.ts';
export type { CostSnapshot, SessionSnapshot } from './types.ts';
