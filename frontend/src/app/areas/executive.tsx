import { AuditOutlined, CheckSquareOutlined, DashboardOutlined, ExperimentOutlined } from '@ant-design/icons';
import type { Area } from './types';
import { isExecutive } from '../session';
import { ApprovalsBadge } from '../../pages/executive/ApprovalsBadge';

// The executive console: executives and admins see the portfolio, the one
// approvals queue (with its count in the navigation) and review cycles;
// admins also own the grading models. The server decides every read and
// write; this only decides what is offered.
export const executiveArea: Area = {
  routes: [
    { path: 'portfolio', lazy: async () => ({ Component: (await import('../../pages/executive/PortfolioPage')).PortfolioPage }) },
    { path: 'approvals', lazy: async () => ({ Component: (await import('../../pages/executive/ApprovalsPage')).ApprovalsPage }) },
    { path: 'reviews', lazy: async () => ({ Component: (await import('../../pages/executive/ReviewsPage')).ReviewsPage }) },
    { path: 'reviews/:id', lazy: async () => ({ Component: (await import('../../pages/executive/ReviewPage')).ReviewPage }) },
    { path: 'models', lazy: async () => ({ Component: (await import('../../pages/executive/models/ModelsPage')).ModelsPage }) },
    { path: 'models/:id', lazy: async () => ({ Component: (await import('../../pages/executive/models/ModelsPage')).ModelsPage }) },
  ],
  nav: (me, t) => {
    if (!isExecutive(me)) return [];
    const items = [
      { key: '/portfolio', label: t('portfolio.nav'), icon: <DashboardOutlined /> },
      { key: '/approvals', label: t('approvals.nav'), icon: <CheckSquareOutlined />, extra: <ApprovalsBadge /> },
      { key: '/reviews', label: t('reviews.nav'), icon: <AuditOutlined /> },
    ];
    if (me.roles.includes('ADMIN')) items.push({ key: '/models', label: t('models.nav'), icon: <ExperimentOutlined /> });
    return items;
  },
};
