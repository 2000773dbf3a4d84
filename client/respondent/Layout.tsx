import type { ReactNode } from 'react';
import { DEFAULT_SUPPORT_LINES, SUPPORT_LINES, type SupportLineId } from '../../domain/support-lines';
import type { CampaignContact } from './api';
import { localeOf, type LanguageOption, type Locale } from './i18n';
import { quickExit } from './quick-exit';

interface LayoutProps {
  locale: Locale;
  locales: readonly LanguageOption[];
  onLocaleChange: (locale: Locale) => void;
  contact?: CampaignContact;
  /** The template's national support lines (default Kvinnofridslinjen). */
  supportLines?: readonly string[];
  children: ReactNode;
}

/** Every respondent page: quick exit and language switch on top, support information below. */
export function Layout({ locale, locales, onLocaleChange, contact, supportLines, children }: LayoutProps) {
  const t = localeOf(locale).t;
  return (
    <div className="page">
      <header className="topbar">
        <div className="topbar-inner">
          <LanguageSwitch locale={locale} locales={locales} onChange={onLocaleChange} />
          <button type="button" className="quick-exit" onClick={quickExit} data-testid="quick-exit">
            {t.quickExit}
          </button>
        </div>
      </header>
      <main id="main" className="content">
        {children}
      </main>
      <SupportInfo locale={locale} contact={contact} lines={supportLines} />
    </div>
  );
}

function LanguageSwitch({
  locale,
  locales,
  onChange,
}: {
  locale: Locale;
  locales: readonly LanguageOption[];
  onChange: (locale: Locale) => void;
}) {
  if (locales.length < 2) return <span />;
  return (
    <nav className="language-switch" aria-label={localeOf(locale).t.languageSwitchLabel}>
      <ul>
        {locales.map(({ code, name, dir }) => (
          <li key={code}>
            <button type="button" lang={code} dir={dir} aria-pressed={code === locale} onClick={() => onChange(code)}>
              {name}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}

const knownLine = (id: string): id is SupportLineId => id in SUPPORT_LINES;

/** The support box: the template's national lines, 112, and the kommun's own contact, in the page's language. */
export function SupportInfo({ locale, contact, lines }: { locale: Locale; contact?: CampaignContact; lines?: readonly string[] }) {
  const { support } = localeOf(locale);
  const shown = (lines ?? DEFAULT_SUPPORT_LINES).filter(knownLine);
  const hasKommunContact = Boolean(contact && (contact.name || contact.phone || contact.email || contact.url));
  return (
    <aside className="support" aria-labelledby="support-heading">
      <div className="support-inner">
        <h2 id="support-heading">{support.heading}</h2>
        <ul>
          {shown.map((id) => (
            <li key={id} data-testid={`support-${id}`}>
              <strong>{support.lines[id].name}:</strong>{' '}
              {/* Phone numbers read left to right in every language. */}
              <a href={`tel:${SUPPORT_LINES[id].tel}`} className="phone" dir="ltr">
                {SUPPORT_LINES[id].phone}
              </a>
              <br />
              <span className="muted">{support.lines[id].note}</span>
            </li>
          ))}
          <li>
            <strong>{support.emergency}</strong>
          </li>
          {hasKommunContact && contact && (
            <li data-testid="kommun-contact">
              <strong>{support.kommun}:</strong> <bdi>{contact.name}</bdi>
              {contact.phone && (
                <>
                  <br />
                  <a href={`tel:${contact.phone.replace(/[^\d+]/g, '')}`} className="phone" dir="ltr">
                    {contact.phone}
                  </a>
                </>
              )}
              {contact.email && (
                <>
                  <br />
                  <a href={`mailto:${contact.email}`}>{contact.email}</a>
                </>
              )}
              {contact.url && safeHttpUrl(contact.url) && (
                <>
                  <br />
                  <a href={safeHttpUrl(contact.url)} rel="noreferrer noopener">
                    {displayUrl(contact.url)}
                  </a>
                </>
              )}
            </li>
          )}
        </ul>
      </div>
    </aside>
  );
}

/** Only http(s) links from campaign data are rendered as links. */
function safeHttpUrl(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

function displayUrl(url: string): string {
  return url.replace(/^https?:\/\//, '').replace(/\/$/, '');
}
