import { chromium } from '@playwright/test';
import { existsSync } from 'node:fs';
import { CHROMIUM_ARGS } from '../../playwright.config';
import { startHostProcess } from '../helpers/host-process';
import { measureCardToPanel, openSignedIn, placeCard } from '../helpers/session';
import type { BenchGroup } from './types';

const WARM_RUNS = 15;
const COLD_RUNS = 3;

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

/**
 * Card placed -> the resident's fields painted, timed inside Debian's Chromium against the built web
 * host in training mode (the simulated reader polled every 300 ms, as a real one is). "Cold" is the
 * first card after the page loads, when nothing of the case screen has run yet.
 */
const uiGroup: BenchGroup = {
  names: ['ui.card_to_panel_ms_p95', 'ui.card_to_panel_ms_p50', 'ui.card_to_panel_cold_ms'],
  async run() {
    if (!existsSync('/usr/bin/chromium'))
      throw new Error('ui bench needs /usr/bin/chromium (apt-get install chromium)');
    const host = await startHostProcess();
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    const warm: number[] = [];
    const cold: number[] = [];
    try {
      for (let i = 0; i < COLD_RUNS; i++) {
        const page = await browser.newPage({ viewport: { width: 1366, height: 860 }, locale: 'zh-CN' });
        if (i === 0) await openSignedIn(page, host);
        else await page.goto(host.url);
        await page.getByTestId('training-panel').waitFor();
        await page.getByTestId('status-reader').filter({ hasText: '就绪' }).waitFor();
        cold.push(await measureCardToPanel(page, '张建国', '1968-03-12'));
        await placeCard(page, '张建国');
        await page.getByTestId('resident-panel').waitFor({ state: 'hidden' });
        if (i === COLD_RUNS - 1) {
          for (let j = 0; j < WARM_RUNS; j++) {
            // Off the reader's poll phase, as a citizen's hand would be.
            await page.waitForTimeout(400 + ((j * 97) % 300));
            warm.push(await measureCardToPanel(page, '张建国', '1968-03-12'));
            await placeCard(page, '张建国');
            await page.getByTestId('resident-panel').waitFor({ state: 'hidden' });
          }
        }
        await page.close();
      }
    } finally {
      await browser.close();
      host.proc.kill('SIGTERM');
    }
    const note = `Chromium + built web host, training reader (find 5/select 5/read 60 ms, polled every 300 ms); ${WARM_RUNS} warm cards, ${COLD_RUNS} cold`;
    return [
      { name: 'ui.card_to_panel_ms_p95', value: pct(warm, 95), unit: 'ms', note },
      { name: 'ui.card_to_panel_ms_p50', value: pct(warm, 50), unit: 'ms', note },
      {
        name: 'ui.card_to_panel_cold_ms',
        value: pct(cold, 50),
        unit: 'ms',
        note: `median of ${COLD_RUNS} first cards after a page load: ${cold.join(', ')} ms`,
      },
    ];
  },
};

export const groups: BenchGroup[] = [uiGroup];
