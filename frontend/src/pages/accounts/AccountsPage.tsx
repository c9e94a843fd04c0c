import { useMemo } from 'react';
import { Button, Card, Empty, Flex, Select, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableProps } from 'antd';
import { ExclamationCircleOutlined, LeftOutlined, RightOutlined } from '@ant-design/icons';
import { useQuery } from '@apollo/client/react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AccountFilterOptionsDocument, AccountListDocument } from '../../gql/graphql';
import type { AccountListQuery, AccountWhereInput, AccountOrder, AccountOrderField } from '../../gql/graphql';
import { ClassBadge } from '../../components/ClassBadge';
import { PlanStatusTag, RiskTag, StageTag } from '../../components/Tags';
import { day, fromNow, money, moneyExact, num, todayUTC } from '../../app/format';
import { normalizeLang } from '../../app/i18n';
import { ErrorState } from '../../app/errors';
import { useMe } from '../../app/session';

const PAGE = 50;

/* GraphQL */ `
  query AccountList($first: Int, $after: Cursor, $last: Int, $before: Cursor, $where: AccountWhereInput, $orderBy: [AccountOrder!], $today: Time!) {
    accounts(first: $first, after: $after, last: $last, before: $before, where: $where, orderBy: $orderBy) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges {
        node {
          id
          code
          name
          nameEn
          kind
          currentClass
          lifecycleStage
          region
          owner { id name }
          rollup { revenueMinor }
          churnRisk { assessed level score }
          planHealth { planStatus objectivesOnTrack objectivesTotal overdueActions lastTouchpointAt contactOverdue }
          actions(first: 1, where: { statusIn: [OPEN, IN_PROGRESS, BLOCKED], dueOnNotNil: true, dueOnGTE: $today }, orderBy: [{ field: DUE_ON, direction: ASC }]) {
            edges { node { id title dueOn } }
          }
        }
      }
    }
  }
`;
const AccountList = AccountListDocument;

/* GraphQL */ `
  query AccountFilterOptions {
    categories(first: 100) { edges { node { id name nameEn } } }
    users(first: 200, where: { hasOwnedAccounts: true }) { edges { node { id name } } }
  }
`;
const FilterOptions = AccountFilterOptionsDocument;

const CLASSES = ['S', 'A', 'B', 'C'];
const STAGES = ['EXPLORATION', 'FORMATION', 'STABLE', 'DECLINE', 'LOST'];
const RISKS = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'];
const KINDS = ['END_CUSTOMER', 'B2B', 'DISTRIBUTOR', 'INTERNAL'];
const REGIONS = ['EAST', 'NORTH', 'SOUTH', 'CENTRAL', 'WEST', 'NORTHEAST'];
const SORTS: Record<string, AccountOrderField> = { name: 'NAME', code: 'CODE', class: 'CURRENT_CLASS', stage: 'LIFECYCLE_STAGE', region: 'REGION', updated: 'UPDATED_AT' };
const OPEN_ALERT = ['OPEN', 'ACKNOWLEDGED', 'ESCALATED'] as const;

type Row = NonNullable<NonNullable<NonNullable<AccountListQuery['accounts']['edges']>[number]>['node']>;

function list(p: URLSearchParams, k: string): string[] {
  return (p.get(k) ?? '').split(',').filter(Boolean);
}

/**
 * The filters live in the URL, so a view can be bookmarked and shared, and
 * translate into one AccountWhereInput; the server applies the viewer's row
 * rules on top. "Needs attention" means an open churn alert, an overdue
 * action or a plan still waiting (draft or submitted).
 */
