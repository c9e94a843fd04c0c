import { useMemo } from 'react';
import { Button, Card, Empty, Flex, Input, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { useQuery } from '@apollo/client/react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PartnerListDocument, PartnerTiersDocument } from '../../gql/graphql';
import type { PartnerFilter, PartnerListQuery, PartnerProfileChannelType } from '../../gql/graphql';
import { money, moneyExact, num } from '../../app/format';
import { normalizeLang } from '../../app/i18n';
import { ErrorState } from '../../app/errors';
import { useMe } from '../../app/session';
import { StandingTag, TierTag, tierName } from './tiers';

const PAGE = 50;

/* GraphQL */ `
  query PartnerList($first: Int, $after: Cursor, $last: Int, $before: Cursor, $where: PartnerFilter) {
    partners(first: $first, after: $after, last: $last, before: $before, where: $where, orderBy: { field: PERFORMANCE, direction: DESC }) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges {
        node {
          id
          channelType
          regionsCovered
          account { id code name nameEn region }
          tier { id code rank name nameEn }
          rolledUpPerformance
          tierProgress {
            standing
            supportedTier { id code rank name nameEn }
            nextTier { id code rank name nameEn }
            gaps { text textEn }
            onProbation
            probationDaysLeft
          }
        }
      }
    }
  }
`;

/* GraphQL */ `
  query PartnerTiers {
    partnerTiers {
      id code rank name nameEn description
      requirements { id criterion customCode label minValue evidenceRequired }
      benefits { id kind value description }
    }
  }
`;

const REGIONS = ['EAST', 'NORTH', 'SOUTH', 'CENTRAL', 'WEST', 'NORTHEAST'];
export const CHANNELS: PartnerProfileChannelType[] = ['DISTRIBUTOR', 'REGIONAL_DISTRIBUTOR', 'AGENT', 'DEALER', 'FRANCHISE_STORE'];

type Row = NonNullable<NonNullable<NonNullable<PartnerListQuery['partners']['edges']>[number]>['node']>;

/** The URL's filters as the API's PartnerFilter; row rules apply on top. */
export function partnerFilter(p: URLSearchParams): PartnerFilter {
  const f: PartnerFilter = {};
  const tier = p.get('tier');
  if (tier === 'none') f.untiered = true;
  else if (tier) f.tierID = tier;
  if (p.get('region')) f.region = p.get('region');
  if (p.get('channel')) f.channelType = p.get('channel') as PartnerProfileChannelType;
  if (p.get('probation') === '1') f.onProbation = true;
  if (p.get('pending') === '1') f.pendingEvaluation = true;
  const q = p.get('q')?.trim();
  if (q) f.profile = { hasAccountWith: [{ or: [{ nameContainsFold: q }, { codeContainsFold: q }] }] };
  return f;
}

export function PartnersPage() {
  const { t, i18n } = useTranslation();
  const lang = normalizeLang(i18n.language);
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const where = useMemo(() => partnerFilter(params), [params]);
  const after = params.get('after');
  const before = params.get('before');
  const vars = before ? { last: PAGE, before } : { first: PAGE, after };
  const { data, previousData, loading, error, refetch } = useQuery(PartnerListDocument, { variables: { ...vars, where } });
  const tiers = useQuery(PartnerTiersDocument, { fetchPolicy: 'cache-first' });
  const shown = data ?? previousData;

  const set = (k: string, v: string | null | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    next.delete('after');
    next.delete('before');
    setParams(next);
  };
  const page = (dir: 'next' | 'prev') => {
    const info = shown?.partners.pageInfo;
    const next = new URLSearchParams(params);
    next.delete('after');
    next.delete('before');
    if (dir === 'next' && info?.endCursor) next.set('after', info.endCursor);
    if (dir === 'prev' && info?.startCursor) next.set('before', info.startCursor);
    setParams(next);
  };

  const rows = (shown?.partners.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  const columns: TableProps<Row>['columns'] = [
    {
      title: t('partners.col.name'),
      width: 250,
      render: (_: unknown, r) => (
        <div>
          <Link to={`/partners/${r.id}`}>{lang === 'en' && r.account.nameEn ? r.account.nameEn : r.account.name}</Link>
          <div style={{ color: 'rgba(0,0,0,0.6)', fontSize: 12 }}>{r.account.code}</div>
        </div>
      ),
    },
    { title: t('partners.col.tier'), width: 130, render: (_: unknown, r) => <TierTag tier={r.tier} lang={lang} /> },
    {
      title: t('partners.col.region'),
      width: 130,
      render: (_: unknown, r) => (
        <span>
          {r.account.region ? t(`region.${r.account.region}`, { defaultValue: r.account.region }) : '—'}
          {(r.regionsCovered ?? []).filter((x) => x !== r.account.region).length > 0 && (
            <span style={{ color: 'rgba(0,0,0,0.6)' }}> +{(r.regionsCovered ?? []).filter((x) => x !== r.account.region).map((x) => t(`region.${x}`, { defaultValue: x })).join('、')}</span>
          )}
        </span>
      ),
    },
    { title: t('partners.col.channel'), width: 110, render: (_: unknown, r) => t(`partners.channel.${r.channelType}`) },
    {
      title: t('partners.col.probation'),
      width: 120,
      render: (_: unknown, r) =>
        r.tierProgress.onProbation ? (
          <Tag color="red">{t('partners.probationDays', { count: r.tierProgress.probationDaysLeft ?? 0 })}</Tag>
        ) : (
          <span style={{ color: 'rgba(0,0,0,0.6)' }}>—</span>
        ),
    },
    {
      title: t('partners.col.supported'),
      width: 200,
      render: (_: unknown, r) => (
        <Space size={4} wrap>
          <StandingTag standing={r.tierProgress.standing} />
          <span>{r.tierProgress.supportedTier ? tierName(r.tierProgress.supportedTier, lang) : t('partners.noTierSupported')}</span>
        </Space>
      ),
    },
    {
      title: t('partners.col.gap'),
      render: (_: unknown, r) =>
        r.tierProgress.nextTier ? (
          <span>
            <span style={{ color: 'rgba(0,0,0,0.6)' }}>{tierName(r.tierProgress.nextTier, lang)}: </span>
            {r.tierProgress.gaps.map((g) => (lang === 'en' ? g.textEn : g.text)).join(lang === 'en' ? '; ' : '；') || '—'}
          </span>
        ) : (
          <span style={{ color: 'rgba(0,0,0,0.6)' }}>{t('partners.atTop')}</span>
        ),
    },
    {
      title: t('partners.col.performance'),
      width: 130,
      align: 'right',
      render: (_: unknown, r) => <span title={moneyExact(r.rolledUpPerformance, lang)}>{money(r.rolledUpPerformance, lang)}</span>,
    },
  ];

  const tierOptions = (tiers.data?.partnerTiers ?? []).map((x) => ({ value: x.id, label: tierName(x, lang) }));
  const filtered = [...params.keys()].some((k) => !['after', 'before'].includes(k));
  const regionOptions = me.roles.includes('PARTNER_MANAGER') && me.regions.length > 0 && !me.roles.some((r) => r === 'ADMIN' || r === 'EXECUTIVE') ? me.regions : REGIONS;

  return (
    <Card
      title={
        <Flex align="baseline" gap={12} wrap>
          <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
            {t('partners.title')}
          </Typography.Title>
          {shown && (
            <Typography.Text type="secondary" data-testid="partner-count">
              {t('partners.count', { n: num(shown.partners.totalCount, lang) })}
            </Typography.Text>
          )}
        </Flex>
      }
      extra={<Link to="/partners/runs">{t('partners.runs.title')}</Link>}
    >
      <Flex wrap gap={8} style={{ marginBottom: 16 }} role="search" aria-label={t('partners.filters')}>
        <Input.Search allowClear style={{ width: 220 }} placeholder={t('partners.search')} aria-label={t('partners.search')} defaultValue={params.get('q') ?? ''} onSearch={(v) => set('q', v)} data-testid="partner-search" />
        <Select allowClear style={{ minWidth: 150 }} placeholder={t('partners.col.tier')} aria-label={t('partners.col.tier')} value={params.get('tier') ?? undefined} onChange={(v) => set('tier', v)}
          options={[...tierOptions, { value: 'none', label: t('partners.untiered') }]} />
        <Select allowClear style={{ minWidth: 120 }} placeholder={t('partners.col.region')} aria-label={t('partners.col.region')} value={params.get('region') ?? undefined} onChange={(v) => set('region', v)}
          options={regionOptions.map((s) => ({ value: s, label: t(`region.${s}`, { defaultValue: s }) }))} />
        <Select allowClear style={{ minWidth: 140 }} placeholder={t('partners.col.channel')} aria-label={t('partners.col.channel')} value={params.get('channel') ?? undefined} onChange={(v) => set('channel', v)}
          options={CHANNELS.map((s) => ({ value: s, label: t(`partners.channel.${s}`) }))} />
        <Space>
          <Switch checked={params.get('probation') === '1'} onChange={(v) => set('probation', v ? '1' : null)} aria-label={t('partners.onProbation')} />
          <span>{t('partners.onProbation')}</span>
        </Space>
        <Space>
          <Switch checked={params.get('pending') === '1'} onChange={(v) => set('pending', v ? '1' : null)} aria-label={t('partners.pending')} />
          <span>{t('partners.pending')}</span>
        </Space>
        {filtered && (
          <Button type="link" onClick={() => setParams(new URLSearchParams())}>
            {t('partners.clear')}
          </Button>
        )}
      </Flex>
      {error && !shown ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : (
        <>
          <Table<Row>
            rowKey="id"
            size="middle"
            loading={loading && !!shown ? { delay: 200 } : false}
            dataSource={rows}
            columns={columns}
            pagination={false}
            locale={{
              emptyText: loading ? (
                <div data-testid="loading" style={{ padding: 24 }}>{t('common.loading')}</div>
              ) : (
                <Empty description={filtered ? t('partners.emptyFiltered') : t('partners.empty')} />
              ),
            }}
          />
          <Flex justify="end" gap={8} style={{ marginTop: 12 }}>
            <Button icon={<LeftOutlined />} disabled={!(before ? shown?.partners.pageInfo.hasPreviousPage : after)} onClick={() => page('prev')}>
              {t('common.prev')}
            </Button>
            <Button disabled={!(before ? true : shown?.partners.pageInfo.hasNextPage)} onClick={() => page('next')}>
              {t('common.next')} <RightOutlined />
            </Button>
          </Flex>
        </>
      )}
    </Card>
  );
}
