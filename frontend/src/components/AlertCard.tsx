import { useState } from 'react';
import { Button, Card, Flex, Form, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import { useMutation } from '@apollo/client/react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AcknowledgeAlertDocument, ResolveAlertDocument, StartWinBackDocument } from '../gql/graphql';
import type { AlertFieldsFragment } from '../gql/graphql';
import { useWriteFeedback } from '../app/errors';
import { canEdit, useMe } from '../app/session';
import { dateTime } from '../app/format';
import { normalizeLang } from '../app/i18n';
import { SeverityTag } from './Tags';
import { ClassBadge } from './ClassBadge';

/* GraphQL */ `
  fragment AlertFields on ChurnAlert {
    id
    alertType
    status
    severity
    riskScore
    openedAt
    responseDueAt
    acknowledgedAt
    resolvedAt
    outcome
    outcomeNote
    ageDays
    overdue
    escalationLevel
    accountClass
    winBackStartedAt
    winBackPlan { id period }
    owner { id name }
    account { id name nameEn code currentClass }
    firedSignals { code label labelZh severity detail detailZh }
  }
`;

/* GraphQL */ `mutation AcknowledgeAlert($id: ID!, $note: String) { acknowledgeChurnAlert(id: $id, note: $note) { ...AlertFields } }`;
const Acknowledge = AcknowledgeAlertDocument;
/* GraphQL */ `mutation StartWinBack($alertID: ID!) { startWinBack(alertID: $alertID) { planCreated plan { id period } actions { id } alert { ...AlertFields } } }`;
const WinBack = StartWinBackDocument;
/* GraphQL */ `mutation ResolveAlert($id: ID!, $outcome: ChurnAlertResolution!, $reason: String!) { resolveChurnAlert(id: $id, outcome: $outcome, reason: $reason) { ...AlertFields } }`;
const Resolve = ResolveAlertDocument;

const OPEN = ['OPEN', 'ACKNOWLEDGED', 'ESCALATED'];

/** One churn alert: what fired, how urgent, and the owner's three moves. */
export function AlertCard({ alert, showAccount }: { alert: AlertFieldsFragment; showAccount?: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = normalizeLang(i18n.language);
  const me = useMe();
  const feedback = useWriteFeedback();
  const [resolving, setResolving] = useState(false);
  const [form] = Form.useForm();
  const refetchQueries = ['AlertsInbox', 'AccountAlerts', 'AccountHeader', 'UnreadCount'];
  const [ack, a1] = useMutation(Acknowledge, { refetchQueries });
  const [winBack, a2] = useMutation(WinBack, { refetchQueries: [...refetchQueries, 'AccountPlans'] });
  const [resolve, a3] = useMutation(Resolve, { refetchQueries });
  const open = OPEN.includes(alert.status);
  const editable = canEdit(me) && open;
  const name = lang === 'en' && alert.account.nameEn ? alert.account.nameEn : alert.account.name;

  return (
    <Card size="small" data-testid="alert-card" style={{ borderLeft: `4px solid ${alert.severity === 'CRITICAL' ? '#c41d7f' : alert.severity === 'HIGH' ? '#d4380d' : alert.severity === 'MEDIUM' ? '#d48806' : '#389e0d'}` }}>
      <Flex justify="space-between" align="start" gap={12} wrap>
        <div style={{ flex: 1, minWidth: 300 }}>
          <Space wrap>
            <SeverityTag severity={alert.severity} />
            <Tag>{t(`alert.type.${alert.alertType}`)}</Tag>
            <Tag color={open ? 'processing' : 'default'} data-testid="alert-status">{t(`alert.status.${alert.status}`)}</Tag>
            {alert.overdue && <Tag color="red">{t('alert.overdue')}</Tag>}
            {showAccount && (
              <>
                <ClassBadge cls={alert.account.currentClass} />
                <Link to={`/accounts/${alert.account.id}?tab=alerts`}>{name}</Link>
              </>
            )}
          </Space>
          <div style={{ marginTop: 6, color: 'rgba(0,0,0,0.65)' }}>
            {t('alert.opened', { when: dateTime(alert.openedAt, lang), days: alert.ageDays })}
            {alert.responseDueAt && open && ` · ${t('alert.dueBy', { when: dateTime(alert.responseDueAt, lang) })}`}
            {alert.owner && ` · ${t('alert.owner')}: ${alert.owner.name}`}
          </div>
          <ul style={{ margin: '8px 0 0', paddingLeft: 18 }}>
            {alert.firedSignals.map((s) => (
              <li key={s.code}>
                <strong>{lang === 'en' ? s.label : s.labelZh}</strong>: {lang === 'en' ? s.detail : s.detailZh}
              </li>
            ))}
          </ul>
          {alert.winBackPlan && (
            <div style={{ marginTop: 6 }}>
              {t('alert.winBackOn')} <Link to={`/accounts/${alert.account.id}?tab=plan`}>{alert.winBackPlan.period}</Link>
            </div>
          )}
          {!open && alert.outcomeNote && (
            <Typography.Paragraph style={{ marginTop: 6 }}>
              {t('alert.resolvedWith', { outcome: t(`alert.outcome.${alert.outcome}`) })}: {alert.outcomeNote}
            </Typography.Paragraph>
          )}
        </div>
        {editable && (
          <Space wrap>
            {alert.status !== 'ACKNOWLEDGED' && (
              <Button loading={a1.loading} onClick={() => ack({ variables: { id: alert.id } }).then(() => feedback.ok(t('alert.acknowledged'))).catch((e) => feedback.fail(e))} data-testid="acknowledge">
                {t('alert.acknowledge')}
              </Button>
            )}
            {!alert.winBackStartedAt && (
              <Button loading={a2.loading} onClick={() => winBack({ variables: { alertID: alert.id } }).then(() => feedback.ok(t('alert.winBackStarted'))).catch((e) => feedback.fail(e))}>
                {t('alert.winBack')}
              </Button>
            )}
            <Button type="primary" onClick={() => setResolving(true)} data-testid="resolve">
              {t('alert.resolve')}
            </Button>
          </Space>
        )}
      </Flex>
      <Modal open={resolving} title={t('alert.resolve')} onCancel={() => setResolving(false)} onOk={() => form.submit()} okText={t('alert.resolve')} cancelText={t('common.cancel')} confirmLoading={a3.loading} destroyOnHidden>
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{ outcome: 'RECOVERED' }}
          onFinish={(v) =>
            resolve({ variables: { id: alert.id, outcome: v.outcome, reason: v.reason } })
              .then(() => {
                feedback.ok(t('alert.resolved'));
                setResolving(false);
              })
              .catch((e) => feedback.fail(e))
          }
        >
          <Form.Item name="outcome" label={t('alert.outcomeLabel')}>
            <Select options={['RECOVERED', 'FALSE_ALARM', 'LOST'].map((o) => ({ value: o, label: t(`alert.outcome.${o}`) }))} />
          </Form.Item>
          <Form.Item name="reason" label={t('alert.reason')} rules={[{ required: true, message: t('common.required') }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
