import { useState } from 'react';
import { Button, Empty, Flex, Form, Input, Modal, Popconfirm, Rate, Select, Skeleton, Space, Switch, Tag, Tree, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { AccountContactsDocument, CreateContactDocument, MarkContactLeftDocument, UpdateContactDocument } from '../../gql/graphql';
import type { AccountContactsQuery } from '../../gql/graphql';
import { ErrorState, useWriteFeedback } from '../../app/errors';
import { canEdit, useMe } from '../../app/session';
import { fromNow } from '../../app/format';

/* GraphQL */ `
  query AccountContacts($id: ID!) {
    node(id: $id) {
      ... on Account {
        id
        contacts(first: 200, orderBy: [{ field: NAME, direction: ASC }]) {
          edges { node { id name title department email phone buyingRole attitude relationshipStrength reportsToID active leftAt lastTouchedAt } }
        }
      }
    }
  }
`;
const AccountContacts = AccountContactsDocument;
/* GraphQL */ `mutation CreateContact($input: CreateContactInput!) { createContact(input: $input) { id } }`;
const CreateContact = CreateContactDocument;
/* GraphQL */ `mutation UpdateContact($id: ID!, $input: UpdateContactInput!) { updateContact(id: $id, input: $input) { id } }`;
const UpdateContact = UpdateContactDocument;
/* GraphQL */ `mutation MarkContactLeft($id: ID!) { markContactLeft(id: $id) { id active leftAt } }`;
const MarkLeft = MarkContactLeftDocument;

type Contact = NonNullable<NonNullable<NonNullable<Extract<NonNullable<AccountContactsQuery['node']>, { id: string }>['contacts']['edges']>[number]>['node']>;
const ROLES = ['DECISION_MAKER', 'INFLUENCER', 'USER', 'GATEKEEPER', 'APPROVER'];
const ATTITUDES = ['SUPPORTER', 'NEUTRAL', 'OPPONENT'];
const ATT_COLOR: Record<string, string> = { SUPPORTER: 'green', NEUTRAL: 'default', OPPONENT: 'red' };

interface TreeNode { key: string; title: React.ReactNode; children: TreeNode[] }

/** The stakeholder map: the org chart drawn from reports-to. */
export function StakeholdersTab({ accountId }: { accountId: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const feedback = useWriteFeedback();
  const { data, loading, error, refetch } = useQuery(AccountContacts, { variables: { id: accountId } });
  const [editing, setEditing] = useState<Contact | 'new' | null>(null);
  const [showLeft, setShowLeft] = useState(false);
  const [markLeft] = useMutation(MarkLeft, { refetchQueries: ['AccountContacts'] });
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (loading && !data) return <Skeleton active />;
  const node = data?.node && 'contacts' in data.node ? data.node : null;
  const all = (node?.contacts.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  const contacts = all.filter((c) => showLeft || c.active);
  const editable = canEdit(me);

  const byId = new Map(contacts.map((c) => [c.id, c]));
  const nodes = new Map<string, TreeNode>();
  const label = (c: Contact) => (
    <Flex gap={8} align="center" wrap data-testid="contact">
      <strong>{c.name}</strong>
      {c.title && <span>{c.title}</span>}
      {c.buyingRole && <Tag color="blue">{t(`buyingRole.${c.buyingRole}`)}</Tag>}
      <Tag color={ATT_COLOR[c.attitude]}>{t(`attitude.${c.attitude}`)}</Tag>
      <Rate disabled count={5} value={c.relationshipStrength} style={{ fontSize: 12 }} aria-label={t('contact.strength')} />
      {!c.active && <Tag>{t('contact.left')}</Tag>}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {c.lastTouchedAt ? t('contact.lastTouched', { when: fromNow(c.lastTouchedAt) }) : t('contact.neverTouched')}
      </Typography.Text>
      {editable && c.active && (
        <Space size={4}>
          <Button size="small" type="link" onClick={() => setEditing(c)}>{t('common.edit')}</Button>
          <Popconfirm title={t('contact.markLeftConfirm', { name: c.name })} okText={t('common.yes')} cancelText={t('common.no')} onConfirm={() => markLeft({ variables: { id: c.id } }).then(() => feedback.ok(t('contact.markedLeft'))).catch((e) => feedback.fail(e))}>
            <Button size="small" type="link" danger>{t('contact.markLeft')}</Button>
          </Popconfirm>
        </Space>
      )}
    </Flex>
  );
  contacts.forEach((c) => nodes.set(c.id, { key: c.id, title: label(c), children: [] }));
  const roots: TreeNode[] = [];
  contacts.forEach((c) => {
    const parent = c.reportsToID && byId.has(c.reportsToID) ? nodes.get(c.reportsToID) : undefined;
    (parent ? parent.children : roots).push(nodes.get(c.id)!);
  });

  return (
    <Flex vertical gap={12}>
      <Flex gap={12} align="center">
        {editable && <Button icon={<PlusOutlined />} onClick={() => setEditing('new')}>{t('contact.add')}</Button>}
        <Space>
          <Switch size="small" checked={showLeft} onChange={setShowLeft} aria-label={t('contact.showLeft')} />
          <span>{t('contact.showLeft')}</span>
        </Space>
      </Flex>
      {contacts.length === 0 ? (
        <Empty description={editable ? t('contact.emptyCanAdd') : t('contact.empty')} />
      ) : (
        <Tree treeData={roots} defaultExpandAll selectable={false} blockNode showLine />
      )}
      <ContactModal accountId={accountId} contact={editing} others={all.filter((c) => c.active)} onClose={() => setEditing(null)} />
    </Flex>
  );
}

function ContactModal({ accountId, contact, others, onClose }: { accountId: string; contact: Contact | 'new' | null; others: Contact[]; onClose: () => void }) {
  const { t } = useTranslation();
  const feedback = useWriteFeedback();
  const [form] = Form.useForm();
  const [create, c1] = useMutation(CreateContact, { refetchQueries: ['AccountContacts'] });
  const [update, c2] = useMutation(UpdateContact, { refetchQueries: ['AccountContacts'] });
  const isNew = contact === 'new';
  const existing = contact && contact !== 'new' ? contact : null;
  return (
    <Modal open={!!contact} title={isNew ? t('contact.add') : t('contact.edit')} onCancel={onClose} onOk={() => form.submit()} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={c1.loading || c2.loading} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={existing ? { ...existing } : { attitude: 'NEUTRAL', relationshipStrength: 3 }}
        onFinish={(v) => {
          const input = { name: v.name, title: v.title || undefined, department: v.department || undefined, email: v.email || undefined, phone: v.phone || undefined, buyingRole: v.buyingRole || undefined, attitude: v.attitude, relationshipStrength: v.relationshipStrength, reportsToID: v.reportsToID || undefined };
          const p = existing ? update({ variables: { id: existing.id, input: { ...input, clearReportsTo: !v.reportsToID, clearBuyingRole: !v.buyingRole } } }) : create({ variables: { input: { ...input, accountID: accountId } } });
          p.then(() => { feedback.ok(t('common.saved')); onClose(); }).catch((e) => feedback.fail(e));
        }}
      >
        <Form.Item name="name" label={t('contact.name')} rules={[{ required: true, message: t('common.required') }]}><Input /></Form.Item>
        <Form.Item name="title" label={t('contact.title')}><Input /></Form.Item>
        <Form.Item name="department" label={t('contact.department')}><Input /></Form.Item>
        <Form.Item name="email" label={t('contact.email')}><Input type="email" /></Form.Item>
        <Form.Item name="phone" label={t('contact.phone')}><Input /></Form.Item>
        <Form.Item name="buyingRole" label={t('contact.buyingRole')}><Select allowClear options={ROLES.map((r) => ({ value: r, label: t(`buyingRole.${r}`) }))} /></Form.Item>
        <Form.Item name="attitude" label={t('contact.attitude')}><Select options={ATTITUDES.map((r) => ({ value: r, label: t(`attitude.${r}`) }))} /></Form.Item>
        <Form.Item name="relationshipStrength" label={t('contact.strength')}><Rate count={5} /></Form.Item>
        <Form.Item name="reportsToID" label={t('contact.reportsTo')}>
          <Select allowClear options={others.filter((o) => o.id !== existing?.id).map((o) => ({ value: o.id, label: o.name }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
