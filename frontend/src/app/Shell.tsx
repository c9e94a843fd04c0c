import { Suspense, useEffect, useState } from 'react';
import { Avatar, Button, Dropdown, Layout, Menu, Segmented, Skeleton, Space, Typography } from 'antd';
import { AlertOutlined, RiseOutlined, BellOutlined, LogoutOutlined, SearchOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import { Link, Outlet, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMutation } from '@apollo/client/react';
import { graphql } from '../gql';
import { CommandMenu } from './CommandMenu';
import { NotificationBell } from './NotificationBell';
import { signOut, useMe, type Me } from './session';
import { applyLang, normalizeLang, type Lang } from './i18n';
import { useWriteFeedback } from './errors';

const UpdateLocale = graphql(`
  mutation UpdateMyLocale($locale: String!) {
    updateMyLocale(locale: $locale) { id locale }
  }
`);

interface NavItem {
  key: string;
  label: string;
  icon: React.ReactNode;
}

// Navigation by role: every member of staff works from accounts, alerts and
// notifications; executives' and partner managers' screens join here as
// they are built.
function navFor(_me: Me, t: (k: string) => string): NavItem[] {
  return [
    { key: '/accounts', label: t('nav.accounts'), icon: <TeamOutlined /> },
    { key: '/alerts', label: t('nav.alerts'), icon: <AlertOutlined /> },
    { key: '/notifications', label: t('nav.notifications'), icon: <BellOutlined /> },
  ];
}

export function Shell() {
  const me = useMe();
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const [commandOpen, setCommandOpen] = useState(false);
  const [saveLocale] = useMutation(UpdateLocale);
  const feedback = useWriteFeedback();

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setCommandOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const lang = normalizeLang(i18n.language);
  const switchLang = (l: Lang) => {
    applyLang(l);
    // Saved on the user so the app opens in it next time and mails follow it.
    saveLocale({ variables: { locale: l } }).catch((e) => feedback.fail(e));
  };

  const items = navFor(me, t);
  const selected = items.find((i) => location.pathname.startsWith(i.key))?.key ?? '/accounts';

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16, paddingInline: 20, background: '#001529' }}>
        <Link to="/accounts" style={{ color: '#fff', fontWeight: 600, fontSize: 18, whiteSpace: 'nowrap' }} aria-label={t('app.home')}>
          <RiseOutlined /> Summit
        </Link>
        <nav aria-label={t('nav.label')} style={{ flex: 1, minWidth: 0 }}>
          <Menu
            theme="dark"
            mode="horizontal"
            selectedKeys={[selected]}
            items={items.map((i) => ({ key: i.key, icon: i.icon, label: <Link to={i.key}>{i.label}</Link> }))}
            style={{ background: 'transparent', borderBottom: 0 }}
          />
        </nav>
        <Button
          icon={<SearchOutlined />}
          onClick={() => setCommandOpen(true)}
          style={{ width: 260, textAlign: 'left', justifyContent: 'flex-start' }}
          data-testid="global-search"
        >
          <span style={{ flex: 1, color: 'rgba(0,0,0,0.65)' }}>{t('command.open')}</span>
          <Typography.Text keyboard style={{ fontSize: 11 }}>
            Ctrl K
          </Typography.Text>
        </Button>
        <Segmented<Lang>
          size="small"
          aria-label={t('lang.switch')}
          value={lang}
          onChange={switchLang}
          options={[
            { label: '中文', value: 'zh-CN' },
            { label: 'EN', value: 'en' },
          ]}
        />
        <NotificationBell />
        <Dropdown
          trigger={['click']}
          menu={{
            items: [
              { key: 'who', label: <span>{me.email}</span>, disabled: true },
              { key: 'roles', label: <span>{me.roles.map((r) => t(`roles.${r}`)).join(' · ')}</span>, disabled: true },
              { type: 'divider' },
              { key: 'signout', icon: <LogoutOutlined />, label: t('app.signOut'), onClick: () => void signOut() },
            ],
          }}
        >
          <Button type="text" style={{ color: '#fff' }} aria-label={t('app.userMenu')} data-testid="user-menu">
            <Space>
              <Avatar size="small" icon={<UserOutlined />} />
              <span>{me.name}</span>
            </Space>
          </Button>
        </Dropdown>
      </Layout.Header>
      <Layout.Content style={{ padding: 24 }}>
        <main>
          <Suspense fallback={<Skeleton active paragraph={{ rows: 8 }} />}>
            <Outlet />
          </Suspense>
        </main>
      </Layout.Content>
      <CommandMenu open={commandOpen} onClose={() => setCommandOpen(false)} />
    </Layout>
  );
}
