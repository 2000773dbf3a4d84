import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

/**
 * A modal confirmation (native <dialog>: focus is trapped and Esc cancels).
 * With `typeToConfirm`, the confirm button stays disabled until the user has
 * typed that exact word, for irreversible actions.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  cancelLabel = 'Avbryt',
  danger = false,
  typeToConfirm,
  busy = false,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  danger?: boolean;
  typeToConfirm?: string;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const inputId = useId();
  const [typed, setTyped] = useState('');
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      setTyped('');
      dialog.showModal();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);
  const ready = typeToConfirm === undefined || typed.trim() === typeToConfirm;
  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      {/* Rendered only while open, so a page with several dialogs has one set of their controls at a time. */}
      {open && (
        <>
          <h2 id={titleId}>{title}</h2>
          <div className="confirm-body">{children}</div>
          {typeToConfirm !== undefined && (
            <div className="field">
              <label htmlFor={inputId}>
                Skriv <strong>{typeToConfirm}</strong> för att bekräfta
              </label>
              <input id={inputId} value={typed} onChange={(event) => setTyped(event.target.value)} autoComplete="off" data-testid="confirm-text" />
            </div>
          )}
          <div className="button-row">
            <button type="button" className={danger ? 'danger' : 'primary'} disabled={!ready || busy} onClick={onConfirm} data-testid="confirm-ok">
              {busy ? 'Vänta…' : confirmLabel}
            </button>
            <button type="button" className="secondary" onClick={onCancel} autoFocus>
              {cancelLabel}
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}
