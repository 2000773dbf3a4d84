import { useId, useState, type FormEvent } from 'react';
import { api, errorMessage } from '../api';
import { CampaignFrame } from '../components/CampaignFrame';
import { useRefreshingApi } from '../components/useRefreshingApi';
import { Link, type Match } from '../router';
import type { ClassInput, Classes } from '../../../contracts/classes';
import type { CampaignDetail } from '../../../contracts/fieldwork';
import { campaignPath, count } from './fieldwork-api';
import './classes.css';

/** "Klasser": the school classes of a class-link campaign, their links, and the teachers' sheets. */
export function ClassesPage({ match }: { match: Match }) {
  return (
    <CampaignFrame id={match.params.id} heading="Klasser">
      {(campaign) =>
        campaign.mode === 'classes' ? (
          <ClassList campaign={campaign} />
        ) : (
          <p className="notice">Den här undersökningen använder inte klasslänkar.</p>
        )
      }
    </CampaignFrame>
  );
}

/**
 * Classes typed one per line: `skola; klass; årskurs; elever`, e.g.
 * `Centralskolan; 9A; 9; 27`. Tabs work too (pasted from a spreadsheet).
 */
export function parseClassLines(text: string): { classes: ClassInput[]; errors: string[] } {
  const classes: ClassInput[] = [];
  const errors: string[] = [];
  const seen = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    const parts = line.split(/[;\t]/).map((part) => part.trim());
    const where = `Rad ${index + 1}`;
    if (parts.length !== 4) return errors.push(`${where}: skriv skola; klass; årskurs; antal elever (fyra delar, ${parts.length} hittades).`);
    const [skola, klass, arskurs, antal] = parts;
    if (!skola || !klass || !arskurs) return errors.push(`${where}: skola, klass och årskurs får inte vara tomma.`);
    const elever = Number(antal);
    if (!Number.isInteger(elever) || elever < 1 || elever > 200) return errors.push(`${where}: antalet elever "${antal}" ska vara ett heltal från 1 till 200.`);
    const key = `${skola.toLowerCase()}|${klass.toLowerCase()}`;
    if (seen.has(key)) return errors.push(`${where}: ${klass} på ${skola} finns redan på rad ${seen.get(key)}.`);
    seen.set(key, index + 1);
    classes.push({ skola, klass, arskurs, elever });
  });
  return { classes, errors };
}

