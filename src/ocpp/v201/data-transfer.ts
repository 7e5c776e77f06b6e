import type { CommandTranslator } from '../command.ts';
import type { Handler } from '../route.ts';
import type { DataTransferRequest, DataTransferResponse } from './types.gen.ts';

/** No vendor extension is registered, so every vendor id is unknown (OCPP 2.0.1 P01.FR.06). */
export const dataTransfer = (): Handler<DataTransferRequest, DataTransferResponse> => () => ({ status: 'UnknownVendorId' });

/** OCPP 2.0.1 P01: data may be any JSON. */
export const dataTransferCommand: CommandTranslator<'DataTransfer'> = {
  action: 'DataTransfer',
  request: (r): DataTransferRequest => ({
    vendorId: r.vendorId,
    ...(r.messageId !== undefined ? { messageId: r.messageId } : {}),
    ...(r.data !== undefined ? { data: r.data as DataTransferRequest['data'] } : {}),
  }),
  reply: (p: DataTransferResponse) => ({ status: p.status, ...(p.data !== undefined ? { data: p.data } : {}) }),
};
