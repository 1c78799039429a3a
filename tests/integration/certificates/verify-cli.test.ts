import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  extractPayload,
  generateHallKey,
  hallKeyExport,
  loadOrCreateHallKey,
  renderCertificate,
  toTrustedKey,
} from '../../../electron/services/certificates';
import { cleanEnergyData } from '../../helpers/certificates';
import { tmp, writePdf } from './tools';

const root = resolve(__dirname, '../../..');
const tsx = join(root, 'node_modules/.bin/tsx');

function verify(args: string[], env: Record<string, string> = {}): { code: number | null; out: string } {
  const base = { ...process.env };
  delete base.COUNTER_CONFIG; // a newcomer's shell: training mode, no config
  const r = spawnSync(tsx, ['electron/cli/verify.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...base, ...env },
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('npm run verify (electron/cli/verify.ts)', () => {
  let dir: string;
  let keys: string;
  let pdfFile: string;
  let payload: string;
  beforeAll(async () => {
    dir = tmp();
    const hall = generateHallKey('H110101');
    keys = join(dir, 'trusted-hall-keys.json');
    writeFileSync(keys, JSON.stringify([toTrustedKey(hall, '示范市东城区政务服务中心')]));
    const pdf = await renderCertificate('clean-energy', cleanEnergyData(), { hallKey: hall });
    pdfFile = writePdf(dir, 'cert.pdf', pdf);
    payload = extractPayload(pdf) as string;
  });

  it('a real certificate PDF is valid (exit 0) and its fields are printed', () => {
    const r = verify([pdfFile, '--keys', keys]);
    expect(r.out).toContain('VALID');
    expect(r.out).toContain('CE-20250301-000123');
    expect(r.out).toContain('示范市东城区政务服务中心');
    expect(r.out).toContain('facts in PDF match signature: yes');
    expect(r.code).toBe(0);
  });

  it('reads the trusted keys from $COUNTER_DATA_DIR by default and accepts a raw payload', () => {
    const r = verify([payload], { COUNTER_DATA_DIR: dir });
    expect(r.out).toContain('VALID');
    expect(r.code).toBe(0);
  });

  it('tampered, unknown-key and malformed inputs exit 1 and say which', () => {
    const body = Buffer.from(payload.slice(4), 'base64url');
    body[5] = (body[5] as number) ^ 1;
    const tampered = verify([`CT1.${body.toString('base64url')}`, '--keys', keys]);
    expect(tampered.out).toContain('TAMPERED');
    expect(tampered.code).toBe(1);

    const otherKeys = join(dir, 'other.json');
    writeFileSync(otherKeys, JSON.stringify([toTrustedKey(generateHallKey('H999'), '别处')]));
    const unknown = verify([pdfFile, '--keys', otherKeys]);
    expect(unknown.out).toContain('UNKNOWN KEY');
    expect(unknown.code).toBe(1);

    const garbage = verify(['CT1.not-a-real-payload', '--keys', keys]);
    expect(garbage.out).toContain('MALFORMED');
    expect(garbage.code).toBe(1);
  });

  it('a missing keys file or no argument is explained, exit 1', () => {
    const missing = verify([pdfFile, '--keys', join(dir, 'nope.json')]);
    expect(missing.out).toContain('CERT_TRUSTED_KEYS_INVALID');
    expect(missing.code).toBe(1);
    const usage = verify([]);
    expect(usage.out).toContain('usage');
    expect(usage.code).toBe(1);
  });

  it('on the terminal itself a training certificate verifies with no set-up and says TRAINING', async () => {
    const data = tmp();
    // What the app does at start: the hall key under <data>/keys; nobody writes trusted-hall-keys.json.
    const own = loadOrCreateHallKey(join(data, 'keys'), 'TRAIN01');
    const pdf = writePdf(
      data,
      'training.pdf',
      await renderCertificate('clean-energy', cleanEnergyData({ training: true }), { hallKey: own }),
    );
    const r = verify([pdf], { COUNTER_DATA_DIR: data });
    expect(r.out).not.toContain('CERT_TRUSTED_KEYS_INVALID');
    expect(r.out.split('\n')[0]).toBe('VALID 有效 · TRAINING 培训');
    expect(r.out).toContain("this terminal's hall key");
    expect(r.code).toBe(0);
  });

  it('elsewhere, the key file an admin exported is what --keys takes; with nothing to trust it says how to get one', async () => {
    const terminal = tmp();
    const own = loadOrCreateHallKey(join(terminal, 'keys'), 'H220202');
    const pdf = writePdf(
      terminal,
      'cert.pdf',
      await renderCertificate('clean-energy', cleanEnergyData(), { hallKey: own }),
    );
    const exported = hallKeyExport(toTrustedKey(own, '示范市西城区政务服务中心'));
    const verifierHome = tmp();
    const file = join(verifierHome, exported.filename);
    writeFileSync(file, exported.content);
    const r = verify([pdf, '--keys', file], { COUNTER_DATA_DIR: verifierHome });
    expect(r.out).toContain('VALID');
    expect(r.out).toContain('示范市西城区政务服务中心');
    expect(r.out).not.toContain('TRAINING');
    expect(r.code).toBe(0);
    const none = verify([pdf], { COUNTER_DATA_DIR: verifierHome });
    expect(none.out).toContain('CERT_TRUSTED_KEYS_INVALID');
    expect(none.out).toContain('--keys');
    expect(none.code).toBe(1);
  });
});
