/**
 * How a version sends a domain command: the OCPP action, the request built from the command,
 * and the reply read back. Each version's commands.ts is a table of these.
 */
import type { CommandName, Commands } from '../commands/index.ts';

export interface CommandTranslator<N extends CommandName> {
  readonly action: string;
  /** Why this request cannot be sent in this version (a variant it lacks), or undefined when it can. */
  unsupported?(r: Commands[N]['request']): string | undefined;
  request(r: Commands[N]['request']): object;
  // The reply has passed the action's response schema before it is read.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  reply(p: any): Commands[N]['reply'];
}

export type CommandTable = { readonly [N in CommandName]?: CommandTranslator<N> };
