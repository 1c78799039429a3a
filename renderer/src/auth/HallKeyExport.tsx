import { Button, message } from 'antd';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { download } from './download';
import { authErrorText } from './errors';

/** Administrator: saves the hall's public key as the file verifiers pass to `npm run verify -- --keys`. */
export function HallKeyExport() {
  const { t } = useTranslation();
  const [toast, holder] = message.useMessage();
  const run = async () => {
    try {
      const r = await call('cert.exportHallKey', {});
      download(r.filename, r.content, 'application/json');
      void toast.success(t('hallKey.done', { file: r.filename }), 8);
    } catch (err) {
      void toast.error(authErrorText(err));
    }
  };
  return (
    <>
      {holder}
      <Button size="small" onClick={() => void run()} data-testid="hall-key-export">
        {t('hallKey.export')}
      </Button>
    </>
  );
}
