/**
 * The deployed models, from `models:list`, `models:changed` and `models:set-active` replies.
 */
import { create } from 'zustand';
import type { ModelInfo } from '../../shared/domain.ts';

interface ModelsState {
  readonly models: readonly ModelInfo[];
  readonly loaded: boolean;
  setModels(models: readonly ModelInfo[]): void;
  /** Replaces the model with the same id and version (or appends it). */
  upsert(model: ModelInfo): void;
}

export const modelKey = (m: Pick<ModelInfo, 'id' | 'version'>): string => `${m.id}@${m.version}`;

export const useModelsStore = create<ModelsState>()((set) => ({
  models: [],
  loaded: false,
  setModels: (models) => set({ models, loaded: true }),
  upsert: (model) =>
    set((state) => {
      const key = modelKey(model);
      const found = state.models.some((m) => modelKey(m) === key);
      return { models: found ? state.models.map((m) => (modelKey(m) === key ? model : m)) : [...state.models, model] };
    }),
}));
