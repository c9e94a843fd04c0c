import type { Area } from './types';

// The executive area: its screens join here as they are built.
export const executiveArea: Area = {
  routes: [],
  nav: () => [],
};
