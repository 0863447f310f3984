import { startApp, TestApp } from '../../support/app';

describe('CORS: off unless CORS_ORIGINS lists origins', () => {
  const preflight = (t: TestApp, origin: string) =>
    t
      .http()
      .options('/items')
      .set('Origin', origin)
      .set('Access-Control-Request-Method', 'GET')
      .set('Access-Control-Request-Headers', 'authorization');

  it('sends no CORS headers by default', async () => {
    const t = await startApp();
    try {
      const response = await preflight(t, 'https://app.example.com');
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
      const simple = await t.http().get('/health/live').set('Origin', 'https://app.example.com');
      expect(simple.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await t.close();
    }
  });

  it('allows exactly the listed origins', async () => {
    const t = await startApp({
      CORS_ORIGINS: 'https://app.example.com, https://admin.example.com',
    });
    try {
      const allowed = await preflight(t, 'https://admin.example.com');
      expect(allowed.status).toBe(204);
      expect(allowed.headers['access-control-allow-origin']).toBe('https://admin.example.com');
      const refused = await preflight(t, 'https://evil.example.com');
      expect(refused.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await t.close();
    }
  });
});
