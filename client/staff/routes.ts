import type { ComponentType } from 'react';
import { CampaignListPage } from './pages/CampaignListPage';
import { RegistrationLinkPage } from './pages/RegistrationLinkPage';
import { RegistrationPage } from './pages/RegistrationPage';
import { ScreeningAnalysisPage } from './pages/ScreeningAnalysisPage';
import { ScreeningCampaignPage } from './pages/ScreeningCampaignPage';
import { ScreeningListPage } from './pages/ScreeningListPage';
import { ScreeningReportPage } from './pages/ScreeningReportPage';
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
  { pattern: '/kartlaggning', navLabel: 'Kartläggningsmånad', title: 'Kartläggningsmånad', component: ScreeningListPage },
  { pattern: '/kartlaggning/:id', title: 'Kartläggningsmånad', component: ScreeningCampaignPage },
  { pattern: '/kartlaggning/:id/registrera', title: 'Registrera kontakt', component: RegistrationPage },
  { pattern: '/kartlaggning/:id/analys', title: 'Analys av kartläggningsmånad', component: ScreeningAnalysisPage },
  { pattern: '/kartlaggning/:id/rapport', title: 'Sammanfattning för nämnden', component: ScreeningReportPage },
  { pattern: '/registrera/:token', title: 'Registrera kontakter', component: RegistrationLinkPage },
];
