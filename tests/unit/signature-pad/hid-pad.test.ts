import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HidSignaturePad, openPad, readPadTable, TouchSignaturePad } from '../../../native/signature-pad';
import { MAX_PRESSURE } from '../../../native/signature-pad/stu-decoder';
import { randInt, randomBytes, rng, testSeed } from '../../helpers/rng';
import { SimStuPad, simPadBinding } from '../../helpers/signature-pad/sim-pad';

const table = readPadTable(join(__dirname, '..', '..', '..', 'resources'));
const stroke = (x0: number, n: number) =>
  Array.from({ length: n }, (_, i) => ({
    inRange: true,
    down: true,
    pressure: 400 + i,
    x: x0 + i * 20,
    y: 3000 + i * 5,
  }));
const lift = { inRange: true, down: false, pressure: 0, x: 0, y: 0 };

describe('signature pad chosen by config', () => {
  it('touch by default; hid opens the first pad of the table through node-hid', async () => {
    const pad = new SimStuPad();
    const binding = simPadBinding(pad, {}, [{ vendorId: 0x0425, productId: 0x8159, path: '/dev/hidraw-reader' }]);
    expect(await openPad({ kind: 'touch' }, { table, binding })).toBeInstanceOf(TouchSignaturePad);
    const hid = await openPad({ kind: 'hid' }, { table, binding });
    expect(hid).toBeInstanceOf(HidSignaturePad);
    expect(binding.opened).toEqual(['/dev/hidraw-sim-pad']); // not the ID reader next to it
  });

  it('hid with select names the pad; a missing one is SIGPAD_NOT_FOUND, a refused open SIGPAD_OPEN_FAILED', async () => {
    const pad = new SimStuPad();
    await expect(
      openPad({ kind: 'hid', select: '056a:00a8' }, { table, binding: simPadBinding(pad) }),
    ).resolves.toBeInstanceOf(HidSignaturePad);
    await expect(
      openPad({ kind: 'hid', select: '056A:0001' }, { table, binding: simPadBinding(pad) }),
    ).rejects.toMatchObject({
      code: 'SIGPAD_NOT_FOUND',
      params: { select: '056A:0001' },
    });
    const refusing = { ...simPadBinding(pad), open: () => Promise.reject(new Error('permission denied')) };
    await expect(openPad({ kind: 'hid' }, { table, binding: refusing })).rejects.toMatchObject({
      code: 'SIGPAD_OPEN_FAILED',
    });
  });
});

describe('HID signature pad over a simulated STU device', () => {
  it('begin clears and inks the pad; strokes come out of finish; ink off after', async () => {
    const sim = new SimStuPad();
    const pad = (await openPad({ kind: 'hid' }, { table, binding: simPadBinding(sim) })) as HidSignaturePad;
    sim.pen(stroke(100, 5)); // before begin: not part of this signature
    await pad.begin();
    expect(sim.features).toEqual([
      [0x20, 0x00],
      [0x21, 0x01],
    ]);
    sim.pen([...stroke(1000, 10), lift, ...stroke(4000, 7), lift]);
    sim.raw(Uint8Array.from([0x01, 0x93])); // a short report among them
    const sig = await pad.finish();
    expect(sig?.strokes.map((s) => s.length)).toEqual([10, 7]);
    expect(sig?.strokes[0]![0]).toMatchObject({ x: 1000, y: 3000, pressure: 400 / MAX_PRESSURE });
    expect(pad.lastDropped).toEqual({ SIGPAD_SHORT_REPORT: 1 });
    expect(sim.ink).toBe(false);
    // Nothing drawn: null, never an empty signature.
    await pad.begin();
    expect(await pad.finish()).toBeNull();
    await pad.close();
    expect(sim.closed).toBe(true);
  });

  it('an unplug mid-capture ends it with SIGPAD_GONE, and a later begin says so too', async () => {
    const sim = new SimStuPad();
    const pad = (await openPad({ kind: 'hid' }, { table, binding: simPadBinding(sim) })) as HidSignaturePad;
    await pad.begin();
    sim.pen(stroke(1000, 4));
    sim.unplug();
    await expect(pad.finish()).rejects.toMatchObject({ code: 'SIGPAD_GONE' });
    await expect(pad.begin()).rejects.toMatchObject({ code: 'SIGPAD_GONE' });
  });

  it('random garbage from the device never throws and never invents a point off the area', async () => {
    const seed = testSeed('hid-pad');
    const next = rng(seed);
    const sim = new SimStuPad();
    const pad = (await openPad({ kind: 'hid' }, { table, binding: simPadBinding(sim) })) as HidSignaturePad;
    await pad.begin();
    for (let i = 0; i < 5000; i++) {
      if (next() < 0.3) sim.pen(stroke(randInt(next, 9000), 1));
      else sim.raw(randomBytes(next, randInt(next, 10)));
    }
    const sig = await pad.finish();
    for (const p of sig?.strokes.flat() ?? []) {
      expect(p.x).toBeLessThanOrEqual(9600);
      expect(p.y).toBeLessThanOrEqual(6000);
      expect(p.pressure).toBeGreaterThan(0);
      expect(p.pressure).toBeLessThanOrEqual(1);
    }
  });
});

describe('touch pad', () => {
  it('hands over what the page drew since begin', async () => {
    const t = new TouchSignaturePad();
    await t.begin();
    expect(await t.finish()).toBeNull();
    t.submit({ width: 10, height: 10, strokes: [[{ x: 1, y: 1, pressure: 0.5 }]] });
    expect((await t.finish())?.strokes).toHaveLength(1);
  });
});
