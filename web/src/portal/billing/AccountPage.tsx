/** The driver's account: who they are, how they pay, their wallet, plan and payment cards. */
import { api, ok } from '../../api/client.ts';
import { useStrings } from '../../i18n/i18n.tsx';
import { Badge, ErrorMessage, Loaded, Page } from '../../ui/states.tsx';
import { useQuery } from '../../ui/useQuery.ts';
import { useAction } from '../ui/useAction.ts';
import { PaymentCards } from './PaymentCards.tsx';
import { Plan } from './Plan.tsx';
import { Wallet } from './Wallet.tsx';

export function AccountPage() {
  const s = useStrings();
  const t = s.portal.account;
  const me = useQuery(() => ok(api.GET('/api/v1/me')), []);
  const billing = useQuery(() => ok(api.GET('/api/v1/me/billing')), []);
  const { error, run } = useAction();

  const pay = (mode: 'card' | 'wallet') =>
    run(async () => {
      const next = await ok(api.PATCH('/api/v1/me/billing', { body: { paymentMode: mode } }));
      billing.setData(() => next);
    });

  return (
    <Page title={t.title}>
      <section className="panel" aria-labelledby="profile-title">
        <h2 id="profile-title">{t.profile}</h2>
        <Loaded query={me}>
          {(d) => (
            <p>
              <strong>{d.name ?? d.email}</strong>
              <br />
              <span className="muted">{d.email}</span>
            </p>
          )}
        </Loaded>
      </section>
      <section className="panel" aria-labelledby="paying-title">
        <h2 id="paying-title">{t.paying}</h2>
        <Loaded query={billing}>
          {(a) => (
            <>
              <p data-testid="payment-mode">
                {t.mode[a.paymentMode] ?? a.paymentMode}{' '}
                <Badge tone={a.status === 'active' ? 'ok' : 'bad'}>{t.accountStatus[a.status] ?? a.status}</Badge>
              </p>
              <div className="row-actions">
                {a.paymentMode !== 'card' && (
                  <button type="button" onClick={() => pay('card')}>
                    {t.useCard}
                  </button>
                )}
                {a.paymentMode !== 'wallet' && (
                  <button type="button" onClick={() => pay('wallet')}>
                    {t.useWallet}
                  </button>
                )}
              </div>
              {error && <ErrorMessage error={error} />}
            </>
          )}
        </Loaded>
      </section>
      <PaymentCards />
      <Wallet />
      <Plan />
    </Page>
  );
}
