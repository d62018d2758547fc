import type { ReactNode } from 'react';

interface PageHeaderProps {
  title: string;
  intro: string;
  /** Something small beside the title, such as whether changes were saved. */
  aside?: ReactNode;
}

/** Every page starts the same way. The heading takes focus after navigation (see AppFrame). */
export function PageHeader({ title, intro, aside }: PageHeaderProps) {
  return (
    <header className="page-header">
      <div>
        <h1 tabIndex={-1}>{title}</h1>
        <p className="page-header__intro">{intro}</p>
      </div>
      {aside && <div className="page-header__aside">{aside}</div>}
    </header>
  );
}
