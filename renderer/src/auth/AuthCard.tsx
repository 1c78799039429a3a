import { Card, Typography } from 'antd';
import type { ReactNode } from 'react';

/** The centred card every sign-in, setup, password and lock screen uses. */
export function AuthCard({
  title,
  hint,
  children,
  testId,
}: {
  title: string;
  hint?: ReactNode;
  children: ReactNode;
  testId: string;
}) {
  return (
    <div style={{ display: 'flex', justifyContent: 'center', padding: '48px 16px' }} data-testid={testId}>
      <Card style={{ width: 420, maxWidth: '100%' }}>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {title}
        </Typography.Title>
        {hint && <Typography.Paragraph type="secondary">{hint}</Typography.Paragraph>}
        {children}
      </Card>
    </div>
  );
}
