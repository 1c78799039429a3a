import { describe, expect, it } from 'vitest';
import { TASK_STATES, TASK_STEPS, stepTo, stepsFrom } from '../../../protocol/worklist-steps';
import { nextState } from '../../../electron/services/worklist/steps';
import { TASK_STATES as TERMINAL_STATES } from '../../../electron/services/worklist/types';

// The one table both the terminal and the hall step by (protocol/worklist-steps.ts).
describe('worklist step rules', () => {
  it('the terminal knows the same states as the protocol', () => {
    expect([...TERMINAL_STATES].sort()).toEqual([...TASK_STATES].sort());
  });

  it('walks the way to delivery, and the ends take nothing', () => {
    const way = [
      ['to-contact', 'reached', 'reached'],
      ['reached', 'confirm', 'confirmed'],
      ['confirmed', 'output', 'output-made'],
      ['output-made', 'deliver', 'delivered'],
    ] as const;
    for (const [from, step, to] of way) expect(stepTo(from, step)).toBe(to);
    expect(stepsFrom('delivered')).toEqual([]);
    expect(stepsFrom('declined')).toEqual([]);
  });

  it('refuses what the table does not allow, unknown words too', () => {
    let allowed = 0;
    for (const s of TASK_STATES)
      for (const step of TASK_STEPS) {
        const to = stepTo(s, step);
        if (to) allowed++;
        else expect(() => nextState(s, step)).toThrow(expect.objectContaining({ code: 'WORKLIST_TASK_STEP' }));
      }
    expect(allowed).toBe(11);
    expect(stepTo('to-contact', 'assign')).toBeUndefined();
    expect(stepTo('nowhere', 'reached')).toBeUndefined();
    expect(stepTo('output-made', 'output')).toBeUndefined(); // never a second card
  });
});
