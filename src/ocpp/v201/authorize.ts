import type { TokenType } from '../../commands/index.ts';
import type { OcppDeps } from '../deps.ts';
import type { Handler } from '../route.ts';
import { idTokenInfo } from './id-token-info.ts';
import type { AuthorizeRequest, AuthorizeResponse } from './types.gen.ts';

/** OCPP 2.0.1 C01: may this idToken charge? */
export const authorize =
  ({ authorization }: OcppDeps): Handler<AuthorizeRequest, AuthorizeResponse> =>
  async (ctx, req) => ({
    idTokenInfo: idTokenInfo(
      await authorization.authorize({ uid: req.idToken.idToken, type: req.idToken.type as TokenType, stationId: ctx.stationId, purpose: 'Authorize' }),
    ),
  });
