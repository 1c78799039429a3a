import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractPayload, generateHallKey, renderCertificate, toTrustedKey } from '../../../electron/services/certificates';
import { cleanEnergyData } from '../../helpers/certificates';
import { tmp, writePdf } from './tools';

const root = resolve(__dirname, '../../..');
const tsx = join(root, 'node_modules/.bin/tsx');

function verify(args: string[], env: Record<string, string> = {}): { code: number | null; out: string } {
  const r = spawnSync(tsx, ['electron/cli/verify.ts', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env } });
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
});
