import { Badge, Button, Card, Empty, Flex, List, Segmented, Skeleton, Typography } from 'antd';
import { useMutation, useQuery } from '@apollo/client/react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { MyNotificationsDocument } from '../../gql/graphql';
import { ErrorState, useWriteFeedback } from '../../app/errors';
import { dateTime } from '../../app/format';
import { normalizeLang } from '../../app/i18n';
import { MarkRead } from '../../app/NotificationPanel';

/* GraphQL */ `
  query MyNotifications($after: Cursor, $unreadOnly: Boolean) {
    myNotifications(first: 30, after: $after, unreadOnly: $unreadOnly) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id kind title body createdAt readAt } }
    }
  }
`;
const MyNotifications = MyNotificationsDocument;

export function NotificationsPage() {
  const { t, i18n } = useTranslation();
  const lang = normalizeLang(i18n.language);
  const feedback = useWriteFeedback();
  const [params, setParams] = useSearchParams();
  const unreadOnly = params.get('show') === 'unread';
  const { data, loading, error, refetch, fetchMore } = useQuery(MyNotifications, { variables: { unreadOnly } });
  const [mark] = useMutation(MarkRead, { refetchQueries: ['UnreadCount', 'MyNotifications'] });
  const items = (data?.myNotifications.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  return (
    <Card
      title={<Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>{t('notifications.title')}</Typography.Title>}
      extra={<Button onClick={() => mark({ variables: { all: true } }).catch((e) => feedback.fail(e))}>{t('notifications.markAll')}</Button>}
    >
      <Segmented
        style={{ marginBottom: 16 }}
        aria-label={t('notifications.which')}
        value={unreadOnly ? 'unread' : 'all'}
        onChange={(v) => setParams(v === 'unread' ? { show: 'unread' } : {})}
        options={[{ value: 'all', label: t('notifications.all') }, { value: 'unread', label: t('notifications.unread') }]}
      />
      {error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : loading && !data ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : items.length === 0 ? (
        <Empty description={t('notifications.empty')} />
      ) : (
        <Flex vertical>
          <List
            dataSource={items}
            renderItem={(n) => (
              <List.Item
                actions={n.readAt ? [] : [<Button key="r" size="small" type="link" onClick={() => mark({ variables: { ids: [n.id] } }).catch((e) => feedback.fail(e))}>{t('notifications.markRead')}</Button>]}
              >
                <List.Item.Meta
                  title={<span>{!n.readAt && <Badge status="processing" />} {n.title}</span>}
                  description={<><div style={{ whiteSpace: 'pre-wrap' }}>{n.body}</div><Typography.Text type="secondary">{dateTime(n.createdAt, lang)}</Typography.Text></>}
                />
              </List.Item>
            )}
          />
          {data?.myNotifications.pageInfo.hasNextPage && (
            <Button
              onClick={() =>
                void fetchMore({
                  variables: { after: data.myNotifications.pageInfo.endCursor },
                  updateQuery: (prev, { fetchMoreResult }) => ({
                    myNotifications: { ...fetchMoreResult.myNotifications, edges: [...(prev.myNotifications.edges ?? []), ...(fetchMoreResult.myNotifications.edges ?? [])] },
                  }),
                })
              }
            >
              {t('common.more')}
            </Button>
          )}
        </Flex>
      )}
    </Card>
  );
}
