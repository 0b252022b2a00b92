import { SHORTCUT_HELP } from './chart-shortcuts.ts';

/** The ⌨ button beside the intervals and the list of chart shortcuts it opens (also on `?`). */
export function ShortcutsHelp({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  return (
    <span className="shortcuts-help">
      <button
        type="button"
        className="shortcuts-button"
        aria-expanded={open}
        aria-label="Keyboard shortcuts"
        title="Keyboard shortcuts ( ? )"
        onClick={() => onOpenChange(!open)}
        data-testid="shortcuts-open"
      >
        ⌨
      </button>
      {open && (
        <div className="shortcuts-popover" role="dialog" aria-label="Keyboard shortcuts" data-testid="shortcuts-help">
          <table>
            <tbody>
              {SHORTCUT_HELP.map((s) => (
                <tr key={s.keys}>
                  <td>
                    {s.keys.split(' ').map((k, i) => (k === '/' && i > 0) || k === '–' ? ` ${k} ` : <kbd key={i}>{k}</kbd>)}
                  </td>
                  <td>{s.action}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </span>
  );
}
