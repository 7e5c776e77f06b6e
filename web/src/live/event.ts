/** A domain event as the live stream delivers it (src/events/types.ts on the server). */
export interface LiveEvent {
  type: string;
  stationId?: string;
  at: string;
  [more: string]: unknown;
}
