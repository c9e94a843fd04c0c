import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { describe } from './errors';

/** Inline error for a form or a panel. */
export function InlineError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const d = describe(error);
  return <Alert type="error" showIcon role="alert" title={t(`errors.${d.code}.title`)} description={d.message || t(`errors.${d.code}.hint`)} />;
}
