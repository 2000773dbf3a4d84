import type { RoleName } from '../../domain/campaign';

export type Role = RoleName;

export interface RoleGrant {
  role: Role;
  kommunkod: string | null;
  lanKod: string | null;
  unitId: string | null;
  microdataExport: boolean;
}

/** Who is calling, attached to the request by the authenticate middleware. */
export interface AuthContext {
  userId: string;
  email: string;
  displayName: string;
  kommunkod: string;
  roles: RoleGrant[];
  csrfToken: string;
  via: 'bearer' | 'cookie';
}

declare module 'express-serve-static-core' {
  interface Request {
    auth?: AuthContext;
  }
}

/** Kommuner whose survey data the user may analyse (analyst role). Admin alone gives none: least privilege. */
export function analystKommuner(auth: AuthContext): string[] {
  return unique(auth.roles.filter((grant) => grant.role === 'analyst').map((grant) => grant.kommunkod!));
}

export function isAnalystIn(auth: AuthContext, kommunkod: string): boolean {
  return analystKommuner(auth).includes(kommunkod);
}

export function canExportMicrodata(auth: AuthContext, kommunkod: string): boolean {
  return auth.roles.some((grant) => grant.role === 'analyst' && grant.kommunkod === kommunkod && grant.microdataExport);
}

export function isAdmin(auth: AuthContext): boolean {
  return auth.roles.some((grant) => grant.role === 'admin');
}

/** Units a screener may register for. */
export function screenerUnits(auth: AuthContext): string[] {
  return unique(auth.roles.filter((grant) => grant.role === 'screener' && grant.unitId).map((grant) => grant.unitId!));
}

/** Län whose aggregates a county viewer may see. */
export function countyLan(auth: AuthContext): string[] {
  return unique(auth.roles.filter((grant) => grant.role === 'county_viewer').map((grant) => grant.lanKod!));
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
