import { Alert, Button, Form, Input, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseView, FormFieldView, PrefillSource } from '../../../electron/api/types';
import { PoolNotice } from '../hall/PoolNotice';

const SOURCE_COLOR: Record<PrefillSource, string> = {
  card: 'blue',
  license: 'geekblue',
  case: 'green',
  hall: 'purple',
  clerk: 'orange',
};

/**
 * The item's application form, prefilled: each value carries a tag for where it came from; card
 * and license values are evidence and read-only; the first field left to type has the focus, Enter
 * moves on and F9 (or Enter on the last) submits. The server checks the same rules again.
 */
export function ApplicationForm({
  c,
  busy,
  onSubmit,
  formRef,
}: {
  c: CaseView;
  busy: boolean;
  onSubmit: (values: Record<string, string>) => void;
  formRef?: (submit: () => void) => void;
}) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<Record<string, string>>();
  const fields = useMemo(() => c.form?.fields ?? [], [c.form]);
  const done = !!c.application;
  const initial = useMemo(() => Object.fromEntries(fields.map((f) => [f.key, f.value])), [fields]);
  const firstEmpty = fields.find((f) => !f.locked && !f.value && f.required)?.key;
  useEffect(() => form.setFieldsValue(initial), [form, initial]);
  // A block body: returning the setter's value would make it this effect's cleanup (and submit).
  useEffect(() => {
    formRef?.(() => form.submit());
  }, [form, formRef]);
  const box = useRef<HTMLDivElement>(null);
  // Focus the first field left to type once the form is editable (not while the item is being chosen).
  useEffect(() => {
    if (done || busy) return;
    // Nothing left to type: the form itself holds the focus, never the submit button (the Enter
    // that chose the item would press it); F9 is the clerk's confirmation.
    if (firstEmpty) box.current?.querySelector<HTMLElement>(`[data-testid="field-${firstEmpty}"]`)?.focus();
    else box.current?.focus();
  }, [done, busy, firstEmpty]);
  const label = (f: FormFieldView) => (
    <Space size={4}>
      <span>{i18n.language === 'en' ? f.label.en : f.label.zh}</span>
      <Tag
        color={SOURCE_COLOR[f.source]}
        data-testid={`source-${f.key}`}
        data-source={f.source}
        title={f.from ? (i18n.language === 'en' ? f.from.en : f.from.zh) : undefined}
      >
        {t(`appForm.source_${f.source}`)}
      </Tag>
    </Space>
  );
  return (
    <div data-testid="application-form" ref={box} tabIndex={-1} style={{ outline: 'none' }}>
      <Typography.Text type="secondary" data-testid="to-type">
        {t('appForm.toType', { count: c.form?.toType ?? 0 })}
      </Typography.Text>
      {!done && <PoolNotice caseId={c.caseId} form={c.form} />}
      <Form
        form={form}
        layout="horizontal"
        labelCol={{ span: 9 }}
        size="small"
        style={{ marginTop: 8 }}
        disabled={done || busy}
        onFinish={(v) => onSubmit(Object.fromEntries(fields.map((f) => [f.key, String(v[f.key] ?? '')])))}
      >
        {fields.map((f) => (
          <Form.Item
            key={f.key}
            name={f.key}
            label={label(f)}
            style={{ marginBottom: 6 }}
            rules={[
              ...(f.required ? [{ required: true, message: t('appForm.problem_required') }] : []),
              ...(f.pattern
                ? [{ pattern: new RegExp(`^(?:${f.pattern})$`, 'u'), message: t('appForm.problem_pattern') }]
                : []),
              ...(f.maxLength ? [{ max: f.maxLength }] : []),
            ]}
          >
            {f.type === 'select' && f.options ? (
              <Select
                options={f.options.map((o) => ({
                  value: o.value,
                  label: i18n.language === 'en' ? o.label.en : o.label.zh,
                }))}
                disabled={f.locked}
                data-testid={`field-${f.key}`}
              />
            ) : (
              <Input
                readOnly={f.locked}
                inputMode={
                  f.type === 'phone' || f.type === 'bankAccount' || f.type === 'number' ? 'numeric' : undefined
                }
                data-testid={`field-${f.key}`}
                onPressEnter={(e) => {
                  // Enter moves to the next field the clerk may type in; on the last one it submits.
                  const inputs = [
                    ...document.querySelectorAll<HTMLInputElement>(
                      '[data-testid="application-form"] input:not([readonly])',
                    ),
                  ];
                  const i = inputs.indexOf(e.currentTarget);
                  e.preventDefault();
                  if (i >= 0 && i < inputs.length - 1) inputs[i + 1]!.focus();
                  else form.submit();
                }}
              />
            )}
          </Form.Item>
        ))}
        {!done && (
          <Button
            type="primary"
            onClick={() => form.submit()}
            disabled={!c.can.apply || busy}
            data-testid="apply-button"
            title="F9"
          >
            {t('appForm.submit')}
          </Button>
        )}
      </Form>
      {c.application && (
        <Alert
          style={{ marginTop: 8 }}
          type="success"
          data-testid="application-submitted"
          message={t('appForm.submitted', {
            at: c.application.submittedAt.slice(11, 16),
            departments: c.application.departments
              .map((d) => (i18n.language === 'en' ? d.names.en : d.names.zh))
              .join('、'),
          })}
        />
      )}
    </div>
  );
}
