import type { ReactNode } from 'react';
import { BASE, Link, matchPath, usePathname } from './router';
import { routes } from './routes';
import { roleLabels, useSession } from './session';

export function Layout({ children }: { children: ReactNode }) {
  const { me, logout } = useSession();
  const pathname = usePathname();
  // A länsstyrelse user works for the län: the header names it, not the kommun the account happens to be registered in.
  const kommunRoles = me.roles.some((r) => r.role === 'analyst' || r.role === 'screener');
  const places = [...(kommunRoles || me.lan.length === 0 ? me.kommuner.map((k) => k.namn) : []), ...me.lan.map((l) => l.namn)];
  const kommunNamn = places.join(', ');
  const roles = [...new Set(me.roles.map((r) => roleLabels[r.role] ?? r.role))].join(', ');
  return (
    <div className="staff-page">
      <a className="skip-link" href="#main">
        Hoppa till innehållet
      </a>
      <header className="staff-header">
        <div className="staff-header-inner">
          <div className="brand">
            <Link to={`${BASE}/`} className="brand-link">
              Kartläggning av våld i nära relationer
            </Link>
            {kommunNamn && <span className="brand-kommun" data-testid="kommun-name">{kommunNamn}</span>}
          </div>
          <div className="user">
            <span className="user-name" data-testid="user-name">
              <Link to={`${BASE}/konto`} className="user-link" data-testid="my-account">
                {me.user.displayName || me.user.email}
              </Link>
              {roles && <span className="user-roles">{roles}</span>}
            </span>
            <button type="button" className="secondary" onClick={() => void logout()} data-testid="logout">
              Logga ut
            </button>
          </div>
        </div>
        <nav className="staff-nav" aria-label="Huvudmeny">
          <ul>
            {routes
              .filter((route) => route.navLabel && (!route.navRoles || me.roles.some((grant) => route.navRoles!.includes(grant.role))))
              .map((route) => {
                const href = `${BASE}${route.pattern === '/' ? '/' : route.pattern}`;
                const current = matchPath(route.pattern, pathname) !== undefined || (route.pattern === '/admin' && pathname.startsWith(`${BASE}/admin/`));
                return (
                  <li key={route.pattern}>
                    <Link to={href} aria-current={current ? 'page' : undefined}>
                      {route.navLabel}
                    </Link>
                  </li>
                );
              })}
            {[...new Set(me.roles.filter((r) => r.role === 'county_viewer' && r.lanKod).map((r) => r.lanKod as string))].map((lanKod) => {
              const href = `${BASE}/lan/${lanKod}`;
              return (
                <li key={`lan-${lanKod}`}>
                  <Link to={href} aria-current={pathname === href ? 'page' : undefined} data-testid={`nav-lan-${lanKod}`}>
                    Länsjämförelse
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
      </header>
      <main id="main" className="staff-main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
