import { Button, Input, InputNumber, Select, Space, Table, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { normalizeLang } from '../../../../app/i18n';
import type { ClassMapping, Metric } from './types';

/** A metric picker labelled in the reader's language. */
export function MetricSelect({ value, onChange, metrics, disabled, label, testid }: { value?: string; onChange: (v: string) => void; metrics: Metric[]; disabled: boolean; label: string; testid?: string }) {
  const { i18n } = useTranslation();
  const lang = normalizeLang(i18n.language);
  return (
    <Select
      aria-label={label}
      showSearch
      optionFilterProp="label"
      style={{ minWidth: 200 }}
      value={value}
      disabled={disabled}
      onChange={onChange}
      data-testid={testid}
      options={metrics.map((m) => ({ value: m.name, label: lang === 'en' ? m.labelEn : m.labelZh }))}
    />
  );
}

/** A number input where empty means "no value" (an open band end). */
export function Num({ value, onChange, disabled, label, testid, min }: { value?: number | null; onChange: (v: number | undefined) => void; disabled: boolean; label: string; testid?: string; min?: number }) {
  return <InputNumber aria-label={label} value={value ?? null} min={min} disabled={disabled} onChange={(v) => onChange(v === null ? undefined : Number(v))} style={{ width: '100%' }} data-testid={testid} />;
}

export function Text({ value, onChange, disabled, label }: { value?: string; onChange: (v: string) => void; disabled: boolean; label: string }) {
  return <Input aria-label={label} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value)} />;
}

export interface Column<R> {
  key: string;
  title: string;
  width?: number;
  render: (row: R, set: (patch: Partial<R>) => void, index: number) => ReactNode;
}

/** An editable list of rows (bands, thresholds, tiers, segments …): edit in place, add, remove. */
export function RowsEditor<R extends object>({ rows, onChange, columns, newRow, readOnly, addLabel }: { rows: R[]; onChange: (rows: R[]) => void; columns: Column<R>[]; newRow: () => R; readOnly: boolean; addLabel: string }) {
  const { t } = useTranslation();
  const set = (i: number) => (patch: Partial<R>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <>
      <Table<R & { __i: number }>
        size="small"
        pagination={false}
        rowKey="__i"
        dataSource={rows.map((r, i) => ({ ...r, __i: i }))}
        columns={[
          ...columns.map((c) => ({ key: c.key, title: c.title, width: c.width, render: (_: unknown, r: R & { __i: number }) => c.render(rows[r.__i], set(r.__i), r.__i) })),
          ...(readOnly
            ? []
            : [
                {
                  key: 'remove',
                  width: 48,
                  render: (_: unknown, r: R & { __i: number }) => <Button type="text" aria-label={t('models.removeRow')} icon={<DeleteOutlined />} onClick={() => onChange(rows.filter((_x, j) => j !== r.__i))} />,
                },
              ]),
        ]}
      />
      {!readOnly && (
        <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={() => onChange([...rows, newRow()])} style={{ marginTop: 6 }}>
          {addLabel}
        </Button>
      )}
    </>
  );
}

/** Which class each of the model's native levels maps to. */
export function ClassMappingEditor({ levels, mapping, onChange, readOnly }: { levels: string[]; mapping: ClassMapping; onChange: (m: ClassMapping) => void; readOnly: boolean }) {
  const { t } = useTranslation();
  const all = [...new Set([...levels, ...Object.keys(mapping ?? {})])].filter(Boolean);
  return (
    <div>
      <Typography.Title level={5}>{t('models.mapping')}</Typography.Title>
      <Space wrap size={[16, 8]}>
        {all.map((l) => (
          <Space key={l} size={4}>
            <span>{l} →</span>
            <Select
              aria-label={t('models.mapFor', { level: l })}
              style={{ width: 72 }}
              value={mapping?.[l]}
              disabled={readOnly}
              onChange={(v) => onChange({ ...mapping, [l]: v })}
              options={['S', 'A', 'B', 'C'].map((c) => ({ value: c, label: c }))}
            />
          </Space>
        ))}
      </Space>
    </div>
  );
}

export interface ScoreThreshold {
  level: string;
  min_score: number;
}
export interface ValueThreshold {
  level: string;
  min?: number;
}

/** Score thresholds, highest first: a score at or above min_score gets the level. */
export function ScoreThresholds({ rows, onChange, readOnly }: { rows: ScoreThreshold[]; onChange: (r: ScoreThreshold[]) => void; readOnly: boolean }) {
  const { t } = useTranslation();
  return (
    <div>
      <Typography.Title level={5}>{t('models.thresholds')}</Typography.Title>
      <RowsEditor<ScoreThreshold>
        rows={rows ?? []}
        onChange={onChange}
        readOnly={readOnly}
        addLabel={t('models.addThreshold')}
        newRow={() => ({ level: '', min_score: 0 })}
        columns={[
          { key: 'level', title: t('models.level'), render: (r, set) => <Text label={t('models.level')} value={r.level} disabled={readOnly} onChange={(v) => set({ level: v })} /> },
          { key: 'min', title: t('models.minScore'), render: (r, set) => <Num label={t('models.minScore')} value={r.min_score} disabled={readOnly} onChange={(v) => set({ min_score: v ?? 0 })} /> },
        ]}
      />
    </div>
  );
}

/** Value thresholds, highest first; the last one without min catches the rest. */
export function ValueThresholds({ rows, onChange, readOnly }: { rows: ValueThreshold[]; onChange: (r: ValueThreshold[]) => void; readOnly: boolean }) {
  const { t } = useTranslation();
  return (
    <div>
      <Typography.Title level={5}>{t('models.thresholds')}</Typography.Title>
      <RowsEditor<ValueThreshold>
        rows={rows ?? []}
        onChange={onChange}
        readOnly={readOnly}
        addLabel={t('models.addThreshold')}
        newRow={() => ({ level: '' })}
        columns={[
          { key: 'level', title: t('models.level'), render: (r, set) => <Text label={t('models.level')} value={r.level} disabled={readOnly} onChange={(v) => set({ level: v })} /> },
          { key: 'min', title: t('models.minValue'), render: (r, set) => <Num label={t('models.minValue')} value={r.min} disabled={readOnly} onChange={(v) => set({ min: v })} /> },
        ]}
      />
    </div>
  );
}