function ClassList({ campaign }: { campaign: CampaignDetail }) {
  const formId = useId();
  const base = `/api/campaigns/${encodeURIComponent(campaign.id)}`;
  const list = useRefreshingApi<Classes>(`${base}/classes`);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string }>();
  const parsed = parseClassLines(text);
  const canAdd = campaign.status === 'draft' || campaign.status === 'open';

  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (parsed.errors.length > 0) return setMessage({ kind: 'error', text: parsed.errors[0] });
    if (parsed.classes.length === 0) return setMessage({ kind: 'error', text: 'Skriv minst en klass.' });
    setBusy(true);
    try {
      const added = await api<Classes>('POST', `${base}/classes`, { classes: parsed.classes });
      setMessage({ kind: 'ok', text: `${count(added.classes.length)} ${added.classes.length === 1 ? 'klass är tillagd' : 'klasser är tillagda'}.` });
      setText('');
      await list.refresh();
    } catch (error) {
      setMessage({ kind: 'error', text: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };

  const changePupils = async (classId: string, klass: string, current: number) => {
    const answer = window.prompt(`Antal elever i ${klass} (länken tar emot högst så många svar):`, String(current));
    if (answer === null) return;
    const elever = Number(answer.trim());
    if (!Number.isInteger(elever) || elever < 1 || elever > 200) return setMessage({ kind: 'error', text: 'Antalet elever ska vara ett heltal från 1 till 200.' });
    setBusy(true);
    try {
      await api('PATCH', `${base}/classes/${encodeURIComponent(classId)}`, { elever });
      setMessage({ kind: 'ok', text: `${klass} har nu ${count(elever)} elever.` });
      await list.refresh();
    } catch (error) {
      setMessage({ kind: 'error', text: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };

  const classes = list.state === 'ready' ? list.data.classes : [];
  const pupils = classes.reduce((sum, c) => sum + c.elever, 0);
  return (
    <>
      <section className="panel" aria-labelledby={`${formId}-list`}>
        <h2 id={`${formId}-list`}>Klasser och länkar</h2>
        {list.state === 'loading' && <p role="status">Hämtar klasserna…</p>}
        {list.state === 'error' && (
          <p className="error-box" role="alert">
            {list.message}
          </p>
        )}
        {list.state === 'ready' && classes.length === 0 && <p>Inga klasser ännu. Lägg till dem nedan.</p>}
        {classes.length > 0 && (
          <>
            <p>
              {count(classes.length)} klasser med sammanlagt {count(pupils)} elever. Varje länk tar emot högst lika många svar som klassen har
              elever. Svaren sparas med skola och årskurs, aldrig med klassen.
            </p>
            <div className="table-wrap" role="region" aria-label="Klasser och länkar: tabell" tabIndex={0}>
              <table className="data-table compact" data-testid="classes-table">
                <thead>
                  <tr>
                    <th scope="col">Skola</th>
                    <th scope="col">Klass</th>
                    <th scope="col">Årskurs</th>
                    <th scope="col" className="num">
                      Elever
                    </th>
                    <th scope="col">Länk</th>
                    {canAdd && <th scope="col"><span className="visually-hidden">Ändra</span></th>}
                  </tr>
                </thead>
                <tbody>
                  {classes.map((c) => (
                    <tr key={c.id}>
                      <td>{c.skola}</td>
                      <th scope="row">{c.klass}</th>
                      <td>{c.arskurs}</td>
                      <td className="num">{count(c.elever)}</td>
                      <td>
                        <a href={c.link} data-testid="class-link" className="class-link">{`${location.origin}${c.link}`}</a>
                      </td>
                      {canAdd && (
                        <td>
                          <button type="button" className="secondary small" disabled={busy} onClick={() => void changePupils(c.id, c.klass, c.elever)}>
                            Ändra antal elever
                          </button>
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div className="button-row">
              <Link to={campaignPath(campaign.id, 'klasser/blad')} className="button-link" data-testid="teacher-sheets">
                Lärarblad med länk och QR-kod för varje klass
              </Link>
            </div>
          </>
        )}
      </section>

      {canAdd && (
        <section className="panel" aria-labelledby={`${formId}-add`}>
          <h2 id={`${formId}-add`}>Lägg till klasser</h2>
          <form className="form" onSubmit={(event) => void add(event)} noValidate>
            <div className="field">
              <label htmlFor={`${formId}-classes`}>En klass per rad</label>
              <p className="hint" id={`${formId}-hint`}>
                Skriv skola, klass, årskurs och antal elever åtskilda av semikolon, till exempel <code>Centralskolan; 9A; 9; 27</code> eller{' '}
                <code>Gymnasiet; NA22; gy2; 30</code>. Du kan också klistra in fyra kolumner från ett kalkylark. Årskursen ska skrivas som i
                kommunens tabell över elever, som svaren vägs till.
              </p>
              <textarea
                id={`${formId}-classes`}
                rows={6}
                value={text}
                onChange={(e) => {
                  setText(e.target.value);
                  setMessage(undefined);
                }}
                aria-describedby={`${formId}-hint`}
                data-testid="classes-input"
              />
              <p className="muted">{text.trim() === '' ? 'Inga rader.' : `${count(parsed.classes.length)} klasser, ${count(parsed.classes.reduce((s, c) => s + c.elever, 0))} elever.`}</p>
            </div>
            {message && (
              <p className={message.kind === 'ok' ? 'notice' : 'error-box'} role={message.kind === 'ok' ? 'status' : 'alert'} data-testid="classes-result">
                {message.text}
              </p>
            )}
            <div className="button-row">
              <button type="submit" className="primary" disabled={busy} data-testid="add-classes">
                {busy ? 'Lägger till…' : 'Lägg till klasserna'}
              </button>
            </div>
          </form>
        </section>
      )}
    </>
  );
}
