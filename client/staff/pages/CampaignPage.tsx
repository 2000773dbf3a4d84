import { useEffect, useId, useState, type FormEvent } from 'react';
import { api, ApiError, errorMessage } from '../api';
import { CampaignFrame } from '../components/CampaignFrame';
import { CloseCampaignDialog, CodesStillExist } from '../components/CloseCampaign';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { Link, navigate, type Match } from '../router';
import type { CampaignDetail, CampaignPatch } from '../../../contracts/fieldwork';
import type { CampaignArea } from '../../../contracts/common';
import type { CampaignRetention } from '../../../contracts/retention';
import type { TemplateVersionView } from '../../../contracts/templates';
import { summarizeModules, type ModuleSummary } from '../../../domain/templates/module-summary';
import { useApi } from '../useApi';
import { areaName, campaignPath, count, rate } from './fieldwork-api';
import type { TemplateLanguages } from '../../../contracts/locales';

export function CampaignPage({ match }: { match: Match }) {
  const id = match.params.id;
  return (
    <CampaignFrame id={id} heading="Översikt">
      {(campaign, reload) => (
        <>
          <CodesStillExist campaign={campaign} reload={reload} />
          <StatusSection campaign={campaign} reload={reload} />
          <SettingsSection key={campaign.status} campaign={campaign} reload={reload} />
        </>
      )}
    </CampaignFrame>
  );
}

const modeLabels = { codes: 'Personliga koder i brev', open: 'Öppen länk', classes: 'En länk per skolklass' } as const;

/** When the kommun's retention rule deletes the responses: a date, a rule, or that nothing is decided. */
export function retentionText(retention: CampaignRetention): string {
  if (retention.deletedOn) return `Raderade ${retention.deletedOn}`;
  if (retention.deleteOn) return `Raderas ${retention.deleteOn}`;
  if (retention.months === null) return 'Inget gallringsbeslut: sparas tills vidare';
  return retention.months === 0 ? 'Raderas när insamlingen stängs' : `Raderas ${retention.months} månader efter stängning`;
}

const lifecycle = {
  draft: {
    action: 'open',
    button: 'Öppna insamlingen',
    title: 'Öppna insamlingen?',
    text: 'Respondenterna kan börja svara med koderna i breven. Områden och moduler går inte att ändra medan insamlingen är öppen. Så länge ingen har svarat kan du gå tillbaka till utkast.',
  },
  open: {
    action: 'close',
    button: 'Stäng insamlingen',
    title: 'Stäng insamlingen?',
    text: 'Inga fler webbsvar tas emot, och påbörjade svar som inte har skickats in raderas. Pappersenkäter kan fortfarande registreras. Det går inte att öppna igen.',
  },
  closed: {
    action: 'archive',
    button: 'Arkivera',
    title: 'Arkivera undersökningen?',
    text: 'Undersökningen flyttas till arkivet och kan inte längre ändras. Svaren finns kvar för analys.',
  },
} as const;

type Dialog = 'next' | 'reopen' | 'delete';

const doneMessages = { open: 'Insamlingen är öppen.', close: 'Insamlingen är stängd.', archive: 'Undersökningen är arkiverad.' } as const;

