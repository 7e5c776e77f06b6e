/**
 * Writes a report as a stream, row by row: JSON (`{"from", ..., "items": [...]}`) or CSV with
 * a header row (RFC 4180, by csv-stringify). Rows may come from an async source (the session
 * export reads them in chunks), so nothing waits for the whole report.
 */
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { ReportFilter } from './filters.ts';
import type { Report, Row } from './reports.service.ts';

async function* rowsOf(report: Report): AsyncGenerator<Row> {
  yield* report.rows as Iterable<Row> | AsyncIterable<Row>;
}

async function* jsonChunks(f: ReportFilter, report: Report): AsyncGenerator<string> {
  const head = { from: f.from.toISOString(), to: f.to.toISOString(), timeZone: f.tz, groupBy: f.groupBy, columns: report.columns };
  yield `${JSON.stringify(head).slice(0, -1)},"items":[`;
  let first = true;
  let batch = '';
  for await (const row of rowsOf(report)) {
    batch += (first ? '' : ',') + JSON.stringify(row);
    first = false;
    if (batch.length > 64 * 1024) {
      yield batch;
      batch = '';
    }
  }
  yield `${batch}]}`;
}

export function jsonStream(f: ReportFilter, report: Report): Readable {
  return Readable.from(jsonChunks(f, report));
}

export function csvStream(report: Report): Readable {
  const csv = stringify({ header: true, columns: report.columns, cast: { boolean: (v) => String(v), date: (d) => d.toISOString() } });
  const source = Readable.from(rowsOf(report));
  source.on('error', (err) => csv.destroy(err));
  return source.pipe(csv);
}
