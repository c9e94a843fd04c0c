import { Button, Result } from 'antd';
import { Link } from 'react-router';
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

