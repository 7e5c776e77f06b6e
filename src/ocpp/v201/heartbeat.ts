import type { Handler } from '../route.ts';
import type { HeartbeatRequest, HeartbeatResponse } from './types.gen.ts';

export const heartbeat = (): Handler<HeartbeatRequest, HeartbeatResponse> => (ctx) => ({ currentTime: ctx.receivedAt.toISOString() });
