import { SettingOutlined } from '@ant-design/icons';
import type { Area } from './types';

// The admin's settings: users and roles, service tokens, class policies,
// categories, the tier ladder, the audit log and background jobs. Every
// query and write behind them is admin-only on the server too.
export const settingsArea: Area = {
  routes: [
    { path: 'settings', lazy: async () => ({ Component: (await import('../../pages/settings/SettingsPage')).SettingsPage }) },
    { path: 'settings/:section', lazy: async () => ({ Component: (await import('../../pages/settings/SettingsPage')).SettingsPage }) },
  ],
  nav: (me, t) => (me.roles.includes('ADMIN') ? [{ key: '/settings', label: t('settings.nav'), icon: <SettingOutlined /> }] : []),
};
