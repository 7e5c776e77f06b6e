/** The operator signs in and lands on the dashboard; a wrong password says so. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type Console, startConsole } from './browser.ts';

let c: Console;
before(async () => {
  c = await startConsole();
});
after(async () => c?.close());

test('a wrong password is refused with a sentence, not a crash', async () => {
  await c.page.goto('/stations');
  await c.page.getByLabel('Email').fill('admin@example.test');
  await c.page.getByLabel('Password').fill('not the password');
  await c.page.getByRole('button', { name: 'Sign in' }).click();
  await c.page.getByRole('alert').getByText('The email or password is not right.').waitFor();
  await c.screenshot('sign-in');
});

test('the operator signs in and sees the dashboard, live', async () => {
  await c.signIn();
  await c.page.getByTestId('stations-online').getByText('0').waitFor();
  await c.page.getByTestId('live-status').getByText('Live').waitFor();
  assert.equal(await c.page.evaluate('Boolean(sessionStorage.getItem("straumur.session"))'), true);
  await c.screenshot('dashboard-empty');
});

test('the interface switches to Icelandic and back', async () => {
  await c.page.getByTestId('language').selectOption('is');
  await c.page.getByRole('heading', { name: 'Yfirlit' }).waitFor();
  assert.equal(await c.page.evaluate('document.documentElement.lang'), 'is');
  await c.page.getByTestId('language').selectOption('en');
  await c.page.getByRole('heading', { name: 'Dashboard' }).waitFor();
});

test('a viewer sees everything and is offered nothing it may not do', async () => {
  await c.server.api('POST', '/api/v1/operators', { email: 'viewer@example.test', password: 'viewer-password-1', role: 'viewer' });
  await c.server.api('POST', '/api/v1/stations', { id: 'CP-VIEW' });
  await c.page.getByRole('button', { name: 'Sign out' }).click();
  await c.signIn('viewer@example.test', 'viewer-password-1');
  const nav = c.page.getByRole('navigation');
  await nav.getByRole('link', { name: 'Stations', exact: true }).waitFor();
  assert.equal(await nav.getByRole('link', { name: 'Operators' }).count(), 0);
  await nav.getByRole('link', { name: 'Stations', exact: true }).click();
  await c.page.getByTestId('stations').getByText('CP-VIEW').waitFor();
  assert.equal(await c.page.getByRole('button', { name: 'Register a station' }).count(), 0);
  await c.page.getByRole('link', { name: 'CP-VIEW' }).click();
  await c.page.getByRole('tab', { name: 'Connectors' }).waitFor();
  assert.equal(await c.page.getByRole('toolbar').count(), 0, 'no command buttons for a viewer');
  await c.screenshot('station-as-viewer');
  // The API says the same: the role, not the console, decides.
  const token = await c.server.login('viewer@example.test', 'viewer-password-1');
  assert.equal((await c.server.api('POST', '/api/v1/stations/CP-VIEW/commands/reset', { type: 'Soft' }, token)).status, 403);
});

test('nothing broke the CSP and no page error happened', () => {
  assert.deepEqual(c.problems, []);
});
