/// <reference lib="dom" />
// Page-side callbacks below run in Chromium, hence the DOM types.
import type { Page } from '@playwright/test';
import type { HostProcess } from './host-process';

/** Calls the host's API as the page would (same secret), for set-up steps that are not under test. */
export async function api(
  host: HostProcess,
  op: string,
  args: unknown = {},
): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }> {
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

/**
 * Places a demo card and returns the milliseconds, measured in the page, from the click to the
 * moment the resident's fields contain `expected`.
 */
export async function measureCardToPanel(page: Page, name: string, expected: string): Promise<number> {
  // Armed before the click, in a call of its own, so the click cannot come first.
  await page.evaluate((want) => {
    const w = window as unknown as { cardToPanel?: Promise<number> };
    w.cardToPanel = new Promise<number>((resolve, reject) => {
      let t0 = 0;
      document.addEventListener('click', () => (t0 ||= performance.now()), { capture: true, once: true });
      const obs = new MutationObserver(() => {
        if (t0 && document.querySelector('[data-testid="resident-fields"]')?.textContent?.includes(want)) {
          obs.disconnect();
          // The next frame is the one that paints the fields.
          requestAnimationFrame(() => resolve(Math.round(performance.now() - t0)));
        }
      });
      obs.observe(document.body, { subtree: true, childList: true, characterData: true });
      setTimeout(() => (obs.disconnect(), reject(new Error(`no "${want}" in the resident panel after 10 s`))), 10_000);
    });
  }, expected);
  await placeCard(page, name);
  return page.evaluate(() => (window as unknown as { cardToPanel: Promise<number> }).cardToPanel);
}
