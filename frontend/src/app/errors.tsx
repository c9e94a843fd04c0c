import type { ReactNode } from 'react';
import { App as AntApp, Button } from 'antd';
import { CloseCircleFilled, ExclamationCircleFilled, StopOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import { useTranslation } from 'react-i18next';

// The API says what went wrong in extensions.code; people read its meaning
// in their language, then the server's own sentence for the detail.
export type ErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'INTERNAL' | 'NETWORK';

export interface Described {
  code: ErrorCode;
  message: string;
  field?: string;
}

const KNOWN: ErrorCode[] = ['BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT', 'FORBIDDEN', 'UNAUTHENTICATED', 'INTERNAL'];

export function describe(error: unknown): Described {
  if (CombinedGraphQLErrors.is(error)) {
    const first = error.errors[0];
    const raw = String(first?.extensions?.code ?? 'INTERNAL');
    const code = (KNOWN.includes(raw as ErrorCode) ? raw : 'INTERNAL') as ErrorCode;
    const field = first?.extensions?.field as string | undefined;
    return { code, message: first?.message ?? '', field };
  }
  if (ServerError.is(error)) {
    const code: ErrorCode = error.statusCode === 401 ? 'UNAUTHENTICATED' : error.statusCode === 403 ? 'FORBIDDEN' : 'INTERNAL';
    let message = '';
    try {
      message = JSON.parse(error.bodyText)?.errors?.[0]?.message ?? '';
    } catch {
      message = '';
    }
    return { code, message };
  }
  return { code: 'NETWORK', message: error instanceof Error ? error.message : String(error) };
}

export function isNotFound(error: unknown): boolean {
  return describe(error).code === 'NOT_FOUND';
}

/**
 * A whole-screen problem: an icon, what happened and a way on. antd's
 * Result would do, but it ships its three large illustrations with every
 * screen that can fail, the first one included.
 */
export function Problem({ icon, title, subTitle, extra, testId }: { icon: ReactNode; title: ReactNode; subTitle?: ReactNode; extra?: ReactNode; testId?: string }) {
  return (
    <div className="problem" data-testid={testId}>
      <div className="problem-icon" aria-hidden>
        {icon}
      </div>
      <h2>{title}</h2>
      {subTitle && <div className="problem-sub">{subTitle}</div>}
      {extra}
    </div>
  );
}

const ICONS: Partial<Record<ErrorCode, ReactNode>> = {
  FORBIDDEN: <StopOutlined style={{ color: '#cf1322' }} />,
  NOT_FOUND: <QuestionCircleOutlined style={{ color: '#1259c3' }} />,
  INTERNAL: <CloseCircleFilled style={{ color: '#cf1322' }} />,
};

/** A screen's error state: what happened, in words, and a way on. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const d = describe(error);
  return (
    <Problem
      icon={ICONS[d.code] ?? <ExclamationCircleFilled style={{ color: '#ad6800' }} />}
      title={t(`errors.${d.code}.title`)}
      subTitle={
        <>
          <div>{t(`errors.${d.code}.hint`)}</div>
          {d.message && <div data-testid="error-detail">{d.message}</div>}
        </>
      }
      extra={onRetry && <Button onClick={onRetry}>{t('common.retry')}</Button>}
    />
  );
}

/**
 * Reports the outcome of a write: success as a message, a refusal as a
 * notification naming its meaning; a CONFLICT (someone changed the record
 * since it was read) offers to reload.
 */
export function useWriteFeedback() {
  const { t } = useTranslation();
  const { message, notification, modal } = AntApp.useApp();
  return {
    ok(text: string) {
      void message.success(text);
    },
    fail(error: unknown, reload?: () => void) {
      const d = describe(error);
      if (d.code === 'CONFLICT' && reload) {
        modal.confirm({
          title: t('errors.CONFLICT.title'),
          content: (
            <>
              <p>{d.message}</p>
              <p>{t('errors.CONFLICT.reload')}</p>
            </>
          ),
          okText: t('common.reload'),
          cancelText: t('common.cancel'),
          onOk: reload,
        });
        return;
      }
      notification.error({
        title: t(`errors.${d.code}.title`),
        description: (
          <div data-testid="refusal">
            <div>{t(`errors.${d.code}.hint`)}</div>
            {d.message && <div>{d.message}</div>}
          </div>
        ),
        duration: 8,
      });
    },
  };
}
