/**
 * Keeps a failing panel from taking the whole window down; offers a retry.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  readonly title: string;
  readonly children: ReactNode;
}

interface State {
  readonly error: Error | undefined;
}

export class PanelErrorBoundary extends Component<Props, State> {
  override state: State = { error: undefined };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`panel "${this.props.title}" crashed`, error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="panel panel-failed" role="alert">
        <div className="panel-head">
          <h2>{this.props.title}</h2>
        </div>
        <div className="panel-failed-body">
          <p>This panel stopped working: {error.message}</p>
          <button type="button" className="btn" onClick={() => this.setState({ error: undefined })}>
            Retry
          </button>
        </div>
      </div>
    );
  }
}
