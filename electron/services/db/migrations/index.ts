import type { Migration } from '../migrate';
import { m001 } from './001-settings';
import { m002 } from './002-cache';
import { m003 } from './003-cases';
import { m004 } from './004-accounts';
import { m005 } from './005-audit';
import { m006 } from './006-print-send';
import { m007 } from './007-outbox';
import { m008 } from './008-data-pool';
import { m009 } from './009-citizen';
import { m010 } from './010-batch';
import { m011 } from './011-hall-link';
import { m012 } from './012-worklists';
import { m013 } from './013-meanstest';
import { m014 } from './014-case-documents';
import { m015 } from './015-signatures';
import { m016 } from './016-signatures-reask';
import { m017 } from './017-worklist-hall';
import { m018 } from './018-worklist-notes-sealed';
import { m019 } from './019-batch-job-item';
import { m020 } from './020-worklist-plain-note-dropped';

/**
 * Every schema change, in order. Add a file NNN-name.ts exporting mNNN and append it here;
 * never edit a migration that has shipped. Each migration has a test in tests/unit/db/.
 */
export const migrations: readonly Migration[] = [
  m001,
  m002,
  m003,
  m004,
  m005,
  m006,
  m007,
  m008,
  m009,
  m010,
  m011,
  m012,
  m013,
  m014,
  m015,
  m016,
  m017,
  m018,
  m019,
  m020,
];
