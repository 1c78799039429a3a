import { beforeAll, describe, expect, it } from 'vitest';
import {
  extractPayload,
  generateHallKey,
  renderCertificate,
  toTrustedKey,
  verifyDocument,
  type HallKey,
} from '../../../electron/services/certificates';
import { cleanEnergyData, householdData, seniorCardData } from '../../helpers/certificates';
import { darkFractions, decodeQr, hasTool, pageCount, pdfFonts, pdfText, tmp, writePdf } from './tools';

const poppler = hasTool('pdftotext') && hasTool('pdffonts') && hasTool('pdftoppm') && hasTool('pdfinfo');
const zbar = hasTool('zbarimg');
if (!poppler)
  console.warn('certificate render tests skipped: install poppler-utils (pdftotext, pdffonts, pdftoppm, pdfinfo)');
if (!zbar) console.warn('QR decode tests skipped: install zbar-tools (zbarimg)');

/** pdftotext breaks lines where the layout wraps; compare without whitespace. */
const squash = (s: string): string => s.replace(/\s+/g, '');

let key: HallKey;
let dir: string;
beforeAll(() => {
  key = generateHallKey('H110101');
  dir = tmp();
});

function expectCjkSubset(file: string): void {
  const fonts = pdfFonts(file);
  const line = fonts.split('\n').find((l) => l.includes('WenQuanYiMicroHei'));
  expect(line, fonts).toBeDefined();
  // columns: name type encoding emb sub uni
  expect(line).toMatch(/CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
  // Only the one embedded CJK face: no fallback to base-14 fonts that would lose Chinese glyphs.
  expect(fonts.split('\n').slice(2).filter(Boolean)).toHaveLength(1);
}

describe.skipIf(!poppler)('certificate rendering with real poppler tools', () => {
  it('clean-energy: text, sources, serial and hall are extractable Chinese; one page; font embedded as subset', async () => {
    const file = writePdf(dir, 'ce.pdf', await renderCertificate('clean-energy', cleanEnergyData(), { hallKey: key }));
    const text = squash(pdfText(file));
    for (const expected of [
      '清洁能源（煤改电）住户核验证明',
      '王建国',
      '110101********0013',
      '110101004512',
      '青年沟村（2023年度煤改电村）',
      '户籍登记在该地址',
      '居民户口簿',
      '1.2.156.3005.2.111002.11010100.2430599.001.F',
      '示范市规划和自然资源委员会',
      '经核验，该住户符合清洁能源（煤改电）峰谷电价补贴条件。',
      'CE-20250301-000123',
      '示范市东城区政务服务中心',
      'A12',
      '李娜',
      '2025-03-0110:42',
    ]) {
      expect(text).toContain(squash(expected));
    }
    expect(text).not.toContain('数据截至');
    expect(text).not.toContain('TRAINING');
    expect(pageCount(file)).toBe(1);
    expectCjkSubset(file);
    const [dark] = darkFractions(file);
    expect(dark).toBeGreaterThan(0.01);
    expect(dark).toBeLessThan(0.5);
  });

  it('household: members with relation, long member lists break pages and keep every member', async () => {
    const short = writePdf(dir, 'hh.pdf', await renderCertificate('household', householdData(4), { hallKey: key }));
    const text = squash(pdfText(short));
    for (const expected of [
      '户籍核验证明',
      '110101009876',
      '与户主关系',
      '张伟',
      '户主',
      '王芳',
      '配偶',
      '110101********1003',
    ]) {
      expect(text).toContain(squash(expected));
    }
    expectCjkSubset(short);

    const data = householdData(60);
    const long = writePdf(dir, 'hh-long.pdf', await renderCertificate('household', data, { hallKey: key }));
    const pages = pageCount(long);
    expect(pages).toBeGreaterThanOrEqual(2);
    const longText = squash(pdfText(long));
    const members = (data.facts?.[3]?.value as unknown as { rows: Array<{ name: string }> }).rows;
    for (const m of members) expect(longText).toContain(m.name);
    expect(longText).toContain(squash(`第 ${pages} / ${pages} 页`));
    // The header row repeats on each page of the table.
    expect(longText.split('与户主关系').length - 1).toBeGreaterThanOrEqual(2);
    for (const dark of darkFractions(long)) expect(dark).toBeGreaterThan(0.005);
  });

  it('long addresses wrap inside the page instead of running off it', async () => {
    const address =
      '示范市东城区和平里街道青年沟村某某路某某胡同甲12号院3号楼2单元501室（原青年沟村第三生产队旧址东侧，靠近村委会）';
    const file = writePdf(
      dir,
      'addr.pdf',
      await renderCertificate(
        'clean-energy',
        cleanEnergyData({ holder: { name: '王建国', idNumberMasked: '110101********0013', address } }),
        { hallKey: key },
      ),
    );
    expect(squash(pdfText(file))).toContain(squash(address));
    // -bbox gives word boxes; every box must lie inside the page width.
    const { execFileSync } = await import('node:child_process');
    const html = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
    const xMax = [...html.matchAll(/xMax="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(xMax.length).toBeGreaterThan(10);
    expect(Math.max(...xMax)).toBeLessThanOrEqual(595.28 - 40);
  });

  it('senior card: card-sized pages with photo, holder, card number and hall', async () => {
    const file = writePdf(dir, 'sc.pdf', await renderCertificate('senior-card', seniorCardData(), { hallKey: key }));
    const { execFileSync } = await import('node:child_process');
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+242\.6\d* x 153\.0\d* pts/);
    expect(pageCount(file)).toBe(2);
    const text = squash(pdfText(file));
    for (const expected of [
      '老年人优待证',
      '赵桂兰',
      '女',
      '1948-06-15',
      '1101012025000009',
      '示范市东城区政务服务中心',
      'SC-20250301-000009',
    ]) {
      expect(text).toContain(squash(expected));
    }
    expectCjkSubset(file);
    const images = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' });
    expect(images.split('\n').filter((l) => /^\s+1\s+\d+\s+image\s+90\s+120/.test(l))).toHaveLength(1);
    for (const dark of darkFractions(file, 60)) expect(dark).toBeGreaterThan(0.02);
  });

  it('training mode puts the diagonal watermark on every page; cached data shows its age', async () => {
    const file = writePdf(
      dir,
      'train.pdf',
      await renderCertificate(
        'household',
        householdData(60, {
          training: true,
          reprint: true,
          dataAsOf: '2025-02-28T22:10:00Z',
          override: { by: '周主任', reason: '系统维护' },
        }),
        { hallKey: key },
      ),
    );
    const pages = pageCount(file);
    const text = pdfText(file, true);
    expect(text.split('\f').filter((p) => p.trim()).length).toBe(pages);
    for (const page of text.split('\f').filter((p) => p.trim())) {
      expect(squash(page)).toContain('TRAINING/培训样本');
    }
    const flat = squash(text);
    expect(flat).toContain('补打REPRINT');
    expect(flat).toContain('数据截至2025-03-0106:10');
    expect(flat).toContain('Dataasof2025-03-0106:10');
    expect(flat).toContain('周主任');

    const card = writePdf(
      dir,
      'sc-train.pdf',
      await renderCertificate('senior-card', seniorCardData({ training: true }), { hallKey: key }),
    );
    const cardPages = pdfText(card, true)
      .split('\f')
      .filter((p) => p.trim());
    expect(cardPages).toHaveLength(2);
    for (const page of cardPages) expect(squash(page)).toContain('TRAINING/培训样本');
  });

  it.skipIf(!zbar)('the printed QR decodes (zbarimg) to the embedded payload, which verifies', async () => {
    const pdf = await renderCertificate('clean-energy', cleanEnergyData(), { hallKey: key });
    const file = writePdf(dir, 'qr.pdf', pdf);
    const embedded = extractPayload(pdf);
    expect(embedded).toMatch(/^CT1\./);
    expect(decodeQr(file, 1)).toEqual([embedded]);
    expect(verifyDocument(pdf, [toTrustedKey(key, '东城')]).status).toBe('valid');

    const card = writePdf(
      dir,
      'qr-card.pdf',
      await renderCertificate('senior-card', seniorCardData(), { hallKey: key }),
    );
    expect(decodeQr(card, 2, 200)).toHaveLength(1);
  });
});
