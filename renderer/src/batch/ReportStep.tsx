import { Button, Select, Space, Statistic, Table, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpInput } from '../../../electron/api/contract';
import { call } from '../api/client';
import { base64Bytes, download } from '../auth/download';
import { batchErrorText, type Item, type Job, type Row, type Rows } from './types';

type Filter = Omit<OpInput<'batch.rows'>, 'jobId' | 'offset' | 'limit'>;
const PAGE = 20;
const COLOR = { passed: 'green', failed: 'red', unknown: 'gold', 'bad-input': 'orange' } as const;

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
  const report = (format: 'xlsx' | 'pdf') =>
    call('batch.report', { jobId: job.id, format })
      .then((r) => download(r.fileName, base64Bytes(r.base64), r.mime))
      .catch((e: unknown) => onError(batchErrorText(e)));

  const conditions = item?.conditions ?? [];
  const word = (z: { zh: string; en: string }) => (en ? z.en : z.zh);
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
          options={(['passed', 'failed', 'unknown', 'bad-input'] as const).map((o) => ({
            value: o,
            label: t(`batch.outcomes.${o}`),
          }))}
        />
        <Select
          allowClear
          placeholder={t('batch.filterProblem')}
          style={{ width: 180 }}
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
          style={{ width: 220 }}
          value={filter.rule}
          data-testid="batch-filter-rule"
          onChange={(rule) => set({ ...filter, rule, ruleResult: rule ? (filter.ruleResult ?? 'failed') : undefined })}
          options={conditions.map((c) => ({ value: c.id, label: word(c.label) }))}
        />
        <Select
          style={{ width: 140 }}
          disabled={!filter.rule}
          value={filter.ruleResult}
          data-testid="batch-filter-result"
          onChange={(ruleResult) => set({ ...filter, ruleResult })}
          options={(['passed', 'failed', 'unknown'] as const).map((o) => ({
            value: o,
            label: t(`batch.outcomes.${o}`),
          }))}
        />
        <Button onClick={() => void report('xlsx')} data-testid="batch-xlsx">
          {t('batch.downloadXlsx')}
        </Button>
        <Button onClick={() => void report('pdf')} data-testid="batch-pdf">
          {t('batch.downloadPdf')}
        </Button>
        <Button type="link" onClick={onNew}>
          {t('batch.new')}
        </Button>
      </Space>
      <Table<Row>
        size="small"
        rowKey="seq"
        dataSource={rows.rows}
        data-testid="batch-rows"
        pagination={{ current: page, pageSize: PAGE, total: rows.total, onChange: setPage, showSizeChanger: false }}
        expandable={{
          expandedRowRender: (r) => (
            <ul style={{ margin: 0 }}>
              {r.checks.map((c) => (
                <li key={c.id}>
                  <Tag color={COLOR[c.result]}>{t(`batch.outcomes.${c.result}`)}</Tag>
                  {word(c.sentence)}
                  {c.source && ` — ${c.source.typeName} ${c.source.number}`}
                </li>
              ))}
            </ul>
          ),
          rowExpandable: (r) => r.checks.length > 0,
        }}
        columns={[
          { title: t('batch.line'), dataIndex: 'seq', width: 70 },
          { title: t('batch.name'), dataIndex: 'name' },
          { title: t('batch.idNumber'), dataIndex: 'idNumberMasked' },
          {
            title: t('batch.outcome'),
            render: (_, r) => (
              <Tag color={COLOR[r.outcome]}>
                {r.problem ? t(`batch.problems.${r.problem}`) : t(`batch.outcomes.${r.outcome}`)}
              </Tag>
            ),
          },
          ...conditions.map((c) => ({
            title: word(c.label),
            key: c.id,
            render: (_: unknown, r: Row) => {
              const k = r.checks.find((x) => x.id === c.id);
              return k ? <Tag color={COLOR[k.result]}>{t(`batch.outcomes.${k.result}`)}</Tag> : '—';
            },
          })),
        ]}
      />
    </Space>
  );
}
