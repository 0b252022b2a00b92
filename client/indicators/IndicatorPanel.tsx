import { useState } from 'react';
import { INDICATOR_DEFINITIONS, type IndicatorName } from '../../shared/indicators/index.ts';
import { addIndicator, instanceLabel, removeIndicator, replaceInstance, type IndicatorInstance } from './indicator-set.ts';
import type { InstanceStatus } from './indicator-layer-controller.ts';
import { ParamsForm } from './ParamsForm.tsx';

interface Props {
  items: IndicatorInstance[];
  statuses: ReadonlyMap<string, InstanceStatus>;
  paneCount: number;
  problem: string | null;
  onChange: (items: IndicatorInstance[]) => void;
}

function statusText(status: InstanceStatus | undefined): string | null {
  if (!status || status.state === 'loading') return '…';
  if (status.state === 'error') return status.message;
  if (status.state === 'ready') return status.warning;
  return null;
}

/** Add, edit parameters of, hide and remove the chart's indicators. */
export function IndicatorPanel({ items, statuses, paneCount, problem, onChange }: Props) {
  const [choice, setChoice] = useState<IndicatorName>('ema');
  const [editing, setEditing] = useState<string | null>(null);
  const editedItem = items.find((item) => item.id === editing);

  return (
    <div className="indicator-panel" data-testid="indicator-panel" data-pane-count={paneCount}>
      <div className="indicator-row">
        <span className="indicator-title">Indicators</span>
        {items.map((item) => {
          const status = statuses.get(item.id);
          const note = statusText(status);
          return (
            <div
              key={item.id}
              className={`indicator-chip${item.visible ? '' : ' hidden'}${status?.state === 'error' ? ' failed' : ''}`}
              data-testid="indicator-item"
              data-id={item.id}
              data-name={item.spec.name}
              data-label={instanceLabel(item.spec)}
              data-state={status?.state ?? 'loading'}
              data-pane={status?.state === 'ready' ? String(status.pane) : ''}
              data-points={status?.state === 'ready' ? String(status.points) : '0'}
              data-provisional={status?.state === 'ready' && status.provisional !== null ? String(status.provisional) : ''}
            >
              <input
                type="color"
                value={item.color}
                aria-label={`${instanceLabel(item.spec)} colour`}
                onChange={(e) => onChange(replaceInstance(items, item.id, { color: e.target.value }))}
                data-testid="indicator-color"
              />
              <button type="button" className="indicator-label" onClick={() => setEditing(editing === item.id ? null : item.id)} data-testid="indicator-edit">
                {instanceLabel(item.spec)}
              </button>
              <button
                type="button"
                aria-pressed={item.visible}
                title={item.visible ? 'Hide' : 'Show'}
                onClick={() => onChange(replaceInstance(items, item.id, { visible: !item.visible }))}
                data-testid="indicator-visibility"
              >
                {item.visible ? '◉' : '○'}
              </button>
              <button
                type="button"
                title="Remove"
                onClick={() => {
                  if (editing === item.id) setEditing(null);
                  onChange(removeIndicator(items, item.id));
                }}
                data-testid="indicator-remove"
              >
                ✕
              </button>
              {note && (
                <span
                  className={status?.state === 'error' ? 'indicator-error' : 'indicator-note'}
                  role={status?.state === 'error' ? 'alert' : undefined}
                  title={note}
                  data-testid="indicator-note"
                >
                  {note}
                </span>
              )}
            </div>
          );
        })}
        <div className="indicator-add">
          <select value={choice} onChange={(e) => setChoice(e.target.value as IndicatorName)} aria-label="Indicator to add" data-testid="indicator-add-select">
            {INDICATOR_DEFINITIONS.map((d) => (
              <option key={d.name} value={d.name}>
                {d.label}
              </option>
            ))}
          </select>
          <button type="button" onClick={() => onChange(addIndicator(items, choice, crypto.randomUUID()))} data-testid="indicator-add">
            + Add
          </button>
        </div>
      </div>
      {editedItem && (
        <ParamsForm
          key={editedItem.id}
          spec={editedItem.spec}
          onCancel={() => setEditing(null)}
          onSave={(spec) => {
            setEditing(null);
            onChange(replaceInstance(items, editedItem.id, { spec }));
          }}
        />
      )}
      {problem && (
        <div className="indicator-error" role="alert" data-testid="indicator-problem">
          {problem}
        </div>
      )}
    </div>
  );
}
