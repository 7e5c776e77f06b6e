/**
 * Hostile but well-formed OCPP: every action of every version's route table gets payloads
 * generated from OCA's own schemas, valid ones with absurd values (year 1 and year 9999,
 * 1e20 and negative numbers, strings at their maximum length, NUL and RTL characters) and
 * ones with exactly one violation, over a real WebSocket on both databases. The server must
 * answer every CALL (a CALLRESULT valid against the response schema, or the CALLERROR the
 * violation calls for), stay up, keep the fuzzing socket open, and keep answering a control
 * station that heartbeats throughout.
 *
 * FUZZ_RUNS sets the number of valid payloads per action (default 24; invalid: half as many).
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { RPCClient } from 'ocpp-rpc';
import { MAX_NESTING, nestingDepth } from '../src/ocpp/rpc.ts';
import { compileSchemas, type SchemaFile } from '../src/ocpp/schemas.ts';
import { startServer, type TestServer } from './helpers/app.ts';
import { bootPayload, connectStation, subprotocol, type Version, versions } from './helpers/charge-point.ts';
import { backends } from './helpers/db.ts';
import { openFrameSocket } from './helpers/frame-socket.ts';
import { invalidArb, type Schema, validArb, type ViolationKind } from './helpers/schema-arbitrary.ts';

const require = createRequire(import.meta.url);
const RUNS = Number(process.env.FUZZ_RUNS ?? 24);
const SEED = Number(process.env.FUZZ_SEED ?? 20261124);

const FILES: Record<Version, SchemaFile> = { '1.6': 'ocpp1_6', '2.0.1': 'ocpp2_0_1', '2.1': 'ocpp2_1' };
const ids: Record<Version, (action: string, kind: 'req' | 'conf') => string> = {
  '1.6': (a, k) => `urn:${a}.${k}`,
  '2.0.1': (a, k) => `urn:${a}.${k}`,
  '2.1': (a, k) => `urn:${a}${k === 'req' ? 'Request' : 'Response'}`,
};
const CODES: Record<Version, Record<ViolationKind, string>> = {
  '1.6': { type: 'TypeConstraintViolation', occurrence: 'OccurenceConstraintViolation', property: 'PropertyConstraintViolation', format: 'FormationViolation' },
  '2.0.1': { type: 'TypeConstraintViolation', occurrence: 'OccurrenceConstraintViolation', property: 'PropertyConstraintViolation', format: 'FormatViolation' },
  '2.1': { type: 'TypeConstraintViolation', occurrence: 'OccurrenceConstraintViolation', property: 'PropertyConstraintViolation', format: 'FormatViolation' },
};

function schemaOf(version: Version, id: string): Schema {
  const all = require(`ocpp-rpc/lib/schemas/${FILES[version]}.json`) as Array<Schema & { $id: string }>;
  const s = all.find((x) => x.$id === id);
  assert.ok(s, `schema ${id}`);
  return s;
}

/** Frames sent, over every backend: the figure the closing note reports. */
const counted = { frames: 0 };

