import { useMemo, useState } from 'react';
import { Button, Card, Empty, Flex, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery } from '@apollo/client/react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { DecideTierEvaluationDocument, RunProposalsDocument, StartPartnerReevaluationDocument } from '../../gql/graphql';
import type { RunProposalsQuery, TierEvaluationWhereInput } from '../../gql/graphql';
import { dateTime } from '../../app/format';
import { normalizeLang } from '../../app/i18n';
import { ErrorState, useWriteFeedback } from '../../app/errors';
import { useMe } from '../../app/session';
import { TierTag } from './tiers';

/* GraphQL */ `
  query RunProposals($where: TierEvaluationWhereInput) {
    tierEvaluations(first: 200, where: $where, orderBy: { field: EVALUATED_AT, direction: DESC }) {
      totalCount
      edges {
        node {
          id status kind proposal runKey evaluatedAt reason
          partnerProfile { id account { name nameEn code region } tier { id code rank name nameEn } }
          previousTier { id code rank name nameEn }
          suggestedTier { id code rank name nameEn }
          decidedTier { id code rank name nameEn }
        }
      }
    }
  }
`;
/* GraphQL */ `
  mutation StartPartnerReevaluation($runKey: String) {
    startPartnerReevaluation(runKey: $runKey) { runKey enqueued }
  }
`;

type Proposal = NonNullable<NonNullable<NonNullable<RunProposalsQuery['tierEvaluations']['edges']>[number]>['node']>;

/**
 * Re-evaluation runs: the proposals of the periodic (or an on-demand) run,
 * to accept (decide the suggested tier) one by one or in bulk. The run key
 * and the status shown live in the URL.
 */
