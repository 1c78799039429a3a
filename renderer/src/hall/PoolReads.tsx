import { Alert, Table } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HallPoolReadRow } from '../../../electron/api/types';
import { call } from '../api/client';
import { authErrorText } from '../auth/errors';

/** Supervisor: who read whose shared pool data (person by hash), in which case; never the values. */
export function PoolReads() {
  const { t } = useTranslation();
  const [rows, setRows] = useState<HallPoolReadRow[]>([]);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    call('hall.poolReads', { days: 30 }).then(setRows).catch(setError);
  }, []);
  if (error) return <Alert type="error" showIcon title={authErrorText(error)} />;
  return (
    <Table
      size="small"
      rowKey={(r) => `${r.at}.${r.caseId}`}
      data-testid="hall-pool-reads"
      dataSource={rows}
      pagination={{ pageSize: 20 }}
      columns={[
        { title: t('hallStats.readAt'), dataIndex: 'at', render: (v: string) => new Date(v).toLocaleString() },
        { title: t('hallStats.terminal'), dataIndex: 'terminalId' },
        { title: t('hallStats.per.clerk'), dataIndex: 'clerkId' },
        { title: t('hallStats.case'), dataIndex: 'caseId', render: (v: string) => v.slice(0, 8) },
        { title: t('hallStats.per.item'), dataIndex: 'itemCode' },
        { title: t('hallStats.person'), dataIndex: 'person' },
        { title: t('hallStats.fields'), dataIndex: 'fields', render: (v: string[]) => v.join(', ') },
      ]}
    />
  );
}
