/** The prepaid wallet: balance, what is needed to start, movements, and a top-up from the saved card. */
import { type FormEvent, useState } from 'react';
import { api, ok } from '../../api/client.ts';
import { useFormat } from '../../format/FormatProvider.tsx';
import { useStrings } from '../../i18n/i18n.tsx';
import { ErrorMessage, Loaded } from '../../ui/states.tsx';
import { useQuery } from '../../ui/useQuery.ts';
import { useAction } from '../ui/useAction.ts';
import { exponent } from '../../../../src/billing/money.ts';

export function Wallet() {
  const s = useStrings();
  const t = s.portal.account;
  const f = useFormat();
  const wallet = useQuery(() => ok(api.GET('/api/v1/me/wallet')), []);
  const [amount, setAmount] = useState('');
  const { busy, error, run } = useAction();
  const [done, setDone] = useState(false);

  async function topUp(e: FormEvent) {
    e.preventDefault();
    setDone(false);
    const topped = await run(() => ok(api.POST('/api/v1/me/wallet/top-ups', { body: { amount: amount.trim().replace(',', '.') } })));
    if (!topped) return;
    setAmount('');
    setDone(true);
    wallet.reload();
  }

  return (
    <section className="panel" aria-labelledby="wallet-title">
      <h2 id="wallet-title">{t.wallet}</h2>
      <Loaded query={wallet}>
        {(w) => (
          <>
            <dl className="readings small">
              <div>
                <dt>{t.balance}</dt>
                <dd data-testid="wallet-balance">{f.money(w.balance, w.currency)}</dd>
              </div>
              <div>
                <dt>{t.minimum}</dt>
                <dd>{f.money(w.minimum, w.currency)}</dd>
              </div>
            </dl>
            <form onSubmit={topUp} className="inline-form">
              <label className="field">
                <span>
                  {t.topUpAmount} ({w.currency})
                </span>
                <input
                  name="amount"
                  inputMode="decimal"
                  required
                  // ISK has no minor unit: whole krónur only.
                  pattern={exponent(w.currency) === 0 ? '\\d{1,9}' : `\\d{1,9}([.,]\\d{1,${exponent(w.currency)}})?`}
                  value={amount}
                  onChange={(e) => setAmount(e.target.value)}
                />
              </label>
              <button type="submit" disabled={busy}>
                {busy ? s.common.loading : t.topUp}
              </button>
            </form>
            {error && <ErrorMessage error={error} />}
            {done && (
              <p className="outcome ok" role="status">
                {t.toppedUp}
              </p>
            )}
            <h3>{t.movements}</h3>
            {w.entries.length === 0 ? (
              <p className="muted">{t.noMovements}</p>
            ) : (
              <ul className="receipt-lines">
                {w.entries.slice(0, 20).map((e, i) => (
                  <li key={i}>
                    <span>
                      {t.entryKind[e.kind] ?? e.kind} <span className="muted">{f.date(e.at)}</span>
                    </span>
                    <span className="num">{f.money(e.amount, w.currency)}</span>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </Loaded>
    </section>
  );
}
