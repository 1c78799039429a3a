import { describe, expect, it } from 'vitest';
import { encodeCommand, parseResponseBody, toHex, type CommandName } from '../../../native/id-reader/frame/codec';
import { FrameDecoder } from '../../../native/id-reader/frame/decoder';
import { SimulatorTransport } from '../../../native/id-reader/sim/sim-transport';
import { Simulator } from '../../../native/id-reader/sim/simulator';
import { BUILTIN_DEMO_CARDS } from '../../../native/id-reader/sim/demo-cards';

function ask(sim: Simulator, name: CommandName, data?: Uint8Array) {
  const reply = sim.respond(encodeCommand(name, data).subarray(7, -1));
  if (!reply) return null;
  const ev = new FrameDecoder().feed(reply)[0]!;
  if (ev.type !== 'frame') return { bad: ev.error.code };
  return parseResponseBody(ev.body);
}

describe('Simulator', () => {
  it('answers the SAM commands and the card sequence like a reader', () => {
    const sim = new Simulator();
    expect(ask(sim, 'samStatus')).toMatchObject({ sw3: 0x90 });
    expect((ask(sim, 'samId') as { data: Uint8Array }).data).toHaveLength(16);
    expect(ask(sim, 'resetSam')).toMatchObject({ sw3: 0x90 });
    expect(ask(sim, 'setMaxRfFrame', Uint8Array.of(0x50))).toMatchObject({ sw3: 0x90 });
    expect(ask(sim, 'findCard')).toMatchObject({ sw3: 0x80 });
    expect(ask(sim, 'selectCard')).toMatchObject({ sw3: 0x81 });
    sim.place('resident-wang');
    expect(ask(sim, 'readText')).toMatchObject({ sw3: 0x41 }); // not selected yet
    expect(ask(sim, 'findCard')).toMatchObject({ sw3: 0x9f });
    expect(ask(sim, 'selectCard')).toMatchObject({ sw3: 0x90 });
    const r = ask(sim, 'readText') as { sw3: number; data: Uint8Array };
    expect(r.sw3).toBe(0x90);
    expect(toHex(r.data.subarray(0, 4))).toBe('01 00 04 00');
    ask(sim, 'findCard');
    ask(sim, 'selectCard');
    const f = ask(sim, 'readTextFingerprint') as { data: Uint8Array };
    expect(toHex(f.data.subarray(0, 6))).toBe('01 00 04 00 04 00');
    expect(ask(sim, 'readAddedAddress')).toMatchObject({ sw3: 0x91 });
    const unknown = new FrameDecoder().feed(sim.respond(Uint8Array.of(0x77, 0x01))!)[0] as { body: Uint8Array };
    expect(parseResponseBody(unknown.body).sw3).toBe(0x21); // bad command
  });

  it('injects faults once each, in order of use', () => {
    const sim = new Simulator();
    sim.place('resident-wang');
    sim.injectFault('no_card');
    expect(ask(sim, 'findCard')).toMatchObject({ sw3: 0x80 });
    expect(ask(sim, 'findCard')).toMatchObject({ sw3: 0x9f });
    sim.injectFault('checksum');
    expect(ask(sim, 'findCard')).toEqual({ bad: 'FRAME_BAD_CHECKSUM' });
    sim.injectFault('timeout');
    expect(ask(sim, 'findCard')).toBeNull();
    sim.injectFault('read_failed');
    ask(sim, 'selectCard');
    expect(ask(sim, 'readText')).toMatchObject({ sw3: 0x41 });
    sim.injectFault('unplug');
    expect(sim.plugged).toBe(false);
    expect(ask(sim, 'samStatus')).toBeNull();
    sim.replug();
    expect(ask(sim, 'samStatus')).toMatchObject({ sw3: 0x90 });
  });

  it('takes an outside card list, validates it and drops a placed card that is gone', () => {
    const sim = new Simulator();
    expect(sim.listDemoCards().map((c) => c.id)).toEqual(BUILTIN_DEMO_CARDS.map((c) => c.id));
    sim.place('resident-wang');
    sim.setCards([
      {
        id: 'r1',
        name: '测试甲',
        sex: '1',
        nation: '01',
        birth: '1990-01-01',
        number: '110101199001010016',
        validFrom: '2020-01-01',
        validTo: '2040-01-01',
      },
    ]);
    expect(sim.placed).toBeUndefined();
    expect(sim.listDemoCards()).toEqual([
      { id: 'r1', label: '测试甲 (resident)', kind: 'resident', name: '测试甲', number: '110101199001010016' },
    ]);
    expect(() => sim.place('resident-wang')).toThrow(/No demo card/);
    expect(() => sim.setCards([{ id: 'bad' }])).toThrow(expect.objectContaining({ code: 'CARD_INPUT_INVALID' }));
  });

  it('applies per-command latency through the in-process transport', async () => {
    const sim = new Simulator({ latency: { find: 30, read: 80 } });
    sim.place('resident-wang');
    const t = new SimulatorTransport(sim);
    await t.open();
    const got: Array<[len: number, ms: number]> = [];
    const t0 = performance.now();
    t.on('data', (d) => got.push([d.length, performance.now() - t0]));
    await t.write(encodeCommand('findCard'));
    await t.write(encodeCommand('samStatus'));
    await new Promise((r) => setTimeout(r, 60));
    // samStatus (instant, 11 bytes) overtakes find-card (30 ms, 15 bytes).
    expect(got.map(([len]) => len)).toEqual([11, 15]);
    expect(got[1]![1]).toBeGreaterThanOrEqual(28);
    const closed = new Promise((r) => t.on('close', r));
    sim.unplug();
    expect(await closed).toMatchObject({ code: 'TRANSPORT_CLOSED' });
    await expect(t.open()).rejects.toMatchObject({ code: 'TRANSPORT_OPEN_FAILED' });
  });
});
