/**
 * The receipt of an ended session. Billing issues it once the payment settles, a moment after
 * the session ends; drivers hear no invoice events, so we look a few times, then say why
 * there may be none (paid by monthly statement, or free).
 */
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api, ok, type Schemas } from '../../api/client.ts';
import { useStrings } from '../../i18n/i18n.tsx';
import { Loaded } from '../../ui/states.tsx';
import { useQuery } from '../../ui/useQuery.ts';
import { usePolling } from '../ui/usePolling.ts';

const LOOK_FOR_MS = 30_000;

export function SessionReceipt({ session }: { session: Schemas['Session'] }) {
  const s = useStrings();
  const t = s.portal.session;
  const free = !session.cost || Number(session.cost.totalInclVat) === 0;
  const receipt = useQuery(async () => {
    if (free) return null;
    const list = await ok(api.GET('/api/v1/invoices', { params: { query: { kind: 'receipt', limit: 50 } } }));
    return list.items.find((i) => i.sessionId === session.id) ?? null;
  }, [session.id, free]);
  const [gaveUp, setGaveUp] = useState(false);
  const looking = !free && !gaveUp && receipt.data === null;
  usePolling(receipt.reload, 1500, looking);
  useEffect(() => {
    const id = setTimeout(() => setGaveUp(true), LOOK_FOR_MS);
    return () => clearTimeout(id);
  }, []);

  return (
    <section className="panel" aria-labelledby="receipt-title">
      <h2 id="receipt-title">{t.receipt}</h2>
      <Loaded query={receipt}>
        {(r) =>
          r ? (
            <Link to={`/portal/receipts/${r.id}`} data-testid="session-receipt">
              {t.openReceipt(r.number)}
            </Link>
          ) : looking ? (
            <p role="status">{t.receiptPending}</p>
          ) : (
            <p className="muted">{t.noReceipt}</p>
          )
        }
      </Loaded>
    </section>
  );
}
