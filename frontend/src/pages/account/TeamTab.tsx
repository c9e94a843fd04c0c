import { Alert, Empty, Flex, Skeleton, Table, Tag } from 'antd';
import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { AccountTeamDocument } from '../../gql/graphql';
import { ErrorState } from '../../app/errors';
import { date } from '../../app/format';
import { normalizeLang } from '../../app/i18n';

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

/** Who works the account, with which access, and which roles the class policy still misses. */
export function TeamTab({ accountId, missing }: { accountId: string; missing: string[] }) {
  const { t, i18n } = useTranslation();
  const lang = normalizeLang(i18n.language);
  const { data, loading, error, refetch } = useQuery(AccountTeam, { variables: { id: accountId } });
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
          description={
            <span>
              {t('team.gapsHint')} {missing.map((r) => <Tag key={r} color="orange">{t(`teamRole.${r}`)}</Tag>)}
            </span>
          }
        />
      ) : (
        <Alert type="success" showIcon title={t('team.noGaps')} />
      )}
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={members}
        locale={{ emptyText: <Empty description={t('team.empty')} /> }}
        columns={[
          { title: t('team.member'), render: (_: unknown, m) => <span>{m.user.name} <span style={{ color: 'rgba(0,0,0,0.55)' }}>{m.user.email}</span></span> },
          { title: t('team.role'), dataIndex: 'role', render: (r: string) => t(`teamRole.${r}`) },
          { title: t('team.access'), dataIndex: 'accessLevel', render: (a: string) => <Tag color={a === 'EDIT' ? 'blue' : 'default'}>{t(`team.accessLevel.${a}`)}</Tag> },
          { title: t('team.since'), dataIndex: 'createdAt', render: (d: string) => date(d, lang) },
        ]}
      />
    </Flex>
  );
}
