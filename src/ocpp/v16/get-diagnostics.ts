import type { CommandTranslator } from '../command.ts';
import type { GetDiagnosticsRequest, GetDiagnosticsResponse } from './types.gen.ts';

/**
 * OCPP 1.6 5.9: the diagnostics log only. The answer has no status: a file name means the
 * upload will follow, none means the station has no diagnostics to send.
 */
export const getDiagnostics: CommandTranslator<'GetLog'> = {
  action: 'GetDiagnostics',
  unsupported: (r) =>
    r.logType === 'Security' ? 'OCPP 1.6 uploads security logs with GetLog from the security extension: send it as a raw call.' : undefined,
  request: (r): GetDiagnosticsRequest => ({
    location: r.location,
    ...(r.retries !== undefined ? { retries: r.retries } : {}),
    ...(r.retryInterval !== undefined ? { retryInterval: r.retryInterval } : {}),
    ...(r.from ? { startTime: r.from } : {}),
    ...(r.to ? { stopTime: r.to } : {}),
  }),
  reply: (p: GetDiagnosticsResponse) => (p.fileName ? { status: 'Accepted', fileName: p.fileName } : { status: 'NoDiagnostics' }),
};
