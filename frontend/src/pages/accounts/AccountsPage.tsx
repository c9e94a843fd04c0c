import { lazy, Suspense, useMemo } from 'react';
import { Button, Tooltip } from 'antd';
import { ExclamationCircleOutlined, InboxOutlined, LeftOutlined, RightOutlined } from '@ant-design/icons';
import { useQuery } from '@apollo/client/react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AccountListDocument } from '../../gql/graphql';
import type { AccountListQuery, AccountListRank, AccountWhereInput, AccountOrder, AccountOrderField } from '../../gql/graphql';
import { ClassBadge } from '../../components/ClassBadge';
import { PlanStatusTag, RiskTag, StageTag } from '../../components/Tags';
import { day, fromNow, money, moneyExact, num, todayUTC } from '../../app/format';
import { normalizeLang } from '../../app/i18n';
import { ErrorState } from '../../app/errors';
import { ListTable, type ListColumn, type ListSort } from '../../components/ListTable';
import { list } from './params';

const PAGE = 50;

/* GraphQL */ `
  query AccountList(
    $first: Int
    $after: Cursor
    $last: Int
    $before: Cursor
    $where: AccountWhereInput
    $orderBy: [AccountOrder!]
    $rank: AccountListRank
    $rankDirection: OrderDirection
    $attention: Boolean
    $today: Time!
  ) {
    accounts: accountList(
      first: $first
      after: $after
      last: $last
      before: $before
      where: $where
      orderBy: $orderBy
      rank: $rank
      rankDirection: $rankDirection
      needsAttention: $attention
    ) {
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

const SORTS: Record<string, AccountOrderField> = { name: 'NAME', code: 'CODE', class: 'CURRENT_CLASS', stage: 'LIFECYCLE_STAGE', region: 'REGION', updated: 'UPDATED_AT' };
// Orders computed by the server from each account's facts (accountList's rank).
const RANKS: Record<string, AccountListRank> = { revenue: 'REVENUE', risk: 'CHURN_RISK', nextAction: 'NEXT_ACTION_DUE' };
const OPEN_ALERT = ['OPEN', 'ACKNOWLEDGED', 'ESCALATED'] as const;

type Row = NonNullable<NonNullable<NonNullable<AccountListQuery['accounts']['edges']>[number]>['node']>;

// The filter bar (antd Select: about 25 KB gzip) arrives right after the
// list; the first rows do not wait for it.
const AccountFilters = lazy(async () => ({ default: (await import('./AccountFilters')).AccountFilters }));

/**
 * The filters live in the URL, so a view can be bookmarked and shared, and
 * translate into one AccountWhereInput; the server applies the viewer's row
 * rules on top. "Needs attention" (?attention=1) is accountList's own
 * needsAttention: an open churn alert, an overdue action, a plan still
 * waiting (draft or submitted) or a missed contact cadence.
 */
export function whereFromParams(p: URLSearchParams): AccountWhereInput {
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
  const [params, setParams] = useSearchParams();
  const today = useMemo(() => todayUTC(), []);
  const where = useMemo(() => whereFromParams(params), [params]);
  const [sortKey, sortDir] = (params.get('sort') ?? 'name:asc').split(':');
  const direction = sortDir === 'desc' ? 'DESC' : 'ASC';
  const rank = RANKS[sortKey];
  const orderBy: AccountOrder[] = rank ? [] : [{ field: SORTS[sortKey] ?? 'NAME', direction }];
  const after = params.get('after');
  const before = params.get('before');
  const vars = before ? { last: PAGE, before } : { first: PAGE, after };
  const { data, previousData, loading, error, refetch } = useQuery(AccountList, {
    variables: { ...vars, where, orderBy, today, rank, rankDirection: rank ? direction : undefined, attention: params.get('attention') === '1' },
  });
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

  const columns: ListColumn<Row>[] = [
    { key: 'class', title: t('accounts.col.class'), width: 76, sortKey: 'class', render: (r) => <ClassBadge cls={r.currentClass} /> },
    {
      key: 'name',
      title: t('accounts.col.name'),
      sortKey: 'name',
      render: (r) => (
        <div>
          <Link to={`/accounts/${r.id}`}>{lang === 'en' && r.nameEn ? r.nameEn : r.name}</Link>
          <div style={{ color: 'rgba(0,0,0,0.55)', fontSize: 12 }}>{r.code}</div>
        </div>
      ),
    },
    { key: 'stage', title: t('accounts.col.stage'), width: 100, sortKey: 'stage', render: (r) => <StageTag stage={r.lifecycleStage} /> },
    { key: 'risk', title: t('accounts.col.risk'), width: 110, sortKey: 'risk', render: (r) => <RiskTag level={r.churnRisk.level} score={r.churnRisk.score} /> },
    {
      key: 'plan',
      title: t('accounts.col.plan'),
      width: 150,
      render: (r) => (
        <span className="cell-group">
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
        </span>
      ),
    },
    {
      key: 'lastTouch',
      title: t('accounts.col.lastTouch'),
      width: 120,
      render: (r) => (
        <span style={{ color: r.planHealth.contactOverdue ? '#cf1322' : undefined }} title={r.planHealth.contactOverdue ? t('accounts.contactOverdue') : undefined}>
          {r.planHealth.lastTouchpointAt ? fromNow(r.planHealth.lastTouchpointAt) : t('accounts.never')}
        </span>
      ),
    },
    {
      key: 'nextAction',
      title: t('accounts.col.nextAction'),
      sortKey: 'nextAction',
      width: 170,
      render: (r) => {
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
      key: 'revenue',
      title: t('accounts.col.revenue'),
      sortKey: 'revenue',
      width: 140,
      align: 'right',
      render: (r) => <span title={moneyExact(r.rollup.revenueMinor, lang)}>{money(r.rollup.revenueMinor, lang)}</span>,
    },
    { key: 'owner', title: t('accounts.col.owner'), width: 110, render: (r) => r.owner?.name ?? '—' },
  ];

  const filtered = [...params.keys()].some((k) => !['sort', 'after', 'before'].includes(k));
  const sort: ListSort = { key: sortKey in SORTS || sortKey in RANKS ? sortKey : 'name', dir: sortDir === 'desc' ? 'desc' : 'asc' };

  return (
    <section className="page-card" aria-labelledby="accounts-title">
      <div className="page-card-head">
        <h1 id="accounts-title">{t('accounts.title')}</h1>
        {shown && (
          <span className="text-secondary" data-testid="account-count">
            {t('accounts.count', { count: shown.accounts.totalCount, n: num(shown.accounts.totalCount, lang) })}
          </span>
        )}
      </div>
      <div className="page-card-body">
        <div className="filter-bar" role="search" aria-label={t('accounts.filters')}>
          <Suspense fallback={null}>
            <AccountFilters params={params} set={set} setParams={setParams} filtered={filtered} />
          </Suspense>
        </div>
        {error && !shown ? (
          <ErrorState error={error} onRetry={() => void refetch()} />
        ) : (
          <>
            <ListTable<Row>
              caption={t('accounts.title')}
              columns={columns}
              rows={rows}
              rowKey={(r) => r.id}
              rowTestId="account-row"
              sort={sort}
              onSort={(s) => set('sort', `${s.key}:${s.dir}`)}
              busy={loading && !!shown}
              empty={
                loading ? (
                  <div data-testid="loading" style={{ padding: 24 }}>{t('common.loading')}</div>
                ) : (
                  <div className="list-empty">
                    <InboxOutlined aria-hidden />
                    <div>{filtered ? t('accounts.emptyFiltered') : t('accounts.empty')}</div>
                  </div>
                )
              }
            />
            <div className="pager">
              <Button icon={<LeftOutlined />} disabled={!(before ? shown?.accounts.pageInfo.hasPreviousPage : after)} onClick={() => page('prev')}>
                {t('common.prev')}
              </Button>
              <Button disabled={!(before ? true : shown?.accounts.pageInfo.hasNextPage)} onClick={() => page('next')}>
                {t('common.next')} <RightOutlined />
              </Button>
            </div>
          </>
        )}
      </div>
    </section>
  );
}
