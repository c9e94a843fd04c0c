import { executiveArea } from './executive';
import { importsArea } from './imports';
import { partnersArea } from './partners';
import { settingsArea } from './settings';
import type { Area } from './types';
import { workspaceArea } from './workspace';

// The app's areas in navigation order.
export const AREAS: Area[] = [workspaceArea, executiveArea, partnersArea, importsArea, settingsArea];
