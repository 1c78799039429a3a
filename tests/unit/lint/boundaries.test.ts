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
  ])('%s refuses: %s', async (file, code) => {
    expect(await violations(file, code)).not.toEqual([]);
  });

  it.each([
    ['renderer/src/x.ts', "import type { OpName } from '../../electron/api/contract'; export type X = OpName;"],
    ['electron/main.ts', "import { app } from 'electron'; app;"],
    ['electron/services/x/y.ts', "import { readFileSync } from 'node:fs'; readFileSync;"],
  ])('%s allows: %s', async (file, code) => {
    expect(await violations(file, code)).toEqual([]);
  });
});
