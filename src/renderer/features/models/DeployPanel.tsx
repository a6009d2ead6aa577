/**
 * Deploying a model package from the UI: drop a zip or a package folder, or pick one. In the
 * browser the zip bytes are uploaded over the API (`models:deploy`); in the desktop app the main
 * process can open its own file dialog (`models:deploy-dialog`). The server validates everything
 * (docs/model-package.md) and either reports what it measured or refuses with the precise reason.
 */
import { useEffect, useRef, useState, type DragEvent } from 'react';
import type { AppErrorInfo } from '../../../shared/result.ts';
import { MAX_UPLOAD_ZIP_BYTES, type DeployResult } from '../../../shared/models.ts';
import { useApi } from '../../app/api-context.tsx';
import { Panel } from '../../components/Panel.tsx';
import { bytesToBase64 } from '../../lib/base64.ts';
import { notifyError } from '../../state/notices-store.ts';
import { pickedFiles, toUpload, uploadFromDrop, type PackageUpload } from './package-files.ts';

type Outcome = { kind: 'ok'; result: DeployResult } | { kind: 'refused'; error: AppErrorInfo } | { kind: 'busy'; what: string };

function OutcomeView({ outcome }: { outcome: Outcome }) {
  if (outcome.kind === 'busy') return <div className="deploy-outcome muted">Validating {outcome.what}: loading, checking and dry-running the model…</div>;
  if (outcome.kind === 'refused') {
    return (
      <div className="deploy-outcome deploy-refused" data-testid="deploy-refused">
        Refused: {outcome.error.message}
      </div>
    );
  }
  const { model, report } = outcome.result;
  return (
    <div className="deploy-outcome deploy-ok" data-testid="deploy-ok">
      Deployed {model.id} v{model.version} ({model.status}). Load {report.loadMs.toFixed(0)} ms · reference segment{' '}
      {report.referenceMs.toFixed(1)} ms for {report.passes} pass{report.passes > 1 ? 'es' : ''} · reference call {report.referenceClass}
    </div>
  );
}

export function DeployPanel() {
  const api = useApi();
  const [activate, setActivate] = useState(true);
  const [outcome, setOutcome] = useState<Outcome>();
  const [dragging, setDragging] = useState(false);
  const [desktop, setDesktop] = useState(false);
  const zipInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void api.invoke('app:get-info', {}).then((r) => r.ok && setDesktop(r.value.mode === 'desktop'));
  }, [api]);

  const finish = (result: { ok: true; value: DeployResult | null } | { ok: false; error: AppErrorInfo }) => {
    if (!result.ok) {
      setOutcome({ kind: 'refused', error: result.error });
      notifyError('Deploy refused', result.error);
    } else setOutcome(result.value ? { kind: 'ok', result: result.value } : undefined);
  };

  const upload = async (make: () => Promise<PackageUpload>) => {
    let pkg: PackageUpload;
    try {
      pkg = await make();
    } catch (err) {
      return finish({ ok: false, error: { code: 'BAD_REQUEST', message: (err as Error).message } });
    }
    if (pkg.bytes.length > MAX_UPLOAD_ZIP_BYTES) {
      return finish({ ok: false, error: { code: 'MODEL_INVALID', message: `${pkg.fileName} is over the 64 MB upload limit; deploy it with "aiw models deploy"` } });
    }
    setOutcome({ kind: 'busy', what: pkg.fileName });
    finish(await api.invoke('models:deploy', { fileName: pkg.fileName, zipBase64: bytesToBase64(pkg.bytes), activate }));
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const transfer = e.dataTransfer;
    void upload(() => uploadFromDrop(transfer));
  };
  const onPicked = (input: HTMLInputElement | null) => {
    if (!input?.files?.length) return;
    const files = pickedFiles(input.files);
    const folder = files[0]!.path.includes('/') ? files[0]!.path.split('/')[0] : undefined;
    input.value = '';
    void upload(() => toUpload(files, folder));
  };
  const fromDialog = async () => {
    setOutcome({ kind: 'busy', what: 'the chosen package' });
    finish(await api.invoke('models:deploy-dialog', { activate }));
  };

  return (
    <Panel title="Deploy a model" subtitle="a zip or folder with model.json, model.onnx and MODEL_CARD.md (docs/model-package.md)">
      <div
        className={`dropzone ${dragging ? 'dropzone-active' : ''}`}
        data-testid="deploy-dropzone"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <span>Drop a package zip or folder here, or</span>
        <button type="button" className="btn btn-small" onClick={() => zipInput.current?.click()}>
          Choose zip…
        </button>
        <button type="button" className="btn btn-small" onClick={() => folderInput.current?.click()}>
          Choose folder…
        </button>
        {desktop && (
          <button type="button" className="btn btn-small" onClick={() => void fromDialog()}>
            Open dialog…
          </button>
        )}
        <label className="field">
          <input type="checkbox" checked={activate} onChange={(e) => setActivate(e.target.checked)} />
          <span>run live after deploy</span>
        </label>
        <input ref={zipInput} type="file" accept=".zip,application/zip" hidden data-testid="deploy-zip-input" onChange={(e) => onPicked(e.target)} />
        <input ref={folderInput} type="file" hidden {...{ webkitdirectory: '' }} onChange={(e) => onPicked(e.target)} />
      </div>
      {outcome && <OutcomeView outcome={outcome} />}
    </Panel>
  );
}
