// The web app in Debian's Chromium (playwright-core): one model of each app, trained here with --tiny, served by
// `mimo serve` with a bearer token and a bench folder. MIMO_WEB_SCREENSHOTS=DIR keeps a screenshot of each page
// (docs/web/ holds the ones docs/web.md shows).
import { ChildProcess } from 'child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { Browser, Page } from 'playwright-core';
import { hasChromium, launchChromium, CHROMIUM } from './chromium.test-helper';
import { mimo, noisePng, priceCsv, serve } from './served-apps.test-helper';

const TOKEN = 'e2e-token';
const APPS = ['healthcare', 'nlp', 'finance', 'autonomous'] as const;
type App = (typeof APPS)[number];

const describeInChromium = hasChromium ? describe : describe.skip;
if (!hasChromium) process.stderr.write(`web-e2e skipped: no Chromium at ${CHROMIUM} (tools/setup.sh installs Debian's chromium; or set MIMO_CHROMIUM)\n`);

describeInChromium('the web app in Chromium', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mimo-web-e2e-'));
  const shots = process.env.MIMO_WEB_SCREENSHOTS;
  let server: { url: string; child: ChildProcess };
  let browser: Browser;
  let page: Page;
  const images: Record<string, Buffer> = {};

  beforeAll(async () => {
    for (const app of APPS) mimo([app, 'train', '--tiny', '--epochs', '2', '--out', path.join(dir, 'models', app)]);
    mimo(['bench', '--profile', 'quick', '--only', 'nlp', '--seeds', '2', '--out', path.join(dir, 'bench')]);
    images.xray = await noisePng(28, 28, 1, 7);
    images.camera = await noisePng(32, 32, 3, 11);
    server = await serve(['--models', path.join(dir, 'models'), '--bench', path.join(dir, 'bench')], { MIMO_API_TOKEN: TOKEN });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    server?.child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  const screenshot = async (name: string) => {
    if (!shots) return;
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
  };

  /** The server's answer to a record, asked by this test process with the bearer token. */
  const serverAnswer = async (app: App, record: unknown) => {
    const response = await fetch(`${server.url}/v1/models/${app}:predict`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body: JSON.stringify({ records: [record] }) });
    return ((await response.json()) as { predictions: Record<string, { class?: string } | number>[] }).predictions[0];
  };

  /** Drops a PNG onto a field's drop zone, as a user dragging a file from their desktop does. */
  const dropImage = async (field: string, png: Buffer) => {
    const transfer = await page.evaluateHandle((bytes) => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array(bytes)], 'dropped.png', { type: 'image/png' }));
      return data;
    }, [...png]);
    await page.dispatchEvent(`.field[data-field="${field}"] .drop`, 'drop', { dataTransfer: transfer });
  };

  /** Fills the parts of a model's form that its examples do not: images (dropped or chosen), a text, enough price rows. */
  const fillGood = async (app: App) => {
    if (app === 'healthcare') await dropImage('image', images.xray);
    if (app === 'nlp') await page.fill('.field[data-field="text"] textarea', 'win money now free offer click here');
    if (app === 'finance') await page.fill('.field[data-field="prices"] textarea', priceCsv(8));
    if (app === 'autonomous') await page.setInputFiles('.field[data-field="camera"] input[type=file]', { name: 'frame.png', mimeType: 'image/png', buffer: images.camera });
  };

  /** Fills one field of each model's form with something wrong. */
  const fillBad = async (app: App): Promise<string> => {
    if (app === 'healthcare') await page.setInputFiles('.field[data-field="image"] input[type=file]', { name: 'xray.png', mimeType: 'image/png', buffer: Buffer.from('not an image at all') });
    if (app === 'nlp') await page.fill('.field[data-field="text"] textarea', '');
    if (app === 'finance') await page.fill('.field[data-field="prices"] textarea', priceCsv(2));
    if (app === 'autonomous') await page.fill('.field[data-field="ranges"] textarea', '1, 2, three');
    return { healthcare: 'image', nlp: 'text', finance: 'prices', autonomous: 'ranges' }[app];
  };

  const openModel = async (app: App) => {
    await page.goto(`${server.url}/#/models/${app}`);
    await page.reload();
    await page.waitForSelector('form');
  };

  it('guards the page and the API with the bearer token; /?token= opens the page', async () => {
    const bare = await fetch(`${server.url}/`);
    expect(bare.status).toBe(401);
    expect(await bare.text()).toContain('/?token=<token>');
    expect((await fetch(`${server.url}/v1/models`)).status).toBe(401);
    expect((await fetch(`${server.url}/web/app.js`)).status).toBe(401);
    await page.goto(`${server.url}/?token=${TOKEN}`);
    await page.waitForSelector('.models a.model');
    expect(await page.locator('.models a.model h3').allInnerTexts()).toEqual([...APPS].sort());
    await screenshot('models');
  });

  it.each(APPS)('%s: the form gives the prediction the API gives, and explains it (completeness holds)', async (app) => {
    await openModel(app);
    await fillGood(app);
    const [request] = await Promise.all([page.waitForRequest((r) => r.url().endsWith(`/${app}:predict`)), page.click('button.run-server')]);
    const record = (JSON.parse(request.postData() ?? '{}') as { records: unknown[] }).records[0];
    await page.waitForSelector('.explanation');
    const answer = await serverAnswer(app, record);
    const heads = Object.keys(answer);
    expect(await page.locator('.answer').count()).toBe(heads.length);
    for (const head of heads) {
      const expected = answer[head];
      if (typeof expected === 'object' && expected.class !== undefined) expect(await page.locator(`.answer[data-head="${head}"] .predicted-class`).innerText()).toBe(expected.class);
    }
    expect(await page.locator('.explanation').count()).toBe(heads.length);
    expect(await page.locator('.explanation .ok').count()).toBe(heads.length);
    if (app === 'healthcare' || app === 'autonomous') expect(await page.locator('.explanation canvas.heatmap').count()).toBeGreaterThanOrEqual(heads.length);
    // The dropped or chosen image is previewed, and sent as its base64 bytes.
    if (app === 'healthcare') expect((record as Record<string, unknown>).image).toBe(images.xray.toString('base64'));
    if (app === 'healthcare' || app === 'autonomous') expect(await page.locator('.drop img:not([hidden])').count()).toBe(1);
    if (app === 'nlp') expect(await page.locator('.explanation .tokens span').count()).toBeGreaterThan(0);
    await screenshot(app);
  });

  it.each(APPS)('%s: in this browser (plain tfjs + mimo-browser.js + the app decoder) equal to the server within 1e-5', async (app) => {
    await openModel(app);
    await fillGood(app);
    await page.click('button.run-browser');
    await page.waitForSelector('.agreement, .browser-error', { timeout: 120000 });
    expect(await page.locator('.browser-error').count()).toBe(0);
    const difference = Number(await page.locator('.agreement').getAttribute('data-difference'));
    expect(difference).toBeLessThanOrEqual(1e-5);
  });

  it.each(APPS)('%s: a bad field gets its error beside it, never a blank page', async (app) => {
    await openModel(app);
    await fillGood(app);
    const field = await fillBad(app);
    await page.click('button.run-server');
    const error = page.locator(`.field[data-field="${field}"] .field-error`);
    await error.waitFor({ state: 'visible' });
    await page.waitForFunction((name) => (document.querySelector(`.field[data-field="${name}"] .field-error`)?.textContent ?? '') !== '', field);
    expect(await page.locator(`.field.invalid[data-field="${field}"]`).count()).toBe(1);
    expect(await page.locator('form').count()).toBe(1);
  });

  it('shows the bench: the key metric by variant with error bars, throughput and paired differences', async () => {
    await page.goto(`${server.url}/#/runs`);
    await page.reload();
    await page.waitForSelector('.bench-app[data-app="nlp"]');
    expect(await page.locator('.bench-app canvas').count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator('.bench-app table tr').count()).toBeGreaterThan(2);
    await page.waitForTimeout(300);
    await screenshot('runs');
  });
});
