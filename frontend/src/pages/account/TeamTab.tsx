import { useState } from 'react';
import { Alert, Button, Empty, Flex, Form, Input, Modal, Select, Skeleton, Table, Tag } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { AccountTeamDocument, AddTeamMemberDocument, RemoveTeamMemberDocument, TeamCandidatesDocument, UpdateTeamMemberDocument } from '../../gql/graphql';
import type { AccountTeamMemberAccessLevel, AccountTeamMemberRole } from '../../gql/graphql';
import { ErrorState, useWriteFeedback } from '../../app/errors';
import { date } from '../../app/format';
import { normalizeLang } from '../../app/i18n';
import { canEdit, useMe } from '../../app/session';

/* GraphQL */ `
  query AccountTeam($id: ID!) {
    node(id: $id) {
      ... on Account {
        id
        teamMembers { id role accessLevel createdAt user { id name email title } }
      }
    }
  }
`;
const AccountTeam = AccountTeamDocument;

/* GraphQL */ `
  query TeamCandidates {
    users(first: 200, orderBy: [{ field: NAME, direction: ASC }]) { edges { node { id name email } } }
  }
`;
/* GraphQL */ `mutation AddTeamMember($input: AddTeamMemberInput!) { addTeamMember(input: $input) { id } }`;
/* GraphQL */ `mutation UpdateTeamMember($id: ID!, $input: UpdateTeamMemberInput!) { updateTeamMember(id: $id, input: $input) { id role accessLevel } }`;
/* GraphQL */ `mutation RemoveTeamMember($id: ID!, $reason: String!) { removeTeamMember(id: $id, reason: $reason) }`;

const ROLES: AccountTeamMemberRole[] = ['EXECUTIVE_SPONSOR', 'ACCOUNT_MANAGER', 'SALES', 'PRESALES', 'SERVICE_MANAGER', 'CUSTOMER_SUCCESS', 'OTHER'];
const ACCESS: AccountTeamMemberAccessLevel[] = ['READ', 'EDIT'];
// After a change the header's coverage gaps (missing roles) change too.
const REFETCH = ['AccountTeam', 'AccountHeader'];

/** Who works the account, with which access, and which roles the class policy still misses; add, change or remove members. */
export function TeamTab({ accountId, missing }: { accountId: string; missing: string[] }) {
  const { t, i18n } = useTranslation();
  const lang = normalizeLang(i18n.language);
  const me = useMe();
  const editable = canEdit(me);
  const feedback = useWriteFeedback();
  const { data, loading, error, refetch } = useQuery(AccountTeam, { variables: { id: accountId } });
  const [adding, setAdding] = useState<AccountTeamMemberRole | 'new' | null>(null);
  const [removing, setRemoving] = useState<{ id: string; name: string } | null>(null);
  const [update] = useMutation(UpdateTeamMemberDocument, { refetchQueries: REFETCH });
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (loading && !data) return <Skeleton active />;
  const node = data?.node && 'teamMembers' in data.node ? data.node : null;
  const members = node?.teamMembers ?? [];
  return (
    <Flex vertical gap={12}>
      {missing.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          title={t('team.gaps')}
          data-testid="team-gaps"
          description={
            <span>
              {t('team.gapsHint')}{' '}
              {missing.map((r) =>
                editable ? (
                  <Button key={r} size="small" icon={<PlusOutlined />} onClick={() => setAdding(r as AccountTeamMemberRole)} style={{ marginInlineEnd: 4 }}>
                    {t(`teamRole.${r}`)}
                  </Button>
                ) : (
                  <Tag key={r} color="orange">
                    {t(`teamRole.${r}`)}
                  </Tag>
                ),
              )}
            </span>
          }
        />
      ) : (
        <Alert type="success" showIcon title={t('team.noGaps')} />
      )}
      {editable && (
        <Flex justify="end">
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding('new')} data-testid="add-team-member">
            {t('team.add')}
          </Button>
        </Flex>
      )}
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={members}
        locale={{ emptyText: <Empty description={t('team.empty')} /> }}
        columns={[
          { title: t('team.member'), render: (_: unknown, m) => <span>{m.user.name} <span style={{ color: 'rgba(0,0,0,0.55)' }}>{m.user.email}</span></span> },
          {
            title: t('team.role'),
            dataIndex: 'role',
            render: (r: AccountTeamMemberRole, m) =>
              editable ? (
                <Select
                  size="small"
                  style={{ minWidth: 140 }}
                  aria-label={t('team.roleOf', { name: m.user.name })}
                  value={r}
                  options={ROLES.map((v) => ({ value: v, label: t(`teamRole.${v}`) }))}
                  onChange={(role) => update({ variables: { id: m.id, input: { role, reason: t('team.changedInApp') } } }).then(() => feedback.ok(t('common.saved')), (e) => feedback.fail(e))}
                />
              ) : (
                t(`teamRole.${r}`)
              ),
          },
          { title: t('team.access'), dataIndex: 'accessLevel', render: (a: string) => <Tag color={a === 'EDIT' ? 'blue' : 'default'}>{t(`team.accessLevel.${a}`)}</Tag> },
          { title: t('team.since'), dataIndex: 'createdAt', render: (d: string) => date(d, lang) },
          ...(editable
            ? [
                {
                  title: <span className="sr-only">{t('team.remove')}</span>,
                  key: 'remove',
                  width: 60,
                  render: (_: unknown, m: (typeof members)[number]) => (
                    <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('team.removeWho', { name: m.user.name })} onClick={() => setRemoving({ id: m.id, name: m.user.name })} />
                  ),
                },
              ]
            : []),
        ]}
      />
      {adding && <AddMember accountId={accountId} role={adding === 'new' ? undefined : adding} onClose={() => setAdding(null)} />}
      {removing && <RemoveMember member={removing} onClose={() => setRemoving(null)} />}
    </Flex>
  );
}

