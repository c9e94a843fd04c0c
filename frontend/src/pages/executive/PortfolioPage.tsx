import { useMemo } from 'react';
import { Button, Card, Col, Empty, Flex, Row, Select, Skeleton, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import { useQuery } from '@apollo/client/react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { EChartsCoreOption } from 'echarts/core';
import { PortfolioDocument } from '../../gql/graphql';
import type { AccountKind, PortfolioQuery } from '../../gql/graphql';
import { ErrorState } from '../../app/errors';
import { day, money, moneyExact, num } from '../../app/format';
import { normalizeLang } from '../../app/i18n';
import { RiskTag } from '../../components/Tags';
import { ClassBadge } from '../../components/ClassBadge';
import { EChart } from './EChart';

/* GraphQL */ `
  query Portfolio($filter: PortfolioFilter) {
    approvalsCount
    portfolio(filter: $filter) {
      asOf
      pyramid {
        accounts revenueMinor marginMinor
        classes { class accounts accountShare revenueMinor revenueShare marginMinor marginShare }
      }
      migration {
        from { date cycle { id name } }
        to { date cycle { id name } }
        cells { from to accounts revenueMinor accountsWhere }
        upgrades downgrades unchanged
      }
      concentration(lorenzPoints: 20) {
        accounts revenueMinor hhi
        top { percent accounts revenueMinor share }
        lorenz { accountShare revenueShare }
      }
      atRisk(first: 8) {
        alerts accounts revenueAtStakeMinor accountsWhere
        bySeverity { severity alerts accounts revenueMinor }
        items { alertID accountID accountName class severity status overdue revenueMinor }
      }
      coverage {
        total { accounts withoutApprovedPlan missingTeamRoles contactOverdue withOverdueActions needsAttention withoutApprovedPlanWhere withOverdueActionsWhere }
        classes { class accounts withoutApprovedPlan missingTeamRoles contactOverdue withOverdueActions needsAttention withoutApprovedPlanWhere withOverdueActionsWhere }
      }
      trend(cycles: 6) { periodStart cycle { id name } counts { class accounts } }
    }
  }
`;

type P = PortfolioQuery['portfolio'];
const CLASSES = ['S', 'A', 'B', 'C', 'UNCLASSIFIED'] as const;
const COLORS: Record<string, string> = { S: '#cf1322', A: '#d46b08', B: '#1677ff', C: '#8c8c8c', UNCLASSIFIED: '#d9d9d9' };
const KINDS: AccountKind[] = ['END_CUSTOMER', 'B2B', 'DISTRIBUTOR', 'INTERNAL'];
const REGIONS = ['EAST', 'NORTH', 'SOUTH', 'CENTRAL', 'WEST', 'NORTHEAST'];

/**
 * The executive console: how the S/A portfolio is doing, what moved, what is
 * at risk and what waits for a decision. Filters (kind, region) live in the
 * URL; every chart and figure drills down into /accounts with the same
 * filters, so the list shows the accounts behind the number.
 */
export function PortfolioPage() {
  const { t, i18n } = useTranslation();
  const lang = normalizeLang(i18n.language);
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const kinds = (params.get('kind') ?? '').split(',').filter(Boolean) as AccountKind[];
  const regions = (params.get('region') ?? '').split(',').filter(Boolean);
  const kindParam = params.get('kind') ?? '';
  const regionParam = params.get('region') ?? '';
  const filter = useMemo(
    () => ({ kinds: kindParam ? (kindParam.split(',') as AccountKind[]) : null, regions: regionParam ? regionParam.split(',') : null }),
    [kindParam, regionParam],
  );
  const { data, previousData, loading, error, refetch } = useQuery(PortfolioDocument, { variables: { filter } });
  const shown = data ?? previousData;
  const p = shown?.portfolio;

  const set = (k: string, v: string[]) => {
    const next = new URLSearchParams(params);
    if (v.length) next.set(k, v.join(','));
    else next.delete(k);
    setParams(next);
  };
  // The accounts list with the portfolio's filters plus the figure's own.
  const drill = (extra: Record<string, string>) => {
    const q = new URLSearchParams();
    if (kinds.length) q.set('kind', kinds.join(','));
    if (regions.length) q.set('region', regions.join(','));
    for (const [k, v] of Object.entries(extra)) q.set(k, v);
    void navigate(`/accounts?${q.toString()}`);
  };
  const drillWhere = (where: unknown) => drill({ where: JSON.stringify(where) });
  const clsParam = (c: string) => (c === 'UNCLASSIFIED' ? 'none' : c);
  const clsName = (c: string) => (c === 'UNCLASSIFIED' ? t('class.unclassified') : c);

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <div>
          <Typography.Title level={2} style={{ margin: 0 }}>
            {t('portfolio.title')}
          </Typography.Title>
          {p && <Typography.Text type="secondary">{t('portfolio.period', { day: day(p.asOf, lang) })}</Typography.Text>}
        </div>
        <Flex gap={8} align="center">
          <Select mode="multiple" allowClear aria-label={t('accounts.kind')} placeholder={t('accounts.kind')} style={{ minWidth: 180 }} value={kinds} onChange={(v) => set('kind', v)} options={KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))} />
          <Select mode="multiple" allowClear aria-label={t('accounts.region')} placeholder={t('accounts.region')} style={{ minWidth: 180 }} value={regions} onChange={(v) => set('region', v)} options={REGIONS.map((r) => ({ value: r, label: t(`region.${r}`) }))} />
        </Flex>
      </Flex>
      {error && !p ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : !p || (loading && !shown) ? (
        <Skeleton active paragraph={{ rows: 12 }} />
      ) : p.pyramid.accounts === 0 ? (
        <Card>
          <Empty description={t('portfolio.empty')} />
        </Card>
      ) : (
        <>
          <Kpis p={p} approvals={shown?.approvalsCount ?? 0} lang={lang} drill={drill} drillWhere={drillWhere} />
          <Row gutter={[16, 16]}>
            <Col span={12}>
              <Card title={t('portfolio.pyramid.title')} size="small" extra={<Typography.Text type="secondary">{t('portfolio.pyramid.legend')} · {t('portfolio.clickHint')}</Typography.Text>}>
                <EChart
                  lang={lang}
                  label={t('portfolio.pyramid.title')}
                  onClick={(e) => drill({ class: clsParam(CLASSES[e.dataIndex]) })}
                  option={pyramidOption(p, lang, t, clsName)}
                />
                <div data-testid="pyramid-counts" style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
                  {p.pyramid.classes.map((c) => (
                    <Link key={c.class} to={`/accounts?${new URLSearchParams({ ...(kinds.length ? { kind: kinds.join(',') } : {}), ...(regions.length ? { region: regions.join(',') } : {}), class: clsParam(c.class) }).toString()}`} data-testid={`pyramid-${c.class}`}>
                      <ClassBadge cls={c.class === 'UNCLASSIFIED' ? null : c.class} /> {num(c.accounts, lang)}
                    </Link>
                  ))}
                </div>
              </Card>
            </Col>
            <Col span={12}>
              <Card title={t('portfolio.migration.title')} size="small" extra={<MigrationRange p={p} lang={lang} />}>
                {p.migration.from ? (
                  <>
                    <EChart
                      lang={lang}
                      label={t('portfolio.migration.title')}
                      onClick={(e) => {
                        const [x, y] = e.value as [number, number];
                        const cell = p.migration.cells.find((c) => c.from === CLASSES[y] && c.to === CLASSES[x]);
                        if (cell?.accountsWhere) drillWhere(cell.accountsWhere);
                      }}
                      option={migrationOption(p, t, clsName)}
                    />
                    <Typography.Text type="secondary">{t('portfolio.migration.summary', { up: p.migration.upgrades, down: p.migration.downgrades, same: p.migration.unchanged })}</Typography.Text>
                  </>
                ) : (
                  <Empty description={t('portfolio.migration.none')} />
                )}
              </Card>
            </Col>
            <Col span={12}>
              <Card title={t('portfolio.concentration.title')} size="small" extra={<Tooltip title={t('portfolio.concentration.hhiHint')}><span>HHI {num(p.concentration.hhi, lang, 0)}</span></Tooltip>}>
                {p.concentration.accounts === 0 ? (
                  <Empty description={t('portfolio.concentration.none')} />
                ) : (
                  <Row gutter={12}>
                    <Col span={15}>
                      <EChart lang={lang} label={t('portfolio.concentration.title')} onClick={() => drill({})} option={lorenzOption(p, t)} />
                    </Col>
                    <Col span={9}>
                      <Table
                        size="small"
                        pagination={false}
                        rowKey="percent"
                        dataSource={p.concentration.top}
                        columns={[
                          { title: t('portfolio.concentration.top'), dataIndex: 'percent', render: (v: number, r) => t('portfolio.concentration.topN', { n: v, count: r.accounts }) },
                          { title: t('portfolio.concentration.share'), dataIndex: 'share', align: 'right', render: (v: number) => num(v * 100, lang, 1) + '%' },
                        ]}
                      />
                    </Col>
                  </Row>
                )}
              </Card>
            </Col>
            <Col span={12}>
              <Card title={t('portfolio.trend.title')} size="small">
                {p.trend.length === 0 ? (
                  <Empty description={t('portfolio.trend.none')} />
                ) : (
                  <EChart
                    lang={lang}
                    label={t('portfolio.trend.title')}
                    onClick={(e) => e.seriesName && drill({ class: clsParam(CLASSES.find((c) => clsName(c) === e.seriesName) ?? 'S') })}
                    option={trendOption(p, lang, clsName)}
                  />
                )}
              </Card>
            </Col>
            <Col span={12}>
              <AtRisk p={p} lang={lang} drillWhere={drillWhere} />
            </Col>
            <Col span={12}>
              <Coverage p={p} lang={lang} drillWhere={drillWhere} />
            </Col>
          </Row>
        </>
      )}
    </Flex>
  );
}

