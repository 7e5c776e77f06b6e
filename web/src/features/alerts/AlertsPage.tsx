/** The alerts page: active (open and acknowledged) by default, or any status. */
import { useSearchParams } from 'react-router';
import { useStrings } from '../../i18n/i18n.tsx';
import { Page } from '../../ui/states.tsx';
import { AlertsTable } from './AlertsTable.tsx';

const statuses = ['active', 'open', 'acknowledged', 'resolved'] as const;

export function AlertsPage() {
  const s = useStrings();
  const [params, setParams] = useSearchParams();
  const status = (statuses.find((x) => x === params.get('status')) ?? 'active') as (typeof statuses)[number];
  return (
    <Page title={s.nav.alerts}>
      <div className="filters">
        <label className="field">
          <span>{s.common.status}</span>
          <select value={status} onChange={(e) => setParams({ status: e.target.value }, { replace: true })}>
            {statuses.map((x) => (
              <option key={x} value={x}>
                {s.alerts.statuses[x]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <AlertsTable status={status} />
    </Page>
  );
}
