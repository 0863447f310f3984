import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildAppConfig } from '../../src/config/app.config';
import { validateEnvironment } from '../../src/config/environment';

const configOf = (env: Record<string, string>) => buildAppConfig(validateEnvironment(env));

describe('configuration: addresses and files', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'scopegate-config-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const rsaPublicPem = () =>
    generateKeyPairSync('rsa', { modulusLength: 2048 })
      .publicKey.export({ type: 'spki', format: 'pem' })
      .toString();
  const rsaPrivatePem = () =>
    generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();

  it('listens on this machine only unless told otherwise, outside production', () => {
    expect(configOf({}).host).toBe('127.0.0.1');
    expect(configOf({ NODE_ENV: 'test' }).host).toBe('127.0.0.1');
    expect(configOf({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(configOf({ NODE_ENV: 'production', JWT_PRIVATE_KEY: rsaPrivatePem() }).host).toBe(
      '0.0.0.0',
    );
  });

  it('reads JWT_PREVIOUS_PUBLIC_KEYS from JWT_PREVIOUS_PUBLIC_KEYS_FILE', () => {
    const file = join(dir, 'previous.pem');
    writeFileSync(file, rsaPublicPem() + rsaPublicPem());
    expect(configOf({ JWT_PREVIOUS_PUBLIC_KEYS_FILE: file }).jwt.previousKeys).toHaveLength(2);
  });

  it.each([
    ['a path that does not exist', () => join(dir, 'missing.pem'), 'it does not exist'],
    ['a directory', () => dir, 'it is a directory'],
    [
      'a path through a file',
      () => join(writeFile('plain'), 'key.pem'),
      'a part of its path is not a directory',
    ],
  ])('says why a _FILE cannot be read: %s', (_case, path, reason) => {
    const file = path();
    expect(() => configOf({ JWT_PRIVATE_KEY_FILE: file })).toThrow(
      `JWT_PRIVATE_KEY_FILE names a file that cannot be read: ${file} (${reason}`,
    );
  });

  it.each([
    ['empty', ''],
    ['one line break', '\n'],
  ])('refuses a _FILE naming a file that is %s, instead of using the default', (_case, content) => {
    const file = join(dir, 'redis-url');
    writeFileSync(file, content);
    for (const name of ['REDIS_URL', 'DATABASE_URL']) {
      expect(() => configOf({ [`${name}_FILE`]: file })).toThrow(
        `${name}_FILE names an empty file: ${file}`,
      );
    }
  });

  function writeFile(name: string): string {
    const file = join(dir, name);
    writeFileSync(file, 'x');
    return file;
  }
});
