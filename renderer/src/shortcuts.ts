import { useEffect } from 'react';

/** Every shortcut the app binds, listed once so the F1 overlay can never drift from the bindings. */
export const SHORTCUTS = ['F1', 'F4', 'F6', 'F7', 'F8', 'F9', 'Alt+L', 'Alt+W', 'Escape'] as const;
export type Shortcut = (typeof SHORTCUTS)[number];

function keyName(e: KeyboardEvent): string {
  return (e.altKey ? 'Alt+' : '') + (e.ctrlKey ? 'Ctrl+' : '') + (e.key.length === 1 ? e.key.toUpperCase() : e.key);
}

export function useShortcuts(map: Partial<Record<string, () => void>>): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const fn = map[keyName(e)];
      if (fn) {
        e.preventDefault();
        fn();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [map]);
}
