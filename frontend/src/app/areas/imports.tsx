import type { Area } from './types';

// The imports area: its screens join here as they are built.
export const importsArea: Area = {
  routes: [],
  nav: () => [],
};