for (const backend of await backends()) {
  describe(`fuzzing every OCPP action on ${backend}`, () => {
    let s: TestServer;
    let control: RPCClient;
    let heartbeats = 0;
    let heartbeatFailures: unknown[] = [];
    let beating = true;
    let beat: Promise<void>;
    const crashes: unknown[] = [];
    const onCrash = (err: unknown) => crashes.push(err);

    before(async () => {
      process.on('uncaughtException', onCrash);
      process.on('unhandledRejection', onCrash);
      s = await startServer(backend);
      await s.api('POST', '/api/v1/stations', { id: 'CONTROL' });
      control = await connectStation({ endpoint: s.ocppUrl, identity: 'CONTROL', version: '1.6', callTimeoutMs: 15_000 });
      await control.call('BootNotification', bootPayload('1.6'));
      beat = (async () => {
        while (beating) {
          try {
            await control.call('Heartbeat', {});
            heartbeats++;
          } catch (err) {
            heartbeatFailures.push(err);
          }
          await new Promise((r) => setTimeout(r, 50));
        }
      })();
    });

    after(async () => {
      beating = false;
      await beat;
      await control?.close();
      await s?.close();
      process.off('uncaughtException', onCrash);
      process.off('unhandledRejection', onCrash);
    });

    it('answers every CALL of every action with a valid CALLRESULT or the right CALLERROR, in 1.6, 2.0.1 and 2.1', async () => {
      const before = counted.frames;
      await Promise.all(versions.map((v) => fuzzVersion(s, v)));
      const sent = counted.frames - before;
      process.stdout.write(`# fuzz on ${backend}: ${sent} frames (FUZZ_RUNS=${RUNS}, seed ${SEED}); control heartbeats answered: ${heartbeats}\n`);
      assert.deepEqual(heartbeatFailures, [], 'the control station got every heartbeat answered');
      assert.ok(heartbeats > 0, 'the control station heartbeated');
      assert.deepEqual(crashes, [], 'no uncaught exception or unhandled rejection');
    });

    it('stores no absurd value as truth: session energy within 0..1 TWh, session times between 2000 and tomorrow', async () => {
      const sessions = (await s.api('GET', '/api/v1/sessions?limit=500')).body.items;
      assert.ok(sessions.length > 0, 'the fuzzer started sessions');
      const latest = Date.now() + 86_400_000;
      for (const x of sessions as Array<{ energyWh: number; startedAt: string; endedAt: string | null }>) {
        assert.ok(Number.isSafeInteger(x.energyWh) && x.energyWh >= 0 && x.energyWh <= 1e12, `energy ${x.energyWh}`);
        for (const t of [x.startedAt, x.endedAt]) {
          if (t) assert.ok(Date.parse(t) >= Date.parse('2000-01-01T00:00:00Z') && Date.parse(t) <= latest, `a session time of ${t}`);
        }
      }
      const health = await s.api('GET', '/health');
      assert.equal(health.status, 200);
    });
  });
}

