/**
 * The fleet as the dashboard shows it: every station with its connectors, loaded once and
 * then kept current by live events (connections, connector statuses, session power).
 */
import { useCallback, useRef } from 'react';
import { api, ok } from '../../api/client.ts';
import { type LiveEvent, useLiveEvents } from '../../live/useLiveEvents.ts';
import { useQuery } from '../../ui/useQuery.ts';
import { applyEvent, reloading } from './applyEvent.ts';

export function useFleet() {
  const query = useQuery(async () => (await ok(api.GET('/api/v1/stations', { params: { query: { limit: 1000 } } }))).items, []);
  const pending = useRef<number | null>(null);
  const onEvent = useCallback(
    (e: LiveEvent) => {
      query.setData((list) => list && applyEvent(list, e));
      if (reloading.has(e.type) && pending.current === null) {
        pending.current = window.setTimeout(() => {
          pending.current = null;
          query.reload();
        }, 300);
      }
    },
    [query],
  );
  useLiveEvents(onEvent, ['station.', 'connector.', 'session.']);
  return query;
}
