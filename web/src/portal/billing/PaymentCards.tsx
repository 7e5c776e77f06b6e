/** Saved payment cards: the list, removing one, and adding one (AddPaymentCard). */
import { useState } from 'react';
import { api, ok } from '../../api/client.ts';
import { useStrings } from '../../i18n/i18n.tsx';
import { Badge, Loaded } from '../../ui/states.tsx';
import { useQuery } from '../../ui/useQuery.ts';
import { ConfirmButton } from '../ui/ConfirmButton.tsx';
import { AddPaymentCard } from './AddPaymentCard.tsx';

export function PaymentCards() {
  const s = useStrings();
  const t = s.portal.account;
  const cards = useQuery(async () => (await ok(api.GET('/api/v1/me/payment-methods'))).items, []);
  const [adding, setAdding] = useState(false);

  return (
    <section className="panel" aria-labelledby="payment-cards-title">
      <h2 id="payment-cards-title">{t.cardsTitle}</h2>
      <Loaded query={cards}>
        {(items) =>
          items.length === 0 ? (
            <p className="muted">{t.noPaymentCards}</p>
          ) : (
            <ul className="card-list" data-testid="payment-cards">
              {items.map((c) => (
                <li key={c.id} className="card-row">
                  <span>
                    <strong>{c.brand ?? '?'}</strong> •••• {c.last4 ?? '????'}
                    {c.expMonth && c.expYear && <span className="muted"> · {t.expires(c.expMonth, c.expYear)}</span>}{' '}
                    {c.isDefault && <Badge tone="info">{t.defaultCard}</Badge>}
                  </span>
                  <ConfirmButton
                    danger
                    label={t.removePaymentCard}
                    question={t.removePaymentConfirm(c.last4 ?? '')}
                    run={async () => {
                      await ok(api.DELETE('/api/v1/me/payment-methods/{pm}', { params: { path: { pm: c.id } } }));
                      cards.reload();
                    }}
                  />
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
      {adding ? (
        <AddPaymentCard
          onDone={() => {
            setAdding(false);
            cards.reload();
          }}
          onCancel={() => setAdding(false)}
        />
      ) : (
        <button type="button" className="wide" onClick={() => setAdding(true)}>
          {t.addPaymentCard}
        </button>
      )}
    </section>
  );
}
