/**
 * The workspace's connector actions and scoring models, loaded once per session for the canvas and
 * the node panel: irreversible actions are marked on nodes, score thresholds name the tier they lead
 * into, action forms are generated from the actions' input JSON Schemas. The canvas works without it
 * (plainer summaries, JSON-only inputs), so a failed load only leaves it empty.
 */
import { create } from 'zustand';
import { fetchDesignerCatalogue } from '../api/operations';
import type { CatalogueAction, DesignerCatalogueData } from '../api/types';
import type { ActionInfo, ScoringModelInfo, SummaryCatalogue } from '../canvas/step-summary';
import { useSessionStore } from './session-store';

/** A connector with its actions, in the catalogue's order (the action picker lists them). */
export interface ConnectorInfo {
  name: string;
  displayName: string;
  version: string;
  actions: CatalogueAction[];
}

export interface CatalogueState {
  catalogue: SummaryCatalogue;
  connectors: ConnectorInfo[];
  /** A model to preselect in new score steps and triggers (the most recently changed one). */
  defaultScoringModel: string | undefined;
  status: 'idle' | 'loading' | 'ready' | 'failed';
  load: () => Promise<void>;
}

type Tier = ScoringModelInfo['tiers'][number];

function tiersOf(document: unknown): Tier[] {
  const tiers = (document as { tiers?: unknown } | null)?.tiers;
  if (!Array.isArray(tiers)) return [];
  return tiers.filter(
    (tier): tier is Tier => typeof tier?.name === 'string' && typeof tier?.min === 'number' && typeof tier?.max === 'number',
  );
}

/** The API's answer as the summaries read it. */
export function catalogueFrom(data: DesignerCatalogueData): SummaryCatalogue {
  const actions: Record<string, ActionInfo> = {};
  for (const connector of data.connectorCatalogue) {
    for (const action of connector.actions) {
      actions[`${connector.name}.${action.name}`] = { displayName: `${connector.displayName}: ${action.displayName}`, irreversible: action.irreversible };
    }
  }
  const models: Record<string, ScoringModelInfo> = {};
  for (const model of data.scoringModels) {
    const latest = [...model.versions].sort((a, b) => b.version - a.version)[0];
    models[model.id] = { name: model.name, tiers: tiersOf(latest ? latest.definition : model.draft) };
  }
  return { actions, models };
}

export function connectorsFrom(data: DesignerCatalogueData): ConnectorInfo[] {
  return data.connectorCatalogue.map(({ name, displayName, version, actions }) => ({ name, displayName, version, actions }));
}

/** The catalogue's entry for `<connector>.<action>`, if the server has it. */
export function findAction(connectors: readonly ConnectorInfo[], connector: string, action: string): CatalogueAction | undefined {
  return connectors.find((entry) => entry.name === connector)?.actions.find((entry) => entry.name === action);
}

export const useCatalogueStore = create<CatalogueState>()((set, get) => ({
  catalogue: {},
  connectors: [],
  defaultScoringModel: undefined,
  status: 'idle',
  load: async () => {
    if (get().status === 'loading' || get().status === 'ready') return;
    set({ status: 'loading' });
    try {
      const data = await fetchDesignerCatalogue();
      set({ catalogue: catalogueFrom(data), connectors: connectorsFrom(data), defaultScoringModel: data.scoringModels[0]?.id, status: 'ready' });
    } catch {
      set({ status: 'failed' });
    }
  },
}));

// Another session may be another workspace: its catalogue is loaded afresh.
useSessionStore.subscribe((session, previous) => {
  if (session.token !== previous.token) useCatalogueStore.setState({ catalogue: {}, connectors: [], defaultScoringModel: undefined, status: 'idle' });
});
