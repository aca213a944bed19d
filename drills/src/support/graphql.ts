import { gqlData } from '../../../e2e/test/support/graphql';

/** The token of a user that can sign in (the seeded admin). */
export async function loginToken(apiUrl: string, email: string, password: string): Promise<string> {
  const data = await gqlData<{ login: { token: string } }>(apiUrl, `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: email, p: password });
  return data.login.token;
}

export { gql, gqlData } from '../../../e2e/test/support/graphql';
