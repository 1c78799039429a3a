import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operations, type OpName } from '../../../electron/api/contract';
import type { Role } from '../../../electron/api/types';
import { makeCore, type Fixture } from '../../helpers/core';
import { removeCard } from '../../helpers/flow-steps';
import { startTestSandbox, type TestSandbox } from '../../helpers/sandbox';

/**
 * Signs in as each role (and as nobody) and calls every operation in the contract with an empty
 * argument. Access is judged before the arguments, so "denied" (AUTH_REQUIRED / AUTH_FORBIDDEN)
 * must match the table below; anything else (ok, INVALID_ARGUMENT, a domain error) counts as allowed.
 *
 * The table is written by hand from the roles' duties (electron/services/accounts/README.md), not
 * computed from the contract's declarations: a wrong declaration, or a new operation nobody placed
 * in the table, fails here. Columns: signed out, clerk, station, supervisor, admin ('x' = allowed).
 */
const ROLE_ACCOUNTS: [string, Role[]][] = [
  ['m.clerk', ['clerk']],
  ['m.station', ['station']],
  ['m.supervisor', ['supervisor']],
  ['m.admin', ['admin']],
];
const COLUMNS = ['(signed out)', ...ROLE_ACCOUNTS.map(([id]) => id)];
const DENIED = new Set(['AUTH_REQUIRED', 'AUTH_FORBIDDEN']);

const PUBLIC = 'xxxxx';
const SIGNED_IN = '.xxxx';
const CASE_WORK = '.xx..'; // handling the citizen at the counter: clerks and station staff (station implies clerk)
const BATCH = '..xx.'; // lists of applicants: station staff and supervisors
const CASE_AFTER = '.xxx.'; // after the certificate: a supervisor may retry, reprint, void, approve
const MATRIX: Record<OpName, string> = {
  'app.info': PUBLIC,
  'status.get': PUBLIC,
  'prefs.setLanguage': PUBLIC,
  'cert.verify': PUBLIC,
  'auth.setupStatus': PUBLIC,
  'auth.setupAdmin': PUBLIC, // refuses by itself once an administrator exists
  'auth.signIn': PUBLIC,
  'auth.signOut': SIGNED_IN,
  'auth.changePassword': SIGNED_IN,
  'auth.lock': SIGNED_IN,
  'auth.unlock': SIGNED_IN,
  'auth.activity': SIGNED_IN,
  // Views of what is at this counter; they hold personal data only inside an open case.
  'case.current': SIGNED_IN,
  'case.get': SIGNED_IN,
  'case.close': SIGNED_IN,
  'case.interrupted': SIGNED_IN,
  'items.search': SIGNED_IN,
  'printers.list': SIGNED_IN,
  'training.cards': SIGNED_IN,
  'training.toggleCard': SIGNED_IN,
  'training.fault': SIGNED_IN,
  'case.openManual': CASE_WORK,
  'case.chooseItem': CASE_WORK,
  'case.preview': CASE_WORK,
  'case.apply': CASE_WORK,
  'case.applicationDocument': CASE_WORK,
  'case.printApplicationDocument': CASE_WORK,
  'case.print': CASE_WORK,
  'case.override': CASE_AFTER, // the clerk's session asks; the supervisor's own password is checked inside
  'case.retryPrint': CASE_AFTER,
  'case.reprint': CASE_AFTER,
  'case.void': CASE_AFTER,
  'audit.citizenSlip': '.xx..', // inside the clerk's open case, for the citizen at the counter
  'audit.verify': '...xx',
  'cert.exportHallKey': '....x',
  // Submissions to departments: the clerk's own; a supervisor follows every case's up.
  'submissions.forCase': CASE_AFTER,
  'submissions.mine': CASE_WORK,
  'submissions.markHandled': CASE_AFTER, // the hall's public key, for verifiers elsewhere
  'audit.export': '...x.',
  'accounts.list': '....x',
  'accounts.create': '....x',
  'accounts.setRoles': '....x',
  'accounts.disable': '....x',
  'accounts.resetPassword': '....x',
  // Only the citizen's screen, with its own secret (tests/integration/web/citizen-secret.test.ts).
  'citizen.view': '.....',
  'citizen.rate': '.....',
  'citizen.sign': '.....',
  'case.askRating': CASE_WORK,
  'case.ratingState': CASE_AFTER,
  'ratings.bad': '...x.',
  'ratings.followUp': '...x.',
  // The hall (issue 13): an admin pairs; statistics for a clerk are their own today (scope.ts).
  'hall.link': '...xx',
  'hall.pair': '....x',
  'hall.unpair': '....x',
  'hall.stats': '.xxx.',
  'hall.badRatings': '.xxx.',
  'hall.export': '.xxx.',
  'hall.poolReads': '...x.', // who read whose pool data: the supervisor, nobody browses values
  'hall.prefillSource': CASE_AFTER,
  // worklists (主动服务): station staff only; a counter clerk has no worklists
  'worklist.programmes': '..x..',
  'worklist.list': '..x..',
  'worklist.start': '..x..',
  'worklist.resume': '..x..',
  'worklist.view': '..x..',
  'worklist.step': '..x..',
  'worklist.assign': '..x..',
  'worklist.ackNotApplied': '..x..',
  'worklist.output': '..x..',
  'worklist.deliver': '..x..',
  'worklist.export': '..x..',
  'worklist.station': '..x..',
  'worklist.outputForm': '..x..',
  // Batch checks of applicant lists: station staff and supervisors, never a counter clerk alone.
  'batch.items': BATCH,
  'batch.upload': BATCH,
  'batch.preview': BATCH,
  'batch.start': BATCH,
  'batch.list': BATCH,
  'batch.get': BATCH,
  'batch.pause': BATCH,
  'batch.resume': BATCH,
  'batch.cancel': BATCH,
  'batch.rows': BATCH,
  'batch.report': BATCH,
  // means test (issue 15): the household check is counter work; the citizen screen signs
  'means.view': CASE_WORK,
  'means.requestSignature': CASE_WORK,
  'means.recordPaper': CASE_WORK,
  'means.refuse': CASE_WORK,
  'means.run': CASE_WORK,
  'means.authorisation': CASE_WORK,
  'means.report': CASE_WORK,
  'means.submit': CASE_WORK,
  'means.trainingSources': SIGNED_IN, // training mode only, like the reader's switches
  'means.trainingSourceDown': SIGNED_IN,
};

