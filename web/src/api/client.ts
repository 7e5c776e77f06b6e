/**
 * The typed REST client. Types come from the server's OpenAPI document (schema.d.ts, written
 * by `npm run gen:api-types`); openapi-fetch checks paths, parameters and bodies against them.
 * Every request carries the bearer token; a 401 on a signed-in request signs out.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema.d.ts';
import { getSession, setSession } from './session.ts';

export type Schemas = components['schemas'];

const auth: Middleware = {
  onRequest({ request }) {
    const s = getSession();
    if (s && !request.headers.has('authorization')) request.headers.set('authorization', `Bearer ${s.token}`);
    return request;
  },
  onResponse({ request, response }) {
    if (response.status === 401 && request.headers.has('authorization') && getSession()) setSession(null);
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: '' });
api.use(auth);

/** An API error as a value with the server's stable code (docs/errors.md). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

interface Outcome<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The data of an openapi-fetch call, or an ApiError thrown with the server's code and sentence. */
export async function ok<T>(call: Promise<Outcome<T>>): Promise<T> {
  let out: Outcome<T>;
  try {
    out = await call;
  } catch (err) {
    throw new ApiError(0, 'NETWORK', err instanceof Error ? err.message : String(err));
  }
  if (out.response.ok) return out.data as T;
  const body = out.error as { error?: { code?: string; message?: string } } | undefined;
  throw new ApiError(out.response.status, body?.error?.code ?? `HTTP_${out.response.status}`, body?.error?.message ?? out.response.statusText);
}

/** Fetches a file (CSV, PDF) with the bearer token and hands it to the browser as a download. */
export async function download(url: string, fileName: string): Promise<void> {
  const s = getSession();
  const res = await fetch(url, { headers: s ? { authorization: `Bearer ${s.token}` } : {} });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    throw new ApiError(res.status, body?.error?.code ?? `HTTP_${res.status}`, body?.error?.message ?? res.statusText);
  }
  const blob = await res.blob();
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/** Sends a raw body (a CSV file, a firmware image) with the bearer token; the JSON answer or an ApiError. */
export async function upload<T>(url: string, body: Blob | string, contentType: string): Promise<T> {
  const s = getSession();
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': contentType, ...(s ? { authorization: `Bearer ${s.token}` } : {}) }, body });
  const json = (await res.json().catch(() => null)) as (T & { error?: { code?: string; message?: string } }) | null;
  if (!res.ok) throw new ApiError(res.status, json?.error?.code ?? `HTTP_${res.status}`, json?.error?.message ?? res.statusText);
  return json as T;
}
