/**
 * Stripe's card form (Stripe.js Elements), loaded only when the driver adds a card. The card
 * number goes from Stripe's iframe to Stripe; we get back the confirmed PaymentMethod id.
 * The server's CSP must allow https://js.stripe.com (script, frame) and https://api.stripe.com
 * (connect) for this to load; without that the error is shown and test cards still work.
 */
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useStrings } from '../../i18n/i18n.tsx';
import { ErrorMessage } from '../../ui/states.tsx';

interface StripeCard {
  mount(el: HTMLElement): void;
  destroy(): void;
}
interface StripeJs {
  elements(): { create(type: 'card'): StripeCard };
  confirmCardSetup(secret: string, data: { payment_method: { card: StripeCard } }): Promise<{ setupIntent?: { payment_method?: string | { id: string } | null }; error?: { message?: string } }>;
}
declare global {
  interface Window {
    Stripe?: (key: string) => StripeJs;
  }
}

let loading: Promise<void> | null = null;
function loadStripe(): Promise<void> {
  loading ??= new Promise<void>((resolve, reject) => {
    if (window.Stripe) return resolve();
    const el = document.createElement('script');
    el.src = 'https://js.stripe.com/v3/';
    el.onload = () => resolve();
    el.onerror = () => {
      loading = null;
      reject(new Error('Stripe.js did not load'));
    };
    document.head.append(el);
  });
  return loading;
}

export function StripeCardForm({ publishableKey, clientSecret, onConfirmed }: { publishableKey: string; clientSecret: string; onConfirmed: (paymentMethodId: string) => void }) {
  const s = useStrings();
  const t = s.portal.account;
  const host = useRef<HTMLDivElement>(null);
  const stripe = useRef<{ js: StripeJs; card: StripeCard } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let gone = false;
    loadStripe().then(
      () => {
        if (gone || !window.Stripe || !host.current) return;
        const js = window.Stripe(publishableKey);
        const card = js.elements().create('card');
        card.mount(host.current);
        stripe.current = { js, card };
      },
      () => !gone && setError(t.stripeLoadFailed),
    );
    return () => {
      gone = true;
      stripe.current?.card.destroy();
      stripe.current = null;
    };
  }, [publishableKey, t.stripeLoadFailed]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!stripe.current) return;
    setBusy(true);
    setError(null);
    const r = await stripe.current.js.confirmCardSetup(clientSecret, { payment_method: { card: stripe.current.card } });
    setBusy(false);
    const pm = r.setupIntent?.payment_method;
    if (r.error || !pm) return setError(r.error?.message ?? t.stripeLoadFailed);
    onConfirmed(typeof pm === 'string' ? pm : pm.id);
  }

  return (
    <form onSubmit={submit}>
      <label className="field">
        <span>{t.cardForm}</span>
        <div ref={host} className="stripe-card" />
      </label>
      {error && <ErrorMessage error={error} />}
      <button type="submit" className="primary" disabled={busy || !!error}>
        {busy ? s.common.loading : t.saveCard}
      </button>
    </form>
  );
}
