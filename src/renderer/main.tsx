/**
 * Renderer entry: pick the transport, wire events into the stores, mount React.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { ApiProvider } from './app/api-context.tsx';
import { selectTransport } from './lib/transport.ts';
import { bindConnection } from './state/connection-store.ts';
import { wireEvents } from './state/wire-events.ts';
import './styles/index.css';

async function start(root: HTMLElement): Promise<void> {
  const transport = await selectTransport();
  bindConnection(transport.connection, transport.kind);
  wireEvents(transport.api);
  createRoot(root).render(
    <StrictMode>
      <ApiProvider api={transport.api}>
        <App />
      </ApiProvider>
    </StrictMode>,
  );
}

const root = document.getElementById('root');
if (root) {
  start(root).catch((err: unknown) => {
    // React never mounted, so say what happened in plain DOM.
    root.textContent = `The workstation failed to start: ${err instanceof Error ? err.message : String(err)}`;
    root.className = 'fatal';
  });
}
