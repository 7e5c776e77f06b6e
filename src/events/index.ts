export type { DomainEvent, DomainEventType } from './types.ts';
export { type EventBus, type Listener, LocalEventBus } from './bus.ts';
