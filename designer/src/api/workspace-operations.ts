/** The signed-in user's workspaces (`myWorkspaces`) and moving between them (`switchWorkspace`). */
import { graphql } from './client';
import type { AuthPayload, Role } from './types';

export interface MyWorkspace {
  id: string;
  name: string;
  /** The user's role in that workspace. */
  role: Role;
}

export async function listMyWorkspaces(): Promise<MyWorkspace[]> {
  const data = await graphql<{ myWorkspaces: MyWorkspace[] }>(`query MyWorkspaces { myWorkspaces { id name role } }`);
  return data.myWorkspaces;
}

/** A token for another workspace the user belongs to (the same answer as login). */
export async function switchWorkspace(workspaceId: string): Promise<AuthPayload> {
  const data = await graphql<{ switchWorkspace: AuthPayload }>(
    `mutation SwitchWorkspace($workspaceId: ID!) {
      switchWorkspace(workspaceId: $workspaceId) { token role user { id email name } workspace { id name } }
    }`,
    { workspaceId },
  );
  return data.switchWorkspace;
}
