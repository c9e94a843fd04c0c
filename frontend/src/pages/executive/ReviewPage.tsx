import { useMemo, useState } from 'react';
import { Button, Card, Col, Descriptions, Empty, Flex, Input, Modal, Progress, Row, Segmented, Skeleton, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useMutation, useQuery } from '@apollo/client/react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ContestResultDocument, PublishCycleDocument, ReviewCycleDocument, ReviewResultsDocument, ApproveResultsDocument, RejectResultsDocument } from '../../gql/graphql';
import type { ReviewResultsQuery, ReviewResultWhereInput } from '../../gql/graphql';
import { ErrorState, useWriteFeedback } from '../../app/errors';
import { dateTime, num } from '../../app/format';
import { normalizeLang } from '../../app/i18n';
import { canEdit, useMe } from '../../app/session';
import { NotFound } from '../NotFound';
import { ClassBadge } from '../../components/ClassBadge';
import { ClassMoveView, MoveExplanation } from './MoveExplanation';
import { CYCLE_COLORS } from './ReviewsPage';
import { MoversMatrix } from './MoversMatrix';

/* GraphQL */ `
  query ReviewCycle($id: ID!) {
    node(id: $id) {
      ... on ReviewCycle {
        id name status scope periodStart periodEnd totalAccounts startedAt computedAt publishedAt
        modelVersion { id number model { id name nameEn } }
        progress {
          total done chunks chunksDone upgrades downgrades unchanged newlyClassified
          byClass { class count }
          byStatus { status count }
          movers { from to count }
        }
      }
    }
  }
`;
/* GraphQL */ `
  query ReviewResults($id: ID!, $where: ReviewResultWhereInput, $first: Int) {
    node(id: $id) {
      ... on ReviewCycle {
        id
        results(first: $first, where: $where) {
          totalCount
          edges { node { id accountID previousClass proposedClass finalClass levelLabel score status contestReason explanation account { id name nameEn } } }
        }
      }
    }
  }
`;
/* GraphQL */ `mutation ContestResult($id: ID!, $reason: String!) { contestReviewResult(id: $id, reason: $reason) { id status contestReason } }`;
/* GraphQL */ `mutation PublishCycle($id: ID!) { publishReviewCycle(id: $id) { id status } }`;

type Result = NonNullable<NonNullable<NonNullable<NonNullable<Extract<ReviewResultsQuery['node'], { results: unknown }>['results']['edges']>[number]>['node']>>;
type Tab = 'decide' | 'up' | 'down' | 'all';

const UP: ReviewResultWhereInput = {
  or: [
    { previousClass: 'A', proposedClassIn: ['S'] },
    { previousClass: 'B', proposedClassIn: ['S', 'A'] },
    { previousClass: 'C', proposedClassIn: ['S', 'A', 'B'] },
  ],
};
const DOWN: ReviewResultWhereInput = {
  or: [
    { previousClass: 'S', proposedClassIn: ['A', 'B', 'C'] },
    { previousClass: 'A', proposedClassIn: ['B', 'C'] },
    { previousClass: 'B', proposedClassIn: ['C'] },
  ],
};
const WHERE: Record<Tab, ReviewResultWhereInput | null> = { decide: { statusIn: ['PENDING_APPROVAL', 'CONTESTED'] }, up: UP, down: DOWN, all: null };
const LIVE = ['RUNNING', 'PUBLISHING', 'SCHEDULED'];

/**
 * One review cycle: live progress while it runs (polled), the class summary
 * and movers matrix, then its movers with explanations; owners contest,
 * executives approve or reject, an admin publishes — as the status allows.
 */