function AddMember({ accountId, role, onClose }: { accountId: string; role?: AccountTeamMemberRole; onClose: () => void }) {
  const { t } = useTranslation();
  const feedback = useWriteFeedback();
  const [form] = Form.useForm();
  const users = useQuery(TeamCandidatesDocument, { fetchPolicy: 'cache-first' });
  const [add, { loading }] = useMutation(AddTeamMemberDocument, { refetchQueries: REFETCH, awaitRefetchQueries: true });
  const options = (users.data?.users.edges ?? []).flatMap((e) => (e?.node ? [{ value: e.node.id, label: `${e.node.name} (${e.node.email})` }] : []));
  return (
    <Modal
      open
      title={t('team.add')}
      okText={t('common.add')}
      cancelText={t('common.cancel')}
      confirmLoading={loading}
      onCancel={onClose}
      onOk={() =>
        form.validateFields().then((v) =>
          add({ variables: { input: { accountID: accountId, userID: v.userID, role: v.role, accessLevel: v.accessLevel, reason: v.reason } } }).then(
            () => {
              feedback.ok(t('team.added'));
              onClose();
            },
            (e) => feedback.fail(e),
          ),
        )
      }
    >
      <Form form={form} layout="vertical" initialValues={{ role: role ?? 'SALES', accessLevel: 'READ' }}>
        <Form.Item name="userID" label={t('team.member')} rules={[{ required: true, message: t('common.required') }]}>
          <Select showSearch optionFilterProp="label" loading={users.loading} options={options} />
        </Form.Item>
        <Form.Item name="role" label={t('team.role')} rules={[{ required: true, message: t('common.required') }]}>
          <Select options={ROLES.map((v) => ({ value: v, label: t(`teamRole.${v}`) }))} />
        </Form.Item>
        <Form.Item name="accessLevel" label={t('team.access')}>
          <Select options={ACCESS.map((v) => ({ value: v, label: t(`team.accessLevel.${v}`) }))} />
        </Form.Item>
        <Form.Item name="reason" label={t('team.reason')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RemoveMember({ member, onClose }: { member: { id: string; name: string }; onClose: () => void }) {
  const { t } = useTranslation();
  const feedback = useWriteFeedback();
  const [form] = Form.useForm();
  const [remove, { loading }] = useMutation(RemoveTeamMemberDocument, { refetchQueries: REFETCH, awaitRefetchQueries: true });
  return (
    <Modal
      open
      title={t('team.removeWho', { name: member.name })}
      okText={t('team.remove')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      confirmLoading={loading}
      onCancel={onClose}
      onOk={() =>
        form.validateFields().then((v) =>
          remove({ variables: { id: member.id, reason: v.reason } }).then(
            () => {
              feedback.ok(t('team.removed'));
              onClose();
            },
            (e) => feedback.fail(e),
          ),
        )
      }
    >
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label={t('team.reason')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
