/** The tokens capability: RFID cards and other id tokens. */
export { createTokensService, type TokensService, tokenView } from './token.service.ts';
export { tokenRoutes } from './tokens.routes.ts';
export { normalizeUid, isTokenType, tokenTypes } from './uid.ts';
