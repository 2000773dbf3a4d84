/** The lägesbild on the page and in print: the report document's blocks as HTML, its charts as SVG. */
import { DarkFigureChart, PrevalenceChart } from '../components/analysis/AnalysisCharts';
import { TrendChart } from '../components/analysis/TrendChart';
import type { ReportBlock, ReportDocument } from './report-document';

function Block({ block }: { block: ReportBlock }) {
  switch (block.kind) {
    case 'heading':
      return block.level === 2 ? <h2>{block.text}</h2> : block.level === 3 ? <h3>{block.text}</h3> : <h1>{block.text}</h1>;
    case 'paragraph':
      return <p className={block.tone === 'lead' ? 'an-lead' : block.tone === 'muted' ? 'an-muted' : block.tone === 'notice' ? 'notice' : undefined}>{block.text}</p>;
    case 'bullets':
      return (
        <ul className="an-facts" data-testid={block.testId}>
          {block.items.map((item, i) => (
            <li key={i}>{item}</li>
          ))}
        </ul>
      );
    case 'table':
      return (
        <div className="table-wrap" role="region" aria-label={block.caption} tabIndex={0}>
          <table className="data-table an-table" data-testid={block.testId}>
            <caption>{block.caption}</caption>
            <thead>
              <tr>
                {block.columns.map((c) => (
                  <th key={c.label} scope="col" className={c.numeric ? 'an-num' : undefined}>
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {block.rows.map((row, r) => (
                <tr key={r}>
                  {row.map((cell, i) =>
                    i === 0 ? (
                      <th key={i} scope="row">
                        {cell}
                      </th>
                    ) : (
                      <td key={i} className={block.columns[i]?.numeric ? 'an-num' : 'an-notes'}>
                        {cell}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    case 'chart': {
      const chart = block.chart;
      return (
        <div className="an-chart-scroll" role="region" aria-label={`Diagram: ${block.title}`} tabIndex={0}>
          {chart.type === 'prevalence' ? (
            <PrevalenceChart rows={[...chart.rows]} title={block.title} testId={block.id} level={chart.level} />
          ) : chart.type === 'darkFigure' ? (
            <DarkFigureChart rows={[...chart.rows]} title={block.title} testId={block.id} />
          ) : (
            <TrendChart series={chart.series} title={block.title} testId={block.id} level={chart.level} />
          )}
        </div>
      );
    }
  }
}

export function ReportView({ doc }: { doc: ReportDocument }) {
  return (
    <article className="an-lagesbild" data-testid="lagesbild">
      <header className="an-report-header">
        <h1>{doc.title}</h1>
        {doc.meta.map((line) => (
          <p key={line} className="an-muted">
            {line}
          </p>
        ))}
      </header>
      {doc.sections.map((section) => (
        <section key={section.id} className="an-panel an-report-section" data-testid={`lagesbild-${section.id}`}>
          {section.blocks.map((block, i) => (
            <Block key={i} block={block} />
          ))}
        </section>
      ))}
    </article>
  );
}
