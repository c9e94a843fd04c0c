import { useState } from 'react';
import { Alert, Breadcrumb, Button, Card, Col, Descriptions, Empty, Flex, Form, Input, List, Modal, Progress, Row, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery } from '@apollo/client/react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApproveTierEvaluationDocument, DecideTierEvaluationDocument, EvaluatePartnerDocument, PartnerPageDocument, RejectTierEvaluationDocument } from '../../gql/graphql';
import type { PartnerPageQuery } from '../../gql/graphql';
import { dateTime, day, money, moneyExact, num } from '../../app/format';
import { normalizeLang } from '../../app/i18n';
import { ErrorState, isNotFound, useWriteFeedback } from '../../app/errors';
import { InlineError } from '../../app/InlineError';
import { isExecutive, useMe } from '../../app/session';
import { PartnerNotFound } from './PartnerNotFound';
import { benefitText, criterionValue, StandingTag, TierTag, tierName } from './tiers';

/* GraphQL */ `
  query PartnerPage($id: ID!) {
    node(id: $id) {
      __typename
      ... on PartnerProfile {
        id
        channelType
        registeredCapitalMinor
        annualPerformanceMinor
        certifiedStaff
        totalStaff
        salesStaff
        territory
        regionsCovered
        tierSince
        account { id code name nameEn region }
        partnerManager { id name }
        parent { id account { name nameEn } }
        customValues { code value }
        rolledUpPerformance
        tier { id code rank name nameEn }
        tierProgress {
          standing
          proposal
          onProbation
          probationUntil
          probationDaysLeft
          currentTier { id code rank name nameEn benefits { id kind value description } }
          supportedTier { id code rank name nameEn }
          nextTier { id code rank name nameEn benefits { id kind value description } }
          gaps { criterion text textEn }
          gapsToCurrent { criterion text textEn }
          tiers { tier { id code rank name nameEn benefits { id kind value description } } passed criteria { criterion customCode label labelEn minimum value missing passed gap evidenceRequired } }
        }
        evaluations(first: 50, orderBy: { field: EVALUATED_AT, direction: DESC }) {
          edges {
            node {
              id status kind proposal runKey evaluatedAt decidedAt appliedAt evidence reason requiresExecutiveApproval
              previousTier { id code rank name nameEn }
              suggestedTier { id code rank name nameEn }
              decidedTier { id code rank name nameEn }
              evaluatedBy { id name }
              decidedBy { id name }
              approvedBy { id name }
            }
          }
        }
      }
    }
    partnerTiers { id code rank name nameEn }
  }
`;

/* GraphQL */ `
  mutation EvaluatePartner($id: ID!) {
    evaluatePartner(partnerID: $id) { id status proposal suggestedTier { id } }
  }
`;
/* GraphQL */ `
  mutation DecideTierEvaluation($id: ID!, $tierID: ID, $evidence: String, $reason: String!) {
    decideTierEvaluation(id: $id, tierID: $tierID, evidence: $evidence, reason: $reason) { id status requiresExecutiveApproval }
  }
`;
/* GraphQL */ `
  mutation ApproveTierEvaluation($id: ID!, $note: String) {
    approveTierEvaluation(id: $id, note: $note) { id status }
  }
`;
/* GraphQL */ `
  mutation RejectTierEvaluation($id: ID!, $note: String!) {
    rejectTierEvaluation(id: $id, note: $note) { id status }
  }
`;

type Partner = Extract<NonNullable<PartnerPageQuery['node']>, { __typename: 'PartnerProfile' }>;
type Evaluation = NonNullable<NonNullable<NonNullable<Partner['evaluations']['edges']>[number]>['node']>;

const STATUS_COLOURS: Record<string, string> = { DRAFT: 'default', SUBMITTED: 'gold', APPROVED: 'green', APPLIED: 'green', REJECTED: 'red' };

