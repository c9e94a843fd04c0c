import { useEffect, useRef, useState } from 'react';
import { Empty, Input, Modal, Spin, Typography } from 'antd';
import type { InputRef } from 'antd';
import { useLazyQuery } from '@apollo/client/react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { CommandSearchDocument } from '../gql/graphql';
import { ClassBadge } from '../components/ClassBadge';

/* GraphQL */ `
  query CommandSearch($query: String!) {
    searchAccounts(query: $query, first: 10) {
      score
      account { id code name nameEn currentClass }
    }
  }
`;
const SearchAccounts = CommandSearchDocument;

/**
 * Ctrl/⌘-K: jump to an account by name, code or pinyin initials. Arrow keys
 * move, Enter opens, Escape closes; the list is the server's search over the
 * accounts the viewer may read.
 */
export function CommandMenu({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<InputRef>(null);
  const [run, { data, loading }] = useLazyQuery(SearchAccounts);

  useEffect(() => {
    if (!open) return;
    setQ('');
    setActive(0);
    setTimeout(() => input.current?.focus(), 50);
  }, [open]);

  useEffect(() => {
    const term = q.trim();
    if (!term) return;
    const timer = setTimeout(() => void run({ variables: { query: term } }), 150);
    return () => clearTimeout(timer);
  }, [q, run]);

  const hits = q.trim() ? (data?.searchAccounts ?? []) : [];
  const go = (id: string) => {
    onClose();
    navigate(`/accounts/${id}`);
  };

  return (
    <Modal open={open} onCancel={onClose} footer={null} closable={false} title={t('command.title')} destroyOnHidden width={600}>
      <Input
        ref={input}
        size="large"
        aria-label={t('command.placeholder')}
        placeholder={t('command.placeholder')}
        value={q}
        onChange={(e) => {
          setQ(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setActive((a) => Math.min(a + 1, hits.length - 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => Math.max(a - 1, 0));
          } else if (e.key === 'Enter' && hits[active]) {
            go(hits[active].account.id);
          }
        }}
      />
      <div style={{ minHeight: 120, marginTop: 12 }}>
        {loading && hits.length === 0 ? (
          <Spin />
        ) : q.trim() && hits.length === 0 && !loading ? (
          <Empty description={t('command.none')} />
        ) : !q.trim() ? (
          <Typography.Text type="secondary">{t('command.hint')}</Typography.Text>
        ) : (
          <ul role="listbox" aria-label={t('command.results')} className="command-list">
            {hits.map((h, i) => (
              <li
                key={h.account.id}
                role="option"
                aria-selected={i === active}
                onClick={() => go(h.account.id)}
                onMouseEnter={() => setActive(i)}
                className={i === active ? 'active' : undefined}
              >
                <ClassBadge cls={h.account.currentClass} />
                <span style={{ flex: 1 }}>{i18n.language === 'en' && h.account.nameEn ? h.account.nameEn : h.account.name}</span>
                <Typography.Text type="secondary">{h.account.code}</Typography.Text>
              </li>
            ))}
          </ul>
        )}
      </div>
    </Modal>
  );
}
