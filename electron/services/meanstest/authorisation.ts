import PDFDocument from 'pdfkit';
import { maskIdNumber } from '../../../protocol/id-mask';
import { certificateFont, FONT_ALIAS } from '../certificates/render/font';
import { documentHash } from '../signature/bind';
import { drawSignature } from '../signature/pdf';
import type { BoundSignature } from '../signature/bind';
import type { MeansConfig } from './config';
import type { Household } from './household';
import type { ConsentState } from './types';

/** What every adult member authorises; its canonical hash is what each signature is bound to. */
export interface AuthorisationData {
  kind: 'meanstest-authorisation/v1';
  caseId: string;
  item: { code: string; zh: string; en: string };
  organisation: string;
  household: { number: string; address: string };
  members: Array<{ name: string; idNumberMasked: string; relation: string; adult: boolean }>;
  sources: Array<{ zh: string; en: string; issuer: string }>;
  windowMonths: number;
  /** The day the authorisation was drawn up (the case's day). */
  day: string;
}

export function authorisationData(
  cfg: MeansConfig,
  caseId: string,
  item: AuthorisationData['item'],
  organisation: string,
  hh: Household,
  windowMonths: number,
  day: string,
): AuthorisationData {
  return {
    kind: 'meanstest-authorisation/v1',
    caseId,
    item,
    organisation,
    household: { number: hh.number, address: hh.address },
    members: hh.members.map((m) => ({
      name: m.name,
      idNumberMasked: maskIdNumber(m.idNumber),
      relation: m.relation,
      adult: m.adult,
    })),
    sources: cfg.sources.map((s) => ({ zh: s.nameZh, en: s.nameEn, issuer: s.issuerZh })),
    windowMonths,
    day,
  };
}

export const authorisationHash = (d: AuthorisationData): string => documentHash(d);

const MM = 72 / 25.4;

/**
 * The authorisation (居民家庭经济状况核对授权书), one A4 page: what is checked, for how long back,
 * and a box per adult member holding their signature, their guardian's, or the note of a paper form.
 */
export async function renderAuthorisation(
  d: AuthorisationData,
  consents: ReadonlyMap<string, ConsentState & { signature?: BoundSignature }>,
  memberIds: readonly string[],
  training: boolean,
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 18 * MM,
    info: { Title: '居民家庭经济状况核对授权书', CreationDate: new Date(`${d.day}T00:00:00Z`) },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont(FONT_ALIAS, certificateFont() as unknown as Buffer);
  doc.font(FONT_ALIAS);
  const m = 18 * MM;
  const width = doc.page.width - 2 * m;
  if (training) doc.fontSize(10).fillColor('#b71c1c').text('培训 样本 / TRAINING', { align: 'right' });
  doc.fillColor('#000').fontSize(18).text('居民家庭经济状况核对授权书', { align: 'center' });
  doc
    .fontSize(9)
    .fillColor('#555')
    .text('Authorisation of the household economic check', { align: 'center' })
    .moveDown(0.6);
  doc.fillColor('#000').fontSize(10);
  doc.text(`办件编号：${d.caseId}    事项：${d.item.zh}    户号：${d.household.number}`);
  doc.text(`户籍地址：${d.household.address}`).moveDown(0.4);
  doc
    .fontSize(10)
    .text(
      `本户全体具有完全民事行为能力的家庭成员（无民事行为能力或限制民事行为能力的成员由其监护人代为）授权${d.organisation}及民政部门，` +
        `为办理“${d.item.zh}”，通过政务数据共享平台查询、核对本户成员近 ${d.windowMonths} 个月以来的下列经济状况信息，` +
        '查询结果仅用于本次救助审核，依法保密。',
    );
  doc
    .fontSize(8)
    .fillColor('#444')
    .text(
      `All adult members (a guardian for a member without capacity) authorise the check of the following records over the last ${d.windowMonths} months, used only for this application.`,
    );
  doc.fillColor('#000').fontSize(9).moveDown(0.3);
  for (const s of d.sources) doc.text(`· ${s.zh}（${s.issuer}）`, m + 8);
  doc.moveDown(0.6).fontSize(10).text('家庭成员 Members', m);
  const boxW = 62 * MM;
  const boxH = 16 * MM;
  d.members.forEach((mem, i) => {
    const id = memberIds[i]!;
    const y = doc.y + 2;
    if (y + boxH > doc.page.height - m) doc.addPage();
    const top = doc.y + 2;
    doc
      .fontSize(10)
      .text(`${mem.name}（${mem.relation}）  ${mem.idNumberMasked}`, m, top + 4, { width: width - boxW - 10 });
    const c = consents.get(id);
    const bx = m + width - boxW;
    if (!mem.adult) {
      doc
        .fontSize(9)
        .fillColor('#555')
        .text('未成年人，无需本人签名', bx, top + 4, { width: boxW })
        .fillColor('#000');
    } else {
      doc.save().lineWidth(0.6).strokeColor('#444').rect(bx, top, boxW, boxH).stroke().restore();
      if (c?.kind === 'signed' && c.signature && c.documentHash === authorisationHash(d))
        drawSignature(doc as never, { x: bx + 2, y: top + 2, w: boxW - 4, h: boxH - 4 }, c.signature.signature);
      else if (c?.kind === 'paper')
        doc.fontSize(8).text(`纸质授权书已扫描留存：${c.paperReason ?? ''}`, bx + 3, top + 3, { width: boxW - 6 });
      else if (c?.kind === 'refused')
        doc
          .fontSize(9)
          .fillColor('#b71c1c')
          .text('拒绝授权', bx + 3, top + 3)
          .fillColor('#000');
      if (c?.guardian)
        doc
          .fontSize(8)
          .fillColor('#333')
          .text(`监护人 ${c.guardian.name}（${c.guardian.relation}）代签`, m, top + boxH - 9)
          .fillColor('#000');
    }
    doc.x = m;
    doc.y = top + boxH + 4;
  });
  doc
    .moveDown(0.6)
    .fontSize(8)
    .fillColor('#555')
    .text(`授权书日期 ${d.day} · 文书摘要 SM3 ${authorisationHash(d).slice(0, 16)}…`, m);
  doc.end();
  return done;
}
