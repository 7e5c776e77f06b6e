/**
 * Operators and their roles (admin, operator, viewer). What each role may do is enforced by
 * the API (src/auth/permissions.ts); the console only hides what would be refused.
 */
import { useState } from 'react';
import { api, ok } from '../../api/client.ts';
import { useSession } from '../../api/useSession.ts';
import { useFormat } from '../../format/FormatProvider.tsx';
import { useStrings } from '../../i18n/i18n.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { ErrorMessage, Loaded, Page } from '../../ui/states.tsx';
import { useQuery } from '../../ui/useQuery.ts';
import { useSubmit } from '../../ui/useSubmit.ts';

type Role = 'admin' | 'operator' | 'viewer';
const roles: Role[] = ['admin', 'operator', 'viewer'];

function RoleSelect({ value, onChange, label, disabled }: { value: Role; onChange: (r: Role) => void; label?: string; disabled?: boolean }) {
  const s = useStrings();
  return (
    <select aria-label={label} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value as Role)}>
      {roles.map((r) => (
        <option key={r} value={r}>
          {s.operators.roles[r]}
        </option>
      ))}
    </select>
  );
}

export function OperatorsPage() {
  const s = useStrings();
  const f = useFormat();
  const me = useSession()?.principal.id;
  const list = useQuery(async () => (await ok(api.GET('/api/v1/operators'))).items, []);
  const patch = useSubmit(async (id: string, body: { role?: Role; disabled?: boolean }) => {
    await ok(api.PATCH('/api/v1/operators/{id}', { params: { path: { id } }, body }));
    list.reload();
  });
  return (
    <Page title={s.nav.operators}>
      <NewOperator onDone={list.reload} />
      {patch.error && <ErrorMessage error={patch.error} />}
      <p className="muted">{s.operators.rolesHint}</p>
      <Loaded query={list}>
        {(items) => (
          <DataTable
            testId="operators"
            rows={items}
            rowKey={(o) => o.id}
            empty={s.common.none}
            columns={[
              { header: s.common.email, cell: (o) => o.email },
              { header: s.common.name, cell: (o) => o.name ?? '' },
              { header: s.operators.role, cell: (o) => <RoleSelect label={`${s.operators.role} ${o.email}`} value={o.role} disabled={o.id === me} onChange={(role) => void patch.run(o.id, { role })} /> },
              { header: s.drivers.lastLogin, cell: (o) => f.dateTime(o.lastLoginAt) },
              {
                header: s.common.status,
                cell: (o) => (
                  <label className="check">
                    <input type="checkbox" checked={!o.disabled} disabled={o.id === me} onChange={(e) => void patch.run(o.id, { disabled: !e.target.checked })} />
                    <span>{o.disabled ? s.operators.disabled : s.operators.enabled}</span>
                  </label>
                ),
              },
            ]}
          />
        )}
      </Loaded>
    </Page>
  );
}

function NewOperator({ onDone }: { onDone: () => void }) {
  const s = useStrings();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('operator');
  const create = useSubmit(async () => {
    await ok(api.POST('/api/v1/operators', { body: { email, password, role, ...(name ? { name } : {}) } }));
    setEmail('');
    setName('');
    setPassword('');
    onDone();
  });
  return (
    <form className="panel filters" onSubmit={create.submit()}>
      <label className="field">
        <span>{s.common.email}</span>
        <input type="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
      </label>
      <label className="field">
        <span>{s.common.name}</span>
        <input value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <label className="field">
        <span>{s.signIn.password}</span>
        <input type="password" autoComplete="new-password" required minLength={10} value={password} onChange={(e) => setPassword(e.target.value)} />
      </label>
      <label className="field">
        <span>{s.operators.role}</span>
        <RoleSelect value={role} onChange={setRole} />
      </label>
      <button type="submit" className="primary" disabled={create.busy}>
        {s.operators.add}
      </button>
      {create.error && <ErrorMessage error={create.error} />}
    </form>
  );
}
