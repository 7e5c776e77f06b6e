/**
 * One station: its connectors live, details, configuration / device model, the OCPP message
 * log, its sessions and alerts, diagnostics and firmware, and every command from the registry.
 */
import { useCallback } from 'react';
import { useParams } from 'react-router';
import { ActionButtons } from '../../actions/ActionButtons.tsx';
import { usePublishContext } from '../../actions/ActionProvider.tsx';
import { api, ok } from '../../api/client.ts';
import { useCan } from '../../api/useSession.ts';
import { useStrings } from '../../i18n/i18n.tsx';
import { type LiveEvent, useLiveEvents } from '../../live/useLiveEvents.ts';
import { Loaded, Page } from '../../ui/states.tsx';
import { Tabs } from '../../ui/Tabs.tsx';
import { useQuery } from '../../ui/useQuery.ts';
import { AlertsTable } from '../alerts/AlertsTable.tsx';
import { SessionsTable } from '../sessions/SessionsTable.tsx';
import { stationContext } from './actions.ts';
import { ConfigTab } from './ConfigTab.tsx';
import { ConnectorsTab } from './ConnectorsTab.tsx';
import { DetailsTab } from './DetailsTab.tsx';
import { MaintenanceTab } from './MaintenanceTab.tsx';
import { MessagesTab } from './MessagesTab.tsx';
import { StationStatus } from './status.tsx';
import { applyEvent } from './applyEvent.ts';

export function StationPage() {
  const s = useStrings();
  const can = useCan();
  const stationId = useParams().id as string;
  const station = useQuery(async () => ok(api.GET('/api/v1/stations/{id}', { params: { path: { id: stationId } } })), [stationId]);
  const onEvent = useCallback(
    (e: LiveEvent) => {
      if (e.stationId !== stationId) return;
      if (e.type === 'station.booted') station.reload();
      else station.setData((st) => st && applyEvent([st], e)[0]);
    },
    [stationId, station],
  );
  useLiveEvents(onEvent, ['station.', 'connector.', 'session.']);
  usePublishContext('station', station.data ? stationContext(station.data) : null);

  return (
    <Loaded query={station}>
      {(st) => (
        <Page
          title={
            <>
              {st.id} {st.name && <span className="muted">· {st.name}</span>} <StationStatus station={st} />
            </>
          }
        >
          <ActionButtons scope="station" ctx={stationContext(st)} onDone={station.reload} />
          <Tabs
            tabs={[
              { id: 'connectors', label: s.stations.connectors, render: () => <ConnectorsTab station={st} /> },
              { id: 'details', label: s.stations.details, render: () => <DetailsTab station={st} onSaved={station.reload} /> },
              { id: 'config', label: s.stations.configuration, render: () => <ConfigTab station={st} /> },
              ...(can('messages:read') ? [{ id: 'messages', label: s.stations.messages, render: () => <MessagesTab stationId={st.id} /> }] : []),
              { id: 'sessions', label: s.nav.sessions, render: () => <SessionsTable filter={{ stationId: st.id }} /> },
              { id: 'alerts', label: s.nav.alerts, render: () => <AlertsTable stationId={st.id} /> },
              { id: 'maintenance', label: s.stations.maintenance, render: () => <MaintenanceTab station={st} /> },
            ]}
          />
        </Page>
      )}
    </Loaded>
  );
}
