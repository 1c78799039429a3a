import { Input, List, Tag, Typography, type InputRef } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ItemView } from '../../../electron/api/types';
import { call } from '../api/client';

/**
 * Opens focused as soon as a resident appears: likeliest items first; type a name or pinyin
 * initials (qjny), arrows move, Enter chooses.
 */
export function ItemPicker({ caseId, onChoose }: { caseId: string; onChoose: (code: string) => void }) {
  const { t, i18n } = useTranslation();
  const [query, setQuery] = useState('');
  const [items, setItems] = useState<ItemView[]>([]);
  const [resultsFor, setResultsFor] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  // Enter pressed before the results for the typed text arrived: choose once they do.
  const [pendingEnter, setPendingEnter] = useState(false);
  const input = useRef<InputRef>(null);

  useEffect(() => {
    input.current?.focus();
  }, [caseId]);

  useEffect(() => {
    let alive = true;
    call('items.search', { query, caseId })
      .then((r) => {
        if (alive) {
          setItems(r);
          setResultsFor(query);
          setActive(0);
        }
      })
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, [query, caseId]);

  useEffect(() => {
    if (pendingEnter && resultsFor === query) {
      setPendingEnter(false);
      if (items[0]) onChoose(items[0].code);
    }
  }, [pendingEnter, resultsFor, query, items, onChoose]);

  const onKey = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, items.length - 1));
    else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
    else if (e.key === 'Enter' && resultsFor !== query) setPendingEnter(true);
    else if (e.key === 'Enter' && items[active]) onChoose(items[active].code);
    else return;
    e.preventDefault();
  };

  return (
    <div className="item-picker" data-testid="item-picker">
      <Input
        ref={input}
        size="large"
        placeholder={t('items.placeholder')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={onKey}
        allowClear
        data-testid="item-search"
      />
      {/* No list, and no "none found" flashing up, until the first answer has arrived. */}
      {resultsFor !== null && (
        <List
          dataSource={items}
          locale={{ emptyText: t('items.none') }}
          renderItem={(it, i) => (
            <List.Item
              className={i === active ? 'item-row item-row--active' : 'item-row'}
              onClick={() => onChoose(it.code)}
              onMouseEnter={() => setActive(i)}
              data-testid={`item-${it.code}`}
            >
              <span
                title={
                  it.exempts?.length
                    ? `${t('items.exempts')}${it.exempts.map((x) => (i18n.language === 'en' ? x.en : x.zh)).join(i18n.language === 'en' ? ', ' : '、')}`
                    : undefined
                }
              >
                {i18n.language === 'en' ? it.names.en : it.names.zh}{' '}
                <Typography.Text type="secondary">{it.initials[0]}</Typography.Text>
                {it.department && (
                  <Typography.Text type="secondary">
                    {' '}
                    · {i18n.language === 'en' ? it.department.en : it.department.zh}
                  </Typography.Text>
                )}
              </span>
              <span>
                {it.page === 'CR80' && <Tag>{t('items.cardSize')}</Tag>}
                {it.hint && <Tag color={it.hint === 'eligible' ? 'green' : 'blue'}>{t(`items.hint_${it.hint}`)}</Tag>}
              </span>
            </List.Item>
          )}
        />
      )}
    </div>
  );
}
