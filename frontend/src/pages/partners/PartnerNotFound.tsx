import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';

/** A partner that does not exist or lies outside the viewer's regions: the same page. */
export function PartnerNotFound() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={t('partners.notFound.title')}
      subTitle={t('partners.notFound.hint')}
      extra={
        <Link to="/partners">
          <Button type="primary">{t('partners.notFound.back')}</Button>
        </Link>
      }
      data-testid="not-found"
    />
  );
}
