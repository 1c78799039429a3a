/// <reference lib="dom" />
// Page-side callbacks below run in Chromium, hence the DOM types.
import { chromium } from '@playwright/test';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { CHROMIUM_ARGS } from '../../playwright.config';
import { startHostProcess } from '../helpers/host-process';
import { openSignedIn, placeCard } from '../helpers/session';
import type { BenchGroup } from './types';

const RUNS = 30;
const ITEMS = ['household-verification', 'clean-energy-check'] as const;

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

/**
 * The clerk's change -> the citizen's screen painted, in Debian's Chromium against the built web
 * host: two pages, the clerk's page calls case.chooseItem (its own secret), the citizen's page (its
 * own secret, its own event stream) waits for the item's name and the next frame. Both pages read
 * the same wall clock (performance.timeOrigin + now()), so the figure includes the operation, the
 * push of citizen.changed, React's render and the paint.
 */
const mirror: BenchGroup = {
  names: ['citizen.mirror_ms_p95', 'citizen.mirror_ms_p50'],
  async run() {
    if (!existsSync('/usr/bin/chromium')) throw new Error('citizen bench needs /usr/bin/chromium');
    const host = await startHostProcess();
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    const times: number[] = [];
    try {
      const clerk = await browser.newPage({ viewport: { width: 1366, height: 860 }, locale: 'zh-CN' });
      const citizen = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
      await citizen.goto(/Citizen screen: (\S+)/.exec(host.output())![1]!);
      await openSignedIn(clerk, host);
      await placeCard(clerk, '张建国');
      await citizen.getByTestId('cz-name').waitFor();
      const c = (await host.callOk('case.current', {}))!;
      const names: string[] = [];
      for (const code of ITEMS)
        names.push((await host.callOk('case.chooseItem', { caseId: c.caseId, itemCode: code })).item!.names.zh);
      const secret = new URL(host.url).hash.split('secret=')[1]!;
      for (let i = 0; i < RUNS + 2; i++) {
        const k = i % 2;
        await citizen.evaluate((want) => {
          const w = window as unknown as { painted?: Promise<number> };
          w.painted = new Promise<number>((resolve) => {
            // No named function here: tsx would wrap it in a helper the page does not have.
            const obs = new MutationObserver(() => {
              if (!document.querySelector('[data-testid="cz-case"]')?.textContent?.includes(want)) return;
              obs.disconnect();
              requestAnimationFrame(() => resolve(performance.timeOrigin + performance.now()));
            });
            obs.observe(document.body, { subtree: true, childList: true, characterData: true });
          });
        }, `: ${names[k]}`);
        const t0 = await clerk.evaluate(
          async ({ secret, caseId, itemCode }) => {
            const t = performance.timeOrigin + performance.now();
            await fetch('/api/case.chooseItem', {
              method: 'POST',
              headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
              body: JSON.stringify({ caseId, itemCode }),
            });
            return t;
          },
          { secret, caseId: c.caseId, itemCode: ITEMS[k]! },
        );
        const t1 = await citizen.evaluate(() => (window as unknown as { painted: Promise<number> }).painted);
        if (i >= 2) times.push(t1 - t0); // the first two warm the pages up
        await clerk.waitForTimeout(50);
      }
    } finally {
      await browser.close();
      host.proc.kill('SIGTERM');
    }
    const note = `${RUNS} item changes, clerk page -> citizen page painted, Chromium + built web host (load ${loadavg()[0]!.toFixed(1)}); target <= 150`;
    return [
      { name: 'citizen.mirror_ms_p95', value: Math.round(pct(times, 95)), unit: 'ms', note },
      { name: 'citizen.mirror_ms_p50', value: Math.round(pct(times, 50)), unit: 'ms', note },
    ];
  },
};

export const groups: BenchGroup[] = [mirror];
