/** Captures a server's log lines (pino JSON) so a test can read what was logged, and what was not. */
import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../src/log.ts';

export interface CapturedLogs {
  stream: Writable;
  /** A logger at info level writing here: pass it as startServer's `log`. */
  log: Logger;
  lines(): Array<Record<string, unknown>>;
  /** Everything logged, as text: for asserting a secret never appears. */
  text(): string;
}

export function captureLogs(): CapturedLogs {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  const text = () => chunks.join('');
  return {
    stream,
    log: createLogger('info', stream),
    text,
    lines: () =>
      text()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}
