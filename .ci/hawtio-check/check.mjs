// Logs into Hawtio with its own login form, opens the Camel plugin's route list and waits for the
// Lintas routes; keeps a screenshot. Exit 0 = seen; 1 = a readable reason on stderr (and a screenshot
// of what the browser showed). Run by .ci/hawtio-check.sh (which starts the app).
//
// Environment: HAWTIO_URL (e.g. http://127.0.0.1:8080/actuator/hawtio/), HAWTIO_USER, HAWTIO_PASSWORD,
// HAWTIO_ROUTES (comma-separated route ids that must be listed), HAWTIO_OUT (directory for the PNGs),
// CHROMIUM (default /usr/bin/chromium).
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const base = process.env.HAWTIO_URL;
const user = process.env.HAWTIO_USER;
const password = process.env.HAWTIO_PASSWORD;
const routes = (process.env.HAWTIO_ROUTES || 'lead-pipeline').split(',').map((r) => r.trim()).filter(Boolean);
const out = process.env.HAWTIO_OUT || 'target/hawtio';
mkdirSync(out, { recursive: true });

function fail(message) {
  console.error(`hawtio-check: FAILED: ${message}`);
  process.exitCode = 1;
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  // root in CI: no sandbox; a closed network: no background connections to Google's hosts
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
page.setDefaultTimeout(30_000);
// what went wrong between the page and the app, for the failure message
const problems = [];
page.on('response', (r) => { if (r.status() >= 400) problems.push(`${r.status()} ${r.request().method()} ${r.url()}`); });
page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text().slice(0, 300)}`); });
try {
  // 1. not logged in: the console sends the browser to its login page
  await page.goto(base, { waitUntil: 'domcontentloaded' });
  const password_ = page.locator('input[type="password"]');
  try {
    await password_.waitFor({ state: 'visible', timeout: 45_000 });
  } catch {
    throw new Error(`no login form at ${page.url()} (is Hawtio served and its login page public?)`);
  }
  console.log(`hawtio-check: login page at ${page.url()}`);

  // 2. the login form, as a person would fill it
  await page.locator('input[type="text"], input[name="username"], input#pf-login-username-id').first().fill(user);
  await password_.fill(password);
  // A good login: Hawtio asks who is logged in (GET user, 200) and loads the console page again.
  const loggedIn = page.waitForResponse(
    (r) => new URL(r.url()).pathname.endsWith('/hawtio/user') && r.status() === 200, { timeout: 30_000 });
  await page.locator('button[type="submit"]').first().click();
  try {
    await loggedIn;
    await page.waitForLoadState('load');
  } catch {
    const alert = await page.locator('.pf-m-error, .pf-v5-c-helper-text, .pf-v6-c-helper-text, [role="alert"]').allInnerTexts()
      .catch(() => []);
    throw new Error(`login as '${user}' failed: still on ${page.url()}${alert.length ? ' — the page says: ' + alert.join(' | ') : ''}`);
  }
  console.log(`hawtio-check: logged in as ${user}, now at ${page.url()}`);

  // 3. the Camel plugin's route list. On a slow machine Hawtio may still be loading itself again after the login
  // (window.location) when we navigate, and one navigation then cuts the other off: open the routes again, a few times.
  const routesPage = new URL('camel/routes', base).toString();
  for (let attempt = 1; ; attempt++) {
    try {
      await page.goto(routesPage, { waitUntil: 'load' });
      await page.getByText(routes[0], { exact: true }).first().waitFor({ state: 'visible', timeout: 30_000 });
      break;
    } catch (e) {
      const reason = String(e.message).split('\n')[0];
      if (attempt >= 4) {
        throw new Error(`route '${routes[0]}' not seen in the Camel plugin at ${page.url()} after ${attempt} tries (last: ${reason})`);
      }
      console.log(`hawtio-check: (try ${attempt}: ${reason}; opening the routes again)`);
      await page.waitForLoadState('load').catch(() => {});
    }
  }
  for (const route of routes) {
    try {
      await page.getByText(route, { exact: true }).first().waitFor({ state: 'visible', timeout: 60_000 });
    } catch {
      throw new Error(`route '${route}' not seen in the Camel plugin at ${page.url()} (Camel JMX on? routes loaded?)`);
    }
  }
  console.log(`hawtio-check: Camel plugin lists ${routes.join(', ')}`);
  // let the routes table fill in for the screenshot (its rows come from a second Jolokia round)
  await page.locator('table').getByText(routes[0], { exact: true }).first().waitFor({ state: 'visible', timeout: 20_000 })
    .catch(() => console.log('hawtio-check: (the routes table was still loading at the screenshot)'));
  const shot = join(out, 'hawtio-routes.png');
  await page.screenshot({ path: shot, fullPage: true });
  console.log(`hawtio-check: screenshot ${shot}`);
} catch (e) {
  fail(e.message);
  if (problems.length) console.error(`hawtio-check: the page saw:\n  ${problems.slice(-20).join('\n  ')}`);
  await page.screenshot({ path: join(out, 'hawtio-failure.png'), fullPage: true }).catch(() => {});
  console.error(`hawtio-check: what the browser showed: ${join(out, 'hawtio-failure.png')}`);
} finally {
  await browser.close();
}
