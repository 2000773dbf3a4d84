import type { Allocation } from '../../../domain/sampling/allocate-sample';
import { count, valueLabel, variableLabel } from '../pages/fieldwork-api';

const STRATUM_VARIABLES = ['kon', 'aldersgrupp', 'omrade'] as const;

const percent = (value: number) => `${value.toLocaleString('sv-SE', { maximumFractionDigits: 1 })} %`;

/** A stratum value as the analyst knows it: område by its name, kön and åldersgrupp in words (domain/value-labels). */
export function stratumValueLabel(variable: string, value: string, areaNames: ReadonlyMap<string, string>): string {
  return valueLabel(variable, value, variable === 'omrade' ? areaNames : undefined);
}

/** Per område: population, letters, expected responses and margin of error. */
export function AreaAllocationTable({ allocation, areaNames }: { allocation: Allocation; areaNames: ReadonlyMap<string, string> }) {
  return (
    <div className="table-wrap" data-testid="allocation-omraden">
      <table className="data-table compact">
        <caption>Per område: väntade svar och felmarginal</caption>
        <thead>
          <tr>
            <th scope="col">Område</th>
            <th scope="col" className="num">Befolkning</th>
            <th scope="col" className="num">Brev</th>
            <th scope="col" className="num">Väntade svar</th>
            <th scope="col" className="num">Väntad felmarginal (95 %)</th>
          </tr>
        </thead>
        <tbody>
          {allocation.omraden.map((o) => (
            <tr key={o.omrade}>
              <th scope="row">{areaNames.get(o.omrade) ?? o.omrade}</th>
              <td className="num">{count(o.N)}</td>
              <td className="num">{count(o.n)}</td>
              <td className="num">{o.expectedResponses === null ? '–' : count(Math.round(o.expectedResponses))}</td>
              <td className="num">{o.expectedHalfWidth === null ? '–' : `± ${(o.expectedHalfWidth * 100).toLocaleString('sv-SE', { maximumFractionDigits: 1 })} procentenheter`}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Totalt</th>
            <td className="num">{count(allocation.N)}</td>
            <td className="num" data-testid="allocation-total">{count(allocation.n)}</td>
            <td className="num">{allocation.expectedResponseRate === null ? '–' : count(Math.round(allocation.n * allocation.expectedResponseRate))}</td>
            <td />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

/** Per stratum: N_h, n_h and the sampling fraction. */
export function StratumAllocationTable({ allocation, areaNames }: { allocation: Allocation; areaNames: ReadonlyMap<string, string> }) {
  return (
    <details className="allocation-details">
      <summary>Fördelning per stratum ({allocation.strata.length})</summary>
      <div className="table-wrap" data-testid="allocation-table">
        <table className="data-table compact">
          <caption>
            Fördelning: {count(allocation.n)} brev i {allocation.strata.length} strata
          </caption>
          <thead>
            <tr>
              {STRATUM_VARIABLES.map((v) => (
                <th key={v} scope="col">
                  {variableLabel(v)}
                </th>
              ))}
              <th scope="col" className="num">
                Befolkning (N<sub>h</sub>)
              </th>
              <th scope="col" className="num">
                Brev (n<sub>h</sub>)
              </th>
              <th scope="col" className="num">
                Andel
              </th>
            </tr>
          </thead>
          <tbody>
            {allocation.strata.map((row) => (
              <tr key={`${row.stratum.kon}|${row.stratum.aldersgrupp}|${row.stratum.omrade}`}>
                {STRATUM_VARIABLES.map((v) => (
                  <td key={v}>{stratumValueLabel(v, row.stratum[v], areaNames)}</td>
                ))}
                <td className="num">{count(row.N)}</td>
                <td className="num">{count(row.n)}</td>
                <td className="num">{percent((100 * row.n) / row.N)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