export function RunsPage() {
  const { t, i18n } = useTranslation();
  const lang = normalizeLang(i18n.language);
  const me = useMe();
  const feedback = useWriteFeedback();
  const [params, setParams] = useSearchParams();
  const run = params.get('run') ?? '';
  const status = params.get('status') ?? 'DRAFT';
  const where = useMemo<TierEvaluationWhereInput>(() => {
    const w: TierEvaluationWhereInput = { kindIn: ['REEVALUATION', 'PROBATION_END'] };
    if (run) w.runKey = run;
    if (status !== 'ALL') w.statusIn = [status as NonNullable<TierEvaluationWhereInput['statusIn']>[number]];
    return w;
  }, [run, status]);
  const { data, previousData, loading, error, refetch } = useQuery(RunProposalsDocument, { variables: { where } });
  const [start, starting] = useMutation(StartPartnerReevaluationDocument);
  const [decide] = useMutation(DecideTierEvaluationDocument);
  const [selected, setSelected] = useState<string[]>([]);
  const [acting, setActing] = useState<Proposal[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ reason: string; evidence?: string }>();
  const shown = data ?? previousData;
  const rows = (shown?.tierEvaluations.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  const runKeys = [...new Set(rows.map((r) => r.runKey).filter(Boolean) as string[])];
  const isAdmin = me.roles.includes('ADMIN');

  const set = (k: string, v: string | null | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next);
    setSelected([]);
  };

  const onStart = () => {
    let key = '';
    Modal.confirm({
      title: t('partners.runs.startTitle'),
      content: (
        <Input aria-label={t('partners.runs.runKey')} placeholder={t('partners.runs.runKeyHint')} onChange={(e) => (key = e.target.value)} />
      ),
      okText: t('partners.runs.start'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          const r = await start({ variables: { runKey: key.trim() || null } });
          const s = r.data?.startPartnerReevaluation;
          feedback.ok(s?.enqueued ? t('partners.runs.started', { key: s.runKey }) : t('partners.runs.alreadyQueued', { key: s?.runKey }));
          if (s) set('run', s.runKey);
        } catch (e) {
          feedback.fail(e);
        }
      },
    });
  };

  // Accepting a proposal decides its suggested tier; evidence is required
  // when the tier changes, so one reason and one evidence note cover a batch.
  const accept = async () => {
    const v = await form.validateFields();
    if (!acting) return;
    setBusy(true);
    let ok = 0;
    for (const p of acting) {
      try {
        await decide({ variables: { id: p.id, tierID: p.suggestedTier?.id ?? null, evidence: v.evidence?.trim() || null, reason: v.reason } });
        ok++;
      } catch (e) {
        feedback.fail(e);
        break;
      }
    }
    setBusy(false);
    setActing(null);
    setSelected([]);
    form.resetFields();
    if (ok) feedback.ok(t('partners.runs.accepted', { count: ok }));
    void refetch();
  };

  return (
    <Card
      title={
        <Flex align="baseline" gap={12}>
          <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
            {t('partners.runs.title')}
          </Typography.Title>
          <Link to="/partners">{t('partners.title')}</Link>
        </Flex>
      }
      extra={
        isAdmin && (
          <Button type="primary" loading={starting.loading} onClick={onStart} data-testid="start-run">
            {t('partners.runs.start')}
          </Button>
        )
      }
    >
      <Flex wrap gap={8} style={{ marginBottom: 16 }} role="search" aria-label={t('partners.filters')}>
        <Input.Search allowClear style={{ width: 220 }} placeholder={t('partners.runs.runKey')} aria-label={t('partners.runs.runKey')} defaultValue={run} onSearch={(v) => set('run', v.trim())} />
        <Select style={{ width: 160 }} aria-label={t('partners.ev.status')} value={status} onChange={(v) => set('status', v === 'DRAFT' ? null : v)}
          options={[{ value: 'DRAFT', label: t('partners.runs.open') }, { value: 'APPLIED', label: t('partners.status.APPLIED') }, { value: 'SUBMITTED', label: t('partners.status.SUBMITTED') }, { value: 'ALL', label: t('partners.runs.all') }]} />
        {runKeys.length > 0 && !run && (
          <Space wrap>
            {runKeys.slice(0, 6).map((k) => (
              <Tag key={k} style={{ cursor: 'pointer' }} onClick={() => set('run', k)}>
                {k}
              </Tag>
            ))}
          </Space>
        )}
        {status === 'DRAFT' && (
          <Button disabled={selected.length === 0} onClick={() => setActing(rows.filter((r) => selected.includes(r.id)))} data-testid="accept-selected">
            {t('partners.runs.acceptSelected', { count: selected.length })}
          </Button>
        )}
      </Flex>
      {error && !shown ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : (
        <Table<Proposal>
          rowKey="id"
          size="middle"
          loading={loading && !!shown ? { delay: 200 } : false}
          dataSource={rows}
          pagination={false}
          rowSelection={status === 'DRAFT' ? { selectedRowKeys: selected, onChange: (k) => setSelected(k as string[]), getCheckboxProps: (r) => ({ 'aria-label': r.partnerProfile.account.name }) } : undefined}
          locale={{ emptyText: loading ? <div style={{ padding: 24 }}>{t('common.loading')}</div> : <Empty description={t('partners.runs.empty')} /> }}
          columns={[
            {
              title: t('partners.col.name'),
              render: (_: unknown, r) => (
                <Link to={`/partners/${r.partnerProfile.id}`}>{lang === 'en' && r.partnerProfile.account.nameEn ? r.partnerProfile.account.nameEn : r.partnerProfile.account.name}</Link>
              ),
            },
            { title: t('partners.runs.runKey'), width: 170, dataIndex: 'runKey' },
            { title: t('partners.ev.kind'), width: 120, render: (_: unknown, r) => (r.proposal ? <Tag color={r.proposal === 'UPGRADE' ? 'green' : r.proposal === 'DOWNGRADE' ? 'red' : r.proposal === 'PROBATION' ? 'orange' : 'default'}>{t(`partners.proposal.${r.proposal}`)}</Tag> : '—') },
            { title: t('partners.runs.from'), width: 130, render: (_: unknown, r) => <TierTag tier={r.previousTier ?? r.partnerProfile.tier} lang={lang} /> },
            { title: t('partners.runs.to'), width: 130, render: (_: unknown, r) => <TierTag tier={r.decidedTier ?? r.suggestedTier} lang={lang} /> },
            { title: t('partners.ev.status'), width: 100, render: (_: unknown, r) => t(`partners.status.${r.status}`) },
            { title: t('partners.ev.when'), width: 160, render: (_: unknown, r) => dateTime(r.evaluatedAt, lang) },
            {
              title: t('partners.ev.actions'),
              width: 110,
              render: (_: unknown, r) =>
                r.status === 'DRAFT' ? (
                  <Button size="small" onClick={() => setActing([r])}>
                    {t('partners.runs.accept')}
                  </Button>
                ) : null,
            },
          ]}
        />
      )}
      <Modal open={!!acting} title={t('partners.runs.acceptTitle', { count: acting?.length ?? 0 })} onCancel={() => setActing(null)} onOk={() => void accept()} confirmLoading={busy} okText={t('partners.runs.accept')} cancelText={t('common.cancel')}>
        <Form form={form} layout="vertical">
          <Form.Item name="reason" label={t('partners.reason')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="evidence" label={t('partners.evidenceNotes')} extra={t('partners.evidenceHint')}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
