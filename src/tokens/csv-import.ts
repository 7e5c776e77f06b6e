/**
 * Bulk import of tokens from CSV. Columns (header row, any order; only uid is required):
 *   uid, type, status, expiresAt, groupId, driverEmail, label
 * Every row is checked first; one bad row refuses the whole file with every problem listed,
 * so an import is never half done.
 */
import { parse } from 'csv-parse/sync';
import type { TokenType } from '../commands/index.ts';
import { isTokenType, normalizeUid } from './uid.ts';

export interface ImportRow {
  line: number;
  uid: string;
  type: TokenType;
  status: 'Accepted' | 'Blocked' | 'Expired' | 'Invalid';
  expiresAt: Date | null;
  groupId: string | null;
  driverEmail: string | null;
  label: string | null;
}

export interface ImportProblem {
  line: number;
  message: string;
}

export const MAX_IMPORT_ROWS = 100_000;
const STATUSES = new Set(['Accepted', 'Blocked', 'Expired', 'Invalid']);
const COLUMNS = new Set(['uid', 'type', 'status', 'expiresat', 'groupid', 'driveremail', 'label']);

export function parseTokenCsv(text: string): { rows: ImportRow[]; problems: ImportProblem[] } {
  let records: Array<Record<string, string>>;
  try {
    records = parse(text, {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
      bom: true,
      relax_column_count: false,
    }) as Array<Record<string, string>>;
  } catch (err) {
    const e = err as { message: string; lines?: number };
    return { rows: [], problems: [{ line: e.lines ?? 0, message: `The file is not valid CSV: ${e.message}` }] };
  }
  const problems: ImportProblem[] = [];
  const header = records[0] ? Object.keys(records[0]) : [];
  const unknown = header.filter((h) => !COLUMNS.has(h));
  if (records.length > 0 && !header.includes('uid')) problems.push({ line: 1, message: 'The header row has no uid column.' });
  if (unknown.length) problems.push({ line: 1, message: `Unknown columns: ${unknown.join(', ')}.` });
  if (records.length > MAX_IMPORT_ROWS) problems.push({ line: 0, message: `At most ${MAX_IMPORT_ROWS} rows per file.` });
  if (problems.length) return { rows: [], problems };

  const rows: ImportRow[] = [];
  const seen = new Map<string, number>();
  records.forEach((r, i) => {
    const line = i + 2;
    const type = r.type || 'ISO14443';
    if (!isTokenType(type)) return problems.push({ line, message: `Unknown token type "${type}".` });
    const uid = normalizeUid(r.uid ?? '', type);
    if (!uid.ok) return problems.push({ line, message: `Invalid uid: ${uid.message}.` });
    const status = r.status || 'Accepted';
    if (!STATUSES.has(status)) return problems.push({ line, message: `Unknown status "${status}".` });
    let expiresAt: Date | null = null;
    if (r.expiresat) {
      expiresAt = new Date(r.expiresat);
      if (Number.isNaN(expiresAt.getTime())) return problems.push({ line, message: `expiresAt "${r.expiresat}" is not a date.` });
    }
    const key = uid.uid.toLowerCase();
    const dup = seen.get(key);
    if (dup) return problems.push({ line, message: `uid ${uid.uid} is also on line ${dup}.` });
    seen.set(key, line);
    rows.push({
      line,
      uid: uid.uid,
      type,
      status: status as ImportRow['status'],
      expiresAt,
      groupId: r.groupid || null,
      driverEmail: r.driveremail || null,
      label: r.label || null,
    });
    return undefined;
  });
  return { rows, problems };
}
