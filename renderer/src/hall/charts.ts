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

/** 好差评's five levels, best first, with the hall's grade (5 very satisfied … 1 very dissatisfied) and colour. */
export const LEVELS = [
  { key: 'veryGood', grade: 5, color: '#1b5e20' },
  { key: 'good', grade: 4, color: '#43a047' },
  { key: 'fair', grade: 3, color: '#9ccc65' },
  { key: 'bad', grade: 2, color: '#ef6c00' },
  { key: 'veryBad', grade: 1, color: RED },
] as const;

/** The satisfaction breakdown of a total row: each level's count, then the completed cases not rated. */
export function satisfactionRows(
  t: TFunction,
  total: HallStatsRow | undefined,
): { key: string; name: string; value: number; color: string }[] {
  const grades = total?.ratings ?? [0, 0, 0, 0, 0];
  const rated = grades.reduce((a, b) => a + b, 0);
  return [
    ...LEVELS.map((l) => ({
      key: l.key,
      name: t(`hallStats.levels.${l.key}`),
      value: grades[l.grade - 1] ?? 0,
      color: l.color,
    })),
    { key: 'none', name: t('hallStats.notRated'), value: Math.max(0, (total?.completed ?? 0) - rated), color: GREY },
  ];
}

/** 好差评 in the range: the five levels and the completed cases not rated. */
export function satisfaction(t: TFunction, total: HallStatsRow | undefined): ChartOption {
  return {
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { bottom: 0 },
    series: [
      {
        type: 'pie',
        radius: ['40%', '68%'],
        center: ['50%', '45%'],
        label: { formatter: '{b}: {c}' },
        // Every level stays in the legend; a level nobody chose has no label (it would sit on its neighbour's).
        data: satisfactionRows(t, total).map((r) => ({
          name: r.name,
          value: r.value,
          itemStyle: { color: r.color },
          label: { show: r.value > 0 },
          labelLine: { show: r.value > 0 },
        })),
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
