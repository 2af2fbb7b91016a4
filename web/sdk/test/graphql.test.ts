import { describe, expect, it } from 'vitest';
import { GraphQLClient, GraphQLRequestError } from '../src/graphql';

function fakeFetch(status: number, body: unknown, seen: { url?: string; init?: RequestInit }[] = []): typeof fetch {
  return (async (url: RequestInfo | URL, init?: RequestInit) => {
    seen.push({ url: String(url), init });
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  }) as typeof fetch;
}

describe('GraphQLClient', () => {
  it('posts the query, variables and bearer token and answers data', async () => {
    const seen: { url?: string; init?: RequestInit }[] = [];
    const client = new GraphQLClient({ url: '/graphql', token: () => 'jwt', fetch: fakeFetch(200, { data: { me: { id: '1' } } }, seen) });
    const data = await client.request<{ me: { id: string } }>('query ($x: Int) { me { id } }', { x: 1 });
    expect(data.me.id).toBe('1');
    expect(seen[0].url).toBe('/graphql');
    expect(seen[0].init?.method).toBe('POST');
    expect((seen[0].init?.headers as Record<string, string>).Authorization).toBe('Bearer jwt');
    expect(JSON.parse(String(seen[0].init?.body))).toEqual({ query: 'query ($x: Int) { me { id } }', variables: { x: 1 } });
  });

  it('sends no Authorization header when signed out', async () => {
    const seen: { init?: RequestInit }[] = [];
    const client = new GraphQLClient({ url: '/graphql', token: () => null, fetch: fakeFetch(200, { data: { a: 1 } }, seen) });
    await client.request('{ a }');
    expect((seen[0].init?.headers as Record<string, string>).Authorization).toBeUndefined();
  });

  it('throws the first error with its extensions.code, field and retryAfterSeconds', async () => {
    const client = new GraphQLClient({
      url: '/graphql',
      fetch: fakeFetch(200, { data: { sendMessage: null }, errors: [{ message: 'Too many messages', extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 4 } }] }),
    });
    const error = await client.request('mutation { sendMessage }').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphQLRequestError);
    expect((error as GraphQLRequestError).code).toBe('RATE_LIMITED');
    expect((error as GraphQLRequestError).retryAfterSeconds).toBe(4);

    const bad = new GraphQLClient({ url: '/graphql', fetch: fakeFetch(200, { errors: [{ message: 'bad', extensions: { code: 'BAD_USER_INPUT', field: 'text' } }] }) });
    const input = (await bad.request('mutation { x }').catch((e: unknown) => e)) as GraphQLRequestError;
    expect([input.code, input.field]).toEqual(['BAD_USER_INPUT', 'text']);
  });

  it('maps bodies that are not GraphQL to a code from the HTTP status', async () => {
    const client = new GraphQLClient({ url: '/graphql', fetch: fakeFetch(413, 'too large') });
    const error = (await client.request('{ a }').catch((e: unknown) => e)) as GraphQLRequestError;
    expect([error.code, error.status]).toEqual(['BAD_REQUEST', 413]);
    const unauthenticated = new GraphQLClient({ url: '/graphql', fetch: fakeFetch(401, '') });
    expect(((await unauthenticated.request('{ a }').catch((e: unknown) => e)) as GraphQLRequestError).code).toBe('UNAUTHENTICATED');
  });
});
