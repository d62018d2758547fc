// Adding a world VPS on the Servers page as a user does: the form filled in, the world's key read from
// its file, and Connect on the server's card. Tests that are about this page check each step on the way.
import type { Page } from 'playwright-core';
import type { VpsState } from '../world/vps.js';
import type { WorldState } from '../world/world.js';
import { nav } from './browser.js';

/** The first connection uploads the agent and its Node runtime to the VPS. */
export const CONNECT_TIMEOUT_MS = 180_000;

/** Opens the add-server form with the name and the VPS's address and port filled in. */
export async function openAddFormFor(page: Page, name: string, vps: Pick<VpsState, 'sshHost' | 'sshPort'>) {
  await page.getByRole('button', { name: 'Add a server' }).click();
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Address').fill(vps.sshHost);
  await page.getByLabel('SSH port').fill(String(vps.sshPort));
}

/** Chooses the login by SSH key and reads the world's key from its file. */
export async function chooseWorldKey(page: Page, world: Pick<WorldState, 'ssh'>) {
  await page.getByRole('radio', { name: /^SSH key/ }).check();
  await page.getByTestId('private-key-file').setInputFiles(world.ssh.privateKeyPath);
}

/** Connect on the server's card, then waits until the card says it is connected. */
export async function connectOnCard(page: Page, name: string) {
  const card = page.getByRole('article', { name });
  await card.getByRole('button', { name: 'Connect', exact: true }).click();
  await card.getByText('Connected', { exact: true }).waitFor({ timeout: CONNECT_TIMEOUT_MS });
}

/** On the Servers page: adds the VPS as root with the world's key and connects to it. */
export async function addWorldServerOnPage(
  page: Page,
  world: Pick<WorldState, 'ssh'>,
  vps: Pick<VpsState, 'sshHost' | 'sshPort'>,
  name: string,
) {
  await nav(page, 'Servers').click();
  await openAddFormFor(page, name, vps);
  await chooseWorldKey(page, world);
  await page.getByRole('button', { name: 'Add server' }).click();
  await connectOnCard(page, name);
}
