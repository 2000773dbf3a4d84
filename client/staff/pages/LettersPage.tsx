import '../sampling/letters.css';
import { useEffect, useId, useMemo, useState } from 'react';
import { CsvInputError, parseCsv } from '../../../domain/csv';
import { findAddressColumns, hasPostalAddress, letterAddress, type AddressColumns } from '../../../domain/sampling/letter-address';
import { letterFileCsv, parseLetterFile, remindersFor, type Letter } from '../../../domain/sampling/letter-file';
import { api, errorMessage } from '../api';
import { CampaignFrame } from '../components/CampaignFrame';
import { requestText } from '../components/raw-request';
import { Link, type Match } from '../router';
import { QrCode } from '../sampling/QrCode';
import { heldLetters, holdLetters, type HeldLetters } from '../sampling/letter-store';
import { englishLetter, letterDate as formatLetterDate, swedishLetter, type LetterContext, type LetterKind, type LetterWording } from '../sampling/letter-text';
import { useSession } from '../session';
import type { CampaignDetail } from '../../../contracts/fieldwork';
import { downloadText } from '../api';
import { campaignPath, count } from './fieldwork-api';

export function LettersPage({ match }: { match: Match }) {
  return (
    <CampaignFrame id={match.params.id} heading="Brev och påminnelser">
      {(campaign) =>
        campaign.mode === 'open' ? <p className="notice">Den här undersökningen använder en öppen länk och har inga personliga brev.</p> : <Letters campaign={campaign} />
      }
    </CampaignFrame>
  );
}

type Languages = 'sv+en' | 'sv' | 'en';

/** On screen, only the first letters are shown; printing renders them all. */
const PREVIEW_COUNT = 3;


/**
 * The title respondents see: the campaign's public title, which the server
 * resolves to the template's neutral title unless the analyst set one. Never
 * the internal campaign title.
 */
function publicTitleOf(campaign: CampaignDetail): LetterContext['title'] {
  return { sv: campaign.publicTitle.sv, en: campaign.publicTitle.en ?? campaign.publicTitle.sv };
}

