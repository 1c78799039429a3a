import { Alert, Button, Card, Form, InputNumber, Input, Progress, Select, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  FormFieldView,
  ProgrammeView,
  TaskState,
  TaskView,
  WorklistSummary,
  WorklistView,
} from '../../../electron/api/types';
import { ApiCallError, call } from '../api/client';
import { base64Bytes, download } from '../auth/download';
import { errorText, i18n } from '../i18n';
import { useShortcuts } from '../shortcuts';
import { OutputFieldsDialog } from './OutputFieldsDialog';
import { NotAppliedNote, PendingTag, withNotApplied } from './HallMarks';
import { TASK_STATES } from '../../../protocol/worklist-steps';

const STATES = TASK_STATES;
const COLOR: Record<TaskState, string> = {
  'to-contact': 'default',
  reached: 'blue',
  'not-reached': 'orange',
  declined: 'default',
  confirmed: 'cyan',
  'output-made': 'purple',
  delivered: 'green',
};
/**
 * One key per task step on the selected row (shown in the legend); Alt+↑ Alt+↓ move the selection.
 * With Alt, so typing in the start form never triggers a step.
 */
const KEYS: Record<string, TaskView['can'][number]> = {
  'Alt+R': 'reached',
  'Alt+N': 'not-reached',
  'Alt+D': 'declined',
  'Alt+C': 'confirm',
  'Alt+O': 'output',
  'Alt+S': 'deliver',
};

/** An output that could not be made names its cause's code: worded too, so staff see why (a blocked check, no printer). */
function problem(e: unknown): string {
  if (!(e instanceof ApiCallError)) return String(e);
  const cause = e.error.code === 'WORKLIST_OUTPUT_FAILED' ? e.error.params?.reason : undefined;
  // Another terminal took the task (shared through the hall): its state now, in words.
  const taken = e.error.code === 'WORKLIST_TASK_TAKEN' && typeof e.error.params?.state === 'string';
  const text = errorText(
    taken
      ? { ...e.error, params: { ...e.error.params, state: i18n.t(`worklist.state.${String(e.error.params!.state)}`) } }
      : e.error,
  );
  return typeof cause === 'string' ? `${text} ${errorText({ code: cause })}` : text;
}

