import assert from 'node:assert/strict';
import { it } from 'node:test';
import { parseTokenCsv } from './csv-import.ts';

it('reads tokens with defaults and normalised RFID uids', () => {
  const { rows, problems } = parseTokenCsv('uid,type,status,label\n04a2b3c4,,,Fleet 1\nAPP-1,Central,Blocked,\n');
  assert.deepEqual(problems, []);
  assert.deepEqual(
    rows.map((r) => [r.line, r.uid, r.type, r.status, r.label]),
    [
      [2, '04A2B3C4', 'ISO14443', 'Accepted', 'Fleet 1'],
      [3, 'APP-1', 'Central', 'Blocked', null],
    ],
  );
});

it('lists every problem with its line, and imports nothing', () => {
  const { rows, problems } = parseTokenCsv('uid,type,status,expiresAt\nZZ,ISO14443,,\nAB,Magic,,\nAB12,,Sleeping,\nCD,,,soon\nab12,,,\n');
  assert.equal(rows.length, 1);
  assert.deepEqual(
    problems.map((p) => p.line),
    [2, 3, 4, 5],
  );
  assert.match(problems[0]!.message, /hexadecimal/);
});

it('refuses a file without a uid column, with unknown columns, or that is not CSV', () => {
  assert.match(parseTokenCsv('card\n1\n').problems[0]!.message, /uid/);
  assert.match(parseTokenCsv('uid,colour\n1,red\n').problems[0]!.message, /colour/);
  assert.equal(parseTokenCsv('uid,type\n"unterminated,x\n').problems.length, 1);
});
