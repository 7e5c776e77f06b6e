/**
 * Secrets out of anything that is kept or shown. Values are judged by their key's name
 * (passwords, secrets, bearer and API tokens, private keys, card fields), and configuration
 * writes by what they set: a station's password travels as an ordinary value in a REST
 * setting ({variable: 'BasicAuthPassword', value}), a domain command ({setting: {variable}, value}), a 1.6 ChangeConfiguration
 * ({key: 'AuthorizationKey', value}) and a 2.x SetVariables ({variable: {name}, attributeValue}).
 * Names are matched whole (or by their end: fooPassword, webhookSecret), so OCPP fields such
 * as localAuthorizationList or idToken are kept.
 */

export const REDACTED = '[redacted]';

const secretKey = /^(token|bearer|authorization|api[-_]?key|private[-_]?key|(access|refresh|id|auth)[-_]?token_?hash|(access|refresh)[-_]?token|cvc|cvv|card[-_]?number|pan|iban)$|pass(word|phrase)$|secret$|passwordHash$/i;
/** Configuration keys and device-model variables whose value is a credential. */
const secretSetting = /^(AuthorizationKey|.*Password|.*Secret|.*PrivateKey)$/i;

/** Whether a configuration key or device-model variable holds a credential (its value is never kept). */
export const isSecretSetting = (name: string): boolean => secretSetting.test(name);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The name a configuration entry sets, in the REST, 1.6 or 2.x shape. */
function settingName(o: Record<string, unknown>): string | null {
  if ('value' in o) {
    if (typeof o.key === 'string') return o.key;
    if (typeof o.variable === 'string') return o.variable;
    if (isRecord(o.setting) && typeof o.setting.variable === 'string') return o.setting.variable;
  }
  if ('attributeValue' in o && isRecord(o.variable) && typeof o.variable.name === 'string') return o.variable.name;
  return null;
}

export interface RedactOptions {
  /** Cut long strings and arrays (a summary); off for records that must stay whole, such as the OCPP log. */
  summarise?: boolean;
}

const MAX_DEPTH = 8;
const MAX_STRING = 500;
const MAX_ITEMS = 50;

function walk(value: unknown, summarise: boolean, depth: number): unknown {
  if (typeof value === 'string') return summarise && value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…` : value;
  if (value === null || typeof value !== 'object') return value;
  if (summarise && depth >= MAX_DEPTH) return '…';
  if (Array.isArray(value)) {
    if (!summarise) return value.map((v) => walk(v, false, depth + 1));
    const items = value.slice(0, MAX_ITEMS).map((v) => walk(v, true, depth + 1));
    return value.length > MAX_ITEMS ? [...items, `… ${value.length - MAX_ITEMS} more`] : items;
  }
  const o = value as Record<string, unknown>;
  const setting = settingName(o);
  const hideValue = setting !== null && secretSetting.test(setting);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    const secret = secretKey.test(k) || (hideValue && (k === 'value' || k === 'attributeValue'));
    out[k] = secret && v !== null && v !== undefined ? REDACTED : walk(v, summarise, depth + 1);
  }
  return out;
}

/** A copy of `value` with every credential replaced by [redacted]. */
export const redactSecrets = (value: unknown, opts: RedactOptions = {}): unknown => walk(value, opts.summarise ?? false, 0);