export function ReviewPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = normalizeLang(i18n.language);
  const me = useMe();
  const isExec = me.roles.includes('EXECUTIVE');
  const isAdmin = me.roles.includes('ADMIN');
  const [params, setParams] = useSearchParams();
  const tab = (params.get('tab') as Tab | null) ?? 'decide';
  const cycle = useQuery(ReviewCycleDocument, { variables: { id } });
  const c = cycle.data?.node && 'progress' in cycle.data.node ? cycle.data.node : null;
  const live = !!c && LIVE.includes(c.status);
  // Poll while the cycle's jobs run; stop once it waits for people.
  const pollInterval = live ? 2000 : 0;
  useQuery(ReviewCycleDocument, { variables: { id }, pollInterval, skip: !live, fetchPolicy: 'network-only' });
  const results = useQuery(ReviewResultsDocument, { variables: { id, where: WHERE[tab], first: 200 }, skip: !c || c.status === 'RUNNING' });
  const feedback = useWriteFeedback();
  const refetchQueries = ['ReviewCycle', 'ReviewResults', 'ApprovalsCount'];
  const [approve] = useMutation(ApproveResultsDocument, { refetchQueries });
  const [reject] = useMutation(RejectResultsDocument, { refetchQueries });
  const [contest] = useMutation(ContestResultDocument, { refetchQueries });
  const [publish, publishing] = useMutation(PublishCycleDocument, { refetchQueries: ['ReviewCycle'] });
  const [selected, setSelected] = useState<string[]>([]);
  const [dialog, setDialog] = useState<{ what: 'approve' | 'reject' | 'contest'; ids: string[] } | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);

  const rows = useMemo(() => {
    const r = results.data?.node && 'results' in results.data.node ? results.data.node.results : null;
    return (r?.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  }, [results.data]);
  const resultsTotal = results.data?.node && 'results' in results.data.node ? results.data.node.results.totalCount : 0;

  if (cycle.error && !c) return <ErrorState error={cycle.error} onRetry={() => void cycle.refetch()} />;
  if (cycle.loading && !c) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (!c) return <NotFound />;

  const inReview = c.status === 'IN_REVIEW';
  const awaiting = c.progress.byStatus.filter((s) => s.status === 'PENDING_APPROVAL' || s.status === 'CONTESTED').reduce((a, s) => a + s.count, 0);
  const pct = c.progress.total ? Math.floor((100 * c.progress.done) / c.progress.total) : 100;

  const act = async () => {
    if (!dialog) return;
    if (dialog.what !== 'approve' && !note.trim()) return;
    setBusy(true);
    try {
      if (dialog.what === 'approve') await approve({ variables: { ids: dialog.ids, note: note || null } });
      if (dialog.what === 'reject') await reject({ variables: { ids: dialog.ids, note } });
      if (dialog.what === 'contest') await contest({ variables: { id: dialog.ids[0], reason: note } });
      feedback.ok(t(`reviews.done.${dialog.what}`, { count: dialog.ids.length }));
      setDialog(null);
      setNote('');
      setSelected([]);
    } catch (e) {
      feedback.fail(e, () => void cycle.refetch());
    } finally {
      setBusy(false);
    }
  };

  const columns: TableProps<Result>['columns'] = [
    { title: t('approvals.col.account'), render: (_: unknown, r) => <Link to={`/accounts/${r.accountID}`}>{lang === 'en' && r.account.nameEn ? r.account.nameEn : r.account.name}</Link> },
    { title: t('reviews.col.move'), width: 170, render: (_: unknown, r) => <ClassMoveView from={r.previousClass} to={r.proposedClass} /> },
    { title: t('reviews.col.level'), dataIndex: 'levelLabel', width: 110 },
    { title: t('class.score'), dataIndex: 'score', width: 90, align: 'right', render: (s?: number | null) => num(s, lang, 2) },
    { title: t('reviews.col.status'), dataIndex: 'status', width: 140, render: (s: string, r) => <Tag title={r.contestReason ?? undefined}>{t(`reviews.result.${s}`)}</Tag> },
    {
      title: t('approvals.col.decide'),
      width: 220,
      render: (_: unknown, r) =>
        inReview && (
          <Space>
            {isExec && (r.status === 'PENDING_APPROVAL' || r.status === 'CONTESTED') && (
              <>
                <Button size="small" type="primary" onClick={() => setDialog({ what: 'approve', ids: [r.id] })}>
                  {t('approvals.approve')}
                </Button>
                <Button size="small" danger onClick={() => setDialog({ what: 'reject', ids: [r.id] })}>
                  {t('approvals.reject')}
                </Button>
              </>
            )}
            {canEdit(me) && (r.status === 'PROPOSED' || r.status === 'PENDING_APPROVAL') && (
              <Button size="small" onClick={() => setDialog({ what: 'contest', ids: [r.id] })}>
                {t('reviews.contest')}
              </Button>
            )}
          </Space>
        ),
    },
  ];
  const decidable = rows.filter((r) => r.status === 'PENDING_APPROVAL' || r.status === 'CONTESTED').map((r) => r.id);
  const bulkIds = selected.length ? selected : decidable;

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Space align="center">
          <Typography.Title level={2} style={{ margin: 0 }}>
            {c.name}
          </Typography.Title>
          <Tag color={CYCLE_COLORS[c.status]} data-testid="cycle-status">
            {t(`reviews.status.${c.status}`)}
          </Tag>
        </Space>
        {isAdmin && inReview && (
          <Button type="primary" disabled={awaiting > 0} title={awaiting > 0 ? t('reviews.publishBlocked', { count: awaiting }) : undefined} loading={publishing.loading} onClick={() => publish({ variables: { id } }).then(() => feedback.ok(t('reviews.publishing'))).catch((e) => feedback.fail(e))} data-testid="publish-cycle">
            {t('reviews.publish')}
          </Button>
        )}
      </Flex>
      <Descriptions size="small" column={4} bordered>
        <Descriptions.Item label={t('reviews.col.model')}>{`${lang === 'en' && c.modelVersion.model.nameEn ? c.modelVersion.model.nameEn : c.modelVersion.model.name} v${c.modelVersion.number}`}</Descriptions.Item>
        <Descriptions.Item label={t('reviews.col.scope')}>{t(`reviews.scope.${c.scope}`)}</Descriptions.Item>
        <Descriptions.Item label={t('reviews.startedAt')}>{dateTime(c.startedAt, lang)}</Descriptions.Item>
        <Descriptions.Item label={t('reviews.publishedAt')}>{dateTime(c.publishedAt, lang)}</Descriptions.Item>
      </Descriptions>
      <Card title={t('reviews.progress')} size="small">
        <Progress percent={pct} status={live ? 'active' : undefined} aria-label={t('reviews.progressOf', { done: c.progress.done, total: c.progress.total })} />
        <Typography.Text type="secondary">
          {t('reviews.progressOf', { done: num(c.progress.done, lang), total: num(c.progress.total, lang) })} · {t('reviews.chunks', { done: c.progress.chunksDone, total: c.progress.chunks })}
        </Typography.Text>
      </Card>
      <Row gutter={16}>
        <Col span={10}>
          <Card title={t('reviews.summary')} size="small" style={{ height: '100%' }}>
            <Flex gap={24} wrap>
              {c.progress.byClass.map((b) => (
                <Statistic key={b.class} title={<ClassBadge cls={b.class} />} value={b.count} />
              ))}
            </Flex>
            <Flex gap={24} wrap style={{ marginTop: 16 }}>
              <Statistic title={t('reviews.upgrades')} value={c.progress.upgrades} styles={{ content: { color: '#237804' } }} />
              <Statistic title={t('reviews.downgrades')} value={c.progress.downgrades} styles={{ content: { color: '#a8071a' } }} />
              <Statistic title={t('reviews.unchanged')} value={c.progress.unchanged} />
              <Statistic title={t('reviews.newly')} value={c.progress.newlyClassified} />
              <Statistic title={t('reviews.awaiting')} value={awaiting} />
            </Flex>
          </Card>
        </Col>
        <Col span={14}>
          <Card title={t('reviews.movers')} size="small" style={{ height: '100%' }}>
            <MoversMatrix movers={c.progress.movers} />
          </Card>
        </Col>
      </Row>
      {c.status !== 'RUNNING' && (
        <Card
          size="small"
          title={
            <Segmented
              aria-label={t('reviews.resultsFilter')}
              value={tab}
              onChange={(v) => {
                const next = new URLSearchParams(params);
                next.set('tab', String(v));
                setParams(next);
                setSelected([]);
              }}
              options={(['decide', 'up', 'down', 'all'] as Tab[]).map((k) => ({ value: k, label: t(`reviews.tab.${k}`) }))}
            />
          }
          extra={
            isExec &&
            inReview &&
            tab !== 'all' && (
              <Space>
                <Typography.Text type="secondary">{t('reviews.shown', { count: resultsTotal })}</Typography.Text>
                <Button type="primary" disabled={!bulkIds.length} onClick={() => setDialog({ what: 'approve', ids: bulkIds })} data-testid="bulk-approve">
                  {t('approvals.bulkApprove', { count: bulkIds.length })}
                </Button>
                <Button danger disabled={!bulkIds.length} onClick={() => setDialog({ what: 'reject', ids: bulkIds })}>
                  {t('approvals.bulkReject', { count: bulkIds.length })}
                </Button>
              </Space>
            )
          }
          styles={{ body: { padding: 0 } }}
        >
          {results.error ? (
            <ErrorState error={results.error} onRetry={() => void results.refetch()} />
          ) : (
            <Table<Result>
              rowKey="id"
              size="small"
              loading={results.loading}
              dataSource={rows}
              columns={columns}
              pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
              rowSelection={isExec && inReview ? { selectedRowKeys: selected, onChange: (k) => setSelected(k.map(String)), getCheckboxProps: (r) => ({ disabled: !(r.status === 'PENDING_APPROVAL' || r.status === 'CONTESTED') }) } : undefined}
              expandable={{ rowExpandable: (r) => !!r.explanation, expandedRowRender: (r) => <MoveExplanation explanation={r.explanation} /> }}
              locale={{ emptyText: <Empty description={t(`reviews.emptyTab.${tab}`)} /> }}
            />
          )}
        </Card>
      )}
      <Modal
        open={!!dialog}
        title={dialog ? t(`reviews.dialog.${dialog.what}`, { count: dialog.ids.length }) : ''}
        okText={dialog ? t(`reviews.ok.${dialog.what}`) : ''}
        cancelText={t('common.cancel')}
        okButtonProps={{ loading: busy, danger: dialog?.what === 'reject', disabled: dialog?.what !== 'approve' && !note.trim(), 'data-testid': 'decision-ok' } as never}
        onOk={() => void act()}
        onCancel={() => setDialog(null)}
        destroyOnHidden
      >
        <label htmlFor="review-note">{dialog?.what === 'approve' ? t('approvals.noteOptional') : dialog?.what === 'contest' ? t('reviews.contestReason') : t('approvals.noteRequired')}</label>
        <Input.TextArea id="review-note" rows={3} value={note} onChange={(e) => setNote(e.target.value)} data-testid="decision-note" />
      </Modal>
    </Flex>
  );
}
