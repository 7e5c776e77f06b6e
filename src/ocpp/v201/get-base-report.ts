import type { CommandTranslator } from '../command.ts';
import type { GetBaseReportRequest, GetBaseReportResponse } from './types.gen.ts';

/** OCPP 2.0.1 B07: the report follows in NotifyReport messages with this requestId. */
export const getBaseReport: CommandTranslator<'GetBaseReport'> = {
  action: 'GetBaseReport',
  request: (r): GetBaseReportRequest => ({ requestId: r.requestId, reportBase: r.reportBase }),
  reply: (p: GetBaseReportResponse) => ({ status: p.status, info: p.statusInfo?.reasonCode }),
};
