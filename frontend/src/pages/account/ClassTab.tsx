import { useState } from 'react';
import { Button, Collapse, Empty, Flex, Form, Input, Modal, Select, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { ClassHistoryDocument, OverrideClassDocument } from '../../gql/graphql';
import { ErrorState, useWriteFeedback } from '../../app/errors';
import { canEdit, useMe } from '../../app/session';
import { dateTime } from '../../app/format';
import { normalizeLang } from '../../app/i18n';
import { ClassBadge } from '../../components/ClassBadge';
import { ExplanationView } from '../../components/ClassExplanation';
import type { HeaderAccount } from './AccountPage';

/* GraphQL */ `
  query ClassHistory($id: ID!) {
    node(id: $id) {
      ... on Account {
        id
        classHistory(first: 50) { edges { node { ...ClassDecision } } }
      }
    }
  }
`;
const ClassHistory = ClassHistoryDocument;
/* GraphQL */ `
  mutation OverrideClass($accountID: ID!, $class: AccountCurrentClass!, $reason: String!) {
    overrideClass(accountID: $accountID, class: $class, reason: $reason) { id approvalStatus class }
  }
`;
const OverrideClass = OverrideClassDocument;

const APPROVAL: Record<string, string> = { PENDING: 'gold', APPROVED: 'green', REJECTED: 'red', NOT_REQUIRED: 'default' };

export function ClassTab({ account }: { account: HeaderAccount }) {
  const { t, i18n } = useTranslation();
  const lang = normalizeLang(i18n.language);
  const me = useMe();
  const feedback = useWriteFeedback();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const { data, loading, error, refetch } = useQuery(ClassHistory, { variables: { id: account.id } });
  const [override, { loading: saving }] = useMutation(OverrideClass, { refetchQueries: ['ClassHistory', 'AccountHeader'] });
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (loading && !data) return <Skeleton active />;
  const node = data?.node && 'classHistory' in data.node ? data.node : null;
  const items = (node?.classHistory.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));

  return (
    <Flex vertical gap={12}>
      <Flex gap={12} align="center">
        <span>{t('class.current')}:</span>
        <ClassBadge cls={account.currentClass} />
        {canEdit(me) && <Button onClick={() => setOpen(true)} data-testid="request-override">{t('class.requestOverride')}</Button>}
      </Flex>
      {items.length === 0 ? (
        <Empty description={t('class.noHistory')} />
      ) : (
        <Timeline
          items={items.map((d) => ({
            key: d.id,
            children: (
              <div>
                <Space wrap>
                  <ClassBadge cls={d.previousClass} />→<ClassBadge cls={d.class} />
                  <Tag>{t(`class.sources.${d.source}`)}</Tag>
                  <Tag color={APPROVAL[d.approvalStatus]}>{t(`class.approval.${d.approvalStatus}`)}</Tag>
                  <Typography.Text type="secondary">{dateTime(d.effectiveAt ?? d.createdAt, lang)}</Typography.Text>
                  <span>{d.decidedBy?.name ?? d.reviewCycle?.name}</span>
                </Space>
                {d.reason && <div>{t('class.reason')}: {d.reason}</div>}
                <Collapse
                  ghost
                  size="small"
                  items={[{ key: 'why', label: t('class.why'), children: <ExplanationView d={d as never} /> }]}
                />
              </div>
            ),
          }))}
        />
      )}
      <Modal open={open} title={t('class.requestOverride')} onCancel={() => setOpen(false)} onOk={() => form.submit()} okText={t('common.submit')} cancelText={t('common.cancel')} confirmLoading={saving} destroyOnHidden>
        <Typography.Paragraph type="secondary">{t('class.overrideHint')}</Typography.Paragraph>
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          onFinish={(v) =>
            override({ variables: { accountID: account.id, class: v.cls, reason: v.reason } })
              .then((r) => {
                feedback.ok(r.data?.overrideClass.approvalStatus === 'PENDING' ? t('class.overridePending') : t('class.overrideDone'));
                setOpen(false);
              })
              .catch((e) => feedback.fail(e))
          }
        >
          <Form.Item name="cls" label={t('class.newClass')} rules={[{ required: true, message: t('common.required') }]}>
            <Select options={['S', 'A', 'B', 'C'].map((c) => ({ value: c, label: `${c} · ${t(`class.name.${c}`)}` }))} />
          </Form.Item>
          <Form.Item name="reason" label={t('class.reason')} rules={[{ required: true, message: t('common.required') }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}
