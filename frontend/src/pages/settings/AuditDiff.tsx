import { Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

function flat(v: unknown, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) flat(x, prefix ? `${prefix}.${k}` : k, out);
  } else if (prefix) {
    out[prefix] = v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  }
  return out;
}

/** Before and after of an audit event, field by field; changed fields marked. */
export function AuditDiff({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useTranslation();
  const b = flat(before);
  const a = flat(after);
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
  const rows = keys.map((k) => ({ key: k, before: b[k], after: a[k], changed: b[k] !== a[k] }));
  return (
    <Table
      size="small"
      pagination={false}
      dataSource={rows}
      data-testid="audit-diff"
      columns={[
        { title: t('settings.audit.field'), dataIndex: 'key', width: 200 },
        { title: t('settings.audit.before'), render: (_: unknown, r) => (r.before === undefined ? '—' : r.changed ? <Typography.Text delete type="danger">{r.before || '∅'}</Typography.Text> : r.before) },
        { title: t('settings.audit.after'), render: (_: unknown, r) => (r.after === undefined ? '—' : r.changed ? <Typography.Text strong type="success">{r.after || '∅'}</Typography.Text> : r.after) },
      ]}
    />
  );
}
