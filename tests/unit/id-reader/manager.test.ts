import { afterEach, describe, expect, it } from 'vitest';
import type { CardRead } from '../../../native/id-reader/card';
import type { ReaderError } from '../../../native/id-reader/errors';
import { ReaderManager, type ReaderManagerConfig } from '../../../native/id-reader/manager/manager';
import type { ReaderStatus } from '../../../native/id-reader/manager/status';
import { Simulator } from '../../../native/id-reader/sim/simulator';
import { until } from '../../helpers/until';
import { silentLogger, waitForEvent } from '../../helpers/id-reader/wait';

const managers: ReaderManager[] = [];
afterEach(async () => {
  await Promise.all(managers.splice(0).map((m) => m.stop()));
});

function setup(simOpts: ConstructorParameters<typeof Simulator>[0] = {}, cfg: ReaderManagerConfig = {}) {
  const sim = new Simulator(simOpts);
  const m = new ReaderManager({
    simulator: sim,
    pollIntervalMs: 5,
    commandTimeoutMs: 100,
    readTimeoutMs: 200,
    backoffInitialMs: 10,
    backoffMaxMs: 40,
    logger: silentLogger,
    now: () => new Date(2026, 5, 1),
    ...cfg,
  });
  managers.push(m);
  const log: string[] = [];
  const states: ReaderStatus[] = [];
  m.on('status', (s) => {
    states.push(s);
    log.push(`status:${s.state}`);
  });
  m.on('card-placed', (r) => log.push(`placed:${r.card.number}`));
  m.on('card-removed', (i) => log.push(`removed:${i.reason}`));
  m.on('card-error', (e) => log.push(`card-error:${e.code}:${e.sw3 ?? ''}`));
  return { sim, m, log, states };
}

