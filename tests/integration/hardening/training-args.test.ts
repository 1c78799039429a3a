import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/api/dispatch';
import type { ApiResult, TrainingCardsView } from '../../../electron/api/types';
import type { Core } from '../../../electron/services/core/core';
import { makeCore } from '../../helpers/core';
import { startTestSandbox, type TestSandbox } from '../../helpers/sandbox';

/** The training panel's card id comes from the page: an unknown one is a typed refusal, never INTERNAL. */
describe('training.toggleCard with an id that is not a demo card', () => {
  let sandbox: TestSandbox;
  let core: Core;
  const logged: string[] = [];
  beforeAll(async () => {
    sandbox = await startTestSandbox();
    ({ core } = await makeCore({ boot: { registry: sandbox } }));
    const log = core.log.bind(core);
    core.log = (line: string) => {
      logged.push(line);
      log(line);
    };
  }, 60_000);
  afterAll(async () => {
    await core?.close();
    await sandbox?.stop();
  });

  it('answers INVALID_ARGUMENT on field id, logs no stack, and leaves the reader as it was', async () => {
    const before = (await dispatch({ core, host: 'web' }, 'training.cards', {})) as ApiResult<TrainingCardsView>;
    expect(before.ok && before.value.cards.length).toBeGreaterThan(0);
    for (const id of ['nope', '__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      const r = await dispatch({ core, host: 'web' }, 'training.toggleCard', { id });
      expect(r.ok, id).toBe(false);
      if (!r.ok)
        expect({ code: r.error.code, field: r.error.field }, id).toEqual({ code: 'INVALID_ARGUMENT', field: 'id' });
    }
    expect(logged.filter((l) => /RangeError|failed:/.test(l))).toEqual([]);
    expect(await dispatch({ core, host: 'web' }, 'training.cards', {})).toEqual(before);
  });
});
