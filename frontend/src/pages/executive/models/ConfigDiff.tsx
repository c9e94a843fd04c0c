import { Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

// Flattens a config into path → value, e.g. criteria[2].bands[0].min, the
// same paths validateGradingModelConfig reports.
function flatten(v: unknown, path = '', out = new Map<string, string>()): Map<string, string> {
  if (Array.isArray(v)) v.forEach((x, i) => flatten(x, `${path}[${i}]`, out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) flatten(x, path ? `${path}.${k}` : k, out);
  else out.set(path, JSON.stringify(v));
  return out;
}

/** Two versions' configs side by side: only the fields that differ. */
export function ConfigDiff({ left, right, leftLabel, rightLabel }: { left: unknown; right: unknown; leftLabel: string; rightLabel: string }) {
  const { t } = useTranslation();
  const a = flatten(left);
  const b = flatten(right);
  const rows = [...new Set([...a.keys(), ...b.keys()])].filter((k) => a.get(k) !== b.get(k)).map((k) => ({ path: k, left: a.get(k), right: b.get(k) }));
  if (rows.length === 0) return <Typography.Text type="secondary">{t('models.same')}</Typography.Text>;
  return (
    <Table
      size="small"
      pagination={false}
      rowKey="path"
      dataSource={rows}
      data-testid="config-diff"
      columns={[
        { title: t('models.field'), dataIndex: 'path', render: (p: string) => <Typography.Text code>{p}</Typography.Text> },
        { title: leftLabel, dataIndex: 'left', render: (v?: string) => v ?? '—' },
        { title: rightLabel, dataIndex: 'right', render: (v?: string) => <strong>{v ?? '—'}</strong> },
      ]}
    />
  );
}