type T = (k: string, o?: Record<string, unknown>) => string;

function Kpis({ p, approvals, lang, drill, drillWhere }: { p: P; approvals: number; lang: ReturnType<typeof normalizeLang>; drill: (e: Record<string, string>) => void; drillWhere: (w: unknown) => void }) {
  const { t } = useTranslation();
  const sa = p.pyramid.classes.filter((c) => c.class === 'S' || c.class === 'A');
  const saAccounts = sa.reduce((a, c) => a + c.accounts, 0);
  const saRevenue = sa.reduce((a, c) => a + c.revenueMinor, 0);
  const saShare = sa.reduce((a, c) => a + c.revenueShare, 0);
  const top20 = p.concentration.top.find((x) => x.percent === 20);
  const card = (title: string, value: React.ReactNode, sub: React.ReactNode, onClick?: () => void, testid?: string) => (
    <Col span={4}>
      <Card size="small" hoverable={!!onClick} onClick={onClick} data-testid={testid} style={{ height: '100%' }}>
        <Statistic title={title} value={value as string} />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {sub}
        </Typography.Text>
      </Card>
    </Col>
  );
  return (
    <Row gutter={16}>
      {card(t('portfolio.kpi.accounts'), num(p.pyramid.accounts, lang), t('portfolio.kpi.revenue', { v: money(p.pyramid.revenueMinor, lang) }), () => drill({}), 'kpi-accounts')}
      {card(t('portfolio.kpi.sa'), num(saAccounts, lang), t('portfolio.kpi.saRevenue', { v: money(saRevenue, lang), share: num(saShare * 100, lang, 1) }), () => drill({ class: 'S,A' }), 'kpi-sa')}
      {card(t('portfolio.kpi.atRisk'), money(p.atRisk.revenueAtStakeMinor, lang), t('portfolio.kpi.atRiskSub', { accounts: p.atRisk.accounts, alerts: p.atRisk.alerts }), () => drillWhere(p.atRisk.accountsWhere), 'kpi-risk')}
      {card(t('portfolio.kpi.attention'), num(p.coverage.total.needsAttention, lang), t('portfolio.kpi.attentionSub', { n: p.coverage.total.accounts }), undefined, 'kpi-attention')}
      {card(t('portfolio.kpi.top20'), top20 ? num(top20.share * 100, lang, 1) + '%' : '—', t('portfolio.kpi.hhi', { v: num(p.concentration.hhi, lang, 0) }), undefined, 'kpi-top20')}
      <Col span={4}>
        <Link to="/approvals" data-testid="kpi-approvals">
          <Card size="small" hoverable style={{ height: '100%' }}>
            <Statistic title={t('portfolio.kpi.approvals')} value={approvals} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('portfolio.kpi.approvalsSub')}
            </Typography.Text>
          </Card>
        </Link>
      </Col>
    </Row>
  );
}

