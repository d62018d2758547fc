import type { ReactNode } from 'react';

interface EmptyStateProps {
  icon: ReactNode;
  title: string;
  children: ReactNode;
}

/** Says plainly that there is nothing here yet, and what will appear once there is. */
export function EmptyState({ icon, title, children }: EmptyStateProps) {
  return (
    <section className="empty-state card" aria-labelledby="empty-state-title">
      <div className="empty-state__icon">{icon}</div>
      <h2 id="empty-state-title">{title}</h2>
      {children}
    </section>
  );
}
