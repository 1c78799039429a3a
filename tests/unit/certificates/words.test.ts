import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resourcesDir } from '../../../electron/services/certificates/resources';
import { both, documentWords, slipWords, WORDS_FILE } from '../../../electron/services/certificates/words';

/** The words every certificate prints come from resources/, not from the renderer's code. */
describe('certificate words', () => {
  it('the shipped file has every entry in both languages', () => {
    const w = documentWords();
    expect(w.training.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(w.training.en).not.toMatch(/[\u4e00-\u9fff]/);
    expect(both(w.override, { by: '王主管', reason: '纸质材料已核' }, '  ')).toBe(
      '经主管 王主管 特批（理由：纸质材料已核）  Supervisor override by 王主管',
    );
    expect(both(w.pageFooter, { serial: 'BJ-1', page: 1, pages: 2 }, '  ')).toBe(
      '证明编号 BJ-1    第 1 / 2 页  Page 1 of 2',
    );
  });

  it("the citizen's access slip has its words, the people-facing actions among them", () => {
    const w = slipWords();
    for (const a of [
      'card-read',
      'registry-fetch',
      'cache-read',
      'certificate-issue',
      'print',
      'reprint',
      'void',
      'override',
    ]) {
      expect(w.actions[a]?.zh, a).toMatch(/[\u4e00-\u9fff]/);
      expect(w.actions[a]?.en, a).toMatch(/^[A-Z]/);
    }
  });

  it('an edited file changes the words; an incomplete one stops printing with a code', () => {
    const dir = mkdtempSync(join(tmpdir(), 'words-'));
    cpSync(resourcesDir(), dir, { recursive: true });
    const file = join(dir, WORDS_FILE);
    const edited = { ...documentWords(), reprint: { zh: '补 打', en: 'RE-PRINT' } };
    writeFileSync(file, JSON.stringify(edited));
    expect(documentWords(dir).reprint.en).toBe('RE-PRINT');
    const broken = mkdtempSync(join(tmpdir(), 'words-broken-'));
    cpSync(resourcesDir(), broken, { recursive: true });
    writeFileSync(join(broken, WORDS_FILE), JSON.stringify({ training: { zh: '培训', en: 'TRAINING' } }));
    expect(() => documentWords(broken)).toThrow(expect.objectContaining({ code: 'CERT_TEMPLATE_INVALID' }));
  });
});
