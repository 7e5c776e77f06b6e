/** The driver's charging cards (id tokens): add an RFID card, block a lost one, remove one. */
import { type FormEvent, useState } from 'react';
import { api, ok, type Schemas } from '../../api/client.ts';
import { useStrings } from '../../i18n/i18n.tsx';
import { Badge, ErrorMessage, Loaded, Page } from '../../ui/states.tsx';
import { useQuery } from '../../ui/useQuery.ts';
import { ConfirmButton } from '../ui/ConfirmButton.tsx';
import { useAction } from '../ui/useAction.ts';

type Token = Schemas['Token'];

export function useMyTokens() {
  return useQuery(async () => (await ok(api.GET('/api/v1/tokens', { params: { query: { limit: 100 } } }))).items, []);
}

export function Cards() {
  const s = useStrings();
  const t = s.portal.cards;
  const tokens = useMyTokens();

  return (
    <Page title={t.title}>
      <p className="muted">{t.intro}</p>
      <Loaded query={tokens}>
        {(items) =>
          items.length === 0 ? (
            <p>{t.empty}</p>
          ) : (
            <ul className="card-list" aria-label={t.title}>
              {items.map((token) => (
                <CardRow key={token.uid} token={token} reload={tokens.reload} />
              ))}
            </ul>
          )
        }
      </Loaded>
      <AddCard added={tokens.reload} />
    </Page>
  );
}

function CardRow({ token, reload }: { token: Token; reload: () => void }) {
  const s = useStrings();
  const t = s.portal.cards;
  return (
    <li className="card-row">
      <div>
        <strong className="mono">{token.uid}</strong>
        {token.label && <span> · {token.label}</span>}
        <div>
          <Badge tone={token.status === 'Accepted' ? 'ok' : 'bad'}>{t.status[token.status] ?? token.status}</Badge>
        </div>
      </div>
      <div className="row-actions">
        {token.status === 'Accepted' && (
          <ConfirmButton
            label={t.block}
            question={t.blockConfirm(token.uid)}
            run={async () => {
              await ok(api.PATCH('/api/v1/tokens/{uid}', { params: { path: { uid: token.uid } }, body: { status: 'Blocked' } }));
              reload();
            }}
          />
        )}
        <ConfirmButton
          danger
          label={t.remove}
          question={t.removeConfirm(token.uid)}
          run={async () => {
            await ok(api.DELETE('/api/v1/tokens/{uid}', { params: { path: { uid: token.uid } } }));
            reload();
          }}
        />
      </div>
    </li>
  );
}

function AddCard({ added }: { added: () => void }) {
  const s = useStrings();
  const t = s.portal.cards;
  const [uid, setUid] = useState('');
  const [label, setLabel] = useState('');
  const { busy, error, run } = useAction();
  const [done, setDone] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    await run(async () => {
      const token = await ok(api.POST('/api/v1/tokens', { body: { uid: uid.trim(), type: 'ISO14443', ...(label.trim() ? { label: label.trim() } : {}) } }));
      setDone(t.added(token.uid));
      setUid('');
      setLabel('');
      added();
    });
  }

  return (
    <form className="panel" onSubmit={submit} aria-labelledby="add-card">
      <h2 id="add-card">{t.add}</h2>
      <label className="field">
        <span>{t.uid}</span>
        <input
          name="uid"
          required
          maxLength={36}
          pattern="[0-9A-Fa-f]{4,36}"
          autoCapitalize="characters"
          autoComplete="off"
          spellCheck={false}
          aria-describedby="uid-hint"
          value={uid}
          onChange={(e) => setUid(e.target.value)}
        />
        <small id="uid-hint" className="muted">
          {t.uidHint}
        </small>
      </label>
      <label className="field">
        <span>{t.label}</span>
        <input name="label" maxLength={100} value={label} onChange={(e) => setLabel(e.target.value)} />
      </label>
      {error && <ErrorMessage error={error} />}
      {done && (
        <p className="outcome ok" role="status">
          {done}
        </p>
      )}
      <button type="submit" className="primary wide" disabled={busy}>
        {busy ? s.common.loading : t.add}
      </button>
    </form>
  );
}