let f: Fixture;
beforeAll(async () => {
  f = await makeCore();
  for (const [id, roles] of ROLE_ACCOUNTS) await f.addAccount(id, roles);
});
afterAll(() => f.close());

describe('role matrix', () => {
  const names = Object.keys(operations) as OpName[];

  it('places every operation of the contract in the table, and nothing else', () => {
    expect(Object.keys(MATRIX).sort()).toEqual([...names].sort());
    for (const [name, row] of Object.entries(MATRIX)) expect(row, name).toMatch(/^[x.]{5}$/);
  });

  it.each([['(signed out)', null] as const, ...ROLE_ACCOUNTS])('%s', async (id, roles) => {
    const column = COLUMNS.indexOf(id);
    const mismatches: string[] = [];
    for (const name of names) {
      // A fresh session per call: sign-out, lock or setup must not leak into the next operation.
      if (roles) await f.signInAs(id);
      else if (f.core.session) await f.call('auth.signOut');
      const r = await f.callAny(name, {});
      const denied = !r.ok && DENIED.has(r.error.code);
      const want = MATRIX[name][column] === 'x';
      if (denied === want)
        mismatches.push(
          `${name}: ${want ? 'should be allowed' : 'should be denied'}, got ${r.ok ? 'ok' : r.error.code}`,
        );
      if (!r.ok) expect(r.error.code).not.toBe('INTERNAL');
    }
    expect(mismatches).toEqual([]);
  });
});

/**
 * The card-read row (issue 9.2): a card placed on the reader is not an API call, so the table above
 * cannot see it. Written out per role: only a case-handling role that has its own password opens a
 * case and fetches licenses; everyone else causes neither.
 */
describe('role matrix: card read', () => {
  const CARD_READ: [string, Role[], { mustChange?: boolean }, 'opens' | 'ignored'][] = [
    ['r.clerk', ['clerk'], {}, 'opens'],
    ['r.station', ['station'], {}, 'opens'],
    ['r.supervisor', ['supervisor'], {}, 'ignored'],
    ['r.admin', ['admin'], {}, 'ignored'],
    ['r.fresh-clerk', ['clerk'], { mustChange: true }, 'ignored'],
  ];
  let sandbox: TestSandbox;
  let t: Fixture;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
    t = await makeCore({ boot: { registry: sandbox } });
    for (const [id, roles, o] of CARD_READ) await t.addAccount(id, roles, { mustChange: !!o.mustChange });
  });
  afterAll(async () => {
    await t?.close();
    await sandbox?.stop();
  });

  it.each(CARD_READ)('%s', async (id, _roles, _o, want) => {
    const core = t.core;
    await removeCard(core);
    await t.signInAs(id);
    const reader = core.services.reader!;
    reader.toggleCard(reader.demoCards().find((c) => c.name === '张建国')!.id);
    while (!reader.card()) await new Promise((r) => setTimeout(r, 20));
    // The registry answers in milliseconds here; give a fetch that should not happen the time to show.
    await new Promise((r) => setTimeout(r, 400));
    const count = (sql: string) => (core.db.prepare(sql).get(id) as { n: number }).n;
    const got = {
      cases: count('SELECT COUNT(*) AS n FROM cases WHERE clerk_id = ?'),
      fetches: count("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'registry-fetch' AND actor = ?"),
    };
    expect(got).toEqual(want === 'opens' ? { cases: 1, fetches: 1 } : { cases: 0, fetches: 0 });
  });
});
