import { Modal, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { SHORTCUTS } from '../shortcuts';

export function HelpOverlay({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const rows = SHORTCUTS.map((key) => ({ key, action: t(`help.${key}`) }));
  return (
    <Modal open={open} onCancel={onClose} footer={null} title={t('help.title')} data-testid="help-overlay">
      <Table
        size="small"
        pagination={false}
        dataSource={rows}
        columns={[
          {
            title: t('help.key'),
            dataIndex: 'key',
            width: 120,
            render: (k: string) => <Typography.Text keyboard>{k}</Typography.Text>,
          },
          { title: t('help.action'), dataIndex: 'action' },
        ]}
      />
    </Modal>
  );
}
