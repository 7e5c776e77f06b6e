import type { Handler } from '../route.ts';
import type { DataTransferRequest, DataTransferResponse } from './types.gen.ts';

/** No vendor extension is registered, so every vendor id is unknown (OCPP 2.0.1 P01.FR.06). */
export const dataTransfer = (): Handler<DataTransferRequest, DataTransferResponse> => () => ({ status: 'UnknownVendorId' });
