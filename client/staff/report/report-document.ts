/**
 * The lägesbild as a document: headings, paragraphs, lists, tables and charts, in order. One model,
 * two renderings: the print page (ReportView, HTML and SVG) and the Word file (reportDocx). Every
 * number in it comes from the server (the analysis, the trend, the fieldwork facts); this is wording.
 */
import type { DarkFigureRow, PrevalenceRow } from '../components/analysis/AnalysisCharts';

/** One campaign's estimate on the time axis. */
export interface TrendPoint {
  readonly label: string;
  readonly proportion: number | null;
  readonly ci: readonly [number, number] | null;
  readonly note?: string;
}

/** A line of the trend chart: an indicator (or group) over the campaigns. */
export interface TrendSeries {
  readonly label: string;
  readonly points: readonly TrendPoint[];
}

export type ReportChart =
  | { readonly type: 'prevalence'; readonly level: number; readonly rows: readonly PrevalenceRow[] }
  | { readonly type: 'darkFigure'; readonly rows: readonly DarkFigureRow[] }
  | { readonly type: 'trend'; readonly level: number; readonly series: readonly TrendSeries[] };

export interface ReportColumn {
  readonly label: string;
  readonly numeric?: boolean;
}

export type ReportBlock =
  | { readonly kind: 'heading'; readonly level: 1 | 2 | 3; readonly text: string }
  | { readonly kind: 'paragraph'; readonly text: string; readonly tone?: 'lead' | 'muted' | 'notice' }
  | { readonly kind: 'bullets'; readonly items: readonly string[]; readonly testId?: string }
  | { readonly kind: 'table'; readonly caption: string; readonly columns: readonly ReportColumn[]; readonly rows: readonly (readonly string[])[]; readonly testId?: string }
  | { readonly kind: 'chart'; readonly id: string; readonly title: string; readonly description: string; readonly chart: ReportChart };

/** A section of the report: its blocks, with a test id for the browser tests. */
export interface ReportSection {
  readonly id: string;
  readonly blocks: readonly ReportBlock[];
}

export interface ReportDocument {
  readonly title: string;
  /** Shown under the title: kommun, date, the survey. */
  readonly meta: readonly string[];
  readonly sections: readonly ReportSection[];
}