function StatusSection({ campaign, reload }: { campaign: CampaignDetail; reload: () => Promise<void> }) {
  const [dialog, setDialog] = useState<Dialog>();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string }>();
  const hintId = useId();
  const next = campaign.status in lifecycle ? lifecycle[campaign.status as keyof typeof lifecycle] : undefined;
  const { invited, completed, byMode } = campaign.counts;
  const base = `/api/campaigns/${encodeURIComponent(campaign.id)}`;
  const blockedOpen = next?.action === 'open' && !campaign.can.open;

  const act = async (run: () => Promise<void>) => {
    setBusy(true);
    try {
      await run();
    } catch (error) {
      setMessage({ kind: 'error', text: errorMessage(error) });
    } finally {
      setBusy(false);
      setDialog(undefined);
    }
  };
  const runNext = () =>
    act(async () => {
      if (!next) return;
      await api('POST', `${base}/${next.action}`);
      setMessage({ kind: 'ok', text: doneMessages[next.action] });
      await reload();
    });
  const reopen = () =>
    act(async () => {
      await api('POST', `${base}/reopen-draft`);
      setMessage({ kind: 'ok', text: 'Undersökningen är ett utkast igen. Områden, moduler och urval kan ändras.' });
      await reload();
    });
  const remove = () =>
    act(async () => {
      await api('DELETE', base);
      navigate('/arbetsyta/', { replace: true });
    });

  return (
    <section className="panel" aria-labelledby="status-heading">
      <h2 id="status-heading">Status</h2>
      <dl className="facts">
        <div>
          <dt>Insamling</dt>
          <dd>{modeLabels[campaign.mode]}</dd>
        </div>
        <div>
          <dt>Enkät</dt>
          <dd>
            {campaign.template.title}, version {campaign.template.version}
          </dd>
        </div>
        <div>
          <dt>{campaign.mode === 'classes' ? 'Elever i klasserna' : 'Brev (koder)'}</dt>
          <dd data-testid="count-invited">{count(invited)}</dd>
        </div>
        <div>
          <dt>Svar</dt>
          <dd data-testid="count-responses">
            {count(byMode.web + byMode.paper)} ({count(byMode.web)} webb, {count(byMode.paper)} papper)
          </dd>
        </div>
        <div>
          <dt>Svarsfrekvens</dt>
          <dd>{rate(completed, invited)}</dd>
        </div>
        {campaign.openedOn && (
          <div>
            <dt>Öppnades</dt>
            <dd>{campaign.openedOn}</dd>
          </div>
        )}
        {campaign.codesDeletedOn && (
          <div>
            <dt>Koder raderade</dt>
            <dd>{campaign.codesDeletedOn}</dd>
          </div>
        )}
        <div>
          <dt>Gallring av svaren</dt>
          <dd data-testid="retention">{retentionText(campaign.retention)}</dd>
        </div>
      </dl>
      {campaign.mode === 'classes' && (
        <p>
          Klasser, länkar och lärarblad finns under <Link to={campaignPath(campaign.id, 'klasser')}>Klasser</Link>.
        </p>
      )}
      {campaign.mode === 'open' && campaign.openSlug && (
        <p>
          Öppen länk: <a href={`/o/${encodeURIComponent(campaign.openSlug)}`}>{`${location.origin}/o/${campaign.openSlug}`}</a>
        </p>
      )}
      {message && (
        <p className={message.kind === 'ok' ? 'notice' : 'error-box'} role={message.kind === 'ok' ? 'status' : 'alert'} data-testid="lifecycle-result">
          {message.text}
        </p>
      )}
      <div className="button-row">
        {next && (
          <button
            type="button"
            className="primary"
            onClick={() => setDialog('next')}
            disabled={blockedOpen}
            aria-describedby={blockedOpen ? hintId : undefined}
            data-testid={`lifecycle-${next.action}`}
          >
            {next.button}
          </button>
        )}
        {campaign.can.reopenDraft && (
          <button type="button" className="secondary" onClick={() => setDialog('reopen')} data-testid="lifecycle-reopen-draft">
            Tillbaka till utkast
          </button>
        )}
        {campaign.can.delete && (
          <button type="button" className="secondary danger-text" onClick={() => setDialog('delete')} data-testid="lifecycle-delete">
            Radera undersökningen
          </button>
        )}
      </div>
      {blockedOpen && (
        <p className="muted" id={hintId} data-testid="open-needs-codes">
          Insamlingen kan öppnas när urvalet är draget och breven har koder: dra urvalet under{' '}
          <Link to={campaignPath(campaign.id, 'urval')}>Urval</Link>.
        </p>
      )}
      {next?.action === 'close' && (
        <CloseCampaignDialog
          campaign={campaign}
          open={dialog === 'next'}
          onCancel={() => setDialog(undefined)}
          onDone={async (result) => {
            setMessage(result);
            setDialog(undefined);
            await reload();
          }}
        />
      )}
      {next && next.action !== 'close' && (
        <ConfirmDialog
          open={dialog === 'next'}
          title={next.title}
          confirmLabel={next.button}
          busy={busy}
          onConfirm={() => void runNext()}
          onCancel={() => setDialog(undefined)}
        >
          <p>{campaign.mode === 'classes' && next.action === 'open' ? 'Eleverna kan börja svara via klasslänkarna. Moduler kan inte ändras efter att insamlingen har öppnats.' : next.text}</p>
        </ConfirmDialog>
      )}
      <ConfirmDialog
        open={dialog === 'reopen'}
        title="Tillbaka till utkast?"
        confirmLabel="Gör till utkast"
        busy={busy}
        onConfirm={() => void reopen()}
        onCancel={() => setDialog(undefined)}
      >
        <p>
          Ingen har svarat ännu, så undersökningen kan bli ett utkast igen: områden, moduler och urval går att ändra, och respondenterna
          kan inte svara förrän den öppnas igen. Koderna i breven fungerar fortfarande efter det. Påbörjade svar som respondenter har sparat
          raderas.
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={dialog === 'delete'}
        title="Radera undersökningen?"
        confirmLabel="Radera undersökningen"
        danger
        typeToConfirm={invited > 0 ? 'RADERA' : undefined}
        busy={busy}
        onConfirm={() => void remove()}
        onCancel={() => setDialog(undefined)}
      >
        <p>
          <strong>{campaign.title}</strong> har inga svar och raderas helt
          {invited > 0 ? `, med sina ${count(invited)} koder: breven som redan har skickats går då inte att använda` : ''}. Det går inte att
          ångra.
        </p>
      </ConfirmDialog>
    </section>
  );
}