function Letters({ campaign }: { campaign: CampaignDetail }) {
  const formId = useId();
  const { me } = useSession();
  const [held, setHeld] = useState<HeldLetters | undefined>(() => heldLetters(campaign.id));
  const [fileError, setFileError] = useState<string>();
  const [kind, setKind] = useState<LetterKind>('first');
  const [languages, setLanguages] = useState<Languages>('sv+en');
  const [letterDate, setLetterDate] = useState(() => new Date().toISOString().slice(0, 10));
  const [unused, setUnused] = useState<{ state: 'idle' | 'loading' } | { state: 'ready'; refs: string[] } | { state: 'error'; message: string }>({ state: 'idle' });
  const [printing, setPrinting] = useState(false);
  const title = publicTitleOf(campaign);
  const kommun = me.kommuner.find((k) => k.kod === campaign.kommunkod)?.namn ?? '';
  const codesDeleted = campaign.codesDeletedOn !== null;

  useEffect(() => {
    if (kind !== 'reminder' || codesDeleted) return;
    let live = true;
    setUnused({ state: 'loading' });
    requestText('GET', `/api/campaigns/${encodeURIComponent(campaign.id)}/unused-codes.csv`, { csrfToken: me.csrfToken })
      .then(({ text }) => live && setUnused({ state: 'ready', refs: parseCsv(text, 'paminnelser.csv').rows.map((row) => row.values.ref) }))
      .catch((error: unknown) => live && setUnused({ state: 'error', message: errorMessage(error) }));
    return () => {
      live = false;
    };
  }, [kind, campaign.id, codesDeleted, me.csrfToken]);

  useEffect(() => {
    if (!printing) return;
    const done = () => setPrinting(false);
    window.addEventListener('afterprint', done);
    const timer = setTimeout(() => window.print(), 50);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('afterprint', done);
    };
  }, [printing]);

  const onFile = async (file: File | undefined) => {
    setFileError(undefined);
    if (!file) return;
    try {
      const parsed = { file: parseLetterFile(await file.text(), file.name), fileName: file.name };
      holdLetters(campaign.id, parsed);
      setHeld(parsed);
    } catch (error) {
      setFileError(error instanceof CsvInputError ? error.message : 'Filen kunde inte läsas.');
    }
  };

  const selection = useMemo((): { letters: Letter[]; unknownRefs: string[] } | undefined => {
    if (!held) return undefined;
    if (kind === 'first') return { letters: [...held.file.letters], unknownRefs: [] };
    if (unused.state !== 'ready') return undefined;
    return remindersFor(held.file, unused.refs);
  }, [held, kind, unused]);

  const addressColumns = useMemo(() => (held ? findAddressColumns(held.file.frameColumns) : undefined), [held]);
  const context: LetterContext | undefined = title && { title, kommun: kommun ? `${kommun} kommun` : 'kommunen', lastDay: campaign.periodEnd, contact: campaign.contact };

  return (
    <>
      <section className="panel no-print" aria-labelledby="source-heading">
        <h2 id="source-heading">Brevfilen</h2>
        <p>
          Breven skapas här i webbläsaren från kommunens egen brevfil (personnummer, namn, adress, kod och länk). Filen skickas aldrig till
          servern; för påminnelser hämtar webbläsaren bara listan över brevreferenser som ännu inte har använts.
        </p>
        {held ? (
          <p className="notice" data-testid="letters-source">
            {held.fileName}: {count(held.file.letters.length)} brev.
          </p>
        ) : (
          <p className="muted">
            Öppna brevfilen som sparades när urvalet drogs under <Link to={campaignPath(campaign.id, 'urval')}>Urval</Link>.
          </p>
        )}
        <div className="field">
          <label htmlFor={`${formId}-file`}>{held ? 'Öppna en annan brevfil (CSV)' : 'Öppna brevfilen (CSV)'}</label>
          <input id={`${formId}-file`} type="file" accept=".csv,text/csv" onChange={(event) => void onFile(event.target.files?.[0])} data-testid="letter-file" />
        </div>
        {fileError && (
          <p className="error-box" role="alert" data-testid="letter-file-error">
            {fileError}
          </p>
        )}
        {addressColumns && !hasPostalAddress(addressColumns) && (
          <p className="warning-box" data-testid="no-address">
            Brevfilen saknar namn och adress (kolumner som <code>förnamn</code>, <code>efternamn</code>, <code>utdelningsadress</code>,{' '}
            <code>postnummer</code>, <code>postort</code>). Breven kan skrivas ut, men utan adressfält.
          </p>
        )}
      </section>

      {held && (
        <section className="panel no-print" aria-labelledby="choice-heading">
          <h2 id="choice-heading">Vilka brev?</h2>
          <form className="form" onSubmit={(event) => event.preventDefault()}>
            <fieldset>
              <legend>Utskick</legend>
              <label className="check">
                <input type="radio" name={`${formId}-kind`} checked={kind === 'first'} onChange={() => setKind('first')} data-testid="kind-first" />
                <span>
                  <strong>Första brevet</strong> till alla {count(held.file.letters.length)} i urvalet
                </span>
              </label>
              <label className="check">
                <input type="radio" name={`${formId}-kind`} checked={kind === 'reminder'} onChange={() => setKind('reminder')} data-testid="kind-reminder" />
                <span>
                  <strong>Påminnelse</strong> till dem som ännu inte har svarat
                </span>
              </label>
            </fieldset>
            <div className="field-grid">
              <div className="field">
                <label htmlFor={`${formId}-lang`}>Språk</label>
                <select id={`${formId}-lang`} value={languages} onChange={(e) => setLanguages(e.target.value as Languages)}>
                  <option value="sv+en">Svenska och engelska</option>
                  <option value="sv">Svenska</option>
                  <option value="en">Engelska</option>
                </select>
              </div>
              <div className="field">
                <label htmlFor={`${formId}-date`}>Datum på brevet</label>
                <input id={`${formId}-date`} type="date" value={letterDate} onChange={(e) => setLetterDate(e.target.value)} />
              </div>
            </div>
          </form>
          {kind === 'reminder' && codesDeleted && (
            <p className="warning-box" data-testid="reminder-codes-deleted">
              Koderna raderades {campaign.codesDeletedOn}. Det går inte längre att skicka påminnelser.
            </p>
          )}
          {kind === 'reminder' && unused.state === 'loading' && <p role="status">Hämtar vilka koder som inte har använts…</p>}
          {kind === 'reminder' && unused.state === 'error' && (
            <p className="error-box" role="alert">
              {unused.message}
            </p>
          )}
          {kind === 'reminder' && selection && (
            <p className="notice" role="status" data-testid="reminder-count">
              {count(selection.letters.length)} av {count(held.file.letters.length)} i brevfilen har inte svarat och får en påminnelse.
              {selection.unknownRefs.length > 0 &&
                ` ${count(selection.unknownRefs.length)} obesvarade brevreferenser finns inte i den här filen: är det rätt undersöknings brevfil?`}
            </p>
          )}
          {kind === 'reminder' && campaign.status === 'open' && (
            <p className="muted">
              Registrera påminnelsen under <Link to={campaignPath(campaign.id, 'uppfoljning')}>Uppföljning</Link> samma dag som den skickas, så att svaren kan följas per utskick.
            </p>
          )}
          {selection && context && (
            <div className="button-row">
              <button type="button" className="primary" disabled={selection.letters.length === 0} onClick={() => setPrinting(true)} data-testid="print">
                Skriv ut {count(selection.letters.length)} brev
              </button>
              <button
                type="button"
                className="secondary"
                disabled={selection.letters.length === 0}
                onClick={() => downloadText(letterFileCsv({ frameColumns: held.file.frameColumns, letters: selection.letters }), kind === 'first' ? held.fileName : `paminnelse-${letterDate}.csv`)}
                data-testid="download-selection"
              >
                Spara som CSV för tryckeri
              </button>
            </div>
          )}
        </section>
      )}

      {held && selection && context && addressColumns && (
        <section className="letters" aria-label="Brev" data-testid="letters">
          <p className="muted no-print">
            {selection.letters.length > PREVIEW_COUNT
              ? `Förhandsvisning av de ${PREVIEW_COUNT} första breven av ${count(selection.letters.length)}. Utskriften tar med alla.`
              : 'Förhandsvisning av breven.'}
          </p>
          {(printing ? selection.letters : selection.letters.slice(0, PREVIEW_COUNT)).map((letter) => (
            <LetterSheet key={letter.ref} letter={letter} kind={kind} languages={languages} context={context} columns={addressColumns} date={letterDate} />
          ))}
        </section>
      )}
    </>
  );
}

