import { CloseCircleFilled } from '@ant-design/icons';
import { useRouteError } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Problem } from './errors';

/** A screen that failed to render or to load its code. */
export function RouteError() {
  const error = useRouteError();
  const { t } = useTranslation();
  return <Problem icon={<CloseCircleFilled style={{ color: '#cf1322' }} />} title={t('errors.INTERNAL.title')} subTitle={error instanceof Error ? error.message : String(error)} />;
}
