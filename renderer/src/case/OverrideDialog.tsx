import { Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseView } from '../../../electron/api/types';
import { ApiCallError, call } from '../api/client';
import { errorText } from '../i18n';

/** The supervisor comes to the counter and approves with their own account; the clerk stays signed in. */
export function OverrideDialog({
  caseId,
  open,
  onClose,
  onDone,
}: {
  caseId: string;
  open: boolean;
  onClose: () => void;
  onDone: (c: CaseView) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ supervisorId: string; password: string; reason: string }>();
  const submit = async () => {
    const v = await form.validateFields();
    try {
      onDone(await call('case.override', { caseId, ...v }));
      form.resetFields();
      onClose();
    } catch (e) {
      form.setFields([
        { name: 'password', value: '', errors: [e instanceof ApiCallError ? errorText(e.error) : String(e)] },
      ]);
    }
  };
  return (
    <Modal
      open={open}
      title={t('override.title')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('override.approve')}
      okButtonProps={{ 'data-testid': 'override-ok' }}
      destroyOnHidden
    >
      <p>{t('override.hint')}</p>
      <Form form={form} layout="vertical">
        <Form.Item name="supervisorId" label={t('override.supervisor')} rules={[{ required: true }]}>
          <Input autoFocus autoComplete="off" data-testid="override-user" />
        </Form.Item>
        <Form.Item name="password" label={t('override.password')} rules={[{ required: true }]}>
          <Input.Password autoComplete="off" data-testid="override-password" />
        </Form.Item>
        <Form.Item name="reason" label={t('override.reason')} rules={[{ required: true, min: 2 }]}>
          <Input.TextArea rows={2} data-testid="override-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
