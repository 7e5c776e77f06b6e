/**
 * The driver portal on a phone (390x844) in real Chromium, against a real Straumur with the
 * Stripe stand-in and a simulated station: a driver opens a station's QR link, registers,
 * adds an RFID card and a payment card, starts charging, watches power, energy and cost grow,
 * stops (by keyboard) and gets a receipt. Screenshots of each portal page are saved.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eventually } from '../helpers/app.ts';
import { StripeStandIn } from '../helpers/stripe-stand-in.ts';
import { type Console, startConsole } from './browser.ts';
import { type ChargingStation, chargingStation } from './charging-station.ts';

const PHONE = { width: 390, height: 844 };
const STATION = 'HARPA-01';
const email = `thora.${Date.now().toString(36)}@example.test`;
const rfid = '04A1B2C3D4E5F6';

let c: Console;
let stripe: StripeStandIn;
let station: ChargingStation;

/** The number in a formatted reading ("1.23 kWh", "ISK 1,250"), for comparisons. */
const numberIn = (text: string) => Number(text.replace(/[^\d.]/g, ''));

before(async () => {
  stripe = await new StripeStandIn().start();
  // Costs are rated every second here so the test sees them move (5 s by default).
  c = await startConsole({ env: { ...stripe.env(), BILLING_LIVE_COST_SEC: '1' } }, { viewport: PHONE, mobile: true, timezoneId: 'Pacific/Auckland' });
  const s = c.server;
  assert.equal((await s.api('POST', '/api/v1/stations', { id: STATION, name: 'Harpa, Reykjavík' })).status, 201);
  const tariff = await s.api('POST', '/api/v1/tariffs', { currency: 'ISK', elements: [{ price_components: [{ type: 'ENERGY', price: '45', vat: 24, step_size: 1 }] }] });
  assert.equal(tariff.status, 201, JSON.stringify(tariff.body));
  assert.equal((await s.api('PUT', `/api/v1/stations/${STATION}/tariff`, { tariffId: tariff.body.id })).status, 200);
  station = await chargingStation(s.ocppUrl, STATION, '2.0.1', { powerW: 22_000, everyMs: 1000 });
});

after(async () => {
  await station?.close();
  await c?.close();
  await stripe?.close();
});

test("a station's QR link sends a new driver to sign in, and registering brings them back to it", async () => {
  const { page } = c;
  await page.goto(`/charge/${STATION}/1`);
  await page.getByRole('heading', { name: 'Sign in to charge' }).waitFor();
  await c.screenshot('portal-sign-in');
  await page.getByRole('link', { name: 'Create an account' }).click();
  await page.getByRole('heading', { name: 'Create your account' }).waitFor();
  await page.getByLabel('Name').fill('Þóra Jónsdóttir');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('driver-password-1');
  await c.screenshot('portal-register');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { name: `Station ${STATION}` }).waitFor();
  assert.equal(new URL(page.url()).pathname, `/portal/charge/${STATION}/1`);
  await page.getByText('Add a charging card first').waitFor();
});

test('the driver adds an RFID card', async () => {
  const { page } = c;
  await page.getByRole('link', { name: 'Add a card' }).click();
  await page.getByRole('heading', { name: 'Charging cards' }).waitFor();
  await page.getByText('You have no charging cards yet.').waitFor();
  await page.getByLabel('Card number (UID)').fill(rfid.toLowerCase());
  await page.getByLabel('Name (optional)').fill('Key fob');
  await page.getByRole('button', { name: 'Add card' }).click();
  await page.getByRole('status').getByText(`Card ${rfid} added.`).waitFor();
  await page.getByRole('list', { name: 'Charging cards' }).getByText(rfid).waitFor();
  await c.screenshot('portal-cards');
});

