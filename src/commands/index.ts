/** The command port: what capabilities use to ask a station to do something. */
export type {
  CommandPort,
  Commands,
  CommandName,
  CommandOutcome,
  FirmwareRequest,
  LocalListEntry,
  MonitorResult,
  MonitorSpec,
  RawOutcome,
  SettingRef,
  SettingValue,
  StatusReply,
  TokenType,
  TriggerableMessage,
} from './types.ts';
export { triggerableMessages } from './types.ts';
export { replyOrThrow } from './http.ts';