export function whereFromParams(p: URLSearchParams, today: string): AccountWhereInput {
  const and: AccountWhereInput[] = [{ archived: false }];
  const cls = list(p, 'class');
  if (cls.length) {
    const real = cls.filter((c) => c !== 'none') as AccountWhereInput['currentClassIn'];
    const or: AccountWhereInput[] = [];
    if (real && real.length) or.push({ currentClassIn: real });
    if (cls.includes('none')) or.push({ currentClassIsNil: true });
    and.push({ or });
  }
  const stage = list(p, 'stage');
  if (stage.length) and.push({ lifecycleStageIn: stage as AccountWhereInput['lifecycleStageIn'] });
  const kind = list(p, 'kind');
  if (kind.length) and.push({ kindIn: kind as AccountWhereInput['kindIn'] });
  const region = list(p, 'region');
  if (region.length) and.push({ regionIn: region });
  const category = p.get('category');
  if (category) and.push({ categoryID: category });
  const owner = p.get('owner');
  if (owner) and.push({ ownerID: owner });
  const risk = list(p, 'risk');
  if (risk.length) {
    and.push({ hasChurnAlertsWith: [{ statusIn: [...OPEN_ALERT], severityIn: risk as never }] });
  }
  if (p.get('attention') === '1') {
    and.push({
      or: [
        { hasChurnAlertsWith: [{ statusIn: [...OPEN_ALERT] }] },
        { hasActionsWith: [{ statusIn: ['OPEN', 'IN_PROGRESS', 'BLOCKED'], dueOnLT: today }] },
        { hasPlansWith: [{ statusIn: ['DRAFT', 'SUBMITTED'] }] },
      ],
    });
  }
  // A drill-down from the portfolio (src/pages/executive) hands over the
  // figure's own AccountWhereInput, so the list shows exactly its accounts.
  const drill = p.get('where');
  if (drill) {
    try {
      and.push(JSON.parse(drill) as AccountWhereInput);
    } catch {
      /* a hand-edited, malformed filter is ignored */
    }
  }
  return { and };
}

