import { useEffect, useId, useRef, type ReactNode } from 'react';

interface ModalProps {
  title: string;
  /** 'warning' draws the dialog with the danger colours, for choices that can hurt. */
  tone?: 'normal' | 'warning';
  children: ReactNode;
  /** Escape, or the browser closing the dialog: the same as the cancel button. */
  onCancel: () => void;
  className?: string;
}

/**
 * A native modal <dialog>: the browser keeps focus inside it, makes the rest of the window inert
 * and closes it with Escape. Mounted means open.
 */
export function Modal({ title, tone = 'normal', children, onCancel, className }: ModalProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  return (
    <dialog
      ref={dialog}
      className={['modal', className].filter(Boolean).join(' ')}
      data-tone={tone}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id={titleId} className="modal__title">
        {title}
      </h2>
      {children}
    </dialog>
  );
}
