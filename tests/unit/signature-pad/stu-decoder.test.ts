import { describe, expect, it } from 'vitest';
import {
  decodePenReport,
  decodeReports,
  encodePenReport,
  MAX_PRESSURE,
  STU540_AREA,
} from '../../../native/signature-pad/stu-decoder';
import { randInt, randomBytes, rng, testSeed } from '../../helpers/rng';

const hex = (s: string) => Uint8Array.from(Buffer.from(s.replace(/ /g, ''), 'hex'));

describe('STU-540 pen report decoder', () => {
  it('decodes hand-written vectors', () => {
    // in range, tip down, pressure 0x3ff, x 0x1234, y 0x0bb8
    expect(decodePenReport(hex('01 93 ff 12 34 0b b8'))).toEqual({
      inRange: true,
      down: true,
      pressure: 1023,
      x: 0x1234,
      y: 3000,
    });
    // hovering: in range, tip up
    expect(decodePenReport(hex('01 80 00 00 10 00 20'))).toMatchObject({ inRange: true, down: false });
    // tip bit set but zero pressure is not a touch
    expect(decodePenReport(hex('01 90 00 00 10 00 20'))).toMatchObject({ down: false });
    expect(decodePenReport(hex('20 00'))).toBeNull(); // clear screen: a command, not pen data
    expect(decodePenReport(hex('01 93 ff'))).toBe('SIGPAD_SHORT_REPORT');
    expect(decodePenReport(hex('01 94 00 00 10 00 20'))).toBe('SIGPAD_PRESSURE');
    expect(decodePenReport(hex('01 90 10 ff ff 00 20'))).toBe('SIGPAD_OUT_OF_AREA');
  });

  it('splits strokes at the lift and skips command reports and garbage', () => {
    const down = (x: number) => encodePenReport({ inRange: true, down: true, pressure: 512, x, y: 100 });
    const up = encodePenReport({ inRange: true, down: false, pressure: 0, x: 0, y: 0 });
    const r = decodeReports([down(1), down(2), hex('21 01'), hex('01 99'), up, down(3), up]);
    expect(r.signature.strokes.map((s) => s.map((p) => p.x))).toEqual([[1, 2], [3]]);
    expect(r.signature.strokes[0]![0]!.pressure).toBeCloseTo(512 / MAX_PRESSURE);
    expect(r.dropped).toEqual({ SIGPAD_SHORT_REPORT: 1 });
  });

  it('round-trips every valid point and never throws on 100,000 random reports', () => {
    const seed = testSeed('stu-decoder');
    const next = rng(seed);
    let points = 0;
    const reports: Uint8Array[] = [];
    for (let i = 0; i < 100_000; i++) {
      if (next() < 0.5) {
        const p = {
          inRange: next() < 0.9,
          down: next() < 0.7,
          pressure: randInt(next, MAX_PRESSURE + 1),
          x: randInt(next, STU540_AREA.width + 1),
          y: randInt(next, STU540_AREA.height + 1),
        };
        const back = decodePenReport(encodePenReport(p));
        expect(back).toEqual({ ...p, down: p.down && p.pressure > 0 });
        reports.push(encodePenReport(p));
      } else {
        const r = randomBytes(next, randInt(next, 12));
        if (r.length && next() < 0.5) r[0] = 1;
        reports.push(r);
      }
    }
    const out = decodeReports(reports);
    for (const s of out.signature.strokes)
      for (const p of s) {
        points++;
        expect(p.x).toBeLessThanOrEqual(STU540_AREA.width);
        expect(p.pressure).toBeGreaterThan(0);
        expect(p.pressure).toBeLessThanOrEqual(1);
      }
    expect(points).toBeGreaterThan(0);
  });
});
