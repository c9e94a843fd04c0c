import { Button, Result } from 'antd';
import { Link, useRouteError } from 'react-router';
import { useTranslation } from 'react-i18next';

export function NotFound({ what }: { what?: 'account' }) {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={what === 'account' ? t('notFound.accountTitle') : t('notFound.title')}
      subTitle={what === 'account' ? t('notFound.accountHint') : t('notFound.hint')}
      extra={
        <Link to="/accounts">
          <Button type="primary">{t('notFound.back')}</Button>
        </Link>
      }
      data-testid="not-found"
    />
  );
}

export function RouteError() {
  const error = useRouteError();
  const { t } = useTranslation();
  return <Result status="error" title={t('errors.INTERNAL.title')} subTitle={error instanceof Error ? error.message : String(error)} />;
}
