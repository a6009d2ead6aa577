/**
 * The framed box every view is built from: a title row with optional tools, then content.
 */
import type { ReactNode } from 'react';

interface PanelProps {
  readonly title: string;
  readonly subtitle?: ReactNode;
  readonly tools?: ReactNode;
  readonly className?: string;
  readonly children: ReactNode;
}

export function Panel({ title, subtitle, tools, className, children }: PanelProps) {
  return (
    <section className={`panel ${className ?? ''}`}>
      <header className="panel-head">
        <h2>{title}</h2>
        {subtitle && <span className="panel-sub">{subtitle}</span>}
        {tools && <div className="panel-tools">{tools}</div>}
      </header>
      <div className="panel-body">{children}</div>
    </section>
  );
}
