import type { Area } from './types';

// The settings area: its screens join here as they are built.
export const settingsArea: Area = {
  routes: [],
  nav: () => [],
};
