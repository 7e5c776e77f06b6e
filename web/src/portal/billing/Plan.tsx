/** The driver's plan (subscription): the current one, the plans on offer, subscribe and cancel. */
import { ApiError, api, ok } from '../../api/client.ts';
import { useFormat } from '../../format/FormatProvider.tsx';
import { useStrings } from '../../i18n/i18n.tsx';
import { ErrorMessage, Loaded } from '../../ui/states.tsx';
import { useQuery } from '../../ui/useQuery.ts';
import { ConfirmButton } from '../ui/ConfirmButton.tsx';
import { useAction } from '../ui/useAction.ts';

export function Plan() {
  const s = useStrings();
  const t = s.portal.account;
  const f = useFormat();
  const data = useQuery(async () => {
    const [plans, current] = await Promise.all([
      ok(api.GET('/api/v1/plans')),
      ok(api.GET('/api/v1/me/subscription')).catch((err: unknown) => {
        if (err instanceof ApiError && err.code === 'NOT_FOUND') return null;
        throw err;
      }),
    ]);
    return { plans: plans.items.filter((p) => p.active), current };
  }, []);
  const { error, run } = useAction();

  const subscribe = (planId: string) =>
    run(async () => {
      await ok(api.POST('/api/v1/me/subscription', { body: { planId } }));
      data.reload();
    });

  return (
    <section className="panel" aria-labelledby="plan-title">
      <h2 id="plan-title">{t.plan}</h2>
      <Loaded query={data}>
        {({ plans, current }) => {
          const plan = current ? plans.find((p) => p.id === current.planId) : undefined;
          return (
            <>
              {current ? (
                <div data-testid="current-plan">
                  <p>
                    <strong>{plan?.name ?? current.planId}</strong>
                    <br />
                    <span className="muted">{current.cancelAtPeriodEnd ? t.ends(f.date(current.currentPeriodEnd)) : t.renews(f.date(current.currentPeriodEnd))}</span>
                  </p>
                  {!current.cancelAtPeriodEnd && (
                    <ConfirmButton
                      label={t.cancelPlan}
                      question={t.cancelConfirm}
                      run={async () => {
                        await ok(api.DELETE('/api/v1/me/subscription'));
                        data.reload();
                      }}
                    />
                  )}
                </div>
              ) : (
                <p data-testid="current-plan">{t.noPlan}</p>
              )}
              {!current && (
                <>
                  <h3>{t.plans}</h3>
                  {plans.length === 0 ? (
                    <p className="muted">{t.noPlans}</p>
                  ) : (
                    <ul className="card-list">
                      {plans.map((p) => (
                        <li key={p.id} className="card-row">
                          <div>
                            <strong>{p.name}</strong>
                            <div className="muted">
                              {t.perMonth(f.money(p.monthlyFee, p.currency))}
                              {Number(p.includedKwh) > 0 && ` · ${t.includedKwh(f.number(p.includedKwh, 3))}`}
                            </div>
                          </div>
                          <button type="button" onClick={() => subscribe(p.id)}>
                            {t.subscribe}
                          </button>
                        </li>
                      ))}
                    </ul>
                  )}
                </>
              )}
              {error && <ErrorMessage error={error} />}
            </>
          );
        }}
      </Loaded>
    </section>
  );
}