function MigrationRange({ p, lang }: { p: P; lang: ReturnType<typeof normalizeLang> }) {
  const m = p.migration;
  if (!m.from || !m.to) return null;
  const name = (x: NonNullable<typeof m.from>) => x.cycle?.name ?? day(x.date, lang);
  return (
    <Typography.Text type="secondary">
      {name(m.from)} → {name(m.to)}
    </Typography.Text>
  );
}

function AtRisk({ p, lang, drillWhere }: { p: P; lang: ReturnType<typeof normalizeLang>; drillWhere: (w: unknown) => void }) {
  const { t } = useTranslation();
  const r = p.atRisk;
  return (
    <Card
      title={t('portfolio.risk.title')}
      size="small"
      extra={
        <Button type="link" size="small" onClick={() => drillWhere(r.accountsWhere)} data-testid="risk-drill">
          {t('portfolio.risk.all', { count: r.accounts })}
        </Button>
      }
    >
      <Flex gap={8} wrap style={{ marginBottom: 8 }}>
        {r.bySeverity.map((s) => (
          <Tag key={s.severity}>
            {t(`risk.level.${s.severity}`)}: {s.alerts} · {money(s.revenueMinor, lang)}
          </Tag>
        ))}
      </Flex>
      <Table
        size="small"
        pagination={false}
        rowKey="alertID"
        dataSource={r.items}
        locale={{ emptyText: <Empty description={t('portfolio.risk.none')} /> }}
        columns={[
          { title: t('approvals.col.account'), dataIndex: 'accountName', render: (n: string, i) => <Link to={`/accounts/${i.accountID}?tab=alerts`}>{n}</Link> },
          { title: t('accounts.col.class'), dataIndex: 'class', width: 70, render: (c: string) => <ClassBadge cls={c} /> },
          { title: t('accounts.col.risk'), dataIndex: 'severity', width: 110, render: (s: string, i) => <span>{<RiskTag level={s} score={null} />}{i.overdue && <Tag color="red">{t('portfolio.risk.overdue')}</Tag>}</span> },
          { title: t('portfolio.risk.revenue'), dataIndex: 'revenueMinor', align: 'right', width: 120, render: (v: number) => <span title={moneyExact(v, lang)}>{money(v, lang)}</span> },
        ]}
      />
    </Card>
  );
}

