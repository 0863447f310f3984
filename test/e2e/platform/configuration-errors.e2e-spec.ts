import { dataDirs, rsaPkcs1Pem, startApp } from '../../support/app';

/**
 * Start-ups that must fail. The configuration, keys included, is checked before any module starts;
 * these cases stay in a file of their own all the same, since a start that failed midway could
 * finish building providers in the background (passport registers strategies per module registry).
 */
describe('configuration errors stop start-up, naming the variable', () => {
  const dataDir = dataDirs();

  it.each([
    ['PORT', { PORT: 'abc' }],
    ['JWT_ALG must be one of RS256, ES256, HS256', { JWT_ALG: 'none' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://db' }],
    ['ACCESS_TOKEN_TTL', { ACCESS_TOKEN_TTL: '0' }],
    ['JWT_ISSUER', { JWT_ISSUER: 'not a url' }],
    ['ADMIN_USERNAME and ADMIN_PASSWORD must be set together', { ADMIN_USERNAME: 'root' }],
    ['ADMIN_PASSWORD', { ADMIN_USERNAME: 'root', ADMIN_PASSWORD: 'short' }],
    ['JWT_SECRET must be at least 32 bytes', { JWT_ALG: 'HS256', JWT_SECRET: 'too-short' }],
    ['JWT_PRIVATE_KEY is not a PEM private key', { JWT_PRIVATE_KEY: 'not a key' }],
    [
      'JWT_PRIVATE_KEY must be an EC P-256 key for JWT_ALG=ES256',
      { JWT_ALG: 'ES256', JWT_PRIVATE_KEY: rsaPkcs1Pem() },
    ],
    [
      'JWT_PRIVATE_KEY_FILE names a file that cannot be read',
      { JWT_PRIVATE_KEY_FILE: '/nonexistent/key.pem' },
    ],
  ])('refuses to start, naming the variable: %s', async (message, env) => {
    await expect(startApp(env as Record<string, string>, { dataDir: dataDir() })).rejects.toThrow(
      message,
    );
  });

  it('refuses to start in production without a signing key', async () => {
    await expect(startApp({ NODE_ENV: 'production' }, { dataDir: dataDir() })).rejects.toThrow(
      'JWT_PRIVATE_KEY (or JWT_PRIVATE_KEY_FILE) is required when NODE_ENV=production',
    );
    await expect(
      startApp({ NODE_ENV: 'production', JWT_ALG: 'HS256' }, { dataDir: dataDir() }),
    ).rejects.toThrow('JWT_SECRET (or JWT_SECRET_FILE) is required when NODE_ENV=production');
  });
});
