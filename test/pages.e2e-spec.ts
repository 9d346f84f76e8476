import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { type Browser, chromium } from 'playwright-core';
import { startApi, type TestApp } from './support/test-app.js';

const SCREENSHOTS = 'test-artifacts/screenshots';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe('public pages in a real browser (headless Chromium)', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    t = await startApi();
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
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
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('files a complaint through the form, then sees its status on /track', async () => {
    const page = await browser.newPage({ locale: 'en-US' });
    await page.goto(`${base}/`);
    expect(await page.getAttribute('html', 'lang')).toBe('en');

    // Client-side validation shows the field messages before anything is sent.
    await page.getByLabel('User ID (5–12 digits)').fill('0123');
    await page.getByRole('button', { name: 'Send complaint' }).click();
    await expect(page.locator('#platformUserId-error').textContent()).resolves.toContain(
      '5–12 digits',
    );
    expect(await page.getAttribute('#platformUserId', 'aria-invalid')).toBe('true');
    await page.screenshot({ path: `${SCREENSHOTS}/form-errors.png`, fullPage: true });

    await page.getByLabel('User ID (5–12 digits)').fill('10086123');
    await page.getByLabel('Contact (e-mail or mobile number)').fill('li.wei@example.cn');
    await page.getByLabel('Title (optional)').fill('Messages late');
    await page
      .getByLabel('What happened')
      .fill('Messages arrive ten minutes late since yesterday <script>alert(1)</script>');
    await page.getByRole('button', { name: 'Send complaint' }).click();
    const code = (await page.locator('#tracking-code').textContent({ timeout: 10_000 }))!.trim();
    const token = (await page.locator('#tracking-token').textContent())!.trim();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
    expect(token).toMatch(/^[0-9a-f]{32}$/);
    await page.screenshot({ path: `${SCREENSHOTS}/filed.png`, fullPage: true });
    const [stored] = await t.db.query(
      'SELECT description FROM complaints WHERE tracking_code = $1',
      [code],
    );
    expect(stored.description).toContain('<script>alert(1)</script>');

    await page.locator('#track-link').click();
    await page.getByLabel('Tracking token').fill(token);
    await page.getByRole('button', { name: 'Show' }).click();
    await expect(page.locator('#status').textContent()).resolves.toMatch(/Received|In progress/);

    // A reply with markup comes back as text, not as markup.
    await page
      .getByLabel('Add information')
      .fill('<img src=x onerror="document.title=1"> still broken');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.locator('.reply').first().textContent()).resolves.toContain(
      '<img src=x onerror="document.title=1"> still broken',
    );
    expect(await page.locator('.reply img').count()).toBe(0);
    await page.screenshot({ path: `${SCREENSHOTS}/track.png`, fullPage: true });
    await page.close();
  });

  it('works without JavaScript, in Chinese by Accept-Language, and names wrong tokens', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${base}/`);
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    await page.getByLabel('用户ID（5–12 位数字）').fill('10086124');
    await page.getByLabel('联系方式（邮箱或手机号）').fill('13812345678');
    await page.getByLabel('问题描述').fill('会员自动续费了，没有经过我的同意就扣了钱');
    await page.getByRole('button', { name: '提交投诉' }).click();
    const code = (await page.locator('#tracking-code').textContent())!.trim();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
    await page.screenshot({ path: `${SCREENSHOTS}/filed-zh-nojs.png`, fullPage: true });

    await page.goto(`${base}/track?code=${code}`);
    await page.getByLabel('查询密钥').fill('0'.repeat(32));
    await page.getByRole('button', { name: '查询' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain(
      '查询码或查询密钥不正确',
    );
    await context.close();
  });

  it('the language switcher is a keyboard-reachable link', async () => {
    const page = await browser.newPage({ locale: 'zh-CN' });
    await page.goto(`${base}/`);
    await page.keyboard.press('Tab');
    const focused = await page.locator(':focus').textContent();
    expect(focused).toBe('English');
    await page.keyboard.press('Enter');
    await page.waitForURL(/lang=en/);
    await expect(page.locator('h1').textContent()).resolves.toBe('File a complaint');
    await page.close();
  });
});
