import { useCallback, useEffect, useMemo, useState } from 'react';
import type { LoginResponse, Me } from '../../contracts/auth';
import { api, onUnauthorized, setCsrfToken } from './api';
import { Layout } from './Layout';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { RegistrationLinkPage } from './pages/RegistrationLinkPage';
import { InvitePage } from './pages/InvitePage';
import { ApiError } from './api';
import { BASE, matchPath, navigate, usePathname } from './router';
import { routes } from './routes';
import { SessionContext, type Session } from './session';

/** How often an open page checks that its session still holds (an admin may disable the account). */
const SESSION_CHECK_MS = 10_000;

type AuthState = { name: 'checking' } | { name: 'anonymous'; notice?: string } | { name: 'signed-in'; me: Me } | { name: 'error'; message: string };

async function fetchMe(): Promise<Me> {
  const me = await api<Me>('GET', '/api/me');
  setCsrfToken(me.csrfToken);
  return me;
}

export function App() {
  const [auth, setAuth] = useState<AuthState>({ name: 'checking' });
  const pathname = usePathname();

  const checkSession = useCallback(() => {
    fetchMe().then(
      (me) => setAuth({ name: 'signed-in', me }),
      (error: unknown) => {
        if (error instanceof Error && 'status' in error && error.status === 401) {
          setAuth({ name: 'anonymous' });
        } else {
          setAuth({ name: 'error', message: error instanceof Error ? error.message : 'Något gick fel.' });
        }
      },
    );
  }, []);

  useEffect(() => {
    checkSession();
    onUnauthorized(() => {
      setCsrfToken(undefined);
      setAuth({ name: 'anonymous', notice: 'Du har loggats ut. Logga in igen.' });
    });
    return () => onUnauthorized(undefined);
  }, [checkSession]);

  // An open page notices at once when its session ends elsewhere (account disabled, password
  // reset, logged out in another tab): on a timer, and when the tab comes back into view.
  const signedIn = auth.name === 'signed-in';
  useEffect(() => {
    if (!signedIn) return;
    let stopped = false;
    const check = () => {
      if (document.visibilityState === 'hidden') return;
      fetchMe().then(
        (me) => {
          if (stopped) return;
          setAuth((current) => (current.name === 'signed-in' && JSON.stringify(current.me) === JSON.stringify(me) ? current : { name: 'signed-in', me }));
        },
        (error: unknown) => {
          if (stopped || !(error instanceof ApiError) || error.status !== 401) return;
          setCsrfToken(undefined);
          setAuth({ name: 'anonymous', notice: 'Du har loggats ut. Logga in igen.' });
        },
      );
    };
    const timer = setInterval(check, SESSION_CHECK_MS);
    document.addEventListener('visibilitychange', check);
    window.addEventListener('focus', check);
    return () => {
      stopped = true;
      clearInterval(timer);
      document.removeEventListener('visibilitychange', check);
      window.removeEventListener('focus', check);
    };
  }, [signedIn]);

  // Anything outside /arbetsyta (e.g. a bare /staff.html) goes to the workspace root.
  useEffect(() => {
    if (!pathname.startsWith(BASE)) navigate(`${BASE}/`, { replace: true });
  }, [pathname]);

  const onLoggedIn = useCallback(async (login: LoginResponse) => {
    setCsrfToken(login.csrfToken);
    const me = await fetchMe();
    setAuth({ name: 'signed-in', me });
  }, []);

  const session = useMemo<Session | undefined>(() => {
    if (auth.name !== 'signed-in') return undefined;
    return {
      me: auth.me,
      refresh: async () => {
        const me = await fetchMe();
        setAuth({ name: 'signed-in', me });
      },
      logout: async () => {
        try {
          await api('POST', '/api/auth/logout');
        } finally {
          setCsrfToken(undefined);
          setAuth({ name: 'anonymous', notice: 'Du är utloggad.' });
          navigate(`${BASE}/`, { replace: true });
        }
      },
    };
  }, [auth]);

  const matched = useMemo(() => {
    for (const route of routes) {
      const match = matchPath(route.pattern, pathname);
      if (match) return { route, match };
    }
    return undefined;
  }, [pathname]);

  useEffect(() => {
    const pageTitle = auth.name === 'signed-in' ? (matched?.route.title ?? 'Sidan finns inte') : 'Logga in';
    document.title = `${pageTitle} – Arbetsyta`;
  }, [auth.name, matched]);

  // An invitation link asks for a new password, whoever is logged in.
  const invite = matchPath('/inbjudan/:token', pathname);
  if (invite) return <InvitePage token={invite.params.token} onLoggedIn={onLoggedIn} />;

  if (auth.name === 'checking') {
    return (
      <main id="main" className="login-page">
        <p role="status">Laddar…</p>
      </main>
    );
  }
  if (auth.name === 'error') {
    return (
      <main id="main" className="login-page">
        <div className="login-card">
          <h1>Arbetsytan kunde inte laddas</h1>
          <p className="error-box" role="alert">
            {auth.message}
          </p>
          <button type="button" className="primary" onClick={checkSession}>
            Försök igen
          </button>
        </div>
      </main>
    );
  }
  if (auth.name === 'anonymous' || !session) {
    // A unit's registration link asks for its PIN instead of a login.
    const unitLink = matchPath('/registrera/:token', pathname);
    if (unitLink) return <RegistrationLinkPage match={unitLink} />;
    return (
      <LoginPage onLoggedIn={onLoggedIn} notice={auth.name === 'anonymous' ? auth.notice : undefined} />
    );
  }

  const Page = matched?.route.component;
  return (
    <SessionContext.Provider value={session}>
      <Layout>{Page && matched ? <Page match={matched.match} /> : <NotFoundPage />}</Layout>
    </SessionContext.Provider>
  );
}
