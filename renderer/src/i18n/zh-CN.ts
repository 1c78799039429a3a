import { app, status, help, lang } from './zh-CN/app';
import { appForm, submissions } from './zh-CN/application';
import { auth, audit } from './zh-CN/auth';
import { batch } from './zh-CN/batch';
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
} from './zh-CN/case';
import { interrupted, job, preview, verify } from './zh-CN/certificate';
import { training, readerDevices } from './zh-CN/devices';
import { errors } from './zh-CN/errors';
import { hallKey, hallStats, hallLink, hallPool } from './zh-CN/hall';
import { means } from './zh-CN/means';
import { badRatings, ratingState } from './zh-CN/ratings';
import { worklist } from './zh-CN/worklist';

/**
 * Chinese strings: the default UI language. Keys are grouped by screen (one file per group under
 * zh-CN/); en.ts mirrors this shape.
 */
export const zhCN = {
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

export type Strings = typeof zhCN;
