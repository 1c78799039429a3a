import { app, status, help, lang } from './en/app';
import { appForm, submissions } from './en/application';
import { auth, audit } from './en/auth';
import { batch } from './en/batch';
import {
  work,
  cardKind,
  cardWarning,
  caseScreen,
  licenseState,
  licenseReason,
  items,
  checks,
  override,
  manual,
} from './en/case';
import { interrupted, job, preview, verify } from './en/certificate';
import { training, readerDevices } from './en/devices';
import { errors } from './en/errors';
import { hallKey, hallStats, hallLink, hallPool } from './en/hall';
import { means } from './en/means';
import { badRatings, ratingState } from './en/ratings';
import { worklist } from './en/worklist';
import type { Strings } from './zh-CN';

export const en: Strings = {
  app,
  status,
  work,
  worklist,
  help,
  cardKind,
  cardWarning,
  case: caseScreen,
  licenseState,
  licenseReason,
  appForm,
  submissions,
  interrupted,
  override,
  items,
  checks,
  job,
  preview,
  manual,
  verify,
  training,
  auth,
  batch,
  badRatings,
  ratingState,
  audit,
  hallKey,
  readerDevices,
  hallStats,
  hallLink,
  hallPool,
  means,
  lang,
  errors,
};
