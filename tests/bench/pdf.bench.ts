import { loadavg } from 'node:os';
import { generateHallKey, renderCertificate, signCertificate } from '../../electron/services/certificates';
import { cleanEnergyData } from '../helpers/certificates';
import type { BenchGroup } from './types';

const RUNS = 40;

export const groups: BenchGroup[] = [
  {
    names: ['pdf.render_ms_p50', 'pdf.render_ms_first', 'pdf.size_kb'],
    async run() {
      const data = cleanEnergyData();
      const payload = signCertificate(data, generateHallKey('H110101'));
      // First render includes reading and parsing the font file once per process.
      const t0 = performance.now();
      const first = await renderCertificate('clean-energy', data, { payload });
      const firstMs = performance.now() - t0;
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now();
        await renderCertificate('clean-energy', data, { payload });
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      const p50 = times[Math.floor(times.length / 2)] as number;
      return [
        {
          name: 'pdf.render_ms_p50',
          value: Number(p50.toFixed(2)),
          unit: 'ms',
          note: `clean-energy A4, ${RUNS} runs, p90 ${(times[Math.floor(RUNS * 0.9)] as number).toFixed(1)} ms, load ${(loadavg()[0] as number).toFixed(1)}; target <= 20`,
        },
        {
          name: 'pdf.render_ms_first',
          value: Number(firstMs.toFixed(1)),
          unit: 'ms',
          note: 'cold: font file read + parsed once',
        },
        {
          name: 'pdf.size_kb',
          value: Number((first.length / 1024).toFixed(1)),
          unit: 'KB',
          note: 'CJK subset embedded; target <= 150',
        },
      ];
    },
  },
];
