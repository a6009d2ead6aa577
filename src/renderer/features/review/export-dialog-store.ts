/** Whether the Export dialog is open, and for which plot (none = the whole view). */
import { create } from 'zustand';

interface ExportDialogState {
  readonly open: boolean;
  readonly plotId: string | undefined;
  show(plotId?: string): void;
  close(): void;
}

export const useExportDialog = create<ExportDialogState>()((set) => ({
  open: false,
  plotId: undefined,
  show: (plotId) => set({ open: true, plotId }),
  close: () => set({ open: false }),
}));
