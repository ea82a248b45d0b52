import { activeShortcuts } from '../lib/shortcuts.ts';
import { useStore } from '../state/store.ts';
import { Dialog } from './dialog.tsx';

/** Lists the shortcuts of the current screen (they change with it). */
export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  const shortcuts = useStore(activeShortcuts);
  const unique = [...new Map(shortcuts.map((s) => [s.code, s])).values()];
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose}>
      <table class="shortcut-table">
        <tbody>
          {unique.map((shortcut) => (
            <tr>
              <td>
                <kbd>{shortcut.label}</kbd>
              </td>
              <td>{shortcut.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="muted">On a Mac, Alt is the Option key. In the reply box, Enter sends and Shift+Enter starts a new line.</p>
    </Dialog>
  );
}
