import type { ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import type { Me } from '../session';

// One entry in the top navigation. `extra` is shown after the label (e.g.
// the approvals count).
export interface NavItem {
  key: string;
  label: string;
  icon: ReactNode;
  extra?: ReactNode;
}

// An area of the app: its routes (lazy, so each screen is its own chunk) and
// the navigation items a signed-in person sees for it. Each area lives in its
// own file so the teams building them do not edit one shared list.
export interface Area {
  routes: RouteObject[];
  nav: (me: Me, t: (key: string) => string) => NavItem[];
}
