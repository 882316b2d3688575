// A GraphQL client that behaves like a browser or an agency system: real HTTP, a cookie jar
// for the session, and an Accept-Language for translated errors.
export interface GraphQLResult<T = Record<string, any>> {
  data?: T | null;
  errors?: { message: string; path?: string[]; extensions?: { code?: string; reason?: string; [key: string]: unknown } }[];
}

export class Client {
  cookie: string | undefined;
  /** An API client's token, sent as `Authorization: Bearer`, as agency systems do. */
  bearer: string | undefined;
  lastSetCookie: string | null = null;
  lastStatus = 0;

  /** Headers sent with every request (an X-Forwarded-For to act from another address). */
  headers: Record<string, string> = {};

  constructor(readonly baseUrl: string, readonly locale: 'vi' | 'en' = 'vi') {}

  /** Requests as if from `address`, which the server learns from its trusted (loopback) proxy. */
  from(address: string) {
    this.headers['x-forwarded-for'] = address;
    return this;
  }

  async request<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResult<T>> {
    const response = await fetch(`${this.baseUrl}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'accept-language': this.locale,
        ...this.headers,
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.bearer ? { authorization: `Bearer ${this.bearer}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    this.lastStatus = response.status;
    this.lastSetCookie = response.headers.get('set-cookie');
    const session = this.lastSetCookie?.match(/treem_session=([^;]*)/);
    if (session) this.cookie = session[1] ? `treem_session=${session[1]}` : undefined;
    return (await response.json()) as GraphQLResult<T>;
  }

  async login(username: string, password: string) {
    const result = await this.request<{ login: { viewer: { id: string; displayName: string } } }>(
      'mutation ($input: LoginInput!) { login(input: $input) { viewer { id displayName } } }',
      { input: { username, password } },
    );
    if (result.errors) throw new Error(`login failed for ${username}: ${result.errors[0]?.message}`);
    return result.data!.login.viewer;
  }
}

/** The error code of the first error, for compact assertions. */
export const errorCode = (result: GraphQLResult) => result.errors?.[0]?.extensions?.code;

/** The Relay global id Pothos gives a row ("Type:id", base64). */
export const globalId = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');
