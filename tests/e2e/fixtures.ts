import { test as base } from '@playwright/test';
import { startHostProcess, type HostProcess } from '../helpers/host-process';

export { startHostProcess, type HostProcess };

export const test = base.extend<{ host: HostProcess }>({
  // Playwright reads the fixture list from the destructuring pattern; this fixture needs none.
  // eslint-disable-next-line no-empty-pattern
  host: async ({}, use) => {
    const h = await startHostProcess();
    await use(h);
    h.proc.kill('SIGTERM');
  },
});

export { expect } from '@playwright/test';
