import { Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ClassBadge } from '../../components/ClassBadge';

interface Move {
  from?: string | null;
  to: string;
  count: number;
}

const ROWS = ['S', 'A', 'B', 'C', null] as const;
const COLS = ['S', 'A', 'B', 'C'] as const;

/**
 * The movers matrix: current class down, proposed class across; cells above
 * the diagonal are upgrades (green), below downgrades (red).
 */
export function MoversMatrix({ movers }: { movers: Move[] }) {
  const { t } = useTranslation();
  const cell = (from: string | null, to: string) => movers.find((m) => (m.from ?? null) === from && m.to === to)?.count ?? 0;
  const data = ROWS.map((from) => ({ key: from ?? 'none', from }));
  const idx = (c: string | null) => (c === null ? 4 : COLS.indexOf(c as never));
  return (
    <Table
      size="small"
      pagination={false}
      dataSource={data}
      data-testid="movers-matrix"
      columns={[
        { title: <Typography.Text type="secondary">{t('reviews.fromTo')}</Typography.Text>, dataIndex: 'from', width: 120, render: (f: string | null) => <ClassBadge cls={f} /> },
        ...COLS.map((to) => ({
          title: <ClassBadge cls={to} />,
          key: to,
          align: 'right' as const,
          render: (_: unknown, r: { from: string | null }) => {
            const n = cell(r.from, to);
            const up = COLS.indexOf(to) < idx(r.from);
            const down = COLS.indexOf(to) > idx(r.from);
            const color = n === 0 ? 'rgba(0,0,0,0.45)' : up ? '#237804' : down ? '#a8071a' : undefined;
            return <span style={{ color, fontWeight: n && (up || down) ? 600 : undefined }}>{n}</span>;
          },
        })),
      ]}
    />
  );
}
