import type { ReactNode } from 'react';
import type { CampaignContact } from './api';
import { strings, type Locale } from './i18n';
import { quickExit } from './quick-exit';

interface LayoutProps {
  locale: Locale;
  locales: readonly Locale[];
  onLocaleChange: (locale: Locale) => void;
  contact?: CampaignContact;
  children: ReactNode;
}

/** Every respondent page: quick exit and language switch on top, support information below. */
export function Layout({ locale, locales, onLocaleChange, contact, children }: LayoutProps) {
  const t = strings[locale];
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
      <SupportInfo locale={locale} contact={contact} />
    </div>
  );
}

function LanguageSwitch({
  locale,
  locales,
  onChange,
}: {
  locale: Locale;
  locales: readonly Locale[];
  onChange: (locale: Locale) => void;
}) {
  if (locales.length < 2) return <span />;
  return (
    <nav className="language-switch" aria-label={strings[locale].languageSwitchLabel}>
      <ul>
        {locales.map((code) => (
          <li key={code}>
            <button
              type="button"
              lang={code}
              aria-pressed={code === locale}
              onClick={() => onChange(code)}
            >
              {strings[code].languageName}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function SupportInfo({ locale, contact }: { locale: Locale; contact?: CampaignContact }) {
  const t = strings[locale];
  const hasKommunContact = Boolean(contact && (contact.name || contact.phone || contact.email || contact.url));
  return (
    <aside className="support" aria-labelledby="support-heading">
      <div className="support-inner">
        <h2 id="support-heading">{t.supportHeading}</h2>
        <ul>
          <li>
            <strong>{t.supportKvinnofrid}:</strong>{' '}
            <a href="tel:020505050" className="phone">
              020-50 50 50
            </a>
            <br />
            <span className="muted">{t.supportKvinnofridNote}</span>
          </li>
          <li>
            <strong>{t.supportEmergency}</strong>
          </li>
          {hasKommunContact && contact && (
            <li data-testid="kommun-contact">
              <strong>{t.supportKommun}:</strong> {contact.name}
              {contact.phone && (
                <>
                  <br />
                  <a href={`tel:${contact.phone.replace(/[^\d+]/g, '')}`} className="phone">
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
