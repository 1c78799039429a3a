import { BrowserWindow, screen, type Rectangle } from 'electron';
import { windowOptions } from './security';

/** Pure: full screen and kiosk-like on a second display; a movable window when there is one. */
export function citizenPlacement(
  displays: { id: number; bounds: Rectangle }[],
  primaryId: number,
): { kiosk: boolean; bounds?: Rectangle } {
  const other = displays.find((d) => d.id !== primaryId);
  return other ? { kiosk: true, bounds: other.bounds } : { kiosk: false };
}

/**
 * The citizen-facing window. It loads the same bundle with ?citizen, and main tells its IPC calls
 * apart by sender, so it reaches only the citizen operations and receives only citizen.changed.
 */
export function openCitizenWindow(preload: string, indexHtml: string): BrowserWindow {
  const place = citizenPlacement(screen.getAllDisplays(), screen.getPrimaryDisplay().id);
  const win = new BrowserWindow({
    ...windowOptions(preload),
    ...(place.bounds
      ? { x: place.bounds.x, y: place.bounds.y, width: place.bounds.width, height: place.bounds.height }
      : { width: 1024, height: 768 }),
    kiosk: place.kiosk,
    fullscreen: place.kiosk,
    frame: !place.kiosk,
    movable: !place.kiosk,
    title: '评价器 Citizen screen',
  });
  win.once('ready-to-show', () => win.showInactive());
  void win.loadFile(indexHtml, { search: 'citizen' });
  return win;
}
