import { validateSync } from 'class-validator';
import { IsRedirectUri, parseRedirectUri } from '../../src/clients/redirect-uri';

describe('parseRedirectUri: a URI the authorization endpoint can redirect to', () => {
  it.each([
    'https://app.example/callback',
    'https://app.example:8443/callback?tenant=a',
    'http://127.0.0.1:8080/callback',
    'http://[::1]:5000/callback',
    'http://localhost/callback',
  ])('accepts %s', (uri) => {
    expect(parseRedirectUri(uri)).toBeInstanceOf(URL);
  });

  it('returns the URL as WHATWG parsing reads it', () => {
    const url = parseRedirectUri('HTTPS://App.Example:443/cb?x=1');
    expect(url?.href).toBe('https://app.example/cb?x=1');
  });

  it.each([
    ['a fragment', 'https://app.example/callback#done'],
    ['an empty fragment', 'https://app.example/callback#'],
    ['a private-use scheme', 'com.example.app:/callback'],
    ['javascript:', 'javascript:alert(1)'],
    ['data:', 'data:text/html,hello'],
    ['ftp:', 'ftp://app.example/callback'],
    ['file:', 'file:///etc/passwd'],
    ['a relative reference', '/callback'],
    ['a scheme-relative reference', '//app.example/callback'],
    ['the empty string', ''],
    ['a host WHATWG parsing refuses', 'https://exa mple.com/callback'],
    ['a port out of range', 'https://app.example:65536/callback'],
  ])('refuses %s', (_, uri) => {
    expect(parseRedirectUri(uri)).toBeUndefined();
  });
});

describe('IsRedirectUri: registration refuses what redirects would refuse', () => {
  class Registration {
    @IsRedirectUri({ each: true })
    redirectUris!: unknown[];
  }
  const problems = (redirectUris: unknown[]) =>
    validateSync(Object.assign(new Registration(), { redirectUris }));

  it('accepts http and https URIs without fragment', () => {
    expect(problems(['https://app.example/cb', 'http://127.0.0.1:9000/cb'])).toEqual([]);
  });

  it.each([[['https://app.example/cb#x']], [['ftp://app.example/cb']], [[42]], [[null]]])(
    'refuses %p, saying what it needs',
    (redirectUris) => {
      const [problem] = problems(['https://app.example/ok', ...redirectUris]);
      expect(problem?.property).toBe('redirectUris');
      expect(problem?.constraints).toEqual({
        isRedirectUri:
          'each value in redirectUris must be absolute http(s) URLs that WHATWG URL parsing accepts, without fragment',
      });
    },
  );
});
