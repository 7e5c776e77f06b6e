import type { Handler } from '../route.ts';
import type { DataTransferRequest, DataTransferResponse } from './types.gen.ts';

/** No vendor extension is registered, so every vendor id is unknown (OCPP 1.6 4.3). */
export const dataTransfer = (): Handler<DataTransferRequest, DataTransferResponse> => () => ({ status: 'UnknownVendorId' });
