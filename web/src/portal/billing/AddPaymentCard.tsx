/**
 * Saving a payment card. The server starts a Stripe SetupIntent and says how the card may be
 * collected: with Stripe.js's card form when a publishable key is configured (the card
 * number never touches Straumur), and, in Stripe's test mode, by picking one of Stripe's
 * test cards. Either way the confirmed PaymentMethod is saved with POST /me/payment-methods.
 */
import { type FormEvent, useState } from 'react';
import { api, ok } from '../../api/client.ts';
import { useStrings } from '../../i18n/i18n.tsx';
import { ErrorMessage, Loaded } from '../../ui/states.tsx';
import { useQuery } from '../../ui/useQuery.ts';
import { useAction } from '../ui/useAction.ts';
import { StripeCardForm } from './StripeCardForm.tsx';

const TEST_CARDS = ['pm_card_visa', 'pm_card_mastercard', 'pm_card_chargeDeclined'];

export function AddPaymentCard({ onDone, onCancel }: { onDone: () => void; onCancel: () => void }) {
  const s = useStrings();
  const t = s.portal.account;
  const setup = useQuery(() => ok(api.POST('/api/v1/me/payment-methods/setup')), []);
  const [testCard, setTestCard] = useState(TEST_CARDS[0] as string);
  const { busy, error, run } = useAction();

  async function save(paymentMethodId: string) {
    if (await run(() => ok(api.POST('/api/v1/me/payment-methods', { body: { paymentMethodId } })))) onDone();
  }

  if (setup.error?.code === 'CONFLICT') return <p className="muted">{t.cardsOff}</p>;
  return (
    <div className="add-payment-card">
      <Loaded query={setup}>
        {(x) => (
          <>
            {x.publishableKey && x.clientSecret && <StripeCardForm publishableKey={x.publishableKey} clientSecret={x.clientSecret} onConfirmed={save} />}
            {x.testMode && (
              <form
                onSubmit={(e: FormEvent) => {
                  e.preventDefault();
                  void save(testCard);
                }}
              >
                <p className="muted">{t.testMode}</p>
                <label className="field">
                  <span>{t.testCard}</span>
                  <select name="testCard" value={testCard} onChange={(e) => setTestCard(e.target.value)}>
                    {TEST_CARDS.map((c) => (
                      <option key={c} value={c}>
                        {t.testCards[c] ?? c}
                      </option>
                    ))}
                  </select>
                </label>
                <button type="submit" className="primary" disabled={busy}>
                  {busy ? s.common.loading : t.saveCard}
                </button>
              </form>
            )}
          </>
        )}
      </Loaded>
      {error && <ErrorMessage error={error} />}
      <button type="button" onClick={onCancel}>
        {s.common.cancel}
      </button>
    </div>
  );
}
