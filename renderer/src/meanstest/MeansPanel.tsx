import { Alert, Button, Card, Descriptions, Input, Modal, Select, Space, Table, Tag, message } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpResult } from '../../../electron/api/contract';
import { ApiCallError, call } from '../api/client';
import { errorText } from '../i18n';
import { MeansDocument } from './MeansDocument';

type MeansView = OpResult<'means.view'>;

const COLOR = { passed: 'green', failed: 'red', unknown: 'orange' } as const;
const CONCLUSION_COLOR = { eligible: 'green', ineligible: 'red', review: 'orange' } as const;

/**
 * The household check of a means-tested case (低保, 大病救助): members and their consent, run and
 * re-run, per-source findings, derived figures, missing sources, the authorisation and the report.
 * Shows nothing for other items (means.view answers MEANS_NOT_MEANS_ITEM).
 */
export function MeansPanel({ caseId, itemCode }: { caseId: string; itemCode?: string }) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language !== 'en';
  const [v, setV] = useState<MeansView | null>(null);
  const [busy, setBusy] = useState(false);
  const [doc, setDoc] = useState<null | 'authorisation' | 'report'>(null);
  const [paper, setPaper] = useState<{ member: number; reason: string; guardian?: number } | null>(null);
  const [guardianFor, setGuardianFor] = useState<Record<number, number | undefined>>({});

  const load = useCallback(
    () =>
      call('means.view', { caseId })
        .then(setV)
        .catch(() => setV(null)),
    [caseId],
  );
  useEffect(() => {
    void load();
  }, [load, itemCode]);
  // The signature is given on the citizen screen: refresh while one is awaited.
  useEffect(() => {
    if (!v?.pending) return;
    const id = setInterval(() => void load(), 800);
    return () => clearInterval(id);
  }, [v?.pending, load]);

  const act = async (fn: () => Promise<MeansView>) => {
    setBusy(true);
    try {
      setV(await fn());
    } catch (e) {
      void message.error(e instanceof ApiCallError ? errorText(e.error) : String(e));
    } finally {
      setBusy(false);
    }
  };
  if (!v) return null;
  const words = (b: { zh: string; en: string }) => (zh ? b.zh : b.en);
  const run = v.run;
  const adults = v.members.filter((m) => m.adult);

  return (
    <Card
      size="small"
      style={{ marginTop: 16 }}
      data-testid="means-panel"
      title={t('means.title')}
      extra={
        run && (
          <Tag color={CONCLUSION_COLOR[run.conclusion]} data-testid="means-conclusion">
            {words(run.conclusionWords)}
          </Tag>
        )
      }
    >
      <Table
        size="small"
        pagination={false}
        rowKey="ref"
        dataSource={v.members}
        data-testid="means-members"
        columns={[
          { title: t('means.member'), render: (_, m) => `${m.name}（${m.relation}）` },
          { title: 'ID', dataIndex: 'idNumberMasked' },
          {
            title: t('means.consent'),
            render: (_, m) =>
              !m.adult ? (
                <Tag>{t('means.minor')}</Tag>
              ) : m.consent ? (
                <Space size={4} data-testid={`means-consent-${m.ref}`}>
                  <Tag color={m.consent.kind === 'refused' ? 'red' : m.consent.current ? 'green' : 'orange'}>
                    {m.consent.current ? t(`means.consent_${m.consent.kind}`) : t('means.consent_old')}
                  </Tag>
                  {m.consent.guardian && <span>{t('means.guardian', { name: m.consent.guardian })}</span>}
                </Space>
              ) : (
                <Tag data-testid={`means-consent-${m.ref}`}>{t('means.consent_none')}</Tag>
              ),
          },
          {
            title: '',
            render: (_, m) =>
              m.adult && (
                <Space size={4} wrap style={{ maxWidth: 260 }}>
                  <Select
                    size="small"
                    allowClear
                    style={{ width: 110 }}
                    placeholder={t('means.signAsGuardian')}
                    value={guardianFor[m.ref]}
                    onChange={(g: number | undefined) => setGuardianFor({ ...guardianFor, [m.ref]: g })}
                    options={adults.filter((a) => a.ref !== m.ref).map((a) => ({ value: a.ref, label: a.name }))}
                    data-testid={`means-guardian-${m.ref}`}
                  />
                  <Button
                    size="small"
                    disabled={busy}
                    data-testid={`means-sign-${m.ref}`}
                    onClick={() =>
                      void act(() =>
                        call('means.requestSignature', {
                          caseId,
                          member: m.ref,
                          ...(guardianFor[m.ref] !== undefined ? { guardian: guardianFor[m.ref] } : {}),
                        }),
                      )
                    }
                  >
                    {t('means.sign')}
                  </Button>
                  <Button
                    size="small"
                    disabled={busy}
                    data-testid={`means-paper-${m.ref}`}
                    onClick={() => setPaper({ member: m.ref, reason: '', guardian: guardianFor[m.ref] })}
                  >
                    {t('means.paper')}
                  </Button>
                  <Button
                    size="small"
                    danger
                    disabled={busy}
                    onClick={() => void act(() => call('means.refuse', { caseId, member: m.ref }))}
                  >
                    {t('means.refuse')}
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      {v.pending && (
        <Alert
          style={{ marginTop: 8 }}
          type="info"
          data-testid="means-pending"
          message={t('means.waiting', { name: v.pending.guardian ?? v.pending.name })}
        />
      )}
      {v.consentMissing.length > 0 && (
        <Alert
          style={{ marginTop: 8 }}
          type="warning"
          data-testid="means-consent-missing"
          message={t('means.missing', { names: v.consentMissing.join('、') })}
        />
      )}
      <Space style={{ marginTop: 12 }} wrap>
        <Button
          type="primary"
          disabled={busy}
          data-testid="means-run"
          onClick={() => void act(() => call('means.run', { caseId }))}
        >
          {run ? t('means.rerun') : t('means.run')}
        </Button>
        <Button onClick={() => setDoc('authorisation')} data-testid="means-view-authorisation">
          {t('means.authorisation')}
        </Button>
        {run && (
          <Button onClick={() => setDoc('report')} data-testid="means-view-report">
            {t('means.report')}
          </Button>
        )}
        {run && (
          <Button
            disabled={busy || run.missing.length > 0 || v.submitted?.runNo === run.runNo}
            data-testid="means-submit"
            onClick={() => void act(() => call('means.submit', { caseId }))}
          >
            {t('means.submit')}
          </Button>
        )}
        {v.submitted && (
          <Tag color="blue" data-testid="means-submitted">
            {t('means.submitted', { run: v.submitted.runNo })}
          </Tag>
        )}
      </Space>
      {run && (
        <>
          <p style={{ marginTop: 8, color: '#666' }} data-testid="means-run-info">
            {t('means.runInfo', { run: run.runNo, at: new Date(run.at).toLocaleTimeString(), ms: run.durationMs })}
          </p>
          {run.missing.length > 0 && (
            <Alert
              type="warning"
              data-testid="means-sources-missing"
              message={t('means.sourcesMissing', {
                names: run.missing.map((m) => words(m.name)).join(zh ? '、' : ', '),
              })}
            />
          )}
          <Descriptions size="small" column={1} style={{ marginTop: 8 }} data-testid="means-figures">
            <Descriptions.Item label={t('means.income')}>
              {run.figures.incomePerPersonMonth === null
                ? t('means.notComputed')
                : t('means.incomeValue', {
                    value: run.figures.incomePerPersonMonth.toFixed(2),
                    standard: run.figures.incomeStandard,
                  })}
            </Descriptions.Item>
            <Descriptions.Item label={t('means.floor')}>
              {run.figures.floorSpacePerPerson === null
                ? t('means.notComputed')
                : t('means.floorValue', {
                    value: run.figures.floorSpacePerPerson.toFixed(2),
                    limit: run.figures.floorSpaceLimitPerPerson,
                    homes: run.figures.homes,
                  })}
            </Descriptions.Item>
          </Descriptions>
          <h4>{t('means.rules')}</h4>
          <ul data-testid="means-rules" style={{ paddingLeft: 16 }}>
            {run.rules.map((r) => (
              <li key={r.id} data-rule={r.id} data-result={r.result}>
                <Tag color={COLOR[r.result]}>{t(`means.result_${r.result}`)}</Tag> <b>{words(r.label)}</b>：
                {words(r.sentence)}
                {r.licenses.length > 0 && (
                  <span style={{ color: '#888' }}>
                    {' '}
                    [{r.licenses.slice(0, 2).join(', ')}
                    {r.licenses.length > 2 ? '…' : ''}]
                  </span>
                )}
              </li>
            ))}
          </ul>
          <h4>{t('means.findings')}</h4>
          <Table
            size="small"
            pagination={false}
            data-testid="means-findings"
            rowKey={(f) => `${f.ref}-${f.source}`}
            dataSource={run.findings}
            columns={[
              {
                title: t('means.member'),
                // One cell per member over their sources (the findings come member by member), so
                // the name is read once and its column need not be wide enough to repeat it.
                onCell: (f, i) => ({ rowSpan: memberSpan(run.findings, i ?? 0) }),
                render: (_, f) => <span style={{ whiteSpace: 'nowrap' }}>{v.members[f.ref]?.name ?? ''}</span>,
              },
              { title: t('means.source'), render: (_, f) => words(f.sourceName) },
              {
                title: t('means.found'),
                render: (_, f) => (
                  <span data-state={f.state}>
                    {f.state !== 'found' && (
                      <Tag color={f.state === 'none' ? 'default' : 'orange'}>{t(`means.state_${f.state}`)}</Tag>
                    )}
                    {words(f.summary)}
                  </span>
                ),
              },
              { title: t('means.license'), render: (_, f) => f.license?.number ?? '—' },
              {
                title: t('means.queriedAt'),
                // Time asked over the record's as-of date, each on one line: the narrow panel keeps its width for the source.
                render: (_, f) => (
                  <span style={{ whiteSpace: 'nowrap' }}>
                    {new Date(f.queriedAt).toLocaleTimeString()}
                    <br />
                    <span style={{ color: '#888' }}>{f.asOf ?? '—'}</span>
                  </span>
                ),
              },
            ]}
          />
        </>
      )}
      {doc && <MeansDocument caseId={caseId} kind={doc} onClose={() => setDoc(null)} />}
      {paper && (
        <Modal
          open
          title={t('means.paper')}
          okButtonProps={{ disabled: paper.reason.trim().length < 2, 'data-testid': 'means-paper-ok' }}
          onCancel={() => setPaper(null)}
          onOk={() => {
            const p = paper;
            setPaper(null);
            void act(() =>
              call('means.recordPaper', {
                caseId,
                member: p.member,
                reason: p.reason,
                ...(p.guardian !== undefined ? { guardian: p.guardian } : {}),
              }),
            );
          }}
        >
          <Input.TextArea
            placeholder={t('means.paperReason')}
            value={paper.reason}
            maxLength={200}
            data-testid="means-paper-reason"
            onChange={(e) => setPaper({ ...paper, reason: e.target.value })}
          />
        </Modal>
      )}
    </Card>
  );
}

/** The rows the member cell of row `i` spans: all of that member's findings from their first, else 0. */
function memberSpan(findings: readonly { ref: number }[], i: number): number {
  const ref = findings[i]!.ref;
  if (i > 0 && findings[i - 1]!.ref === ref) return 0;
  let n = 1;
  while (findings[i + n]?.ref === ref) n++;
  return n;
}
