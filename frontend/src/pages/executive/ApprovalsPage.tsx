import { useMemo, useState } from 'react';
import { Button, Card, Empty, Flex, Input, Modal, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useMutation, useQuery } from '@apollo/client/react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  ApprovalQueueDocument,
  ApproveOverrideDocument,
  ApprovePlanFromQueueDocument,
  ApproveResultsDocument,
  ApproveTierDocument,
  RejectOverrideDocument,
  RejectPlanFromQueueDocument,
  RejectResultsDocument,
  RejectTierDocument,
} from '../../gql/graphql';
import type { ApprovalKind, ApprovalQueueQuery } from '../../gql/graphql';
import { ErrorState, useWriteFeedback } from '../../app/errors';
import { dateTime } from '../../app/format';
import { normalizeLang } from '../../app/i18n';
import { ClassMoveView, MoveExplanation, direction } from './MoveExplanation';

/* GraphQL */ `
  query ApprovalQueue($kinds: [ApprovalKind!], $first: Int, $offset: Int) {
    approvals(kinds: $kinds, first: $first, offset: $offset) {
      totalCount
      byKind { kind count }
      items { kind id version accountID accountName accountClass requestedAt requestedByName from to reason explanation cycleID }
    }
  }
`;
/* GraphQL */ `mutation ApproveOverride($id: ID!, $note: String) { approveClassAssignment(id: $id, note: $note) { id approvalStatus } }`;
/* GraphQL */ `mutation RejectOverride($id: ID!, $note: String!) { rejectClassAssignment(id: $id, note: $note) { id approvalStatus } }`;
/* GraphQL */ `mutation ApprovePlanFromQueue($id: ID!, $version: Int!, $note: String) { approvePlan(id: $id, version: $version, note: $note) { id status version } }`;
/* GraphQL */ `mutation RejectPlanFromQueue($id: ID!, $version: Int!, $reason: String!) { rejectPlan(id: $id, version: $version, reason: $reason) { id status version } }`;
/* GraphQL */ `mutation ApproveResults($ids: [ID!]!, $note: String) { approveReviewResults(ids: $ids, note: $note) { id status } }`;
/* GraphQL */ `mutation RejectResults($ids: [ID!]!, $note: String!) { rejectReviewResults(ids: $ids, note: $note) { id status } }`;
/* GraphQL */ `mutation ApproveTier($id: ID!, $note: String) { approveTierEvaluation(id: $id, note: $note) { id } }`;
/* GraphQL */ `mutation RejectTier($id: ID!, $note: String!) { rejectTierEvaluation(id: $id, note: $note) { id } }`;

type Item = ApprovalQueueQuery['approvals']['items'][number];
const KINDS: ApprovalKind[] = ['CLASS_OVERRIDE', 'PLAN', 'REVIEW_RESULT', 'TIER_DECISION'];
const PAGE = 200;

interface Decision {
  approve: boolean;
  items: Item[];
}

/**
 * One queue of what awaits the viewer's decision, oldest first. The kind tab
 * and, for review results, the move filter live in the URL; a bulk decision
 * applies to every review result the filter shows.
 */
