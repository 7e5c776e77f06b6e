import type { Handler } from '../route.ts';
import type { HeartbeatRequest, HeartbeatResponse } from './types.gen.ts';

/** Presence is recorded for every frame by the connection; the answer carries our clock. */
export const heartbeat = (): Handler<HeartbeatRequest, HeartbeatResponse> => (ctx) => ({ currentTime: ctx.receivedAt.toISOString() });
