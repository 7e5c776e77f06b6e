import type { OcppDeps } from '../deps.ts';
import type { Handler } from '../route.ts';
import { idTagInfo } from './id-tag-info.ts';
import type { AuthorizeRequest, AuthorizeResponse } from './types.gen.ts';

/** OCPP 1.6 4.1: may this idTag charge? */
export const authorize =
  ({ authorization }: OcppDeps): Handler<AuthorizeRequest, AuthorizeResponse> =>
  async (ctx, req) => ({
    idTagInfo: idTagInfo(await authorization.authorize({ uid: req.idTag, stationId: ctx.stationId, purpose: 'Authorize' })),
  });
