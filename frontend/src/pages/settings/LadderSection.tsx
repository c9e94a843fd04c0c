import { useState } from 'react';
import { Button, Empty, List, Table, Tag } from 'antd';
import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { PartnerTiersDocument } from '../../gql/graphql';
import type { PartnerTiersQuery } from '../../gql/graphql';
import { normalizeLang } from '../../app/i18n';
import { ErrorState } from '../../app/errors';
import { benefitText, criterionValue, TierTag } from '../partners/tiers';
import { TierEditor } from './TierEditor';

type Tier = PartnerTiersQuery['partnerTiers'][number];

/** The distributor tier ladder, top first: requirements and benefits of each tier. */
export function LadderSection() {
  const { t, i18n } = useTranslation();
  const lang = normalizeLang(i18n.language);
  const { data, loading, error, refetch } = useQuery(PartnerTiersDocument);
  const [editing, setEditing] = useState<Tier | null>(null);
  if (error && !data) return <ErrorState error={error} onRetry={() => void refetch()} />;
  return (
    <>
    {editing && <TierEditor tier={editing} onClose={() => { setEditing(null); void refetch(); }} />}
    <Table<Tier>
      rowKey="id"
      size="middle"
      loading={loading && !data}
      dataSource={data?.partnerTiers ?? []}
      pagination={false}
      locale={{ emptyText: <Empty description={t('settings.ladder.empty')} /> }}
      columns={[
        { title: t('settings.ladder.rank'), dataIndex: 'rank', width: 70 },
        { title: t('settings.ladder.tier'), width: 170, render: (_: unknown, x) => <span><TierTag tier={x} lang={lang} /><div style={{ fontSize: 12, color: 'rgba(0,0,0,0.6)' }}>{x.code}{x.rank <= 2 ? ` · ${t('settings.ladder.approval')}` : ''}</div></span> },
        {
          title: t('settings.ladder.requirements'),
          render: (_: unknown, x) => (
            <List size="small" split={false} dataSource={x.requirements ?? []} locale={{ emptyText: '—' }}
              renderItem={(r) => (
                <List.Item style={{ padding: '2px 0' }}>
                  {r.criterion === 'CUSTOM' ? r.label ?? r.customCode : t(`settings.ladder.criterion.${r.criterion}`)} ≥ {criterionValue(r.criterion, r.minValue, lang)}
                  {r.evidenceRequired && <Tag style={{ marginLeft: 6 }}>{t('partners.evidenceRequired')}</Tag>}
                </List.Item>
              )} />
          ),
        },
        {
          title: t('settings.ladder.benefits'),
          render: (_: unknown, x) => (
            <List size="small" split={false} dataSource={x.benefits ?? []} locale={{ emptyText: '—' }} renderItem={(b) => <List.Item style={{ padding: '2px 0' }}>{benefitText(b, lang, t)}</List.Item>} />
          ),
        },
        { title: t('settings.actions'), width: 90, render: (_: unknown, x) => <Button size="small" onClick={() => setEditing(x)}>{t('common.edit')}</Button> },
      ]}
    />
    </>
  );
}
