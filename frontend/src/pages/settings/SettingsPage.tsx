import { lazy, Suspense } from 'react';
import { Card, Skeleton, Tabs, Typography } from 'antd';
import { Navigate, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';

// Each section is its own chunk, loaded when its tab is opened.
const SECTIONS = {
  users: lazy(async () => ({ default: (await import('./UsersSection')).UsersSection })),
  tokens: lazy(async () => ({ default: (await import('./TokensSection')).TokensSection })),
  policies: lazy(async () => ({ default: (await import('./PoliciesSection')).PoliciesSection })),
  categories: lazy(async () => ({ default: (await import('./CategoriesSection')).CategoriesSection })),
  ladder: lazy(async () => ({ default: (await import('./LadderSection')).LadderSection })),
  audit: lazy(async () => ({ default: (await import('./AuditSection')).AuditSection })),
  jobs: lazy(async () => ({ default: (await import('./JobsSection')).JobsSection })),
};
type Section = keyof typeof SECTIONS;

/** /settings/:section — the admin's settings, one tab a section (in the URL). */
export function SettingsPage() {
  const { section = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  if (!(section in SECTIONS)) return <Navigate to="/settings/users" replace />;
  const Current = SECTIONS[section as Section];
  return (
    <Card title={<Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>{t('settings.title')}</Typography.Title>}>
      <Tabs
        activeKey={section}
        onChange={(k) => navigate(`/settings/${k}`)}
        items={(Object.keys(SECTIONS) as Section[]).map((k) => ({ key: k, label: t(`settings.section.${k}`) }))}
      />
      <Suspense fallback={<Skeleton active paragraph={{ rows: 8 }} />}>
        <Current />
      </Suspense>
    </Card>
  );
}
