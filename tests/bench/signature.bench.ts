import { loadavg } from 'node:os';
import PDFDocument from 'pdfkit';
import { decodeReports, encodePenReport } from '../../native/signature-pad/stu-decoder';
import { bindSignature, signatureFor } from '../../electron/services/signature/bind';
import { drawSignature } from '../../electron/services/signature/pdf';
import { documentTemplate, renderDocument } from '../../electron/services/forms';
import type { BenchGroup } from './types';

const RUNS = 40;

/** A realistic signature: 6 strokes, 1,200 pen reports (about 6 s of writing at 200 Hz). */
function reports(): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let s = 0; s < 6; s++) {
    for (let i = 0; i < 200; i++)
      out.push(
        encodePenReport({
          inRange: true,
          down: true,
          pressure: 300 + ((i * 7) % 600),
          x: 800 + s * 1400 + i * 5,
          y: 3000 + Math.round(1200 * Math.sin(i / 15)),
        }),
      );
    out.push(encodePenReport({ inRange: true, down: false, pressure: 0, x: 0, y: 0 }));
  }
  return out;
}

async function once(raw: Uint8Array[], doc: unknown): Promise<Buffer> {
  const sig = decodeReports(raw).signature;
  const bound = bindSignature(sig, doc, new Date());
  const pdf = new PDFDocument({ size: 'A4', margin: 0 });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((r) => pdf.on('end', () => r(Buffer.concat(chunks))));
  drawSignature(pdf, { x: 320, y: 700, w: 220, h: 80 }, signatureFor(bound, doc));
  pdf.end();
  return done;
}

/** The whole application form (CJK text, the template's boxes) with the decoded signature in its box. */
const application: BenchGroup = {
  names: ['signature.application_pdf_ms'],
  async run() {
    const raw = reports();
    const template = documentTemplate('application');
    const data = {
      caseId: 'C1',
      item: { zh: '重度残疾人护理补贴', en: 'Care allowance' },
      hall: '示范市政务服务中心',
      counter: 'T-01',
      at: '2026-12-01 10:00',
      training: true,
      rows: [
        { label: { zh: '姓名', en: 'Name' }, value: '钱秀兰' },
        { label: { zh: '户籍地址', en: 'Address' }, value: '示范市中心区和平街道光明社区6号楼3单元102室' },
      ],
      exempts: [{ zh: '户口簿原件及复印件', en: 'Household register' }],
    };
    const once = () => renderDocument(template, data, { pad: decodeReports(raw).signature });
    await once();
    const times: number[] = [];
    for (let i = 0; i < 15; i++) {
      const t = performance.now();
      await once();
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    return [
      {
        name: 'signature.application_pdf_ms',
        value: Number(times[Math.floor(15 * 0.95)]!.toFixed(1)),
        unit: 'ms',
        note: `p95 of 15 (p50 ${times[7]!.toFixed(1)} ms, load ${loadavg()[0]!.toFixed(1)}): reports decoded and the whole application form rendered with the signature (CJK font subset included); no target`,
      },
    ];
  },
};

export const groups: BenchGroup[] = [
  application,
  {
    names: ['signature.to_pdf_ms'],
    async run() {
      const raw = reports();
      const doc = { caseId: 'C1', form: { name: '张建国', item: 'clean-energy-check' } };
      await once(raw, doc);
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now();
        await once(raw, doc);
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      const p95 = times[Math.floor(RUNS * 0.95)]!;
      return [
        {
          name: 'signature.to_pdf_ms',
          value: Number(p95.toFixed(2)),
          unit: 'ms',
          note: `p95 of ${RUNS} (p50 ${times[Math.floor(RUNS / 2)]!.toFixed(1)} ms, load ${loadavg()[0]!.toFixed(1)}): 1,206 HID reports decoded, bound, drawn into a box of a one-page PDF; target <= 50`,
        },
      ];
    },
  },
];
