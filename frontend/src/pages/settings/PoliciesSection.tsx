import { Empty, Table, Tag } from 'antd';
import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { SettingsClassPoliciesDocument } from '../../gql/graphql';
import type { SettingsClassPoliciesQuery } from '../../gql/graphql';
import { normalizeLang } from '../../app/i18n';
import { ErrorState } from '../../app/errors';
import { ClassBadge } from '../../components/ClassBadge';

/* GraphQL */ `
  query SettingsClassPolicies {
    classPolicies { id class label labelEn version coverage requiredTeamRoles reviewCadenceDays contactCadenceDays alertResponseDays serviceLevel entitlements notifyCustomer }
  }
`;

type Policy = SettingsClassPoliciesQuery['classPolicies'][number];

/** What each class buys: coverage roles, cadences, service level, entitlements. */
export function PoliciesSection() {
  const { t, i18n } = useTranslation();
  const lang = normalizeLang(i18n.language);
  const { data, loading, error, refetch } = useQuery(SettingsClassPoliciesDocument);
  if (error && !data) return <ErrorState error={error} onRetry={() => void refetch()} />;
  return (
    <Table<Policy>
      rowKey="id"
      size="middle"
      loading={loading && !data}
      dataSource={data?.classPolicies ?? []}
      pagination={false}
      locale={{ emptyText: <Empty description={t('settings.policies.empty')} /> }}
      columns={[
        { title: t('settings.policies.class'), width: 150, render: (_: unknown, p) => <span><ClassBadge cls={p.class} /> {lang === 'en' ? p.labelEn : p.label}</span> },
        { title: t('settings.policies.coverage'), render: (_: unknown, p) => <div>{p.coverage}<div>{(p.requiredTeamRoles ?? []).map((r) => <Tag key={r}>{t(`teamRole.${r}`, { defaultValue: r })}</Tag>)}</div></div> },
        { title: t('settings.policies.cadences'), width: 220, render: (_: unknown, p) => t('settings.policies.cadenceText', { review: p.reviewCadenceDays, contact: p.contactCadenceDays, alert: p.alertResponseDays }) },
        { title: t('settings.policies.serviceLevel'), dataIndex: 'serviceLevel' },
        { title: t('settings.policies.entitlements'), render: (_: unknown, p) => (p.entitlements ?? []).join('、') || '—' },
        { title: t('settings.policies.version'), width: 80, dataIndex: 'version' },
      ]}
    />
  );
}
