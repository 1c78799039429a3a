import { licenseSigningText } from '../../protocol/canonical';
import { SandboxData } from '../../sandbox/data';
import type { BenchGroup } from './types';

const RESIDENTS = 200_000;

export const groups: BenchGroup[] = [
  {
    names: ['sandbox.generate_licenses_per_s', 'sandbox.sign_licenses_per_s'],
    async run() {
      const t0 = performance.now();
      const data = new SandboxData({ residents: RESIDENTS, today: '2026-11-23' });
      const tWorld = performance.now() - t0;
      // Materialise every license (catalog fields, identifier with check char, full surface) and throw it away,
      // as the sandbox does on demand; portraits and signatures are lazy and measured apart.
      let licenses = 0;
      let bytes = 0;
      const t1 = performance.now();
      for (const ref of data.book.allRefs()) {
        bytes += licenseSigningText(data.book.unsigned(ref, false)).length;
        licenses += 1;
      }
      const tMat = performance.now() - t1;
      const sample = [...data.book.allRefs()].slice(0, 2000);
      const t2 = performance.now();
      for (const ref of sample) data.license(ref, { brokenSignature: false, unknownIssuer: false });
      const signSecs = (performance.now() - t2) / 1000;
      const perSec = Math.round(licenses / ((tWorld + tMat) / 1000));
      return [
        {
          name: 'sandbox.generate_licenses_per_s',
          value: perSec,
          unit: 'licenses/s',
          note: `${RESIDENTS} residents -> ${licenses} licenses (${(bytes / 1e6).toFixed(0)} MB canonical text) in ${((tWorld + tMat) / 1000).toFixed(1)} s: world ${(tWorld / 1000).toFixed(1)} s + materialise ${(tMat / 1000).toFixed(1)} s; excludes lazy SM2 signing and portraits`,
        },
        {
          name: 'sandbox.sign_licenses_per_s',
          value: Math.round(sample.length / signSecs),
          unit: 'licenses/s',
          note: 'first fetch of a license: portrait + canonical JSON + SM2 sign (memoised after); one core',
        },
      ];
    },
  },
];
