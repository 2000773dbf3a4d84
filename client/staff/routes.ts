import type { ComponentType } from 'react';
import { HomePage } from './pages/HomePage';
import { LettersPage } from './pages/LettersPage';
import { AnalysisPage } from './pages/AnalysisPage';
import { CampaignPage } from './pages/CampaignPage';
import { DataPage } from './pages/DataPage';
import { MonitorPage } from './pages/MonitorPage';
import { NewCampaignPage } from './pages/NewCampaignPage';
import { PaperEntryPage } from './pages/PaperEntryPage';
import { PrintPage } from './pages/PrintPage';
import { SamplingPage } from './pages/SamplingPage';
import { TemplateEditorPage } from './pages/TemplateEditorPage';
import { TemplateListPage } from './pages/TemplateListPage';
import { RegistrationLinkPage } from './pages/RegistrationLinkPage';
import { RegistrationPage } from './pages/RegistrationPage';
import { ScreeningAnalysisPage } from './pages/ScreeningAnalysisPage';
import { ScreeningCampaignPage } from './pages/ScreeningCampaignPage';
import { ScreeningListPage } from './pages/ScreeningListPage';
import { ScreeningReportPage } from './pages/ScreeningReportPage';
import { CountyComparisonPage } from './pages/CountyComparisonPage';
import { ClassesPage } from './pages/ClassesPage';
import { ClassSheetsPage } from './pages/ClassSheetsPage';
import { InventoryEntryPage } from './pages/InventoryEntryPage';
import { InventorySummaryPage } from './pages/InventorySummaryPage';
import { AdminPage } from './pages/AdminPage';
import { AuditLogPage } from './pages/AuditLogPage';
import { AccountPage } from './pages/AccountPage';
import type { Match } from './router';

export interface RouteDef {
  /** Relative to /arbetsyta. */
  pattern: string;
  /** Shown in the navigation when set. */
  navLabel?: string;
  /** The navigation entry is shown only to users with one of these roles. */
  navRoles?: readonly string[];
  /** Browser tab title. */
  title: string;
  component: ComponentType<{ match: Match }>;
}

/**
 * The workspace's pages. Add a page: create client/staff/pages/XPage.tsx
 * and list it here (e.g. '/kampanjer/:id', '/mallar', '/kartlaggning').
 */
export const routes: RouteDef[] = [
  { pattern: '/', navLabel: 'Undersökningar', navRoles: ['analyst'], title: 'Undersökningar', component: HomePage },
  { pattern: '/undersokningar/ny', title: 'Ny undersökning', component: NewCampaignPage },
  { pattern: '/undersokningar/:id', title: 'Undersökning', component: CampaignPage },
  { pattern: '/undersokningar/:id/urval', title: 'Urval', component: SamplingPage },
  { pattern: '/undersokningar/:id/klasser', title: 'Klasser', component: ClassesPage },
  { pattern: '/undersokningar/:id/klasser/blad', title: 'Lärarblad', component: ClassSheetsPage },
  { pattern: '/undersokningar/:id/brev', title: 'Brev och påminnelser', component: LettersPage },
  { pattern: '/undersokningar/:id/uppfoljning', title: 'Uppföljning av svaren', component: MonitorPage },
  { pattern: '/undersokningar/:id/pappersenkater', title: 'Pappersenkäter', component: PaperEntryPage },
  { pattern: '/undersokningar/:id/utskrift', title: 'Utskrift av enkäten', component: PrintPage },
  { pattern: '/undersokningar/:id/data', title: 'Data och export', component: DataPage },
  { pattern: '/undersokningar/:id/analys', title: 'Analys', component: AnalysisPage },
  { pattern: '/mallar', navLabel: 'Enkätmallar', navRoles: ['analyst'], title: 'Enkätmallar', component: TemplateListPage },
  { pattern: '/mallar/:id', title: 'Redigera mall', component: TemplateEditorPage },
  { pattern: '/kartlaggning', navLabel: 'Kartläggningsmånad', navRoles: ['analyst', 'screener'], title: 'Kartläggningsmånad', component: ScreeningListPage },
  { pattern: '/kartlaggning/:id', title: 'Kartläggningsmånad', component: ScreeningCampaignPage },
  { pattern: '/kartlaggning/:id/registrera', title: 'Registrera kontakt', component: RegistrationPage },
  { pattern: '/kartlaggning/:id/analys', title: 'Analys av kartläggningsmånad', component: ScreeningAnalysisPage },
  { pattern: '/kartlaggning/:id/rapport', title: 'Sammanfattning för nämnden', component: ScreeningReportPage },
  { pattern: '/kartlaggning/:id/inventera', title: 'Rapportera antal', component: InventoryEntryPage },
  { pattern: '/kartlaggning/:id/inventering', title: 'Inventering: sammanställning för nämnden', component: InventorySummaryPage },
  { pattern: '/registrera/:token', title: 'Registrera kontakter', component: RegistrationLinkPage },
  { pattern: '/lan/:lanKod', title: 'Jämförelse mellan kommuner', component: CountyComparisonPage },
  { pattern: '/admin', navLabel: 'Administration', navRoles: ['admin'], title: 'Administration', component: AdminPage },
  { pattern: '/admin/logg', title: 'Granskningslogg', component: AuditLogPage },
  { pattern: '/konto', title: 'Mitt konto', component: AccountPage },
];
