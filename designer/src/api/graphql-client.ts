/** A minimal GraphQL-over-HTTP client: one POST per operation, bearer token, readable errors. */

/** An operation failed: `message` is fit to show to a user; `code` is the GraphQL `extensions.code`. */
export class GraphqlRequestError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly status: number | undefined,
  ) {
    super(message);
    this.name = 'GraphqlRequestError';
  }
}

export interface GraphqlClientOptions {
  /** Same-origin "/graphql" in the browser; an absolute URL elsewhere. */
  url: string;
  getToken: () => string | null;
  /** Called when the API says the token is missing or no longer valid. */
  onUnauthenticated?: () => void;
  fetch?: typeof fetch;
}

export type GraphqlRequest = <TData>(query: string, variables?: Record<string, unknown>) => Promise<TData>;

interface GraphqlResponseBody {
  data?: unknown;
  errors?: { message?: unknown; extensions?: { code?: unknown } }[];
}

export function createGraphqlClient(options: GraphqlClientOptions): GraphqlRequest {
  const fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));

  return async function request<TData>(query: string, variables?: Record<string, unknown>): Promise<TData> {
    const token = options.getToken();
    let response: Response;
    try {
      response = await fetchImpl(options.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query, variables: variables ?? {} }),
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new GraphqlRequestError(`Cannot reach the Tripline API (${reason}).`, 'NETWORK_ERROR', undefined);
    }

    const body = parseBody(await response.text());
    if (!body) {
      throw new GraphqlRequestError(
        `The Tripline API answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''} without a GraphQL response. Is the API running?`,
        'BAD_RESPONSE',
        response.status,
      );
    }

    if (body.errors && body.errors.length > 0) {
      const code = firstCode(body.errors);
      if (code === 'UNAUTHENTICATED') options.onUnauthenticated?.();
      const messages = body.errors.map((e) => (typeof e.message === 'string' ? e.message : 'Unknown error'));
      throw new GraphqlRequestError([...new Set(messages)].join('; '), code, response.status);
    }
    if (body.data === undefined || body.data === null) {
      throw new GraphqlRequestError(`The Tripline API answered HTTP ${response.status} with no data.`, 'BAD_RESPONSE', response.status);
    }
    return body.data as TData;
  };
}

function parseBody(text: string): GraphqlResponseBody | null {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === 'object' && ('data' in parsed || 'errors' in parsed)
      ? (parsed as GraphqlResponseBody)
      : null;
  } catch {
    return null;
  }
}

function firstCode(errors: NonNullable<GraphqlResponseBody['errors']>): string | undefined {
  for (const error of errors) {
    const code = error.extensions?.code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/** The message of any error thrown by an operation, for display. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