function Coverage({ p, lang, drillWhere }: { p: P; lang: ReturnType<typeof normalizeLang>; drillWhere: (w: unknown) => void }) {
  const { t } = useTranslation();
  const rows = [...p.coverage.classes, { ...p.coverage.total, class: null }];
  const link = (n: number, where: unknown, id: string) =>
    n === 0 ? (
      <span>0</span>
    ) : (
      <Button type="link" size="small" style={{ padding: 0, height: 'auto' }} onClick={() => drillWhere(where)} data-testid={id}>
        {num(n, lang)}
      </Button>
    );
  return (
    <Card title={t('portfolio.coverage.title')} size="small">
      <Table
        size="small"
        pagination={false}
        rowKey={(r) => r.class ?? 'total'}
        dataSource={rows}
        columns={[
          { title: t('accounts.col.class'), dataIndex: 'class', render: (c: string | null) => (c ? <ClassBadge cls={c} /> : <strong>{t('portfolio.coverage.total')}</strong>) },
          { title: t('portfolio.coverage.accounts'), dataIndex: 'accounts', align: 'right' },
          { title: t('portfolio.coverage.noPlan'), dataIndex: 'withoutApprovedPlan', align: 'right', render: (n: number, r) => link(n, r.withoutApprovedPlanWhere, `cov-noplan-${r.class ?? 'total'}`) },
          { title: t('portfolio.coverage.roles'), dataIndex: 'missingTeamRoles', align: 'right' },
          { title: t('portfolio.coverage.contact'), dataIndex: 'contactOverdue', align: 'right' },
          { title: t('portfolio.coverage.actions'), dataIndex: 'withOverdueActions', align: 'right', render: (n: number, r) => link(n, r.withOverdueActionsWhere, `cov-actions-${r.class ?? 'total'}`) },
          { title: t('portfolio.coverage.attention'), dataIndex: 'needsAttention', align: 'right' },
        ]}
      />
    </Card>
  );
}