function Wording({ wording, letter, lang }: { wording: LetterWording; letter: Letter; lang: 'sv' | 'en' }) {
  return (
    <div className={`letter-text letter-${lang}`} lang={lang}>
      <h3>{wording.heading}</h3>
      {wording.paragraphs.map((p) => (
        <p key={p}>{p}</p>
      ))}
      <p>{wording.howTo}</p>
      <dl className="letter-access">
        <div>
          <dt>{wording.linkLabel}</dt>
          <dd className="letter-link">{letter.lank}</dd>
        </div>
        <div>
          <dt>{wording.codeLabel}</dt>
          <dd className="letter-code" data-testid="letter-code">
            {letter.kod}
          </dd>
        </div>
      </dl>
      {wording.lastDay && <p>{wording.lastDay}</p>}
      {wording.questions && <p>{wording.questions}</p>}
      <p>{wording.closing}</p>
    </div>
  );
}

function LetterSheet({
  letter,
  kind,
  languages,
  context,
  columns,
  date,
}: {
  letter: Letter;
  kind: LetterKind;
  languages: Languages;
  context: LetterContext;
  columns: AddressColumns;
  date: string;
}) {
  const address = letterAddress(letter.fields, columns);
  const sv = languages !== 'en' ? swedishLetter(kind, context) : undefined;
  const en = languages !== 'sv' ? englishLetter(kind, context) : undefined;
  return (
    <article className="letter" data-testid="letter">
      <header className="letter-head">
        <div className="letter-sender">
          <strong>{context.contact.name ?? context.kommun}</strong>
          {context.contact.name && <span>{context.kommun}</span>}
        </div>
        <div className="letter-date">{date ? formatLetterDate(date) : ''}</div>
      </header>
      <address className="letter-address" data-testid="letter-address">
        {address.name && <span>{address.name}</span>}
        {address.lines.map((line, i) => (
          <span key={i}>{line}</span>
        ))}
      </address>
      <div className="letter-body">
        <QrCode text={letter.lank} label={(sv ?? en)!.qrLabel} />
        {sv && <Wording wording={sv} letter={letter} lang="sv" />}
        {sv && en && <hr />}
        {en && <Wording wording={en} letter={letter} lang="en" />}
      </div>
      <footer className="letter-foot">Brevreferens / Letter reference: {letter.ref}</footer>
    </article>
  );
}
