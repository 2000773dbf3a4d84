import type { ComponentType } from 'react';
import { CampaignListPage } from './pages/CampaignListPage';
import type { Match } from './router';

export interface RouteDef {
  /** Relative to /arbetsyta. */
  pattern: string;
  /** Shown in the navigation when set. */
  navLabel?: string;
  /** Browser tab title. */
  title: string;
  component: ComponentType<{ match: Match }>;
}

/**
 * The workspace's pages. Add a page: create client/staff/pages/XPage.tsx
 * and list it here (e.g. '/kampanjer/:id', '/mallar', '/kartlaggning').
 */
export const routes: RouteDef[] = [
  { pattern: '/', navLabel: 'Kampanjer', title: 'Kampanjer', component: CampaignListPage },
];
