/**
 * The operator console end to end, in Chromium against a real Straumur with a simulated
 * station (src/simulator): the operator registers a station and sees it come online live,
 * watches a session's chart grow and its cost run, stops it and sees its CDR, sends a reset, edits a tariff and sees the price preview,
 * downloads a report CSV; every main page is screenshotted (test/e2e/screenshots/).
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { Fleet } from '../../src/simulator/index.ts';
import { eventually } from '../helpers/app.ts';
import { type Console, startConsole } from './browser.ts';

const STATION = 'SIM-E2E-1';
const CARD = 'E2E0CA4D';

describe('operator console', () => {
  let c: Console;
  let fleet: Fleet;

  before(async () => {
    // One card on two EVSEs: both may charge at once.
    c = await startConsole({ env: { ALLOW_CONCURRENT_TX: 'true' } });
    assert.equal((await c.server.api('POST', '/api/v1/tokens', { uid: CARD, type: 'ISO14443' })).status, 201);
    const tariff = { name: 'Default', currency: 'ISK', default: true, elements: [{ price_components: [{ type: 'ENERGY', price: '45', vat: '24', step_size: 1 }] }] };
    assert.equal((await c.server.api('POST', '/api/v1/tariffs', tariff)).status, 201);
    fleet = new Fleet({
      url: c.server.ocppUrl,
      stations: [{ id: STATION, version: '2.0.1' }],
      rampPerSec: 10,
      evses: 2,
      meterIntervalSec: 1,
      sessionsPerHour: 1,
      firstSessionSec: 1,
      sessionMinutes: 60,
      tokens: [CARD],
      vendor: 'Straumur Sim',
      model: 'E2E 22',
    });
    await c.signIn();
  });
  after(async () => {
    await fleet?.stop();
    await c?.close();
  });

  const page = () => c.page;
  const nav = (name: string) => page().getByRole('navigation').getByRole('link', { name, exact: true }).click();
  const points = async () => Number(await page().getByTestId('session-chart').getAttribute('data-points'));
  // Polled from the test (a page-side wait would need eval, which the CSP forbids).
  const waitPoints = (min: number) => eventually(async () => (await points()) >= min, 20_000, `${min} chart points`);

  test('registers a station and sees it come online live', async () => {
    await nav('Stations');
    await page().getByRole('button', { name: 'Register a station' }).click();
    await page().getByLabel('Station id').fill(STATION);
    await page().getByLabel('Name').first().fill('Harbour');
    await page().getByRole('button', { name: 'Create' }).click();
    await page().getByRole('heading', { name: new RegExp(STATION) }).waitFor();
    await page().getByRole('heading').getByText('Offline').waitFor();

    await fleet.start();
    // No reload: the station's status and connectors arrive over the event stream.
    await page().getByRole('heading').getByText('Online').waitFor({ timeout: 15_000 });
    await page().getByTestId('connectors').locator('tr[data-connector="2/1"]').waitFor({ timeout: 15_000 });
    await c.screenshot('station');

    await nav('Dashboard');
    await page().getByTestId('stations-online').getByText('1', { exact: true }).waitFor();
    await page().getByTestId('sessions-now').getByText(/^[12]$/).waitFor({ timeout: 15_000 });
    await c.screenshot('dashboard');
  });

  test("watches a session's chart grow and its cost run, stops it and sees the CDR", async () => {
    await nav('Sessions');
    await page().getByTestId('sessions').locator('tr[data-session]').first().waitFor({ timeout: 15_000 });
    await c.screenshot('sessions');
    await page().getByLabel('Status').selectOption('active');
    const row = page().getByTestId('sessions').locator('tr[data-session]').filter({ hasText: 'Charging' }).first();
    await row.waitFor({ timeout: 15_000 });
    await row.getByRole('link').first().click();
    await page().getByTestId('session-chart').waitFor();
    await waitPoints(1);
    const before = await points();
    // Meter values every second, each one a new point, live.
    await waitPoints(before + 3);
    await page().getByTestId('session-cost').getByText(/^ISK\s\d/).waitFor({ timeout: 15_000 });
    await page().getByTestId('cost-panel').getByText('Cost so far').waitFor();
    await c.screenshot('session');
    await page().getByRole('toolbar').getByRole('button', { name: 'Stop session' }).click();
    const dialog = page().locator('dialog[data-action="session.stop"]');
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await dialog.getByRole('status').getByText(/The station answered: Accepted/).waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await page().getByRole('heading').getByText('Completed').waitFor({ timeout: 15_000 });
    await page().getByTestId('cdr').waitFor({ timeout: 15_000 });
    await c.screenshot('session-completed');
  });

  test('sends a reset, confirmed, and sees the station come back', async () => {
    await page().goto(`/stations/${STATION}`);
    await page().getByRole('heading').getByText('Online').waitFor();
    await page().getByRole('toolbar').getByRole('button', { name: 'Reset' }).click();
    const dialog = page().locator('dialog[data-action="station.reset"]');
    await dialog.getByText(`Reset ${STATION} (Soft (restart the software))? Sessions on it will be stopped.`).waitFor();
    await c.screenshot('station-reset-confirm');
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await dialog.getByRole('status').getByText('The station answered: Accepted.').waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
    // The simulated station closes its socket and boots again: both show without a reload.
    await page().getByRole('heading').getByText('Offline').waitFor({ timeout: 15_000 });
    await page().getByRole('heading').getByText('Online').waitFor({ timeout: 15_000 });
    const log = await c.server.api('GET', `/api/v1/stations/${STATION}/messages?action=Reset`);
    assert.ok(log.body.items.some((m: { direction: string }) => m.direction === 'out'));
  });

  test('runs a command from the keyboard with the command palette', async () => {
    await page().goto(`/stations/${STATION}`);
    await page().getByRole('heading').getByText('Online').waitFor();
    await page().keyboard.press('Control+k');
    await page().getByPlaceholder('Type a command…').fill('ask for a message');
    await page().keyboard.press('Enter');
    const dialog = page().locator('dialog[data-action="station.trigger"]');
    await dialog.waitFor();
    await page().keyboard.press('Enter');
    await dialog.getByRole('status').getByText(/The station answered: Accepted/).waitFor();
    await page().keyboard.press('Escape');
    await c.screenshot('station-messages-before');
    await page().getByRole('tab', { name: 'Message log' }).click();
    await page().getByTestId('messages').getByText('TriggerMessage').first().waitFor();
    await c.screenshot('station-messages');
  });

  test('edits a tariff and sees the preview', async () => {
    await nav('Tariffs');
    await page().getByRole('link', { name: 'New tariff' }).click();
    await page().locator('input[name="tariff-name"]').fill('Standard');
    await page().locator('input[name="price-0-0"]').fill('60');
    const total = page().getByTestId('preview-total');
    // 20 kWh × 60 ISK = 1,200 + 24 % VAT = 1,488; ISK has no decimals.
    await total.getByText('ISK 1,488').waitFor();
    await page().getByRole('button', { name: 'Save' }).click();
    await page().getByRole('status').getByText(/^Saved/).waitFor();
    await page().locator('input[name="price-0-0"]').fill('50');
    await total.getByText('ISK 1,240').waitFor();
    await page().locator('input[name="example-energy"]').fill('10');
    await total.getByText('ISK 620').waitFor();
    await c.screenshot('tariff-editor');
    await page().getByRole('button', { name: 'Save' }).click();
    await page().getByRole('status').getByText(/^Saved/).waitFor();
    const list = (await c.server.api('GET', '/api/v1/tariffs')).body.items;
    const saved = list.find((t: { name: string }) => t.name === 'Standard');
    assert.equal(saved.version, 2);
    assert.equal(String(saved.elements[0].price_components[0].price), '50');
    await nav('Tariffs');
    await page().getByTestId('tariffs').getByText('Standard').waitFor();
    await c.screenshot('tariffs');
  });

  test('downloads a report CSV', async () => {
    await nav('Reports');
    await page().getByTestId('report-chart').waitFor();
    await c.screenshot('reports');
    const [download] = await Promise.all([page().waitForEvent('download'), page().getByTestId('report-csv').click()]);
    assert.match(download.suggestedFilename(), /^energy-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile((await download.path()) as string, 'utf8');
    assert.match(csv.split('\n')[0] as string, /^period,energyWh,sessions/);
    assert.ok(csv.trim().split('\n').length >= 2, 'a row per day');
  });

  test('every other main page opens, in English and Icelandic', async () => {
    for (const [path, heading, shot] of [
      ['/alerts', 'Alerts', 'alerts'],
      ['/drivers', 'Drivers', 'drivers'],
      ['/tokens', 'Tokens', 'tokens'],
      ['/billing', 'Billing', 'billing'],
      ['/operators', 'Operators', 'operators'],
      ['/stations', 'Stations', 'stations'],
    ] as const) {
      await page().goto(path);
      await page().getByRole('heading', { name: heading, exact: true }).waitFor();
      await page().locator('.loading').first().waitFor({ state: 'detached' });
      await c.screenshot(shot);
    }
    await page().getByTestId('tokens').or(page().getByTestId('stations')).first().waitFor();
    await page().getByTestId('language').selectOption('is');
    await page().getByRole('heading', { name: 'Stöðvar', exact: true }).waitFor();
    await page().goto('/');
    await page().getByRole('heading', { name: 'Yfirlit' }).waitFor();
    await c.screenshot('dashboard-is');
    await page().getByTestId('language').selectOption('en');
  });

  test('nothing broke the CSP and no page error happened', () => {
    assert.deepEqual(c.problems, []);
  });
});