async function fuzzVersion(s: TestServer, version: Version): Promise<void> {
  const id = `FUZZ-${version.replace(/\./g, '')}`;
  await s.api('POST', '/api/v1/stations', { id });
  const sock = await openFrameSocket(`${s.ocppUrl}/${id}`, [subprotocol(version)]);
  const protocol = s.app.gateway.protocol(version);
  assert.ok(protocol, `OCPP ${version} is served`);
  const validators = compileSchemas(FILES[version]);
  let n = 0;
  /** Whether the last frame nested deeper than the framing layer reads (vendor data of any type can). */
  let tooDeep = false;
  const send = async (action: string, payload: unknown) => {
    const mid = `f${++n}`;
    counted.frames++;
    const text = JSON.stringify([2, mid, action, payload]);
    const reply = await sock.ask(mid, text);
    tooDeep = nestingDepth(text) > MAX_NESTING;
    assert.ok(reply, `${version} ${action}: no answer to ${JSON.stringify(payload).slice(0, 300)}`);
    assert.equal(reply[1], mid);
    return reply;
  };
  await send('BootNotification', bootPayload(version));

  for (const action of protocol.routes.keys()) {
    const request = schemaOf(version, ids[version](action, 'req'));
    const validateResponse = validators.get(ids[version](action, 'conf'));
    assert.ok(validateResponse, `a response schema for ${action}`);
    await fc.assert(
      fc.asyncProperty(validArb(request), async (payload) => {
        const reply = await send(action, payload);
        if (tooDeep) return assert.deepEqual(reply.slice(0, 3), [4, reply[1], CODES[version].format]);
        if (reply[0] === 3) {
          const bad = validateResponse(reply[2]);
          assert.equal(bad, null, `${version} ${action}: the CALLRESULT fails its schema: ${bad?.message}`);
          return;
        }
        assert.equal(reply[0], 4);
        // A schema-valid CALL may be refused on its merits, never as a bug or a schema violation.
        const refused = new Set(['InternalError', ...Object.values(CODES[version])]);
        assert.ok(!refused.has(String(reply[2])), `${version} ${action}: ${reply[2]} ${reply[3]} for ${JSON.stringify(payload).slice(0, 200)}`);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    await fc.assert(
      fc.asyncProperty(invalidArb(request), async ({ payload, kind, what }) => {
        const reply = await send(action, payload);
        // Nesting past the framing layer's limit is refused before the schema is looked at.
        const expected = CODES[version][tooDeep ? 'format' : kind];
        assert.deepEqual(reply.slice(0, 3), [4, reply[1], expected], `${version} ${action} with ${what}: ${reply[3]}`);
      }),
      { numRuns: Math.max(1, Math.ceil(RUNS / 2)), seed: SEED, endOnFailure: true },
    );
  }
  // Actions the CSMS sends, or that do not exist, are NotImplemented when a station sends them.
  for (const action of ['Reset', 'NoSuchAction', 'x'.repeat(64)]) {
    const reply = await send(action, {});
    assert.equal(reply[2], 'NotImplemented');
  }
  assert.equal(sock.ws.readyState, sock.ws.OPEN, `${version}: the fuzzing socket is still open`);
  sock.close();
}

describe('what the fuzzer found, kept as regressions', () => {
  it('a repeated monitor id, a 64-bit requestId, a year-1 timestamp, a NUL in an idTag, a negative meterStart', async () => {
    const [backend] = await backends();
    const s = await startServer(backend!);
    try {
      await s.api('POST', '/api/v1/stations', { id: 'REG-201' });
      await s.api('POST', '/api/v1/stations', { id: 'REG-16' });
      const v201 = await openFrameSocket(`${s.ocppUrl}/REG-201`, ['ocpp2.0.1']);
      const monitor = { id: 7, transaction: false, value: 1, type: 'UpperThreshold', severity: 1 };
      const report = { requestId: 1, seqNo: 0, generatedAt: new Date().toISOString(), monitor: [{ component: { name: 'C' }, variable: { name: 'V' }, variableMonitoring: [monitor] }] };
      report.monitor.push(report.monitor[0]!);
      assert.equal((await v201.ask('m1', JSON.stringify([2, 'm1', 'NotifyMonitoringReport', report])))?.[0], 3, 'duplicate keys in one upsert');
      const firmware = JSON.stringify([2, 'm2', 'FirmwareStatusNotification', { status: 'Installed', requestId: 1e20 }]);
      assert.deepEqual((await v201.ask('m2', firmware))?.slice(0, 3), [4, 'm2', 'PropertyConstraintViolation'], 'OCPP integers are 32 bits');
      // Numbers JSON can write but a double cannot hold: 1e400 parses as Infinity.
      const now = new Date().toISOString();
      const infinite = `[2,"m3","MeterValues",{"evseId":1,"meterValue":[{"timestamp":"${now}","sampledValue":[{"value":1e400},{"value":-1e400,"measurand":"SoC"},{"value":1e-400}]}]}]`;
      assert.equal((await v201.ask('m3', infinite))?.[0], 3);
      const status = `[2,"m4","StatusNotification",{"timestamp":"${now}","connectorStatus":"Available","evseId":1e400,"connectorId":1}]`;
      // Ajv takes Infinity for an integer (Infinity % 1 is NaN); the 32-bit bound refuses it.
      assert.deepEqual((await v201.ask('m4', status))?.slice(0, 3), [4, 'm4', 'PropertyConstraintViolation']);
      v201.close();

      const v16 = await openFrameSocket(`${s.ocppUrl}/REG-16`, ['ocpp1.6']);
      const start = { connectorId: 1, idTag: 'A\u0000B', meterStart: -5000, timestamp: '0001-01-01T00:00:00Z' };
      const started = await v16.ask('s1', JSON.stringify([2, 's1', 'StartTransaction', start]));
      assert.equal(started?.[0], 3, 'NUL and year 1 are answered');
      const tx = (started![2] as { transactionId: number }).transactionId;
      const mv = { connectorId: 1, transactionId: tx, meterValue: [{ timestamp: new Date().toISOString(), sampledValue: [{ value: '1000' }] }] };
      assert.equal((await v16.ask('s2', JSON.stringify([2, 's2', 'MeterValues', mv])))?.[0], 3);
      const stop = { transactionId: tx, meterStop: -1, timestamp: new Date().toISOString() };
      assert.equal((await v16.ask('s3', JSON.stringify([2, 's3', 'StopTransaction', stop])))?.[0], 3);
      v16.close();
      const session = (await s.api('GET', '/api/v1/sessions?limit=10')).body.items.find((x: { stationId: string }) => x.stationId === 'REG-16');
      assert.ok(session, 'the session was recorded');
      assert.equal(session.energyWh, 0, 'neither -5000 nor -1 is a register reading: 1000 alone delivers nothing');
      assert.ok(Date.parse(session.startedAt) > Date.parse('2000-01-01'), 'year 1 is not when the session started');
      assert.equal(session.tokenUid, 'A\ufffdB', 'U+0000 is stored as U+FFFD');
    } finally {
      await s.close();
    }
  });
});
