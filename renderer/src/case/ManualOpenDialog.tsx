import { Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseView } from '../../../electron/api/types';
import { ApiCallError, call } from '../api/client';
import { errorText } from '../i18n';

const FIELDS = ['idNumber', 'name', 'validTo', 'reason'] as const;
type Field = (typeof FIELDS)[number];

/** Opens a case without a card read (card damaged, keyboard-mode reader); the reason is recorded. */
export function ManualOpenDialog({
  open,
  onClose,
  onOpened,
}: {
  open: boolean;
  onClose: () => void;
  onOpened: (c: CaseView) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Record<Field, string>>();
  const submit = async () => {
    const v = await form.validateFields();
    try {
      onOpened(await call('case.openManual', v));
      form.resetFields();
      onClose();
    } catch (e) {
      // The server names the wrong field (idNumber, validTo…); anything else is shown under the number.
      const field =
        e instanceof ApiCallError && e.error.field && FIELDS.includes(e.error.field as Field)
          ? (e.error.field as Field)
          : 'idNumber';
      form.setFields([{ name: field, errors: [e instanceof ApiCallError ? errorText(e.error) : String(e)] }]);
    }
  };
  return (
    <Modal
      open={open}
      title={t('manual.title')}
      onCancel={onClose}
      onOk={() => void submit()}
      okButtonProps={{ 'data-testid': 'manual-ok' }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item
          name="idNumber"
          label={t('manual.idNumber')}
          rules={[{ required: true, pattern: /^\d{17}[\dXx]$/, message: t('manual.idFormat') }]}
        >
          <Input autoFocus maxLength={18} data-testid="manual-id" autoComplete="off" />
        </Form.Item>
        <Form.Item name="name" label={t('manual.name')} rules={[{ required: true }]}>
          <Input maxLength={60} data-testid="manual-name" autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="validTo"
          label={t('manual.validTo')}
          rules={[{ required: true, pattern: /^(\d{4}-\d{2}-\d{2}|长期)$/, message: t('manual.validToFormat') }]}
        >
          <Input maxLength={10} placeholder="2035-06-30 / 长期" data-testid="manual-valid-to" autoComplete="off" />
        </Form.Item>
        <Form.Item name="reason" label={t('manual.reason')} rules={[{ required: true, min: 2 }]}>
          <Input.TextArea rows={2} data-testid="manual-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
