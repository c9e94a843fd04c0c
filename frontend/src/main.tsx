import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { App as AntApp, ConfigProvider } from 'antd';
import { ExclamationCircleFilled } from '@ant-design/icons';
import { ApolloProvider } from '@apollo/client/react';
import { RouterProvider } from 'react-router';
import { I18nextProvider, useTranslation } from 'react-i18next';
import i18n, { antdLocale, applyLang, normalizeLang } from './app/i18n';
import { makeClient } from './app/apollo';
import { fetchMe, redirectToLogin, SessionContext, SignedOut, type Me } from './app/session';
import { router } from './app/routes';
import { Problem } from './app/errors';
import './app.css';

const client = makeClient();

// antd's default greys for placeholders and secondary text, and white on its
// default red, fall below WCAG AA contrast; these pass it.
const THEME = {
  token: {
    colorPrimary: '#1259c3',
    colorLink: '#0f4fae',
    colorInfo: '#1259c3',
    colorError: '#cf1322',
    colorWarning: '#ad6800',
    colorSuccess: '#237804',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.58)',
    colorTextSecondary: 'rgba(0, 0, 0, 0.62)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.58)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    borderRadius: 6,
  },
};

function Root() {
  const [me, setMe] = useState<Me | null>(null);
  const [failed, setFailed] = useState(false);
  const { i18n: inst } = useTranslation();

  useEffect(() => {
    fetchMe()
      .then(async (m) => {
        await applyLang(normalizeLang(m.locale));
        setMe(m);
      })
      .catch((e) => {
        if (e instanceof SignedOut) redirectToLogin();
        else setFailed(true);
      });
  }, []);

  const lang = normalizeLang(inst.language);
  return (
    <ConfigProvider locale={antdLocale(lang)} button={{ autoInsertSpace: false }} theme={THEME}>
      <AntApp>
        {failed ? (
          <Problem icon={<ExclamationCircleFilled style={{ color: '#ad6800' }} />} title={inst.t('errors.NETWORK.title')} subTitle={inst.t('errors.NETWORK.hint')} />
        ) : !me ? (
          <div className="boot" role="status" aria-label={inst.t('common.loading')}>
            <div className="boot-spinner" />
          </div>
        ) : (
          <SessionContext.Provider value={me}>
            <RouterProvider router={router} />
          </SessionContext.Provider>
        )}
      </AntApp>
    </ConfigProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <ApolloProvider client={client}>
        <Root />
      </ApolloProvider>
    </I18nextProvider>
  </StrictMode>,
);
