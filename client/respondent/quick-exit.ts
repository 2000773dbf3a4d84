/**
 * Quick exit ("Lämna sidan snabbt"): replaces the page with a neutral site
 * and leaves nothing of the survey in the back history or in memory. It
 * never changes what is saved on the server: from the first moment of
 * leaving, api.ts sends no request at all (`isLeaving`), so no cleanup can
 * trigger an autosave of emptied answers.
 */

/** A neutral page to land on. Tests route this URL to a local stub. */
export const QUICK_EXIT_URL = 'https://www.google.com/search?q=v%C3%A4der';

const cleanups = new Set<() => void>();

/** Registers something to wipe (e.g. the survey model) on quick exit. Returns an unregister function. */
export function onQuickExit(cleanup: () => void): () => void {
  cleanups.add(cleanup);
  return () => {
    cleanups.delete(cleanup);
  };
}

let leaving = false;

/** True once the quick exit has started; api.ts then refuses every request. */
export function isLeaving(): boolean {
  return leaving;
}

export function quickExit(): void {
  if (leaving) return;
  leaving = true;
  // Each step is best effort on purpose: nothing may stop the navigation below.
  for (const cleanup of cleanups) {
    try {
      cleanup();
    } catch {
      /* keep leaving */
    }
  }
  try {
    document.title = '';
    document.body.replaceChildren();
  } catch {
    /* keep leaving */
  }
  try {
    // Overwrite the survey's history entry first, so that even if the
    // navigation below were interrupted, Back would not show the survey URL.
    history.replaceState(null, '', '/');
  } catch {
    /* keep leaving */
  }
  location.replace(QUICK_EXIT_URL);
}

/** Esc anywhere leaves at once. Returns a function that removes the listener. */
export function installEscapeKey(): () => void {
  const onKeyDown = (event: KeyboardEvent) => {
    if ((event.key === 'Escape' || event.key === 'Esc') && !event.isComposing) {
      event.preventDefault();
      quickExit();
    }
  };
  window.addEventListener('keydown', onKeyDown, { capture: true });
  return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
}
