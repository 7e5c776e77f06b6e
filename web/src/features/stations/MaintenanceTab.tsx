/** Diagnostics files the station uploaded, and its firmware updates (with the images to choose from). */
import { useCallback, useState } from 'react';
import { api, download, ok, type Schemas } from '../../api/client.ts';
import { useCan } from '../../api/useSession.ts';
import { useFormat } from '../../format/FormatProvider.tsx';
import { useStrings } from '../../i18n/i18n.tsx';
import { type LiveEvent, useLiveEvents } from '../../live/useLiveEvents.ts';
import { Badge, ErrorMessage, Loaded } from '../../ui/states.tsx';
import { useQuery } from '../../ui/useQuery.ts';
import { FirmwareImages } from './FirmwareImages.tsx';

export function MaintenanceTab({ station }: { station: Schemas['Station'] }) {
  const s = useStrings();
  const f = useFormat();
  const can = useCan();
  const [error, setError] = useState<Error | null>(null);
  const uploads = useQuery(async () => (can('diagnostics:read') ? (await ok(api.GET('/api/v1/log-uploads', { params: { query: { stationId: station.id } } }))).items : []), [station.id]);
  const updates = useQuery(async () => (can('firmware:read') ? (await ok(api.GET('/api/v1/firmware/updates', { params: { query: { stationId: station.id } } }))).items : []), [station.id]);
  const onEvent = useCallback(
    (e: LiveEvent) => {
      if (e.stationId !== station.id) return;
      if (e.type === 'diagnostics.status') uploads.reload();
      if (e.type === 'firmware.status') updates.reload();
    },
    [station.id, uploads, updates],
  );
  useLiveEvents(onEvent, ['diagnostics.', 'firmware.']);
  const tone = (x: { done: boolean; failed: boolean }) => (x.failed ? 'bad' : x.done ? 'ok' : 'info');

  return (
    <div className="grid2">
      <section className="panel">
        <h2>{s.stations.diagnostics}</h2>
        {error && <ErrorMessage error={error} />}
        <Loaded query={uploads}>
          {(items) =>
            items.length === 0 ? (
              <p className="muted">{s.stations.noUploads}</p>
            ) : (
              <table className="data">
                <tbody>
                  {items.map((u) => (
                    <tr key={u.id}>
                      <td>{f.dateTime(u.requestedAt)}</td>
                      <td>{u.logType}</td>
                      <td>
                        <Badge tone={tone(u)}>{u.status}</Badge>
                      </td>
                      <td>
                        {u.fileId && (
                          <button type="button" className="link" onClick={() => download(`/api/v1/log-uploads/${u.id}/file`, u.stationFileName ?? `${station.id}-${u.id}.log`).catch(setError)}>
                            {s.common.download}
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          }
        </Loaded>
      </section>
      <section className="panel">
        <h2>{s.stations.firmwareUpdates}</h2>
        <Loaded query={updates}>
          {(items) =>
            items.length === 0 ? (
              <p className="muted">{s.stations.noUpdates}</p>
            ) : (
              <table className="data">
                <tbody>
                  {items.map((u) => (
                    <tr key={u.id}>
                      <td>{f.dateTime(u.requestedAt)}</td>
                      <td className="mono">{u.location.split('/').pop()}</td>
                      <td>
                        <Badge tone={u.outcome === 'failed' ? 'bad' : u.finishedAt ? 'ok' : 'info'}>{u.status}</Badge>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          }
        </Loaded>
        {can('firmware:read') && <FirmwareImages />}
      </section>
    </div>
  );
}
