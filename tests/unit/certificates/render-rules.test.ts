import { describe, expect, it } from 'vitest';
import {
  CertificateError,
  certificateFactsHash,
  extractFactsJson,
  extractPayload,
  generateHallKey,
  listTemplateIds,
  loadTemplate,
  maskName,
  parseTemplate,
  renderCertificate,
  signCertificate,
  toTrustedKey,
  verifyDocument,
  verifyPayload,
} from '../../../electron/services/certificates';
import { cleanEnergyData, householdData, seniorCardData } from '../../helpers/certificates';

const key = generateHallKey('H110101');
const trusted = [toTrustedKey(key, '东城')];

async function codeOf(p: Promise<unknown> | (() => unknown)): Promise<string | undefined> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (err) {
    return err instanceof CertificateError ? err.code : `not a CertificateError: ${String(err)}`;
  }
  return undefined;
}

describe('templates', () => {
  it('ships the three templates and they validate', () => {
    expect(listTemplateIds()).toEqual(expect.arrayContaining(['clean-energy', 'household', 'senior-card']));
    expect(loadTemplate('senior-card').page.size).toBe('CR80');
    expect(loadTemplate('household').title.zh).toBe('户籍核验证明');
  });

  it('rejects unknown ids, path tricks and invalid template data with stable codes', async () => {
    expect(await codeOf(() => loadTemplate('no-such-template'))).toBe('CERT_TEMPLATE_NOT_FOUND');
    expect(await codeOf(() => loadTemplate('../package'))).toBe('CERT_TEMPLATE_NOT_FOUND');
    expect(await codeOf(() => parseTemplate({ id: 'x', version: 1, sections: [] }))).toBe('CERT_TEMPLATE_INVALID');
    const t = structuredClone(loadTemplate('clean-energy')) as unknown as { sections: unknown[] };
    t.sections.push({ type: 'fields', items: [{ label: { zh: '错' }, value: 'holder.shoeSize' }] });
    expect(await codeOf(() => parseTemplate(t))).toBe('CERT_TEMPLATE_INVALID');
  });
});

describe('rendering rules', () => {
  it('is deterministic: same data and payload give identical bytes', async () => {
    const payload = signCertificate(cleanEnergyData(), key);
    const a = await renderCertificate('clean-energy', cleanEnergyData(), { payload });
    const b = await renderCertificate('clean-energy', cleanEnergyData(), { payload });
    expect(a.equals(b)).toBe(true);
    expect(a.subarray(0, 5).toString()).toBe('%PDF-');
    expect(a.toString('latin1')).toContain('(D:20250301024200Z)');
  });

  it('embeds the payload and canonical facts so a PDF verifies without reading the QR', async () => {
    const pdf = await renderCertificate('household', householdData(3), { hallKey: key });
    const payload = extractPayload(pdf);
    expect(payload && verifyPayload(payload, trusted).status).toBe('valid');
    expect(JSON.parse(extractFactsJson(pdf) ?? 'null')).toMatchObject({
      serial: 'HH-20250301-000077',
      hall: 'H110101',
    });
    expect(verifyDocument(pdf, trusted)).toMatchObject({ status: 'valid', factsMatch: true });
  });

  it('a PDF whose embedded facts were edited is tampered even though the QR signature holds', async () => {
    const pdf = await renderCertificate('clean-energy', cleanEnergyData(), { hallKey: key });
    const facts = extractFactsJson(pdf) as string;
    const edited = Buffer.from(facts.replace('passed', 'failed'), 'utf8').toString('base64url');
    const original = Buffer.from(facts, 'utf8').toString('base64url');
    const forged = Buffer.from(pdf.toString('latin1').replace(original, edited), 'latin1');
    expect(verifyDocument(forged, trusted)).toMatchObject({ status: 'tampered', factsMatch: false });
  });

  it('the facts hash ignores the reprint flag but covers results, data age and override', () => {
    const base = certificateFactsHash(cleanEnergyData());
    expect(certificateFactsHash(cleanEnergyData({ reprint: true }))).toBe(base);
    expect(certificateFactsHash(cleanEnergyData({ result: '不符合' }))).not.toBe(base);
    expect(certificateFactsHash(cleanEnergyData({ dataAsOf: '2025-02-28T00:00:00Z' }))).not.toBe(base);
    expect(certificateFactsHash(cleanEnergyData({ override: { by: '周', reason: '维护' } }))).not.toBe(base);
    // Same instant written in another zone is the same fact.
    expect(certificateFactsHash(cleanEnergyData({ issuedAt: '2025-03-01T10:42:00+08:00' }))).toBe(base);
  });

  it('a reprint reuses the stored payload; a payload for other facts is refused', async () => {
    const payload = signCertificate(cleanEnergyData(), key);
    const reprint = await renderCertificate('clean-energy', cleanEnergyData({ reprint: true }), { payload });
    expect(extractPayload(reprint)).toBe(payload);
    expect(
      await codeOf(renderCertificate('clean-energy', cleanEnergyData({ result: '改过的结论' }), { payload })),
    ).toBe('CERT_PAYLOAD_MISMATCH');
    expect(await codeOf(renderCertificate('clean-energy', cleanEnergyData(), { payload: 'CT1.garbage' }))).toBe(
      'CERT_PAYLOAD_MISMATCH',
    );
  });

  it('refuses to print without a signer, with bad data, or with a bad or missing photo', async () => {
    expect(await codeOf(renderCertificate('clean-energy', cleanEnergyData()))).toBe('CERT_NO_SIGNER');
    expect(
      await codeOf(renderCertificate('clean-energy', cleanEnergyData({ issuedAt: 'yesterday' }), { hallKey: key })),
    ).toBe('CERT_DATA_INVALID');
    expect(
      await codeOf(renderCertificate('clean-energy', cleanEnergyData({ serial: 'bad serial!' }), { hallKey: key })),
    ).toBe('CERT_DATA_INVALID');
    expect(
      await codeOf(
        renderCertificate('senior-card', seniorCardData({ photo: Buffer.from('GIF89a....') }), { hallKey: key }),
      ),
    ).toBe('CERT_PHOTO_INVALID');
    expect(await codeOf(renderCertificate('senior-card', seniorCardData({ photo: undefined }), { hallKey: key }))).toBe(
      'CERT_PHOTO_INVALID',
    );
    // A photo is optional where the template does not require one.
    expect((await renderCertificate('clean-energy', cleanEnergyData(), { hallKey: key })).length).toBeGreaterThan(1000);
  });

  it('masks names for the QR', () => {
    expect(maskName('王建国')).toBe('王**');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('李')).toBe('李');
  });
});
