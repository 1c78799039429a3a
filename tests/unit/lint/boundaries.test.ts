import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Proves the import-boundary rule fires: each case lints a snippet as if it lived at that path.
const eslint = new ESLint({ cwd: process.cwd() });

async function violations(filePath: string, code: string): Promise<string[]> {
  const [res] = await eslint.lintText(code, { filePath });
  return (res?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import boundaries', () => {
  it.each([
    ['renderer/src/x.ts', "import { readFileSync } from 'node:fs'; readFileSync;"],
    ['renderer/src/x.ts', "import fs from 'fs'; fs;"],
    ['renderer/src/x.ts', "import { ipcRenderer } from 'electron'; ipcRenderer;"],
    ['renderer/src/x.ts', "import { a } from '../../native/id-reader'; a;"],
    ['renderer/src/x.ts', "import { a } from '../../electron/services/core/core'; a;"],
    ['native/id-reader/x.ts', "import { app } from 'electron'; app;"],
    ['native/id-reader/x.ts', "import { a } from '../../electron/services/db/open'; a;"],
    ['electron/services/x/y.ts', "import { app } from 'electron'; app;"],
    ['electron/services/x/y.ts', "import { a } from '../../../sandbox/server'; a;"],
    // services take only types from the API layer; AppError is theirs (electron/services/errors.ts)
    ['electron/services/x/y.ts', "import { AppError } from '../../api/errors'; AppError;"],
    ['electron/services/x/y.ts', "import { dispatch } from '../../api/dispatch'; dispatch;"],
    ['electron/services/x/y.ts', "import { contract } from '../../api/contract'; contract;"],
    // protocol/ is a leaf
    ['protocol/x.ts', "import { AppError } from '../electron/services/errors'; AppError;"],
    ['protocol/x.ts', "import { a } from '../native/id-reader'; a;"],
    // the sandbox imports only protocol/, resources/ and itself
    [
      'sandbox/x.ts',
      "import type { LicenseRecord } from '../electron/services/registry/types'; export type X = LicenseRecord;",
    ],
    ['sandbox/generator/x.ts', "import { a } from '../../native/id-reader'; a;"],
    ['sandbox/x.ts', "import { a } from '../tests/helpers/core'; a;"],
    // npm scripts never import app code or electron
    ['scripts/x.mjs', "import { a } from '../electron/services/core/core.ts'; a;"],
    ['scripts/x.mjs', "import { a } from '../sandbox/server.ts'; a;"],
    ['scripts/x.mjs', "import electron from 'electron'; electron;"],
    // test folders share code only through tests/helpers/
    ['tests/integration/x/y.test.ts', "import { a } from '../../unit/auth/fixture'; a;"],
    ['tests/bench/x.bench.ts', "import { a } from '../e2e/fixtures'; a;"],
    ['tests/helpers/x.ts', "import { a } from '../unit/cache/x'; a;"],
    ['tests/unit/x/y.test.ts', "import { app } from 'electron'; app;"],
  ])('%s refuses: %s', async (file, code) => {
    expect(await violations(file, code)).not.toEqual([]);
  });

  it.each([
    ['renderer/src/x.ts', "import type { OpName } from '../../electron/api/contract'; export type X = OpName;"],
    ['electron/main.ts', "import { app } from 'electron'; app;"],
    ['electron/services/x/y.ts', "import { readFileSync } from 'node:fs'; readFileSync;"],
    ['electron/services/x/y.ts', "import type { CaseView } from '../../api/types'; export type X = CaseView;"],
    ['electron/services/x/y.ts', "import { AppError } from '../errors'; AppError;"],
    ['electron/api/x.ts', "import { AppError } from '../services/errors'; AppError;"],
    ['native/id-reader/x.ts', "import { isValidIdNumber } from '../../protocol/id-number'; isValidIdNumber;"],
    ['protocol/x.ts', "import { sm2 } from 'sm-crypto-v2'; import { createHash } from 'node:crypto'; sm2; createHash;"],
    ['sandbox/x.ts', "import { parseLicenseId } from '../protocol/license-id'; parseLicenseId;"],
    ['sandbox/generator/x.ts', "import types from '../../resources/registry/license-types.json'; types;"],
    ['scripts/x.mjs', "import { spawnSync } from 'node:child_process'; spawnSync;"],
    ['tests/integration/x/y.test.ts', "import { makeCore } from '../../helpers/core'; makeCore;"],
    ['tests/unit/x/y.test.ts', "import type { Session } from 'electron'; export type X = Session;"],
  ])('%s allows: %s', async (file, code) => {
    expect(await violations(file, code)).toEqual([]);
  });
});