export function AccountsPage() {
  const { t, i18n } = useTranslation();
  const lang = normalizeLang(i18n.language);
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const today = useMemo(() => todayUTC(), []);
  const where = useMemo(() => whereFromParams(params, today), [params, today]);
  const [sortKey, sortDir] = (params.get('sort') ?? 'name:asc').split(':');
  const orderBy: AccountOrder[] = [{ field: SORTS[sortKey] ?? 'NAME', direction: sortDir === 'desc' ? 'DESC' : 'ASC' }];
  const after = params.get('after');
  const before = params.get('before');
  const vars = before ? { last: PAGE, before } : { first: PAGE, after };
  const { data, previousData, loading, error, refetch } = useQuery(AccountList, {
    variables: { ...vars, where, orderBy, today },
  });
  const options = useQuery(FilterOptions, { fetchPolicy: 'cache-first' });
  const shown = data ?? previousData;

  const set = (k: string, v: string | string[] | null | undefined) => {
    const next = new URLSearchParams(params);
    const s = Array.isArray(v) ? v.join(',') : v;
    if (s) next.set(k, s);
    else next.delete(k);
    next.delete('after');
    next.delete('before');
    setParams(next);
  };
  const page = (dir: 'next' | 'prev') => {
    const info = shown?.accounts.pageInfo;
    const next = new URLSearchParams(params);
    next.delete('after');
    next.delete('before');
    if (dir === 'next' && info?.endCursor) next.set('after', info.endCursor);
    if (dir === 'prev' && info?.startCursor) next.set('before', info.startCursor);
    setParams(next);
  };

  const rows = (shown?.accounts.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  const sortable = (key: string): Partial<NonNullable<TableProps<Row>['columns']>[number]> => ({
    sorter: true,
    sortOrder: sortKey === key ? (sortDir === 'desc' ? 'descend' : 'ascend') : null,
    key,
  });

  const columns: TableProps<Row>['columns'] = [
    { title: t('accounts.col.class'), dataIndex: 'currentClass', width: 76, render: (c) => <ClassBadge cls={c} />, ...sortable('class') },
    {
      title: t('accounts.col.name'),
      dataIndex: 'name',
      ...sortable('name'),
      render: (_: unknown, r) => (
        <div>
          <Link to={`/accounts/${r.id}`}>{lang === 'en' && r.nameEn ? r.nameEn : r.name}</Link>
          <div style={{ color: 'rgba(0,0,0,0.55)', fontSize: 12 }}>{r.code}</div>
        </div>
      ),
    },
    { title: t('accounts.col.stage'), dataIndex: 'lifecycleStage', width: 100, render: (s) => <StageTag stage={s} />, ...sortable('stage') },
    { title: t('accounts.col.risk'), width: 110, render: (_: unknown, r) => <RiskTag level={r.churnRisk.level} score={r.churnRisk.score} /> },
    {
      title: t('accounts.col.plan'),
      width: 150,
      render: (_: unknown, r) => (
        <Space size={4} wrap>
          <PlanStatusTag status={r.planHealth.planStatus} />
          {r.planHealth.objectivesTotal > 0 && (
            <Tooltip title={t('accounts.objectivesOnTrack')}>
              <span>
                {r.planHealth.objectivesOnTrack}/{r.planHealth.objectivesTotal}
              </span>
            </Tooltip>
          )}
          {r.planHealth.overdueActions > 0 && (
            <Tooltip title={t('accounts.overdueActions', { count: r.planHealth.overdueActions })}>
              <span style={{ color: '#cf1322' }}>
                <ExclamationCircleOutlined /> {r.planHealth.overdueActions}
              </span>
            </Tooltip>
          )}
        </Space>
      ),
    },
    {
      title: t('accounts.col.lastTouch'),
      width: 120,
      render: (_: unknown, r) => (
        <span style={{ color: r.planHealth.contactOverdue ? '#cf1322' : undefined }} title={r.planHealth.contactOverdue ? t('accounts.contactOverdue') : undefined}>
          {r.planHealth.lastTouchpointAt ? fromNow(r.planHealth.lastTouchpointAt) : t('accounts.never')}
        </span>
      ),
    },
    {
      title: t('accounts.col.nextAction'),
      width: 170,
      render: (_: unknown, r) => {
        const a = r.actions.edges?.[0]?.node;
        return a ? (
          <Tooltip title={a.title}>
            <span>{day(a.dueOn, lang)}</span>
          </Tooltip>
        ) : (
          <span style={{ color: 'rgba(0,0,0,0.55)' }}>—</span>
        );
      },
    },
    {
      title: t('accounts.col.revenue'),
      width: 140,
      align: 'right',
      render: (_: unknown, r) => <span title={moneyExact(r.rollup.revenueMinor, lang)}>{money(r.rollup.revenueMinor, lang)}</span>,
    },
    { title: t('accounts.col.owner'), width: 110, render: (_: unknown, r) => r.owner?.name ?? '—' },
  ];

  const categories = options.data?.categories.edges?.flatMap((e) => (e?.node ? [e.node] : [])) ?? [];
  const owners = options.data?.users.edges?.flatMap((e) => (e?.node ? [e.node] : [])) ?? [];
  const filtered = [...params.keys()].some((k) => !['sort', 'after', 'before'].includes(k));

  return (
    <Card
      title={
        <Flex align="baseline" gap={12}>
          <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
            {t('accounts.title')}
          </Typography.Title>
          {shown && (
            <Typography.Text type="secondary" data-testid="account-count">
              {t('accounts.count', { count: shown.accounts.totalCount, n: num(shown.accounts.totalCount, lang) })}
            </Typography.Text>
          )}
        </Flex>
      }
    >
      <Flex wrap gap={8} style={{ marginBottom: 16 }} role="search" aria-label={t('accounts.filters')}>
        <Select mode="multiple" allowClear style={{ minWidth: 130 }} placeholder={t('accounts.col.class')} aria-label={t('accounts.col.class')} value={list(params, 'class')} onChange={(v) => set('class', v)}
          options={[...CLASSES.map((c) => ({ value: c, label: c })), { value: 'none', label: t('class.unclassified') }]} />
        <Select mode="multiple" allowClear style={{ minWidth: 130 }} placeholder={t('accounts.col.stage')} aria-label={t('accounts.col.stage')} value={list(params, 'stage')} onChange={(v) => set('stage', v)}
          options={STAGES.map((s) => ({ value: s, label: t(`stage.${s}`) }))} />
        <Select mode="multiple" allowClear style={{ minWidth: 130 }} placeholder={t('accounts.col.risk')} aria-label={t('accounts.col.risk')} value={list(params, 'risk')} onChange={(v) => set('risk', v)}
          options={RISKS.map((s) => ({ value: s, label: t(`risk.level.${s}`) }))} />
        <Select mode="multiple" allowClear style={{ minWidth: 130 }} placeholder={t('accounts.kind')} aria-label={t('accounts.kind')} value={list(params, 'kind')} onChange={(v) => set('kind', v)}
          options={KINDS.map((s) => ({ value: s, label: t(`kind.${s}`) }))} />
        <Select allowClear style={{ minWidth: 140 }} placeholder={t('accounts.category')} aria-label={t('accounts.category')} value={params.get('category') ?? undefined} onChange={(v) => set('category', v)}
          options={categories.map((c) => ({ value: c.id, label: lang === 'en' && c.nameEn ? c.nameEn : c.name }))} />
        <Select mode="multiple" allowClear style={{ minWidth: 130 }} placeholder={t('accounts.region')} aria-label={t('accounts.region')} value={list(params, 'region')} onChange={(v) => set('region', v)}
          options={REGIONS.map((s) => ({ value: s, label: t(`region.${s}`) }))} />
        <Select allowClear showSearch optionFilterProp="label" style={{ minWidth: 140 }} placeholder={t('accounts.col.owner')} aria-label={t('accounts.col.owner')} value={params.get('owner') ?? undefined} onChange={(v) => set('owner', v)}
          options={[{ value: String(me.id), label: t('accounts.me') }, ...owners.filter((o) => o.id !== String(me.id)).map((o) => ({ value: o.id, label: o.name }))]} />
        <Space>
          <Switch checked={params.get('attention') === '1'} onChange={(v) => set('attention', v ? '1' : null)} aria-label={t('accounts.needsAttention')} data-testid="needs-attention" />
          <span>{t('accounts.needsAttention')}</span>
        </Space>
        {params.get('where') && (
          <Tag closable onClose={() => set('where', null)} data-testid="drill-filter">
            {t('portfolio.drillFilter')}
          </Tag>
        )}
        {filtered && (
          <Button type="link" onClick={() => setParams(new URLSearchParams(params.get('sort') ? { sort: params.get('sort')! } : {}))}>
            {t('accounts.clear')}
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
            sticky
            locale={{
              emptyText: loading ? (
                <div data-testid="loading" style={{ padding: 24 }}>{t('common.loading')}</div>
              ) : (
                <Empty description={filtered ? t('accounts.emptyFiltered') : t('accounts.empty')} />
              ),
            }}
            onChange={(_p, _f, sorter) => {
              const s = Array.isArray(sorter) ? sorter[0] : sorter;
              set('sort', s?.order ? `${String(s.columnKey)}:${s.order === 'descend' ? 'desc' : 'asc'}` : null);
            }}
          />
          <Flex justify="end" gap={8} style={{ marginTop: 12 }}>
            <Button icon={<LeftOutlined />} disabled={!(before ? shown?.accounts.pageInfo.hasPreviousPage : after)} onClick={() => page('prev')}>
              {t('common.prev')}
            </Button>
            <Button disabled={!(before ? true : shown?.accounts.pageInfo.hasNextPage)} onClick={() => page('next')}>
              {t('common.next')} <RightOutlined />
            </Button>
          </Flex>
        </>
      )}
    </Card>
  );
}
