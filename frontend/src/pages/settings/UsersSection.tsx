import { useState } from 'react';
import { Button, Empty, Flex, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery } from '@apollo/client/react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AssignRoleDocument, RevokeRoleDocument, SetUserActiveDocument, SettingsUsersDocument } from '../../gql/graphql';
import type { RoleAssignmentRole, SettingsUsersQuery } from '../../gql/graphql';
import { fromNow } from '../../app/format';
import { ErrorState, useWriteFeedback } from '../../app/errors';
import { InlineError } from '../../app/InlineError';
import { useMe } from '../../app/session';

/* GraphQL */ `
  query SettingsUsers($where: UserWhereInput) {
    users(first: 100, where: $where, orderBy: { field: EMAIL }) {
      totalCount
      edges { node { id email name title region active lastLoginAt roleAssignments { id role region source } } }
    }
  }
`;
/* GraphQL */ `
  mutation AssignRole($input: AssignRoleInput!) {
    assignRole(input: $input) { id role region }
  }
`;
/* GraphQL */ `
  mutation RevokeRole($id: ID!, $reason: String!) {
    revokeRole(id: $id, reason: $reason)
  }
`;
/* GraphQL */ `
  mutation SetUserActive($id: ID!, $active: Boolean!, $reason: String!) {
    setUserActive(id: $id, active: $active, reason: $reason) { id active }
  }
`;

type User = NonNullable<NonNullable<NonNullable<SettingsUsersQuery['users']['edges']>[number]>['node']>;
const ROLES: RoleAssignmentRole[] = ['ADMIN', 'EXECUTIVE', 'KEY_ACCOUNT_MANAGER', 'PARTNER_MANAGER', 'MEMBER', 'VIEWER'];
const REGIONS = ['EAST', 'NORTH', 'SOUTH', 'CENTRAL', 'WEST', 'NORTHEAST'];