export function ApprovalsPage() {
  const { t, i18n } = useTranslation();
  const lang = normalizeLang(i18n.language);
  const [params, setParams] = useSearchParams();
  const kind = (params.get('kind') as ApprovalKind | null) ?? null;
  const move = params.get('move') ?? 'all';
  const { data, previousData, loading, error, refetch } = useQuery(ApprovalQueueDocument, {
    variables: { kinds: kind ? [kind] : null, first: PAGE, offset: 0 },
    fetchPolicy: 'cache-and-network',
  });
  const shown = data ?? previousData;
  const [decision, setDecision] = useState<Decision | null>(null);
  const [note, setNote] = useState('');
  const [selected, setSelected] = useState<string[]>([]);
  const feedback = useWriteFeedback();
  const refetchQueries = ['ApprovalQueue', 'ApprovalsCount'];
  const [approveOverride] = useMutation(ApproveOverrideDocument, { refetchQueries });
  const [rejectOverride] = useMutation(RejectOverrideDocument, { refetchQueries });
  const [approvePlan] = useMutation(ApprovePlanFromQueueDocument, { refetchQueries });
  const [rejectPlan] = useMutation(RejectPlanFromQueueDocument, { refetchQueries });
  const [approveResults] = useMutation(ApproveResultsDocument, { refetchQueries });
  const [rejectResults] = useMutation(RejectResultsDocument, { refetchQueries });
  const [approveTier] = useMutation(ApproveTierDocument, { refetchQueries });
  const [rejectTier] = useMutation(RejectTierDocument, { refetchQueries });
  const [busy, setBusy] = useState(false);

  const items = useMemo(() => {
    const all = shown?.approvals.items ?? [];
    if (kind !== 'REVIEW_RESULT' || move === 'all') return all;
    return all.filter((i) => {
      const sa = (c?: string | null) => c === 'S' || c === 'A';
      if (move === 'intoSA') return sa(i.to) && !sa(i.from);
      if (move === 'outOfSA') return sa(i.from) && !sa(i.to);
      return direction(i.from, i.to) === move;
    });
  }, [shown, kind, move]);

  const set = (k: string, v: string | null) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    if (k === 'kind') next.delete('move');
    setParams(next);
    setSelected([]);
  };

  const decide = async () => {
    if (!decision) return;
    const { approve, items: its } = decision;
    if (!approve && !note.trim()) return;
    setBusy(true);
    try {
      const results = its.filter((i) => i.kind === 'REVIEW_RESULT').map((i) => i.id);
      // Review results go in one all-or-nothing call of at most 1000 ids.
      for (let i = 0; i < results.length; i += 1000) {
        const ids = results.slice(i, i + 1000);
        if (approve) await approveResults({ variables: { ids, note: note || null } });
        else await rejectResults({ variables: { ids, note } });
      }
      for (const it of its) {
        if (it.kind === 'CLASS_OVERRIDE') {
          if (approve) await approveOverride({ variables: { id: it.id, note: note || null } });
          else await rejectOverride({ variables: { id: it.id, note } });
        } else if (it.kind === 'PLAN') {
          if (approve) await approvePlan({ variables: { id: it.id, version: it.version ?? 0, note: note || null } });
          else await rejectPlan({ variables: { id: it.id, version: it.version ?? 0, reason: note } });
        } else if (it.kind === 'TIER_DECISION') {
          if (approve) await approveTier({ variables: { id: it.id, note: note || null } });
          else await rejectTier({ variables: { id: it.id, note } });
        }
      }
      feedback.ok(t(approve ? 'approvals.approved' : 'approvals.rejected', { count: its.length }));
      setDecision(null);
      setNote('');
      setSelected([]);
    } catch (e) {
      feedback.fail(e, () => void refetch());
    } finally {
      setBusy(false);
    }
  };

  const counts = new Map((shown?.approvals.byKind ?? []).map((k) => [k.kind, k.count]));
  const total = [...counts.values()].reduce((a, b) => a + b, 0);

  const columns: TableProps<Item>['columns'] = [
    { title: t('approvals.col.kind'), dataIndex: 'kind', width: 120, render: (k: ApprovalKind) => <Tag color={k === 'REVIEW_RESULT' ? 'geekblue' : k === 'PLAN' ? 'cyan' : k === 'TIER_DECISION' ? 'gold' : 'magenta'}>{t(`approvals.kind.${k}`)}</Tag> },
    { title: t('approvals.col.account'), dataIndex: 'accountName', render: (n: string, i) => <Link to={`/accounts/${i.accountID}`}>{n}</Link> },
    {
      title: t('approvals.col.change'),
      width: 170,
      render: (_: unknown, i) =>
        i.kind === 'CLASS_OVERRIDE' || i.kind === 'REVIEW_RESULT' ? (
          <ClassMoveView from={i.from} to={i.to} />
        ) : i.kind === 'TIER_DECISION' ? (
          <span>
            {i.from ?? t('approvals.noTier')} → {i.to ?? t('approvals.noTier')}
          </span>
        ) : (
          <span>{i.to}</span>
        ),
    },
    { title: t('approvals.col.reason'), dataIndex: 'reason', ellipsis: true, render: (r?: string | null) => r || <Typography.Text type="secondary">—</Typography.Text> },
    { title: t('approvals.col.requested'), width: 190, render: (_: unknown, i) => <span>{i.requestedByName ?? t('approvals.byModel')}<br /><Typography.Text type="secondary" style={{ fontSize: 12 }}>{dateTime(i.requestedAt, lang)}</Typography.Text></span> },
    {
      title: t('approvals.col.decide'),
      width: 190,
      render: (_: unknown, i) => (
        <Space>
          <Button size="small" type="primary" onClick={() => setDecision({ approve: true, items: [i] })} data-testid="approve">
            {t('approvals.approve')}
          </Button>
          <Button size="small" danger onClick={() => setDecision({ approve: false, items: [i] })} data-testid="reject">
            {t('approvals.reject')}
          </Button>
        </Space>
      ),
    },
  ];

  const bulkTargets = selected.length ? items.filter((i) => selected.includes(i.id)) : items;

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t('approvals.title')}
        </Typography.Title>
        <Segmented
          aria-label={t('approvals.filterKind')}
          value={kind ?? 'ALL'}
          onChange={(v) => set('kind', v === 'ALL' ? null : String(v))}
          options={[
            { value: 'ALL', label: `${t('approvals.all')} (${total})` },
            ...KINDS.map((k) => ({ value: k, label: `${t(`approvals.kind.${k}`)} (${counts.get(k) ?? 0})` })),
          ]}
        />
      </Flex>
      {kind === 'REVIEW_RESULT' && (
        <Card size="small">
          <Flex gap={12} align="center" wrap>
            <label htmlFor="approvals-move">{t('approvals.moveFilter')}</label>
            <Select
              id="approvals-move"
              style={{ width: 220 }}
              value={move}
              onChange={(v) => set('move', v === 'all' ? null : v)}
              options={['all', 'intoSA', 'outOfSA', 'up', 'down'].map((m) => ({ value: m, label: t(`approvals.move.${m}`) }))}
            />
            <Typography.Text type="secondary">{t('approvals.bulkHint', { count: bulkTargets.length })}</Typography.Text>
            <Button type="primary" disabled={!bulkTargets.length} onClick={() => setDecision({ approve: true, items: bulkTargets })} data-testid="bulk-approve">
              {t('approvals.bulkApprove', { count: bulkTargets.length })}
            </Button>
            <Button danger disabled={!bulkTargets.length} onClick={() => setDecision({ approve: false, items: bulkTargets })} data-testid="bulk-reject">
              {t('approvals.bulkReject', { count: bulkTargets.length })}
            </Button>
          </Flex>
        </Card>
      )}
      {error && !shown ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <Table<Item>
            rowKey="id"
            loading={loading && !shown}
            dataSource={items}
            columns={columns}
            pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
            rowSelection={kind === 'REVIEW_RESULT' ? { selectedRowKeys: selected, onChange: (k) => setSelected(k.map(String)) } : undefined}
            expandable={{
              rowExpandable: (i) => !!i.explanation,
              expandedRowRender: (i) => <MoveExplanation explanation={i.explanation} />,
            }}
            locale={{ emptyText: <Empty description={t('approvals.empty')} /> }}
          />
        </Card>
      )}
      <Modal
        open={!!decision}
        title={decision ? t(decision.approve ? 'approvals.approveTitle' : 'approvals.rejectTitle', { count: decision.items.length }) : ''}
        okText={decision?.approve ? t('approvals.approve') : t('approvals.reject')}
        okButtonProps={{ danger: !decision?.approve, loading: busy, disabled: !decision?.approve && !note.trim(), 'data-testid': 'decision-ok' } as never}
        cancelText={t('common.cancel')}
        onOk={() => void decide()}
        onCancel={() => setDecision(null)}
        destroyOnHidden
      >
        {decision?.items.length === 1 && (
          <Typography.Paragraph>
            {decision.items[0].accountName} · {t(`approvals.kind.${decision.items[0].kind}`)}
          </Typography.Paragraph>
        )}
        <label htmlFor="decision-note">{decision?.approve ? t('approvals.noteOptional') : t('approvals.noteRequired')}</label>
        <Input.TextArea id="decision-note" rows={3} value={note} onChange={(e) => setNote(e.target.value)} data-testid="decision-note" />
      </Modal>
    </Flex>
  );
}
