import { lazy, Suspense, type ReactNode } from 'react';
import { Alert, Breadcrumb, Card, Col, Descriptions, Flex, List, Row, Skeleton, Space, Statistic, Tabs, Tag, Typography } from 'antd';
import { useQuery } from '@apollo/client/react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AccountHeaderDocument } from '../../gql/graphql';
import type { AccountHeaderQuery } from '../../gql/graphql';
import { ClassBadgeWithWhy } from '../../components/ClassExplanation';
import { ClassBadge } from '../../components/ClassBadge';
import { PlanStatusTag, RiskTag, StageTag } from '../../components/Tags';
import { fromNow, money, moneyExact, num } from '../../app/format';
import { normalizeLang } from '../../app/i18n';
import { ErrorState, isNotFound } from '../../app/errors';
import { NotFound } from '../NotFound';

// Each tab but the overview is its own chunk, loaded when opened: the
// header and overview (what a person sees first) do not wait for the plan
// editor's forms.
const PlanTab = lazy(async () => ({ default: (await import('./PlanTab')).PlanTab }));
const StakeholdersTab = lazy(async () => ({ default: (await import('./StakeholdersTab')).StakeholdersTab }));
const TouchpointsTab = lazy(async () => ({ default: (await import('./TouchpointsTab')).TouchpointsTab }));
const TeamTab = lazy(async () => ({ default: (await import('./TeamTab')).TeamTab }));
const ClassTab = lazy(async () => ({ default: (await import('./ClassTab')).ClassTab }));
const AlertsTab = lazy(async () => ({ default: (await import('./AlertsTab')).AlertsTab }));

function Lazy({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Skeleton active paragraph={{ rows: 6 }} />}>{children}</Suspense>;
}

/* GraphQL */ `
  query AccountHeader($id: ID!) {
    node(id: $id) {
      __typename
      ... on Account {
        id
        version
        code
        name
        nameEn
        kind
        currentClass
        lifecycleStage
        region
        province
        city
        industry
        archived
        receivablesMinor
        overdueReceivablesMinor
        creditLimitMinor
        paymentTermsDays
        owner { id name }
        category { id name nameEn }
        ancestors { id name nameEn code }
        children { id name nameEn code currentClass }
        rollup { revenueMinor openAlerts teamSize accounts }
        churnRisk {
          assessed
          level
          score
          summary
          summaryZh
          notAssessedReason
          notAssessedReasonZh
          signals { code label labelZh severity detail detailZh }
        }
        planHealth {
          planID
          planPeriod
          planStatus
          objectivesOnTrack
          objectivesTotal
          overdueActions
          lastTouchpointAt
          daysSinceLastTouchpoint
          contactCadenceDays
          contactOverdue
          missingTeamRoles
        }
      }
    }
  }
`;
const AccountHeader = AccountHeaderDocument;

export type HeaderAccount = Extract<NonNullable<AccountHeaderQuery['node']>, { __typename: 'Account' }>;

const TABS = ['overview', 'plan', 'stakeholders', 'touchpoints', 'team', 'class', 'alerts'] as const;

export function AccountPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = normalizeLang(i18n.language);
  const [params, setParams] = useSearchParams();
  const { data, loading, error, refetch } = useQuery(AccountHeader, { variables: { id } });
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? params.get('tab')! : 'overview';

  if (error && isNotFound(error)) return <NotFound what="account" />;
  if (error && !data) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (loading && !data) return <Skeleton active paragraph={{ rows: 10 }} data-testid="loading" />;
  const a = data?.node?.__typename === 'Account' ? data.node : null;
  // An account the viewer may not read is indistinguishable from one that
  // does not exist: row rules hide it, and so does the page.
  if (!a) return <NotFound what="account" />;
  const name = lang === 'en' && a.nameEn ? a.nameEn : a.name;

  return (
    <Flex vertical gap={16}>
      <Breadcrumb
        items={[
          { title: <Link to="/accounts">{t('accounts.title')}</Link> },
          ...a.ancestors.map((p) => ({ title: <Link to={`/accounts/${p.id}`}>{lang === 'en' && p.nameEn ? p.nameEn : p.name}</Link> })),
          { title: name },
        ]}
      />
      <Card>
        <Flex gap={16} align="center" wrap>
          <ClassBadgeWithWhy accountId={a.id} cls={a.currentClass} />
          <div style={{ flex: 1, minWidth: 240 }}>
            <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }} data-testid="account-name">
              {name}
            </Typography.Title>
            <Space size={8} wrap style={{ color: 'rgba(0,0,0,0.6)' }}>
              <span>{a.code}</span>
              <span>·</span>
              <span>{t(`kind.${a.kind}`)}</span>
              {a.region && <span>· {t(`region.${a.region}`, { defaultValue: a.region })}</span>}
              {a.category && <span>· {lang === 'en' && a.category.nameEn ? a.category.nameEn : a.category.name}</span>}
              {a.archived && <Tag>{t('account.archived')}</Tag>}
            </Space>
          </div>
          <Space size={24} wrap>
            <Statistic title={t('account.owner')} value={a.owner?.name ?? '—'} styles={{ content: { fontSize: 16 } }} />
            <div>
              <div className="stat-label">{t('account.stage')}</div>
              <StageTag stage={a.lifecycleStage} />
            </div>
            <div>
              <div className="stat-label">{t('account.risk')}</div>
              <RiskTag level={a.churnRisk.level} score={a.churnRisk.score} notAssessed={lang === 'en' ? a.churnRisk.notAssessedReason : a.churnRisk.notAssessedReasonZh} />
            </div>
            <div title={moneyExact(a.rollup.revenueMinor, lang)}>
              <div className="stat-label">{a.rollup.accounts > 1 ? t('account.revenueGroup') : t('account.revenue')}</div>
              <div style={{ fontSize: 16, fontWeight: 600 }}>{money(a.rollup.revenueMinor, lang)}</div>
            </div>
          </Space>
        </Flex>
      </Card>
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          onChange={(k) => {
            const next = new URLSearchParams(params);
            if (k === 'overview') next.delete('tab');
            else next.set('tab', k);
            setParams(next, { replace: true });
          }}
          destroyOnHidden
          items={[
            { key: 'overview', label: t('account.tabs.overview'), children: <Overview a={a} /> },
            { key: 'plan', label: t('account.tabs.plan'), children: <Lazy><PlanTab account={a} /></Lazy> },
            { key: 'stakeholders', label: t('account.tabs.stakeholders'), children: <Lazy><StakeholdersTab accountId={a.id} /></Lazy> },
            { key: 'touchpoints', label: t('account.tabs.touchpoints'), children: <Lazy><TouchpointsTab accountId={a.id} /></Lazy> },
            { key: 'team', label: t('account.tabs.team'), children: <Lazy><TeamTab accountId={a.id} missing={a.planHealth.missingTeamRoles} /></Lazy> },
            { key: 'class', label: t('account.tabs.class'), children: <Lazy><ClassTab account={a} /></Lazy> },
            {
              key: 'alerts',
              label: (
                <span>
                  {t('account.tabs.alerts')} {a.rollup.openAlerts > 0 && <Tag color="volcano">{a.rollup.openAlerts}</Tag>}
                </span>
              ),
              children: <Lazy><AlertsTab accountId={a.id} /></Lazy>,
            },
          ]}
        />
      </Card>
    </Flex>
  );
}

