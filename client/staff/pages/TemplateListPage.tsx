import { Link } from '../router';
import { useApi } from '../useApi';
import type { TemplateSummary } from '../../../contracts/templates';

const kindLabels = { population: 'Befolkningsenkät', screening: 'Kartläggningsmånad' } as const;

export function TemplateListPage() {
  const templates = useApi<TemplateSummary[]>('/api/templates');
  return (
    <>
      <h1>Enkätmallar</h1>
      <p>
        Mallarna är enkäterna som undersökningarna bygger på. Öppna en mall för att se den som respondenterna ser den eller ändra den. Varje
        ändring sparas som en ny version; undersökningar som redan har skapats behåller sin version. Inbyggda mallar ändras inte: en ändring
        sparas som kommunens egen kopia.
      </p>
      {templates.state === 'loading' && <p role="status">Hämtar mallar…</p>}
      {templates.state === 'error' && (
        <p className="error-box" role="alert">
          {templates.message}
        </p>
      )}
      {templates.state === 'ready' && (
        <div className="table-wrap">
          <table className="data-table" data-testid="template-table">
            <caption className="visually-hidden">Enkätmallar</caption>
            <thead>
              <tr>
                <th scope="col">Mall</th>
                <th scope="col">Id</th>
                <th scope="col">Typ</th>
                <th scope="col" className="num">Senaste version</th>
              </tr>
            </thead>
            <tbody>
              {templates.data.map((t) => (
                <tr key={t.id}>
                  <th scope="row">
                    <Link to={`/arbetsyta/mallar/${encodeURIComponent(t.id)}`}>{t.title}</Link>
                  </th>
                  <td>
                    <code>{t.id}</code>
                  </td>
                  <td>{kindLabels[t.kind] ?? t.kind}</td>
                  <td className="num">{t.version}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
