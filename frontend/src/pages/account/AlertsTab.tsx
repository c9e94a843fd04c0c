import { useState } from 'react';
import { Empty, Flex, Segmented, Skeleton } from 'antd';
import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { AccountAlertsDocument } from '../../gql/graphql';
import { ErrorState } from '../../app/errors';
import { AlertCard } from '../../components/AlertCard';

/* GraphQL */ `
  query AccountAlerts($filter: ChurnAlertFilter!) {
    churnAlerts(first: 50, filter: $filter) { totalCount edges { node { ...AlertFields } } }
  }
`;
const AccountAlerts = AccountAlertsDocument;

export function AlertsTab({ accountId }: { accountId: string }) {
  const { t } = useTranslation();
  const [which, setWhich] = useState<'open' | 'all'>('open');
  const { data, loading, error, refetch } = useQuery(AccountAlerts, { variables: { filter: { accountID: accountId, openOnly: which === 'open' } } });
  const alerts = (data?.churnAlerts.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  return (
    <Flex vertical gap={12}>
      <Segmented value={which} onChange={(v) => setWhich(v as 'open' | 'all')} options={[{ value: 'open', label: t('alert.openOnly') }, { value: 'all', label: t('alert.all') }]} aria-label={t('alert.which')} />
      {error ? <ErrorState error={error} onRetry={() => void refetch()} /> : loading && !data ? <Skeleton active /> : alerts.length === 0 ? <Empty description={t('alert.emptyAccount')} /> : alerts.map((a) => <AlertCard key={a.id} alert={a} />)}
    </Flex>
  );
}