/** Users and roles: assign or revoke a role (with a region and a reason), deactivate. */
export function UsersSection() {
  const { t } = useTranslation();
  const me = useMe();
  const feedback = useWriteFeedback();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const where = q ? { or: [{ emailContainsFold: q }, { nameContainsFold: q }] } : undefined;
  const { data, previousData, loading, error, refetch } = useQuery(SettingsUsersDocument, { variables: { where } });
  const [assignRole, assigning] = useMutation(AssignRoleDocument);
  const [revokeRole] = useMutation(RevokeRoleDocument);
  const [setActive] = useMutation(SetUserActiveDocument);
  const [granting, setGranting] = useState<User | null>(null);
  const [pending, setPending] = useState<{ title: string; run: (reason: string) => Promise<unknown> } | null>(null);
  const [reasonForm] = Form.useForm<{ reason: string }>();
  const [grantForm] = Form.useForm<{ role: RoleAssignmentRole; region?: string; reason: string }>();
  const shown = data ?? previousData;
  const rows = (shown?.users.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  const role = Form.useWatch('role', grantForm);

  const withReason = (title: string, run: (reason: string) => Promise<unknown>) => {
    reasonForm.resetFields();
    setPending({ title, run });
  };
  const confirmReason = async () => {
    const v = await reasonForm.validateFields();
    try {
      await pending?.run(v.reason);
      setPending(null);
      await refetch();
      feedback.ok(t('settings.saved'));
    } catch (e) {
      feedback.fail(e);
    }
  };
  const grant = async () => {
    const v = await grantForm.validateFields();
    if (!granting) return;
    try {
      await assignRole({ variables: { input: { userID: granting.id, role: v.role, region: v.role === 'PARTNER_MANAGER' ? v.region || null : null, reason: v.reason } } });
      setGranting(null);
      grantForm.resetFields();
      await refetch();
      feedback.ok(t('settings.users.granted'));
    } catch {
      /* shown inline */
    }
  };

  if (error && !shown) return <ErrorState error={error} onRetry={() => void refetch()} />;
  return (
    <>
      <Flex gap={8} style={{ marginBottom: 12 }} role="search" aria-label={t('settings.users.search')}>
        <Input.Search allowClear style={{ width: 280 }} placeholder={t('settings.users.search')} aria-label={t('settings.users.search')} defaultValue={q}
          onSearch={(v) => setParams(v ? { q: v } : {})} data-testid="user-search" />
        {shown && <Typography.Text type="secondary">{t('settings.users.count', { count: shown.users.totalCount })}</Typography.Text>}
      </Flex>
      <Table<User>
        rowKey="id"
        size="middle"
        loading={loading && !shown}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: <Empty description={t('settings.users.empty')} /> }}
        columns={[
          { title: t('settings.users.user'), render: (_: unknown, u) => <div><div>{u.name}</div><Typography.Text type="secondary">{u.email}</Typography.Text></div> },
          { title: t('settings.users.region'), width: 100, render: (_: unknown, u) => (u.region ? t(`region.${u.region}`, { defaultValue: u.region }) : '—') },
          {
            title: t('settings.users.roles'),
            render: (_: unknown, u) => (
              <Space size={4} wrap data-testid={`roles-${u.email}`}>
                {(u.roleAssignments ?? []).map((ra) => (
                  <Tag key={ra.id} closable={ra.source === 'LOCAL'} closeIcon={<span aria-label={t('settings.users.revoke')}>×</span>}
                    onClose={(e) => {
                      e.preventDefault();
                      withReason(t('settings.users.revokeTitle', { role: t(`roles.${ra.role}`), user: u.email }), (reason) => revokeRole({ variables: { id: ra.id, reason } }));
                    }}>
                    {t(`roles.${ra.role}`)}
                    {ra.region ? ` · ${t(`region.${ra.region}`, { defaultValue: ra.region })}` : ''}
                  </Tag>
                ))}
              </Space>
            ),
          },
          { title: t('settings.users.lastLogin'), width: 120, render: (_: unknown, u) => (u.lastLoginAt ? fromNow(u.lastLoginAt) : t('settings.users.never')) },
          {
            title: t('settings.users.status'),
            width: 90,
            render: (_: unknown, u) => (u.active ? <Tag color="green">{t('settings.users.active')}</Tag> : <Tag>{t('settings.users.inactive')}</Tag>),
          },
          {
            title: t('settings.actions'),
            width: 200,
            render: (_: unknown, u) => (
              <Space>
                <Button size="small" onClick={() => setGranting(u)} data-testid={`grant-${u.email}`}>
                  {t('settings.users.grant')}
                </Button>
                {u.id !== String(me.id) && (
                  <Button size="small" danger={u.active}
                    onClick={() => withReason(u.active ? t('settings.users.deactivateTitle', { user: u.email }) : t('settings.users.reactivateTitle', { user: u.email }), (reason) => setActive({ variables: { id: u.id, active: !u.active, reason } }))}>
                    {u.active ? t('settings.users.deactivate') : t('settings.users.reactivate')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal open={!!granting} title={t('settings.users.grantTitle', { user: granting?.email ?? '' })} onCancel={() => setGranting(null)} onOk={() => void grant()} confirmLoading={assigning.loading}
        okText={t('settings.users.grant')} cancelText={t('common.cancel')} destroyOnHidden>
        <Form form={grantForm} layout="vertical">
          <Form.Item name="role" label={t('settings.users.role')} rules={[{ required: true, message: t('common.required') }]}>
            <Select options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
          </Form.Item>
          {role === 'PARTNER_MANAGER' && (
            <Form.Item name="region" label={t('settings.users.region')} extra={t('settings.users.regionHint')}>
              <Select allowClear options={REGIONS.map((r) => ({ value: r, label: t(`region.${r}`) }))} />
            </Form.Item>
          )}
          <Form.Item name="reason" label={t('settings.reason')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
        <InlineError error={assigning.error} />
      </Modal>
      <Modal open={!!pending} title={pending?.title} onCancel={() => setPending(null)} onOk={() => void confirmReason()} okText={t('settings.confirm')} cancelText={t('common.cancel')} destroyOnHidden>
        <Form form={reasonForm} layout="vertical">
          <Form.Item name="reason" label={t('settings.reason')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