describe('ReaderManager over the in-process simulator', () => {
  it('connects, reads the SAM ID, reads a placed card once and reports its removal', async () => {
    const { sim, m, log, states } = setup();
    m.start();
    await waitForEvent(m, 'status', (s: ReaderStatus) => s.state === 'connected');
    expect(states.at(-1)?.samId).toMatch(/^[0-9A-F]{32}$/);
    sim.place('resident-wang');
    const [read] = await waitForEvent<[CardRead]>(m, 'card-placed');
    expect(read.card).toMatchObject({ kind: 'resident', name: '王晓明', number: '110108198503120038' });
    expect(read.photo).toHaveLength(1024);
    expect(m.currentCard).toBe(read);
    await new Promise((r) => setTimeout(r, 60)); // many polls while the card stays
    expect(log.filter((l) => l.startsWith('placed'))).toHaveLength(1);
    sim.remove();
    await waitForEvent(m, 'card-removed');
    expect(log.filter((l) => !l.startsWith('status'))).toEqual(['placed:110108198503120038', 'removed:removed']);
    expect(m.currentCard).toBeUndefined();
  });

  it('reads the added address and, when asked, the fingerprint', async () => {
    const { sim, m } = setup({}, { readFingerprint: true });
    m.start();
    sim.place('resident-ayguli-longterm');
    const [a] = await waitForEvent<[CardRead]>(m, 'card-placed');
    expect(a.addedAddress).toBe('北京市朝阳区示例街道6号院1号楼');
    expect(a.fingerprint).toBeUndefined();
    sim.place('resident-wang');
    const [b] = await waitForEvent<[CardRead]>(m, 'card-placed', (r: CardRead) => r.card.name === '王晓明');
    expect(b.fingerprint).toHaveLength(1024);
    expect(b.addedAddress).toBeUndefined();
  });

  it('does not report removal of a card the reader hides from find-card after a read', async () => {
    const { sim, m, log } = setup({ findMissAfterRead: true });
    m.start();
    sim.place('hmt-chen');
    await waitForEvent(m, 'card-placed');
    await new Promise((r) => setTimeout(r, 100));
    expect(log.filter((l) => l.startsWith('removed') || l.startsWith('placed'))).toEqual(['placed:810000199208150027']);
    sim.remove();
    await waitForEvent(m, 'card-removed');
  });

  it('retries a failed read and reports an unreadable card once', async () => {
    const { sim, m, log } = setup({}, { retries: 2 });
    m.start();
    await waitForEvent(m, 'status', (s: ReaderStatus) => s.state === 'connected');
    sim.injectFault('read_failed', 1);
    sim.place('foreign2017-smith');
    await waitForEvent(m, 'card-placed');
    expect(log.some((l) => l.startsWith('card-error'))).toBe(false);
    sim.injectFault('read_failed', 1000);
    sim.place('foreign2023-garcia');
    const [err] = await waitForEvent<[ReaderError]>(m, 'card-error');
    expect(err).toMatchObject({ code: 'REPLY_STATUS', sw3: 0x41 });
    await new Promise((r) => setTimeout(r, 80));
    expect(log.filter((l) => l.startsWith('card-error'))).toHaveLength(1);
    sim.clearFaults();
    await waitForEvent(m, 'card-placed', (r: CardRead) => r.card.kind === 'foreign_2023');
  });

  it('survives checksum errors, lost replies and spurious no-card answers', async () => {
    const { sim, m, log } = setup();
    m.start();
    await waitForEvent(m, 'status', (s: ReaderStatus) => s.state === 'connected');
    sim.injectFault('checksum', 2);
    sim.injectFault('timeout', 1);
    sim.place('resident-wang');
    await waitForEvent(m, 'card-placed');
    sim.injectFault('no_card', 1);
    await new Promise((r) => setTimeout(r, 60));
    expect(log.filter((l) => /placed|removed/.test(l))).toEqual(['placed:110108198503120038']);
  });

  it('goes disconnected on unplug, emits card-removed, and recovers on replug', async () => {
    const { sim, m, log } = setup();
    m.start();
    sim.place('resident-wang');
    await waitForEvent(m, 'card-placed');
    sim.unplug();
    await waitForEvent(m, 'status', (s: ReaderStatus) => s.state === 'disconnected');
    expect(log).toContain('removed:disconnected');
    // Failed reopen attempts keep it 'disconnected' (with the reason), not 'unavailable'.
    await waitForEvent(
      m,
      'status',
      (s: ReaderStatus) => s.state === 'disconnected' && s.code === 'TRANSPORT_OPEN_FAILED',
    );
    sim.replug();
    await waitForEvent(m, 'card-placed');
    expect(m.status.state).toBe('connected');
    const after = log.slice(log.indexOf('status:disconnected'));
    expect(after.filter((l) => l.startsWith('status:'))).not.toContain('status:unavailable');
  });

  it('reopens a reader that stops answering, after a SAM reset attempt', async () => {
    const { sim, m } = setup({}, { resetAfterFailures: 2, reopenAfterFailures: 4, commandTimeoutMs: 20 });
    const sent: string[] = [];
    const respond = sim.respond.bind(sim);
    sim.respond = (body) => {
      sent.push(`${body[0]}`);
      return respond(body);
    };
    m.start();
    await waitForEvent(m, 'status', (s: ReaderStatus) => s.state === 'connected');
    sim.injectFault('timeout', 6);
    const [s] = await waitForEvent<[ReaderStatus]>(m, 'status', (x: ReaderStatus) => x.state === 'disconnected');
    expect(s.code).toBe('COMMAND_TIMEOUT');
    expect(sent).toContain(String(0x10));
    await waitForEvent(m, 'status', (x: ReaderStatus) => x.state === 'connected');
  });

  it('stays unavailable without flapping while nothing answers, keeps retrying, and a throwing listener does not stop it', async () => {
    const sim = new Simulator();
    const { SimulatorTransport } = await import('../../../native/id-reader/sim/sim-transport');
    let attempts = 0;
    const m = new ReaderManager({
      discover: async () => ({
        candidates:
          ++attempts < 4
            ? []
            : [{ id: 's', kind: 'simulator', label: 'sim', create: () => new SimulatorTransport(sim) }],
        problems: [],
      }),
      backoffInitialMs: 5,
      backoffMaxMs: 10,
      logger: silentLogger,
    });
    managers.push(m);
    m.on('status', () => {
      throw new Error('listener bug');
    });
    const seen: string[] = [];
    m.on('status', (s) => seen.push(s.state));
    m.start();
    await until('three discovery attempts', () => attempts >= 3, { timeoutMs: 2000, stepMs: 10 });
    expect(m.status).toMatchObject({ state: 'unavailable', code: 'NO_READER' });
    // A code, not a sentence: the page words NO_READER in the clerk's language.
    expect(m.status).not.toHaveProperty('messageZh');
    await waitForEvent(m, 'status', (s: ReaderStatus) => s.state === 'connected');
    expect(seen).toEqual(['unavailable', 'connected']);
  });

  it('reports a SAM fault as state error with the SW3 text, and connects once the SAM recovers', async () => {
    const { sim, m } = setup();
    const { encodeResponse } = await import('../../../native/id-reader/frame/codec');
    const respond = sim.respond.bind(sim);
    let broken = true;
    sim.respond = (body) => (broken && body[0] === 0x11 ? encodeResponse(0x60) : respond(body));
    m.start();
    const [s] = await waitForEvent<[ReaderStatus]>(m, 'status', (x: ReaderStatus) => x.state === 'error');
    expect(s.code).toBe('REPLY_STATUS');
    expect(s.message).toContain('SAM self-test failed');
    broken = false;
    await waitForEvent(m, 'status', (x: ReaderStatus) => x.state === 'connected');
  });

  it('picks the configured device and ignores others', async () => {
    const simA = new Simulator();
    const simB = new Simulator();
    simB.place('hmt-chen');
    const { SimulatorTransport } = await import('../../../native/id-reader/sim/sim-transport');
    const cand = (id: string, sim: Simulator) => ({
      id,
      kind: 'simulator' as const,
      label: `Sim ${id}`,
      path: `/dev/${id}`,
      create: () => new SimulatorTransport(sim),
    });
    const m = new ReaderManager({
      device: '/dev/b',
      discover: async () => ({ candidates: [cand('a', simA), cand('b', simB)], problems: [] }),
      pollIntervalMs: 5,
      logger: silentLogger,
    });
    managers.push(m);
    m.start();
    const [r] = await waitForEvent<[CardRead]>(m, 'card-placed');
    expect(r.card.kind).toBe('hmt_permit');
  });
});