/** The station's worklists: start one from a programme, work through its tasks, export it. */
export function WorklistScreen({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language !== 'en';
  const [programmes, setProgrammes] = useState<ProgrammeView[]>([]);
  const [lists, setLists] = useState<WorklistSummary[]>([]);
  const [open, setOpen] = useState<WorklistView | null>(null);
  const [filter, setFilter] = useState<TaskState | undefined>();
  const [selected, setSelected] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** The station's area from the config: the start form's default (null: staff type it). */
  const [stationArea, setStationArea] = useState<string | null | undefined>();
  const [form] = Form.useForm<{ programme: string; area: string; withinDays?: number }>();
  const chosenCode = Form.useWatch('programme', form);
  const chosen = programmes.find((p) => p.code === chosenCode);
  // The defaults arrive after the first render (the programmes, the station's area); a field the
  // user already changed keeps what they chose.
  useEffect(() => {
    if (programmes[0] && !form.isFieldTouched('programme')) form.setFieldValue('programme', programmes[0].code);
    if (stationArea && !form.isFieldTouched('area')) form.setFieldValue('area', stationArea);
  }, [form, programmes, stationArea]);
  /** An application task waiting for the fields staff type (OutputFieldsDialog). */
  const [asking, setAsking] = useState<{ task: TaskView; fields: FormFieldView[] } | null>(null);

  const refreshLists = useCallback(
    () =>
      void call('worklist.list', {})
        .then(setLists)
        .catch((e) => setError(problem(e))),
    [],
  );
  useEffect(() => {
    void call('worklist.programmes', {})
      .then(setProgrammes)
      .catch((e) => setError(problem(e)));
    void call('worklist.station', {})
      .then((s) => setStationArea(s.area))
      .catch(() => setStationArea(null));
    refreshLists();
  }, [refreshLists]);

  const load = useCallback(
    (id: string, state = filter) =>
      call('worklist.view', { id, ...(state ? { state } : {}) })
        .then((v) => {
          setOpen(v);
          setSelected((s) => Math.min(s, Math.max(0, v.tasks.length - 1)));
        })
        .catch((e) => setError(problem(e))),
    [filter],
  );

  const start = async (v: { programme: string; area: string; withinDays?: number }) => {
    setBusy(true);
    setError(null);
    try {
      const w = await call('worklist.start', {
        programme: v.programme,
        area: v.area,
        // A period typed for an age-based programme is not sent when another one was chosen after it.
        ...(v.withinDays && programmes.find((p) => p.code === v.programme)?.withinDays
          ? { withinDays: v.withinDays }
          : {}),
      });
      refreshLists();
      await load(w.id, undefined);
    } catch (e) {
      setError(problem(e));
      refreshLists();
    } finally {
      setBusy(false);
    }
  };

  const act = useCallback(
    async (task: TaskView | undefined, step: TaskView['can'][number], values?: Record<string, string>) => {
      if (!task || !open || !task.can.includes(step)) return;
      setBusy(true);
      setError(null);
      try {
        if (step === 'output' && !values) {
          // An application asks first for what no source filled; a card (or a full form) goes at once.
          const fields = await call('worklist.outputForm', { taskId: task.id });
          if (fields.length > 0) {
            setAsking({ task, fields });
            return;
          }
        }
        if (step === 'output') await call('worklist.output', { taskId: task.id, ...(values ? { values } : {}) });
        else if (step === 'deliver') await call('worklist.deliver', { taskId: task.id });
        else await call('worklist.step', { taskId: task.id, step });
      } catch (e) {
        setError(problem(e));
      } finally {
        setBusy(false);
        await load(open.id);
        refreshLists();
      }
    },
    [open, load, refreshLists],
  );

  // The not-applied marks read: the row folds them away (worklist.ackNotApplied).
  const ack = useCallback(
    async (task: TaskView) => {
      if (!open) return;
      try {
        await call('worklist.ackNotApplied', { taskId: task.id });
      } catch (e) {
        setError(problem(e));
      } finally {
        await load(open.id);
      }
    },
    [open, load],
  );

  const exportXlsx = useCallback(async () => {
    if (!open) return;
    try {
      const x = await call('worklist.export', { id: open.id });
      download(
        x.fileName,
        base64Bytes(x.xlsxBase64),
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
    } catch (e) {
      setError(problem(e));
    }
  }, [open]);

  const sendOutput = async (values: Record<string, string>) => {
    const a = asking;
    setAsking(null);
    if (a) await act(a.task, 'output', values);
  };

  const tasks = open?.tasks ?? [];
  const current = tasks[selected];
  useShortcuts(
    useMemo(
      () => ({
        Escape: onClose,
        'Alt+ArrowDown': () => setSelected((s) => Math.min(s + 1, tasks.length - 1)),
        'Alt+ArrowUp': () => setSelected((s) => Math.max(s - 1, 0)),
        'Alt+E': () => void exportXlsx(),
        // While the output's fields are asked, the step keys wait (the dialog owns Enter and Esc).
        ...(asking ? { Escape: () => setAsking(null) } : {}),
        ...Object.fromEntries(
          Object.entries(KEYS).map(([k, step]) => [k, () => void (asking ? undefined : act(current, step))]),
        ),
      }),
      [onClose, tasks.length, exportXlsx, act, current, asking],
    ),
  );

  const columns = [
    { title: t('worklist.col.seq'), dataIndex: 'seq', width: 60 },
    { title: t('worklist.col.name'), dataIndex: 'name' },
    {
      title: t('worklist.col.id'),
      dataIndex: 'idMasked',
      render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
    },
    { title: t('worklist.col.birth'), render: (_: unknown, r: TaskView) => (r.birth ? `${r.birth}（${r.age}）` : '') },
    { title: t('worklist.col.turns'), dataIndex: 'turns' },
    {
      title: t('worklist.col.info'),
      render: (_: unknown, r: TaskView) =>
        [r.address, ...r.facts.map((f) => `${zh ? f.label.zh : f.label.en}: ${f.value}`)].filter(Boolean).join('；'),
    },
    {
      title: t('worklist.col.state'),
      dataIndex: 'state',
      render: (s: TaskState, r: TaskView) => (
        <>
          <Tag color={COLOR[s]}>{t(`worklist.state.${s}`)}</Tag>
          <PendingTag task={r} />
        </>
      ),
    },
    { title: t('worklist.col.assigned'), dataIndex: 'assignedTo' },
    {
      title: t('worklist.col.actions'),
      render: (_: unknown, r: TaskView) => (
        <Space size={4} wrap>
          {r.can.map((step) => (
            <Button
              key={step}
              size="small"
              disabled={busy}
              onClick={() => void act(r, step)}
              data-testid={`task-${r.seq}-${step}`}
            >
              {t(`worklist.step.${step}`)}
            </Button>
          ))}
        </Space>
      ),
    },
  ];

  return (
    <div className="worklist-screen" data-testid="worklist-screen">
      <Space style={{ marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('worklist.title')}
        </Typography.Title>
        <Button onClick={onClose} title="Esc">
          {t('worklist.back')}
        </Button>
      </Space>
      {error && (
        <Alert
          type="error"
          showIcon
          message={error}
          closable
          onClose={() => setError(null)}
          style={{ marginBottom: 12 }}
          data-testid="worklist-error"
        />
      )}
      <Card size="small" title={t('worklist.startTitle')} style={{ marginBottom: 12 }}>
        <Form form={form} layout="inline" onFinish={(v) => void start(v)}>
          <Form.Item name="programme" label={t('worklist.programme')} rules={[{ required: true }]}>
            <Select
              style={{ width: 320 }}
              data-testid="worklist-programme"
              options={programmes.map((p) => ({ value: p.code, label: zh ? p.names.zh : p.names.en }))}
            />
          </Form.Item>
          <Form.Item
            name="area"
            label={t('worklist.area')}
            rules={[{ required: true, pattern: /^\d{6}(\d{3}){0,2}$/, message: t('errors.WORKLIST_NO_AREA') }]}
          >
            <Input style={{ width: 130 }} data-testid="worklist-area" />
          </Form.Item>
          <Form.Item
            name="withinDays"
            label={t('worklist.withinDays')}
            tooltip={
              chosen?.withinDays
                ? t('worklist.withinDaysHint', { days: chosen.withinDays })
                : t('worklist.withinDaysNone')
            }
          >
            {/* The programme's own period shows as the placeholder: empty means that, not "none". */}
            <InputNumber
              min={1}
              max={366}
              style={{ width: 80 }}
              disabled={!chosen?.withinDays}
              placeholder={chosen?.withinDays ? String(chosen.withinDays) : '—'}
              data-testid="worklist-days"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="worklist-start">
            {t('worklist.start')}
          </Button>
        </Form>
      </Card>
      <Table<WorklistSummary>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={lists}
        style={{ marginBottom: 12 }}
        data-testid="worklist-lists"
        onRow={(r) => ({ onClick: () => void load(r.id) })}
        rowClassName={(r) => (r.id === open?.id ? 'worklist-row-open' : '')}
        columns={[
          { title: t('worklist.col.number'), dataIndex: 'id' },
          { title: t('worklist.programme'), render: (_: unknown, r) => (zh ? r.programmeName.zh : r.programmeName.en) },
          { title: t('worklist.area'), dataIndex: 'area' },
          { title: t('worklist.col.total'), dataIndex: 'total' },
          {
            title: t('worklist.col.progress'),
            render: (_: unknown, r) =>
              r.state === 'failed' ? (
                <Tag color="red">{t('worklist.failed')}</Tag>
              ) : (
                <Progress percent={Math.round(r.progress * 100)} size="small" style={{ width: 160 }} />
              ),
          },
        ]}
      />
      <OutputFieldsDialog
        fields={asking?.fields ?? null}
        busy={busy}
        onOk={(v) => void sendOutput(v)}
        onCancel={() => setAsking(null)}
      />
      {open && (
        <Card
          size="small"
          title={`${open.id} · ${zh ? open.programmeName.zh : open.programmeName.en}`}
          extra={
            <Space>
              <Select
                allowClear
                placeholder={t('worklist.filter')}
                style={{ width: 160 }}
                value={filter}
                data-testid="worklist-filter"
                onChange={(v?: TaskState) => {
                  setFilter(v);
                  void load(open.id, v);
                }}
                options={STATES.map((s) => ({ value: s, label: `${t(`worklist.state.${s}`)} (${open.counts[s]})` }))}
              />
              <Button onClick={() => void exportXlsx()} title="Alt+E" data-testid="worklist-export">
                {t('worklist.export')}
              </Button>
            </Space>
          }
        >
          <Space style={{ marginBottom: 8 }} wrap>
            <Progress
              percent={Math.round(open.progress * 100)}
              style={{ width: 240 }}
              data-testid="worklist-progress"
            />
            {STATES.filter((s) => open.counts[s]).map((s) => (
              <Tag key={s} color={COLOR[s]}>
                {t(`worklist.state.${s}`)} {open.counts[s]}
              </Tag>
            ))}
          </Space>
          <Table<TaskView>
            size="small"
            rowKey="id"
            pagination={{ pageSize: 50 }}
            dataSource={tasks}
            columns={columns}
            data-testid="worklist-tasks"
            expandable={{
              expandedRowRender: (r) => <NotAppliedNote task={r} onAck={() => void ack(r)} />,
              rowExpandable: (r) => !!r.hall?.notApplied.length,
              expandedRowKeys: withNotApplied(tasks),
              showExpandColumn: false,
            }}
            rowClassName={(_, i) => (i === selected ? 'worklist-row-selected' : '')}
            onRow={(_, i) => ({ onClick: () => setSelected(i ?? 0) })}
          />
          <Typography.Text type="secondary">{t('worklist.keys')}</Typography.Text>
        </Card>
      )}
    </div>
  );
}
