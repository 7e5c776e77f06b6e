/** Billing: invoices (with their PDF), payments, accounts and their wallets, subscription plans. */
import { useStrings } from '../../i18n/i18n.tsx';
import { Page } from '../../ui/states.tsx';
import { Tabs } from '../../ui/Tabs.tsx';
import { Accounts } from './Accounts.tsx';
import { Invoices } from './Invoices.tsx';
import { Payments } from './Payments.tsx';
import { Plans } from './Plans.tsx';

export function BillingPage() {
  const s = useStrings();
  return (
    <Page title={s.nav.billing}>
      <Tabs
        tabs={[
          { id: 'invoices', label: s.billing.invoices, render: () => <Invoices /> },
          { id: 'payments', label: s.billing.payments, render: () => <Payments /> },
          { id: 'accounts', label: s.billing.accounts, render: () => <Accounts /> },
          { id: 'plans', label: s.billing.plans, render: () => <Plans /> },
        ]}
      />
    </Page>
  );
}
