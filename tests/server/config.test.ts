import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config';

describe('loadConfig', () => {
  it('has working defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 8080, dataDir: './data', seedDemo: true, databaseUrl: undefined, bodyLimit: '1mb' });
  });

  it('reads DATABASE_URL and flags', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@localhost/db', SEED_DEMO: 'false', PORT: '9000' });
    expect(config).toMatchObject({ databaseUrl: 'postgres://u@localhost/db', seedDemo: false, port: 9000 });
  });

  it('names the bad variable in one line', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/^Invalid configuration: PORT="70000"/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL="mysql:\/\/x" must start with postgres/);
    expect(() => loadConfig({ ADMIN_PASSWORD: 'short' })).toThrow(/ADMIN_PASSWORD.*at least 12/);
    expect(() => loadConfig({ SEED_DEMO: 'maybe' })).toThrow(/SEED_DEMO/);
  });

  it('refuses a first-admin password that breaks the policy (the probe used aaaaaaaaaaaa)', () => {
    expect(() => loadConfig({ ADMIN_PASSWORD: 'aaaaaaaaaaaa' })).toThrow(/ADMIN_PASSWORD.*password policy.*fewer than 5 different/);
    expect(() => loadConfig({ ADMIN_PASSWORD: 'Password1234' })).toThrow(/ADMIN_PASSWORD.*most common/);
    expect(loadConfig({ ADMIN_PASSWORD: 'fyra ord som ingen gissar' }).adminPassword).toBe('fyra ord som ingen gissar');
  });

  it('makes cookies Secure (and sends HSTS) when PUBLIC_URL is https, unless COOKIE_SECURE says otherwise', () => {
    expect(loadConfig({}).cookieSecure).toBe(false);
    expect(loadConfig({ PUBLIC_URL: 'http://localhost:8080' }).cookieSecure).toBe(false);
    expect(loadConfig({ PUBLIC_URL: 'https://enkat.kommun.se' }).cookieSecure).toBe(true);
    expect(loadConfig({ PUBLIC_URL: 'https://enkat.kommun.se', COOKIE_SECURE: 'false' }).cookieSecure).toBe(false);
    expect(loadConfig({ COOKIE_SECURE: 'true' }).cookieSecure).toBe(true);
  });
});
