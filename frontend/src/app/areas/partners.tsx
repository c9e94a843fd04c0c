import type { Area } from './types';

// The partners area: its screens join here as they are built.
export const partnersArea: Area = {
  routes: [],
  nav: () => [],
};
