import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import * as fuses from '@electron/fuses';

const req = createRequire(__filename);
const hook = req('../../../scripts/after-pack.cjs') as ((ctx: unknown) => Promise<void>) & {
  applyFuses(ctx: unknown, f: unknown): Promise<void>;
};

const ctx = (platform: string) => ({
  electronPlatformName: platform,
  appOutDir: '/out/app',
  packager: { appInfo: { productFilename: 'Counter Terminal' }, executableName: 'counter-terminal' },
});

describe('afterPack fuses hook', () => {
  const O = fuses.FuseV1Options;

  it.each([
    ['linux', join('/out/app', 'counter-terminal'), undefined],
    ['win32', join('/out/app', 'Counter Terminal.exe'), undefined],
    ['darwin', join('/out/app', 'Counter Terminal.app'), true],
  ])('flips exactly the hardening fuses on %s', async (platform, binary, resetSig) => {
    const flipFuses = vi.fn(async () => 0);
    await hook.applyFuses(ctx(platform), { ...fuses, flipFuses });
    expect(flipFuses).toHaveBeenCalledTimes(1);
    const [path, config] = flipFuses.mock.calls[0]! as unknown as [string, Record<string | number, unknown>];
    expect(path).toBe(binary);
    const expected: Record<string | number, unknown> = {
      version: fuses.FuseVersion.V1,
      [O.RunAsNode]: false,
      [O.EnableNodeOptionsEnvironmentVariable]: false,
      [O.EnableNodeCliInspectArguments]: false,
      [O.EnableEmbeddedAsarIntegrityValidation]: true,
      [O.OnlyLoadAppFromAsar]: true,
      [O.EnableCookieEncryption]: true,
    };
    if (resetSig) expected.resetAdHocDarwinSignature = true;
    expect(config).toEqual(expected);
  });

  it('is a function electron-builder can call', () => {
    expect(typeof hook).toBe('function');
  });
});
