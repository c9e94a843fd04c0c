import { lazy, Suspense } from 'react';
import { Button, Popover, Skeleton } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { UnreadCountDocument } from '../gql/graphql';

// The panel (a list of the latest notifications) loads when first opened.
const Panel = lazy(async () => ({ default: (await import('./NotificationPanel')).NotificationPanel }));

/* GraphQL */ `
  query UnreadCount { unreadNotificationCount }
`;
export const UnreadCount = UnreadCountDocument;

/** The bell with the unread count; its panel lists the latest notifications. */
export function NotificationBell() {
  const { t } = useTranslation();
  const count = useQuery(UnreadCount, { pollInterval: 60_000 });
  const unread = count.data?.unreadNotificationCount ?? 0;
  return (
    <Popover trigger="click" placement="bottomRight" content={
        <Suspense fallback={<Skeleton active paragraph={{ rows: 3 }} style={{ width: 380 }} />}>
          <Panel />
        </Suspense>
      } destroyOnHidden>
      <Button type="text" aria-label={t('notifications.bell', { count: unread })} data-testid="bell" style={{ color: '#fff' }}>
        {/* A plain count: antd's Badge (animated digits) costs 5 KB gzip on the first screen. */}
        <span className="bell">
          <BellOutlined style={{ fontSize: 18, color: '#fff' }} />
          {unread > 0 && <span className="bell-count">{unread > 99 ? '99+' : unread}</span>}
        </span>
      </Button>
    </Popover>
  );
}

