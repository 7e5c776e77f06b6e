import type { CommandTranslator } from '../command.ts';
import type { GetLogRequest, GetLogResponse } from './types.gen.ts';

/** OCPP 2.0.1 N01: progress comes by LogStatusNotification with this requestId. */
export const getLog: CommandTranslator<'GetLog'> = {
  action: 'GetLog',
  request: (r): GetLogRequest => ({
    requestId: r.requestId,
    logType: r.logType === 'Security' ? 'SecurityLog' : 'DiagnosticsLog',
    log: { remoteLocation: r.location, ...(r.from ? { oldestTimestamp: r.from } : {}), ...(r.to ? { latestTimestamp: r.to } : {}) },
    ...(r.retries !== undefined ? { retries: r.retries } : {}),
    ...(r.retryInterval !== undefined ? { retryInterval: r.retryInterval } : {}),
  }),
  reply: (p: GetLogResponse) => ({ status: p.status, ...(p.filename ? { fileName: p.filename } : {}) }),
};
