import { createBrowserRouter, Navigate } from 'react-router';
import { Shell } from './Shell';
import { NotFound, RouteError } from '../pages/NotFound';

// Every screen is its own chunk, loaded when first visited.
export const router = createBrowserRouter([
  {
    path: '/',
    element: <Shell />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <Navigate to="/accounts" replace /> },
      { path: 'accounts', lazy: async () => ({ Component: (await import('../pages/accounts/AccountsPage')).AccountsPage }) },
      { path: 'accounts/:id', lazy: async () => ({ Component: (await import('../pages/account/AccountPage')).AccountPage }) },
      { path: 'alerts', lazy: async () => ({ Component: (await import('../pages/alerts/AlertsPage')).AlertsPage }) },
      { path: 'notifications', lazy: async () => ({ Component: (await import('../pages/notifications/NotificationsPage')).NotificationsPage }) },
      { path: '*', element: <NotFound /> },
    ],
  },
]);
