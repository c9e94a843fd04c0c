import type { ReactNode } from 'react';
import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

export interface ListColumn<Row> {
  key: string;
  title: string;
  width?: number;
  align?: 'left' | 'right';
  // The URL's sort key when the column can be sorted by the server.
  sortKey?: string;
  render: (row: Row) => ReactNode;
}

export interface ListSort {
  key: string;
  dir: 'asc' | 'desc';
}

/**
 * A read-only list as a plain HTML table: sortable headers (the server
 * sorts; the header only says which way), a sticky head, and a dimmed body
 * while the next page loads. The first screen uses it instead of antd's
 * Table, whose virtualisation, selection and filter machinery the accounts
 * list does not need but would ship (about 65 KB gzip) before the first row.
 */
export function ListTable<Row>({
  caption,
  columns,
  rows,
  rowKey,
  sort,
  onSort,
  busy,
  empty,
  rowTestId,
}: {
  caption: string;
  columns: ListColumn<Row>[];
  rows: Row[];
  rowKey: (r: Row) => string;
  sort?: ListSort;
  onSort?: (s: ListSort) => void;
  busy?: boolean;
  empty: ReactNode;
  rowTestId?: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="list-table-wrap" aria-busy={busy || undefined}>
      <table className={busy ? 'list-table busy' : 'list-table'}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => {
              const active = c.sortKey && sort?.key === c.sortKey ? sort.dir : undefined;
              return (
                <th
                  key={c.key}
                  scope="col"
                  style={{ width: c.width, textAlign: c.align ?? 'left' }}
                  aria-sort={active ? (active === 'asc' ? 'ascending' : 'descending') : undefined}
                >
                  {c.sortKey && onSort ? (
                    <button
                      type="button"
                      className="list-table-sort"
                      title={t('list.sortBy', { column: c.title })}
                      onClick={() => onSort({ key: c.sortKey!, dir: active === 'asc' ? 'desc' : 'asc' })}
                    >
                      {c.title}
                      <span className={active ? 'sort-icon on' : 'sort-icon'} aria-hidden>
                        {active === 'desc' ? <ArrowDownOutlined /> : <ArrowUpOutlined />}
                      </span>
                    </button>
                  ) : (
                    c.title
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="list-table-empty">
                {empty}
              </td>
            </tr>
          ) : (
            rows.map((r) => (
              <tr key={rowKey(r)} data-testid={rowTestId}>
                {columns.map((c) => (
                  <td key={c.key} style={{ textAlign: c.align ?? 'left' }}>
                    {c.render(r)}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
