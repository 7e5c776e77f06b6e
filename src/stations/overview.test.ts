import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evseOverview, evseStatus } from './overview.ts';

describe('station overview', () => {
  it('reads an EVSE as Occupied if any connector is, then Reserved, Available, Faulted, Unavailable', () => {
    assert.equal(evseStatus(['Available', 'Occupied']), 'Occupied');
    assert.equal(evseStatus(['Available', 'Reserved']), 'Reserved');
    assert.equal(evseStatus(['Unavailable', 'Available']), 'Available');
    assert.equal(evseStatus(['Unavailable', 'Faulted']), 'Faulted');
    assert.equal(evseStatus(['Unavailable']), 'Unavailable');
    assert.equal(evseStatus([]), 'Unavailable');
  });

  it("shows a session as charging to everyone and names it only to its own driver", () => {
    const connectors = [
      { evseId: 0, connectorId: 0, status: 'Available' as const },
      { evseId: 2, connectorId: 1, status: 'Available' as const },
      { evseId: 1, connectorId: 2, status: 'Unavailable' as const },
      { evseId: 1, connectorId: 1, status: 'Available' as const },
    ];
    const running = [{ evseId: 2, id: 's-1', driverId: 'd-1' }];
    const mine = evseOverview(connectors, running, 'd-1');
    assert.deepEqual(mine, [
      { evseId: 1, status: 'Available', connectors: [{ connectorId: 1, status: 'Available' }, { connectorId: 2, status: 'Unavailable' }], charging: false, mySessionId: null },
      { evseId: 2, status: 'Occupied', connectors: [{ connectorId: 1, status: 'Available' }], charging: true, mySessionId: 's-1' },
    ]);
    assert.equal(evseOverview(connectors, running, 'd-2')[1]!.mySessionId, null);
    assert.equal(evseOverview(connectors, running, null)[1]!.mySessionId, null);
  });

  it('lists an EVSE that has a session but has not reported a status yet', () => {
    assert.deepEqual(evseOverview([], [{ evseId: 3, id: 's', driverId: null }], null), [{ evseId: 3, status: 'Occupied', connectors: [], charging: true, mySessionId: null }]);
  });
});
