/** Billing test helpers: drivers with tokens, priced stations, stations that obey remote stops, PDFs read back. */
import assert from 'node:assert/strict';
import { PDFParse } from 'pdf-parse';
import type { TestServer } from './app.ts';
import { onCall, type Version } from './charge-point.ts';
import { ScriptedStation } from './scripted-station.ts';

let n = 0;
export const uniq = (p: string) => `${p}${Date.now().toString(16).slice(-6)}${(n++).toString(16)}`.toUpperCase();

export async function registerDriver(s: TestServer) {
  const email = `${uniq('d').toLowerCase()}@example.test`;
  const reg = await s.api('POST', '/api/v1/auth/register', { email, password: 'driver-password-1', name: 'Þóra Driver' }, null);
  assert.equal(reg.status, 201);
  const token = reg.body.token as string;
  const uid = uniq('APP');
  assert.equal((await s.api('POST', '/api/v1/tokens', { uid, type: 'Central' }, token)).status, 201);
  return { id: reg.body.driver.id as string, token, uid, email };
}

/** A registered, booted station with its own tariff; it stops a transaction when asked. */
export async function pricedStation(s: TestServer, version: Version, tariff: unknown) {
  const id = uniq(`P${version.replace(/\./g, '')}-`);
  assert.equal((await s.api('POST', '/api/v1/stations', { id })).status, 201);
  const created = await s.api('POST', '/api/v1/tariffs', tariff);
  assert.equal(created.status, 201, JSON.stringify(created.body));
  assert.equal((await s.api('PUT', `/api/v1/stations/${id}/tariff`, { tariffId: created.body.id })).status, 200);
  const st = await ScriptedStation.connect(s.ocppUrl, id, version);
  await st.boot();
  const stops: string[] = [];
  const stopAt = { wh: 0, at: '' };
  const handle = (txId: string) => {
    stops.push(txId);
    setTimeout(() => void st.stop(txId, { at: stopAt.at || new Date().toISOString(), wh: stopAt.wh }, { reason: 'Remote' }), 10);
    return { status: 'Accepted' };
  };
  if (version === '1.6') onCall<{ transactionId: number }>(st.client, 'RemoteStopTransaction', (p) => handle(String(p.transactionId)));
  else onCall<{ transactionId: string }>(st.client, 'RequestStopTransaction', (p) => handle(p.transactionId));
  onCall(st.client, 'CostUpdated', () => ({}));
  return { st, tariffId: created.body.id as string, stops, stopAt };
}

export async function sessionId(s: TestServer, stationId: string, txId: string): Promise<string> {
  const list = await s.api('GET', `/api/v1/sessions?stationId=${stationId}`);
  const found = list.body.items.find((x: { transactionId: string }) => x.transactionId === txId);
  assert.ok(found, `session ${txId}`);
  return found.id;
}

/** Downloads a document's PDF and reads its text back. */
export async function pdfText(s: TestServer, invoiceId: string, token = s.adminToken): Promise<string> {
  const res = await fetch(`${s.baseUrl}/api/v1/invoices/${invoiceId}/pdf`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/pdf');
  const bytes = new Uint8Array(await res.arrayBuffer());
  assert.equal(Buffer.from(bytes.slice(0, 5)).toString(), '%PDF-');
  const parser = new PDFParse({ data: bytes });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}
