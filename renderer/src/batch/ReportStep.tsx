import { Button, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpInput } from '../../../electron/api/contract';
import { call } from '../api/client';
import { base64Bytes, download } from '../auth/download';
import { useShortcuts } from '../shortcuts';
import { bySubject, personVerdicts, type Whose } from './columns';
import { batchErrorText, OUTCOME_COLOR, OUTCOMES, type Item, type Job, type Row, type Rows } from './types';

type Filter = Omit<OpInput<'batch.rows'>, 'jobId' | 'offset' | 'limit'>;
const PAGE = 20;

/** Step 4: the counts, every row with its verdict per condition (filtered), and the reports. */
export function ReportStep({ job, onNew, onError }: { job: Job; onNew: () => void; onError: (e: string) => void }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const [item, setItem] = useState<Item | undefined>();
  const [filter, setFilter] = useState<Filter>({});
  const [page, setPage] = useState(1);
  const [rows, setRows] = useState<Rows>({ total: 0, rows: [] });

  useEffect(() => {
    call('batch.items', {})
      .then((l) => setItem(l.find((i) => i.code === job.itemCode)))
      .catch((e: unknown) => onError(batchErrorText(e)));
  }, [job.itemCode, onError]);
  useEffect(() => {
    call('batch.rows', { jobId: job.id, ...filter, offset: (page - 1) * PAGE, limit: PAGE })
      .then(setRows)
      .catch((e: unknown) => onError(batchErrorText(e)));
  }, [job.id, filter, page, onError]);
  const set = useCallback((f: Filter) => {
    setFilter(f);
    setPage(1);
  }, []);
  const report = useCallback(
    (format: 'xlsx' | 'pdf') =>
      call('batch.report', { jobId: job.id, format })
        .then((r) => download(r.fileName, base64Bytes(r.base64), r.mime))
        .catch((e: unknown) => onError(batchErrorText(e))),
    [job.id, onError],
  );
  useShortcuts(useMemo(() => ({ 'Alt+E': () => void report('xlsx'), 'Alt+N': onNew }), [report, onNew]));

  const conditions = item?.conditions ?? [];
  const word = (z: { zh: string; en: string }) => (en ? z.en : z.zh);
  // An item that reads the parents: the applicant is a child, and each condition says whose it is.
  const parents = (item?.columns.length ?? 0) > 0;
  const groups = bySubject(conditions);
  const who = (w: Whose) => t(`batch.whose.${w === 'applicant' && parents ? 'child' : w}`);
  const idOf = (r: Row, w: Whose) =>
    w === 'father' ? r.fatherIdMasked : w === 'mother' ? r.motherIdMasked : r.idNumberMasked;
  const verdictTag = (r: Row, w: Whose) => {
    const v = personVerdicts(r.checks, conditions)[w];
    if (!v) return '—';
    const text =
      v.result === 'passed'
        ? t('batch.allPassed')
        : [v.failed && t('batch.failedN', { n: v.failed }), v.unknown && t('batch.unknownN', { n: v.unknown })]
            .filter(Boolean)
            .join(' · ');
    return <Tag color={OUTCOME_COLOR[v.result]}>{text}</Tag>;
  };
  const ruleOptions: Array<{ value?: string; label: string; options?: Array<{ value: string; label: string }> }> =
    parents
      ? groups.map(([w, cs]) => ({
          label: t('batch.conditionsOf', { who: who(w) }),
          options: cs.map((c) => ({ value: c.id, label: word(c.label) })),
        }))
      : conditions.map((c) => ({ value: c.id, label: word(c.label) }));
  const outcomeText = (r: Row) =>
    r.problem === 'id-malformed' && r.malformed?.length
      ? r.malformed.map((f) => t(`batch.malformed.${f}`)).join(' · ')
      : r.problem
        ? t(`batch.problems.${r.problem}`)
        : t(`batch.outcomes.${r.outcome}`);
  const detail = (r: Row) => (
    <div data-testid={`batch-detail-${r.seq}`}>
      {groups.map(([w, cs]) => (
        <div key={w} style={{ marginBottom: 8 }}>
          {parents && (
            <Typography.Text strong>
              {t('batch.conditionsOf', { who: who(w) })}
              {' · '}
              {w === 'applicant' ? `${r.name} ` : ''}
              {idOf(r, w) ?? t('batch.notNamed')}
            </Typography.Text>
          )}
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {cs.map((c) => {
              const k = r.checks.find((x) => x.id === c.id);
              if (!k) return null;
              return (
                <li key={c.id}>
                  <Tag color={OUTCOME_COLOR[k.result]}>{t(`batch.outcomes.${k.result}`)}</Tag>
                  <Typography.Text strong>{word(c.label)}</Typography.Text>
                  {en ? ': ' : '：'}
                  {word(k.sentence)}
                  {k.source && (
                    <Typography.Text type="secondary">{` — ${k.source.typeName} ${k.source.number}`}</Typography.Text>
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </div>
  );
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="batch-report">
      <Space size="large">
        <Statistic title={t('batch.number')} value={job.id} />
        <Statistic title={t('batch.outcomes.passed')} value={job.counts.passed} />
        <Statistic title={t('batch.outcomes.failed')} value={job.counts.failed} />
        <Statistic title={t('batch.outcomes.unknown')} value={job.counts.unknown} />
        <Statistic title={t('batch.outcomes.bad-input')} value={job.counts['bad-input']} />
        {job.state === 'cancelled' && <Tag color="red">{t('batch.states.cancelled')}</Tag>}
      </Space>
      <Space wrap>
        <Select
          allowClear
          placeholder={t('batch.filterOutcome')}
          style={{ width: 160 }}
          value={filter.outcome}
          data-testid="batch-filter-outcome"
          onChange={(outcome) =>
            set({ ...filter, outcome, ...(outcome === 'bad-input' ? {} : { problem: undefined }) })
          }
          options={OUTCOMES.map((o) => ({
            value: o,
            label: t(`batch.outcomes.${o}`),
          }))}
        />
        <Select
          allowClear
          placeholder={t('batch.filterProblem')}
          style={{ width: 210 }}
          value={filter.problem}
          data-testid="batch-filter-problem"
          onChange={(problem) => set({ ...filter, problem })}
          options={(['missing-column', 'id-malformed', 'duplicate'] as const).map((p) => ({
            value: p,
            label: t(`batch.problems.${p}`),
          }))}
        />
        <Select
          allowClear
          placeholder={t('batch.filterCondition')}
          style={{ width: 240 }}
          value={filter.rule}
          data-testid="batch-filter-rule"
          onChange={(rule) => set({ ...filter, rule, ruleResult: rule ? (filter.ruleResult ?? 'failed') : undefined })}
          popupMatchSelectWidth={false}
          virtual={false}
          options={ruleOptions}
        />
        <Select
          style={{ width: 140 }}
          disabled={!filter.rule}
          placeholder={t('batch.filterResult')}
          value={filter.ruleResult}
          data-testid="batch-filter-result"
          onChange={(ruleResult) => set({ ...filter, ruleResult })}
          options={(['passed', 'failed', 'unknown'] as const).map((o) => ({
            value: o,
            label: t(`batch.outcomes.${o}`),
          }))}
        />
      </Space>
      <Space wrap>
        <Button onClick={() => void report('xlsx')} title="Alt+E" data-testid="batch-xlsx">
          {t('batch.downloadXlsx')}
        </Button>
        <Button onClick={() => void report('pdf')} data-testid="batch-pdf">
          {t('batch.downloadPdf')}
        </Button>
        <Button type="link" onClick={onNew} title="Alt+N" data-testid="batch-new">
          {t('batch.new')}
        </Button>
        <Typography.Text type="secondary">{t('batch.keysReport')}</Typography.Text>
      </Space>
      <Table<Row>
        size="small"
        rowKey="seq"
        dataSource={rows.rows}
        data-testid="batch-rows"
        pagination={{ current: page, pageSize: PAGE, total: rows.total, onChange: setPage, showSizeChanger: false }}
        expandable={{ expandedRowRender: detail, rowExpandable: (r) => r.checks.length > 0 }}
        columns={[
          { title: t('batch.line'), dataIndex: 'seq', width: 70 },
          { title: parents ? t('batch.childName') : t('batch.name'), dataIndex: 'name' },
          { title: parents ? t('batch.childId') : t('batch.idNumber'), dataIndex: 'idNumberMasked' },
          ...(parents
            ? [
                { title: t('batch.fatherId'), render: (_: unknown, r: Row) => r.fatherIdMasked ?? '—' },
                { title: t('batch.motherId'), render: (_: unknown, r: Row) => r.motherIdMasked ?? '—' },
              ]
            : []),
          {
            title: t('batch.outcome'),
            render: (_, r) => <Tag color={OUTCOME_COLOR[r.outcome]}>{outcomeText(r)}</Tag>,
          },
          // Thirteen conditions do not fit as columns: with parents, one verdict per person (the detail lists each).
          ...(parents
            ? groups.map(([w]) => ({
                title: t('batch.conditionsOf', { who: who(w) }),
                key: w,
                render: (_: unknown, r: Row) => verdictTag(r, w),
              }))
            : conditions.map((c) => ({
                title: word(c.label),
                key: c.id,
                render: (_: unknown, r: Row) => {
                  const k = r.checks.find((x) => x.id === c.id);
                  return k ? <Tag color={OUTCOME_COLOR[k.result]}>{t(`batch.outcomes.${k.result}`)}</Tag> : '—';
                },
              }))),
        ]}
      />
    </Space>
  );
}
