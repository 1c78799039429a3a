import type { Migration } from '../migrate';
import { m001 } from './001-terminals';
import { m002 } from './002-events';
import { m003 } from './003-pool';
import { m004 } from './004-stat-day';
import { m005 } from './005-worklists';
import { m006 } from './006-bad-ratings';
import { m007 } from './007-worklist-area';
import { m008 } from './008-worklist-step-id';

/** In order; a new one takes the next number and gets its test in tests/integration/hall/. */
export const MIGRATIONS: Migration[] = [m001, m002, m003, m004, m005, m006, m007, m008];
