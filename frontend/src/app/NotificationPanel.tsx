import { Badge, Button, Empty, List, Skeleton, Typography } from 'antd';
import { useMutation, useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { MarkNotificationsReadDocument, RecentNotificationsDocument } from '../gql/graphql';
import { fromNow } from './format';
import { useWriteFeedback } from './errors';
import { InlineError } from './InlineError';

/* GraphQL */ `
  query RecentNotifications {
    myNotifications(first: 6) {
      edges { node { id kind title body createdAt readAt entityType entityID } }
    }
  }
`;
const Recent = RecentNotificationsDocument;

/* GraphQL */ `
  mutation MarkNotificationsRead($ids: [ID!], $all: Boolean) {
    markNotificationsRead(ids: $ids, all: $all) { marked unreadCount }
  }
`;
export const MarkRead = MarkNotificationsReadDocument;

/** The bell's panel: the latest notifications and "mark all read". */
export function NotificationPanel() {
  const { t } = useTranslation();
  const feedback = useWriteFeedback();
  const { data, loading, error } = useQuery(Recent, { fetchPolicy: 'network-only' });
  const [mark] = useMutation(MarkRead, { refetchQueries: ['UnreadCount', 'RecentNotifications'] });
  const items = data?.myNotifications.edges?.flatMap((e) => (e?.node ? [e.node] : [])) ?? [];
  return (
    <div style={{ width: 380 }} data-testid="notification-panel">
      <div style={{ display: 'flex', justifyContent: 'space-between', marginBottom: 8 }}>
        <Typography.Text strong>{t('notifications.title')}</Typography.Text>
        <Button size="small" type="link" onClick={() => mark({ variables: { all: true } }).catch((e) => feedback.fail(e))}>
          {t('notifications.markAll')}
        </Button>
      </div>
      {error ? (
        <InlineError error={error} />
      ) : loading && !data ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : items.length === 0 ? (
        <Empty description={t('notifications.empty')} />
      ) : (
        <List
          size="small"
          style={{ maxHeight: 420, overflowY: 'auto' }}
          dataSource={items}
          renderItem={(n) => (
            <List.Item style={{ opacity: n.readAt ? 0.65 : 1 }}>
              <List.Item.Meta
                title={
                  <span>
                    {!n.readAt && <Badge status="processing" />} {n.title}
                  </span>
                }
                description={
                  <>
                    {n.body && <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }}>{n.body}</Typography.Paragraph>}
                    <Typography.Text type="secondary">{fromNow(n.createdAt)}</Typography.Text>
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
      <div style={{ textAlign: 'center', marginTop: 8 }}>
        <Link to="/notifications">{t('notifications.all')}</Link>
      </div>
    </div>
  );
}
