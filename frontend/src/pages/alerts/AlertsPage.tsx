import { Button, Card, Empty, Flex, Segmented, Select, Skeleton, Typography } from 'antd';
import { useQuery } from '@apollo/client/react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AlertsInboxDocument } from '../../gql/graphql';
import type { ChurnAlertFilter, ChurnAlertSeverity } from '../../gql/graphql';
import { ErrorState } from '../../app/errors';
import { AlertCard } from '../../components/AlertCard';
import { num } from '../../app/format';
import { normalizeLang } from '../../app/i18n';

/* GraphQL */ `
  query AlertsInbox($filter: ChurnAlertFilter!, $after: Cursor) {
    churnAlerts(first: 25, after: $after, filter: $filter) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { ...AlertFields } }
    }
  }
`;
const AlertsInbox = AlertsInboxDocument;

/**
 * The churn-alert inbox: the server orders most severe first and, within a
 * severity, the oldest (so the most overdue) first.
 */
export function AlertsPage() {
  const { t, i18n } = useTranslation();
  const lang = normalizeLang(i18n.language);
  const [params, setParams] = useSearchParams();
  const which = params.get('show') ?? 'open';
  const severities = (params.get('severity') ?? '').split(',').filter(Boolean) as ChurnAlertSeverity[];
  const filter: ChurnAlertFilter = {
    openOnly: which === 'open' ? true : undefined,
    overdueOnly: which === 'overdue' ? true : undefined,
    severities: severities.length ? severities : undefined,
  };
  const { data, loading, error, refetch, fetchMore } = useQuery(AlertsInbox, { variables: { filter } });
  const alerts = (data?.churnAlerts.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  const set = (k: string, v: string | null) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next);
  };
  return (
    <Card
      title={
        <Flex align="baseline" gap={12}>
          <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>{t('alerts.title')}</Typography.Title>
          {data && <Typography.Text type="secondary">{t('alerts.count', { n: num(data.churnAlerts.totalCount, lang) })}</Typography.Text>}
        </Flex>
      }
    >
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <Segmented
          aria-label={t('alert.which')}
          value={which}
          onChange={(v) => set('show', v === 'open' ? null : String(v))}
          options={[
            { value: 'open', label: t('alert.openOnly') },
            { value: 'overdue', label: t('alert.overdueOnly') },
            { value: 'all', label: t('alert.all') },
          ]}
        />
        <Select
          mode="multiple"
          allowClear
          style={{ minWidth: 200 }}
          aria-label={t('alerts.severity')}
          placeholder={t('alerts.severity')}
          value={severities}
          onChange={(v: string[]) => set('severity', v.join(',') || null)}
          options={['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'].map((s) => ({ value: s, label: t(`risk.level.${s}`) }))}
        />
      </Flex>
      {error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : loading && !data ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : alerts.length === 0 ? (
        <Empty description={t('alerts.empty')} />
      ) : (
        <Flex vertical gap={12}>
          {alerts.map((a) => <AlertCard key={a.id} alert={a} showAccount />)}
          {data?.churnAlerts.pageInfo.hasNextPage && (
            <Button
              onClick={() =>
                void fetchMore({
                  variables: { after: data.churnAlerts.pageInfo.endCursor },
                  updateQuery: (prev, { fetchMoreResult }) => ({
                    churnAlerts: { ...fetchMoreResult.churnAlerts, edges: [...(prev.churnAlerts.edges ?? []), ...(fetchMoreResult.churnAlerts.edges ?? [])] },
                  }),
                })
              }
            >
              {t('common.more')}
            </Button>
          )}
        </Flex>
      )}
    </Card>
  );
}
