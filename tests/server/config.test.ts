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
});
