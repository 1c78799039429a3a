import { celEnv, celFunc, CelScalar } from '@bufbuild/cel';
import { ageOn, parseDay } from '../dates';

const DAY_MS = 86_400_000;
const dayMs = (s: string): number => {
  const d = parseDay(s);
  if (!d) throw new Error(`"${s}" is not a date (YYYY-MM-DD)`);
  return Date.parse(`${d}T00:00:00Z`);
};

/**
 * The only functions an expression may call besides CEL's standard library: date arithmetic on
 * the YYYY-MM-DD strings evidence carries. Pure, no clock (the case's day comes in as `today`),
 * nothing that reaches the process, files or network; CEL itself has no way out of its bindings.
 */
export const exprEnv = celEnv({
  funcs: [
    celFunc('years_between', [CelScalar.STRING, CelScalar.STRING], CelScalar.INT, (from, to) => {
      const [a, b] = [parseDay(from), parseDay(to)];
      if (!a || !b) throw new Error('years_between needs two dates (YYYY-MM-DD)');
      return BigInt(ageOn(a, b));
    }),
    celFunc('days_between', [CelScalar.STRING, CelScalar.STRING], CelScalar.INT, (from, to) =>
      BigInt(Math.round((dayMs(to) - dayMs(from)) / DAY_MS)),
    ),
    celFunc('add_years', [CelScalar.STRING, CelScalar.INT], CelScalar.STRING, (day, years) => {
      const d = parseDay(day);
      if (!d) throw new Error('add_years needs a date (YYYY-MM-DD)');
      const y = Number(d.slice(0, 4)) + Number(years);
      const md = d.slice(5);
      const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
      return md === '02-29' && !leap ? `${String(y).padStart(4, '0')}-03-01` : `${String(y).padStart(4, '0')}-${md}`;
    }),
  ],
});

/** Function names the catalog check accepts in calls, beside CEL's standard ones. */
export const EXTRA_FUNCTIONS = ['years_between', 'days_between', 'add_years'];