function pyramidOption(p: P, lang: ReturnType<typeof normalizeLang>, t: T, clsName: (c: string) => string): EChartsCoreOption {
  const cls = [...p.pyramid.classes];
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    // The bars carry the class colours: solid is the share of accounts, pale
    // the share of revenue (the card's caption says so), so no legend.
    grid: { left: 90, right: 24, top: 10, bottom: 24 },
    yAxis: { type: 'category', inverse: true, data: cls.map((c) => clsName(c.class)) },
    xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      {
        name: t('portfolio.pyramid.accounts'),
        type: 'bar',
        data: cls.map((c) => ({ value: +(c.accountShare * 100).toFixed(1), itemStyle: { color: COLORS[c.class] }, count: c.accounts })),
        label: { show: true, position: 'right', formatter: (x: { data: { count: number } }) => num(x.data.count, lang) },
      },
      {
        name: t('portfolio.pyramid.revenue'),
        type: 'bar',
        data: cls.map((c) => ({ value: +(c.revenueShare * 100).toFixed(1), itemStyle: { color: COLORS[c.class], opacity: 0.45 }, rev: c.revenueMinor })),
        label: { show: true, position: 'right', formatter: (x: { data: { rev: number } }) => money(x.data.rev, lang) },
      },
    ],
  };
}

function migrationOption(p: P, t: T, clsName: (c: string) => string): EChartsCoreOption {
  const names = CLASSES.map(clsName);
  const data = p.migration.cells.map((c) => [CLASSES.indexOf(c.to as never), CLASSES.indexOf(c.from as never), c.accounts]);
  const max = Math.max(1, ...p.migration.cells.filter((c) => c.from !== c.to).map((c) => c.accounts));
  return {
    tooltip: { formatter: (x: { value: [number, number, number] }) => `${names[x.value[1]]} → ${names[x.value[0]]}: ${x.value[2]}` },
    grid: { left: 90, right: 16, top: 24, bottom: 60 },
    xAxis: { type: 'category', data: names, name: t('portfolio.migration.to'), nameLocation: 'middle', nameGap: 28, splitArea: { show: true } },
    yAxis: { type: 'category', data: names, inverse: true, name: t('portfolio.migration.from'), splitArea: { show: true } },
    visualMap: { min: 0, max, show: false, inRange: { color: ['#e6f4ff', '#1677ff'] } },
    series: [{ type: 'heatmap', data, label: { show: true } }],
  };
}

function lorenzOption(p: P, t: T): EChartsCoreOption {
  const pts = p.concentration.lorenz.map((l) => [+(l.accountShare * 100).toFixed(1), +(l.revenueShare * 100).toFixed(1)]);
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 48, right: 16, top: 16, bottom: 44 },
    xAxis: { type: 'value', min: 0, max: 100, name: t('portfolio.concentration.accountsAxis'), nameLocation: 'middle', nameGap: 26, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      { name: t('portfolio.concentration.lorenz'), type: 'line', data: pts, showSymbol: false, areaStyle: { opacity: 0.15 } },
      { name: t('portfolio.concentration.equality'), type: 'line', data: [[0, 0], [100, 100]], showSymbol: false, lineStyle: { type: 'dashed', color: '#8c8c8c' } },
    ],
  };
}

function trendOption(p: P, lang: ReturnType<typeof normalizeLang>, clsName: (c: string) => string): EChartsCoreOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 48, right: 16, top: 16, bottom: 48 },
    xAxis: { type: 'category', data: p.trend.map((x) => x.cycle.name || day(x.periodStart, lang)) },
    yAxis: { type: 'value' },
    series: CLASSES.map((c) => ({
      name: clsName(c),
      type: 'bar',
      stack: 'classes',
      itemStyle: { color: COLORS[c] },
      data: p.trend.map((x) => x.counts.find((k) => k.class === c)?.accounts ?? 0),
    })),
  };
}
