/**
 * GraphQL over HTTP against Tributary's `/graphql` (POST, `application/json`). Errors arrive as values
 * with the server's `extensions.code` (UNAUTHENTICATED, FORBIDDEN, BAD_USER_INPUT, NOT_FOUND,
 * RATE_LIMITED, …); `request` turns them into a thrown {@link GraphQLRequestError} so callers can
 * `catch` one type and read `code`.
 */

export interface GraphQLErrorEntry {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; field?: string; retryAfterSeconds?: number; [key: string]: unknown };
}

export interface GraphQLResult<T> {
  data?: T | null;
  errors?: GraphQLErrorEntry[];
}

export class GraphQLRequestError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly status: number,
    readonly errors: GraphQLErrorEntry[],
  ) {
    super(message);
    this.name = 'GraphQLRequestError';
  }

  /** `extensions.field` of the first error (BAD_USER_INPUT). */
  get field(): string | undefined {
    return this.errors[0]?.extensions?.field;
  }

  /** `extensions.retryAfterSeconds` of the first error (RATE_LIMITED). */
  get retryAfterSeconds(): number | undefined {
    return this.errors[0]?.extensions?.retryAfterSeconds;
  }
}

export interface GraphQLClientOptions {
  /** The endpoint, e.g. `http://127.0.0.1:8080/graphql` or `/graphql`. */
  url: string;
  /** The current access token, if signed in. */
  token?: () => string | null | undefined;
  /** The fetch to use (tests pass a fake). Default: the global fetch. */
  fetch?: typeof fetch;
}

export class GraphQLClient {
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: GraphQLClientOptions) {
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
  }

  /** Sends one operation and answers the raw result (data and errors as the server sent them). */
  async execute<T>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResult<T> & { status: number }> {
    const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json, application/json' };
    const token = this.options.token?.();
    if (token) {
      headers.Authorization = `Bearer ${token}`;
    }

    const response = await this.fetchImpl(this.options.url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    let body: GraphQLResult<T>;
    try {
      body = (await response.json()) as GraphQLResult<T>;
    } catch {
      body = { errors: [{ message: `HTTP ${response.status} without a GraphQL body`, extensions: { code: codeOfStatus(response.status) } }] };
    }

    return { ...body, status: response.status };
  }

  /** Sends one operation; its data, or a thrown {@link GraphQLRequestError} carrying the first error's code. */
  async request<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
    const result = await this.execute<T>(query, variables);
    if (result.errors?.length) {
      const first = result.errors[0];
      throw new GraphQLRequestError(first.message, first.extensions?.code ?? codeOfStatus(result.status), result.status, result.errors);
    }

    if (result.data == null) {
      throw new GraphQLRequestError(`HTTP ${result.status} without data`, codeOfStatus(result.status), result.status, []);
    }

    return result.data;
  }
}

function codeOfStatus(status: number): string {
  switch (status) {
    case 401:
      return 'UNAUTHENTICATED';
    case 403:
      return 'FORBIDDEN';
    case 413:
    case 415:
    case 400:
      return 'BAD_REQUEST';
    default:
      return status >= 500 ? 'INTERNAL' : 'UNKNOWN';
  }
}
