import type { CommandTranslator } from '../command.ts';
import type { Handler } from '../route.ts';
import type { DataTransferRequest, DataTransferResponse } from './types.gen.ts';

/** No vendor extension is registered, so every vendor id is unknown (OCPP 1.6 4.3). */
export const dataTransfer = (): Handler<DataTransferRequest, DataTransferResponse> => () => ({ status: 'UnknownVendorId' });

/** OCPP 1.6 5.6: data is text; anything else is sent as its JSON. */
export const dataTransferCommand: CommandTranslator<'DataTransfer'> = {
  action: 'DataTransfer',
  request: (r): DataTransferRequest => ({
    vendorId: r.vendorId,
    ...(r.messageId !== undefined ? { messageId: r.messageId } : {}),
    ...(r.data !== undefined ? { data: typeof r.data === 'string' ? r.data : JSON.stringify(r.data) } : {}),
  }),
  reply: (p: DataTransferResponse) => ({ status: p.status, ...(p.data !== undefined ? { data: p.data } : {}) }),
};
