import { ShopOutlined } from '@ant-design/icons';
import type { Area } from './types';

// The partners area: partner managers grade distributors; executives and
// admins read them all (executives approve the top two tiers, admins run
// re-evaluations). The server's row rules limit a partner manager to their
// regions; this only decides who sees the navigation item.
export const partnersArea: Area = {
  routes: [
    { path: 'partners', lazy: async () => ({ Component: (await import('../../pages/partners/PartnersPage')).PartnersPage }) },
    { path: 'partners/runs', lazy: async () => ({ Component: (await import('../../pages/partners/RunsPage')).RunsPage }) },
    { path: 'partners/:id', lazy: async () => ({ Component: (await import('../../pages/partners/PartnerPage')).PartnerPage }) },
  ],
  nav: (me, t) =>
    me.roles.some((r) => r === 'PARTNER_MANAGER' || r === 'EXECUTIVE' || r === 'ADMIN')
      ? [{ key: '/partners', label: t('partners.nav'), icon: <ShopOutlined /> }]
      : [],
};
