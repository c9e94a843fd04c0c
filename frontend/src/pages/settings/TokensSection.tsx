import { useState } from 'react';
import { Alert, Button, Empty, Form, Input, InputNumber, Modal, Select, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { CreateServiceTokenDocument, RevokeServiceTokenDocument, ServiceTokensDocument } from '../../gql/graphql';
import type { RoleAssignmentRole, ServiceTokensQuery } from '../../gql/graphql';
import { dateTime } from '../../app/format';
import { normalizeLang } from '../../app/i18n';
import { ErrorState, useWriteFeedback } from '../../app/errors';
import { InlineError } from '../../app/InlineError';

/* GraphQL */ `
  query ServiceTokens {
    serviceTokens { id name role userEmail region createdBy createdAt lastUsedAt revokedAt expiresAt }
  }
`;
/* GraphQL */ `
  mutation CreateServiceToken($input: CreateServiceTokenInput!) {
    createServiceToken(input: $input) { secret token { id name } }
  }
`;
/* GraphQL */ `
  mutation RevokeServiceToken($name: String!) {
    revokeServiceToken(name: $name) { id revokedAt }
  }
`;

type Token = ServiceTokensQuery['serviceTokens'][number];
const ROLES: RoleAssignmentRole[] = ['ADMIN', 'EXECUTIVE', 'KEY_ACCOUNT_MANAGER', 'PARTNER_MANAGER', 'MEMBER', 'VIEWER'];

/** Service tokens: create (the secret is shown once), list, revoke. */
export function TokensSection() {
  const { t, i18n } = useTranslation();
  const lang = normalizeLang(i18n.language);
  const feedback = useWriteFeedback();
  const { data, loading, error, refetch } = useQuery(ServiceTokensDocument);
  const [create, creating] = useMutation(CreateServiceTokenDocument);
  const [revoke] = useMutation(RevokeServiceTokenDocument);
  const [open, setOpen] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [form] = Form.useForm<{ name: string; role: RoleAssignmentRole; userEmail?: string; region?: string; expiresInDays?: number }>();

  const submit = async () => {
    const v = await form.validateFields();
    try {
      const r = await create({ variables: { input: { name: v.name.trim(), role: v.role, userEmail: v.userEmail?.trim() || null, region: v.region?.trim() || null, expiresInDays: v.expiresInDays ?? null } } });
      setOpen(false);
      form.resetFields();
      setSecret(r.data?.createServiceToken.secret ?? null);
      void refetch();
    } catch {
      /* shown inline */
    }
  };

  if (error && !data) return <ErrorState error={error} onRetry={() => void refetch()} />;
  return (
    <>
      <Button type="primary" style={{ marginBottom: 12 }} onClick={() => setOpen(true)} data-testid="create-token">
        {t('settings.tokens.create')}
      </Button>
      {secret && (
        <Alert type="success" showIcon closable onClose={() => setSecret(null)} style={{ marginBottom: 12 }} title={t('settings.tokens.once')}
          description={<Typography.Text copyable code data-testid="token-secret">{secret}</Typography.Text>} />
      )}
      <Table<Token>
        rowKey="id"
        size="middle"
        loading={loading && !data}
        dataSource={data?.serviceTokens ?? []}
        pagination={false}
        locale={{ emptyText: <Empty description={t('settings.tokens.empty')} /> }}
        columns={[
          { title: t('settings.tokens.name'), dataIndex: 'name' },
          { title: t('settings.users.role'), width: 130, render: (_: unknown, k) => t(`roles.${k.role}`) },
          { title: t('settings.tokens.actsFor'), render: (_: unknown, k) => [k.userEmail, k.region].filter(Boolean).join(' · ') || '—' },
          { title: t('settings.tokens.createdBy'), render: (_: unknown, k) => <span>{k.createdBy}<div style={{ fontSize: 12, color: 'rgba(0,0,0,0.6)' }}>{dateTime(k.createdAt, lang)}</div></span> },
          { title: t('settings.tokens.lastUsed'), width: 160, render: (_: unknown, k) => dateTime(k.lastUsedAt, lang) },
          { title: t('settings.tokens.expires'), width: 160, render: (_: unknown, k) => (k.expiresAt ? dateTime(k.expiresAt, lang) : t('settings.tokens.never')) },
          {
            title: t('settings.actions'),
            width: 120,
            render: (_: unknown, k) =>
              k.revokedAt ? (
                <Tag>{t('settings.tokens.revoked')}</Tag>
              ) : (
                <Button size="small" danger onClick={() => Modal.confirm({
                  title: t('settings.tokens.revokeTitle', { name: k.name }),
                  okText: t('settings.tokens.revoke'),
                  cancelText: t('common.cancel'),
                  onOk: async () => {
                    try {
                      await revoke({ variables: { name: k.name } });
                      feedback.ok(t('settings.saved'));
                      void refetch();
                    } catch (e) {
                      feedback.fail(e);
                    }
                  },
                })}>
                  {t('settings.tokens.revoke')}
                </Button>
              ),
          },
        ]}
      />
      <Modal open={open} title={t('settings.tokens.create')} onCancel={() => setOpen(false)} onOk={() => void submit()} confirmLoading={creating.loading} okText={t('common.create')} cancelText={t('common.cancel')} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ role: 'VIEWER' }}>
          <Form.Item name="name" label={t('settings.tokens.name')} extra={t('settings.tokens.nameHint')} rules={[{ required: true, pattern: /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, message: t('settings.tokens.nameHint') }]}>
            <Input />
          </Form.Item>
          <Form.Item name="role" label={t('settings.users.role')} rules={[{ required: true }]}>
            <Select options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
          </Form.Item>
          <Form.Item name="userEmail" label={t('settings.tokens.actsFor')} extra={t('settings.tokens.actsForHint')}>
            <Input type="email" />
          </Form.Item>
          <Form.Item name="region" label={t('settings.users.region')}>
            <Input />
          </Form.Item>
          <Form.Item name="expiresInDays" label={t('settings.tokens.expiresInDays')}>
            <InputNumber min={1} max={3650} style={{ width: '100%' }} />
          </Form.Item>
        </Form>
        <InlineError error={creating.error} />
      </Modal>
    </>
  );
}