function Overview({ a }: { a: HeaderAccount }) {
  const { t, i18n } = useTranslation();
  const lang = normalizeLang(i18n.language);
  const ph = a.planHealth;
  return (
    <Flex vertical gap={16}>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('account.kpi.revenue')} value={money(a.rollup.revenueMinor, lang)} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('account.kpi.receivables')} value={money(a.receivablesMinor, lang)} />
            <Typography.Text type={a.overdueReceivablesMinor > 0 ? 'danger' : 'secondary'}>
              {t('account.kpi.overdue', { amount: money(a.overdueReceivablesMinor, lang) })}
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('account.kpi.openAlerts')} value={num(a.rollup.openAlerts, lang)} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('account.kpi.team')} value={num(a.rollup.teamSize, lang)} />
          </Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('account.planHealth')}>
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t('account.plan')}>
                <PlanStatusTag status={ph.planStatus} /> {ph.planPeriod}
              </Descriptions.Item>
              <Descriptions.Item label={t('account.objectivesOnTrack')}>
                {ph.objectivesOnTrack} / {ph.objectivesTotal}
              </Descriptions.Item>
              <Descriptions.Item label={t('account.overdueActions')}>
                <Typography.Text type={ph.overdueActions > 0 ? 'danger' : undefined}>{ph.overdueActions}</Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('account.lastTouch')}>
                <Typography.Text type={ph.contactOverdue ? 'danger' : undefined}>
                  {ph.lastTouchpointAt ? fromNow(ph.lastTouchpointAt) : t('accounts.never')}
                  {ph.contactCadenceDays ? ` · ${t('account.cadence', { days: ph.contactCadenceDays })}` : ''}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('account.coverageGaps')}>
                {ph.missingTeamRoles.length === 0 ? t('account.noGaps') : ph.missingTeamRoles.map((r) => <Tag key={r} color="orange">{t(`teamRole.${r}`)}</Tag>)}
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('account.churn')}>
            {a.churnRisk.assessed ? (
              <>
                <Typography.Paragraph>{lang === 'en' ? a.churnRisk.summary : a.churnRisk.summaryZh}</Typography.Paragraph>
                {a.churnRisk.signals.length === 0 ? (
                  <Alert type="success" title={t('account.noSignals')} />
                ) : (
                  <List
                    size="small"
                    dataSource={a.churnRisk.signals}
                    renderItem={(s) => (
                      <List.Item>
                        <List.Item.Meta title={lang === 'en' ? s.label : s.labelZh} description={lang === 'en' ? s.detail : s.detailZh} />
                      </List.Item>
                    )}
                  />
                )}
              </>
            ) : (
              <Typography.Text type="secondary">{lang === 'en' ? a.churnRisk.notAssessedReason : a.churnRisk.notAssessedReasonZh}</Typography.Text>
            )}
          </Card>
        </Col>
      </Row>
      {(a.children?.length ?? 0) > 0 && (
        <Card size="small" title={t('account.subsidiaries', { count: a.rollup.accounts - 1 })}>
          <List
            size="small"
            dataSource={a.children ?? []}
            renderItem={(c) => (
              <List.Item>
                <Space>
                  <ClassBadge cls={c.currentClass} />
                  <Link to={`/accounts/${c.id}`}>{lang === 'en' && c.nameEn ? c.nameEn : c.name}</Link>
                  <Typography.Text type="secondary">{c.code}</Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        </Card>
      )}
    </Flex>
  );
}
