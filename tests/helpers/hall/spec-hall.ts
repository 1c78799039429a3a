import { randomBytes } from 'node:crypto';
import type { test as base } from '@playwright/test';
import { startHall, type HallServer } from '../../../hall/server';
import { startTestPg } from './pg';

/**
 * A real hall on a fresh PostgreSQL database for the specs of one e2e file: started before its
 * tests, stopped after. Read `.hall` inside a test (it is set once beforeAll has run).
 */
export function hallForSpecs(test: Pick<typeof base, 'beforeAll' | 'afterAll' | 'setTimeout'>): {
  readonly hall: HallServer;
} {
  let pgs: Awaited<ReturnType<typeof startTestPg>> | undefined;
  let hall: HallServer | undefined;
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    pgs = await startTestPg();
    hall = await startHall({ databaseUrl: await pgs.freshDb(), dataKey: randomBytes(32) });
  });
  test.afterAll(async () => {
    await hall?.close();
    await pgs?.stop();
  });
  return {
    get hall() {
      if (!hall) throw new Error('the hall starts in beforeAll');
      return hall;
    },
  };
}
