import { Result } from 'antd';
import type { ApiError } from '../../../electron/api/types';
import { errorText } from '../i18n';

/** Shown instead of the app when the page was opened without the terminal's secret. */
export function NoConnection({ error }: { error: ApiError }) {
  return (
    <Result
      status="warning"
      title="无法连接终端服务 / Cannot reach the terminal"
      subTitle={errorText(error)}
      data-testid="no-connection"
    />
  );
}
