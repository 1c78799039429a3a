import type { Page } from '@playwright/test';
import type { HostProcess } from './fixtures';

/** Calls the host's API as the page would (same secret), for set-up steps that are not under test. */
export async function api(host: HostProcess, op: string, args: unknown = {}): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }> {
  const secret = new URL(host.url).hash.split('secret=')[1];
  const res = await fetch(`${host.origin}/api/${op}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(args),
  });
  return (await res.json()) as { ok: boolean; value?: unknown; error?: { code: string; message: string } };
}

/** Signs the training clerk in on the terminal and opens the page. */
export async function openSignedIn(page: Page, host: HostProcess, userId = 'demo-clerk'): Promise<void> {
  const r = await api(host, 'auth.signIn', { userId, password: 'training-123' });
  if (!r.ok) throw new Error(`sign-in failed: ${JSON.stringify(r.error)}`);
  await page.goto(host.url);
  await page.getByTestId('training-panel').waitFor();
}

/** Clicks a demo card in the training panel by the person's name. */
export async function placeCard(page: Page, name: string): Promise<void> {
  await page.locator(`[data-testid^="demo-card-"][data-name="${name}"]`).click();
}
