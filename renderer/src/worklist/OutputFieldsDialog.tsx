import { Form, Input, Modal, Select, type ButtonProps } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormFieldView } from '../../../electron/api/types';

/**
 * Before an application is made from a task: the form's fields no source filled (phone, bank
 * account, from `worklist.outputForm`), which the person gave when they confirmed. Same rules as
 * the counter's form (required, pattern); the server checks them again. Enter in the last field
 * (or OK) sends them to `worklist.output`.
 */
export function OutputFieldsDialog({
  fields,
  busy,
  onOk,
  onCancel,
}: {
  fields: FormFieldView[] | null;
  busy: boolean;
  onOk: (values: Record<string, string>) => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<Record<string, string>>();
  const en = i18n.language === 'en';
  useEffect(() => {
    if (fields) form.resetFields();
  }, [fields, form]);
  return (
    <Modal
      open={!!fields}
      title={t('worklist.outputFields')}
      okText={t('worklist.step.output')}
      onOk={() => form.submit()}
      onCancel={onCancel}
      confirmLoading={busy}
      destroyOnClose
      okButtonProps={{ 'data-testid': 'worklist-output-ok' } as ButtonProps}
    >
      <Form
        form={form}
        layout="vertical"
        size="small"
        data-testid="worklist-output-fields"
        onFinish={(v) => onOk(Object.fromEntries((fields ?? []).map((f) => [f.key, String(v[f.key] ?? '')])))}
      >
        {(fields ?? []).map((f, i) => (
          <Form.Item
            key={f.key}
            name={f.key}
            label={en ? f.label.en : f.label.zh}
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
                data-testid={`output-field-${f.key}`}
                options={f.options.map((o) => ({ value: o.value, label: en ? o.label.en : o.label.zh }))}
              />
            ) : (
              <Input
                autoFocus={i === 0}
                data-testid={`output-field-${f.key}`}
                inputMode={
                  f.type === 'phone' || f.type === 'bankAccount' || f.type === 'number' ? 'numeric' : undefined
                }
              />
            )}
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}
