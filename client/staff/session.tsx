import { createContext, useContext } from 'react';
import type { Me } from '../../contracts/auth';

export interface Session {
  me: Me;
  /** Fetches `/api/me` again (after one's own roles changed). */
  refresh: () => Promise<void>;
  logout: () => Promise<void>;
}

export const SessionContext = createContext<Session | undefined>(undefined);

/** The signed-in user; only usable inside the authenticated layout. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession() outside <SessionContext.Provider>');
  return session;
}

export const roleLabels: Record<string, string> = {
  admin: 'Administratör',
  analyst: 'Analytiker',
  screener: 'Kartläggare',
  county_viewer: 'Länsstyrelse',
};