/** Områden as text lines "kod; namn" (or only a name, which is then also the code). */
export function areasToText(areas: readonly CampaignArea[]): string {
  return areas.map((area) => (areaName(area) === area.code ? area.code : `${area.code}; ${areaName(area)}`)).join('\n');
}

export function parseAreaLines(text: string): { areas: CampaignArea[]; errors: string[] } {
  const areas: CampaignArea[] = [];
  const errors: string[] = [];
  const seen = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    const parts = line.split(/[;\t]/).map((part) => part.trim());
    const code = parts[0];
    const name = parts.slice(1).join(' ').trim() || code;
    if (code === '') {
      errors.push(`Rad ${index + 1}: koden saknas före semikolonet.`);
      return;
    }
    if (seen.has(code)) {
      errors.push(`Rad ${index + 1}: koden "${code}" finns redan på rad ${seen.get(code)}.`);
      return;
    }
    seen.set(code, index + 1);
    areas.push({ code, name });
  });
  return { areas, errors };
}

function SettingsSection({ campaign, reload }: { campaign: CampaignDetail; reload: () => Promise<void> }) {
  const formId = useId();
  const [title, setTitle] = useState(campaign.title);
  const [publicSv, setPublicSv] = useState(campaign.publicTitle.sv);
  const [publicEn, setPublicEn] = useState(campaign.publicTitle.en ?? '');
  const [periodStart, setPeriodStart] = useState(campaign.periodStart ?? '');
  const [periodEnd, setPeriodEnd] = useState(campaign.periodEnd ?? '');
  const [languages, setLanguages] = useState<string[]>([...campaign.languages]);
  const [contact, setContact] = useState({
    name: campaign.contact.name ?? '',
    phone: campaign.contact.phone ?? '',
    email: campaign.contact.email ?? '',
    url: campaign.contact.url ?? '',
  });
  const [areasText, setAreasText] = useState(areasToText(campaign.areas));
  const template = useApi<TemplateVersionView>(
    `/api/templates/${encodeURIComponent(campaign.template.id)}?version=${campaign.template.version}`,
  );
  const modules = template.state === 'ready' ? summarizeModules(template.data.definition) : [];
  const [moduleChoices, setModuleChoices] = useState<Record<string, boolean>>({ ...campaign.modules });
  const moduleOn = (module: ModuleSummary) => moduleChoices[module.id] ?? module.enabledByDefault;
  const [saving, setSaving] = useState(false);
  const [result, setResult] = useState<{ kind: 'ok' | 'error'; text: string; field?: string }>();
  const areasLocked = campaign.status !== 'draft';
  const parsedAreas = parseAreaLines(areasText);

  useEffect(() => setResult(undefined), [title, publicSv, publicEn, periodStart, periodEnd, languages, contact, areasText, moduleChoices]);

  const toggleLanguage = (code: string, on: boolean) =>
    setLanguages((current) => (on ? [...new Set([...current, code])] : current.filter((l) => l !== code)));

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (languages.length === 0) return setResult({ kind: 'error', text: 'Välj minst ett språk.', field: 'languages' });
    if (periodStart && periodEnd && periodEnd < periodStart) return setResult({ kind: 'error', text: 'Periodens slut ligger före dess början.', field: 'periodEnd' });
    const contactFilled = Object.values(contact).some((v) => v.trim() !== '');
    if (contactFilled && contact.name.trim() === '') return setResult({ kind: 'error', text: 'Ange ett namn på kontakten (t.ex. enhetens namn).', field: 'contact.name' });
    if (!areasLocked && parsedAreas.errors.length > 0) return setResult({ kind: 'error', text: parsedAreas.errors[0], field: 'areas' });
    if (publicSv.trim() === '' && publicEn.trim() !== '') {
      return setResult({ kind: 'error', text: 'Ange den publika titeln på svenska också, eller töm båda för mallens titel.', field: 'publicTitle.sv' });
    }
    const body: CampaignPatch = {
      title,
      periodStart: periodStart || null,
      periodEnd: periodEnd || null,
      languages,
    };
    if (contactFilled) {
      body.contact = Object.fromEntries(Object.entries(contact).filter(([, v]) => v.trim() !== '').map(([k, v]) => [k, v.trim()])) as CampaignPatch['contact'];
    }
    if (!areasLocked) body.areas = parsedAreas.areas;
    if (!areasLocked && modules.length > 0) body.modules = Object.fromEntries(modules.map((m) => [m.id, moduleOn(m)]));
    // Sent only when changed, so that an untouched form keeps following the template's title. Empty: the template's title.
    if (publicSv.trim() !== campaign.publicTitle.sv || publicEn.trim() !== (campaign.publicTitle.en ?? '')) {
      body.publicTitle = publicSv.trim() === '' ? null : { sv: publicSv.trim(), ...(publicEn.trim() ? { en: publicEn.trim() } : {}) };
    }
    setSaving(true);
    try {
      await api('PATCH', `/api/campaigns/${encodeURIComponent(campaign.id)}`, body);
      await reload();
      setResult({ kind: 'ok', text: 'Inställningarna är sparade.' });
    } catch (error) {
      const field = error instanceof ApiError ? (error.details as { field?: string } | undefined)?.field : undefined;
      setResult({ kind: 'error', text: errorMessage(error), field });
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="panel" aria-labelledby={`${formId}-heading`}>
      <h2 id={`${formId}-heading`}>Inställningar</h2>
      <form className="form settings-form" onSubmit={(event) => void save(event)} noValidate>
        <div className="field">
          <label htmlFor={`${formId}-title`}>Titel</label>
          <input
            id={`${formId}-title`}
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            required
            maxLength={200}
            aria-describedby={`${formId}-title-hint`}
          />
          <p className="hint" id={`${formId}-title-hint`}>
            Syns bara i arbetsytan.
          </p>
        </div>
        <fieldset aria-describedby={`${formId}-public-hint`}>
          <legend>Titel som de svarande ser</legend>
          <p className="hint" id={`${formId}-public-hint`} data-testid="public-title-warning">
            <strong>De svarande ser den här titeln</strong> överst i enkäten och på pappersenkäten. Brevet, skärmen och pappret kan ses av
            andra i hushållet, så välj en neutral titel som inte nämner våld. Töm fälten för mallens titel
            {campaign.publicTitleSource === 'template' ? ' (den används nu)' : ''}.
          </p>
          <div className="field-grid">
            <div className="field">
              <label htmlFor={`${formId}-public-sv`}>På svenska</label>
              <input
                id={`${formId}-public-sv`}
                value={publicSv}
                onChange={(e) => setPublicSv(e.target.value)}
                maxLength={200}
                aria-invalid={result?.field === 'publicTitle.sv' || undefined}
                data-testid="public-title-sv"
              />
            </div>
            <div className="field">
              <label htmlFor={`${formId}-public-en`}>På engelska</label>
              <input id={`${formId}-public-en`} lang="en" value={publicEn} onChange={(e) => setPublicEn(e.target.value)} maxLength={200} data-testid="public-title-en" />
            </div>
          </div>
        </fieldset>
        <fieldset className="field-row">
          <legend>Insamlingsperiod</legend>
          <div className="field">
            <label htmlFor={`${formId}-start`}>Från</label>
            <input id={`${formId}-start`} type="date" value={periodStart} onChange={(e) => setPeriodStart(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${formId}-end`}>Till</label>
            <input id={`${formId}-end`} type="date" value={periodEnd} onChange={(e) => setPeriodEnd(e.target.value)} />
          </div>
        </fieldset>
        <LanguagesFieldset campaign={campaign} languages={languages} onToggle={toggleLanguage} invalid={result?.field === 'languages'} />
        <fieldset>
          <legend>Kommunens kontakt (visas för respondenterna på varje sida)</legend>
          <div className="field-grid">
            <div className="field">
              <label htmlFor={`${formId}-cname`}>Namn</label>
              <input id={`${formId}-cname`} value={contact.name} onChange={(e) => setContact({ ...contact, name: e.target.value })} placeholder="t.ex. Socialtjänstens mottagning" />
            </div>
            <div className="field">
              <label htmlFor={`${formId}-cphone`}>Telefon</label>
              <input id={`${formId}-cphone`} type="tel" value={contact.phone} onChange={(e) => setContact({ ...contact, phone: e.target.value })} />
            </div>
            <div className="field">
              <label htmlFor={`${formId}-cemail`}>E-post</label>
              <input id={`${formId}-cemail`} type="email" value={contact.email} onChange={(e) => setContact({ ...contact, email: e.target.value })} />
            </div>
            <div className="field">
              <label htmlFor={`${formId}-curl`}>Webbsida</label>
              <input id={`${formId}-curl`} type="url" value={contact.url} onChange={(e) => setContact({ ...contact, url: e.target.value })} placeholder="https://" />
            </div>
          </div>
        </fieldset>
        <div className="field">
          <label htmlFor={`${formId}-areas`}>Områden</label>
          <p className="hint" id={`${formId}-areas-hint`}>
            Ett område per rad: kod, semikolon, namn (t.ex. <code>1880R001; Vivalla</code>). Bara ett namn går också bra; då blir namnet
            även koden. Koden ska vara samma som i urvalsfilens kolumn <code>omrade</code>.
            {areasLocked && ' Områdena kan inte ändras efter att insamlingen har öppnats.'}
          </p>
          <textarea
            id={`${formId}-areas`}
            rows={Math.min(14, Math.max(5, areasText.split('\n').length + 1))}
            value={areasText}
            onChange={(e) => setAreasText(e.target.value)}
            readOnly={areasLocked}
            aria-describedby={`${formId}-areas-hint`}
            aria-invalid={result?.field === 'areas' || undefined}
            data-testid="areas-input"
          />
          {!areasLocked && <p className="muted">{parsedAreas.areas.length} områden.</p>}
        </div>
        {modules.length > 0 && (
          <fieldset data-testid="modules">
            <legend>Valfria delar av enkäten</legend>
            <p className="hint">
              Slå av en del om den inte passar er kartläggning. Den tas då bort ur webbenkäten, pappersenkäten och analysen.
              {areasLocked && ' Delarna kan inte ändras medan insamlingen är öppen eller efter att den har stängts.'}
            </p>
            {modules.map((module) => (
              <div key={module.id} className="module-switch">
                <label className="check">
                  <input
                    type="checkbox"
                    role="switch"
                    checked={moduleOn(module)}
                    disabled={areasLocked}
                    onChange={(e) => setModuleChoices((current) => ({ ...current, [module.id]: e.target.checked }))}
                    aria-describedby={`${formId}-module-${module.id}`}
                    data-testid={`module-${module.id}`}
                  />{' '}
                  <strong>{module.label}</strong> {moduleOn(module) ? '(med)' : '(inte med)'}
                </label>
                <p className="hint" id={`${formId}-module-${module.id}`}>
                  Lägger till {module.pageTitles.length === 1 ? 'sidan' : 'sidorna'} {module.pageTitles.map((t) => `”${t}”`).join(', ')} med{' '}
                  {module.questionCount} {module.questionCount === 1 ? 'fråga' : 'frågor'}
                  {module.indicators.length > 0 && `, och ${module.indicators.length === 1 ? 'måttet' : 'måtten'} ${module.indicators.map((i) => `”${i}”`).join(', ')} i analysen`}
                  .
                </p>
              </div>
            ))}
          </fieldset>
        )}
        {result && (
          <p className={result.kind === 'ok' ? 'notice' : 'error-box'} role={result.kind === 'ok' ? 'status' : 'alert'} data-testid="settings-result">
            {result.text}
          </p>
        )}
        <div className="button-row">
          <button type="submit" className="primary" disabled={saving}>
            {saving ? 'Sparar…' : 'Spara inställningar'}
          </button>
        </div>
      </form>
    </section>
  );
}

/**
 * The respondents' languages: every language the respondent UI or the
 * template has, with whether respondents are offered it and why not
 * (untranslated strings, an unreviewed translation). Swedish is always on.
 */
function LanguagesFieldset({
  campaign,
  languages,
  onToggle,
  invalid,
}: {
  campaign: CampaignDetail;
  languages: readonly string[];
  onToggle: (code: string, on: boolean) => void;
  invalid: boolean;
}) {
  const id = useId();
  const available = useApi<TemplateLanguages>(`/api/templates/${encodeURIComponent(campaign.template.id)}/languages?version=${campaign.template.version}`);
  const status = new Map(campaign.languageStatus.map((l) => [l.code, l]));
  const list = available.state === 'ready' ? available.data.languages : campaign.languageStatus.map((l) => ({ code: l.code, name: l.name, ui: { exists: true, problems: [] }, template: { translated: 1, total: 1 } }));
  return (
    <fieldset aria-describedby={`${id}-hint`} aria-invalid={invalid || undefined} data-testid="languages">
      <legend>Språk för respondenterna</legend>
      <p className="hint" id={`${id}-hint`}>
        Ett språk erbjuds när både respondentgränssnittet och enkäten finns på språket och en kvalificerad översättare har granskat texterna.
        Översättningar hanteras under <Link to={`/arbetsyta/mallar/${encodeURIComponent(campaign.template.id)}`}>Enkätmallar</Link>.
      </p>
      {list.map((lang) => {
        const complete = lang.ui.exists && lang.ui.problems.length === 0 && lang.template.translated === lang.template.total;
        const listed = languages.includes(lang.code);
        const state = status.get(lang.code);
        return (
          <div key={lang.code} className="language-option">
            <label className="check">
              <input
                type="checkbox"
                checked={lang.code === 'sv' || listed}
                disabled={lang.code === 'sv' || (!complete && !listed)}
                onChange={(e) => onToggle(lang.code, e.target.checked)}
                data-testid={`language-${lang.code}`}
              />{' '}
              <span lang={lang.code}>{lang.name}</span> ({lang.code})
            </label>
            {lang.code !== 'sv' && (
              <span className="muted" data-testid={`language-${lang.code}-status`}>
                {!complete
                  ? ` – kan inte väljas: ${!lang.ui.exists ? 'gränssnittet saknar språket' : lang.ui.problems.length > 0 ? 'gränssnittets språkfil är ofullständig' : `enkäten är översatt till ${lang.template.translated} av ${lang.template.total} texter`}.`
                  : listed && state
                    ? state.offered
                      ? ' – erbjuds respondenterna.'
                      : ` – erbjuds inte ännu: ${state.reasons.join(' ')}`
                    : ''}
              </span>
            )}
          </div>
        );
      })}
    </fieldset>
  );
}
