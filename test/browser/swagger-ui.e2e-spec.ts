import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { decode } from 'jsonwebtoken';
import { Browser, chromium, Locator, Page } from 'playwright-core';
import { newDataDir } from '../support/app';
import { freePort } from '../support/listen';
import { ServerProcess, startServer } from '../support/server-process';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = join(__dirname, '..', '..', 'test-output', 'browser');
const ADMIN = { username: 'root', password: 'root-password-123' };
const PASSWORD = 'correct-horse-battery';
const ROOT = join(__dirname, '..', '..');
const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
};

/**
 * Swagger UI as a user meets it, in a real Chromium: the Authorize dialog, "Try it out", a reload,
 * a logout, and the authorization code flow through scopegate's own sign-in and consent pages.
 */
describe('Swagger UI in a real browser', () => {
  const dataDir = newDataDir();
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  let step = 0;

  const shot = (name: string, target: Page = page) =>
    target.screenshot({
      path: join(SCREENSHOTS, `${String(++step).padStart(2, '0')}-${name}.png`),
    });

  const createUser = async (role: string) => {
    const token = await fetch(`${server.url}/auth/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'password', ...ADMIN }),
    }).then(async (response) => ((await response.json()) as { access_token: string }).access_token);
    const username = `${role}${Date.now()}`;
    const response = await fetch(`${server.url}/users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: PASSWORD, role }),
    });
    expect(response.status).toBe(201);
    return username;
  };

  const flow = (name: string): Locator =>
    page
      .locator('.auth-container')
      .filter({ has: page.locator('h4', { hasText: `OAuth2, ${name}` }) });
  const openAuthorize = async () => {
    await page.click('.auth-wrapper button.authorize');
    await page.waitForSelector('.modal-ux');
  };
  const closeAuthorize = () => page.click('.modal-ux button.close-modal');
  const tick = (container: Locator, scope: string) =>
    container.locator(`label[for^="${scope}-"]`).first().click();

  /** Expands an operation, runs "Try it out" → "Execute", screenshots the response, returns it. */
  async function execute(operationId: string, name: string) {
    const operation = page.locator(`[id$="-${operationId}"]`);
    const body = operation.locator('.opblock-body');
    // The control itself, not the summary's centre, which may fall on its copy or lock button.
    if (!(await body.isVisible()))
      await operation.locator('button.opblock-summary-control').click();
    await body.waitFor();
    const tryOut = body.locator('button.try-out__btn');
    if ((await tryOut.textContent())?.includes('Try it out')) await tryOut.click();
    await operation.locator('button.execute').click();
    const response = operation.locator('.live-responses-table .response').first();
    await response.waitFor();
    await response.scrollIntoViewIfNeeded();
    await shot(name);
    const result = {
      status: (await response.locator('.response-col_status').textContent())!.trim(),
      text: (await operation.locator('.live-responses-table').textContent()) ?? '',
    };
    await operation.locator('button.btn-clear').click();
    return result;
  }

  beforeAll(async () => {
    rmSync(SCREENSHOTS, { recursive: true, force: true });
    mkdirSync(SCREENSHOTS, { recursive: true });
    const port = await freePort();
    server = await startServer('scopegate', port, {
      DATA_DIR: dataDir,
      DATABASE_URL: `sqlite:${join(dataDir, 'browser.db')}`,
      JWT_ISSUER: `http://127.0.0.1:${port}`,
      ADMIN_USERNAME: ADMIN.username,
      ADMIN_PASSWORD: ADMIN.password,
      LOG_LEVEL: 'warn',
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('opens the Authorize dialog on the code flow, in plain words, without empty secrets', async () => {
    await page.goto(`${server.url}/docs`);
    await page.waitForSelector('.swagger-ui .info');
    await shot('docs');
    expect((await page.locator('.swagger-ui .info .version').first().textContent())?.trim()).toBe(
      version,
    );

    await openAuthorize();
    const headings = await page.locator('.modal-ux .auth-container h4').allTextContents();
    expect(headings[0]).toContain('authorizationCode');
    expect(headings.findIndex((text) => text.includes('basic'))).toBe(headings.length - 1);
    // The focus is on the code flow, not on the HTTP Basic form Swagger UI would focus.
    const focused = await page.evaluate(
      () => document.activeElement?.closest('.auth-container')?.querySelector('h4')?.textContent,
    );
    expect(focused).toContain('authorizationCode');
    await expect(
      flow('authorizationCode').locator('.flow-description').textContent(),
    ).resolves.toMatch(/^Recommended: /);
    await expect(flow('password').locator('.flow-description').isVisible()).resolves.toBe(true);
    for (const hidden of [
      '#client_secret_authorizationCode',
      '#client_secret_password',
      '#password_type',
    ]) {
      expect(await page.locator(hidden).isVisible()).toBe(false);
    }
    expect(
      await flow('clientCredentials').locator('#client_secret_clientCredentials').isVisible(),
    ).toBe(true);
    await page.screenshot({ path: join(ROOT, 'docs', 'authorize-dialog.png') });
    await closeAuthorize();
  });

  it('authorizes with the password flow and only the ticked scope, and enforces it', async () => {
    const reader = await createUser('user');

    await openAuthorize();
    const password = flow('password');
    await password.scrollIntoViewIfNeeded();
    await password.locator('#oauth_username').fill(reader);
    await password.locator('#oauth_password').fill(PASSWORD);
    await tick(password, 'items:read');
    await shot('authorize-dialog');
    await password.locator('button.authorize').click();
    await password.locator('button', { hasText: 'Logout' }).waitFor();
    await closeAuthorize();

    const list = await execute('ItemsController_list', 'get-items-200');
    expect(list.status).toBe('200');
    const create = await execute('ItemsController_create', 'post-items-403');
    expect(create.status).toBe('403');
    expect(create.text).toContain('insufficient_scope');
    expect(create.text).toContain('Missing required scope: items:write');
  });

  it('keeps the authorization across a reload, and answers 401 after logging out', async () => {
    await page.reload();
    await page.waitForSelector('.swagger-ui .info');
    await page.locator('.auth-wrapper button.authorize.locked').waitFor();
    expect((await execute('ItemsController_list', 'after-reload-200')).status).toBe('200');

    await openAuthorize();
    await flow('password').locator('button', { hasText: 'Logout' }).click();
    await closeAuthorize();
    const anonymous = await execute('ItemsController_list', 'logged-out-401');
    expect(anonymous.status).toBe('401');
  });

  it('authorizes through the code flow and the consent page, without the scope unticked there', async () => {
    const editor = await createUser('editor');
    // Signed out whatever the test before left behind: a kept authorization hides the client id.
    await page.goto(`${server.url}/docs`);
    await page.evaluate(() => localStorage.removeItem('authorized'));
    await page.reload();
    await page.locator('.auth-wrapper button.authorize.unlocked').waitFor();
    await openAuthorize();
    const code = flow('authorizationCode');
    await code.scrollIntoViewIfNeeded();
    expect(await code.locator('input[data-name="clientId"]').inputValue()).toBe('scopegate-docs');
    await tick(code, 'write');
    await tick(code, 'delete');
    const [popup] = await Promise.all([
      page.waitForEvent('popup'),
      code.locator('button.authorize').click(),
    ]);

    await popup.waitForSelector('#username');
    await shot('sign-in-page', popup);
    await popup.fill('#username', editor);
    await popup.fill('#password', PASSWORD);
    await popup.click('button[type=submit]');
    await popup.waitForSelector('input[name=scope][value=delete]');
    await popup.uncheck('input[name=scope][value=delete]');
    await shot('consent-page', popup);
    await Promise.all([popup.waitForEvent('close'), popup.click('button[value=approve]')]);

    await code.locator('button', { hasText: 'Logout' }).waitFor();
    await closeAuthorize();
    const created = await execute('ItemsController_create', 'post-items-201');
    expect(created.status).toBe('201');

    const token = await page.evaluate(() => {
      const saved = JSON.parse(localStorage.getItem('authorized') ?? '{}') as Record<
        string,
        { token?: { access_token?: string } }
      >;
      return saved.oauth2?.token?.access_token;
    });
    const scope = (decode(token!) as { scope: string }).scope.split(' ');
    expect(scope).toContain('write');
    expect(scope).not.toContain('delete');
  });
});
