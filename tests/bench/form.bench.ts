import type { CaseView } from '../../electron/api/types';
import { join } from 'node:path';
import { auditSubject } from '../../electron/services/audit';
import { getCase } from '../../electron/services/cases';
import { loadCatalog } from '../../electron/services/catalog';
import { makeCore } from '../helpers/core';
import { placeAndWait, removeCard } from '../helpers/flow-steps';
import { startTestSandbox } from '../helpers/sandbox';
import type { BenchGroup } from './types';

// A sandbox resident with most evidence (disability, low income, pension, senior card), so the
// license sources answer as they would for a typical applicant of these items.
const RESIDENT = '钱秀兰';

/**
 * Fields the clerk types, per application item of the shipped catalog, through the real flow
 * (sandbox registry, card read, item chosen, form prefilled): once for a first-time resident
 * (empty pool), once after the values of every item were confirmed (what case.apply keeps).
 */
export const groups: BenchGroup[] = [
  {
    names: ['form.fields_typed_first', 'form.fields_typed_returning', 'form.returning_ratio'],
    async run() {
      const sandbox = await startTestSandbox({ child: true });
      const f = await makeCore({ boot: { registry: sandbox } });
      try {
        const core = f.core;
        const codes = loadCatalog(join(core.resourcesDir, 'catalog'))
          .items.filter((it) => it.form && it.outputs.some((o) => o.kind === 'application'))
          .map((it) => it.code);
        const pass = async (): Promise<CaseView[]> => {
          const out: CaseView[] = [];
          for (const code of codes) {
            const opened = await placeAndWait(core, RESIDENT);
            out.push(await f.callOk('case.chooseItem', { caseId: opened.caseId, itemCode: code }));
            await f.callOk('case.close', { caseId: opened.caseId });
            await removeCard(core);
          }
          return out;
        };
        const first = await pass();
        // What the clerk confirmed in those cases, kept as case.apply keeps it (values not from evidence).
        const cipher = core.services.cipher!;
        for (const c of first) {
          const values = Object.fromEntries(
            c.form!.fields.filter((x) => !x.locked).map((x) => [x.key, x.value || `typed-${x.key}`]),
          );
          core.services.pool!.write({
            caseId: c.caseId,
            subject: auditSubject(cipher, getCase(core.db, cipher, c.caseId).person.idNumber),
            itemCode: c.item!.code,
            clerkId: 'demo-clerk',
            values,
            retentionDays: 365,
          });
        }
        const again = await pass();
        const sum = (cs: CaseView[]) => cs.reduce((n, c) => n + (c.form?.toType ?? 0), 0);
        const fields = first.reduce((n, c) => n + (c.form?.fields.length ?? 0), 0);
        const a = sum(first);
        const b = sum(again);
        const note = `${codes.length} application items, ${fields} fields, resident ${RESIDENT} (sandbox)`;
        return [
          { name: 'form.fields_typed_first', value: Number((a / codes.length).toFixed(2)), unit: 'fields/item', note },
          {
            name: 'form.fields_typed_returning',
            value: Number((b / codes.length).toFixed(2)),
            unit: 'fields/item',
            note,
          },
          {
            name: 'form.returning_ratio',
            value: Number((b / Math.max(1, a)).toFixed(3)),
            unit: 'ratio',
            note: `${b}/${a}; target <= 0.3`,
          },
        ];
      } finally {
        await f.close();
        await sandbox.stop();
      }
    },
  },
];
