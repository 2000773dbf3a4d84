import { Link, type Match } from '../router';
import { useApi } from '../useApi';
import { QrCode } from '../sampling/QrCode';
import type { Classes } from '../../../contracts/classes';
import type { CampaignDetail } from '../../../contracts/fieldwork';
import type { LetterSettings } from '../../../contracts/sampling';
import { campaignPath } from './fieldwork-api';
import './classes.css';

/**
 * The teachers' sheets: one A4 page per class with the link, a QR code, and
 * how to run the survey in the lesson (privacy in the room, what to do if a
 * pupil gets upset). Printed from the browser; nothing is sent anywhere.
 */
export function ClassSheetsPage({ match }: { match: Match }) {
  const id = encodeURIComponent(match.params.id);
  const campaign = useApi<CampaignDetail>(`/api/campaigns/${id}`);
  const classes = useApi<Classes>(`/api/campaigns/${id}/classes`);
  const settings = useApi<LetterSettings>(`/api/campaigns/${id}/letter-settings`);
  if (campaign.state === 'loading' || classes.state === 'loading' || settings.state === 'loading') return <p role="status">Hämtar klasserna…</p>;
  for (const part of [campaign, classes, settings]) {
    if (part.state === 'error') {
      return (
        <p className="error-box" role="alert">
          {part.message}
        </p>
      );
    }
  }
  if (campaign.state !== 'ready' || classes.state !== 'ready' || settings.state !== 'ready') return null;
  const contact = campaign.data.contact;
  return (
    <>
      <div className="button-row no-print" style={{ marginBottom: '1rem' }}>
        <Link to={campaignPath(campaign.data.id, 'klasser')}>← Tillbaka till klasserna</Link>
        <button type="button" className="primary" onClick={() => window.print()} data-testid="print-sheets">
          Skriv ut / spara som PDF
        </button>
      </div>
      <p className="no-print muted">Ett blad per klass ({classes.data.classes.length} blad). Dela ut bladet till klassens lärare före lektionen.</p>
      <div className="class-sheets" data-testid="class-sheets">
        {classes.data.classes.map((c) => {
          const url = `${settings.data.linkBase}${c.link}`;
          return (
            <article key={c.id} className="class-sheet" data-testid="class-sheet">
              <header>
                <p className="sheet-meta">Till läraren · {c.skola}</p>
                <h1>
                  Enkät i klass {c.klass} <span className="sheet-sub">(årskurs {c.arskurs}, {c.elever} elever)</span>
                </h1>
                <p>
                  Enkätens titel för eleverna: <strong>{campaign.data.publicTitle.sv}</strong>
                </p>
              </header>
              <section className="sheet-link">
                <QrCode text={url} label={`QR-kod till enkäten för klass ${c.klass}`} sizeMm={45} />
                <div>
                  <p>Eleverna öppnar länken på sin mobil eller dator, eller skannar QR-koden:</p>
                  <p className="sheet-url">{url}</p>
                  <p className="muted">
                    Länken gäller bara den här klassen och tar emot högst {c.elever} svar. Visa den på tavlan eller läs upp den; dela den inte
                    utanför klassen.
                  </p>
                </div>
              </section>
              <section>
                <h2>Före lektionen</h2>
                <ul>
                  <li>Avsätt 30 minuter. Eleverna kan svara på mobil, surfplatta eller dator.</li>
                  <li>Berätta för skolkurator eller skolsköterska att klassen svarar i dag, så att de kan nås under och efter lektionen.</li>
                  <li>Elever som inte vill delta ska ha något annat att göra, så att det inte syns vem som svarar.</li>
                </ul>
                <h2>Så skyddar ni elevernas integritet i rummet</h2>
                <ul>
                  <li>Låt eleverna sitta så att ingen ser någon annans skärm, gärna med mellanrum. Gå inte runt och titta på skärmarna.</li>
                  <li>Säg att enkäten är frivillig och anonym: inga namn, och svaren sparas utan klass, bara med skola och årskurs.</li>
                  <li>Varje fråga går att hoppa över, och ”Vill inte svara” finns på alla känsliga frågor.</li>
                  <li>Knappen ”Lämna sidan snabbt” (eller Esc) stänger enkäten direkt. Ingen behöver förklara varför.</li>
                  <li>Prata inte om svaren i klassen efteråt, och be eleverna att inte jämföra svar med varandra.</li>
                </ul>
                <h2>Om en elev blir ledsen eller berättar något</h2>
                <ul>
                  <li>Ta det lugnt och lyssna. Eleven får avbryta när som helst och behöver inte berätta något för dig.</li>
                  <li>Erbjud att följa med till skolkuratorn eller skolsköterskan, i dag.</li>
                  <li>
                    Om du får veta eller misstänker att ett barn far illa ska du anmäla det till socialtjänsten (orosanmälan, 14 kap. 1 §
                    socialtjänstlagen). Vid akut fara: ring 112.
                  </li>
                  <li>Stödkontakter och 112 visas på varje sida i enkäten. Tipsa om BRIS (116 111, gratis och anonymt) för den som vill prata med någon utanför skolan.</li>
                </ul>
              </section>
              {(contact.name || contact.phone || contact.email) && (
                <footer className="sheet-contact">
                  Frågor om enkäten: {[contact.name, contact.phone, contact.email].filter(Boolean).join(', ')}
                </footer>
              )}
            </article>
          );
        })}
      </div>
    </>
  );
}
