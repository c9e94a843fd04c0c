import { useState } from 'react';
import { Button, DatePicker, Empty, Flex, Form, Input, Modal, Select, Skeleton, Tag, Timeline, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { AccountTouchpointsDocument, LogTouchpointDocument } from '../../gql/graphql';
import { ErrorState, useWriteFeedback } from '../../app/errors';
import { canEdit, useMe } from '../../app/session';
import { dateTime, day, dayToTime } from '../../app/format';
import { normalizeLang } from '../../app/i18n';

/* GraphQL */ `
  query AccountTouchpoints($id: ID!) {
    node(id: $id) {
      ... on Account {
        id
        touchpoints(first: 50, orderBy: [{ field: OCCURRED_AT, direction: DESC }]) {
          totalCount
          edges { node { id kind occurredAt summary nextStep nextStepDueOn createdBy { id name } staff { id name } contacts { id name } } }
        }
        contacts(first: 200, where: { active: true }) { edges { node { id name } } }
        teamMembers { id user { id name } }
      }
    }
  }
`;
const AccountTouchpoints = AccountTouchpointsDocument;
/* GraphQL */ `mutation LogTouchpoint($input: LogTouchpointInput!) { logTouchpoint(input: $input) { id } }`;
const LogTouchpoint = LogTouchpointDocument;
const KINDS = ['VISIT', 'CALL', 'MEETING', 'EMAIL', 'EVENT'];

export function TouchpointsTab({ accountId }: { accountId: string }) {
  const { t, i18n } = useTranslation();
  const lang = normalizeLang(i18n.language);
  const me = useMe();
  const feedback = useWriteFeedback();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const { data, loading, error, refetch } = useQuery(AccountTouchpoints, { variables: { id: accountId } });
  const [log, { loading: saving }] = useMutation(LogTouchpoint, { refetchQueries: ['AccountTouchpoints', 'AccountHeader'] });
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (loading && !data) return <Skeleton active />;
  const node = data?.node && 'touchpoints' in data.node ? data.node : null;
  const items = (node?.touchpoints.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  const contacts = (node?.contacts.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  const staff = (node?.teamMembers ?? []).map((m) => m.user);
  if (!staff.some((s) => s.id === String(me.id))) staff.unshift({ id: String(me.id), name: me.name });

  return (
    <Flex vertical gap={12}>
      {!canEdit(me) && <Typography.Text type="secondary">{t('common.readOnly')}</Typography.Text>}
      {canEdit(me) && (
        <div>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="log-touchpoint">
            {t('touchpoint.log')}
          </Button>
        </div>
      )}
      {items.length === 0 ? (
        <Empty description={t('touchpoint.empty')} />
      ) : (
        <Timeline
          items={items.map((tp) => ({
            key: tp.id,
            children: (
              <div data-testid="touchpoint">
                <Flex gap={8} align="center" wrap>
                  <Tag color="blue">{t(`touchpoint.kind.${tp.kind}`)}</Tag>
                  <strong>{dateTime(tp.occurredAt, lang)}</strong>
                  <Typography.Text type="secondary">{tp.createdBy?.name}</Typography.Text>
                </Flex>
                {tp.summary && <Typography.Paragraph style={{ margin: '4px 0', whiteSpace: 'pre-wrap' }}>{tp.summary}</Typography.Paragraph>}
                {((tp.staff?.length ?? 0) > 0 || (tp.contacts?.length ?? 0) > 0) && (
                  <Typography.Text type="secondary">
                    {t('touchpoint.participants')}: {[...(tp.staff ?? []), ...(tp.contacts ?? [])].map((p) => p.name).join('、')}
                  </Typography.Text>
                )}
                {tp.nextStep && (
                  <div>
                    {t('touchpoint.nextStep')}: {tp.nextStep} {tp.nextStepDueOn && `(${day(tp.nextStepDueOn, lang)})`}
                  </div>
                )}
              </div>
            ),
          }))}
        />
      )}
      <Modal open={open} title={t('touchpoint.log')} onCancel={() => setOpen(false)} onOk={() => form.submit()} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={saving} destroyOnHidden>
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{ kind: 'VISIT', occurredAt: dayjs(), staffIDs: [String(me.id)] }}
          onFinish={(v) =>
            log({
              variables: {
                input: {
                  accountID: accountId,
                  kind: v.kind,
                  occurredAt: v.occurredAt.toISOString(),
                  staffIDs: v.staffIDs ?? [],
                  contactIDs: v.contactIDs ?? [],
                  summary: v.summary || undefined,
                  nextStep: v.nextStep || undefined,
                  nextStepDueOn: v.nextStepDueOn ? dayToTime(v.nextStepDueOn) : undefined,
                },
              },
            })
              .then(() => {
                feedback.ok(t('touchpoint.logged'));
                setOpen(false);
              })
              .catch((e) => feedback.fail(e))
          }
        >
          <Form.Item name="kind" label={t('touchpoint.kindLabel')}>
            <Select options={KINDS.map((k) => ({ value: k, label: t(`touchpoint.kind.${k}`) }))} />
          </Form.Item>
          <Form.Item name="occurredAt" label={t('touchpoint.when')} rules={[{ required: true, message: t('common.required') }]}>
            <DatePicker showTime />
          </Form.Item>
          <Form.Item name="staffIDs" label={t('touchpoint.staff')}>
            <Select mode="multiple" options={staff.map((s) => ({ value: s.id, label: s.name }))} />
          </Form.Item>
          <Form.Item name="contactIDs" label={t('touchpoint.contacts')}>
            <Select mode="multiple" optionFilterProp="label" options={contacts.map((c) => ({ value: c.id, label: c.name }))} />
          </Form.Item>
          <Form.Item name="summary" label={t('touchpoint.summary')} rules={[{ required: true, message: t('common.required') }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item name="nextStep" label={t('touchpoint.nextStep')}>
            <Input />
          </Form.Item>
          <Form.Item name="nextStepDueOn" label={t('touchpoint.nextStepDue')}>
            <DatePicker />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}