/** Evidence is kept as notes then one link a line; links are shown as links. */
function Evidence({ text }: { text?: string | null }) {
  if (!text) return null;
  return (
    <div style={{ whiteSpace: 'pre-wrap' }} data-testid="evidence">
      {text.split('\n').map((line, i) =>
        /^https?:\/\/\S+$/.test(line.trim()) ? (
          <div key={i}>
            <a href={line.trim()} target="_blank" rel="noreferrer noopener">
              {line.trim()}
            </a>
          </div>
        ) : (
          <div key={i}>{line}</div>
        ),
      )}
    </div>
  );
}

export function PartnerPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = normalizeLang(i18n.language);
  const me = useMe();
  const feedback = useWriteFeedback();
  const { data, loading, error, refetch } = useQuery(PartnerPageDocument, { variables: { id } });
  const [evaluate, evaluating] = useMutation(EvaluatePartnerDocument);
  const [approve] = useMutation(ApproveTierEvaluationDocument);
  const [reject] = useMutation(RejectTierEvaluationDocument);
  const [deciding, setDeciding] = useState<{ id: string; suggested?: string | null } | null>(null);
  const grades = me.roles.some((r) => r === 'PARTNER_MANAGER' || r === 'EXECUTIVE' || r === 'ADMIN');

  if (error && isNotFound(error)) return <PartnerNotFound />;
  if (error && !data) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (loading && !data) return <Skeleton active paragraph={{ rows: 10 }} data-testid="loading" />;
  const p = data?.node?.__typename === 'PartnerProfile' ? data.node : null;
  // A partner outside the viewer's regions is indistinguishable from one
  // that does not exist.
  if (!p) return <PartnerNotFound />;
  const name = lang === 'en' && p.account.nameEn ? p.account.nameEn : p.account.name;
  const tp = p.tierProgress;
  // Below its tier, what matters is keeping it; otherwise the next step up.
  // The tier above the one held is what "next" means for benefits (the
  // supported tier's next can be the tier already held).
  const keeping = tp.standing === 'BELOW' && !!tp.currentTier;
  const target = keeping ? tp.currentTier : (tp.nextTier ?? tp.currentTier);
  const targetCheck = tp.tiers.find((c) => c.tier.id === target?.id);
  const above = tp.currentTier ? (tp.tiers.find((c) => c.tier.rank === tp.currentTier!.rank - 1)?.tier ?? null) : tp.nextTier;
  const evaluations = (p.evaluations.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  const gapText = (g: { text: string; textEn: string }) => (lang === 'en' ? g.textEn : g.text);

  const onEvaluate = async () => {
    try {
      const r = await evaluate({ variables: { id: p.id } });
      await refetch();
      feedback.ok(t('partners.evaluated'));
      if (r.data) setDeciding({ id: r.data.evaluatePartner.id, suggested: r.data.evaluatePartner.suggestedTier?.id });
    } catch (e) {
      feedback.fail(e);
    }
  };
  const onApprove = (ev: Evaluation, ok: boolean) => {
    let note = '';
    Modal.confirm({
      title: ok ? t('partners.approveTitle') : t('partners.rejectTitle'),
      content: <Input.TextArea aria-label={t('partners.note')} placeholder={t('partners.note')} onChange={(e) => (note = e.target.value)} />,
      okText: ok ? t('partners.approve') : t('partners.reject'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          if (ok) await approve({ variables: { id: ev.id, note: note || null } });
          else await reject({ variables: { id: ev.id, note: note || '-' } });
          await refetch();
          feedback.ok(ok ? t('partners.approved') : t('partners.rejected'));
        } catch (e) {
          feedback.fail(e);
        }
      },
    });
  };

  const figures: [string, string][] = [
    [t('partners.fig.capital'), money(p.registeredCapitalMinor, lang)],
    [t('partners.fig.performance'), money(p.rolledUpPerformance, lang)],
    [t('partners.fig.ownPerformance'), money(p.annualPerformanceMinor, lang)],
    [t('partners.fig.certified'), num(p.certifiedStaff, lang)],
    [t('partners.fig.staff'), num(p.totalStaff, lang)],
    [t('partners.fig.sales'), num(p.salesStaff, lang)],
  ];

  return (
    <Flex vertical gap={16}>
      <Breadcrumb items={[{ title: <Link to="/partners">{t('partners.title')}</Link> }, { title: name }]} />
      <Card>
        <Flex gap={16} align="center" wrap>
          <div style={{ flex: 1, minWidth: 260 }}>
            <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }} data-testid="partner-name">
              {name}
            </Typography.Title>
            <Space size={8} wrap style={{ color: 'rgba(0,0,0,0.65)' }}>
              <span>{p.account.code}</span>
              <span>· {t(`partners.channel.${p.channelType}`)}</span>
              {p.account.region && <span>· {t(`region.${p.account.region}`, { defaultValue: p.account.region })}</span>}
              {p.partnerManager && <span>· {t('partners.manager')}: {p.partnerManager.name}</span>}
              <Link to={`/accounts/${p.account.id}`}>{t('partners.openAccount')}</Link>
            </Space>
          </div>
          <Space size={12} wrap>
            <span>{t('partners.col.tier')}</span>
            <TierTag tier={p.tier} lang={lang} />
            {p.tierSince && <Typography.Text type="secondary">{t('partners.since', { date: day(p.tierSince, lang) })}</Typography.Text>}
            <StandingTag standing={tp.standing} />
            {tp.onProbation && (
              <Tag color="red" data-testid="probation">
                {t('partners.probationUntil', { date: day(tp.probationUntil, lang), count: tp.probationDaysLeft ?? 0 })}
              </Tag>
            )}
            {grades && (
              <Button type="primary" loading={evaluating.loading} onClick={() => void onEvaluate()} data-testid="evaluate">
                {t('partners.evaluate')}
              </Button>
            )}
          </Space>
        </Flex>
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={10}>
          <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('partners.profile')}</Typography.Title>} style={{ height: '100%' }}>
            <Descriptions column={1} size="small" items={figures.map(([label, value]) => ({ key: label, label, children: value }))} />
            <Descriptions
              column={1}
              size="small"
              items={[
                { key: 'territory', label: t('partners.fig.territory'), children: p.territory || '—' },
                { key: 'regions', label: t('partners.fig.regions'), children: (p.regionsCovered ?? []).map((r) => t(`region.${r}`, { defaultValue: r })).join('、') || '—' },
                { key: 'parent', label: t('partners.fig.parent'), children: p.parent ? <Link to={`/partners/${p.parent.id}`}>{lang === 'en' && p.parent.account.nameEn ? p.parent.account.nameEn : p.parent.account.name}</Link> : '—' },
                ...p.customValues.map((c) => ({ key: c.code, label: c.code, children: num(Number(c.value), lang) })),
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card
            title={
              <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
                {keeping ? t('partners.progressKeep', { tier: tierName(target, lang) }) : tp.nextTier ? t('partners.progressTo', { tier: tierName(tp.nextTier, lang) }) : t('partners.progressAt', { tier: tierName(target, lang) })}
              </Typography.Title>
            }
            style={{ height: '100%' }}
          >
            {tp.supportedTier && (
              <Typography.Paragraph>
                {t('partners.supports', { tier: tierName(tp.supportedTier, lang) })}
              </Typography.Paragraph>
            )}
            {targetCheck ? (
              <Flex vertical gap={10} data-testid="tier-progress">
                {targetCheck.criteria.map((c) => {
                  const min = Number(c.minimum);
                  const val = Number(c.value);
                  const pct = min > 0 ? Math.min(100, Math.round((val / min) * 100)) : 100;
                  const label = lang === 'en' ? c.labelEn : c.label;
                  return (
                    <div key={c.criterion + (c.customCode ?? '')}>
                      <Flex justify="space-between">
                        <span>
                          {label} {c.evidenceRequired && <Tag>{t('partners.evidenceRequired')}</Tag>}
                        </span>
                        <span title={c.criterion === 'REGISTERED_CAPITAL' || c.criterion === 'ANNUAL_PERFORMANCE' ? moneyExact(val, lang) : undefined}>
                          {criterionValue(c.criterion, val, lang)} / {criterionValue(c.criterion, min, lang)}
                        </span>
                      </Flex>
                      <Progress percent={pct} status={c.passed ? 'success' : 'normal'} showInfo={false} aria-label={label} />
                    </div>
                  );
                })}
              </Flex>
            ) : (
              <Empty description={t('partners.noLadder')} />
            )}
            {!keeping && tp.nextTier && tp.gaps.length > 0 && (
              <Alert style={{ marginTop: 12 }} type="info" showIcon title={tp.gaps.map(gapText).join(lang === 'en' ? '; ' : '；')} data-testid="gap" />
            )}
            {tp.gapsToCurrent.length > 0 && (
              <Alert style={{ marginTop: 12 }} type="warning" showIcon title={t('partners.gapsToKeep', { gaps: tp.gapsToCurrent.map(gapText).join(lang === 'en' ? '; ' : '；') })} />
            )}
          </Card>
        </Col>
      </Row>
      <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('partners.benefits')}</Typography.Title>}>
        <Row gutter={16}>
          {[
            { key: 'now', title: t('partners.benefitsNow', { tier: tierName(tp.currentTier, lang) || t('partners.untiered') }), tier: tp.currentTier },
            { key: 'next', title: above ? t('partners.benefitsNext', { tier: tierName(above, lang) }) : t('partners.atTop'), tier: above },
          ].map((b) => (
            <Col xs={24} md={12} key={b.key}>
              <Typography.Title level={3} style={{ fontSize: 14 }}>{b.title}</Typography.Title>
              {b.tier?.benefits?.length ? (
                <List size="small" dataSource={b.tier.benefits} renderItem={(x) => <List.Item>{benefitText(x, lang, t)}</List.Item>} />
              ) : (
                <Typography.Text type="secondary">{t('partners.noBenefits')}</Typography.Text>
              )}
            </Col>
          ))}
        </Row>
      </Card>
      <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('partners.history')}</Typography.Title>}>
        <Table<Evaluation>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={evaluations}
          data-testid="evaluations"
          locale={{ emptyText: <Empty description={t('partners.noEvaluations')} /> }}
          columns={[
            { title: t('partners.ev.when'), width: 150, render: (_: unknown, e) => dateTime(e.evaluatedAt, lang) },
            { title: t('partners.ev.kind'), width: 110, render: (_: unknown, e) => <span>{t(`partners.kind.${e.kind}`)}{e.runKey ? <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.6)' }}>{e.runKey}</div> : null}</span> },
            { title: t('partners.ev.status'), width: 110, render: (_: unknown, e) => <Tag color={STATUS_COLOURS[e.status]}>{t(`partners.status.${e.status}`)}</Tag> },
            {
              title: t('partners.ev.tiers'),
              width: 230,
              render: (_: unknown, e) => (
                <span>
                  {tierName(e.previousTier, lang) || t('partners.untiered')} → {e.decidedTier || e.decidedAt ? tierName(e.decidedTier, lang) || t('partners.untiered') : <Typography.Text type="secondary">{t('partners.suggests', { tier: tierName(e.suggestedTier, lang) || t('partners.untiered') })}</Typography.Text>}
                  {e.proposal && <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.6)' }}>{t('partners.numbersSay', { proposal: t(`partners.proposal.${e.proposal}`) })}</div>}
                </span>
              ),
            },
            {
              title: t('partners.ev.why'),
              render: (_: unknown, e) => (
                <div>
                  {e.reason && <div>{e.reason}</div>}
                  <Evidence text={e.evidence} />
                </div>
              ),
            },
            {
              title: t('partners.ev.who'),
              width: 200,
              render: (_: unknown, e) => (
                <div style={{ fontSize: 13 }}>
                  {e.evaluatedBy && <div>{t('partners.ev.evaluatedBy', { name: e.evaluatedBy.name })}</div>}
                  {e.decidedBy && <div>{t('partners.ev.decidedBy', { name: e.decidedBy.name })}</div>}
                  {e.approvedBy && <div data-testid="approved-by">{t('partners.ev.approvedBy', { name: e.approvedBy.name })}</div>}
                </div>
              ),
            },
            {
              title: t('partners.ev.actions'),
              width: 160,
              render: (_: unknown, e) => (
                <Space>
                  {e.status === 'DRAFT' && grades && (
                    <Button size="small" type="primary" onClick={() => setDeciding({ id: e.id, suggested: e.suggestedTier?.id })} data-testid="decide">
                      {t('partners.decide')}
                    </Button>
                  )}
                  {e.status === 'SUBMITTED' && isExecutive(me) && (
                    <>
                      <Button size="small" type="primary" onClick={() => onApprove(e, true)}>{t('partners.approve')}</Button>
                      <Button size="small" danger onClick={() => onApprove(e, false)}>{t('partners.reject')}</Button>
                    </>
                  )}
                  {e.status === 'SUBMITTED' && !isExecutive(me) && <Typography.Text type="secondary">{t('partners.awaitingExecutive')}</Typography.Text>}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {deciding && (
        <DecideModal
          evaluationID={deciding.id}
          suggested={deciding.suggested}
          current={p.tier}
          tiers={data?.partnerTiers ?? []}
          onClose={() => setDeciding(null)}
          onDone={() => {
            setDeciding(null);
            void refetch();
          }}
        />
      )}
    </Flex>
  );
}

interface DecideProps {
  evaluationID: string;
  suggested?: string | null;
  current?: { id: string; rank: number } | null;
  tiers: { id: string; code: string; rank: number; name: string; nameEn: string }[];
  onClose: () => void;
  onDone: () => void;
}

/** Decide an evaluation: the tier, a reason, and evidence (notes and links). */
function DecideModal({ evaluationID, suggested, current, tiers, onClose, onDone }: DecideProps) {
  const { t, i18n } = useTranslation();
  const lang = normalizeLang(i18n.language);
  const feedback = useWriteFeedback();
  const [form] = Form.useForm<{ tier: string; reason: string; notes?: string; links?: string }>();
  const [decide, { loading, error }] = useMutation(DecideTierEvaluationDocument);
  const tierValue = Form.useWatch('tier', form);
  const picked = tiers.find((x) => x.id === tierValue);
  const needsApproval = !!picked && picked.rank <= 2 && (!current || picked.rank < current.rank);

  const submit = async () => {
    const v = await form.validateFields();
    const links = (v.links ?? '').split(/\s+/).map((s) => s.trim()).filter(Boolean);
    const evidence = [v.notes?.trim() ?? '', ...links].filter(Boolean).join('\n');
    try {
      const r = await decide({ variables: { id: evaluationID, tierID: v.tier === 'none' ? null : v.tier, evidence: evidence || null, reason: v.reason } });
      feedback.ok(r.data?.decideTierEvaluation.status === 'SUBMITTED' ? t('partners.submitted') : t('partners.applied'));
      onDone();
    } catch {
      /* shown inline */
    }
  };

  return (
    <Modal open title={t('partners.decideTitle')} onCancel={onClose} onOk={() => void submit()} okText={t('partners.decide')} cancelText={t('common.cancel')} confirmLoading={loading} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ tier: suggested ?? current?.id ?? 'none' }}>
        <Form.Item name="tier" label={t('partners.decidedTier')} rules={[{ required: true, message: t('common.required') }]}>
          <Select options={[...[...tiers].sort((a, b) => a.rank - b.rank).map((x) => ({ value: x.id, label: tierName(x, lang) })), { value: 'none', label: t('partners.untiered') }]} />
        </Form.Item>
        {needsApproval && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('partners.needsExecutive')} />}
        <Form.Item name="reason" label={t('partners.reason')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="notes" label={t('partners.evidenceNotes')} extra={t('partners.evidenceHint')}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="links" label={t('partners.evidenceLinks')} rules={[{ validator: (_r, v: string | undefined) => ((v ?? '').split(/\s+/).filter(Boolean).every((s) => /^https?:\/\/\S+$/.test(s)) ? Promise.resolve() : Promise.reject(new Error(t('partners.badLink')))) }]}>
          <Input.TextArea rows={2} placeholder="https://" />
        </Form.Item>
      </Form>
      <InlineError error={error} />
    </Modal>
  );
}
