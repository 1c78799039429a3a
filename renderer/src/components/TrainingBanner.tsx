import { useTranslation } from 'react-i18next';

/** Shown on every screen in training mode so nothing from it is mistaken for real. */
export function TrainingBanner() {
  const { t } = useTranslation();
  return (
    <div className="training-banner" data-testid="training-banner" role="note">
      {t('app.training')}
    </div>
  );
}