test('the driver saves a payment card (Stripe test mode, through the stand-in)', async () => {
  const { page } = c;
  await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Account' }).click();
  await page.getByRole('heading', { name: 'Account', exact: true }).waitFor();
  await page.getByText('No payment card saved.').waitFor();
  await page.getByRole('button', { name: 'Add a payment card' }).click();
  await page.getByLabel('Test card').selectOption('pm_card_visa');
  await page.getByRole('button', { name: 'Save card' }).click();
  await page.getByTestId('payment-cards').getByText('•••• 4242').waitFor();
  await page.getByTestId('payment-mode').getByText('By card after each session').waitFor();
  await page.getByTestId('wallet-balance').getByText('ISK 0').waitFor();
  assert.equal(stripe.calls('/attach').length, 1, 'the card was attached at Stripe');
  await c.screenshot('portal-account');
});

test('the driver starts charging from the QR link and watches power, energy and cost grow', async () => {
  const { page } = c;
  await page.goto(`/charge/${STATION}/1`);
  const evse = page.getByTestId('evse-1');
  await evse.getByText('Available').waitFor();
  await page.getByText('ISK 45 per kWh').waitFor();
  await c.screenshot('portal-station');
  await evse.getByRole('button', { name: 'Start charging' }).click();
  await page.getByRole('heading', { name: 'Your session' }).waitFor({ timeout: 20_000 });
  // The page can see the session before the station has read the CSMS's answer to its start.
  await eventually(() => station.started.length === 1, 5000, 'the station to have started one transaction');

  await page.getByTestId('session-power').getByText('22 kW').waitFor({ timeout: 15_000 });
  const energy = page.getByTestId('session-energy');
  const cost = page.getByTestId('session-cost');
  const first = await eventually(async () => {
    const e = numberIn(await energy.innerText());
    return e > 0 && e;
  }, 15_000, 'energy to show');
  await eventually(async () => numberIn(await energy.innerText()) > first, 15_000, 'energy to grow');
  const firstCost = await eventually(async () => {
    const t = await cost.innerText();
    return /^ISK\s?[\d,]+$/.test(t) && numberIn(t) > 0 && numberIn(t);
  }, 15_000, 'a cost in whole krónur');
  await eventually(async () => numberIn(await cost.innerText()) > firstCost, 15_000, 'the cost to grow');
  // Times are the operator's (Atlantic/Reykjavik), not the phone's (Pacific/Auckland).
  const { startedAt } = (await c.server.api('GET', '/api/v1/sessions?status=active')).body.items[0];
  const operatorTime = new Intl.DateTimeFormat('en-GB', { timeZone: 'Atlantic/Reykjavik', dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(startedAt));
  await page.getByText(operatorTime).waitFor();
  await c.screenshot('portal-session-live');
});

test('the driver stops with the keyboard and sees the session end with a receipt', async () => {
  const { page } = c;
  const stop = page.getByRole('button', { name: 'Stop charging' });
  await stop.focus();
  await page.keyboard.press('Enter');
  // The question takes the button's place with Confirm focused; Escape takes it back.
  await page.getByRole('group', { name: 'Stop charging?' }).waitFor();
  await page.keyboard.press('Escape');
  await eventually(() => stop.evaluate((el) => el.ownerDocument.activeElement === el), 5000, 'the focus back on the button');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.getByText('Finished').waitFor({ timeout: 20_000 });
  await page.getByText('Stopped from the app').waitFor();
  await eventually(() => station.stopped.length === 1, 5000, 'the station to have stopped the transaction');
  const receipt = page.getByTestId('session-receipt');
  await receipt.waitFor({ timeout: 20_000 });
  await c.screenshot('portal-session-ended');
  await receipt.click();
  await page.getByRole('heading', { name: /^Receipt / }).waitFor();
  const total = await page.getByTestId('receipt-total').innerText();
  assert.match(total, /^ISK\s?[\d,]+$/, 'ISK has no minor unit');
  const finalCost = (await c.server.api('GET', '/api/v1/sessions?limit=1')).body.items[0].cost.totalInclVat as string;
  assert.equal(numberIn(total), Number(finalCost), 'the receipt shows what the session cost');
  await c.screenshot('portal-receipt');
});

test('history, receipts and the start page list what happened', async () => {
  const { page } = c;
  const nav = page.getByRole('navigation', { name: 'Portal' });
  await nav.getByRole('link', { name: 'Sessions' }).click();
  await page.getByRole('heading', { name: 'Your sessions' }).waitFor();
  await page.getByRole('list', { name: 'Your sessions' }).getByText('Finished').waitFor();
  await c.screenshot('portal-history');
  await nav.getByRole('link', { name: 'Receipts' }).click();
  await page.getByRole('list', { name: 'Receipts' }).getByText('Paid').waitFor();
  await c.screenshot('portal-receipts');
  await nav.getByRole('link', { name: 'Charge' }).click();
  await page.getByText('You are not charging anywhere.').waitFor();
  await c.screenshot('portal-home');
});

test('the driver tops up the wallet from the saved card, subscribes to a plan and cancels it', async () => {
  const plan = await c.server.api('POST', '/api/v1/plans', { name: 'Heimahleðsla', currency: 'ISK', monthlyFee: '2990', vatPercent: '24', includedKwh: '100' });
  assert.equal(plan.status, 201, JSON.stringify(plan.body));
  const { page } = c;
  await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Account' }).click();
  await page.getByLabel('Amount (ISK)').fill('5000');
  await page.getByRole('button', { name: 'Top up' }).click();
  await page.getByTestId('wallet-balance').getByText('ISK 5,000').waitFor();
  await page.getByText('Top-up').waitFor();
  const offer = page.getByRole('listitem').filter({ hasText: 'Heimahleðsla' });
  await offer.getByText('ISK 2,990 a month · 100 kWh included').waitFor();
  await offer.getByRole('button', { name: 'Subscribe' }).click();
  await page.getByTestId('current-plan').getByText('Heimahleðsla').waitFor();
  await page.getByTestId('current-plan').getByText(/^Renews /).waitFor();
  await c.screenshot('portal-account-plan');
  await page.getByRole('button', { name: 'Cancel at the end of the month' }).click();
  await page.getByRole('button', { name: 'Confirm' }).click();
  await page.getByTestId('current-plan').getByText(/^Ends /).waitFor();
});

test('an unknown station id says so; a 1.6 station found by its id starts and stops from the portal too', async () => {
  const { page } = c;
  await page.goto('/charge/NO-SUCH-STATION/1');
  await page.getByRole('alert').getByText('No station with this id is registered.').waitFor();
  await c.screenshot('portal-station-unknown');

  const id = 'OLD-16';
  assert.equal((await c.server.api('POST', '/api/v1/stations', { id })).status, 201);
  const old = await chargingStation(c.server.ocppUrl, id, '1.6', { powerW: 7400 });
  try {
    await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Charge' }).click();
    await page.getByLabel('Station id').fill(id);
    await page.getByRole('button', { name: 'Find' }).click();
    await page.getByRole('heading', { name: `Station ${id}` }).waitFor();
    await page.getByText('Charging here is free.').waitFor();
    await page.getByTestId('evse-1').getByRole('button', { name: 'Start charging' }).click();
    await page.getByTestId('session-power').getByText('7.4 kW').waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Stop charging' }).click();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText('Finished').waitFor({ timeout: 20_000 });
    await page.getByText('No receipt: this session is paid with your monthly statement, or it cost nothing.').waitFor();
    await eventually(() => old.started.length === 1 && old.stopped.length === 1, 5000, 'one transaction started and stopped');
  } finally {
    await old.close();
  }
});

test('the portal speaks Icelandic', async () => {
  const { page } = c;
  await page.goto('/portal');
  await page.getByTestId('language').selectOption('is');
  await page.getByRole('heading', { name: 'Hlaða' }).waitFor();
  await page.getByRole('navigation', { name: 'Gátt' }).getByRole('link', { name: 'Hleðslur' }).click();
  await page.getByRole('heading', { name: 'Hleðslurnar þínar' }).waitFor();
  await c.screenshot('portal-history-is');
  await page.getByTestId('language').selectOption('en');
});

test('nothing broke the CSP and no page error happened', () => {
  assert.deepEqual(c.problems, []);
});
