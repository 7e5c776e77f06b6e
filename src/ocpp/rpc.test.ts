import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseFrame, serializeCall, serializeError, serializeResult } from './rpc.ts';

describe('parseFrame', () => {
  it('reads a CALL', () => {
    assert.deepEqual(parseFrame('[2,"abc","Heartbeat",{}]'), { ok: true, frame: { kind: 'call', id: 'abc', action: 'Heartbeat', payload: {} } });
  });

  it('reads a CALLRESULT and a CALLERROR', () => {
    assert.deepEqual(parseFrame('[3,"1",{"status":"Accepted"}]'), { ok: true, frame: { kind: 'result', id: '1', payload: { status: 'Accepted' } } });
    assert.deepEqual(parseFrame('[4,"1","NotImplemented","no",{}]'), {
      ok: true,
      frame: { kind: 'error', id: '1', code: 'NotImplemented', description: 'no', details: {} },
    });
  });

  it("reads OCPP 2.1's SEND and CALLRESULTERROR", () => {
    const send = parseFrame('[6,"s1","NotifyPeriodicEventStream",{"id":1}]');
    assert.equal(send.ok && send.frame.kind, 'send');
    const re = parseFrame('[5,"r1","FormatViolation","bad",{}]');
    assert.equal(re.ok && re.frame.kind, 'resultError');
  });

  const problems: Array<[string, string, string | undefined, number | undefined]> = [
    ['not json', 'invalid-json', undefined, undefined],
    ['{"a":1}', 'not-a-frame', undefined, undefined],
    ['[2,"x"]', 'not-a-frame', 'x', 2],
    ['["2","x","Heartbeat",{}]', 'not-a-frame', 'x', undefined],
    ['[2,17,"Heartbeat",{}]', 'not-a-frame', undefined, 2],
    ['[2,"","Heartbeat",{}]', 'not-a-frame', undefined, 2],
    [`[2,"${'x'.repeat(37)}","Heartbeat",{}]`, 'not-a-frame', undefined, 2],
    ['[9,"x","Heartbeat",{}]', 'unknown-message-type', 'x', 9],
    ['[2,"x","Heartbeat"]', 'bad-call', 'x', 2],
    ['[2,"x",42,{}]', 'bad-call', 'x', 2],
    ['[2,"x","Heartbeat",[]]', 'bad-payload', 'x', 2],
    ['[2,"x","Heartbeat",null]', 'bad-payload', 'x', 2],
    ['[3,"x"]', 'not-a-frame', 'x', 3],
    ['[3,"x",{},1]', 'bad-call', 'x', 3],
    ['[3,"x","str"]', 'bad-payload', 'x', 3],
    ['[4,"x",5,"d",{}]', 'bad-call', 'x', 4],
  ];
  for (const [text, problem, id, messageType] of problems) {
    it(`refuses ${text.slice(0, 40)} as ${problem}`, () => {
      const r = parseFrame(text);
      assert.equal(r.ok, false);
      if (r.ok) return;
      assert.equal(r.problem, problem);
      assert.equal(r.id, id);
      assert.equal(r.messageType, messageType);
      assert.ok(r.detail.length > 0);
    });
  }

  it('never throws, whatever the text', () => {
    for (const t of ['', '[', '[]', 'null', '1', '"s"', '[null,null,null]', '[2,"a","b",{"c":', '\u0000', '[2,"a","B",{}]'.repeat(2)]) {
      assert.doesNotThrow(() => parseFrame(t));
    }
  });
});

describe('serialize', () => {
  it('round-trips', () => {
    const c = parseFrame(serializeCall('id-1', 'Reset', { type: 'Hard' }));
    assert.deepEqual(c, { ok: true, frame: { kind: 'call', id: 'id-1', action: 'Reset', payload: { type: 'Hard' } } });
    assert.equal(serializeResult('a', { x: 1 }), '[3,"a",{"x":1}]');
  });

  it('caps a CALLERROR description at 255 characters and always sends details', () => {
    const frame = JSON.parse(serializeError('a', 'GenericError', 'x'.repeat(400)));
    assert.equal(frame[3].length, 255);
    assert.deepEqual(frame[4], {});
  });
});
