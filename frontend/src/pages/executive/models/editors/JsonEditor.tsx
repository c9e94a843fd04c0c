import { useState } from 'react';
import { Alert, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import type { EditorProps } from './types';

/** The config as JSON: the fallback for a kind that has no editor of its own yet. */
export function JsonEditor({ config, onChange, readOnly }: EditorProps) {
  const { t } = useTranslation();
  const [text, setText] = useState(() => JSON.stringify(config, null, 2));
  const [bad, setBad] = useState(false);
  return (
    <>
      <Alert type="info" showIcon title={t('models.jsonHint')} style={{ marginBottom: 8 }} />
      <Input.TextArea
        aria-label={t('models.config')}
        rows={18}
        style={{ fontFamily: 'monospace' }}
        value={text}
        readOnly={readOnly}
        status={bad ? 'error' : undefined}
        onChange={(e) => {
          setText(e.target.value);
          try {
            onChange(JSON.parse(e.target.value));
            setBad(false);
          } catch {
            setBad(true);
          }
        }}
      />
    </>
  );
}
