import { createBrowserRouter, Navigate } from 'react-router';
import { Shell } from './Shell';
import { RouteError } from './RouteError';
import { AREAS } from './areas';

// Every screen is its own chunk, loaded when first visited; each area
// (src/app/areas/) lists its own routes.
export const router = createBrowserRouter([
  {
    path: '/',
    element: <Shell />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <Navigate to="/accounts" replace /> },
      ...AREAS.flatMap((a) => a.routes),
      { path: '*', lazy: async () => ({ Component: (await import('../pages/NotFound')).NotFound }) },
    ],
  },
]);
