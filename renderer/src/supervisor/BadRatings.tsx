import { Alert, Button, Drawer, Form, Input, Radio, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpResult } from '../../../electron/api/contract';
import { ApiCallError, call } from '../api/client';
import { errorText } from '../i18n';
import './bad-ratings.css';

type List = OpResult<'ratings.bad'>;
type Bad = List['ratings'][number];
type Kind = Bad['followUps'][number]['kind'];
const KINDS: Kind[] = ['verify', 'rectify', 'callback', 'close'];

/**
 * The supervisor's bad ratings (好差评 不满意 / 非常不满意): each with its deadline in working days,
 * its follow-ups 核实 / 整改 / 回访 and the close; overdue ones highlighted; counts per clerk and item.
 */
export function BadRatingsButton() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} data-testid="bad-ratings-open">
        {t('badRatings.title')}
      </Button>
      <Drawer open={open} onClose={() => setOpen(false)} width="92%" title={t('badRatings.title')} destroyOnHidden>
        {open && <BadRatings />}
      </Drawer>
    </>
  );
}

export function BadRatings() {
  const { t } = useTranslation();
  const [list, setList] = useState<List | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      setList(await call('ratings.bad', {}));
      setError(null);
    } catch (e) {
      setError(e instanceof ApiCallError ? errorText(e.error) : String(e));
    }
  }, []);
  useEffect(() => void load(), [load]);
  if (!list) return error ? <Alert type="error" message={error} /> : null;
  const open = list.ratings.filter((r) => !r.closed);
  return (
    <div data-testid="bad-ratings">
      {error && <Alert type="error" message={error} showIcon style={{ marginBottom: 12 }} />}
      <Space size="large" wrap style={{ marginBottom: 12 }}>
        <Typography.Text data-testid="bad-open-count">
          {t('badRatings.open', { n: open.length, overdue: open.filter((r) => r.overdue).length })}
        </Typography.Text>
      </Space>
      <Table<Bad>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={list.ratings}
        scroll={{ x: 'max-content' }}
        rowClassName={(r) => (r.overdue ? 'bad-overdue' : r.closed ? 'bad-closed' : '')}
        expandable={{ expandedRowRender: (r) => <FollowUps r={r} onDone={() => void load()} /> }}
        columns={[
          {
            title: t('badRatings.case'),
            dataIndex: 'caseId',
            render: (v: string) => <code title={v}>{v.slice(0, 8)}…</code>,
          },
          { title: t('badRatings.item'), render: (_, r) => r.itemName },
          { title: t('badRatings.clerk'), render: (_, r) => `${r.clerk.name} (${r.clerk.staffNo})` },
          {
            title: t('badRatings.level'),
            render: (_, r) => <Tag color={r.level === 5 ? 'red' : 'orange'}>{t(`badRatings.level${r.level}`)}</Tag>,
          },
          { title: t('badRatings.reasons'), render: (_, r) => `${r.reasons.join('、')}：${r.text}` },
          { title: t('badRatings.ratedAt'), render: (_, r) => r.ratedAt.slice(0, 16).replace('T', ' ') },
          {
            title: t('badRatings.deadline'),
            render: (_, r) => (
              <span data-testid={`bad-deadline-${r.caseId}`} data-overdue={r.overdue}>
                {r.deadline} {r.overdue && <Tag color="red">{t('badRatings.overdue')}</Tag>}
              </span>
            ),
          },
          {
            title: t('badRatings.state'),
            render: (_, r) =>
              r.closed ? (
                <Tag color="green">{t('badRatings.closed')}</Tag>
              ) : (
                <Space size={2} wrap>
                  {KINDS.filter((k) => k !== 'close').map((k) =>
                    r.followUps.some((f) => f.kind === k) ? <Tag key={k}>{t(`badRatings.kind_${k}`)}</Tag> : null,
                  )}
                </Space>
              ),
          },
        ]}
      />
      <Space align="start" size="large" style={{ marginTop: 16 }} wrap>
        <Table
          title={() => t('badRatings.byClerk')}
          size="small"
          pagination={false}
          rowKey="staffNo"
          dataSource={list.byClerk}
          data-testid="bad-by-clerk"
          columns={[
            { title: t('badRatings.clerk'), render: (_, c) => `${c.name} (${c.staffNo})` },
            { title: t('badRatings.count'), dataIndex: 'count' },
          ]}
        />
        <Table
          title={() => t('badRatings.byItem')}
          size="small"
          pagination={false}
          rowKey="itemCode"
          dataSource={list.byItem}
          data-testid="bad-by-item"
          columns={[
            { title: t('badRatings.item'), dataIndex: 'itemName' },
            { title: t('badRatings.count'), dataIndex: 'count' },
          ]}
        />
      </Space>
    </div>
  );
}

function FollowUps({ r, onDone }: { r: Bad; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ kind: Kind; note: string }>();
  const [error, setError] = useState<string | null>(null);
  const submit = async (v: { kind: Kind; note: string }) => {
    try {
      await call('ratings.followUp', { ratingId: r.id, kind: v.kind, note: v.note });
      form.resetFields();
      setError(null);
      onDone();
    } catch (e) {
      setError(e instanceof ApiCallError ? errorText(e.error) : String(e));
    }
  };
  return (
    <div data-testid={`bad-followups-${r.caseId}`}>
      <ul>
        {r.followUps.map((f, i) => (
          <li key={i}>
            <Tag>{t(`badRatings.kind_${f.kind}`)}</Tag> {f.at.slice(0, 16).replace('T', ' ')} {f.by}: {f.note}
          </li>
        ))}
      </ul>
      {!r.closed && (
        <Form form={form} layout="inline" onFinish={(v) => void submit(v)} initialValues={{ kind: 'verify' }}>
          <Form.Item name="kind">
            <Radio.Group
              optionType="button"
              options={KINDS.map((k) => ({ value: k, label: t(`badRatings.kind_${k}`) }))}
            />
          </Form.Item>
          <Form.Item name="note" rules={[{ required: true, min: 2, message: t('badRatings.noteRequired') }]}>
            <Input style={{ width: 360 }} placeholder={t('badRatings.note')} data-testid="bad-note" />
          </Form.Item>
          <Button htmlType="submit" type="primary" data-testid="bad-followup-submit">
            {t('badRatings.record')}
          </Button>
        </Form>
      )}
      {error && <Alert type="error" message={error} showIcon style={{ marginTop: 8 }} />}
    </div>
  );
}
