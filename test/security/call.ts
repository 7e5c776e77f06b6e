/** One raw request for the security tests: any method, any body (or none), a token or none; event streams are read up to their headers. */
import type { SecurityFixtures } from '../helpers/security-fixtures.ts';

export interface Answer {
  status: number;
  text: string;
  headers: Headers;
}

export async function call(f: SecurityFixtures, method: string, path: string, token: string | null, body?: unknown): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${f.s.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (res.headers.get('content-type')?.startsWith('text/event-stream')) {
    await res.body?.cancel();
    return { status: res.status, text: '', headers: res.headers };
  }
  return { status: res.status, text: await res.text(), headers: res.headers };
}
