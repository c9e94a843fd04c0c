import { AlertOutlined, BellOutlined, TeamOutlined } from '@ant-design/icons';
import type { Area } from './types';

// The key-account manager's workspace: every member of staff works from
// accounts, alerts and notifications.
export const workspaceArea: Area = {
  routes: [
    { path: 'accounts', lazy: async () => ({ Component: (await import('../../pages/accounts/AccountsPage')).AccountsPage }) },
    { path: 'accounts/:id', lazy: async () => ({ Component: (await import('../../pages/account/AccountPage')).AccountPage }) },
    { path: 'alerts', lazy: async () => ({ Component: (await import('../../pages/alerts/AlertsPage')).AlertsPage }) },
    { path: 'notifications', lazy: async () => ({ Component: (await import('../../pages/notifications/NotificationsPage')).NotificationsPage }) },
  ],
  nav: (_me, t) => [
    { key: '/accounts', label: t('nav.accounts'), icon: <TeamOutlined /> },
    { key: '/alerts', label: t('nav.alerts'), icon: <AlertOutlined /> },
    { key: '/notifications', label: t('nav.notifications'), icon: <BellOutlined /> },
  ],
};
