/** The command port: what capabilities use to ask a station to do something. */
export type { CommandPort, Commands, CommandName, CommandOutcome, LocalListEntry, TokenType } from './types.ts';
export { replyOrThrow } from './http.ts';
