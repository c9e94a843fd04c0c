import { lazy, Suspense, useEffect, useState } from 'react';
import { Button, Popover } from 'antd';
import { RiseOutlined, LogoutOutlined, SearchOutlined, UserOutlined } from '@ant-design/icons';
import { Link, NavLink, Outlet } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMutation } from '@apollo/client/react';
import { UpdateMyLocaleDocument } from '../gql/graphql';
import { NotificationBell } from './NotificationBell';
import { signOut, useMe, type Me } from './session';
import { applyLang, normalizeLang, type Lang } from './i18n';
import { useWriteFeedback } from './errors';
import { AREAS } from './areas';
import type { NavItem } from './areas/types';

/* GraphQL */ `
  mutation UpdateMyLocale($locale: String!) {
    updateMyLocale(locale: $locale) { id locale }
  }
`;
const UpdateLocale = UpdateMyLocaleDocument;

const LANG_OPTIONS: { label: string; value: Lang }[] = [
  { label: '中文', value: 'zh-CN' },
  { label: 'EN', value: 'en' },
];

// The command menu is loaded the first time it opens: it is not part of the
// first screen's JavaScript.
const CommandMenu = lazy(async () => ({ default: (await import('./CommandMenu')).CommandMenu }));

// Navigation by role: each area (src/app/areas/) says which items a person
// sees.
// More navigation items than this and the bar shows icons (see below).
const COMPACT_NAV_AFTER = 6;

function navFor(me: Me, t: (k: string) => string): NavItem[] {
  return AREAS.flatMap((a) => a.nav(me, t));
}

export function Shell() {
  const me = useMe();
  const { t, i18n } = useTranslation();
  const [commandOpen, setCommandOpen] = useState(false);
  const [commandUsed, setCommandUsed] = useState(false);
  const [saveLocale] = useMutation(UpdateLocale);
  const feedback = useWriteFeedback();

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setCommandUsed(true);
        setCommandOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const lang = normalizeLang(i18n.language);
  const switchLang = (l: Lang) => {
    void applyLang(l);
    // Saved on the user so the app opens in it next time and mails follow it.
    saveLocale({ variables: { locale: l } }).catch((e) => feedback.fail(e));
  };

  const items = navFor(me, t);

  // Plain elements where antd's Layout, Segmented, Avatar and Typography
  // would add about 40 KB gzip to the first screen for no behaviour we use.
  return (
    <div className="shell">
      <header className="shell-header">
        <Link to="/accounts" className="shell-home" aria-label={t('app.home')}>
          <RiseOutlined /> Summit
        </Link>
        <nav aria-label={t('nav.label')} style={{ flex: 1, minWidth: 0 }}>
          {/* An executive's or an admin's many areas do not fit a 1440 px bar
              with their labels: then only the current one shows its label,
              the others their icon with the label as tooltip and name. */}
          <ul className={items.length > COMPACT_NAV_AFTER ? 'topnav compact' : 'topnav'}>
            {items.map((i) => (
              <li key={i.key}>
                <NavLink to={i.key} title={i.label} aria-label={i.label}>
                  {i.icon} <span className="topnav-label">{i.label}</span>
                  {i.extra}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <Button
          icon={<SearchOutlined />}
          onClick={() => {
            setCommandUsed(true);
            setCommandOpen(true);
          }}
          style={{ width: 260, textAlign: 'left', justifyContent: 'flex-start' }}
          data-testid="global-search"
        >
          <span style={{ flex: 1, color: 'rgba(0,0,0,0.65)' }}>{t('command.open')}</span>
          <kbd className="kbd">Ctrl K</kbd>
        </Button>
        <div role="radiogroup" aria-label={t('lang.switch')} className="lang-switch">
          {LANG_OPTIONS.map((o) => (
            <button key={o.value} type="button" role="radio" aria-checked={lang === o.value} className={lang === o.value ? 'on' : undefined} onClick={() => lang !== o.value && switchLang(o.value)}>
              {o.label}
            </button>
          ))}
        </div>
        <NotificationBell />
        <Popover
          trigger="click"
          placement="bottomRight"
          content={
            <div style={{ minWidth: 220 }}>
              <div>{me.email}</div>
              <div className="text-secondary">{me.roles.map((r) => t(`roles.${r}`)).join(' · ')}</div>
              <hr className="menu-divider" />
              <Button type="text" block icon={<LogoutOutlined />} style={{ textAlign: 'left' }} onClick={() => void signOut()} data-testid="sign-out">
                {t('app.signOut')}
              </Button>
            </div>
          }
        >
          <Button type="text" style={{ color: '#fff' }} aria-label={t('app.userMenu')} data-testid="user-menu" icon={<span className="avatar" aria-hidden><UserOutlined /></span>}>
            {me.name}
          </Button>
        </Popover>
      </header>
      <main className="shell-content">
        <Suspense fallback={<div className="screen-loading" role="status" aria-label={t('common.loading')} />}>
          <Outlet />
        </Suspense>
      </main>
      {commandUsed && (
        <Suspense fallback={null}>
          <CommandMenu open={commandOpen} onClose={() => setCommandOpen(false)} />
        </Suspense>
      )}
    </div>
  );
}
