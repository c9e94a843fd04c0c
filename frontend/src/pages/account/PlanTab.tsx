import { useState } from 'react';
import { Button, Card, Col, DatePicker, Empty, Flex, Form, Input, InputNumber, List, Modal, Popconfirm, Progress, Row, Select, Skeleton, Space, Switch, Table, Tag, Typography } from 'antd';
import { CheckOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { AccountPlansDocument, ActivatePlanDocument, AddObjectiveDocument, ApprovePlanDocument, ClosePlanDocument, CompleteActionDocument, CreateActionDocument, CreatePlanDocument, RollForwardPlanDocument, SubmitPlanDocument, UpdatePlanDocument } from '../../gql/graphql';
import type { AccountPlansQuery, ObjectiveMetric, ObjectiveUnit } from '../../gql/graphql';
import { PlanStatusTag } from '../../components/Tags';
import { day, dayToTime, money, num } from '../../app/format';
import { normalizeLang, type Lang } from '../../app/i18n';
import { ErrorState, useWriteFeedback } from '../../app/errors';
import { canEdit, isExecutive, useMe } from '../../app/session';
import type { HeaderAccount } from './AccountPage';

/* GraphQL */ `
  query AccountPlans($id: ID!) {
    node(id: $id) {
      ... on Account {
        id
        plans(first: 20, orderBy: [{ field: PERIOD, direction: DESC }]) {
          edges {
            node {
              id
              version
              period
              periodStart
              periodEnd
              status
              classAtCreation
              strategyStatement
              swot
              outcome
              rejectionReason
              submittedAt
              approvedAt
              approvedBy { id name }
              objectives {
                id
                title
                metric
                unit
                targetValue
                weight
                dueOn
                status
                measure { actual target percentDone onTrack expectedToDate source }
              }
              actions(first: 100, orderBy: [{ field: DUE_ON, direction: ASC }]) {
                edges { node { id title dueOn status objectiveID owner { id name } } }
              }
            }
          }
        }
      }
    }
  }
`;
const AccountPlans = AccountPlansDocument;

/* GraphQL */ `
  mutation CreatePlan($input: CreatePlanInput!) { createPlan(input: $input) { id status version } }
`;
const CreatePlan = CreatePlanDocument;
/* GraphQL */ `
  mutation UpdatePlan($id: ID!, $version: Int!, $input: UpdatePlanInput!) { updatePlan(id: $id, version: $version, input: $input) { id version strategyStatement swot } }
`;
const UpdatePlan = UpdatePlanDocument;
/* GraphQL */ `mutation SubmitPlan($id: ID!, $version: Int!) { submitPlan(id: $id, version: $version) { id status version } }`;
const SubmitPlan = SubmitPlanDocument;
/* GraphQL */ `mutation ActivatePlan($id: ID!, $version: Int!) { activatePlan(id: $id, version: $version) { id status version } }`;
const ActivatePlan = ActivatePlanDocument;
/* GraphQL */ `mutation ApprovePlan($id: ID!, $version: Int!, $note: String) { approvePlan(id: $id, version: $version, note: $note) { id status version } }`;
const ApprovePlan = ApprovePlanDocument;
/* GraphQL */ `mutation ClosePlan($id: ID!, $version: Int!, $outcome: String!) { closePlan(id: $id, version: $version, outcome: $outcome) { id status version } }`;
const ClosePlan = ClosePlanDocument;
/* GraphQL */ `
  mutation RollForwardPlan($id: ID!, $period: String!, $periodStart: Time!, $periodEnd: Time!) {
    rollForwardPlan(id: $id, period: $period, periodStart: $periodStart, periodEnd: $periodEnd) { id status }
  }
`;
const RollForward = RollForwardPlanDocument;
/* GraphQL */ `mutation AddObjective($planID: ID!, $input: ObjectiveInput!) { addObjective(planID: $planID, input: $input) { id } }`;
const AddObjective = AddObjectiveDocument;
/* GraphQL */ `mutation CreateAction($input: CreateActionInput!) { createAction(input: $input) { id } }`;
const CreateAction = CreateActionDocument;
/* GraphQL */ `mutation CompleteAction($id: ID!) { completeAction(id: $id) { id status } }`;
const CompleteAction = CompleteActionDocument;

type Plan = NonNullable<NonNullable<NonNullable<Extract<NonNullable<AccountPlansQuery['node']>, { id: string }>['plans']['edges']>[number]>['node']>;

const METRICS: ObjectiveMetric[] = ['REVENUE', 'GROSS_MARGIN', 'ORDER_COUNT', 'COLLECTIONS', 'WALLET_SHARE', 'NEW_PRODUCTS', 'CUSTOM'];
const UNIT_OF: Record<ObjectiveMetric, ObjectiveUnit> = {
  REVENUE: 'MONEY_MINOR', GROSS_MARGIN: 'MONEY_MINOR', COLLECTIONS: 'MONEY_MINOR', ORDER_COUNT: 'COUNT', NEW_PRODUCTS: 'COUNT', WALLET_SHARE: 'PERCENT_BP', CUSTOM: 'COUNT',
};

export function measureText(v: number, unit: string, lang: Lang): string {
  if (unit === 'MONEY_MINOR') return money(v, lang);
  if (unit === 'PERCENT_BP') return num(v / 100, lang, 2) + '%';
  return num(v, lang);
}

interface Swot { strengths?: string[]; weaknesses?: string[]; opportunities?: string[]; threats?: string[] }

export function PlanTab({ account }: { account: HeaderAccount }) {
  const { t } = useTranslation();
  const me = useMe();
  const { data, loading, error, refetch } = useQuery(AccountPlans, { variables: { id: account.id } });
  const [chosen, setChosen] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (loading && !data) return <Skeleton active paragraph={{ rows: 8 }} />;
  const node = data?.node && 'plans' in data.node ? data.node : null;
  const plans = (node?.plans.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  const current = plans.find((p) => p.id === chosen) ?? plans.find((p) => p.id === account.planHealth.planID) ?? plans[0];
  const editable = canEdit(me);

  return (
    <Flex vertical gap={16}>
      <Flex gap={8} align="center" wrap>
        {plans.length > 0 && (
          <Select
            aria-label={t('plan.choose')}
            style={{ minWidth: 220 }}
            value={current?.id}
            onChange={setChosen}
            options={plans.map((p) => ({ value: p.id, label: `${p.period} · ${t(`plan.status.${p.status}`)}` }))}
          />
        )}
        {editable && (
          <Button icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="create-plan">
            {t('plan.create')}
          </Button>
        )}
      </Flex>
      {!current ? (
        <Empty description={editable ? t('plan.emptyCanCreate') : t('plan.empty')} />
      ) : (
        <PlanView key={current.id} plan={current} account={account} reload={() => void refetch()} />
      )}
      <CreatePlanModal open={creating} accountId={account.id} onClose={() => setCreating(false)} onCreated={(id) => {
        setCreating(false);
        setChosen(id);
        void refetch();
      }} />
    </Flex>
  );
}

function CreatePlanModal({ open, accountId, onClose, onCreated }: { open: boolean; accountId: string; onClose: () => void; onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const feedback = useWriteFeedback();
  const [form] = Form.useForm();
  const [create, { loading }] = useMutation(CreatePlan, { refetchQueries: ['AccountHeader'] });
  const year = dayjs().year() + (dayjs().month() >= 10 ? 1 : 0);
  return (
    <Modal
      open={open}
      title={t('plan.create')}
      onCancel={onClose}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      confirmLoading={loading}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ period: `FY${year}`, range: [dayjs(`${year}-01-01`), dayjs(`${year}-12-31`)], fromTemplate: true }}
        onFinish={(v) => {
          create({
            variables: {
              input: {
                accountID: accountId,
                period: v.period,
                periodStart: dayToTime(v.range[0]),
                periodEnd: dayToTime(v.range[1]),
                strategyStatement: v.strategy || undefined,
                objectivesFromTemplate: v.fromTemplate,
              },
            },
          })
            .then((r) => {
              feedback.ok(t('plan.created'));
              if (r.data) onCreated(r.data.createPlan.id);
            })
            .catch((e) => feedback.fail(e));
        }}
      >
        <Form.Item name="period" label={t('plan.period')} rules={[{ required: true, message: t('common.required') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="range" label={t('plan.periodRange')} rules={[{ required: true, message: t('common.required') }]}>
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="strategy" label={t('plan.strategy')} extra={t('plan.strategyDefault')}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="fromTemplate" label={t('plan.fromTemplate')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function PlanView({ plan, account, reload }: { plan: Plan; account: HeaderAccount; reload: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = normalizeLang(i18n.language);
  const me = useMe();
  const feedback = useWriteFeedback();
  const editable = canEdit(me);
  const refetchQueries = ['AccountPlans', 'AccountHeader'];
  const [submit] = useMutation(SubmitPlan, { refetchQueries });
  const [activate] = useMutation(ActivatePlan, { refetchQueries });
  const [approve] = useMutation(ApprovePlan, { refetchQueries });
  const [complete] = useMutation(CompleteAction, { refetchQueries });
  const [modal, setModal] = useState<null | 'edit' | 'objective' | 'action' | 'close' | 'roll'>(null);
  const run = (p: Promise<unknown>, ok: string) =>
    p.then(() => feedback.ok(ok)).catch((e) => feedback.fail(e, reload));

  const s = plan.status;
  const defining = s === 'DRAFT' || s === 'SUBMITTED';
  const strategic = ['S', 'A'].includes(plan.classAtCreation ?? '') || ['S', 'A'].includes(account.currentClass ?? '');
  const swot: Swot = plan.swot ?? {};
  const actions = (plan.actions.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  const v = { id: plan.id, version: plan.version };

  return (
    <Flex vertical gap={16} data-testid="plan-view">
      <Flex gap={8} align="center" wrap>
        <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
          {plan.period}
        </Typography.Title>
        <PlanStatusTag status={s} />
        <Typography.Text type="secondary">
          {day(plan.periodStart, lang)} – {day(plan.periodEnd, lang)}
        </Typography.Text>
        <div style={{ flex: 1 }} />
        {editable && (
          <Space wrap>
            {defining && <Button onClick={() => setModal('edit')}>{t('plan.edit')}</Button>}
            {s === 'DRAFT' && (
              <Button type="primary" onClick={() => run(submit({ variables: v }), t('plan.submitted'))} data-testid="submit-plan">
                {t('plan.submit')}
              </Button>
            )}
            {s === 'SUBMITTED' && isExecutive(me) && (
              <Button type="primary" onClick={() => run(approve({ variables: v }), t('plan.approved'))}>
                {t('plan.approve')}
              </Button>
            )}
            {(s === 'APPROVED' || (s === 'SUBMITTED' && !strategic)) && (
              <Button type="primary" onClick={() => run(activate({ variables: v }), t('plan.activated'))}>
                {t('plan.activate')}
              </Button>
            )}
            {s === 'ACTIVE' && <Button onClick={() => setModal('close')}>{t('plan.close')}</Button>}
            {(s === 'ACTIVE' || s === 'CLOSED') && <Button onClick={() => setModal('roll')}>{t('plan.rollForward')}</Button>}
          </Space>
        )}
      </Flex>
      {s === 'SUBMITTED' && strategic && <Typography.Text type="warning">{t('plan.needsApproval')}</Typography.Text>}
      {plan.rejectionReason && s === 'DRAFT' && <Typography.Text type="danger">{t('plan.rejected', { reason: plan.rejectionReason })}</Typography.Text>}
      <Card size="small" title={t('plan.strategy')}>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{plan.strategyStatement || t('plan.noStrategy')}</Typography.Paragraph>
      </Card>
      <Row gutter={[12, 12]} aria-label={t('plan.swot')}>
        {(['strengths', 'weaknesses', 'opportunities', 'threats'] as const).map((k) => (
          <Col xs={24} md={12} key={k}>
            <Card size="small" title={t(`plan.swotParts.${k}`)} className={`swot swot-${k}`}>
              {(swot[k] ?? []).length === 0 ? (
                <Typography.Text type="secondary">{t('plan.swotEmpty')}</Typography.Text>
              ) : (
                <ul style={{ margin: 0, paddingLeft: 18 }}>{(swot[k] ?? []).map((x, i) => <li key={i}>{x}</li>)}</ul>
              )}
            </Card>
          </Col>
        ))}
      </Row>
      <Card
        size="small"
        title={t('plan.objectives')}
        extra={editable && defining && <Button size="small" icon={<PlusOutlined />} onClick={() => setModal('objective')} data-testid="add-objective">{t('plan.addObjective')}</Button>}
      >
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={plan.objectives ?? []}
          locale={{ emptyText: <Empty description={t('plan.noObjectives')} /> }}
          columns={[
            { title: t('plan.objective'), dataIndex: 'title' },
            { title: t('plan.metric'), dataIndex: 'metric', width: 120, render: (m: string) => t(`metric.${m}`) },
            {
              title: t('plan.targetVsActual'),
              width: 320,
              render: (_: unknown, o) => (
                <div>
                  <Progress
                    percent={Math.min(100, Math.round(o.measure.percentDone ?? 0))}
                    status={o.measure.onTrack ? 'normal' : 'exception'}
                    size="small"
                    aria-label={t('plan.progress')}
                  />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {measureText(o.measure.actual, o.unit, lang)} / {measureText(o.measure.target, o.unit, lang)}
                    {' · '}
                    {o.measure.onTrack ? t('plan.onTrack') : t('plan.behind', { expected: measureText(o.measure.expectedToDate, o.unit, lang) })}
                  </Typography.Text>
                </div>
              ),
            },
            { title: t('plan.due'), dataIndex: 'dueOn', width: 130, render: (d: string) => day(d, lang) },
            { title: t('plan.objStatus'), dataIndex: 'status', width: 90, render: (x: string) => t(`objectiveStatus.${x}`) },
          ]}
        />
      </Card>
      <Card
        size="small"
        title={t('plan.actions')}
        extra={editable && s !== 'CLOSED' && <Button size="small" icon={<PlusOutlined />} onClick={() => setModal('action')} data-testid="add-action">{t('plan.addAction')}</Button>}
      >
        <List
          dataSource={actions}
          locale={{ emptyText: <Empty description={t('plan.noActions')} /> }}
          renderItem={(a) => {
            const overdue = a.dueOn && a.status !== 'DONE' && a.status !== 'CANCELLED' && dayjs(a.dueOn.slice(0, 10)).isBefore(dayjs(), 'day');
            return (
              <List.Item
                actions={
                  editable && a.status !== 'DONE' && a.status !== 'CANCELLED'
                    ? [
                        <Popconfirm key="done" title={t('plan.completeConfirm')} okText={t('common.yes')} cancelText={t('common.no')} onConfirm={() => run(complete({ variables: { id: a.id } }), t('plan.completed'))}>
                          <Button size="small" icon={<CheckOutlined />}>{t('plan.complete')}</Button>
                        </Popconfirm>,
                      ]
                    : []
                }
              >
                <List.Item.Meta
                  title={a.title}
                  description={
                    <Space size={12} wrap>
                      <span>{t('plan.owner')}: {a.owner?.name ?? '—'}</span>
                      <Typography.Text type={overdue ? 'danger' : undefined}>{t('plan.due')}: {day(a.dueOn, lang)}</Typography.Text>
                      <Tag>{t(`actionStatus.${a.status}`)}</Tag>
                    </Space>
                  }
                />
              </List.Item>
            );
          }}
        />
      </Card>
      {plan.outcome && (
        <Card size="small" title={t('plan.outcome')}>
          {plan.outcome}
        </Card>
      )}
      <EditPlanModal open={modal === 'edit'} plan={plan} swot={swot} onClose={() => setModal(null)} reload={reload} />
      <ObjectiveModal open={modal === 'objective'} plan={plan} onClose={() => setModal(null)} />
      <ActionModal open={modal === 'action'} plan={plan} onClose={() => setModal(null)} />
      <CloseModal open={modal === 'close'} plan={plan} onClose={() => setModal(null)} reload={reload} />
      <RollModal open={modal === 'roll'} plan={plan} onClose={() => setModal(null)} />
    </Flex>
  );
}

const lines = (s?: string) => (s ?? '').split('\n').map((x) => x.trim()).filter(Boolean);

function EditPlanModal({ open, plan, swot, onClose, reload }: { open: boolean; plan: Plan; swot: Swot; onClose: () => void; reload: () => void }) {
  const { t } = useTranslation();
  const feedback = useWriteFeedback();
  const [form] = Form.useForm();
  const [update, { loading }] = useMutation(UpdatePlan, { refetchQueries: ['AccountPlans'] });
  return (
    <Modal open={open} title={t('plan.edit')} onCancel={onClose} onOk={() => form.submit()} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={loading} destroyOnHidden width={720}>
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{
          strategy: plan.strategyStatement ?? '',
          strengths: (swot.strengths ?? []).join('\n'),
          weaknesses: (swot.weaknesses ?? []).join('\n'),
          opportunities: (swot.opportunities ?? []).join('\n'),
          threats: (swot.threats ?? []).join('\n'),
        }}
        onFinish={(v) =>
          update({
            variables: {
              id: plan.id,
              version: plan.version,
              input: {
                strategyStatement: v.strategy,
                swot: { strengths: lines(v.strengths), weaknesses: lines(v.weaknesses), opportunities: lines(v.opportunities), threats: lines(v.threats) },
              },
            },
          })
            .then(() => {
              feedback.ok(t('common.saved'));
              onClose();
            })
            .catch((e) => feedback.fail(e, () => { onClose(); reload(); }))
        }
      >
        <Form.Item name="strategy" label={t('plan.strategy')}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Typography.Text type="secondary">{t('plan.swotHint')}</Typography.Text>
        <Row gutter={12}>
          {(['strengths', 'weaknesses', 'opportunities', 'threats'] as const).map((k) => (
            <Col span={12} key={k}>
              <Form.Item name={k} label={t(`plan.swotParts.${k}`)}>
                <Input.TextArea rows={3} />
              </Form.Item>
            </Col>
          ))}
        </Row>
      </Form>
    </Modal>
  );
}

function ObjectiveModal({ open, plan, onClose }: { open: boolean; plan: Plan; onClose: () => void }) {
  const { t } = useTranslation();
  const feedback = useWriteFeedback();
  const [form] = Form.useForm();
  const metric = Form.useWatch('metric', form) as ObjectiveMetric | undefined;
  const unit = UNIT_OF[metric ?? 'REVENUE'];
  const [add, { loading }] = useMutation(AddObjective, { refetchQueries: ['AccountPlans', 'AccountHeader'] });
  return (
    <Modal open={open} title={t('plan.addObjective')} onCancel={onClose} onOk={() => form.submit()} okText={t('common.add')} cancelText={t('common.cancel')} confirmLoading={loading} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ metric: 'REVENUE', weight: 1 }}
        onFinish={(v) => {
          const u = UNIT_OF[v.metric as ObjectiveMetric];
          const target = u === 'MONEY_MINOR' ? Math.round(v.target * 100) : u === 'PERCENT_BP' ? Math.round(v.target * 100) : Math.round(v.target);
          add({
            variables: {
              planID: plan.id,
              input: { title: v.title, metric: v.metric, unit: u, targetValue: target, weight: v.weight, dueOn: v.dueOn ? dayToTime(v.dueOn) : undefined },
            },
          })
            .then(() => {
              feedback.ok(t('plan.objectiveAdded'));
              onClose();
            })
            .catch((e) => feedback.fail(e));
        }}
      >
        <Form.Item name="title" label={t('plan.objective')} rules={[{ required: true, message: t('common.required') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="metric" label={t('plan.metric')}>
          <Select options={METRICS.map((m) => ({ value: m, label: t(`metric.${m}`) }))} />
        </Form.Item>
        <Form.Item name="target" label={t(`plan.targetIn.${unit}`)} rules={[{ required: true, message: t('common.required') }]}>
          <InputNumber min={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="weight" label={t('plan.weight')}>
          <InputNumber min={1} max={100} />
        </Form.Item>
        <Form.Item name="dueOn" label={t('plan.due')}>
          <DatePicker />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ActionModal({ open, plan, onClose }: { open: boolean; plan: Plan; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const feedback = useWriteFeedback();
  const [form] = Form.useForm();
  const [create, { loading }] = useMutation(CreateAction, { refetchQueries: ['AccountPlans', 'AccountHeader'] });
  return (
    <Modal open={open} title={t('plan.addAction')} onCancel={onClose} onOk={() => form.submit()} okText={t('common.add')} cancelText={t('common.cancel')} confirmLoading={loading} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ dueOn: dayjs().add(14, 'day') }}
        onFinish={(v) =>
          create({
            variables: {
              input: { planID: plan.id, objectiveID: v.objectiveID || undefined, title: v.title, ownerID: String(me.id), dueOn: v.dueOn ? dayToTime(v.dueOn) : undefined },
            },
          })
            .then(() => {
              feedback.ok(t('plan.actionAdded'));
              onClose();
            })
            .catch((e) => feedback.fail(e))
        }
      >
        <Form.Item name="title" label={t('plan.action')} rules={[{ required: true, message: t('common.required') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="objectiveID" label={t('plan.forObjective')}>
          <Select allowClear options={(plan.objectives ?? []).map((o) => ({ value: o.id, label: o.title }))} />
        </Form.Item>
        <Form.Item name="dueOn" label={t('plan.due')}>
          <DatePicker />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function CloseModal({ open, plan, onClose, reload }: { open: boolean; plan: Plan; onClose: () => void; reload: () => void }) {
  const { t } = useTranslation();
  const feedback = useWriteFeedback();
  const [form] = Form.useForm();
  const [close, { loading }] = useMutation(ClosePlan, { refetchQueries: ['AccountPlans', 'AccountHeader'] });
  return (
    <Modal open={open} title={t('plan.close')} onCancel={onClose} onOk={() => form.submit()} okText={t('plan.close')} cancelText={t('common.cancel')} confirmLoading={loading} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false} onFinish={(v) => close({ variables: { id: plan.id, version: plan.version, outcome: v.outcome } }).then(() => { feedback.ok(t('plan.closed')); onClose(); }).catch((e) => feedback.fail(e, () => { onClose(); reload(); }))}>
        <Form.Item name="outcome" label={t('plan.outcome')} rules={[{ required: true, message: t('common.required') }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RollModal({ open, plan, onClose }: { open: boolean; plan: Plan; onClose: () => void }) {
  const { t } = useTranslation();
  const feedback = useWriteFeedback();
  const [form] = Form.useForm();
  const [roll, { loading }] = useMutation(RollForward, { refetchQueries: ['AccountPlans', 'AccountHeader'] });
  const start = dayjs(plan.periodEnd.slice(0, 10)).add(1, 'day');
  const length = dayjs(plan.periodEnd.slice(0, 10)).diff(dayjs(plan.periodStart.slice(0, 10)), 'day');
  return (
    <Modal open={open} title={t('plan.rollForward')} onCancel={onClose} onOk={() => form.submit()} okText={t('plan.rollForward')} cancelText={t('common.cancel')} confirmLoading={loading} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('plan.rollHint')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ period: `FY${start.year()}`, range: [start, start.add(length, 'day')] }}
        onFinish={(v) => roll({ variables: { id: plan.id, period: v.period, periodStart: dayToTime(v.range[0]), periodEnd: dayToTime(v.range[1]) } }).then(() => { feedback.ok(t('plan.rolled')); onClose(); }).catch((e) => feedback.fail(e))}
      >
        <Form.Item name="period" label={t('plan.period')} rules={[{ required: true, message: t('common.required') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="range" label={t('plan.periodRange')} rules={[{ required: true, message: t('common.required') }]}>
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
