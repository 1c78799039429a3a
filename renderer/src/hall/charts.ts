import type { TFunction } from 'i18next';
import type { HallHandlingRow, HallStatsRow } from '../../../electron/api/types';
import type { ChartOption } from './Chart';

const RED = '#b71c1c';
const GREEN = '#2e7d32';
const GREY = '#9e9e9e';
const BLUE = '#1565c0';

/** Accepted and completed over time (hours of today, or days of the range). */
export function lineOver(
  t: TFunction,
  rows: HallStatsRow[],
  hours: boolean,
  range?: { from: string; to: string },
): ChartOption {
  const keys = hours ? Array.from({ length: 24 }, (_, h) => String(h)) : range ? daysOf(range) : rows.map((r) => r.key);
  const by = new Map(rows.map((r) => [r.key, r]));
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 40, right: 16, top: 32, bottom: 28 },
    xAxis: { type: 'category', data: keys.map((k) => (hours ? `${k}:00` : k.slice(5))) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: t('hallStats.accepted'), type: 'line', data: keys.map((k) => by.get(k)?.accepted ?? 0), color: BLUE },
      { name: t('hallStats.completed'), type: 'line', data: keys.map((k) => by.get(k)?.completed ?? 0), color: GREEN },
    ],
  };
}

/** Accepted, completed and voided per window, clerk or item. */
export function barsPer(t: TFunction, rows: HallStatsRow[], name: (k: string) => string = (k) => k): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 40, right: 16, top: 32, bottom: 28, containLabel: true },
    xAxis: {
      type: 'category',
      data: rows.map((r) => name(r.key)),
      axisLabel: { interval: 0, width: 90, overflow: 'truncate' },
    },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: t('hallStats.accepted'), type: 'bar', data: rows.map((r) => r.accepted), color: BLUE },
      { name: t('hallStats.completed'), type: 'bar', data: rows.map((r) => r.completed), color: GREEN },
      { name: t('hallStats.voided'), type: 'bar', data: rows.map((r) => r.voided), color: GREY },
    ],
  };
}

/** 好差评 in the range: good, bad, and completed cases not rated. */
export function satisfaction(t: TFunction, total: HallStatsRow | undefined): ChartOption {
  const good = total?.ratedGood ?? 0;
  const bad = total?.ratedBad ?? 0;
  const none = Math.max(0, (total?.completed ?? 0) - good - bad);
  return {
    tooltip: { trigger: 'item' },
    legend: { bottom: 0 },
    series: [
      {
        type: 'pie',
        radius: ['40%', '68%'],
        label: { formatter: '{b}: {c}' },
        data: [
          { name: t('hallStats.ratedGood'), value: good, itemStyle: { color: GREEN } },
          { name: t('hallStats.ratedBad'), value: bad, itemStyle: { color: RED } },
          { name: t('hallStats.notRated'), value: none, itemStyle: { color: GREY } },
        ],
      },
    ],
  };
}

/** Median and p90 handling time per item, in minutes. */
export function handlingBars(t: TFunction, rows: HallHandlingRow[], name: (k: string) => string): ChartOption {
  const min = (ms: number) => Math.round(ms / 6000) / 10;
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 40, right: 16, top: 32, bottom: 28, containLabel: true },
    xAxis: {
      type: 'category',
      data: rows.map((r) => name(r.itemCode)),
      axisLabel: { interval: 0, width: 90, overflow: 'truncate' },
    },
    yAxis: { type: 'value', name: t('hallStats.minutes') },
    series: [
      { name: t('hallStats.median'), type: 'bar', data: rows.map((r) => min(r.medianMs)), color: BLUE },
      { name: 'P90', type: 'bar', data: rows.map((r) => min(r.p90Ms)), color: RED },
    ],
  };
}

/** Every day of a range (at most a year shown), so a quiet day is a zero and not a gap. */
function daysOf({ from, to }: { from: string; to: string }): string[] {
  const out: string[] = [];
  for (let d = Date.parse(from + 'T00:00:00Z'); d <= Date.parse(to + 'T00:00:00Z') && out.length < 366; d += 86_400_000)
    out.push(new Date(d).toISOString().slice(0, 10));
  return out;
}
